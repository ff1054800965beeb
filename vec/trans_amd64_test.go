//go:build !purego

package vec

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// transCase is one transcendental kernel under test.
type transCase struct {
	name   string
	math   func(float64) float64                   // Go's math: the special-value oracle
	ref    func(float64) *big.Float                // high-precision reference for finite x
	inputs func(r *rand.Rand) []float64            // test points (finite and special)
	k64    func(k *kernels) func(dst, x []float64) // nil: float32 only
	k32    func(k *kernels) func(dst, x []float32)
}

// sinOf and cosOf pick one output of the sincos kernels so they are tested like the others.
func sinOf[T Float](f func(s, c, x []T)) func(dst, x []T) {
	return func(dst, x []T) { f(dst, make([]T, len(x)), x) }
}

func cosOf[T Float](f func(s, c, x []T)) func(dst, x []T) {
	return func(dst, x []T) { f(make([]T, len(x)), dst, x) }
}

// uniform returns n values uniformly spread over [lo, hi].
func uniform(r *rand.Rand, n int, lo, hi float64) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = lo + (hi-lo)*r.Float64()
	}
	return v
}

// logUniform returns n positive values with log2 uniform over [lo, hi].
func logUniform(r *rand.Rand, n int, lo, hi float64) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = math.Exp2(lo + (hi-lo)*r.Float64())
	}
	return v
}

// neighbours returns x and its k nearest floats on each side.
func neighbours(x float64, k int) []float64 {
	out := []float64{x}
	lo, hi := x, x
	for range k {
		lo, hi = math.Nextafter(lo, math.Inf(-1)), math.Nextafter(hi, math.Inf(1))
		out = append(out, lo, hi)
	}
	return out
}

func trigInputs(r *rand.Rand) []float64 {
	v := append(uniform(r, 1500, -10, 10), uniform(r, 500, -1e5, 1e5)...)
	v = append(v, logUniform(r, 500, -1074, 1023)...) // every magnitude, huge ones via the fallback
	v = append(v, uniform(r, 300, -trigBound*1.5, trigBound*1.5)...)
	// Doubles nearest to multiples of pi/2, where the reduced argument is smallest.
	for k := 1; k < 3000; k += 7 {
		v = append(v, neighbours(float64(k)*math.Pi/2, 1)...)
	}
	for _, k := range []float64{1 << 19, 1<<20 - 1, 1 << 20, 651221, 1e6} {
		v = append(v, neighbours(k*math.Pi/2, 2)...)
	}
	v = append(v, 6381956970095103*0x1p797, 0x1p-1074, 0x1p-30, 0x1p-27, math.Pi/4, math.Nextafter(math.Pi/4, 1))
	v = append(v, neighbours(trigBound, 2)...)
	return withNegatives(v)
}

func expInputs(r *rand.Rand) []float64 {
	v := append(uniform(r, 2000, -1, 1), uniform(r, 1500, -750, 712)...)
	v = append(v, logUniform(r, 300, -1074, -1)...)
	v = withNegatives(v)
	for _, x := range []float64{709.782712893384, -708.3964185322641, -745.1332191019411, -745.1332191019412, 0x1.62e42fefa39efp9, -0x1.74910d52d3051p9, -0x1.74910d52d3052p9} {
		v = append(v, neighbours(x, 3)...)
	}
	return v
}

func logInputs(r *rand.Rand) []float64 {
	v := append(logUniform(r, 2000, -1074, 1024), uniform(r, 1000, 0.5, 2)...)
	v = append(v, uniform(r, 500, 1-0x1p-20, 1+0x1p-20)...)
	v = append(v, neighbours(1, 5)...)
	v = append(v, neighbours(math.Sqrt2, 3)...)
	v = append(v, neighbours(math.Sqrt2/2, 3)...)
	v = append(v, math.MaxFloat64, 0x1p-1022, 0x1p-1074, math.Nextafter(0x1p-1022, 0), -1, -0x1p-1074)
	return v
}

func withNegatives(v []float64) []float64 {
	n := len(v)
	for i := range n {
		v = append(v, -v[i])
	}
	return v
}

