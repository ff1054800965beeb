//go:build !purego

package vec

import (
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
)

// quadrantEdgeInputs are float64 arguments where the assembly sin and cos are most
// exposed: next to odd multiples of pi/4, where the reduced argument is largest (the
// polynomial tails are largest) and each lane switches between the sin and the cos
// polynomial; next to multiples of pi/2, where the reduced argument is smallest (the
// reduction must keep its relative accuracy); and dense points over two periods.
func quadrantEdgeInputs(r *rand.Rand) []float64 {
	v := uniform(r, 4000, -2*math.Pi, 2*math.Pi)
	edge := func(k float64) {
		c := k * math.Pi / 4
		v = append(v, neighbours(c, 2)...)
		for range 6 {
			v = append(v, c*(1+(r.Float64()-0.5)*0x1p-20))
		}
	}
	for k := 1; k < 400; k += 2 {
		edge(float64(k))
	}
	for range 300 {
		edge(float64(2*r.IntN(1<<21) + 1)) // up to about trigBound
		v = append(v, neighbours(float64(r.IntN(650000))*math.Pi/2, 1)...)
	}
	return withNegatives(v)
}

// TestTrigQuadrantEdgesAsm asserts the 1 ULP bound of the float64 sin, cos and sincos
// kernels of every assembly level on quadrantEdgeInputs against the math/big
// reference, and logs the largest error of each.
func TestTrigQuadrantEdgesAsm(t *testing.T) {
	x := quadrantEdgeInputs(rand.New(rand.NewPCG(3, 14)))
	sinRef, cosRef := make([]*big.Float, len(x)), make([]*big.Float, len(x))
	for i, v := range x {
		sinRef[i], cosRef[i] = refSinCos(v)
	}
	for _, l := range asmLevels(t) {
		cases := []struct {
			name string
			f    func(dst, x []float64)
			ref  []*big.Float
		}{
			{"sin", l.k.f64.sin, sinRef},
			{"cos", l.k.f64.cos, cosRef},
			{"sincos.sin", sinOf(l.k.f64.sincos), sinRef},
			{"sincos.cos", cosOf(l.k.f64.sincos), cosRef},
		}
		for _, c := range cases {
			t.Run(l.name+"/"+c.name, func(t *testing.T) {
				got := make([]float64, len(x))
				c.f(got, x)
				worst, at := 0.0, 0.0
				for i, v := range x {
					if e := ulpErr(got[i], c.ref[i], 52, -1022); e > worst {
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

// TestSweepTrig32Asm sweeps every float32 input up to 2^21 in magnitude, every 31st
// chunk of 2^16 beyond, and ±Inf and NaN (or every -sweep32stride-th bit pattern of
// those) through the float32 Sin, Cos and both outputs of Sincos of each assembly
// level, against the generic level's float64 sincos (within 0.52 float64 ULP), and
// asserts at most 1 float32 ULP. It is TestSweep32 for the trigonometric kernels at
// a quarter of the cost (one reference call for three kernels, the generic float32
// level left out); enable it with -sweep32=Trig or -sweep32=all.
func TestSweepTrig32Asm(t *testing.T) {
	if *sweep32 != "all" && !strings.Contains(","+*sweep32+",", ",Trig,") {
		t.Skip("exhaustive float32 sweep: enable with -sweep32=Trig or -sweep32=all")
	}
	g := genericTable()
	levels := asmLevels(t)
	const chunk = 1 << 16
	stride := max(*sweep32Stride, 1)
	x, x64 := make([]float32, chunk), make([]float64, chunk)
	sRef, cRef := make([]float64, chunk), make([]float64, chunk)
	out := [4][]float32{make([]float32, chunk), make([]float32, chunk), make([]float32, chunk), make([]float32, chunk)}
	names := [4]string{"Sin", "Cos", "Sincos.sin", "Sincos.cos"}
	var worst [4]float64
	// Chunks of finite inputs beyond 2^21 (where the assembly leaves every lane to the
	// generic Payne-Hanek code, the costly part of a full sweep) are tested one in
	// hugeStride; every other chunk, from 0 to 2^21 and ±Inf and NaN, in full.
	const hugeBits, hugeStride = 0x4a000000, 31
	for start := uint64(0); start < 1<<32; start += chunk * stride {
		if b := uint32(start) &^ (1 << 31); b > hugeBits && b < 0x7f800000 && start/chunk%hugeStride != 0 {
			continue // beyond 2^21 every lane goes to the Go fallback: sampled
		}
		for i := range x {
			x[i] = math.Float32frombits(uint32(start + uint64(i)*stride))
			x64[i] = float64(x[i])
		}
		g.sincos(sRef, cRef, x64)
		for _, l := range levels {
			l.k.f32.sin(out[0], x)
			l.k.f32.cos(out[1], x)
			l.k.f32.sincos(out[2], out[3], x)
			for j, got := range out {
				ref := sRef
				if j%2 == 1 {
					ref = cRef
				}
				for i := range x {
					if got[i] == float32(ref[i]) {
						continue // the reference rounded: within 0.5 + 2^-29 ULP
					}
					if !within1ULP32(got[i], ref[i]) {
						t.Fatalf("%s(%v) float32 level %s = %v, reference %v", names[j], x[i], l.name, got[i], ref[i])
					}
					if e := math.Abs(float64(got[i])-ref[i]) / ulp32(ref[i]); e > worst[j] && !math.IsInf(e, 0) {
						worst[j] = e
					}
				}
			}
		}
	}
	for j, name := range names {
		t.Logf("%s float32: every tested input (stride %d) within %.3f ULP on each assembly level", name, stride, max(worst[j], 0.5))
	}
}

// TestSincosMatchesSinCosAsm checks that the sincos kernels of every assembly level give
// the bits of the sin and cos kernels (the dual kernels take values from sincos and
// must agree with Sin and Cos), for both float types, over ordinary, quadrant-edge,
// far (the float32 slow path), huge (the Go fallback) and special arguments.
func TestSincosMatchesSinCosAsm(t *testing.T) {
	x := quadrantEdgeInputs(rand.New(rand.NewPCG(5, 9)))
	x = append(x, 300, -1e6, 0x1p21, 1e300, math.Inf(1), math.Inf(-1), math.NaN(), 0, math.Copysign(0, -1), 0x1p-1074)
	x32 := make([]float32, len(x))
	for i, v := range x {
		x32[i] = float32(v)
	}
	for _, l := range asmLevels(t) {
		t.Run(l.name+"/f64", func(t *testing.T) { checkSincosBits(t, l.k.f64, x) })
		t.Run(l.name+"/f32", func(t *testing.T) { checkSincosBits(t, l.k.f32, x32) })
	}
}

func checkSincosBits[T Float](t *testing.T, k floatKernels[T], x []T) {
	s, c := make([]T, len(x)), make([]T, len(x))
	k.sin(s, x)
	k.cos(c, x)
	ss, cc := make([]T, len(x)), make([]T, len(x))
	k.sincos(ss, cc, x)
	for i, v := range x {
		if !sameFloat(ss[i], s[i]) || !sameFloat(cc[i], c[i]) {
			t.Fatalf("sincos(%v) = %v, %v; sin, cos give %v, %v", v, ss[i], cc[i], s[i], c[i])
		}
	}
}
