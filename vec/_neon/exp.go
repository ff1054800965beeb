package main

// Exp, float64, as the generic exp64: x = n ln2 + r with n = round(x/ln2), ln2 a
// double-double, r kept as r + rlo (the first FMA is exact), e^r = (1 + r) + (rlo +
// lo + r^2 P(r)) with 1 + r = hi + lo exact, so only the final addition rounds at full
// weight. x is clamped to [-746, 710] first (NaN passes the clamp: FMAX and FMIN
// return NaN if either input is); beyond the clamp the result is already 0 or +Inf.
// The scaling by 2^n uses two exact factors 2^(n>>1) and 2^(n - n>>1), so overflow
// and gradual underflow round once.

const magicRound = 0x1.8p52 // adding it rounds |v| < 2^51 to an integer (low mantissa bits)

// expConsts are the constants of exp and exp2: clamp bounds lo and hi, then the
// shared ones.
func expConsts(lo, hi float64) ([]konst, []string) {
	poly, pn := polyConsts("p", coef("expPoly"))
	ln2, invLn2 := coef("ln2DD"), coef("invLn2DD")
	ks := []konst{
		kb("lo", lo), kb("hi", hi), kb("magic", magicRound), kb("one", 1), kbits("bias", 1023),
		kf("log2e", invLn2[0]), kf("ln2hi", ln2[0]), kf("ln2lo", ln2[1]),
	}
	return append(ks, poly...), pn
}

func expF64() stream {
	ks, pn := expConsts(-746, 710)
	return stream{name: "exp", consts: ks, body: func(c *chain) {
		ar, k := c.ar, c.k
		a := c.x
		t, n, r := c.tmp[0], c.tmp[1], c.tmp[2]
		c.emit(
			fmax(ar, a, a, k.vec("lo")),
			fmin(ar, a, a, k.vec("hi")),
			orr16b(t, k.vec("magic"), k.vec("magic")),
			c.mulAddK(t, a, "log2e"),       // t = x/ln2 + magic: n in the low bits
			fsub(ar, n, t, k.vec("magic")), // n
			c.mulSubK(a, n, "ln2hi"),       // a = x - n ln2hi, exact
			orr16b(r, a, a),                //
			c.mulSubK(r, n, "ln2lo"),       // r = a - n ln2lo, rounded
			fsub(ar, a, a, r),              // exact
			c.mulSubK(a, n, "ln2lo"),       // rlo: r + rlo = x - n ln2
		)
		expFinish(c, pn)
	}}
}

// exp2F64 is 2^x as the generic exp2_64: n = round(x), f = x - n (exact), f ln2 as the
// double-double r + rlo (the product split exactly by an FMA), then as exp. Integer x
// give exact powers of two. The clamp to [-1100, 1100] keeps n within the range
// of the two-factor scaling.
func exp2F64() stream {
	ks, pn := expConsts(-1100, 1100)
	return stream{name: "exp2", consts: ks, body: func(c *chain) {
		ar, k := c.ar, c.k
		a := c.x
		t, n, r := c.tmp[0], c.tmp[1], c.tmp[2]
		c.emit(
			fmax(ar, a, a, k.vec("lo")),
			fmin(ar, a, a, k.vec("hi")),
			fadd(ar, t, a, k.vec("magic")), // n in the low bits
			fsub(ar, n, t, k.vec("magic")), // n
			fsub(ar, a, a, n),              // f, exact
			c.mulK(r, a, "ln2hi"),          // r
			fneg(ar, n, r),                 //
			c.mulAddK(n, a, "ln2hi"),       // f ln2hi - r, exact
			c.mulAddK(n, a, "ln2lo"),       // rlo
			orr16b(a, n, n),
		)
		expFinish(c, pn)
	}}
}

// expFinish computes e^(r + rlo) 2^n for r in c.tmp[2], rlo in c.x and n + magic in
// c.tmp[0], leaving the result in c.x: (1 + r) + (rlo + lo + r^2 P(r)) with
// 1 + r = hi + lo exact, then the scaling by two exact factors 2^(n>>1) and
// 2^(n - n>>1), so that overflow and gradual underflow round once.
func expFinish(c *chain, pn []string) {
	ar, k := c.ar, c.k
	a := c.x
	t, n, r, h, l, p, q := c.tmp[0], c.tmp[1], c.tmp[2], c.tmp[3], c.tmp[4], c.tmp[5], c.tmp[6]
	c.emit(
		fadd(ar, h, r, k.vec("one")), // hi = 1 + r
		fsub(ar, l, k.vec("one"), h), //
		fadd(ar, l, l, r),            // lo = (1 - hi) + r, exact
	)
	pr := c.horner(r, p, q, pn)
	c.emit(
		fadd(ar, l, l, a),                // lo + rlo
		fmul(ar, a, r, r),                // r^2
		fmla(ar, l, a, pr),               // lo + rlo + r^2 P(r)
		fadd(ar, h, h, l),                // e^r
		subInt(ar, t, t, k.vec("magic")), // n as an integer
		sshr(ar, n, t, 1),                // n1 = n>>1
		subInt(ar, t, t, n),              // n2 = n - n1
		addInt(ar, n, n, k.vec("bias")),
		shl(ar, n, n, 52), // 2^n1
		addInt(ar, t, t, k.vec("bias")),
		shl(ar, t, t, 52), // 2^n2
		fmul(ar, h, h, n), // exact
		fmul(ar, a, h, t), // rounds once
	)
}
