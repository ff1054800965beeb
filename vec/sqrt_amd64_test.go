//go:build !purego

package vec

import (
	"flag"
	"math"
	"math/big"
	"math/bits"
	"math/rand/v2"
	"testing"
)

var sqrtInputs = flag.Int64("sqrt64", 1e8, "number of float64 inputs TestSqrtF64Exact draws per assembly level")

// The square root kernels compute some of their vectors with a Newton sequence that
// must give the correctly rounded root, bit for bit what SQRTSD (math.Sqrt) gives, or
// hand the vector to VSQRTPD or VSQRTPS. The float64 tests feed them random bit
// patterns and the inputs where a root is hardest to round: next to perfect squares
// and next to the squares of midpoints between floats; the float32 test tries every
// input.

// TestSqrtF64Exact draws -sqrt64 inputs per level (1e8 by default, a few seconds) from
// a mix of sources: raw 64-bit patterns (every sign, exponent, NaN payload), positive
// patterns, the normal range the Newton path takes, and hard cases: x near m*m, the
// square of a float, and near (m + ulp(m)/2)^2, the square of a rounding boundary.
// Every result must equal math.Sqrt bit for bit. The slices alternate between a
// length that takes the non-temporal streaming loop and one that stays in the cache,
// both with a tail.
func TestSqrtF64Exact(t *testing.T) {
	total := *sqrtInputs
	if testing.Short() || raceEnabled { // the race detector has nothing to find here
		total /= 100
	}
	for _, l := range asmLevels(t) {
		t.Run(l.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(61, 62))
			hard := make([]float64, 1<<16) // roots in [1, 2) near midpoints
			for i := range hard {
				hard[i] = nearMidpointSquare(r)
			}
			x := make([]float64, 4<<20/8+13) // the streaming loop
			got := make([]float64, len(x))
			for done, round := int64(0), 0; done < total; round++ {
				n := len(x)
				if round%2 == 1 {
					n = 1<<16 + 5 // the cached loops
				}
				n = int(min(int64(n), total-done))
				for i := range x[:n] {
					x[i] = sqrtInput(r, hard)
				}
				l.k.f64.sqrt(got[:n], x[:n])
				for i, v := range x[:n] {
					if w := math.Sqrt(v); math.Float64bits(got[i]) != math.Float64bits(w) {
						t.Fatalf("sqrt(%v) (bits %#016x) = %v (bits %#016x), want %v (bits %#016x)",
							v, math.Float64bits(v), got[i], math.Float64bits(got[i]), w, math.Float64bits(w))
					}
				}
				done += int64(n)
			}
		})
	}
}

// sqrtInput returns one test input: a quarter raw or positive bit patterns, a quarter
// normal numbers of any exponent, a quarter near perfect squares and a quarter whose
// roots lie extremely near a rounding boundary: one of hard (from nearMidpointSquare)
// times an even power of two.
func sqrtInput(r *rand.Rand, hard []float64) float64 {
	b := r.Uint64()
	switch b & 7 {
	case 0:
		return math.Float64frombits(r.Uint64())
	case 1:
		return math.Float64frombits(r.Uint64() >> 1)
	case 2, 3:
		// exponent in [-1022, 1023]; covers the Newton ranges ([2^-125, 2^125) on
		// AVX2, 2^-900 and up on AVX-512) and their edges.
		return math.Ldexp(1+r.Float64(), int(r.Uint64N(2046))-1022)
	case 4, 5:
		// A square m*m (exact: m has at most 26 significant bits) or up to 3 floats
		// away on either side.
		m := math.Ldexp(1+r.Float64(), int(r.Uint64N(1080))-540)
		m = math.Float64frombits(math.Float64bits(m) &^ (1<<(26+r.Uint64N(27)) - 1))
		step := int64(r.Uint64N(7)) - 3
		return math.Float64frombits(uint64(int64(math.Float64bits(m*m)) + step))
	}
	h := math.Float64bits(hard[r.Uint64N(uint64(len(hard)))])
	return math.Float64frombits(h + (r.Uint64N(1000)*2-1000)<<52) // exponent in [-1000, 1000)
}

