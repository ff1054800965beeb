package main

import (
	"runtime"
	"runtime/debug"
)

// version is the release this binary reports with --version. Release builds
// set it with -ldflags "-X main.version=v1.2.3"; otherwise the module version
// recorded by the go command is used when there is one.
var version = "devel"

// versionText returns the --version line.
func versionText() string {
	v := version
	if info, ok := debug.ReadBuildInfo(); ok && v == "devel" && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version
	}
	return "dualgrad " + v + " (" + runtime.Version() + ")\n"
}

// usageText is the --help text.
const usageText = `dualgrad evaluates an expression and its exact derivatives (forward-mode
automatic differentiation with dual numbers: no finite differences, no Python).

Usage:
  dualgrad [flags] EXPR [NAME=VALUE ...]
  dualgrad [flags] --in FILE.csv EXPR [NAME=VALUE ...]

EXPR uses + - * / ^ (or **), parentheses, the constants pi and e, and
  sin cos tan asin acos atan sinh cosh tanh asinh acosh atanh exp exp2 expm1
  log log2 log10 log1p sqrt cbrt abs erf erfc atan2 pow hypot min max.
  Several expressions separated by ';' make a vector function (a Jacobian).
NAME=VALUE binds a variable to a number (x=2, y=-1.5e-3, z=inf) or to a
  tensor written as nested lists ('x=[[2., 3.], [4., 5.]]'). Tensors broadcast
  as in NumPy; the gradient of a tensor input is what PyTorch's
  f.sum().backward() leaves in x.grad: shaped like x, summed over broadcast
  dimensions.

Flags (before or after the arguments; "--" ends the flags, for an expression
that starts with '-'):
  --json            print one JSON object: {"value": V, "gradient": {"x": G, ...}}
                    (a vector function gives "value": [...] and "jacobian");
                    NaN and infinities are the strings "NaN", "Inf", "-Inf"
  --wrt x,y         differentiate only with respect to these variables
                    (default: all, in order of first appearance)
  --jvp x=1,y=0     the directional derivative along this direction instead
                    of the gradient (unnamed variables get 0)
  --hessian         also print the Hessian (numbers only, one output)
  --check           also compare with central finite differences and print the
                    largest relative difference |AD - FD| / max(1, |AD|);
                    warns on stderr when it is too large to be rounding
  --in FILE         batch mode: read points from a CSV file (- for stdin) whose
                    header names the variables; NAME=VALUE arguments give the
                    variables that are not columns. Writes a CSV with the value
                    and one column per partial (header f,df/dx,df/dy; or f,df/dv
                    with --jvp), one row per input row, in constant memory.
  --out FILE        write the result to FILE instead of stdout (replaced only
                    when the run succeeds)
  --workers N       goroutines for batch evaluation (default 0: up to one per
                    CPU, fewer for batches too small to keep them busy)
  --help, -h        show this help
  --version         show the version

Numbers are printed in the shortest form that reads back to the same float64
(plain notation from 1e-6 up to 1e21, exponent notation outside); inside a
tensor an integral value keeps a trailing dot, as PyTorch prints it (12.).

Examples (from the PyTorch autograd notebook):
  dualgrad 'x^3 + y^2' x=2 y=4
      f = 24, ∂f/∂x = 12, ∂f/∂y = 8
  dualgrad 'x^3 + y^2' 'x=[[2., 3., 2.], [2., 3., 3.]]' 'y=[[4., 5., 5.], [4., 5., 5.]]'
      ∂f/∂x = tensor([[12., 27., 12.], [12., 27., 27.]]) and ∂f/∂y likewise
  dualgrad 'x*y' 'x=[[1., 2., 3.], [2., 4., 6.]]' 'y=[[3., 6., 9.], [-1., 1., 2.]]'
      ∂f/∂x is y
  dualgrad 'sin(x*y)/sin(x)' x=2 y=3          the notebook's task
  dualgrad --wrt y 'sin(x*y)/sin(x)' x=1.5 y=-1.5
  dualgrad --json --hessian 'sin(x*y)/sin(x)' x=2 y=3
  dualgrad 'x*y; x+y' x=2 y=3                 a vector function: its Jacobian
  dualgrad --jvp x=1,y=1 'sin(x*y)/sin(x)' x=2 y=3
  dualgrad --in points.csv --out grads.csv 'sin(x*y)/sin(x)'

Exit status: 0 success; 1 a file or stream could not be read or written;
2 bad input (flags, expression, bindings, tensor shapes or CSV data), with a
message on stderr that says what and where; 3 a bug in dualgrad. A NaN or
infinity in a result is not an error: it is printed, with a warning naming the
operation that produced it. Batch output streams: rows before a bad input row
may already be on stdout, but --out FILE is only written when the run succeeds.
`
