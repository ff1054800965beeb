//go:build !purego

package vec

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/klauspost/cpuid/v2"
)

// Tests of the float32 kernels of vec/_asm/pow32.go, erf32.go, cbrt32.go and
// hypot32.go, which compute in float32 lanes (pow: its special cases and the split of
// x; a float64 core): the same checks as lanes32_kernels_amd64_test.go.

// maxULP32More is the largest error, in float32 ULPs against Go's float64 math, that
// the tests below accept per function: the worst of the full sweep (-sweep32=all;
// Pow and Hypot: 2^24 random draws of each kind) rounded up, so a change that costs
// accuracy fails even while it stays within the 1-ULP contract. Measured: Erf 0.7544
// (at 0.5001647, next to the first piece boundary), Cbrt 0.5048 (subnormal x), Pow
// 0.5506 (its error analysis allows 0.6: the log2 and 2^f fits add at most 0.09
// before the rounding), Hypot 0.7500 (a subnormal result, rounded twice: to float32
// at 2^-24 of itself, a quarter of a subnormal ULP at most, then by the scaling; 0.75
// is the bound).
var maxULP32More = map[string]float64{"Erf": 0.76, "Cbrt": 0.51, "Pow": 0.6, "Hypot": 0.7501}

// lanes32MoreCases lists the one-input float32 kernels of erf32.go and cbrt32.go.
func lanes32MoreCases() []lanes32Case {
	return []lanes32Case{
		{"Erf", math.Erf, func(k *kernels) func(dst, x []float32) { return k.f32.erf }},
		{"Cbrt", math.Cbrt, func(k *kernels) func(dst, x []float32) { return k.f32.cbrt }},
	}
}

// TestLanes32MoreSweep runs float32 bit patterns (every one with -sweep32=Erf or
// -sweep32=all) through lanes32MoreCases on each assembly level, like
// TestLanes32Sweep.
//
//	go test ./vec/ -run TestLanes32MoreSweep -v -args -sweep32=Erf,Cbrt
func TestLanes32MoreSweep(t *testing.T) {
	sweepLanes32(t, lanes32MoreCases(), maxULP32More)
}

// binary32Case is a two-input float32 kernel with the float64 Go math function it
// must follow and the pairs it is checked on.
type binary32Case struct {
	name  string
	ref   func(a, b float64) float64
	k32   func(k *kernels) func(dst, a, b []float32)
	pairs func(random int) (as, bs []float32)
}

// binary32Cases lists the two-input float32 kernels of pow32.go and hypot32.go.
func binary32Cases() []binary32Case {
	return []binary32Case{
		{"Pow", math.Pow, func(k *kernels) func(dst, a, b []float32) { return k.f32.pow }, powPairs32},
		{"Hypot", math.Hypot, func(k *kernels) func(dst, a, b []float32) { return k.f32.hypot }, hypotPairs32},
	}
}

// specials32 are the special and boundary values every pair of which the two-input
// kernels are checked on (both signs, and NaN).
func specials32() []float32 {
	s := []float32{0, math.SmallestNonzeroFloat32, 0x1p-140, 0x1p-127, 0x1p-126, 0x1p-100,
		1e-30, 1e-10, 0.25, 0.5, 1 - 0x1p-24, 1, 1 + 0x1p-23, 1.5, 2, 3, 4, 10, 1e10,
		0x1p24 - 1, 0x1p24, 0x1p24 + 2, 0x1p63, 0x1p64, 0x1p120, 0x1p126,
		math.MaxFloat32, float32(math.Inf(1))}
	for _, v := range s {
		s = append(s, -v)
	}
	return append(s, float32(math.NaN()))
}

