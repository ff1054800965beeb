//go:build !purego

package vec

import (
	"math"
	"math/big"
	"testing"
)

// Edge cases of exp2 and exp that the random inputs of TestTranscendentalAccuracyAsm
// reach only by chance: every integer exponent of float64 (exact powers of two through
// the whole scaling range), the overflow and underflow boundaries, and the clamp
// limits of the float32 exp.

// TestExp2IntegersExactAsm checks that exp2 of every integer k in [-1100, 1100] is
// 2^k exactly (0 below -1074, +Inf above 1023) on every assembly level, float64, and
// every k in [-160, 140] for float32.
func TestExp2IntegersExactAsm(t *testing.T) {
	for _, l := range asmLevels(t) {
		checkExp2Integers(t, l.name, l.k.f64.exp2, -1100, 1100)
		checkExp2Integers(t, l.name, l.k.f32.exp2, -160, 140)
	}
}

// checkExp2Integers asserts that exp2 gives T(2^k) for every integer k in [lo, hi].
func checkExp2Integers[T Float](t *testing.T, level string, exp2 func(dst, x []T), lo, hi int) {
	t.Helper()
	var x []T
	for k := lo; k <= hi; k++ {
		x = append(x, T(k))
	}
	got := make([]T, len(x))
	exp2(got, x)
	for i, k := range x {
		if want := T(math.Ldexp(1, int(k))); got[i] != want {
			t.Errorf("%s: %T exp2(%v) = %v, want %v", level, k, k, got[i], want)
		}
	}
}

// exp2Edges64 are float64 exp2 inputs at the ends of the range and of the AVX2 clamp:
// the last finite result below 1024, the subnormal range down to 2^-1075 (where the
// result rounds to 0 or to the smallest subnormal), half-integers there (rounded once
// after the scaling), and far outside, up to where every float64 is an integer (the
// AVX-512 kernel has no clamp).
var exp2Edges64 = []float64{
	1023, 1023.5, math.Nextafter(1024, 0), 1024, 1074.5, 1075, 1100, 1100.5, 1e6,
	0x1p52, 0x1p53, math.MaxFloat64,
	-1021.5, -1022, -1022.5, -1023.25, -1050.75, -1073.5, -1074, -1074.25, -1074.5,
	-1074.75, -1075, -1075.5, -1100, -1100.5, -1e6, -0x1p52, -0x1p53, -math.MaxFloat64,
}

// TestExp2EdgesAsm checks exp2 at exp2Edges64 and their neighbours against the math/big
// reference: within 1 ULP, and exactly 0 or +Inf where the exact value rounds there.
func TestExp2EdgesAsm(t *testing.T) {
	checkNearRef64(t, "exp2", exp2Edges64, func(k *kernels) func(dst, x []float64) { return k.f64.exp2 }, refExp2)
}

// exp64Edges are float64 exp inputs at the overflow threshold (ln MaxFloat64 is
// 709.7827), the underflow ones (2^-1022 at -708.3964, 2^-1074 at -744.4401, half of it
// at -745.1332) and the AVX2 clamp limits -746 and 710.
var exp64Edges = []float64{
	709.78, 709.782712893384, 709.7827128933841, 710, 711, 1e4,
	-708.3964, -708.39642, -744.44, -744.4401, -745.1332, -745.13321910194, -745.2, -746, -747, -1e4,
}

// TestExp64EdgesAsm checks exp at exp64Edges and their neighbours against the math/big
// reference: within 1 ULP, and exactly 0 or +Inf where the exact value rounds there.
func TestExp64EdgesAsm(t *testing.T) {
	checkNearRef64(t, "exp", exp64Edges, func(k *kernels) func(dst, x []float64) { return k.f64.exp }, refExp)
}

// exp32Edges are float32 exp inputs at the overflow threshold (ln MaxFloat32 is
// 88.7228), the underflow ones (2^-126 at -87.3365, 2^-149 at -103.279, half of it at
// -103.972) and the clamp limits ±89 and ±104 of both levels.
var exp32Edges = []float32{
	88.72, 88.7228, 88.7229, 89, 90, 103.9, 104, 104.5, 1e4,
	-87.3365, -88, -103.27, -103.28, -103.97, -103.98, -104, -104.5, -1e4,
}

