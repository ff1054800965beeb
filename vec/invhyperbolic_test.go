package vec

import (
	"math"
	"testing"
)

// TestDualInverseHyperbolicEdges checks the derivatives of asinh, acosh and atanh at
// the ends of their domains, against the formulas and package dual's conventions:
// +Inf where the function has a vertical tangent, NaN where the value is NaN, and no
// overflow of x² for huge x.
func TestDualInverseHyperbolicEdges(t *testing.T) {
	forEachLevel(t, func(t *testing.T) {
		for _, c := range []struct {
			name   string
			kernel func(dst, x Dual[float64])
			x, d   float64
		}{
			{"DualAsinh", DualAsinh[float64], 1e300, 1e-300},  // 1/sqrt(x²+1) = 1/x
			{"DualAsinh", DualAsinh[float64], -1e200, 1e-200}, // even function of x
			{"DualAsinh", DualAsinh[float64], 0, 1},
			{"DualAsinh", DualAsinh[float64], math.Inf(1), 0},
			{"DualAcosh", DualAcosh[float64], 1, math.Inf(1)},
			{"DualAcosh", DualAcosh[float64], 1e300, 1e-300},
			{"DualAcosh", DualAcosh[float64], 0.5, math.NaN()},
			{"DualAtanh", DualAtanh[float64], 1, math.Inf(1)},
			{"DualAtanh", DualAtanh[float64], -1, math.Inf(1)},
			{"DualAtanh", DualAtanh[float64], 0.5, 4.0 / 3},
			{"DualAtanh", DualAtanh[float64], 2, math.NaN()},
		} {
			x := Dual[float64]{V: []float64{c.x}, D: [][]float64{{1}}}
			dst := NewDual[float64](1, 1)
			c.kernel(dst, x)
			got := dst.D[0][0]
			if !sameBits(got, c.d) && !closeRel(got, c.d, 1e-15) {
				t.Errorf("%s at %v: derivative %v, want %v", c.name, c.x, got, c.d)
			}
		}
	})
}
