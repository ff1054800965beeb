module github.com/dualgrad/dualgrad/bench

go 1.26.0

require (
	github.com/dualgrad/dualgrad v0.0.0
	gonum.org/v1/gonum v0.17.0
)

require (
	github.com/klauspost/cpuid/v2 v2.3.0 // indirect
	golang.org/x/exp v0.0.0-20261113113407-e3970619a1a4 // indirect
	golang.org/x/sys v0.30.0 // indirect
)

replace github.com/dualgrad/dualgrad => ../
