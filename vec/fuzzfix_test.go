package vec

import (
	"math"
	"testing"
)

// Regression tests for differences from package dual and Go's math that expr's
// FuzzBatchVsPoint found. The expected values are written from math's documented
// special cases and the derivative formulas, not from any kernel.

// minMaxSpecials are the inputs whose pairs exercise every special case of math.Min
// and math.Max, including an infinity against a NaN.
var minMaxSpecials = []float64{math.Inf(-1), math.Inf(1), math.NaN(), 0, math.Copysign(0, -1), 1, -1}

// sameBits reports whether got and want are the same float, any NaN matching any NaN.
func sameBits(got, want float64) bool {
	return math.Float64bits(got) == math.Float64bits(want) || math.IsNaN(got) && math.IsNaN(want)
}

// TestMinMaxMatchMath checks Min and Max on every level, float64 and float32, against
// math.Min and math.Max on every pair of special values: min(-Inf, NaN) is -Inf and
// max(+Inf, NaN) is +Inf. The pairs are repeated so that full vectors, the unrolled
// loop and the masked tail all see them.
func TestMinMaxMatchMath(t *testing.T) {
	var a, b []float64
	for range 5 {
		for _, x := range minMaxSpecials {
			for _, y := range minMaxSpecials {
				a, b = append(a, x), append(b, y)
			}
		}
	}
	a32, b32 := make([]float32, len(a)), make([]float32, len(b))
	for i := range a {
		a32[i], b32[i] = float32(a[i]), float32(b[i])
	}
	forEachLevel(t, func(t *testing.T) {
		for _, op := range []struct {
			name  string
			k64   func(dst, a, b []float64)
			k32   func(dst, a, b []float32)
			float func(x, y float64) float64
		}{
			{"Min", Min[float64], Min[float32], math.Min},
			{"Max", Max[float64], Max[float32], math.Max},
		} {
			dst := make([]float64, len(a))
			op.k64(dst, a, b)
			dst32 := make([]float32, len(a))
			op.k32(dst32, a32, b32)
			for i := range a {
				want := op.float(a[i], b[i])
				if !sameBits(dst[i], want) {
					t.Errorf("%s(%v, %v) = %v, want %v", op.name, a[i], b[i], dst[i], want)
				}
				if !sameBits(float64(dst32[i]), want) {
					t.Errorf("%s[float32](%v, %v) = %v, want %v", op.name, a[i], b[i], dst32[i], want)
				}
			}
		}
	})
}

// TestDualMinMaxSpecials checks that an infinity selected over a NaN passes on its
// own tangent, and that a NaN value has NaN tangents, as in package dual.
func TestDualMinMaxSpecials(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	forEachLevel(t, func(t *testing.T) {
		for _, c := range []struct {
			name           string
			kernel         func(dst, a, b Dual[float64])
			a, b           float64
			v, slopeA, slB float64
		}{
			{"DualMin", DualMin[float64], -inf, nan, -inf, 1, 0},
			{"DualMin", DualMin[float64], nan, -inf, -inf, 0, 1},
			{"DualMax", DualMax[float64], inf, nan, inf, 1, 0},
			{"DualMax", DualMax[float64], nan, inf, inf, 0, 1},
			{"DualMin", DualMin[float64], nan, 1, nan, nan, nan},
			{"DualMax", DualMax[float64], 1, nan, nan, nan, nan},
			{"DualMin", DualMin[float64], -inf, -inf, -inf, 0.5, 0.5},
		} {
			a := Dual[float64]{V: []float64{c.a}, D: [][]float64{{3}, {0}}}
			b := Dual[float64]{V: []float64{c.b}, D: [][]float64{{0}, {5}}}
			dst := NewDual[float64](1, 2)
			c.kernel(dst, a, b)
			if !sameBits(dst.V[0], c.v) || !sameBits(dst.D[0][0], 3*c.slopeA) || !sameBits(dst.D[1][0], 5*c.slB) {
				t.Errorf("%s(%v, %v) = %v, tangents %v, %v; want %v, %v, %v",
					c.name, c.a, c.b, dst.V[0], dst.D[0][0], dst.D[1][0], c.v, 3*c.slopeA, 5*c.slB)
			}
		}
	})
}

