package vec

import (
	"math"
	"testing"
)

// The special cases below are transcribed from the documentation of Go's math package
// (and IEEE 754 for the thresholds); finite results near the thresholds were computed
// with mpmath. Every level must return exactly these values.

var (
	inf, nan = math.Inf(1), math.NaN()
	negZero  = math.Copysign(0, -1)
)

// specialCase is an input and its documented result.
type specialCase struct{ x, want float64 }

var specialUnary = map[string][]specialCase{
	"Exp":   {{0, 1}, {negZero, 1}, {inf, inf}, {-inf, 0}, {nan, nan}, {710, inf}, {-746, 0}, {709.78, 1.7928227943945155e+308}, {-745.1, 5e-324}},
	"Exp2":  {{0, 1}, {inf, inf}, {-inf, 0}, {nan, nan}, {1024, inf}, {-1076, 0}, {-1074, 5e-324}, {10, 1024}, {-3, 0.125}},
	"Expm1": {{0, 0}, {negZero, negZero}, {inf, inf}, {-inf, -1}, {nan, nan}, {1e-300, 1e-300}, {-1000, -1}, {710, inf}},
	"Log":   {{1, 0}, {0, -inf}, {negZero, -inf}, {-1, nan}, {-inf, nan}, {inf, inf}, {nan, nan}},
	"Log2":  {{1, 0}, {0, -inf}, {-1, nan}, {inf, inf}, {nan, nan}, {1024, 10}, {0.125, -3}, {5e-324, -1074}},
	"Log10": {{1, 0}, {0, -inf}, {-1, nan}, {inf, inf}, {nan, nan}},
	"Log1p": {{0, 0}, {negZero, negZero}, {-1, -inf}, {-2, nan}, {inf, inf}, {nan, nan}, {1e-300, 1e-300}},
	"Sin":   {{0, 0}, {negZero, negZero}, {inf, nan}, {-inf, nan}, {nan, nan}, {5e-324, 5e-324}},
	"Cos":   {{0, 1}, {negZero, 1}, {inf, nan}, {-inf, nan}, {nan, nan}},
	"Tan":   {{0, 0}, {negZero, negZero}, {inf, nan}, {-inf, nan}, {nan, nan}},
	"Asin":  {{0, 0}, {negZero, negZero}, {1.5, nan}, {-1.5, nan}, {inf, nan}, {nan, nan}, {1, math.Pi / 2}, {-1, -math.Pi / 2}},
	"Acos":  {{1, 0}, {1.5, nan}, {-1.5, nan}, {nan, nan}, {-1, math.Pi}, {0, math.Pi / 2}},
	"Atan":  {{0, 0}, {negZero, negZero}, {inf, math.Pi / 2}, {-inf, -math.Pi / 2}, {nan, nan}, {1e300, math.Pi / 2}},
	"Sinh":  {{0, 0}, {negZero, negZero}, {inf, inf}, {-inf, -inf}, {nan, nan}, {711, inf}, {-711, -inf}, {710.4, 1.6663642832806496e+308}},
	"Cosh":  {{0, 1}, {negZero, 1}, {inf, inf}, {-inf, inf}, {nan, nan}, {711, inf}},
	"Tanh":  {{0, 0}, {negZero, negZero}, {inf, 1}, {-inf, -1}, {nan, nan}, {30, 1}, {-30, -1}},
	"Cbrt":  {{0, 0}, {negZero, negZero}, {inf, inf}, {-inf, -inf}, {nan, nan}, {27, 3}, {-8, -2}},
	"Erf":   {{0, 0}, {negZero, negZero}, {inf, 1}, {-inf, -1}, {nan, nan}, {7, 1}, {-7, -1}},
	"Sqrt":  {{0, 0}, {negZero, negZero}, {inf, inf}, {-1, nan}, {nan, nan}, {4, 2}},
	"Asinh": {{0, 0}, {negZero, negZero}, {inf, inf}, {-inf, -inf}, {nan, nan}, {1e-300, 1e-300}, {-5e-324, -5e-324}},
	"Acosh": {{1, 0}, {0.5, nan}, {-inf, nan}, {inf, inf}, {nan, nan}},
	"Atanh": {{0, 0}, {negZero, negZero}, {1, inf}, {-1, -inf}, {1.5, nan}, {-inf, nan}, {nan, nan}, {1e-300, 1e-300}},
	"Abs":   {{negZero, 0}, {-inf, inf}, {-2, 2}},
	"Recip": {{0, inf}, {negZero, -inf}, {inf, 0}, {-inf, negZero}},
}

