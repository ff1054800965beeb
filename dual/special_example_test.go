package dual_test

import (
	"fmt"

	"github.com/dualgrad/dualgrad/dual"
)

// Γ'(1) is minus the Euler–Mascheroni constant γ = 0.5772156649015329…
func ExampleNumber_Gamma() {
	x := dual.Number[float64]{V: 1, D: 1}
	g := x.Gamma()
	fmt.Printf("Γ(1) = %g, Γ'(1) = %.15f\n", g.V, g.D)
	// Output: Γ(1) = 1, Γ'(1) = -0.577215664901533
}

// The slope of the error function is the Gaussian density scaled by 2/√π.
func ExampleNumber_Erf() {
	x := dual.Number[float64]{V: 0.5, D: 1}
	e := x.Erf()
	fmt.Printf("erf(0.5) = %.12f, erf'(0.5) = 2/√π·exp(-0.25) = %.12f\n", e.V, e.D)
	// Output: erf(0.5) = 0.520499877813, erf'(0.5) = 2/√π·exp(-0.25) = 0.878782578935
}

// The gradient of the distance to the origin is the unit vector towards the point.
func ExampleJet2_Hypot() {
	x := dual.Jet2[float64]{V: 3, D0: 1}
	y := dual.Jet2[float64]{V: 4, D1: 1}
	h := x.Hypot(y)
	fmt.Println(h.V, h.D0, h.D1)
	// At the origin, where no derivative exists, both partials are 0.
	o := dual.Jet2[float64]{D0: 1}.Hypot(dual.Jet2[float64]{D1: 1})
	fmt.Println(o.V, o.D0, o.D1)
	// Output:
	// 5 0.6 0.8
	// 0 0 0
}

// The rounding functions are piecewise constant: their derivative is 0, also at the
// jumps, so a rounded quantity contributes nothing to a gradient.
func ExampleNumber_Floor() {
	for _, v := range []float64{2.5, 3} {
		f := dual.Number[float64]{V: v, D: 1}.Floor()
		fmt.Println(f.V, f.D)
	}
	// Output:
	// 2 0
	// 3 0
}

// Mod's partial with respect to y is minus the integer quotient.
func ExampleNumber_Mod() {
	x := dual.Number[float64]{V: 7.5}
	y := dual.Number[float64]{V: 2, D: 1}
	m := x.Mod(y)
	fmt.Println(m.V, m.D)
	// Output: 1.5 -3
}
