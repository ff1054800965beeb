package vec

import (
	"math"
	"testing"
)

// TestHypotSpecial checks Hypot on every level, float64 and float32, against the
// special cases documented for math.Hypot and against exact results where the squares
// would overflow or underflow.
func TestHypotSpecial(t *testing.T) {
	cases := []struct{ x, y, want float64 }{
		{inf, nan, inf}, {nan, -inf, inf}, {-inf, 1, inf}, {nan, 1, nan}, {0, 0, 0},
		{negZero, negZero, 0}, {-3, 4, 5},
		{3e300, 4e300, 5e300},                 // x² overflows
		{3e-320, 4e-320, 5e-320},              // subnormal: exact multiple of 2^-1074
		{math.MaxFloat64, 1, math.MaxFloat64}, // largest exponent
		{5e-324, 0, 5e-324},
	}
	forEachLevel(t, func(t *testing.T) {
		x, y := make([]float64, len(cases)), make([]float64, len(cases))
		for i, c := range cases {
			x[i], y[i] = c.x, c.y
		}
		got := make([]float64, len(cases))
		Hypot(got, x, y)
		for i, c := range cases {
			if !sameBits(got[i], c.want) && !closeRel(got[i], c.want, 0x1p-52) {
				t.Errorf("Hypot(%v, %v) = %v, want %v", c.x, c.y, got[i], c.want)
			}
		}
		x32, y32, got32 := []float32{float32(inf), 3e30, -3}, []float32{float32(nan), 4e30, 4}, make([]float32, 3)
		Hypot(got32, x32, y32)
		for i, want := range []float32{float32(inf), 5e30, 5} {
			if got32[i] != want {
				t.Errorf("Hypot[float32](%v, %v) = %v, want %v", x32[i], y32[i], got32[i], want)
			}
		}
	})
}

// TestDualHypotConventions checks DualHypot's partials where the calculus gives no
// answer, as package dual defines them: 0 at the origin, the sign of an infinite
// argument (even against NaN), their signs over sqrt(2) when both are infinite.
func TestDualHypotConventions(t *testing.T) {
	forEachLevel(t, func(t *testing.T) {
		for _, c := range []struct{ x, y, dx, dy float64 }{
			{0, 0, 0, 0},
			{-inf, nan, -1, 0},
			{2, inf, 0, 1},
			{inf, -inf, math.Sqrt2 / 2, -math.Sqrt2 / 2},
			{nan, 1, nan, nan},
			{3e300, -4e300, 0.6, -0.8},
		} {
			x := Dual[float64]{V: []float64{c.x}, D: [][]float64{{1}, {0}}}
			y := Dual[float64]{V: []float64{c.y}, D: [][]float64{{0}, {1}}}
			dst := NewDual[float64](1, 2)
			DualHypot(dst, x, y)
			dx, dy := dst.D[0][0], dst.D[1][0]
			if !(sameBits(dx, c.dx) || closeRel(dx, c.dx, 1e-15)) || !(sameBits(dy, c.dy) || closeRel(dy, c.dy, 1e-15)) {
				t.Errorf("DualHypot(%v, %v): partials %v, %v; want %v, %v", c.x, c.y, dx, dy, c.dx, c.dy)
			}
		}
	})
}