// powPairs32 returns (x, y) pairs for pow: every pair of specials32; random x with y
// chosen so that y log2|x| spreads over [-155, 132], the whole range of finite float32
// results, subnormal and overflowing ones included (for negative x, y is rounded to
// an integer half of the time); x within a few ULPs of 1 with large y; integer y on
// random x; and random bit patterns.
func powPairs32(random int) (xs, ys []float32) {
	sp := specials32()
	for _, x := range sp {
		for _, y := range sp {
			xs, ys = append(xs, x), append(ys, y)
		}
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range random {
		x := math.Float32frombits(rng.Uint32()&^(0xff<<23) | uint32(rng.IntN(255))<<23) // finite, subnormal too
		lg := math.Log2(math.Abs(float64(x)))
		if lg != 0 {
			y := float32((-155 + 287*rng.Float64()) / lg)
			if x < 0 && rng.IntN(2) == 0 {
				y = float32(math.Round(float64(y)))
			}
			xs, ys = append(xs, x), append(ys, y)
		}
		// Near 1, where log2 x is small and y is large.
		n := math.Float32frombits(math.Float32bits(1) + uint32(rng.IntN(4096)) - 2048)
		if n != 1 {
			ln := math.Log2(float64(n))
			xs, ys = append(xs, n), append(ys, float32((-155+287*rng.Float64())/ln))
		}
		// Small integer powers of any x.
		xs, ys = append(xs, x), append(ys, float32(rng.IntN(41)-20))
		// Random bit patterns.
		xs, ys = append(xs, math.Float32frombits(rng.Uint32())), append(ys, math.Float32frombits(rng.Uint32()))
	}
	// A run of regular pairs (x positive and normal, y finite and not 1), which vectors
	// of the assembly levels take on their fast path.
	rxs, rys := regularPowPairs32(rng, random)
	return append(xs, rxs...), append(ys, rys...)
}

// regularPowPairs32 returns n pairs with x positive and normal and y finite and not
// 1: y log2 x spread over [-155, 132], or one time in sixteen y of any finite
// magnitude (the results 0, +Inf or 1 far beyond the clamp bounds of the float64 core).
func regularPowPairs32(rng *rand.Rand, n int) (xs, ys []float32) {
	for len(xs) < n {
		x := math.Float32frombits(rng.Uint32()&0x7fffff | uint32(1+rng.IntN(254))<<23)
		if x == 1 {
			continue
		}
		y := float32((-155 + 287*rng.Float64()) / math.Log2(float64(x)))
		if rng.IntN(16) == 0 {
			y = math.Float32frombits(rng.Uint32()&0x807fffff | uint32(rng.IntN(255))<<23)
		}
		if y != 1 {
			xs, ys = append(xs, x), append(ys, y)
		}
	}
	return xs, ys
}

// TestPow32PathsAgree checks that the float32 pow kernels give a regular lane the same
// bits whether its vector takes the fast path (every lane regular) or the general one
// (here forced by one negative x in every eight lanes).
func TestPow32PathsAgree(t *testing.T) {
	const n = 1 << 14
	xs, ys := regularPowPairs32(rand.New(rand.NewPCG(7, 8)), n)
	mixed := slices.Clone(xs)
	for i := 0; i < n; i += 8 {
		mixed[i] = -2
	}
	fast, general := make([]float32, n), make([]float32, n)
	for _, l := range asmLevels(t) {
		l.k.f32.pow(fast, xs, ys)
		l.k.f32.pow(general, mixed, ys)
		for i := range n {
			if i%8 != 0 && math.Float32bits(fast[i]) != math.Float32bits(general[i]) {
				t.Fatalf("%s Pow(%v, %v) = %v on the fast path, %v on the general one", l.name, xs[i], ys[i], fast[i], general[i])
			}
		}
	}
}

// TestLanes32Binary checks the two-input float32 kernels of each assembly level on
// their pairs against Go's float64 math: within 1 ULP, Go's special values bit for
// bit. With -sweep32 naming the function (or all) it tries 256 times more random
// pairs.
func TestLanes32Binary(t *testing.T) {
	for _, tc := range binary32Cases() {
		random := 1 << 16
		if *sweep32 == "all" || strings.Contains(","+*sweep32+",", ","+tc.name+",") {
			random = 1 << 24
		} else if raceEnabled || testing.Short() {
			random = 1 << 12
		}
		as, bs := tc.pairs(random)
		got := make([]float32, len(as))
		for _, l := range asmLevels(t) {
			t.Run(tc.name+"/"+l.name, func(t *testing.T) {
				tc.k32(l.k)(got, as, bs)
				worst, worstAt, bad := 0.0, 0, 0
				for i := range got {
					ref := tc.ref(float64(as[i]), float64(bs[i]))
					e, ok := checkLanes32(got[i], ref)
					if !ok {
						t.Errorf("%s(%v, %v) = %v, want %v (float64 %v)", tc.name, as[i], bs[i], got[i], float32(ref), ref)
						if bad++; bad > 10 {
							t.FailNow()
						}
					}
					if e > worst {
						worst, worstAt = e, i
					}
				}
				t.Logf("%s float32 %s: %d pairs, worst %.4f ULP at (%v, %v)", tc.name, l.name, len(got), worst, as[worstAt], bs[worstAt])
				if worst > maxULP32More[tc.name] {
					t.Errorf("%s float32 %s: worst error %.4f ULP, want at most %v", tc.name, l.name, worst, maxULP32More[tc.name])
				}
			})
		}
	}
}

// hypotPairs32 returns (x, y) pairs for hypot: every pair of specials32; random bit
// patterns; pairs of random magnitudes whose exponents differ by at most 13 (where
// both squares count), at every scale from subnormal to overflowing; and pairs around
// the prescaling bounds 2^-60 and 2^60.
func hypotPairs32(random int) (xs, ys []float32) {
	sp := specials32()
	for _, x := range sp {
		for _, y := range sp {
			xs, ys = append(xs, x), append(ys, y)
		}
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range random {
		xs, ys = append(xs, math.Float32frombits(rng.Uint32())), append(ys, math.Float32frombits(rng.Uint32()))
		e := rng.IntN(255)
		x := math.Float32frombits(rng.Uint32()&0x807fffff | uint32(e)<<23)
		y := math.Float32frombits(rng.Uint32()&0x807fffff | uint32(max(e-rng.IntN(14), 0))<<23)
		xs, ys = append(xs, x), append(ys, y)
		// The larger one within 8 ULPs of 2^-60 or 2^60.
		bound := []float32{0x1p-60, 0x1p60}[rng.IntN(2)]
		p := math.Float32frombits(math.Float32bits(bound) + uint32(rng.IntN(17)) - 8)
		xs, ys = append(xs, p), append(ys, p*rng.Float32())
	}
	return xs, ys
}

// TestLanes32MoreSpecials checks lanes32MoreCases on each assembly level at signed
// zeros, infinities, NaN, the ends of the subnormal and normal ranges, powers of two
// (every exponent residue modulo 3 for cbrt) and both sides of erf's branch and piece
// boundaries: within 1 ULP of Go's float64 math, and Go's special values bit for bit.
func TestLanes32MoreSpecials(t *testing.T) {
	x := []float32{0, math.SmallestNonzeroFloat32, 0x1p-148, 0x1p-147, 0x1p-127, 0x1p-126, 0x1p-125,
		0x1p-24, 0.125, 0.25, 0.3, 1, 2, 3, 4, 5, 8, 27, 3.92, 3.99, 6, 10, 1e30, 0x1p125, 0x1p126,
		0x1p127, math.MaxFloat32, float32(math.Inf(1))}
	for i := range 9 { // erf's piece boundaries 1/2 + 7i/16 and their neighbours
		b := float32(0.5 + 7*float64(i)/16)
		x = append(x, b, math.Nextafter32(b, 0), math.Nextafter32(b, 5))
	}
	checkLanes32Signed(t, lanes32MoreCases(), x)
}

// BenchmarkPow32Paths times the float32 pow kernels of each assembly level on regular
// pairs (every vector on the fast path) and on the same pairs with a negative x in
// every eight lanes (every vector on the general path), n = 4096.
//
//	go test ./vec/ -run '^$' -bench Pow32Paths -count 5
func BenchmarkPow32Paths(b *testing.B) {
	const n = 4096
	xs, ys := regularPowPairs32(rand.New(rand.NewPCG(9, 10)), n)
	mixed := slices.Clone(xs)
	for i := 0; i < n; i += 8 {
		mixed[i] = -2
	}
	dst := make([]float32, n)
	var levels []asmLevel
	if cpuid.CPU.Supports(avx2Features...) {
		levels = append(levels, asmLevel{levelAVX2, avx2Kernels()})
	}
	if cpuid.CPU.Supports(avx512Features...) {
		levels = append(levels, asmLevel{levelAVX512, avx512Kernels()})
	}
	for _, l := range levels {
		for _, c := range []struct {
			name string
			x    []float32
		}{{"fast", xs}, {"general", mixed}} {
			b.Run(l.name+"/"+c.name, func(b *testing.B) {
				for b.Loop() {
					l.k.f32.pow(dst, c.x, ys)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/elem")
			})
		}
	}
}
