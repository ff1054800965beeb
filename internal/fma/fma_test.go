package fma

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// exact returns a*b + c rounded once to float32, from a 200-bit computation.
func exact(a, b, c float32) float32 {
	p := new(big.Float).SetPrec(200).Mul(big.NewFloat(float64(a)), big.NewFloat(float64(b)))
	p.Add(p, big.NewFloat(float64(c)))
	if p.Sign() == 0 { // big.Float has no signed zero; IEEE gives +0 unless both terms are -0
		return a*b + c
	}
	f, _ := p.Float32()
	return f
}

// TestFloat32 checks Float32 against the exact result on halfway cases, which
// rounding math.FMA's result to float32 gets wrong, cancellations and random
// operands, and on the special values.
func TestFloat32(t *testing.T) {
	type abc struct{ a, b, c float32 }
	cases := []abc{
		{1 + 0x1p-12, 1 + 0x1p-12, 0x1p-60},  // just above a midpoint: up
		{1 + 0x1p-12, 1 + 0x1p-12, -0x1p-60}, // just below: down
		{-(1 + 0x1p-12), 1 + 0x1p-12, 0x1p-60},
		{3, 1.0 / 3, -1},
		{0x1p-100, 0x1p-100, 0x1p-149}, // the product underflows, the sum is subnormal
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		a := float32(math.Ldexp(r.Float64()+1, r.IntN(40)-20))
		b := float32(math.Ldexp(r.Float64()+1, r.IntN(40)-20))
		cases = append(cases, abc{a, b, -a * b}, abc{a, b, float32(math.Ldexp(float64(a*b), -25-r.IntN(30)))},
			abc{a, b, float32(r.Float64()*2 - 1)})
	}
	for _, c := range cases {
		if got, want := Float32(c.a, c.b, c.c), exact(c.a, c.b, c.c); math.Float32bits(got) != math.Float32bits(want) {
			t.Errorf("Float32(%v, %v, %v) = %v, want %v", c.a, c.b, c.c, got, want)
		}
	}
	if got := float32(math.FMA(1+0x1p-12, 1+0x1p-12, 0x1p-60)); got != 1+0x1p-11 {
		t.Errorf("math.FMA rounded to float32 gives %v: the first case no longer shows double rounding", got)
	}
	inf, nan, negZero := float32(math.Inf(1)), float32(math.NaN()), float32(math.Copysign(0, -1))
	for _, c := range []struct{ a, b, c, want float32 }{
		{inf, 1, 1, inf}, {inf, 0, 1, nan}, {1, 1, -inf, -inf}, {inf, 1, -inf, nan}, {nan, 1, 1, nan},
		{0x1p100, 0x1p100, 0, inf}, {negZero, 1, negZero, negZero}, {1, -1, 1, 0},
	} {
		got := Float32(c.a, c.b, c.c)
		if math.Float32bits(got) != math.Float32bits(c.want) && !(got != got && c.want != c.want) {
			t.Errorf("Float32(%v, %v, %v) = %v, want %v", c.a, c.b, c.c, got, c.want)
		}
	}
}