// TestDualExpm1FarLeft checks that the derivative of expm1 is e^x where e^x - 1
// rounds to -1 (below x ≈ -37), and does not cancel to 0.
func TestDualExpm1FarLeft(t *testing.T) {
	xs := []float64{-0.5, -2, -37.5, -40, -100, -700, -745}
	forEachLevel(t, func(t *testing.T) {
		x := Dual[float64]{V: xs, D: [][]float64{make([]float64, len(xs))}}
		for i := range xs {
			x.D[0][i] = 1
		}
		dst := NewDual[float64](len(xs), 1)
		DualExpm1(dst, x)
		for i, v := range xs {
			want := math.Exp(v)
			if got := dst.D[0][i]; got == 0 || !closeRel(got, want, 0x1p-51) {
				t.Errorf("DualExpm1 at %v: derivative %v, want e^x = %v", v, got, want)
			}
		}
		x32 := Dual[float32]{V: []float32{-20, -60, -87}, D: [][]float32{{1, 1, 1}}}
		dst32 := NewDual[float32](3, 1)
		DualExpm1(dst32, x32)
		for i, v := range x32.V {
			want := math.Exp(float64(v))
			if got := float64(dst32.D[0][i]); got == 0 || math.Abs(got-want) > 0x1p-20*want {
				t.Errorf("DualExpm1[float32] at %v: derivative %v, want e^x = %v", v, got, want)
			}
		}
	})
}

// TestDualAtan2Limits checks atan2's partials where x² + y² overflows, underflows or
// is infinite, and at the origin: ∂/∂y = x/(x²+y²) and ∂/∂x = -y/(x²+y²), 0 at the
// origin and for infinite arguments (the limit), NaN for NaN.
func TestDualAtan2Limits(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	forEachLevel(t, func(t *testing.T) {
		for _, c := range []struct{ y, x, dy, dx float64 }{
			{inf, 1, 0, 0},
			{1, -inf, 0, 0},
			{-inf, inf, 0, 0},
			{0, 0, 0, 0},
			{1e200, 1e200, 0.5e-200, -0.5e-200},   // x² + y² overflows
			{1e-200, -1e-200, -0.5e200, -0.5e200}, // x² + y² underflows
			{3, 4, 4.0 / 25, -3.0 / 25},           // ordinary point
			{nan, 1, nan, nan},
			{-inf, nan, 0, 0}, // the infinity wins over NaN, as in math.Max
		} {
			y := Dual[float64]{V: []float64{c.y}, D: [][]float64{{1}, {0}}}
			x := Dual[float64]{V: []float64{c.x}, D: [][]float64{{0}, {1}}}
			dst := NewDual[float64](1, 2)
			DualAtan2(dst, y, x)
			gotDy, gotDx := dst.D[0][0], dst.D[1][0]
			ok := func(got, want float64) bool {
				if math.IsNaN(want) || want == 0 {
					return sameBits(got, want) || got == want
				}
				return closeRel(got, want, 1e-15)
			}
			if !sameBits(dst.V[0], math.Atan2(c.y, c.x)) && !closeRel(dst.V[0], math.Atan2(c.y, c.x), 0x1p-52) {
				t.Errorf("DualAtan2(%v, %v) = %v, want %v", c.y, c.x, dst.V[0], math.Atan2(c.y, c.x))
			}
			if !ok(gotDy, c.dy) || !ok(gotDx, c.dx) {
				t.Errorf("DualAtan2(%v, %v): partials %v, %v; want %v, %v", c.y, c.x, gotDy, gotDx, c.dy, c.dx)
			}
		}
	})
}

