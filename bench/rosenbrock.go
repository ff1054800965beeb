package bench

import (
	"fmt"

	gdual "gonum.org/v1/gonum/num/dual"
)

// The n-dimensional Rosenbrock function
//
//	f(x) = Σ_{i=0}^{n-2} 100·(x[i+1] − x[i]²)² + (1 − x[i])²
//
// and its gradient, once per implementation, for BenchmarkRosenbrockGradient.

// RosenbrockStart returns the classic starting point (−1.2, 1, −1.2, 1, …) of length n.
func RosenbrockStart(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		if i%2 == 0 {
			x[i] = -1.2
		} else {
			x[i] = 1
		}
	}
	return x
}

// RosenbrockHand returns f(x) and writes its gradient into grad, by the hand-derived
// formulas ∂f/∂x[i] = −400·x[i]·(x[i+1] − x[i]²) − 2·(1 − x[i]) + 200·(x[i] − x[i−1]²).
// It panics if len(grad) != len(x).
func RosenbrockHand(grad, x []float64) float64 {
	if len(grad) != len(x) {
		panic(fmt.Sprintf("bench: RosenbrockHand: len(grad) = %d, len(x) = %d", len(grad), len(x)))
	}
	clear(grad)
	f := 0.0
	for i := 0; i+1 < len(x); i++ {
		xi, xn := x[i], x[i+1]
		a := xn - xi*xi
		b := 1 - xi
		f += 100*a*a + b*b
		grad[i] += -400*xi*a - 2*b
		grad[i+1] += 200 * a
	}
	return f
}

// rosenbrockGonum is the Rosenbrock function over gonum's one-partial dual numbers.
func rosenbrockGonum(x []gdual.Number) gdual.Number {
	var f gdual.Number
	for i := 0; i+1 < len(x); i++ {
		a := gdual.Sub(x[i+1], gdual.Mul(x[i], x[i]))
		b := gdual.Sub(gdual.Number{Real: 1}, x[i])
		f = gdual.Add(f, gdual.Add(gdual.Scale(100, gdual.Mul(a, a)), gdual.Mul(b, b)))
	}
	return f
}

// GonumGradient is a reusable workspace for the gradient with gonum's num/dual.
type GonumGradient struct {
	work []gdual.Number
}

// Rosenbrock returns f(x) and writes its gradient into grad with gonum's num/dual: one
// evaluation of f per input, each seeding that input's tangent. It allocates only when
// len(x) grows. It panics if len(grad) != len(x).
func (g *GonumGradient) Rosenbrock(grad, x []float64) float64 {
	if len(grad) != len(x) {
		panic(fmt.Sprintf("bench: GonumGradient.Rosenbrock: len(grad) = %d, len(x) = %d", len(grad), len(x)))
	}
	if cap(g.work) < len(x) {
		g.work = make([]gdual.Number, len(x))
	}
	work := g.work[:len(x)]
	for i, v := range x {
		work[i] = gdual.Number{Real: v}
	}
	f := 0.0
	for j := range work {
		work[j].Emag = 1
		r := rosenbrockGonum(work)
		work[j].Emag = 0
		f, grad[j] = r.Real, r.Emag
	}
	return f
}
