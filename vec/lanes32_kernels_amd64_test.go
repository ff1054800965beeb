//go:build !purego

package vec

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// lanes32Case is a float32 kernel that computes in float32 lanes, with the float64
// Go math function it must follow.
type lanes32Case struct {
	name string
	ref  func(float64) float64
	k32  func(k *kernels) func(dst, x []float32)
}

// lanes32Cases lists the float32-lane kernels of vec/_asm/invtrig32.go,
// exp2_32.go, expm1_32.go, log1p32.go, hyperbolic32.go and invhyperbolic32.go.
func lanes32Cases() []lanes32Case {
	return []lanes32Case{
		{"Atan", math.Atan, func(k *kernels) func(dst, x []float32) { return k.f32.atan }},
		{"Asin", math.Asin, func(k *kernels) func(dst, x []float32) { return k.f32.asin }},
		{"Acos", math.Acos, func(k *kernels) func(dst, x []float32) { return k.f32.acos }},
		{"Exp2", math.Exp2, func(k *kernels) func(dst, x []float32) { return k.f32.exp2 }},
		{"Log1p", math.Log1p, func(k *kernels) func(dst, x []float32) { return k.f32.log1p }},
		{"Atanh", math.Atanh, func(k *kernels) func(dst, x []float32) { return k.f32.atanh }},
		{"Expm1", math.Expm1, func(k *kernels) func(dst, x []float32) { return k.f32.expm1 }},
		{"Sinh", math.Sinh, func(k *kernels) func(dst, x []float32) { return k.f32.sinh }},
		{"Cosh", math.Cosh, func(k *kernels) func(dst, x []float32) { return k.f32.cosh }},
		{"Tanh", math.Tanh, func(k *kernels) func(dst, x []float32) { return k.f32.tanh }},
		{"Asinh", math.Asinh, func(k *kernels) func(dst, x []float32) { return k.f32.asinh }},
		{"Acosh", math.Acosh, func(k *kernels) func(dst, x []float32) { return k.f32.acosh }},
	}
}

// lanes32Stride is the bit-pattern stride of TestLanes32Sweep: every 1021st float32
// by default, every one (or the -sweep32stride) when -sweep32 names the function. Under
// the race detector, which has nothing to find in these single-goroutine sweeps but
// slows them tenfold, and with -short, the default stride is 16 times longer.
func lanes32Stride(name string) uint64 {
	if *sweep32 == "all" || strings.Contains(","+*sweep32+",", ","+name+",") {
		return max(*sweep32Stride, 1)
	}
	if raceEnabled || testing.Short() {
		return 16 * 1021
	}
	return 1021
}

// checkLanes32 compares got with the float64 reference ref of the input x: within
// 1 float32 ULP of ref (which is within a float64 ULP of the truth), and bit for bit
// equal to float32(ref) where that is a NaN, an infinity or a signed zero. It returns
// the error in ULPs (0 for those exact cases) and whether it passed.
func checkLanes32(got float32, ref float64) (float64, bool) {
	if !within1ULP32(got, ref) {
		return math.Inf(1), false
	}
	r32 := float32(ref)
	if ref != ref || math.IsInf(ref, 0) || ref == 0 {
		return 0, sameResult(float64(got), float64(r32))
	}
	if math.IsInf(float64(got), 0) || math.IsInf(float64(r32), 0) {
		// at the overflow threshold: within1ULP32 allows the neighbour of the rounding
		if sameResult(float64(got), float64(r32)) {
			return 0, true
		}
		return 1, true
	}
	return math.Abs(float64(got)-ref) / ulp32(ref), true
}

// TestLanes32Sweep runs float32 bit patterns (all of them with -sweep32=all or
// -sweep32=Atan,...) through the float32-lane kernels of each assembly level and
// requires every result within 1 ULP of Go's float64 math, with Go's special values;
// it logs the worst error per level.
//
//	go test ./vec/ -run TestLanes32Sweep -v -args -sweep32=Atan,Asin,Acos
func TestLanes32Sweep(t *testing.T) {
	sweepLanes32(t, lanes32Cases(), nil)
}

// sweepLanes32 runs the float32 bit patterns that lanes32Stride selects through each
// case on each assembly level: every result within 1 ULP of the float64 reference
// with its special values (checkLanes32), and, where maxULP names the case, the worst
// error per level at most that.
func sweepLanes32(t *testing.T, cases []lanes32Case, maxULP map[string]float64) {
	const chunk = 1 << 16
	levels := asmLevels(t)
	x, got, ref := make([]float32, chunk), make([]float32, chunk), make([]float64, chunk)
	for _, tc := range cases {
		stride := lanes32Stride(tc.name)
		worst, bad := make([]float64, len(levels)), 0
		worstAt := make([]float32, len(levels))
		for start := uint64(0); start < 1<<32; start += chunk * stride {
			n := 0
			for ; n < chunk && start+uint64(n)*stride < 1<<32; n++ {
				x[n] = math.Float32frombits(uint32(start + uint64(n)*stride))
				ref[n] = tc.ref(float64(x[n]))
			}
			for j, l := range levels {
				tc.k32(l.k)(got[:n], x[:n])
				for i := range n {
					e, ok := checkLanes32(got[i], ref[i])
					if !ok {
						t.Errorf("%s %s(%v) = %v, want %v (float64 %v)", l.name, tc.name, x[i], got[i], float32(ref[i]), ref[i])
						if bad++; bad > 10 {
							t.FailNow()
						}
					}
					if e > worst[j] {
						worst[j], worstAt[j] = e, x[i]
					}
				}
			}
		}
		for j, l := range levels {
			t.Logf("%s float32 %s: stride %d, worst %.4f ULP at %v", tc.name, l.name, stride, worst[j], worstAt[j])
			if bound, ok := maxULP[tc.name]; ok && worst[j] > bound {
				t.Errorf("%s float32 %s: worst error %.4f ULP, want at most %v", tc.name, l.name, worst[j], bound)
			}
		}
	}
}

