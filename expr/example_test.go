package expr_test

import (
	"errors"
	"fmt"

	"github.com/dualgrad/dualgrad/expr"
)

// The seed notebook's task: the partial derivatives of sin(xy)/sin(x).
func ExampleProgram_Gradient() {
	f, err := expr.Parse("sin(x*y)/sin(x)")
	if err != nil {
		panic(err)
	}
	p, err := f.Compile(nil)
	if err != nil {
		panic(err)
	}
	for _, pt := range [][]float64{{2, 3}, {1.5, -1.5}} {
		v, g := p.Gradient(pt)
		fmt.Printf("f(%v, %v) = %.6f  df/dx = %.6f  df/dy = %.6f\n", pt[0], pt[1], v, g[0], g[1])
	}
	// Output:
	// f(2, 3) = -0.307287  df/dx = 3.027210  df/dy = 2.111895
	// f(1.5, -1.5) = -0.780027  df/dx = 0.999942  df/dy = -0.944627
}

// PyTorch's f.sum().backward() over order-2 tensors, as in the seed notebook.
func ExampleProgram_Backward() {
	f, _ := expr.Parse("x^3 + y^2")
	p, _ := f.Compile(nil)
	x := expr.Tensor{Shape: []int{2, 3}, Data: []float64{2, 3, 2, 2, 3, 3}}
	y := expr.Tensor{Shape: []int{2, 3}, Data: []float64{4, 5, 5, 4, 5, 5}}
	_, grads, err := p.Backward([]expr.Tensor{x, y}, expr.BatchOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println("x.grad", grads[0].Shape, grads[0].Data)
	fmt.Println("y.grad", grads[1].Shape, grads[1].Data)
	// Output:
	// x.grad [2 3] [12 27 12 12 27 27]
	// y.grad [2 3] [8 10 10 8 10 10]
}

// Broadcasting: a column of x values against a row of y values.
func ExampleProgram_EvalBatch() {
	f, _ := expr.Parse("x * y")
	p, _ := f.Compile(nil)
	x := expr.Tensor{Shape: []int{2, 1}, Data: []float64{1, 2}}
	y := expr.Tensor{Shape: []int{3}, Data: []float64{10, 20, 30}}
	values, partials, err := p.EvalBatch([]expr.Tensor{x, y}, expr.BatchOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println(values[0].Shape, values[0].Data)
	fmt.Println("df/dx", partials[0][0].Data)
	fmt.Println("df/dy", partials[0][1].Data)
	// Output:
	// [2 3] [10 20 30 20 40 60]
	// df/dx [10 20 30 10 20 30]
	// df/dy [1 1 1 2 2 2]
}

// Parse errors locate the problem and suggest a fix.
func ExampleSyntaxError() {
	_, err := expr.Parse("sinn(x) + 1")
	var se *expr.SyntaxError
	if errors.As(err, &se) {
		fmt.Println(se.Caret())
		fmt.Println(se)
	}
	// Output:
	// sinn(x) + 1
	// ^
	// 1:1: unknown function "sinn" (did you mean "sin"?)
}

// The same function built in Go compiles to the same program as the parsed text.
func ExampleNewFunc() {
	x, y := expr.Var("x"), expr.Var("y")
	f := expr.NewFunc(expr.Div(expr.Sin(expr.Mul(x, y)), expr.Sin(x)))
	fmt.Println(f)
	p, _ := f.Compile([]string{"x", "y"})
	v, g := p.Gradient([]float64{2, 3})
	fmt.Printf("%.6f %.6f %.6f\n", v, g[0], g[1])
	// Output:
	// sin(x * y) / sin(x)
	// -0.307287 3.027210 2.111895
}

func ExampleProgram_Hessian() {
	f, _ := expr.Parse("x^2 * y + y^3")
	p, _ := f.Compile(nil)
	v, g, h := p.Hessian([]float64{1, 2})
	fmt.Println(v, g, h)
	// Output:
	// 10 [4 13] [[4 2] [2 12]]
}

func ExampleProgram_Jacobian() {
	f, _ := expr.Parse("x*y; x + y^2")
	p, _ := f.Compile(nil)
	v, jac := p.Jacobian([]float64{3, 4})
	fmt.Println(v, jac)
	// Output:
	// [12 19] [[4 3] [1 8]]
}

// Streaming evaluation into caller-owned columns, as a CSV tool would use it.
func ExampleProgram_EvalColumns() {
	f, _ := expr.Parse("x^3 + y^2")
	p, _ := f.Compile(nil)
	cols := [][]float64{{2, 3}, {4, 5}}
	values := [][]float64{make([]float64, 2)}
	partials := [][][]float64{{make([]float64, 2), make([]float64, 2)}}
	if err := p.EvalColumns(cols, values, partials, expr.BatchOptions{Workers: 1}); err != nil {
		panic(err)
	}
	fmt.Println(values[0], partials[0][0], partials[0][1])
	// Output:
	// [24 52] [12 27] [8 10]
}

// The derivative of x^3 + y^2 along a different direction at each point: (1, 0) at
// the first, (1, 1) at the second.
func ExampleProgram_JVPColumns() {
	f, _ := expr.Parse("x^3 + y^2")
	p, _ := f.Compile(nil)
	cols := [][]float64{{2, 3}, {4, 5}}
	tangents := [][]float64{{1, 1}, {0, 1}}
	values, jvps := [][]float64{make([]float64, 2)}, [][]float64{make([]float64, 2)}
	if err := p.JVPColumns(cols, tangents, values, jvps, expr.BatchOptions{}); err != nil {
		panic(err)
	}
	fmt.Println(values[0], jvps[0])
	// Output:
	// [24 52] [12 37]
}

// The seed's function in single precision: the value and both partials at two points.
func ExampleProgram_EvalColumns32() {
	f, _ := expr.Parse("sin(x*y)/sin(x)")
	p, _ := f.Compile(nil)
	cols := [][]float32{{2, 1.5}, {3, -1.5}}
	values := [][]float32{make([]float32, 2)}
	partials := [][][]float32{{make([]float32, 2), make([]float32, 2)}}
	if err := p.EvalColumns32(cols, values, partials, expr.BatchOptions{}); err != nil {
		panic(err)
	}
	// Each vec level rounds the last float32 digit its own way: print six digits.
	for i := range 2 {
		fmt.Printf("f = %.6g, ∂f/∂x = %.6g, ∂f/∂y = %.6g\n", values[0][i], partials[0][0][i], partials[0][1][i])
	}
	// Output:
	// f = -0.307287, ∂f/∂x = 3.02721, ∂f/∂y = 2.11189
	// f = -0.780027, ∂f/∂x = 0.999942, ∂f/∂y = -0.944627
}

// The notebook's tensors in float32, PyTorch's default precision.
func ExampleProgram_Backward32() {
	f, _ := expr.Parse("x^3 + y^2")
	p, _ := f.Compile(nil)
	x := expr.Tensor32{Shape: []int{2, 3}, Data: []float32{2, 3, 2, 2, 3, 3}}
	y := expr.Tensor32{Shape: []int{2, 3}, Data: []float32{4, 5, 5, 4, 5, 5}}
	_, grads, err := p.Backward32([]expr.Tensor32{x, y}, expr.BatchOptions{})
	if err != nil {
		panic(err)
	}
	fmt.Println("x.grad:", grads[0].Data)
	fmt.Println("y.grad:", grads[1].Data)
	// Output:
	// x.grad: [12 27 12 12 27 27]
	// y.grad: [8 10 10 8 10 10]
}
