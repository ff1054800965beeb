//go:build !purego

package vec

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/dualgrad/dualgrad/internal/libm"
)

// fallbackCase is a float64 neon kernel that leaves some lanes to the generic code:
// its assembly range [lo, hi] (sampled log-uniformly in magnitude, both signs where
// the range has them) and the thresholds where the assembly hands over.
type fallbackCase struct {
	name    string
	neon    func(dst, x []float64)
	asm     func(dst, x []float64) int // the assembly alone
	left    func(float64) bool         // the lanes it leaves
	generic func(float64) float64
	lo, hi  float64
	edges   []float64
}

func fallbackCases() []fallbackCase {
	k := neonKernels().f64
	cs := []fallbackCase{
		{"expm1", k.expm1, expm1F64NEON, expm1Left, libm.Expm1, -36, 40, []float64{0x1p-54, -0x1p-54, 40, -36, 0.5 * math.Ln2, -0.5 * math.Ln2}},
		{"log1p", k.log1p, log1pF64NEON, log1pLeft, libm.Log1p, -1, 1e300, []float64{-1, 0x1p-54, -0x1p-54, math.Sqrt2 - 1, math.Sqrt2/2 - 1, math.MaxFloat64}},
		{"log2", k.log2, log2F64NEON, logLeft, libm.Log2, 0x1p-1022, 1e300, []float64{0x1p-1022, 1, 2, 0.5, math.Sqrt2, math.MaxFloat64}},
		{"log10", k.log10, log10F64NEON, logLeft, libm.Log10, 0x1p-1022, 1e300, []float64{0x1p-1022, 1, 10, 100, 1e-300, math.Sqrt2, math.MaxFloat64}},
		{"sinh", k.sinh, sinhF64NEON, sinhCoshLeft, libm.Sinh, -709, 709, []float64{1, -1, 709, -709, 0x1p-1022, 27.7, 28}},
		{"cosh", k.cosh, coshF64NEON, sinhCoshLeft, libm.Cosh, -709, 709, []float64{709, -709, 0.5 * math.Ln2, 27.7, 28}},
		{"tanh", k.tanh, leavesNone(tanhF64NEON), leftNone, libm.Tanh, -30, 30, []float64{0.625, -0.625, 22, -22, 0x1p-1022}},
		{"atan", k.atan, leavesNone(atanF64NEON), leftNone, libm.Atan, -1e20, 1e20,
			[]float64{7.0 / 16, 11.0 / 16, 19.0 / 16, 39.0 / 16, -39.0 / 16, 0x1p60, 0x1p-1022, math.MaxFloat64}},
		{"cbrt", k.cbrt, cbrtF64NEON, cbrtLeft, libm.Cbrt, -1e300, 1e300, []float64{0x1p-1022, -0x1p-1022, 1, 8, 0.125, 2, 4, math.MaxFloat64, 0}},
		{"asinh", k.asinh, asinhF64NEON, asinhLeft, libm.Asinh, -0x1p29, 0x1p29, []float64{0x1p-26, -0x1p-26, 0x1p28, -0x1p28, 1, -1}},
		{"acosh", k.acosh, acoshF64NEON, acoshLeft, libm.Acosh, 1, 0x1p29, []float64{1, 0x1p28, 1.5, 2}},
		{"atanh", k.atanh, atanhF64NEON, atanhLeft, libm.Atanh, -1, 1, []float64{0x1p-27, -0x1p-27, 1, -1, 0.5, -0.5}},
		{"tan", k.tan, tanF64NEON, tanLeft, libm.Tan, -0x1p20, 0x1p20,
			[]float64{0x1p20, -0x1p20, math.Pi / 4, math.Pi / 2, -math.Pi / 2, math.Pi, 0x1p-1022, 1e6 * math.Pi}},
		{"erf", k.erf, leavesNone(erfF64NEON), leftNone, libm.Erf, -8, 8, []float64{0.5, -0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4, 6, -6, 0x1p-1022, -0x1p-1022}},
		{"asin", k.asin, leavesNone(asinF64NEON), leftNone, libm.Asin, -1, 1, []float64{0.5, -0.5, 1, -1, 0x1p-1022}},
		{"acos", k.acos, leavesNone(acosF64NEON), leftNone, libm.Acos, -1, 1, []float64{0.5, -0.5, 1, -1, 0x1p-1022}},
	}
	return cs
}

