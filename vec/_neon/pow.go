package main

import "math"

// Pow, float64, as the generic pow64 for x > 0: log x as a double-double
// (logPreciseDD: e ln2 + 2s + (2/3)s^3 + (2/5)s^5 + s^7 R(s^2) with s = f/(2+f) a
// double-double and the first three terms in double-double, relative error below
// 2^-68), times y with an exact product, then the exp core on the reduced
// double-double. The scaling by 2^k uses two exact factors 2^(k>>1), 2^(k - k>>1)
// (as the exp kernel) after clamping y log x to [-1100, 1100] (and its low part to
// [-1, 1], which only changes lanes that were clamped), so overflow gives +Inf
// and gradual underflow rounds the 53-bit result once more instead of the generic
// level's single rounding of the double-double (still within 1 ULP). Lanes with
// x <= 0 or subnormal, infinite or NaN x or y, and y = 1 (the generic level returns x
// itself) are left to the Go wrapper. The body needs 15 registers, so the stream is
// wide (one chain at a time).

// mulDDV emits (ah + al)(bh + bl) as a double-double to about 2^-104 relative, as
// the generic mulDD; the result is (h, tmp) and l is clobbered. All registers must
// differ.
func mulDDV(c *chain, h, l, tmp, ah, al, bh, bl vreg) {
	ar := c.ar
	c.emit(
		fmul(ar, tmp, ah, bh),
		fneg(ar, l, tmp),
		fmla(ar, l, ah, bh), // the product's rounding error
		fmul(ar, h, ah, bl),
		fmla(ar, h, al, bh),
		fadd(ar, l, l, h),
	)
	fastTwoSum(c, h, tmp, tmp, l)
}

