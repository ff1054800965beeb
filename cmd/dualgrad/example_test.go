package main

import (
	"os"
	"strings"
)

// The notebook's task: the partial derivatives of sin(xy)/sin(x) at (2, 3).
func Example() {
	run([]string{"sin(x*y)/sin(x)", "x=2", "y=3"}, nil, os.Stdout, os.Stderr)
	// Output:
	// f = -0.3072872417272238
	// ∂f/∂x = 3.0272099812317133
	// ∂f/∂y = 2.111894872511142
}

// Tensors as in PyTorch: the gradients are what f.sum().backward() leaves in
// x.grad and y.grad.
func Example_tensors() {
	run([]string{"x**3 + y**2", "x=[[2., 3., 2.], [2., 3., 3.]]", "y=[[4., 5., 5.], [4., 5., 5.]]"}, nil, os.Stdout, os.Stderr)
	// Output:
	// f = tensor([[24., 52., 33.],
	//             [24., 52., 52.]])
	// ∂f/∂x = tensor([[12., 27., 12.],
	//                 [12., 27., 27.]])
	// ∂f/∂y = tensor([[ 8., 10., 10.],
	//                 [ 8., 10., 10.]])
}

// JSON output for programs, here with the Hessian.
func Example_json() {
	run([]string{"--json", "--hessian", "x^3*y^2", "x=2", "y=3"}, nil, os.Stdout, os.Stderr)
	// Output:
	// {"value": 72, "gradient": {"x": 108, "y": 48}, "hessian": {"x": {"x": 108, "y": 72}, "y": {"x": 72, "y": 16}}}
}

// Batch mode: one output row per CSV input row.
func Example_batch() {
	csv := "x,y\n1,2\n3,4\n"
	run([]string{"--in", "-", "x*y"}, strings.NewReader(csv), os.Stdout, os.Stderr)
	// Output:
	// f,df/dx,df/dy
	// 2,2,1
	// 12,4,3
}
