// Command dualgrad evaluates an expression and its exact derivatives, at a
// point, over tensors or over the rows of a CSV file, using forward-mode
// automatic differentiation (package expr, through package dual at a point
// and package vec over batches).
//
// Usage:
//
//	dualgrad [flags] EXPR [NAME=VALUE ...]
//
// For example,
//
//	dualgrad 'sin(x*y)/sin(x)' x=2 y=3
//
// prints the value of sin(xy)/sin(x) at (2, 3) and one line per partial
// derivative:
//
//	f = -0.3072872417272238
//	∂f/∂x = 3.0272099812317133
//	∂f/∂y = 2.111894872511142
//
// A variable bound to a tensor ('x=[[2., 3.], [4., 5.]]') gives tensors in
// PyTorch's layout, and the gradient PyTorch's f.sum().backward() would leave
// in x.grad. --json prints one JSON object instead; --in FILE.csv evaluates
// every row of a CSV file in constant memory. Exit status 2 means bad input
// (with a message on stderr that points at it), 1 an I/O failure. Run
// dualgrad --help for every flag and more examples.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
