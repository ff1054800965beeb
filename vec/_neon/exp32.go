package main

import "math"

// Exp, float32, in float32 lanes (4 per vector), the algorithm of the amd64 levels
// (vec/_asm/exp32.go): x clamped to [-104, 89] (the clamp changes no result, NaN
// passes), n = round(x log2 e) by the 1.5*2^23 rounding constant, r = x - n ln2 by
// Cody-Waite with ln2 in two float32 parts (the first has 16 significant bits, so
// n ln2hi is exact for |n| <= 150), e^r = 1 + (r + r^2 P(r)) with P of degree 5 (fit
// error below 1.5e-9), and the scaling by two exact factors 2^(n>>1), 2^(n - n>>1),
// so overflow and gradual underflow round in the last multiply.

const (
	magicRound32 = 0x1.8p23 // adding it rounds |v| < 2^22 to an integer in the low mantissa bits
	ln2Hi32      = 0.693145751953125
	ln2Lo32      = 1.428606765330187e-06
)

// exp32Poly is P, lowest degree first (the amd64 generator's exp32LanePoly reversed).
var exp32Poly = []float32{0.5, 0.1666666716337204, 0.04166645556688309,
	0.00833331048488617, 0.0013934541493654251, 0.00019891980628017336}

func exp32Lanes() stream {
	ks := []konst{
		kb32("lo", -104), kb32("hi", 89), kb32("magic", magicRound32), kb32("one", 1), kbits32("bias", 127),
		kf32("log2e", math.Log2E), kf32("ln2hi", ln2Hi32), kf32("ln2lo", ln2Lo32),
	}
	var pn []string
	for i, v := range exp32Poly {
		n := "p" + string(rune('0'+i))
		ks, pn = append(ks, kf32(n, v)), append(pn, n)
	}
	return stream{name: "exp", lanes32: true, consts: ks, body: func(c *chain) {
		ar, k := c.ar, c.k
		a := c.x
		t := c.tmp
		magic := k.vec("magic")
		c.emit(
			fmax(ar, a, a, k.vec("lo")),
			fmin(ar, a, a, k.vec("hi")),
			orr16b(t[0], magic, magic),
			c.mulAddK(t[0], a, "log2e"), // n in the low bits
			fsub(ar, t[1], t[0], magic), // n
			c.mulSubK(a, t[1], "ln2hi"), // exact
			c.mulSubK(a, t[1], "ln2lo"), // r
			fmul(ar, t[2], a, a),
		)
		p := c.horner(a, t[3], t[4], pn)
		c.emit(
			fmla(ar, a, t[2], p), // r + r^2 P(r)
			fadd(ar, a, a, k.vec("one")),
			subInt(ar, t[0], t[0], magic), // n as an integer
			sshr(ar, t[1], t[0], 1),       // n1 = n>>1
			subInt(ar, t[0], t[0], t[1]),  // n2 = n - n1
			addInt(ar, t[1], t[1], k.vec("bias")),
			shl(ar, t[1], t[1], 23),
			addInt(ar, t[0], t[0], k.vec("bias")),
			shl(ar, t[0], t[0], 23),
			fmul(ar, a, a, t[1]), // exact
			fmul(ar, a, a, t[0]), // rounds once
		)
	}}
}