// nearMidpointSquare returns a float x in [1, 4) whose root lies within about t*2^-55
// ulp of the midpoint between two floats, for a random t ≡ 1 (mod 8) with |t| below
// 2^50 (the smallest t give the roots hardest to round). With the midpoint y*2^-53 (y
// odd, 2^53 < y < 2^54, so the root is in [1, 2)), x = (y² - t)*2^-106 is a float when
// y² ≡ t (mod 2^55), and then sqrt(x) - y*2^-53 ≈ -t*2^-107. The square root of t
// modulo 2^55 comes from Hensel lifting.
func nearMidpointSquare(r *rand.Rand) float64 {
	const mod = 1<<55 - 1
	for {
		t := int64(r.Uint64N(1<<r.Uint64N(47))) << 3 // |t| < 2^50, log-uniform-ish
		if r.Uint64N(2) == 0 {
			t = -t
		}
		t++
		tu := uint64(t) & mod
		y := uint64(1) // y² ≡ t (mod 2^k), from k = 3
		for k := 3; k < 55; k++ {
			if (y*y-tu)&(1<<k) != 0 {
				y += 1 << (k - 1)
			}
			y &= mod
		}
		// The roots modulo 2^55 are ±y and ±y + 2^54; one pair is in (2^53, 2^54).
		for _, c := range []uint64{y, (-y) & mod, (y + 1<<54) & mod, (-y + 1<<54) & mod} {
			if c <= 1<<53 || c >= 1<<54 {
				continue
			}
			hi, lo := bits.Mul64(c, c)
			// y² - t as a 128-bit number, then exactly divided by 2^54 (it is a multiple
			// of 2^55) to an integer below 2^54.
			lo2, borrow := bits.Sub64(lo, uint64(t), 0)
			hi2 := hi - borrow
			if t < 0 {
				hi2 = hi + 1 - borrow // subtracting a negative t: add |t| = 2^64 - uint64(t)
			}
			x := hi2<<10 | lo2>>54 // (y² - t) >> 54, exact in float64 (even above 2^53)
			return float64(x) * 0x1p-52
		}
	}
}

// sqrtF64Specials returns the inputs at the edges of the Newton path and of the
// float64 range: zeros, infinities, NaNs, negative numbers, subnormals, the Newton
// range limits of both levels, and every power of two with its neighbours (where h,
// about 1/(2√x), lies next to a power of two and the check's nudge crosses it).
func sqrtF64Specials() []float64 {
	specials := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(),
		math.Float64frombits(0x7ff0000000000001), math.Float64frombits(0xfff8000000000123),
		-1, -math.SmallestNonzeroFloat64, math.SmallestNonzeroFloat64, 0x1p-1022,
		math.Float64frombits(0x000fffffffffffff), math.MaxFloat64,
		1, math.Nextafter(1, 2), math.Nextafter(1, 0), 2, 4, math.Nextafter(4, 0), math.Nextafter(4, 8),
		0x1p-900, 0x1p900, 0x1p-125, 0x1p125,
	}
	for _, p := range []float64{0x1p-900, 0x1p900, 0x1p-125, 0x1p125, 0x1p-1022, 0x1p1022} {
		specials = append(specials, math.Nextafter(p, 0), math.Nextafter(p, math.Inf(1)))
	}
	for e := -1074; e <= 1023; e++ {
		p := math.Ldexp(1, e)
		specials = append(specials, p, math.Nextafter(p, 0), math.Nextafter(p, math.Inf(1)))
	}
	return specials
}

// TestSqrtF64Specials places each of sqrtF64Specials in every lane of a vector on
// both the Newton and the VSQRTPD halves of the unrolled loop, among ordinary
// neighbours.
func TestSqrtF64Specials(t *testing.T) {
	specials := sqrtF64Specials()
	for _, l := range asmLevels(t) {
		checkSqrtEveryLane(t, l.name, l.k.f64.sqrt, specials, 64+3)
	}
}