// TestLanes32Specials checks the float32-lane kernels of each assembly level at
// signed zeros, infinities, NaN, the ends of the subnormal and normal ranges and the
// reduction and branch boundaries: within 1 ULP of Go's float64 math, and Go's
// special values bit for bit.
func TestLanes32Specials(t *testing.T) {
	x := []float32{0, math.SmallestNonzeroFloat32, 0x1p-126, 0x1p-24, 0.25, 0.29289323, 0.41421354,
		0.5, 0.5625, 1 - 0x1p-24, 1, 1 + 0x1p-23, 2, 0.6931472, 9, 10, 17.5, 18, 88.72, 89, 89.42,
		90, 127.99, 128, 129, 150, 151, 4096, 4097, 1e30, math.MaxFloat32, float32(math.Inf(1))}
	checkLanes32Signed(t, lanes32Cases(), x)
}

// checkLanes32Signed runs every case on each assembly level at x, -x and NaN: within
// 1 ULP of the float64 reference, with its special values bit for bit.
func checkLanes32Signed(t *testing.T, cases []lanes32Case, x []float32) {
	for _, v := range x {
		x = append(x, -v)
	}
	x = append(x, float32(math.NaN()))
	got := make([]float32, len(x))
	for _, tc := range cases {
		for _, l := range asmLevels(t) {
			tc.k32(l.k)(got, x)
			for i := range x {
				ref := tc.ref(float64(x[i]))
				if _, ok := checkLanes32(got[i], ref); !ok {
					t.Errorf("%s %s(%v) = %v, want %v (float64 %v)", l.name, tc.name, x[i], got[i], float32(ref), ref)
				}
			}
		}
	}
}

// atan2Pairs32 returns (y, x) pairs for atan2: every pair of a table of special and
// boundary values, pairs whose ratio is near the reduction breakpoints 1/2, 1 and 2,
// and random bit patterns.
func atan2Pairs32(random int) (ys, xs []float32) {
	specials := []float32{0, math.SmallestNonzeroFloat32, 0x1p-140, 0x1p-127, 0x1p-126, 0x1p-101, 0x1p-100,
		0x1p-99, 1e-30, 1e-10, 0.25, 0.5, 1 - 0x1p-24, 1, 1 + 0x1p-23, 2, 3, 1e10, 0x1p119, 0x1p120,
		0x1p121, 0x1p126, math.MaxFloat32, float32(math.Inf(1)), float32(math.NaN())}
	for _, s := range specials[:len(specials)-1] {
		specials = append(specials, -s)
	}
	for _, y := range specials {
		for _, x := range specials {
			ys, xs = append(ys, y), append(xs, x)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range random {
		x := math.Float32frombits(rng.Uint32())
		ys, xs = append(ys, math.Float32frombits(rng.Uint32())), append(xs, x)
		// y/x within a few ULPs of 1/2, 1, 2 and of tan-friendly ratios, at any scale.
		for _, r := range []float32{0.5, 1, 2} {
			y := x * r
			b := math.Float32bits(y) + uint32(rng.IntN(9)) - 4
			ys, xs = append(ys, math.Float32frombits(b)), append(xs, x)
		}
		// Exponents close together: the ratio spans [1/16, 16].
		m := math.Float32frombits(rng.Uint32()&0x807fffff | uint32(127+rng.IntN(9)-4)<<23)
		ys, xs = append(ys, x*m), append(xs, x)
	}
	return ys, xs
}

// TestLanes32Atan2 checks the float32-lane atan2 of each assembly level on
// atan2Pairs32 against Go's float64 math.Atan2: within 1 ULP, Go's special values
// bit for bit.
func TestLanes32Atan2(t *testing.T) {
	random := 1 << 16
	if *sweep32 == "all" || strings.Contains(","+*sweep32+",", ",Atan2,") {
		random = 1 << 24
	}
	ys, xs := atan2Pairs32(random)
	got := make([]float32, len(xs))
	for _, l := range asmLevels(t) {
		t.Run(l.name, func(t *testing.T) {
			l.k.f32.atan2(got, ys, xs)
			worst, worstAt, bad := 0.0, 0, 0
			for i := range got {
				ref := math.Atan2(float64(ys[i]), float64(xs[i]))
				e, ok := checkLanes32(got[i], ref)
				if !ok {
					t.Errorf("Atan2(%v, %v) = %v, want %v (float64 %v)", ys[i], xs[i], got[i], float32(ref), ref)
					if bad++; bad > 10 {
						t.FailNow()
					}
				}
				if e > worst {
					worst, worstAt = e, i
				}
			}
			t.Logf("Atan2 float32 %s: %d pairs, worst %.4f ULP at (%v, %v)", l.name, len(got), worst, ys[worstAt], xs[worstAt])
		})
	}
}