func transCases() []transCase {
	return []transCase{
		{"exp", math.Exp, refExp, expInputs,
			func(k *kernels) func(dst, x []float64) { return k.f64.exp },
			func(k *kernels) func(dst, x []float32) { return k.f32.exp }},
		{"log", math.Log, refLog, logInputs,
			func(k *kernels) func(dst, x []float64) { return k.f64.log },
			func(k *kernels) func(dst, x []float32) { return k.f32.log }},
		{"sin", math.Sin, func(x float64) *big.Float { s, _ := refSinCos(x); return s }, trigInputs,
			func(k *kernels) func(dst, x []float64) { return k.f64.sin },
			func(k *kernels) func(dst, x []float32) { return k.f32.sin }},
		{"cos", math.Cos, func(x float64) *big.Float { _, c := refSinCos(x); return c }, trigInputs,
			func(k *kernels) func(dst, x []float64) { return k.f64.cos },
			func(k *kernels) func(dst, x []float32) { return k.f32.cos }},
		{"sincos.sin", math.Sin, func(x float64) *big.Float { s, _ := refSinCos(x); return s }, trigInputs,
			func(k *kernels) func(dst, x []float64) { return sinOf(k.f64.sincos) },
			func(k *kernels) func(dst, x []float32) { return sinOf(k.f32.sincos) }},
		{"sincos.cos", math.Cos, func(x float64) *big.Float { _, c := refSinCos(x); return c }, trigInputs,
			func(k *kernels) func(dst, x []float64) { return cosOf(k.f64.sincos) },
			func(k *kernels) func(dst, x []float32) { return cosOf(k.f32.sincos) }},
		{"tan", math.Tan, refTan, trigInputs, nil,
			func(k *kernels) func(dst, x []float32) { return k.f32.tan }},
		{"exp2", math.Exp2, refExp2, exp2Inputs,
			func(k *kernels) func(dst, x []float64) { return k.f64.exp2 },
			func(k *kernels) func(dst, x []float32) { return k.f32.exp2 }},
		{"log2", math.Log2, func(x float64) *big.Float { return refLogBase(x, 2) }, logInputs, nil,
			func(k *kernels) func(dst, x []float32) { return k.f32.log2 }},
		{"log10", math.Log10, func(x float64) *big.Float { return refLogBase(x, 10) }, logInputs, nil,
			func(k *kernels) func(dst, x []float32) { return k.f32.log10 }},
	}
}

func exp2Inputs(r *rand.Rand) []float64 {
	v := withNegatives(append(uniform(r, 2000, 0, 1), uniform(r, 1500, 0, 160)...))
	v = append(v, uniform(r, 1500, -1080, 1030)...)
	for k := -152; k <= 130; k++ { // integers (exact powers of two) and their neighbours
		v = append(v, neighbours(float64(k), 1)...)
	}
	for _, k := range []float64{-1075, -1074.5, -1074, -1022, 1023, 1024} { // float64 limits
		v = append(v, neighbours(k, 2)...)
	}
	return v
}

// specialInputs are checked against Go's math bit for bit (NaN: any NaN).
var specialInputs = []float64{
	0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), -1, -0x1p-1074, 0x1p-1074,
	math.MaxFloat64, -math.MaxFloat64, 1, 710, -746, 1000, -1000,
}

// isSpecialResult reports whether want (math's value at x) must be matched exactly
// rather than checked against the correctly rounded reference: x infinite, NaN or
// zero, or a NaN result. Infinite or zero results of other x are checked against the
// reference instead, because math's thresholds are a few ULP off the true ones:
// math.Exp returns +Inf for x just below 709.78271289338397 where exp(x) still rounds
// to a finite value, and math.Exp2 returns 0 for x in (-1075, -1074) where 2^x rounds
// to the smallest subnormal.
func isSpecialResult(x, want float64) bool {
	return math.IsNaN(want) || math.IsNaN(x) || math.IsInf(x, 0) || x == 0
}

