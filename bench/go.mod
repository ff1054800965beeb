module github.com/dualgrad/dualgrad/bench

go 1.26.0

require github.com/dualgrad/dualgrad v0.0.0

require gonum.org/v1/gonum v0.17.0 // indirect

replace github.com/dualgrad/dualgrad => ../
