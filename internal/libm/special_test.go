package libm

import (
	"math"
	"testing"
)

// TestSpecialCasesAsMath checks the package doc's promise: wherever math returns
// an infinity, a zero or NaN, libm returns the same (a zero with the same sign).
// Accuracy elsewhere is tested in vec (the generic level) and dual.
func TestSpecialCasesAsMath(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	args := []float64{0, math.Copysign(0, -1), inf, -inf, nan, 1, -1, 2, -2, 0.5, -0.5,
		1e-310, -1e-310, 5e-324, 1e308, -1e308, 711, -711, 746, -746, 1100, -1100, 2e10, -3e20}
	unary := map[string][2]func(float64) float64{
		"Exp": {Exp, math.Exp}, "Exp2": {Exp2, math.Exp2}, "Expm1": {Expm1, math.Expm1},
		"Log": {Log, math.Log}, "Log2": {Log2, math.Log2}, "Log10": {Log10, math.Log10}, "Log1p": {Log1p, math.Log1p},
		"Sin": {Sin, math.Sin}, "Cos": {Cos, math.Cos}, "Tan": {Tan, math.Tan},
		"Sinh": {Sinh, math.Sinh}, "Cosh": {Cosh, math.Cosh}, "Tanh": {Tanh, math.Tanh},
		"Asinh": {Asinh, math.Asinh}, "Acosh": {Acosh, math.Acosh}, "Atanh": {Atanh, math.Atanh},
		"Asin": {Asin, math.Asin}, "Acos": {Acos, math.Acos}, "Atan": {Atan, math.Atan},
		"Cbrt": {Cbrt, math.Cbrt}, "Erf": {Erf, math.Erf},
		"Sincos.sin": {func(x float64) float64 { s, _ := Sincos(x); return s }, func(x float64) float64 { s, _ := math.Sincos(x); return s }},
		"Sincos.cos": {func(x float64) float64 { _, c := Sincos(x); return c }, func(x float64) float64 { _, c := math.Sincos(x); return c }},
	}
	binary := map[string][2]func(float64, float64) float64{
		"Pow": {Pow, math.Pow}, "Atan2": {Atan2, math.Atan2}, "Hypot": {Hypot, math.Hypot},
	}
	// The arguments avoid (709.44, 710.48), where math.Exp, Sinh and Cosh overflow
	// early on amd64 and libm is finite, as is the exact result.
	special := func(v float64) bool { return v != v || v == 0 || math.IsInf(v, 0) }
	same := func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) || a != a && b != b }
	for name, f := range unary {
		for _, x := range args {
			if want := f[1](x); special(want) && !same(f[0](x), want) {
				t.Errorf("%s(%v) = %v, math gives %v", name, x, f[0](x), want)
			}
		}
	}
	for name, f := range binary {
		for _, x := range args {
			for _, y := range args {
				if want := f[1](x, y); special(want) && !same(f[0](x, y), want) {
					t.Errorf("%s(%v, %v) = %v, math gives %v", name, x, y, f[0](x, y), want)
				}
			}
		}
	}
}