var unaryByName64 = map[string]func(dst, x []float64){
	"Exp": Exp[float64], "Exp2": Exp2[float64], "Expm1": Expm1[float64], "Log": Log[float64],
	"Log2": Log2[float64], "Log10": Log10[float64], "Log1p": Log1p[float64], "Sin": Sin[float64],
	"Cos": Cos[float64], "Tan": Tan[float64], "Asin": Asin[float64], "Acos": Acos[float64],
	"Atan": Atan[float64], "Sinh": Sinh[float64], "Cosh": Cosh[float64], "Tanh": Tanh[float64],
	"Cbrt": Cbrt[float64], "Erf": Erf[float64], "Sqrt": Sqrt[float64], "Abs": Abs[float64], "Recip": Recip[float64],
	"Asinh": Asinh[float64], "Acosh": Acosh[float64], "Atanh": Atanh[float64],
}

var unaryByName32 = map[string]func(dst, x []float32){
	"Exp": Exp[float32], "Exp2": Exp2[float32], "Expm1": Expm1[float32], "Log": Log[float32],
	"Log2": Log2[float32], "Log10": Log10[float32], "Log1p": Log1p[float32], "Sin": Sin[float32],
	"Cos": Cos[float32], "Tan": Tan[float32], "Asin": Asin[float32], "Acos": Acos[float32],
	"Atan": Atan[float32], "Sinh": Sinh[float32], "Cosh": Cosh[float32], "Tanh": Tanh[float32],
	"Cbrt": Cbrt[float32], "Erf": Erf[float32], "Sqrt": Sqrt[float32], "Abs": Abs[float32], "Recip": Recip[float32],
	"Asinh": Asinh[float32], "Acosh": Acosh[float32], "Atanh": Atanh[float32],
}

// specialUnary32 adds float32 thresholds; cases of specialUnary whose input and result
// are exact in float32 apply too.
var specialUnary32 = map[string][]specialCase{
	"Exp":   {{89, inf}, {-104, 0}, {-103.28, 1.4e-45}},
	"Exp2":  {{128, inf}, {-150, 0}, {-149, 1.4e-45}},
	"Sinh":  {{90, inf}, {-90, -inf}},
	"Cosh":  {{90, inf}},
	"Expm1": {{89, inf}, {-20, -1}},
}

// sameResult compares results exactly: NaN with NaN, zeros and infinities by sign.
func sameResult(got, want float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Float64bits(got) == math.Float64bits(want)
}

func TestSpecialValues(t *testing.T) {
	forEachLevel(t, func(t *testing.T) {
		for name, cases := range specialUnary {
			f64, f32 := unaryByName64[name], unaryByName32[name]
			for _, c := range cases {
				got := []float64{0}
				f64(got, []float64{c.x})
				if !sameResult(got[0], c.want) {
					t.Errorf("%s(%v) float64 = %v, want %v", name, c.x, got[0], c.want)
				}
				x32, w32 := float32(c.x), float32(c.want)
				if float64(x32) != c.x && !math.IsNaN(c.x) || (float64(w32) != c.want && !math.IsNaN(c.want)) {
					continue // not a float32 case
				}
				got32 := []float32{0}
				f32(got32, []float32{x32})
				if !sameResult(float64(got32[0]), float64(w32)) {
					t.Errorf("%s(%v) float32 = %v, want %v", name, x32, got32[0], w32)
				}
			}
		}
		for name, cases := range specialUnary32 {
			for _, c := range cases {
				got := []float32{0}
				unaryByName32[name](got, []float32{float32(c.x)})
				if !sameResult(float64(got[0]), float64(float32(c.want))) {
					t.Errorf("%s(%v) float32 = %v, want %v", name, float32(c.x), got[0], float32(c.want))
				}
			}
		}
	})
}