// leavesNone adapts a kernel that computes every lane itself to fallbackCase.
func leavesNone(f func(dst, x []float64)) func(dst, x []float64) int {
	return func(dst, x []float64) int {
		f(dst, x)
		return 0
	}
}

func leftNone(float64) bool { return false }

// TestNEONFallbackKernels checks the float64 kernels that leave lanes to the generic
// code against the generic level: within 1 ULP over random arguments in and around
// their assembly range, and on both sides of every threshold where the assembly hands
// over (a few ULP either way), with special values bit for bit.
func TestNEONFallbackKernels(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, c := range fallbackCases() {
		if c.neon == nil {
			t.Fatalf("%s: no neon kernel", c.name)
		}
		var x []float64
		for _, e := range c.edges {
			for d := -4; d <= 4; d++ {
				x = append(x, stepULP(e, d))
			}
		}
		x = append(x, 0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(),
			math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64, 1, -1, 0.5, -0.5)
		for range 20000 {
			x = append(x, sampleRange(r, c.lo, c.hi))
		}
		got := make([]float64, len(x))
		c.neon(got, x)
		worst, worstAt, differ := 0.0, 0.0, 0
		for i, v := range x {
			want := c.generic(v)
			if math.IsNaN(want) || math.IsInf(want, 0) || want == 0 || math.Abs(want) < 0x1p-1022 {
				if math.Float64bits(got[i]) != math.Float64bits(want) && !(got[i] != got[i] && want != want) {
					t.Errorf("%s(%v) = %v, generic %v", c.name, v, got[i], want)
				}
				continue
			}
			_, e := math.Frexp(want)
			d := math.Abs(got[i]-want) / math.Ldexp(1, e-53)
			if d > 0 {
				differ++
			}
			if d > worst {
				worst, worstAt = d, v
			}
			if d > 1 {
				t.Errorf("%s(%v) = %v, generic %v: %.2f ULP apart", c.name, v, got[i], want, d)
			}
		}
		t.Logf("%s: %d arguments, %d results differ from generic, by at most %.3f ULP (at %v)", c.name, len(x), differ, worst, worstAt)
		checkAsmAlone(t, c, x)
	}
}

// checkAsmAlone calls the assembly of c without its wrapper: it must report left
// lanes exactly when some argument is left, and compute the others itself (so the
// comparison with generic above did not only test the fallback).
func checkAsmAlone(t *testing.T, c fallbackCase, x []float64) {
	var inRange []float64
	for _, v := range x {
		if !c.left(v) {
			inRange = append(inRange, v)
		}
	}
	got := make([]float64, len(inRange))
	if c.asm(got, inRange) != 0 {
		t.Errorf("%s: the assembly left lanes of arguments inside its range", c.name)
	}
	for i, v := range inRange {
		if want := c.generic(v); ulpDiff(got[i], want) > 1 {
			t.Errorf("%s(%v): assembly %v, generic %v", c.name, v, got[i], want)
		}
	}
	if len(inRange) < len(x) && c.asm(make([]float64, len(x)), x) == 0 {
		t.Errorf("%s: the assembly did not report the lanes it leaves", c.name)
	}
}

// stepULP returns x moved by d ULPs (toward +Inf for d > 0).
func stepULP(x float64, d int) float64 {
	for ; d > 0; d-- {
		x = math.Nextafter(x, math.Inf(1))
	}
	for ; d < 0; d++ {
		x = math.Nextafter(x, math.Inf(-1))
	}
	return x
}

