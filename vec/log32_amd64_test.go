//go:build !purego

package vec

import (
	"math"
	"math/rand/v2"
	"testing"
)

// log32Cases lists the float32-lane log kernels of vec/_asm/log32.go: Log, Log2 and
// Log10, and the values of the fused DualLog, DualLog2 and DualLog10 (one tangent
// column), which run the same body.
func log32Cases() []lanes32Case {
	dualValue := func(pick func(f *floatKernels[float32]) func(dst, x Dual[float32])) func(k *kernels) func(dst, x []float32) {
		return func(k *kernels) func(dst, x []float32) {
			var xd, dd []float32
			return func(dst, x []float32) {
				if len(xd) < len(x) {
					xd, dd = make([]float32, len(x)), make([]float32, len(x))
					for i := range xd {
						xd[i] = 1
					}
				}
				n := len(x)
				pick(&k.f32)(Dual[float32]{V: dst, D: [][]float32{dd[:n]}}, Dual[float32]{V: x, D: [][]float32{xd[:n]}})
			}
		}
	}
	return []lanes32Case{
		{"Log", math.Log, func(k *kernels) func(dst, x []float32) { return k.f32.log }},
		{"Log2", math.Log2, func(k *kernels) func(dst, x []float32) { return k.f32.log2 }},
		{"Log10", math.Log10, func(k *kernels) func(dst, x []float32) { return k.f32.log10 }},
		{"DualLog", math.Log, dualValue(func(f *floatKernels[float32]) func(dst, x Dual[float32]) { return f.dualLog })},
		{"DualLog2", math.Log2, dualValue(func(f *floatKernels[float32]) func(dst, x Dual[float32]) { return f.dualLog2 })},
		{"DualLog10", math.Log10, dualValue(func(f *floatKernels[float32]) func(dst, x Dual[float32]) { return f.dualLog10 })},
	}
}

// log32MaxULP holds the error bounds of the log32.go doc comment, which the worst
// error of each level must respect.
var log32MaxULP = map[string]float64{
	"Log": 0.64, "Log2": 0.72, "Log10": 0.67, "DualLog": 0.64, "DualLog2": 0.72, "DualLog10": 0.67,
}

// TestLog32Sweep runs float32 bit patterns (every one with -sweep32=Log,Log2,Log10 or
// -sweep32=DualLog,...) through the float32-lane log kernels of each assembly level:
// within 1 ULP of Go's float64 math with its special values, and within
// log32MaxULP.
//
//	go test ./vec/ -run TestLog32Sweep -v -args -sweep32=Log,Log2,Log10
func TestLog32Sweep(t *testing.T) {
	sweepLanes32(t, log32Cases(), log32MaxULP)
}

// log32Split is float32(sqrt(1/2)): the kernels split x into 2^k m with m in
// [log32Split, 2 log32Split).
const log32Split float32 = 0.70710677

// log32Inputs returns positive inputs at the seams of the float32-lane log: every
// power of two (subnormal ones included) and its neighbours, the ends of the
// subnormal range, the split points sqrt(1/2) and sqrt(2) at every scale, and values
// near 1, where k = 0 and the result has no k ln2 term.
func log32Inputs() []float32 {
	var x []float32
	near := func(v float32, d int) {
		b := math.Float32bits(v)
		for i := -d; i <= d; i++ {
			if c := int64(b) + int64(i); c > 0 && c < 0x7f800000 {
				x = append(x, math.Float32frombits(uint32(c)))
			}
		}
	}
	for e := -149; e <= 127; e++ {
		p := float32(math.Ldexp(1, e))
		near(p, 2)
		near(p*log32Split, 2)
		if e < 127 {
			near(p*log32Split*2, 2)
		}
	}
	near(1, 64)
	// Subnormals with many significant bits: a wrong scale shows in their mantissa.
	for _, b := range []uint32{3, 5, 0x7ff, 0x12345, 0x3fffff, 0x400001, 0x555555, 0x7ffffe, 0x7fffff} {
		x = append(x, math.Float32frombits(b))
	}
	return x
}