func powF64() stream {
	lp, lpn := memPoly("r", coef("logPoly7"))
	ep, epn := memPoly("p", coef("expPoly"))
	ln2, invLn2 := coef("ln2DD"), coef("invLn2DD")
	tt, tf := coef("twoThirdsDD"), coef("twoFifthsDD")
	ks := []konst{
		kb("one", 1), kb("minusOne", -1), kb("magic", magicRound), kbits("bias", 1023),
		kb("two52", 0x1p52), kb("expBias", 0x1p52+1023), kbits("mant", 1<<52-1), kb("sqrt2", math.Sqrt2),
		kf("half", 0.5), kf("ln2", ln2[0]), kf("ln2Lo", ln2[1]), kf("log2e", invLn2[0]),
		kf("twoThirds", tt[0]), kf("twoThirdsLo", tt[1]), kf("twoFifths", tf[0]), kf("twoFifthsLo", tf[1]),
		kmem("tinyNormal", 0x1p-1022), kmem("inf", math.Inf(1)), kmem("two", 2),
		kmem("lo", -1100), kmem("hi", 1100),
	}
	ks = append(append(ks, lp...), ep...)
	return stream{name: "pow", inputs: []string{"x", "y"}, flag: true, left: "x <= 0, subnormal x, ±Inf or NaN argument, y = 1", wide: true, consts: ks, body: func(c *chain) {
		ar, k := c.ar, c.k
		x, y := c.x, c.y
		T := c.tmp
		one, magic := k.vec("one"), k.vec("magic")
		c.emit(
			c.loadK(T[0], "tinyNormal"),
			fcmge(ar, T[0], x, T[0]),
			c.loadK(T[1], "inf"),
			fcmgt(ar, T[2], T[1], x),
			and16b(T[0], T[0], T[2]),
			facgt(ar, T[2], T[1], y),
			and16b(T[0], T[0], T[2]),
			fcmeq(ar, T[2], y, one),
			bic16b(T[0], T[0], T[2]),
			orn16b(vFlag, vFlag, T[0]), // lanes left to the wrapper
			// x = 2^e m, m in [sqrt(2)/2, sqrt(2)), f = m - 1.
			ushr(ar, T[0], x, 52),
			orr16b(T[0], T[0], k.vec("two52")),
			fsub(ar, T[0], T[0], k.vec("expBias")),
			and16b(T[1], x, k.vec("mant")),
			orr16b(T[1], T[1], one),
			fcmgt(ar, T[2], T[1], k.vec("sqrt2")),
			c.mulK(T[3], T[1], "half"),
			bit(T[1], T[3], T[2]),
			and16b(T[2], T[2], one),
			fadd(ar, T[0], T[0], T[2]), // e
			fsub(ar, T[1], T[1], one),  // f, exact
			c.loadK(T[2], "two"),
		)
		twoSum(c, T[3], T[4], T[2], T[1], T[5]) // dh + dl = 2 + f
		c.emit(
			fdiv(ar, T[5], T[1], T[3]), // sh
			orr16b(T[6], T[1], T[1]),
			fmls(ar, T[6], T[5], T[3]),
			fmls(ar, T[6], T[5], T[4]),
			fdiv(ar, T[6], T[6], T[3]), // sl
			fmul(ar, T[1], T[5], T[5]), // zh
			fneg(ar, T[2], T[1]),
			fmla(ar, T[2], T[5], T[5]),
			fadd(ar, T[3], T[5], T[5]),
			fmla(ar, T[2], T[3], T[6]), // zl
		)
		mulDDV(c, T[7], T[8], T[9], T[5], T[6], T[1], T[2])     // s^3 = (T7, T9)
		mulDDV(c, T[8], T[10], T[11], T[7], T[9], T[1], T[2])   // s^5 = (T8, T11)
		mulDDK(c, T[10], T[12], T[7], T[9], T[13], "twoThirds") // t3 = (T10, T12)
		mulDDK(c, T[2], T[3], T[8], T[11], T[4], "twoFifths")   // t5 = (T2, T3)
		p := c.hornerMem(T[1], T[4], T[13], T[7], lpn)
		c.emit(
			fmul(ar, T[7], T[8], T[1]),
			fmul(ar, T[7], T[7], p),    // rest = s^5 z R(z)
			fadd(ar, T[1], T[5], T[5]), // 2 sh
		)
		twoSum(c, T[8], T[9], T[1], T[10], T[11]) // 2 sh + t3h
		c.emit(
			fadd(ar, T[6], T[6], T[6]), // 2 sl
			fadd(ar, T[6], T[6], T[12]),
			fadd(ar, T[6], T[6], T[3]),
			fadd(ar, T[6], T[6], T[7]),
			fadd(ar, T[9], T[9], T[6]), // l += 2 sl + t3l + t5l + rest
		)
		twoSum(c, T[1], T[4], T[8], T[2], T[11]) // + t5h
		c.emit(
			fadd(ar, T[9], T[9], T[4]),
			c.mulK(T[2], T[0], "ln2"), // eh
			fneg(ar, T[3], T[2]),
			c.mulAddK(T[3], T[0], "ln2"),
			c.mulAddK(T[3], T[0], "ln2Lo"), // el
		)
		twoSum(c, T[4], T[5], T[2], T[1], T[6]) // eh + h
		c.emit(
			fadd(ar, T[9], T[9], T[5]),
			fadd(ar, T[9], T[9], T[3]),
		)
		fastTwoSum(c, T[0], T[1], T[4], T[9]) // log x = T0 + T1
		c.emit(
			fmul(ar, T[2], y, T[0]), // ph
			fneg(ar, T[3], T[2]),
			fmla(ar, T[3], y, T[0]),
			fmla(ar, T[3], y, T[1]), // pl
			c.loadK(T[6], "lo"),
			fmax(ar, T[2], T[2], T[6]),
			c.loadK(T[6], "hi"),
			fmin(ar, T[2], T[2], T[6]), // beyond: 0 or +Inf
			fmaxnm(ar, T[3], T[3], k.vec("minusOne")),
			fminnm(ar, T[3], T[3], one), // and pl is small again (NaN when ph is infinite)
		)
		fastTwoSum(c, T[4], T[5], T[2], T[3])
		c.emit(
			orr16b(T[6], magic, magic),
			c.mulAddK(T[6], T[4], "log2e"), // k in the low bits
			fsub(ar, T[7], T[6], magic),    // k
			c.mulSubK(T[4], T[7], "ln2"),   // rh, exact
			c.mulSubK(T[5], T[7], "ln2Lo"), // rl
			fadd(ar, T[8], T[4], T[5]),     // r
			fsub(ar, T[9], T[4], T[8]),
			fadd(ar, T[9], T[9], T[5]), // rr
			fmul(ar, T[10], T[8], T[8]),
		)
		pe := c.hornerMem(T[8], T[11], T[12], T[13], epn)
		c.emit(
			fmul(ar, T[10], T[10], pe), // q = r^2 P(r)
			fadd(ar, T[4], one, T[8]),  // h = 1 + r
			fsub(ar, T[5], T[4], one),
			fsub(ar, T[5], T[8], T[5]),
			fadd(ar, T[10], T[10], T[9]),
			fadd(ar, T[5], T[5], T[10]), // l = e + (q + rr)
			fadd(ar, T[4], T[4], T[5]),
			subInt(ar, T[6], T[6], magic), // k as an integer
			sshr(ar, T[7], T[6], 1),       // k1 = k>>1
			subInt(ar, T[6], T[6], T[7]),  // k2 = k - k1
			addInt(ar, T[7], T[7], k.vec("bias")),
			shl(ar, T[7], T[7], 52),
			addInt(ar, T[6], T[6], k.vec("bias")),
			shl(ar, T[6], T[6], 52),
			fmul(ar, T[4], T[4], T[7]), // exact
			fmul(ar, x, T[4], T[6]),    // rounds once
		)
	}}
}