// sampleRange returns a random argument in [lo, hi] and a little beyond: uniform in
// half the draws, and log-uniform in magnitude (from 2^-60, or the smaller bound's
// magnitude) in the other half, so that small arguments are well represented.
func sampleRange(r *rand.Rand, lo, hi float64) float64 {
	span := hi - lo
	if r.IntN(2) == 0 && !math.IsInf(span, 0) && span < 1e6 {
		return lo - 0.01*span + r.Float64()*1.02*span
	}
	top := math.Max(math.Abs(lo), math.Abs(hi))
	bottom := 0x1p-60
	if lo > 0 {
		bottom = lo
	}
	m := math.Exp2(math.Log2(bottom) + r.Float64()*(math.Log2(top)-math.Log2(bottom)))
	if lo < 0 && r.IntN(2) == 0 {
		m = -math.Min(m, -lo*1.01)
	}
	return m
}

// fallbackCase2 is fallbackCase for a kernel of two arguments (a, b in its order).
type fallbackCase2 struct {
	name    string
	neon    func(dst, a, b []float64)
	asm     func(dst, a, b []float64) int
	left    func(a, b float64) bool
	generic func(a, b float64) float64
}

// TestNEONFallbackKernels2 checks atan2, hypot and pow against the generic level:
// random pairs over all magnitudes and signs, pairs at the ratios where atan2 switches
// its reduction (7/16, 11/16, 1) and at |a| = |b|, pairs with y log x over pow's whole
// finite range, and special values.
func TestNEONFallbackKernels2(t *testing.T) {
	k := neonKernels().f64
	cases := []fallbackCase2{
		{"atan2", k.atan2, atan2F64NEON, atan2Left, libm.Atan2},
		{"hypot", k.hypot, hypotF64NEON, hypotLeft, libm.Hypot},
		{"pow", k.pow, powF64NEON, powLeft, libm.Pow},
	}
	r := rand.New(rand.NewPCG(9, 10))
	special := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), 1, -1,
		math.SmallestNonzeroFloat64, 0x1p-1000, 0x1p-1022, math.MaxFloat64, -math.MaxFloat64}
	var a, b []float64
	for _, u := range special {
		for _, v := range special {
			a, b = append(a, u), append(b, v)
		}
	}
	for _, ratio := range []float64{7.0 / 16, 11.0 / 16, 1} {
		for d := -3; d <= 3; d++ {
			u := r.Float64() + 0.5
			v := stepULP(u*ratio, d)
			a, b = append(a, u, -v, v), append(b, v, u, -u)
		}
	}
	for range 10000 { // pow's range: y log x in [-760, 720], subnormal results included
		u := math.Ldexp(r.Float64()+0.5, r.IntN(2046)-1022)
		if r.IntN(4) == 0 {
			u = 1 + (r.Float64()-0.5)*0x1p-20
		}
		a, b = append(a, u), append(b, (r.Float64()*1480-760)/math.Log(u))
	}
	for range 20000 {
		u := math.Ldexp(r.Float64()+0.5, r.IntN(2200)-1100) * float64(1-2*r.IntN(2))
		v := math.Ldexp(r.Float64()+0.5, r.IntN(2200)-1100) * float64(1-2*r.IntN(2))
		if r.IntN(2) == 0 { // comparable magnitudes
			v = u * (r.Float64()*4 - 2)
		}
		a, b = append(a, u), append(b, v)
	}
	for _, c := range cases {
		got := make([]float64, len(a))
		c.neon(got, a, b)
		differ := 0
		for i := range a {
			want := c.generic(a[i], b[i])
			if math.IsNaN(want) || math.IsInf(want, 0) || want == 0 {
				if math.Float64bits(got[i]) != math.Float64bits(want) && !(got[i] != got[i] && want != want) {
					t.Errorf("%s(%v, %v) = %v, generic %v", c.name, a[i], b[i], got[i], want)
				}
				continue
			}
			if d := ulpDiff(got[i], want); d > 1 {
				t.Errorf("%s(%v, %v) = %v, generic %v: %.2f ULP apart", c.name, a[i], b[i], got[i], want, d)
			} else if d > 0 {
				differ++
			}
		}
		t.Logf("%s: %d argument pairs, %d results 1 ULP from generic", c.name, len(a), differ)
		// The assembly alone on the pairs it handles.
		var ia, ib []float64
		for i := range a {
			if !c.left(a[i], b[i]) {
				ia, ib = append(ia, a[i]), append(ib, b[i])
			}
		}
		alone := make([]float64, len(ia))
		if c.asm(alone, ia, ib) != 0 {
			t.Errorf("%s: the assembly left lanes of arguments inside its range", c.name)
		}
		for i := range ia {
			want := c.generic(ia[i], ib[i])
			if d := ulpDiff(alone[i], want); d > 1 {
				t.Errorf("%s(%v, %v): assembly %v, generic %v", c.name, ia[i], ib[i], alone[i], want)
			}
		}
		if c.asm(make([]float64, len(a)), a, b) == 0 {
			t.Errorf("%s: the assembly did not report the lanes it leaves", c.name)
		}
		// In place, dst being either argument (the wrapper must still find the left
		// lanes from the arguments).
		for which := range 2 {
			inPlace := slices.Clone(a)
			other := b
			if which == 1 {
				inPlace, other = slices.Clone(b), a
			}
			if which == 0 {
				c.neon(inPlace, inPlace, other)
			} else {
				c.neon(inPlace, other, inPlace)
			}
			for i := range got {
				if math.Float64bits(inPlace[i]) != math.Float64bits(got[i]) && !(inPlace[i] != inPlace[i] && got[i] != got[i]) {
					t.Fatalf("%s in place of argument %d: element %d is %v, %v out of place", c.name, which, i, inPlace[i], got[i])
				}
			}
		}
	}
}