// TestSpecialPowAtan2 checks every special case math.Pow and math.Atan2 document.
func TestSpecialPowAtan2(t *testing.T) {
	type pair struct{ x, y, want float64 }
	pow := []pair{
		{2, 0, 1}, {nan, 0, 1}, {inf, negZero, 1}, {1, nan, 1}, {1, inf, 1}, {nan, 1, nan}, {-3, 1, -3},
		{nan, 2, nan}, {2, nan, nan},
		{0, -3, inf}, {negZero, -3, -inf}, {0, -inf, inf}, {negZero, -inf, inf}, {0, inf, 0}, {negZero, inf, 0},
		{0, -2, inf}, {negZero, -2.5, inf}, {0, 3, 0}, {negZero, 3, negZero}, {negZero, 2, 0}, {negZero, 2.5, 0},
		{-1, inf, 1}, {-1, -inf, 1}, {2, inf, inf}, {-2, inf, inf}, {2, -inf, 0}, {0.5, inf, 0}, {-0.5, inf, 0},
		{0.5, -inf, inf}, {inf, 2, inf}, {inf, -2, 0}, {-inf, 3, -inf}, {-inf, 2, inf}, {-inf, -3, negZero},
		{-inf, -2, 0}, {-2, 0.5, nan}, {-2, 3, -8}, {-2, -2, 0.25}, {2, 1100, inf}, {2, -1100, 0}, {-2, 1101, -inf},
	}
	atan2 := []pair{
		{1, nan, nan}, {nan, 1, nan}, {0, 1, 0}, {negZero, 1, negZero}, {0, 0, 0}, {negZero, 0, negZero},
		{0, -1, math.Pi}, {negZero, -1, -math.Pi}, {0, negZero, math.Pi}, {negZero, negZero, -math.Pi},
		{1, 0, math.Pi / 2}, {-1, 0, -math.Pi / 2}, {1, negZero, math.Pi / 2},
		{inf, inf, math.Pi / 4}, {-inf, inf, -math.Pi / 4}, {inf, -inf, 3 * math.Pi / 4}, {-inf, -inf, -3 * math.Pi / 4},
		{1, inf, 0}, {-1, inf, negZero}, {1, -inf, math.Pi}, {-1, -inf, -math.Pi}, {inf, 1, math.Pi / 2}, {-inf, 1, -math.Pi / 2},
		{-5.130334703314668e-275, -7.06515756084532e+151, -math.Pi}, // y/x underflows: still the lower half-plane
	}
	forEachLevel(t, func(t *testing.T) {
		for _, c := range pow {
			got := []float64{0}
			Pow(got, []float64{c.x}, []float64{c.y})
			if !sameResult(got[0], c.want) {
				t.Errorf("Pow(%v, %v) = %v, want %v", c.x, c.y, got[0], c.want)
			}
			got32 := []float32{0}
			if x, y := float32(c.x), float32(c.y); math.Abs(c.y) < 100 || math.IsInf(c.y, 0) {
				Pow(got32, []float32{x}, []float32{y})
				if !sameResult(float64(got32[0]), float64(float32(c.want))) {
					t.Errorf("Pow(%v, %v) float32 = %v, want %v", x, y, got32[0], float32(c.want))
				}
			}
		}
		for _, c := range atan2 {
			got := []float64{0}
			Atan2(got, []float64{c.x}, []float64{c.y})
			if !sameResult(got[0], c.want) {
				t.Errorf("Atan2(%v, %v) = %v, want %v", c.x, c.y, got[0], c.want)
			}
		}
	})
}
