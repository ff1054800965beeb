package dual_test

import (
	"fmt"

	"github.com/dualgrad/dualgrad/dual"
)

// The seed's first example: f = x³ + y², with df/dx = 3x² = 12 at x = 2 and
// df/dy = 2y = 8 at y = 4.
func ExampleDerivative() {
	_, dx := dual.Derivative(func(x dual.Number[float64]) dual.Number[float64] {
		return x.Mul(x).Mul(x)
	}, 2)
	_, dy := dual.Derivative(func(y dual.Number[float64]) dual.Number[float64] {
		return y.Mul(y)
	}, 4)
	fmt.Println(dx, dy)
	// Output: 12 8
}

// The seed's task: the partials of f(x, y) = sin(xy)/sin(x) at (2, 3) and
// (1.5, -1.5), value and both partials from one evaluation of f.
func ExampleGradient() {
	f := func(v []dual.Jet[float64, [2]float64]) dual.Jet[float64, [2]float64] {
		x, y := v[0], v[1]
		return x.Mul(y).Sin().Div(x.Sin())
	}
	for _, p := range [][]float64{{2, 3}, {1.5, -1.5}} {
		v, grad := dual.Gradient(f, p)
		fmt.Printf("f(%v, %v) = %.10f  ∂f/∂x = %.10f  ∂f/∂y = %.10f\n", p[0], p[1], v, grad[0], grad[1])
	}
	// Output:
	// f(2, 3) = -0.3072872417  ∂f/∂x = 3.0272099812  ∂f/∂y = 2.1118948725
	// f(1.5, -1.5) = -0.7800271754  ∂f/∂x = 0.9999422424  ∂f/∂y = -0.9446267367
}

// The seed's tensor example, as PyTorch's f.sum().backward(): f = x³ + y² elementwise
// over 2×3 tensors x and y, so x.grad = 3x² and y.grad = 2y. The twelve entries are
// the variables of one gradient; with 16 partials per Jet it takes one evaluation.
func ExampleGradient_tensors() {
	x := []float64{2, 3, 2, 2, 3, 3}
	y := []float64{4, 5, 5, 4, 5, 5}
	sum := func(v []dual.Jet[float64, [16]float64]) dual.Jet[float64, [16]float64] {
		xs, ys := v[:6], v[6:]
		var s dual.Jet[float64, [16]float64]
		for i := range xs {
			s = s.Add(xs[i].Mul(xs[i]).Mul(xs[i]).Add(ys[i].Mul(ys[i])))
		}
		return s
	}
	_, grad := dual.Gradient(sum, append(x, y...))
	fmt.Println("x.grad:", grad[:3], grad[3:6])
	fmt.Println("y.grad:", grad[6:9], grad[9:])
	// Output:
	// x.grad: [12 27 12] [12 27 27]
	// y.grad: [8 10 10] [8 10 10]
}

// The seed's product example: for f = Σ x_i y_i, the gradient with respect to x is y.
func ExampleJacobian() {
	x := []float64{1, 2, 3, 2, 4, 6}
	y := []float64{3, 6, 9, -1, 1, 2}
	// z_i = x_i y_i as a function of x, for the constant tensor y.
	product := func(z, v []dual.Jet[float64, [8]float64]) {
		for i := range v {
			z[i] = v[i].Scale(y[i])
		}
	}
	z, jac := dual.Jacobian(product, x, len(x))
	fmt.Println("z:", z)
	for i := range jac {
		fmt.Println(jac[i])
	}
	// Output:
	// z: [3 12 27 -2 4 12]
	// [3 0 0 0 0 0]
	// [0 6 0 0 0 0]
	// [0 0 9 0 0 0]
	// [0 0 0 -1 0 0]
	// [0 0 0 0 1 0]
	// [0 0 0 0 0 2]
}

// A Jacobian-vector product of f(x, y) = (xy, x + sin y) along v = (1, 2), in one
// evaluation with Number.
func ExampleJVP() {
	f := func(out, in []dual.Number[float64]) {
		x, y := in[0], in[1]
		out[0] = x.Mul(y)
		out[1] = x.Add(y.Sin())
	}
	y, jv := dual.JVP(f, []float64{3, 0}, []float64{1, 2}, 2)
	fmt.Println(y, jv)
	// Output: [0 3] [6 3]
}

// rosenbrock is written once for every dual type.
func rosenbrock[D dual.Scalar[D, T], T dual.Float](x []D) D {
	var s D
	for i := 0; i+1 < len(x); i++ {
		t := x[i+1].Sub(x[i].Mul(x[i]))
		u := x[i].ConstSub(1)
		s = s.Add(t.Mul(t).Scale(100)).Add(u.Mul(u))
	}
	return s
}

// One generic function, instantiated for a gradient (Jet) and a Hessian (Hyper).
func ExampleScalar() {
	x := []float64{1, 1, 1}
	v, grad := dual.Gradient(rosenbrock[dual.Jet[float64, [4]float64]], x)
	fmt.Println(v, grad)
	_, _, hess := dual.Hessian(rosenbrock[dual.Hyper4[float64]], x)
	fmt.Println(hess)
	// Output:
	// 0 [0 0 0]
	// [[802 -400 0] [-400 1002 -400] [0 -400 200]]
}

// The value, gradient and Hessian of f(x, y) = x²y + exp(y) from one evaluation.
func ExampleHessian() {
	f := func(v []dual.Hyper2[float64]) dual.Hyper2[float64] {
		x, y := v[0], v[1]
		return x.Mul(x).Mul(y).Add(y.Exp())
	}
	v, grad, hess := dual.Hessian(f, []float64{3, 0})
	fmt.Println(v, grad, hess)
	// Output: 1 [0 10] [[0 6] [6 1]]
}

// A Hessian-vector product without forming the Hessian: for f = Σ x_i⁴/4 the Hessian
// is diag(3x_i²).
func ExampleHVP() {
	f := func(x []dual.DirJet[float64, [4]float64]) dual.DirJet[float64, [4]float64] {
		var s dual.DirJet[float64, [4]float64]
		for _, xi := range x {
			s = s.Add(xi.PowInt(4).DivConst(4))
		}
		return s
	}
	x := []float64{1, 2, 3, 4, 5}
	v := []float64{1, 1, 1, 1, -1}
	_, _, hv := dual.HVP(f, x, v)
	fmt.Println(hv)
	// Output: [3 12 27 48 -75]
}

// GradientTo reuses a Workspace: after the first call it allocates nothing.
func ExampleGradientTo() {
	var ws dual.Workspace[float64, [8]float64]
	grad := make([]float64, 20)
	x := make([]float64, 20)
	for step := range 3 {
		for i := range x {
			x[i] = float64(step)
		}
		v := dual.GradientTo(grad, rosenbrock[dual.Jet[float64, [8]float64]], x, &ws)
		fmt.Println(v, grad[0], grad[19])
	}
	// Output:
	// 19 -2 0
	// 0 0 0
	// 7619 1602 -400
}

// A Workspace also makes variables by hand, for code that seeds its own directions.
func ExampleWorkspace_Var() {
	var ws dual.Workspace[float64, [3]float64]
	x, y, z := ws.Var(1, 0), ws.Var(2, 1), ws.Var(3, 2)
	r := x.Mul(y).Mul(z)
	fmt.Println(r.V, r.Partials())
	// Output: 6 [6 3 2]
}
