package dual_test

import (
	"fmt"
	"math"

	"github.com/dualgrad/dualgrad/dual"
)

// The seed's task: the value and both partials of f(x, y) = sin(xy)/sin(x) in
// one pass, seeding x in D0 and y in D1.
func ExampleJet2() {
	for _, p := range [][2]float64{{2, 3}, {1.5, -1.5}} {
		x := dual.Jet2[float64]{V: p[0], D0: 1}
		y := dual.Jet2[float64]{V: p[1], D1: 1}
		f := x.Mul(y).Sin().Div(x.Sin())
		fmt.Printf("f(%v, %v) = %.10f  df/dx = %.10f  df/dy = %.10f\n", p[0], p[1], f.V, f.D0, f.D1)
	}
	// Output:
	// f(2, 3) = -0.3072872417  df/dx = 3.0272099812  df/dy = 2.1118948725
	// f(1.5, -1.5) = -0.7800271754  df/dx = 0.9999422424  df/dy = -0.9446267367
}

// A derivative with Number: d/dx of x·exp(-x²) at x = 0.8, which is
// (1 - 2x²)·exp(-x²) in closed form.
func ExampleNumber() {
	x := dual.Number[float64]{V: 0.8, D: 1}
	f := x.Mul(x.Mul(x).Neg().Exp())
	fmt.Printf("f = %.6f, f' = %.6f, closed form %.6f\n", f.V, f.D, (1-2*0.64)*math.Exp(-0.64))
	// Output: f = 0.421834, f' = -0.147642, closed form -0.147642
}

// NaN-safety: sqrt has an infinite slope at 0, but the partial with respect to
// a variable that does not reach sqrt stays exact.
func ExampleJet2_Sqrt() {
	x := dual.Jet2[float64]{V: 0, D0: 1}
	y := dual.Jet2[float64]{V: 3, D1: 1}
	f := x.Sqrt().Add(y)
	fmt.Println(f.V, f.D0, f.D1)
	// Output: 3 +Inf 1
}

// Where pow has no derivative, the partials follow PyTorch's conventions.
func ExampleNumber_Pow() {
	zero := dual.Number[float64]{V: 0, D: 1}
	fmt.Println("d/dx 0**0 =", zero.Pow(dual.Number[float64]{V: 0}).D)
	fmt.Println("d/dx 0**2 =", zero.Pow(dual.Number[float64]{V: 2}).D)
	y := dual.Number[float64]{V: 2, D: 1}
	fmt.Println("d/dy 0**y at y = 2:", dual.Number[float64]{V: 0}.Pow(y).D)
	// Output:
	// d/dx 0**0 = 0
	// d/dx 0**2 = 0
	// d/dy 0**y at y = 2: 0
}

// At a tie, Max splits the derivative evenly between its arguments.
func ExampleJet2_Max() {
	x := dual.Jet2[float64]{V: 1, D0: 1}
	y := dual.Jet2[float64]{V: 1, D1: 1}
	m := x.Max(y)
	fmt.Println(m.V, m.D0, m.D1)
	// Output: 1 0.5 0.5
}

// Sincos evaluates both functions with one call to math.Sincos.
func ExampleJet3_Sincos() {
	t := dual.Jet3[float64]{V: math.Pi / 6, D0: 1}
	s, c := t.Sincos()
	fmt.Printf("sin = %.4f (d %.4f), cos = %.4f (d %.4f)\n", s.V, s.D0, c.V, c.D0)
	// Output: sin = 0.5000 (d 0.8660), cos = 0.8660 (d -0.5000)
}

// PowInt with the seed's f = x**3 + y**2 at (2, 4).
func ExampleJet2_PowInt() {
	x := dual.Jet2[float64]{V: 2, D0: 1}
	y := dual.Jet2[float64]{V: 4, D1: 1}
	f := x.PowInt(3).Add(y.PowInt(2))
	fmt.Println(f.V, f.D0, f.D1)
	// Output: 24 12 8
}