// TestLog32Seams checks the float32-lane log kernels of each assembly level on
// log32Inputs, their negations, zeros, infinities and NaN: within 1 ULP of Go's
// float64 math and Go's special values bit for bit.
func TestLog32Seams(t *testing.T) {
	x := append(log32Inputs(), 0, float32(math.Inf(1)))
	checkLanes32Signed(t, log32Cases(), x)
}

// TestLog32Exact checks the results that must be exact: log2 of every power of two is
// its exponent, log, log2 and log10 of 1 are +0, and log10 of the powers of ten that
// float32 holds exactly (10^0 to 10^10) is their exponent.
func TestLog32Exact(t *testing.T) {
	var pow2, pow10 []float32
	for e := -149; e <= 127; e++ {
		pow2 = append(pow2, float32(math.Ldexp(1, e)))
	}
	for p := float32(1); p <= 1e10; p *= 10 {
		pow10 = append(pow10, p)
	}
	for _, l := range asmLevels(t) {
		for _, tc := range log32Cases() {
			k := tc.k32(l.k)
			got := []float32{-1}
			k(got, []float32{1})
			if math.Float32bits(got[0]) != 0 {
				t.Errorf("%s %s(1) = %v (bits %#x), want +0", l.name, tc.name, got[0], math.Float32bits(got[0]))
			}
			switch tc.name {
			case "Log2", "DualLog2":
				checkExponents(t, l.name+" "+tc.name, k, pow2, -149)
			case "Log10", "DualLog10":
				checkExponents(t, l.name+" "+tc.name, k, pow10, 0)
			}
		}
	}
}

// checkExponents checks that kernel k maps the powers x (ascending, of one base, from
// base^first) to their exponents exactly.
func checkExponents(t *testing.T, name string, k func(dst, x []float32), x []float32, first int) {
	got := make([]float32, len(x))
	k(got, x)
	for i, v := range got {
		if want := float32(first + i); v != want {
			t.Errorf("%s(%v) = %v, want %v", name, x[i], v, want)
		}
	}
}

// TestLog32LevelsAgree checks that the AVX2 and AVX-512 float32 log kernels give the
// same bits (both split x into the same 2^k m and then run the same operations), and
// that on each level a lane's result does not depend on its neighbours: a vector
// with one special lane (which takes AVX2's general path) gives its ordinary lanes
// the bits they get among ordinary neighbours.
func TestLog32LevelsAgree(t *testing.T) {
	levels := asmLevels(t)
	rng := rand.New(rand.NewPCG(7, 32))
	x := log32Inputs()
	for range 1 << 16 {
		x = append(x, math.Float32frombits(rng.Uint32()&0x7fffffff))
	}
	specials := []float32{0, float32(math.Inf(1)), -1, float32(math.NaN()), 0x1p-140}
	for _, tc := range log32Cases() {
		var first []float32
		for _, l := range levels {
			got := make([]float32, len(x))
			tc.k32(l.k)(got, x)
			if first == nil {
				first = got
			} else {
				for i := range got {
					if math.Float32bits(got[i]) != math.Float32bits(first[i]) && !(got[i] != got[i] && first[i] != first[i]) {
						t.Errorf("%s(%v): %s %v, %s %v", tc.name, x[i], levels[0].name, first[i], l.name, got[i])
						break
					}
				}
			}
			// Put one special lane into each block of 16 (a whole AVX-512 vector, two
			// AVX2 vectors) of the ordinary inputs.
			mixed := append([]float32(nil), x...)
			for i := range mixed {
				if i%16 == 5 || i%16 == 12 {
					mixed[i] = specials[(i/16)%len(specials)]
				}
			}
			gotMixed := make([]float32, len(x))
			tc.k32(l.k)(gotMixed, mixed)
			for i := range x {
				ordinary := x[i] >= 0x1p-126 && x[i] < float32(math.Inf(1))
				if mixed[i] == x[i] && ordinary && math.Float32bits(gotMixed[i]) != math.Float32bits(got[i]) {
					t.Errorf("%s %s(%v) = %v next to special lanes, %v among ordinary ones", l.name, tc.name, x[i], gotMixed[i], got[i])
					break
				}
			}
		}
	}
}
