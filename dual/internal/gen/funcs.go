package main

// unary is a one-argument function whose rule is the scalar function Rule+"D" in
// package dual, returning the value and the first derivative.
type unary struct {
	Name string // method name
	Rule string // rule prefix: sin for sinD
	Doc  string // doc comment after the method name, special cases included
}

// binary is a two-argument function whose rule returns the value and both partials.
type binary struct {
	Name string
	Rule string
	Doc  string
}

var unaryFuncs = []unary{
	{"Sin", "sin", "returns sin x, with derivative cos x. Special cases and accuracy are those of math.Sin."},
	{"Cos", "cos", "returns cos x, with derivative -sin x. Special cases and accuracy are those of math.Cos."},
	{"Exp", "exp", "returns e**x, with derivative e**x. Special cases and accuracy are those of math.Exp."},
	{"Log", "log", "returns the natural logarithm of x, with derivative 1/x. Special cases and accuracy are those of math.Log; at x = 0 the derivative is +Inf."},
	{"Sqrt", "sqrt", "returns the square root of x, with derivative 1/(2 sqrt x). At x = 0 the derivative is +Inf, as in PyTorch; a zero tangent stays zero."},
}

var binaryFuncs = []binary{
	{"Pow", "pow", "returns x**y."},
}