// TestTranscendentalAccuracyAsm asserts that every transcendental kernel of every
// assembly level is within 1 ULP of a math/big reference (float64 and float32), and
// gives Go's math special values exactly. It logs the maximum error seen.
func TestTranscendentalAccuracyAsm(t *testing.T) {
	skipUnderRace(t)
	const maxULP = 1.0
	for _, l := range asmLevels(t) {
		for _, tc := range transCases() {
			r := rand.New(rand.NewPCG(7, uint64(len(tc.name))))
			x := append(tc.inputs(r), specialInputs...)
			refs := make([]*big.Float, len(x))
			for i, v := range x {
				if !math.IsNaN(v) && !math.IsInf(v, 0) && !isSpecialResult(v, tc.math(v)) {
					refs[i] = tc.ref(v)
				}
			}
			t.Run(fmt.Sprintf("%s/%s/f64", l.name, tc.name), func(t *testing.T) {
				if tc.k64 == nil {
					t.Skip("float32 only")
				}
				got := make([]float64, len(x))
				tc.k64(l.k)(got, x)
				worst, at := 0.0, 0.0
				for i, v := range x {
					want := tc.math(v)
					if refs[i] == nil {
						if !sameFloat(got[i], want) {
							t.Errorf("%s(%v) = %v, want %v (as math)", tc.name, v, got[i], want)
						}
						continue
					}
					rw, _ := refs[i].Float64() // correctly rounded
					if math.IsInf(rw, 0) || rw == 0 {
						if got[i] != rw {
							t.Errorf("%s(%v) = %v, want %v", tc.name, v, got[i], rw)
						}
						continue
					}
					if e := ulpErr(got[i], refs[i], 52, -1022); e > worst {
						worst, at = e, v
					}
				}
				t.Logf("max error %.3f ULP at x=%v over %d points", worst, at, len(x))
				if worst > maxULP {
					t.Errorf("max error %.3f ULP at x=%v exceeds %v", worst, at, maxULP)
				}
			})
			t.Run(fmt.Sprintf("%s/%s/f32", l.name, tc.name), func(t *testing.T) {
				x32 := make([]float32, len(x))
				for i, v := range x {
					x32[i] = float32(v)
				}
				got := make([]float32, len(x))
				tc.k32(l.k)(got, x32)
				worst, at := 0.0, float32(0)
				for i, v := range x32 {
					xv := float64(v)
					want := float32(tc.math(xv))
					if isSpecialResult(xv, float64(want)) {
						if !sameFloat(got[i], want) {
							t.Errorf("%s(%v) = %v, want %v (as math)", tc.name, v, got[i], want)
						}
						continue
					}
					ref := tc.ref(xv)
					if rw, _ := ref.Float32(); math.IsInf(float64(rw), 0) || rw == 0 {
						if got[i] != rw {
							t.Errorf("%s(%v) = %v, want %v", tc.name, v, got[i], rw)
						}
						continue
					}
					if e := ulpErr(float64(got[i]), ref, 23, -126); e > worst {
						worst, at = e, v
					}
				}
				t.Logf("max error %.3f ULP at x=%v over %d points", worst, at, len(x))
				if worst > maxULP {
					t.Errorf("max error %.3f ULP at x=%v exceeds %v", worst, at, maxULP)
				}
			})
		}
	}
}

// TestTranscendentalLanesAsm checks that every lane gets the same bits whatever the
// slice length, start or aliasing: results for lengths 0..maxLen at unaligned starts,
// in place or not, equal those of one long call, and nothing outside dst is written.
func TestTranscendentalLanesAsm(t *testing.T) {
	for _, l := range asmLevels(t) {
		for _, tc := range transCases() {
			r := rand.New(rand.NewPCG(11, uint64(len(tc.name))))
			pool := tc.inputs(r)
			x := make([]float64, maxLen+8)
			for i := range x {
				x[i] = pool[r.IntN(len(pool))]
			}
			if tc.k64 != nil {
				t.Run(l.name+"/"+tc.name+"/f64", func(t *testing.T) { testLanes(t, tc.k64(l.k), x) })
			}
			t32 := make([]float32, len(x))
			for i, v := range x {
				t32[i] = float32(v)
			}
			t.Run(l.name+"/"+tc.name+"/f32", func(t *testing.T) { testLanes(t, tc.k32(l.k), t32) })
		}
	}
}

func testLanes[T Float](t *testing.T, f func(dst, x []T), x []T) {
	full := make([]T, len(x))
	f(full, x)
	for n := 0; n <= maxLen; n++ {
		for _, off := range offsets {
			for _, inPlace := range []bool{false, true} {
				start := (n + off) % (len(x) - n + 1) // vary which inputs land in the tail
				in := newBuffer[T](n, off)
				copy(in.s(), x[start:start+n])
				out := newBuffer[T](n, off+1)
				if inPlace {
					out = in
				}
				f(out.s(), in.s())
				what := fmt.Sprintf("n=%d off=%d inPlace=%v", n, off, inPlace)
				out.checkGuards(t, what)
				for i, v := range out.s() {
					if !sameFloat(v, full[start+i]) {
						t.Fatalf("%s: element %d (x=%v): got %v, one long call gave %v", what, i, x[start+i], v, full[start+i])
					}
				}
			}
		}
	}
}
