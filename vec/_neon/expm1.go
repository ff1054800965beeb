package main

// Expm1, float64, as the generic expm1_64: x = k ln2 + r + rr (k = round(x/ln2), the
// first FMA exact, r + rr a double-double), e^(r+rr) - 1 = r + q with
// q = r^2 P(r) + rr (1 + r), and e^x - 1 = 2^k ((1 - 2^-k) + r + q) with the first
// addition done exactly by a two-sum; for k = 0 that reduces to r + q. |x| < 2^-54
// gives x itself (kept in the extra temporary), as the generic level. Lanes outside
// -36 <= x <= 40 (NaN included) are flagged and left to the Go wrapper, which uses
// the generic code there (e^x or e^x - 1).

const (
	expm1Tiny = 0x1p-54 // below: expm1 x rounds to x
	expm1Hi   = 40      // above: e^x - 1 rounds to e^x
	expm1Lo   = -36     // below: 1 - 2^-k is no longer exact
)

func expm1F64() stream {
	poly, pn := polyConsts("p", coef("expPoly"))
	ln2, invLn2 := coef("ln2DD"), coef("invLn2DD")
	ks := []konst{
		kb("magic", magicRound), kb("one", 1), kbits("bias", 1023),
		kb("tiny", expm1Tiny), kb("hi", expm1Hi), kb("lo", expm1Lo),
		kf("log2e", invLn2[0]), kf("ln2hi", ln2[0]), kf("ln2lo", ln2[1]),
	}
	return stream{name: "expm1", consts: append(ks, poly...), flag: true, extra: true, left: "x < -36, x > 40, NaN", body: func(c *chain) {
		ar, k := c.ar, c.k
		a := c.x
		t := c.tmp
		c.emit(
			orr16b(c.extra, a, a), // x, for the tiny lanes
			fcmge(ar, t[1], k.vec("hi"), a),
			fcmge(ar, t[2], a, k.vec("lo")),
			and16b(t[1], t[1], t[2]),
			orn16b(vFlag, vFlag, t[1]), // lanes left to the wrapper
			orr16b(t[0], k.vec("magic"), k.vec("magic")),
			c.mulAddK(t[0], a, "log2e"),          // k in the low bits
			fsub(ar, t[1], t[0], k.vec("magic")), // k
			c.mulSubK(a, t[1], "ln2hi"),          // rh = x - k ln2hi, exact
			c.mulK(t[2], t[1], "ln2lo"),          // -rl
			fsub(ar, t[3], a, t[2]),              // r = rh + rl
			fsub(ar, t[4], a, t[3]),              //
			fsub(ar, t[4], t[4], t[2]),           // rr = (rh - r) + rl
		)
		pr := c.horner(t[3], t[5], t[6], pn)
		c.emit(
			fmul(ar, a, t[3], t[3]),                // r^2
			fmul(ar, a, a, pr),                     // r^2 P(r)
			fadd(ar, t[1], t[3], k.vec("one")),     //
			fmla(ar, a, t[4], t[1]),                // q = r^2 P(r) + rr (1 + r)
			subInt(ar, t[0], t[0], k.vec("magic")), // k as an integer
			subInt(ar, t[1], k.vec("bias"), t[0]),  //
			shl(ar, t[1], t[1], 52),                // 2^-k
			addInt(ar, t[2], t[0], k.vec("bias")),  //
			shl(ar, t[2], t[2], 52),                // 2^k
			fsub(ar, t[1], k.vec("one"), t[1]),     // s = 1 - 2^-k
		)
		twoSum(c, t[0], t[4], t[1], t[3], t[5]) // h + l = s + r exactly
		c.emit(
			fadd(ar, t[4], t[4], a),    // l + q
			fadd(ar, t[0], t[0], t[4]), // h + (l + q)
			fmul(ar, a, t[0], t[2]),    // exact scaling unless the result overflows
			facgt(ar, t[1], k.vec("tiny"), c.extra),
			bit(a, c.extra, t[1]), // |x| < 2^-54: x (also ±0)
		)
	}}
}

// twoSum emits s + e = a + b exactly (Knuth's two-sum, six operations) using the
// temporary tmp; s and e must differ from a, b and each other, tmp from all of them.
func twoSum(c *chain, s, e, a, b, tmp vreg) {
	ar := c.ar
	c.emit(
		fadd(ar, s, a, b),
		fsub(ar, e, s, a),     // bb
		fsub(ar, tmp, s, e),   // s - bb
		fsub(ar, tmp, a, tmp), // a - (s - bb)
		fsub(ar, e, b, e),     // b - bb
		fadd(ar, e, tmp, e),
	)
}

// fastTwoSum emits s + e = a + b exactly for |a| >= |b| (three operations); s must
// differ from a and b, and e from b (e may be a).
func fastTwoSum(c *chain, s, e, a, b vreg) {
	ar := c.ar
	c.emit(
		fadd(ar, s, a, b),
		fsub(ar, e, s, a), // the part of b that s holds
		fsub(ar, e, b, e), // b - (s - a)
	)
}
