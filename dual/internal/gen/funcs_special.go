package main

// specialUnaryFuncs holds the hyperbolic, error, gamma and other special functions.
var specialUnaryFuncs = []unary{}

// specialBinaryFuncs holds two-argument functions such as Hypot, Min and Max.
var specialBinaryFuncs = []binary{}