// TestExp32EdgesAsm checks float32 exp at exp32Edges and their neighbours against the
// math/big reference: within 1 ULP, and exactly 0 or +Inf where the exact value rounds
// there.
func TestExp32EdgesAsm(t *testing.T) {
	checkNearRef32(t, "exp", exp32Edges, func(k *kernels) func(dst, x []float32) { return k.f32.exp }, refExp)
}

// exp2Edges32 are float32 exp2 inputs at the ends of the range and of the AVX2 clamp
// [-151, 129], and beyond, up to where every float32 is an integer (the AVX-512 kernel
// has no clamp).
var exp2Edges32 = []float32{
	127.5, 128, 129, 129.5, 150.5, 151, 152, 1e4, 0x1p23, 0x1p24, math.MaxFloat32,
	125.25, 126, 126.5, 148.5, 149, 149.25, 149.5, 149.75, 150, 150.25,
}

// TestExp2Edges32Asm checks float32 exp2 at exp2Edges32, their negatives and
// neighbours against the math/big reference: within 1 ULP, and exactly 0 or +Inf where
// the exact value rounds there.
func TestExp2Edges32Asm(t *testing.T) {
	checkNearRef32(t, "exp2", exp2Edges32, func(k *kernels) func(dst, x []float32) { return k.f32.exp2 }, refExp2)
}

// checkNearRef32 asserts that the float32 kernel of every assembly level is within 1
// ULP of ref at every edge, its negative and the next three float32 above each, and
// exactly 0 or +Inf where ref rounds there.
func checkNearRef32(t *testing.T, name string, edges []float32, kernel func(*kernels) func(dst, x []float32), ref func(float64) *big.Float) {
	t.Helper()
	var x []float32
	for _, e := range edges {
		for k, v := 0, e; k < 4; k++ {
			x = append(x, v, -v)
			v = math.Nextafter32(v, float32(math.Inf(1)))
		}
	}
	for _, l := range asmLevels(t) {
		got := make([]float32, len(x))
		kernel(l.k)(got, x)
		for i, v := range x {
			if math.IsInf(float64(v), 0) {
				continue // MaxFloat32's next value; the special values have their own tests
			}
			r := ref(float64(v))
			if rw, _ := r.Float32(); math.IsInf(float64(rw), 0) || rw == 0 {
				if got[i] != rw {
					t.Errorf("%s: float32 %s(%v) = %v, want %v", l.name, name, v, got[i], rw)
				}
				continue
			}
			if e := ulpErr(float64(got[i]), r, 23, -126); e > 1 {
				t.Errorf("%s: float32 %s(%v) = %v, %.3f ULP from %v", l.name, name, v, got[i], e, r)
			}
		}
	}
}

// checkNearRef64 asserts that the float64 kernel of every assembly level is within 1 ULP
// of ref at every edge and the three float64 on each side of it, and exactly 0 or +Inf
// where ref rounds there.
func checkNearRef64(t *testing.T, name string, edges []float64, kernel func(*kernels) func(dst, x []float64), ref func(float64) *big.Float) {
	t.Helper()
	var x []float64
	for _, e := range edges {
		x = append(x, neighbours(e, 3)...)
	}
	for _, l := range asmLevels(t) {
		got := make([]float64, len(x))
		kernel(l.k)(got, x)
		for i, v := range x {
			r := ref(v)
			if rw, _ := r.Float64(); math.IsInf(rw, 0) || rw == 0 {
				if got[i] != rw {
					t.Errorf("%s: %s(%v) = %v, want %v", l.name, name, v, got[i], rw)
				}
				continue
			}
			if e := ulpErr(got[i], r, 52, -1022); e > 1 {
				t.Errorf("%s: %s(%v) = %v, %.3f ULP from %v", l.name, name, v, got[i], e, r)
			}
		}
	}
}