// TestSqrtF64SpecialsStreaming runs sqrtF64Specials through the non-temporal
// streaming loop (an output of 4 MiB and more, starting 3 elements past an aligned
// address, so the masked head and tail run too), with each input in every position of
// a 16-element run, hence in every lane of both vector kinds of the unrolled loop at
// both widths. A second pass uses only the inputs inside the level's Newton range, so
// that whole vectors take the Newton path and its check.
func TestSqrtF64SpecialsStreaming(t *testing.T) {
	const n, off = 4<<20/8 + 45, 3
	buf := make([]float64, n+off)
	for _, l := range asmLevels(t) {
		lo, hi := 0x1p-125, 0x1p125
		if l.name == levelAVX512 {
			lo, hi = 0x1p-900, math.Inf(1)
		}
		var inRange []float64
		for _, v := range sqrtF64Specials() {
			if v >= lo && v < hi {
				inRange = append(inRange, v)
			}
		}
		for _, list := range [][]float64{sqrtF64Specials(), inRange} {
			x := buf[off:]
			// Run q, position p holds list[(q + 7p) mod len]: for every input and
			// position there is a run with it there, as there are more runs than inputs.
			if n/16 < len(list) {
				t.Fatalf("%d runs of 16 cannot place %d inputs in every position", n/16, len(list))
			}
			for i := range x {
				x[i] = list[(i/16+7*(i%16))%len(list)]
			}
			got := make([]float64, n+off)[off:]
			l.k.f64.sqrt(got, x)
			for i, v := range x {
				if w := math.Sqrt(v); math.Float64bits(got[i]) != math.Float64bits(w) {
					t.Fatalf("%s: sqrt(%v) (bits %#016x) at %d = %v, want %v", l.name, v, math.Float64bits(v), i, got[i], w)
				}
			}
		}
	}
}

// TestSqrtInputMix checks that sqrtInput produces what TestSqrtF64Exact relies on:
// perfect squares, and roots within 2^-40 ulp of a rounding boundary (far nearer than
// random inputs come) and between 2^-16 and 2^-8 ulp from one (where the Newton path
// mostly keeps its own result: its check fails within the correction times 2^-19 to
// 2^-18 of a boundary, at most 2^-8.8 ulp), measured with math/big.
func TestSqrtInputMix(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	hard := make([]float64, 1<<10)
	for i := range hard {
		hard[i] = nearMidpointSquare(r)
	}
	var squares, veryNear, near int
	for range 1 << 14 {
		x := sqrtInput(r, hard)
		if !(x > 0x1p-1000 && x < 0x1p1000) {
			continue
		}
		s := math.Sqrt(x)
		if math.FMA(s, s, -x) == 0 {
			squares++
			continue
		}
		// Distance in ulps from the root to the nearer boundary s ± ulp/2.
		exact := new(big.Float).SetPrec(300).SetFloat64(x)
		exact.Sqrt(exact)
		u := math.Nextafter(s, math.Inf(1)) - s
		diff := new(big.Float).SetPrec(300).Sub(exact, new(big.Float).SetFloat64(s))
		dist, _ := diff.Float64()
		d := math.Abs(0.5 - math.Abs(dist)/u)
		switch {
		case d < 0x1p-40:
			veryNear++
		case d > 0x1p-16 && d < 0x1p-8:
			near++
		}
	}
	if squares < 500 || veryNear < 200 || near < 200 {
		t.Errorf("input mix: %d perfect squares, %d roots within 2^-40 ulp of a boundary, %d between 2^-16 and 2^-8; want ≥ 500, 200, 200",
			squares, veryNear, near)
	}
}

// f32Lanes returns the float32 lanes of one vector at the named assembly level.
func f32Lanes(level string) int {
	if level == levelAVX512 {
		return 16
	}
	return 8
}

// sqrtF32Shifts is how many vector positions TestSqrtF32Sweep moves each input
// through: the float32 kernel alternates VSQRTPS and Newton vectors in a fixed pattern
// of at most this many vectors, so every input takes every path.
const sqrtF32Shifts = 4

