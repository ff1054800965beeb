package bench

import (
	"math"

	"github.com/dualgrad/dualgrad/dual"
	"github.com/dualgrad/dualgrad/expr"
	gdual "gonum.org/v1/gonum/num/dual"
	"gonum.org/v1/gonum/num/hyperdual"
)

// The seed function of the project, f(x, y) = sin(xy)/sin(x), once per implementation.
// Every function returns the value and both partials; the benchmarks and the equality
// test call exactly these bodies.

// SeedAnalytic evaluates f = sin(xy)/sin(x) and its partials by hand: two Sincos calls
// and the quotient rule. It is the speed baseline for the dual-number versions.
func SeedAnalytic(x, y float64) (f, dfdx, dfdy float64) {
	sxy, cxy := math.Sincos(x * y)
	sx, cx := math.Sincos(x)
	f = sxy / sx
	dfdx = (y*cxy*sx - sxy*cx) / (sx * sx)
	dfdy = x * cxy / sx
	return f, dfdx, dfdy
}

// SeedDual evaluates f and both partials in one pass with dualgrad's two-partial dual
// number [dual.Jet2].
func SeedDual(x, y float64) (f, dfdx, dfdy float64) {
	X := dual.Jet2[float64]{V: x, D0: 1}
	Y := dual.Jet2[float64]{V: y, D1: 1}
	r := X.Mul(Y).Sin().Div(X.Sin())
	return r.V, r.D0, r.D1
}

// SeedGonumDual evaluates f and both partials with gonum's num/dual, which carries one
// partial, so it takes one pass per partial (the value comes from the first pass).
func SeedGonumDual(x, y float64) (f, dfdx, dfdy float64) {
	g := func(X, Y gdual.Number) gdual.Number {
		return gdual.Mul(gdual.Sin(gdual.Mul(X, Y)), gdual.Inv(gdual.Sin(X)))
	}
	rx := g(gdual.Number{Real: x, Emag: 1}, gdual.Number{Real: y})
	ry := g(gdual.Number{Real: x}, gdual.Number{Real: y, Emag: 1})
	return rx.Real, rx.Emag, ry.Emag
}

// SeedGonumHyperdual evaluates f and both partials in one pass with gonum's
// num/hyperdual, seeding ε₁ with x and ε₂ with y (it also computes the mixed second
// partial, which is discarded).
func SeedGonumHyperdual(x, y float64) (f, dfdx, dfdy float64) {
	X := hyperdual.Number{Real: x, E1mag: 1}
	Y := hyperdual.Number{Real: y, E2mag: 1}
	r := hyperdual.Mul(hyperdual.Sin(hyperdual.Mul(X, Y)), hyperdual.Inv(hyperdual.Sin(X)))
	return r.Real, r.E1mag, r.E2mag
}

// SeedImpl names one implementation of the seed function.
type SeedImpl struct {
	Name string                                     // sub-benchmark name
	Eval func(x, y float64) (f, dfdx, dfdy float64) // value and both partials
}

// SeedImpls lists the implementations BenchmarkSeedPoint compares, in report order.
var SeedImpls = []SeedImpl{
	{"analytic", SeedAnalytic},
	{"dual", SeedDual},
	{"expr", SeedExprPoint},
	{"gonum-dual", SeedGonumDual},
	{"gonum-hyperdual", SeedGonumHyperdual},
}

// seedProgram is SeedSource compiled once, for SeedExprPoint.
var seedProgram = func() *expr.Program {
	f, err := expr.Parse(SeedSource)
	if err != nil {
		panic(err)
	}
	p, err := f.Compile([]string{"x", "y"})
	if err != nil {
		panic(err)
	}
	return p
}()

// SeedExprPoint evaluates f and both partials with a program compiled from text by
// package expr (as the command line does), through Program.GradientTo: the cost of
// interpreting the program at one point next to SeedDual's compiled Go.
func SeedExprPoint(x, y float64) (f, dfdx, dfdy float64) {
	var grad [2]float64
	f = seedProgram.GradientTo(grad[:], []float64{x, y})
	return f, grad[0], grad[1]
}