// ulpDiff returns |got - want| in ULPs of want (the subnormal ULP below 2^-1022): 0 for
// identical bits or two NaNs, +Inf if only one is NaN, or for different infinities
// or zeros (signs included).
func ulpDiff(got, want float64) float64 {
	switch {
	case math.Float64bits(got) == math.Float64bits(want) || (got != got && want != want):
		return 0
	case got != got || want != want || math.IsInf(got, 0) || math.IsInf(want, 0) || got == 0 || want == 0:
		return math.Inf(1)
	}
	_, e := math.Frexp(want)
	return math.Abs(got-want) / math.Ldexp(1, max(e-53, -1074))
}

// TestNEONTrig32LaneFallback runs the float32-lane sin, cos and sincos with more far
// lanes (|x| > 256, ±Inf, huge) than one gather buffer holds, in place and not,
// against the generic level (within 1 ULP; NaN for NaN).
func TestNEONTrig32LaneFallback(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	x := make([]float32, 3*scratchLen+7)
	for i := range x {
		switch i % 5 {
		case 0:
			x[i] = float32(r.Float64()*2 - 1)
		case 1:
			x[i] = float32(256 + r.Float64()*1e4)
		case 2:
			x[i] = -float32(math.Ldexp(1+r.Float64(), 20+r.IntN(100)))
		case 3:
			x[i] = float32(math.Inf(1 - 2*(i%2)))
		default:
			x[i] = float32((r.Float64()*2 - 1) * 256)
		}
	}
	k, g := neonKernels().f32, genericKernels().f32
	for _, c := range []struct {
		name      string
		neon, gen func(dst, x []float32)
	}{
		{"sin", k.sin, g.sin}, {"cos", k.cos, g.cos},
		{"sincos.s", func(d, x []float32) { k.sincos(d, make([]float32, len(d)), x) }, func(d, x []float32) { g.sincos(d, make([]float32, len(d)), x) }},
		{"sincos.c", func(d, x []float32) { k.sincos(make([]float32, len(d)), d, x) }, func(d, x []float32) { g.sincos(make([]float32, len(d)), d, x) }},
	} {
		want := make([]float32, len(x))
		c.gen(want, x)
		got := make([]float32, len(x))
		c.neon(got, x)
		inPlace := slices.Clone(x)
		c.neon(inPlace, inPlace)
		for i := range x {
			for _, v := range []float32{got[i], inPlace[i]} {
				if v != v || want[i] != want[i] {
					if (v != v) != (want[i] != want[i]) {
						t.Fatalf("%s(%v) = %v, generic %v", c.name, x[i], v, want[i])
					}
				} else if d := ordinal(v) - ordinal(want[i]); d > 1 || d < -1 {
					t.Fatalf("%s(%v) = %v, generic %v (%d ULP apart)", c.name, x[i], v, want[i], d)
				}
			}
		}
	}
}
