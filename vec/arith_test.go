package vec

import (
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestArithmetic checks every arithmetic kernel of every level against Go's scalar
// operators, which are IEEE 754 exact, over random and special inputs.
func TestArithmetic(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	a, b, c := crossLevelInputs(r, 300), crossLevelInputs(r, 300), crossLevelInputs(r, 300)
	ops := []struct {
		name string
		run  func(dst []float64)
		want func(i int) float64
	}{
		{"Add", func(d []float64) { Add(d, a, b) }, func(i int) float64 { return a[i] + b[i] }},
		{"Sub", func(d []float64) { Sub(d, a, b) }, func(i int) float64 { return a[i] - b[i] }},
		{"Mul", func(d []float64) { Mul(d, a, b) }, func(i int) float64 { return a[i] * b[i] }},
		{"Div", func(d []float64) { Div(d, a, b) }, func(i int) float64 { return a[i] / b[i] }},
		{"Min", func(d []float64) { Min(d, a, b) }, func(i int) float64 { return math.Min(a[i], b[i]) }},
		{"Max", func(d []float64) { Max(d, a, b) }, func(i int) float64 { return math.Max(a[i], b[i]) }},
		{"Neg", func(d []float64) { Neg(d, a) }, func(i int) float64 { return -a[i] }},
		{"Sqrt", func(d []float64) { Sqrt(d, a) }, func(i int) float64 { return math.Sqrt(a[i]) }},
		{"Recip", func(d []float64) { Recip(d, a) }, func(i int) float64 { return 1 / a[i] }},
		{"Abs", func(d []float64) { Abs(d, a) }, func(i int) float64 { return math.Abs(a[i]) }},
		{"Scale", func(d []float64) { Scale(d, a, 3.25) }, func(i int) float64 { return a[i] * 3.25 }},
		{"AddScalar", func(d []float64) { AddScalar(d, a, -0.5) }, func(i int) float64 { return a[i] - 0.5 }},
		{"FMA", func(d []float64) { FMA(d, a, b, c) }, func(i int) float64 { return math.FMA(a[i], b[i], c[i]) }},
		{"Axpy", func(d []float64) { Axpy(d, 1.5, a, b) }, func(i int) float64 { return math.FMA(1.5, a[i], b[i]) }},
	}
	forEachLevel(t, func(t *testing.T) {
		for _, op := range ops {
			got := make([]float64, len(a))
			op.run(got)
			for i, g := range got {
				if w := op.want(i); !sameResult(g, w) {
					t.Errorf("%s element %d: got %v, want %v", op.name, i, g, w)
					break
				}
			}
		}
	})
}

// TestMinMaxSignedZero pins the math.Min/math.Max conventions the kernels follow.
func TestMinMaxSignedZero(t *testing.T) {
	forEachLevel(t, func(t *testing.T) {
		lo, hi := make([]float64, 4), make([]float64, 4)
		a := []float64{0, negZero, nan, 1}
		b := []float64{negZero, 0, 1, nan}
		Min(lo, a, b)
		Max(hi, a, b)
		wantLo := []float64{negZero, negZero, nan, nan}
		wantHi := []float64{0, 0, nan, nan}
		for i := range a {
			if !sameResult(lo[i], wantLo[i]) || !sameResult(hi[i], wantHi[i]) {
				t.Errorf("Min/Max(%v, %v) = %v, %v; want %v, %v", a[i], b[i], lo[i], hi[i], wantLo[i], wantHi[i])
			}
		}
	})
}

// exactFMA32 rounds a*b+c, computed exactly with big.Float, to float32.
func exactFMA32(a, b, c float32) float32 {
	p := new(big.Float).SetPrec(200).Mul(big.NewFloat(float64(a)), big.NewFloat(float64(b)))
	p.Add(p, big.NewFloat(float64(c)))
	f, _ := p.Float32()
	if p.Sign() == 0 { // big.Float has no signed zero arithmetic; IEEE gives +0 unless both terms are -0
		return a*b + c
	}
	return f
}

// TestFMA32 checks the float32 fused multiply-add (round to odd in float64) against an
// exact computation, including halfway cases that double rounding would get wrong.
func TestFMA32(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	a, b, c := make([]float32, 4000), make([]float32, 4000), make([]float32, 4000)
	for i := range a {
		a[i] = float32(math.Ldexp(r.Float64()+1, r.IntN(40)-20))
		b[i] = float32(math.Ldexp(r.Float64()+1, r.IntN(40)-20))
		// c near -a*b makes cancellation; c tiny against a*b makes halfway cases.
		switch i % 3 {
		case 0:
			c[i] = -a[i] * b[i]
		case 1:
			c[i] = float32(math.Ldexp(float64(a[i]*b[i]), -25-r.IntN(30)))
		default:
			c[i] = float32(r.Float64()*2 - 1)
		}
	}
	// 1 + 2^-24 exactly halfway between float32 neighbours, pushed by a tiny c.
	a = append(a, 1+0x1p-12)
	b = append(b, 1+0x1p-12)
	c = append(c, 0x1p-70)
	forEachLevel(t, func(t *testing.T) {
		got := make([]float32, len(a))
		FMA(got, a, b, c)
		for i := range got {
			if w := exactFMA32(a[i], b[i], c[i]); got[i] != w {
				t.Errorf("FMA(%v, %v, %v) float32 = %v, want %v", a[i], b[i], c[i], got[i], w)
			}
		}
	})
}

// expectPanic runs f and checks that it panics with a message containing every part.
func expectPanic(t *testing.T, f func(), parts ...string) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		msg, _ := r.(string)
		if r == nil {
			t.Errorf("no panic, want one mentioning %q", parts)
			return
		}
		for _, p := range parts {
			if !strings.Contains(msg, p) {
				t.Errorf("panic %q does not mention %q", msg, p)
			}
		}
	}()
	f()
}

func TestLengthMismatchPanics(t *testing.T) {
	x3, x4 := make([]float64, 3), make([]float64, 4)
	expectPanic(t, func() { Add(x3, x3, x4) }, "vec.Add", "len(dst)=3", "len(b)=4")
	expectPanic(t, func() { Add(x3, x4, x3) }, "vec.Add", "len(dst)=3", "len(a)=4")
	expectPanic(t, func() { Sin(x3, x4) }, "vec.Sin", "len(dst)=3", "len(x)=4")
	expectPanic(t, func() { Pow(x4, x3, x4) }, "vec.Pow", "len(dst)=4", "len(x)=3")
	expectPanic(t, func() { FMA(x3, x3, x3, x4) }, "vec.FMA", "len(c)=4")
	expectPanic(t, func() { Dot(x3, x4) }, "vec.Dot", "len(x)=3", "len(y)=4")
	expectPanic(t, func() { Sincos(x3, x4, x3) }, "vec.Sincos", "len(s)=3", "len(c)=4")
	expectPanic(t, func() { Axpy(x3, 2, x4, x3) }, "vec.Axpy", "len(x)=4")
	d3, d4 := NewDual[float64](3, 2), NewDual[float64](4, 2)
	expectPanic(t, func() { DualSin(d3, d4) }, "vec.DualSin", "len(dst.V)=3", "len(x.V)=4")
	expectPanic(t, func() { DualMul(d3, d3, NewDual[float64](3, 1)) }, "vec.DualMul", "len(dst.D)=2", "len(b.D)=1")
	bad := NewDual[float64](3, 2)
	bad.D[1] = bad.D[1][:2]
	expectPanic(t, func() { DualExp(d3, bad) }, "vec.DualExp", "len(x.D[1])=2")
}
