package dual

import (
	"github.com/dualgrad/dualgrad/internal/libm"
	"math"
	"math/rand/v2"
	"testing"
)

// sinCosInputs returns arguments for sinCosChain: special values, both sides of the
// 2^29 switch to math.Sincos, the octant boundaries (multiples of π/4, where the
// reduction picks the neighbouring octant on a last-bit difference), and random
// values of every magnitude from subnormal to 2^35, of both signs.
func sinCosInputs(n int) []float64 {
	xs := []float64{
		0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(),
		5e-324, -5e-324, 0x1p-1022, 1e-300, 1e-8, 1, -1, math.Pi, -math.Pi,
		sinCosReduceMax, -sinCosReduceMax, math.Nextafter(sinCosReduceMax, 0),
		math.Nextafter(-sinCosReduceMax, 0), math.Nextafter(sinCosReduceMax, math.Inf(1)),
		math.MaxFloat64, -math.MaxFloat64,
	}
	for k := -64; k <= 64; k++ {
		b := float64(k) * math.Pi / 4
		xs = append(xs, b, math.Nextafter(b, math.Inf(1)), math.Nextafter(b, math.Inf(-1)))
	}
	r := rand.New(rand.NewPCG(2, 29))
	for range n {
		x := math.Ldexp(0.5+r.Float64(), r.IntN(1110)-1075) // 2^-1075 .. 2^35
		if r.IntN(2) == 0 {
			x = -x
		}
		xs = append(xs, x)
	}
	return xs
}

// TestSinCosChain checks sinCosChain's values against libm.Sincos (within 0.6 ulp of
// the exact result): each is math.Sincos's or libm's bit for bit, within 1.1 ulps of
// libm's everywhere (the Cephes polynomials are within 1.7 ulps), and libm's own
// next to the zeros of sin and cos, where math.Sincos was up to 5e7 ulps off. It also
// checks that sinCosChain applies the chain rule as chain does: each tangent times
// the derivative, a zero tangent zero.
func TestSinCosChain(t *testing.T) {
	n := 2_000_000
	if testing.Short() {
		n = 100_000
	}
	same := func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) || a != a && b != b }
	// ulps is |a - b| in ulps of b; 0 for equal values and for two NaNs.
	ulps := func(a, b float64) float64 {
		if same(a, b) || a == b {
			return 0
		}
		_, e := math.Frexp(b)
		return math.Abs(a-b) / math.Ldexp(1, max(e, -1021)-53)
	}
	xs := sinCosInputs(n)
	zeros := len(xs)
	for k := 1; k <= 100_000; k++ {
		b := float64(k) * math.Pi / 2
		xs = append(xs, b, math.Nextafter(b, math.Inf(1)), math.Nextafter(b, math.Inf(-1)), -b)
	}
	// Just above sinCosLossLimit, up to the largest octant count, the Cephes path's
	// reduction error is largest relative to the result.
	zeros2 := len(xs)
	r := rand.New(rand.NewPCG(5, 13))
	for range 200_000 {
		b := math.Round(math.Ldexp(r.Float64(), 30)) * math.Pi / 2
		if b >= sinCosReduceMax {
			continue
		}
		xs = append(xs, b+sinCosLossLimit*(1+r.Float64()), b-sinCosLossLimit*(1+r.Float64()))
	}
	for i, x := range xs {
		s, c := libm.Sincos(x)
		ms, mc := math.Sincos(x)
		const d0 = 0.75
		gs, s0, s1 := sinCosChain(x, d0, 0, false)
		gc, c0, c1 := sinCosChain(x, 0, d0, true)
		if !(same(gs, ms) && same(gc, mc) || same(gs, s) && same(gc, c)) {
			t.Fatalf("sinCosChain(%v) = sin %v, cos %v; neither math.Sincos's %v, %v nor libm's %v, %v", x, gs, gc, ms, mc, s, c)
		}
		limit := 1.1
		if i >= zeros && i < zeros2 {
			limit = 0
		}
		if es, ec := ulps(gs, s), ulps(gc, c); es > limit || ec > limit {
			t.Fatalf("sinCosChain(%v) = sin %v, cos %v; libm.Sincos gives %v, %v (%.3g, %.3g ulps apart)", x, gs, gc, s, c, es, ec)
		}
		if !same(s0, gc*d0) || s1 != 0 || c0 != 0 || !same(c1, -gs*d0) {
			t.Fatalf("sinCosChain(%v) tangents: sin (%v, %v), cos (%v, %v); want (%v, 0), (0, %v)",
				x, s0, s1, c0, c1, gc*d0, -gs*d0)
		}
	}
}

// TestSinCosChainFloat32 checks the float32 instantiation: the values are the float64
// results rounded, and the tangents are computed in float32 from the rounded derivative.
func TestSinCosChainFloat32(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 2))
	inputs := []float32{0, float32(math.Copysign(0, -1)), float32(math.Inf(1)), float32(math.NaN()), 1e-40, 3e38, -7}
	for range 200_000 {
		inputs = append(inputs, float32(math.Ldexp(r.Float64()-0.5, r.IntN(60)-20)))
	}
	for _, x := range inputs {
		s, c := sincosValue(float64(x))
		const d = float32(-1.5)
		gs, ds, _ := sinCosChain(x, d, 0, false)
		gc, dc, _ := sinCosChain(x, d, 0, true)
		ws, wc := float32(s), float32(c)
		if math.Float32bits(gs) != math.Float32bits(ws) && !(gs != gs && ws != ws) ||
			math.Float32bits(gc) != math.Float32bits(wc) && !(gc != gc && wc != wc) {
			t.Fatalf("sinCosChain(float32 %v) = %v, %v; want %v, %v", x, gs, gc, ws, wc)
		}
		if wd, wdc := wc*d, float32(-s)*d; ds != wd && !(ds != ds && wd != wd) || dc != wdc && !(dc != dc && wdc != wdc) {
			t.Fatalf("sinCosChain(float32 %v) tangents %v, %v; want %v, %v", x, ds, dc, wd, wdc)
		}
	}
}

// TestSinCosChainZeroTangentStaysZero checks NaN safety where the derivative is NaN.
func TestSinCosChainZeroTangentStaysZero(t *testing.T) {
	for _, x := range []float64{math.Inf(1), math.Inf(-1), math.NaN()} {
		for _, cos := range []bool{false, true} {
			v, t0, t1 := sinCosChain(x, 0, 1, cos)
			if !math.IsNaN(v) || t0 != 0 || !math.IsNaN(t1) {
				t.Errorf("sinCosChain(%v, 0, 1, cos=%v) = %v, %v, %v; want NaN, 0, NaN", x, cos, v, t0, t1)
			}
		}
	}
}