// TestDualPowLimits checks the conventions of package dual's pow rule beyond
// PyTorch's masks: where x > 0 and x**y is 0 the y partial is 0 (its limit, not
// 0·Inf), and where x < 0 it is NaN.
func TestDualPowLimits(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	forEachLevel(t, func(t *testing.T) {
		for _, c := range []struct{ x, y, v, dx, dy float64 }{
			{inf, -1, 0, 0, 0},          // x**y = 0 at x = +Inf
			{0.5, 2000, 0, 0, 0},        // underflow
			{0, 0, 1, 0, 0},             // both masks
			{0, 3, 0, 0, 0},             // y mask, 3·0² = 0
			{0, -1, inf, -inf, -inf},    // 0**-1 · ln 0 = +Inf · -Inf
			{-2, 3, -8, 12, nan},        // not real nearby in y
			{2, 3, 8, 12, 8 * math.Ln2}, // ordinary point
			{2, -1030, 0x1p-1030, -1030 * 0x1p-1031, 0x1p-1030 * math.Ln2}, // subnormal x**y
		} {
			x := Dual[float64]{V: []float64{c.x}, D: [][]float64{{1}, {0}}}
			y := Dual[float64]{V: []float64{c.y}, D: [][]float64{{0}, {1}}}
			dst := NewDual[float64](1, 2)
			DualPow(dst, x, y)
			ok := func(got, want float64) bool {
				if math.IsNaN(want) || want == 0 || math.IsInf(want, 0) {
					return sameBits(got, want) || got == want
				}
				return closeRel(got, want, 1e-12)
			}
			if !ok(dst.V[0], c.v) || !ok(dst.D[0][0], c.dx) || !ok(dst.D[1][0], c.dy) {
				t.Errorf("DualPow(%v, %v) = %v, partials %v, %v; want %v, %v, %v",
					c.x, c.y, dst.V[0], dst.D[0][0], dst.D[1][0], c.v, c.dx, c.dy)
			}
		}
	})
}

// TestDualPowSlopeOverflow checks the x partial of x**y where x**y is normal but
// x**y/x overflows: with x = y = the smallest subnormal, x**y rounds to 1 and
// y·x**(y-1) is 1, not the +Inf of y·(x**y/x); with y = -1/1000 it overflows indeed.
func TestDualPowSlopeOverflow(t *testing.T) {
	forEachLevel(t, func(t *testing.T) {
		t.Run("f64", func(t *testing.T) { testDualPowSlopeOverflow[float64](t, 0x1p-1074) })
		t.Run("f32", func(t *testing.T) { testDualPowSlopeOverflow[float32](t, 0x1p-149) })
	})
}

func testDualPowSlopeOverflow[T Float](t *testing.T, tiny T) {
	n := 40                                    // full vectors and a tail on every level
	x, y := NewDual[T](n, 1), NewDual[T](n, 1) // y has a zero tangent
	for i := range n {
		x.V[i], x.D[0][i] = tiny, 1
		y.V[i] = tiny
		if i%3 == 2 {
			y.V[i] = -0.001
		}
	}
	dst := NewDual[T](n, 1)
	DualPow(dst, x, y)
	for i := range n {
		want := T(1)
		if i%3 == 2 {
			want = T(math.Inf(-1))
		}
		if dst.D[0][i] != want {
			t.Fatalf("DualPow(%v, %v) at %d: x partial %v, want %v", x.V[i], y.V[i], i, dst.D[0][i], want)
		}
	}
}

// TestDualPowSlopeSubnormal checks the x partial where x**y is subnormal and |x| < 1:
// at x = 2^-1074, y = 1+2^-52, x**y rounds to 2^-1074, which has one significant bit,
// so y·x**y/x = 1+2^-52 is 750 ulps from y·x**(y-1) = 1 - 1.65e-13; likewise at
// 2^-149 and 1+2^-23 in float32 (0.9999877).
func TestDualPowSlopeSubnormal(t *testing.T) {
	forEachLevel(t, func(t *testing.T) {
		t.Run("f64", func(t *testing.T) {
			want := (1 + 0x1p-52) * math.Exp(-1074*0x1p-52*math.Ln2)
			testDualPowSlope(t, 0x1p-1074, 1+0x1p-52, want, 4e-16)
		})
		t.Run("f32", func(t *testing.T) {
			want := (1 + 0x1p-23) * math.Exp(-149*0x1p-23*math.Ln2)
			testDualPowSlope(t, float32(0x1p-149), 1+0x1p-23, want, 2e-7)
		})
	})
}

