package main

import "math"

// Cbrt, float64, as the generic cbrt64: |x| = 2^(3q+j) m with m in [1, 2) and j in
// {0, 1, 2}, y = 2^j m (formed by adding j to m's exponent field), t = cbrtPoly(y),
// two Newton steps t = (2t + y/t^2)/3 and a last step t += (y - t^3)/(3 t^2) with the
// residual exact by FMA; then t 2^q (exact) with the sign of x. q = floor(e/3) is
// round((e - 1)/3), which is never near a tie. ±0 is selected through; subnormal,
// infinite and NaN lanes are flagged and left to the Go wrapper.
func cbrtF64() stream {
	poly, pn := polyConsts("c", coef("cbrtPoly"))
	ks := []konst{
		kb("tinyNormal", 0x1p-1022), kb("inf", math.Inf(1)),
		kb("two52", 0x1p52), kb("expBias", 0x1p52+1023), kbits("mant", 1<<52-1), kb("one", 1),
		kb("magic", magicRound), kbits("bias", 1023), kb("three", 3), kb("third", 1.0/3), kbits("sign", 1<<63),
	}
	return stream{name: "cbrt", consts: append(ks, poly...), flag: true, left: "subnormal, ±Inf, NaN", body: func(c *chain) {
		ar, k := c.ar, c.k
		x := c.x
		t := c.tmp
		magic := k.vec("magic")
		c.emit(
			fabs(ar, t[0], x),
			fcmge(ar, t[1], t[0], k.vec("tinyNormal")),
			fcmgt(ar, t[2], k.vec("inf"), t[0]),
			and16b(t[1], t[1], t[2]),
			fcmeqZero(ar, t[2], x),
			orr16b(t[1], t[1], t[2]),
			orn16b(vFlag, vFlag, t[1]), // lanes left to the wrapper
			ushr(ar, t[1], t[0], 52),
			orr16b(t[1], t[1], k.vec("two52")),
			fsub(ar, t[1], t[1], k.vec("expBias")), // e
			and16b(t[0], t[0], k.vec("mant")),
			orr16b(t[0], t[0], k.vec("one")), // m in [1, 2)
			fsub(ar, t[2], t[1], k.vec("one")),
			orr16b(t[3], magic, magic),
			fmla(ar, t[3], t[2], k.vec("third")), // q = round((e-1)/3) in the low bits
			fsub(ar, t[2], t[3], magic),          // q
			fmls(ar, t[1], t[2], k.vec("three")), // j = e - 3q, exact
			fadd(ar, t[1], t[1], magic),
			subInt(ar, t[1], t[1], magic),
			shl(ar, t[1], t[1], 52),
			addInt(ar, t[0], t[0], t[1]), // y = 2^j m
			subInt(ar, t[3], t[3], magic),
			addInt(ar, t[3], t[3], k.vec("bias")),
			shl(ar, t[3], t[3], 52), // 2^q
		)
		tt := c.horner(t[0], t[1], t[2], pn)
		o := t[1]
		if tt == t[1] {
			o = t[2]
		}
		for range 2 { // t = (2t + y/t^2)/3
			c.emit(
				fmul(ar, t[4], tt, tt),
				fdiv(ar, t[4], t[0], t[4]),
				fadd(ar, t[5], tt, tt),
				fadd(ar, t[5], t[5], t[4]),
				fdiv(ar, tt, t[5], k.vec("three")),
			)
		}
		c.emit(
			fmul(ar, t[4], tt, tt), // t2h
			fneg(ar, t[5], t[4]),
			fmla(ar, t[5], tt, tt),   // t2l
			fmul(ar, t[6], tt, t[4]), // t3h
			fneg(ar, o, t[6]),
			fmla(ar, o, tt, t[4]), // t3l
			fmla(ar, o, tt, t[5]), // t3l + t t2l
			fsub(ar, t[5], t[0], t[6]),
			fsub(ar, t[5], t[5], o), // r = (y - t3h) - t3l
			fmul(ar, t[4], t[4], k.vec("three")),
			fdiv(ar, t[5], t[5], t[4]),
			fadd(ar, tt, tt, t[5]), // t + r/(3 t2h)
			fmul(ar, tt, tt, t[3]), // t 2^q, exact
			and16b(t[4], x, k.vec("sign")),
			orr16b(tt, tt, t[4]), // copysign
			fcmeqZero(ar, t[4], x),
			bit(tt, x, t[4]), // cbrt(±0) = ±0
			orr16b(x, tt, tt),
		)
	}}
}