// TestSqrtF32Sweep computes the square root of float32 bit patterns at each assembly
// level: every one with -sweep32=Sqrt (or all; about 26 s a level), every 1021st by
// default (see lanes32Stride), and compares them bit for bit with math.Sqrt rounded to float32, which is the correctly rounded float32
// root (53 >= 2*24+2 bits, so rounding twice is harmless) and the NaN VSQRTPS gives.
// Each input runs sqrtF32Shifts times, preceded by 0..sqrtF32Shifts-1 vectors of
// filler, so it passes through both the VSQRTPS and the Newton vectors; the chunks
// alternate between a length that takes the non-temporal streaming loop and one that
// stays in the cache, both with a tail.
//
//	go test ./vec/ -run TestSqrtF32Sweep -v -args -sweep32=Sqrt
func TestSqrtF32Sweep(t *testing.T) {
	stride := lanes32Stride("Sqrt")
	for _, l := range asmLevels(t) {
		t.Run(l.name, func(t *testing.T) {
			lanes := f32Lanes(l.name)
			const streamed, cached = 1<<20 + 13, 1<<16 + 5 // 4 MiB is the streaming threshold
			filler := (sqrtF32Shifts - 1) * lanes
			x := make([]float32, filler+streamed)
			got := make([]float32, len(x))
			want := make([]float32, streamed)
			for i := range x[:filler] {
				x[i] = 1.5
			}
			next := uint64(0)
			for round := 0; next < 1<<32; round++ {
				n := streamed
				if round%2 == 1 {
					n = cached
				}
				in := x[filler : filler+n]
				for i := range in {
					if next >= 1<<32 {
						n = i
						break
					}
					in[i] = math.Float32frombits(uint32(next))
					want[i] = float32(math.Sqrt(float64(in[i])))
					next += stride
				}
				for shift := range sqrtF32Shifts {
					start := filler - shift*lanes
					l.k.f32.sqrt(got[start:filler+n], x[start:filler+n])
					for i, w := range want[:n] {
						if math.Float32bits(got[filler+i]) != math.Float32bits(w) {
							v := x[filler+i]
							t.Fatalf("sqrt(%v) (bits %#08x) at vector %d = %v (bits %#08x), want %v (bits %#08x)",
								v, math.Float32bits(v), (i+shift*lanes)/lanes, got[filler+i],
								math.Float32bits(got[filler+i]), w, math.Float32bits(w))
						}
					}
				}
			}
		})
	}
}

// TestSqrtF32Specials places each input at the edges of the float32 Newton range and
// of the float32 range in every lane of the first vectors, among ordinary neighbours,
// and checks every lane against math.Sqrt: a lane's result must not depend on its
// neighbours or on whether its vector took the Newton path or VSQRTPS.
func TestSqrtF32Specials(t *testing.T) {
	inf := float32(math.Inf(1))
	specials := []float32{0, float32(math.Copysign(0, -1)), inf, -inf, float32(math.NaN()),
		math.Float32frombits(0x7f800001), math.Float32frombits(0xffc00123),
		-1, -math.SmallestNonzeroFloat32, math.SmallestNonzeroFloat32, 0x1p-126,
		math.Float32frombits(0x007fffff), math.MaxFloat32, 1, 2, 4,
	}
	for _, p := range []float32{0x1p-100, 0x1p126, 0x1p-126, 1, 2, 4, 0x1p-64, 0x1p64} {
		specials = append(specials, p, math.Nextafter32(p, 0), math.Nextafter32(p, inf))
	}
	for _, l := range asmLevels(t) {
		checkSqrtEveryLane(t, l.name, l.k.f32.sqrt, specials, 4*f32Lanes(l.name)+3)
	}
}

// checkSqrtEveryLane puts each of specials in every lane of an n-element slice of
// ordinary inputs and checks every result bit for bit, NaN payloads included, against math.Sqrt (rounded to
// float32 for float32, which is the correctly rounded root: 53 >= 2*24+2 bits).
func checkSqrtEveryLane[T Float](t *testing.T, level string, sqrt func(dst, x []T), specials []T, n int) {
	t.Helper()
	x := make([]T, n)
	got := make([]T, n)
	for _, v := range specials {
		for lane := range x {
			for i := range x {
				x[i] = 1.5 + T(i)
			}
			x[lane] = v
			sqrt(got, x)
			for i := range x {
				if w := T(math.Sqrt(float64(x[i]))); math.Float64bits(float64(got[i])) != math.Float64bits(float64(w)) {
					t.Fatalf("%s: sqrt(%v) (bits %#x) in lane %d = %v, want %v",
						level, x[i], math.Float64bits(float64(x[i])), i, got[i], w)
				}
			}
		}
	}
}