func testDualPowSlope[T Float](t *testing.T, xv, yv T, want, tol float64) {
	n := 40
	x, y := NewDual[T](n, 1), NewDual[T](n, 1)
	for i := range n {
		x.V[i], x.D[0][i], y.V[i] = xv, 1, yv
	}
	dst := NewDual[T](n, 1)
	DualPow(dst, x, y)
	for i := range n {
		if got := float64(dst.D[0][i]); !closeRel(got, want, tol) {
			t.Fatalf("DualPow(%v, %v) at %d: x partial %v, want %v", xv, yv, i, got, want)
		}
	}
}

// TestDualAtan2TinyArguments checks atan2's partials where max(|y|, |x|) is so small
// that 1/(x²+y²) overflows: at y = 0 the x partial is exactly 0 (it was 0·Inf =
// NaN), and where the true partial is finite it is finite (-2^986 at y = 2^-1074,
// x = 2^-1030; -2^127 at y = 2^-149, x = 2^-138 in float32).
func TestDualAtan2TinyArguments(t *testing.T) {
	inf := math.Inf(1)
	forEachLevel(t, func(t *testing.T) {
		t.Run("f64", func(t *testing.T) {
			testDualAtan2Tiny(t, []float64{0, 0x1p-1074}, []float64{0x1p-1074, 0x1p-1030},
				[]float64{inf, inf}, []float64{0, -0x1p986})
		})
		t.Run("f32", func(t *testing.T) {
			testDualAtan2Tiny(t, []float32{0, 0x1p-149}, []float32{0x1p-149, 0x1p-138},
				[]float32{float32(inf), float32(inf)}, []float32{0, -0x1p127 / (1 + 0x1p-22)})
		})
	})
}

func testDualAtan2Tiny[T Float](t *testing.T, ys, xs, wantDy, wantDx []T) {
	n := 3 * len(ys) * 8 // full vectors and a tail on every level
	y, x := NewDual[T](n, 2), NewDual[T](n, 2)
	for i := range n {
		y.V[i], x.V[i] = ys[i%len(ys)], xs[i%len(xs)]
		y.D[0][i], x.D[1][i] = 1, 1
	}
	dst := NewDual[T](n, 2)
	DualAtan2(dst, y, x)
	for i := range n {
		dy, dx := dst.D[0][i], dst.D[1][i]
		wy, wx := wantDy[i%len(ys)], wantDx[i%len(xs)]
		ok := func(got, want T) bool {
			if want == 0 || math.IsInf(float64(want), 0) {
				return got == want
			}
			return closeRel(float64(got), float64(want), 1e-6)
		}
		if !ok(dy, wy) || !ok(dx, wx) {
			t.Fatalf("DualAtan2(%v, %v) at %d: partials %v, %v; want %v, %v", y.V[i], x.V[i], i, dy, dx, wy, wx)
		}
	}
}

// TestDualSqrtNegativeZero checks that the derivative of sqrt at -0 is +Inf, as at +0
// (package dual's convention), not 1/(2·(-0)) = -Inf.
func TestDualSqrtNegativeZero(t *testing.T) {
	forEachLevel(t, func(t *testing.T) {
		x := Dual[float64]{V: []float64{math.Copysign(0, -1), 0}, D: [][]float64{{1, 1}}}
		dst := NewDual[float64](2, 1)
		DualSqrt(dst, x)
		for i := range x.V {
			if !math.IsInf(dst.D[0][i], 1) {
				t.Errorf("DualSqrt at %v: derivative %v, want +Inf", x.V[i], dst.D[0][i])
			}
		}
	})
}
