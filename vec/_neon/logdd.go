package main

import "math"

// Log1p, and log2 and log10 for float64, as the generic level: logCoreDD splits
// u = 2^e m (m in [sqrt(2)/2, sqrt(2)), f = m - 1 exact, s = f/(2+f)) and returns
// log(1+f) = f - f^2/2 + s (f^2/2 + R(s^2)) as a double-double hi + lo, with f^2 kept
// exact by an FMA; e ln2, 1/ln2, 1/ln10 and log10(2) are double-doubles, so only the
// final addition rounds. Log1p splits 1 + x = u + c exactly and adds c/u to lo.
// Lanes the core does not handle (x <= 0, subnormal, +Inf, NaN for log2 and log10;
// x <= -1, |x| < 2^-54, +Inf, NaN for log1p) are flagged and left to the Go wrapper.

const log1pTiny = 0x1p-54 // below: log1p x rounds to x

// logCoreConsts are the constants logCoreDD uses.
func logCoreConsts() []konst {
	poly, _ := polyConsts("lp", coef("logPoly"))
	ks := []konst{
		kb("two52", 0x1p52), kb("expBias", 0x1p52+1023), kbits("mant", 1<<52-1), kb("one", 1),
		kb("sqrt2", math.Sqrt2), kf("half", 0.5),
	}
	return append(ks, poly...)
}

// logCoreDD takes a positive normal finite u in c.tmp[0] and leaves e in c.tmp[1] and
// log(m) = hi + lo in c.tmp[6] and c.tmp[0]; it uses c.tmp[2..5] and keeps c.x.
func logCoreDD(c *chain) {
	ar, k := c.ar, c.k
	t := c.tmp
	_, pn := polyConsts("lp", coef("logPoly"))
	c.emit(
		ushr(ar, t[1], t[0], 52),               // biased exponent field
		orr16b(t[1], t[1], k.vec("two52")),     // as the double 2^52 + field
		fsub(ar, t[1], t[1], k.vec("expBias")), // exponent, exact
		and16b(t[0], t[0], k.vec("mant")),      //
		orr16b(t[0], t[0], k.vec("one")),       // m in [1, 2)
		fcmgt(ar, t[2], t[0], k.vec("sqrt2")),  //
		c.mulK(t[3], t[0], "half"),             //
		bit(t[0], t[3], t[2]),                  // m in [sqrt(2)/2, sqrt(2))
		and16b(t[2], t[2], k.vec("one")),       //
		fadd(ar, t[1], t[1], t[2]),             // e
		fadd(ar, t[2], t[0], k.vec("one")),     // 2 + f, rounded as m + 1
		fsub(ar, t[0], t[0], k.vec("one")),     // f, exact
		fdiv(ar, t[2], t[0], t[2]),             // s
		fmul(ar, t[3], t[2], t[2]),             // z = s^2
	)
	pr := c.horner(t[3], t[4], t[5], pn)
	c.emit(
		fmul(ar, t[3], t[3], pr),   // R = z P(z)
		fmul(ar, t[4], t[0], t[0]), // ff
		fneg(ar, t[5], t[4]),       //
		fmla(ar, t[5], t[0], t[0]), // ffl: f^2 = ff + ffl exactly
		c.mulK(t[4], t[4], "half"), // hfsq
		c.mulK(t[5], t[5], "half"), // hfsql
		fsub(ar, t[6], t[0], t[4]), // hi = f - hfsq
		fsub(ar, t[0], t[0], t[6]), //
		fsub(ar, t[0], t[0], t[4]), //
		fsub(ar, t[0], t[0], t[5]), // (f - hi) - hfsq - hfsql
		fadd(ar, t[3], t[4], t[3]), // hfsq + R
		fmla(ar, t[0], t[2], t[3]), // lo
	)
}

// mulDDK emits h + l = (ah + al) (K + Klo) for the packed double-double constant
// name, name+"Lo", to about 2^-104 relative (as the generic mulDD); h, l and tmp must
// differ from each other and from ah and al.
func mulDDK(c *chain, h, l, ah, al, tmp vreg, name string) {
	c.emit(
		c.mulK(l, ah, name), // p
		fneg(c.ar, tmp, l),
		c.mulAddK(tmp, ah, name), // the product's rounding error
		c.mulAddK(tmp, ah, name+"Lo"),
		c.mulAddK(tmp, al, name),
	)
	fastTwoSum(c, h, l, l, tmp)
}

func log1pF64() stream {
	ln2 := coef("ln2DD")
	ks := []konst{
		kb("minusOne", -1), kb("inf", math.Inf(1)), kb("tiny", log1pTiny),
		kf("ln2", ln2[0]), kf("ln2Lo", ln2[1]),
	}
	return stream{name: "log1p", consts: append(ks, logCoreConsts()...), flag: true, left: "x <= -1, |x| < 2^-54, +Inf, NaN", body: func(c *chain) {
		ar, k := c.ar, c.k
		x := c.x
		t := c.tmp
		c.emit(
			fcmgt(ar, t[1], x, k.vec("minusOne")),
			fcmgt(ar, t[2], k.vec("inf"), x),
			and16b(t[1], t[1], t[2]),
			facge(ar, t[2], x, k.vec("tiny")),
			and16b(t[1], t[1], t[2]),
			orn16b(vFlag, vFlag, t[1]), // lanes left to the wrapper
		)
		twoSum(c, t[0], t[1], k.vec("one"), x, t[2]) // u + c = 1 + x exactly
		c.emit(fdiv(ar, x, t[1], t[0]))              // c/u
		logCoreDD(c)
		c.emit(fadd(ar, t[0], t[0], x)) // lo + c/u: log(u + c) = log u + c/u
		addLn2(c)
	}}
}

// addLn2 leaves e ln2 + (hi + lo) in c.x, rounded once, for e, hi and lo where
// logCoreDD leaves them.
func addLn2(c *chain) {
	ar := c.ar
	t := c.tmp
	c.emit(
		c.mulK(t[2], t[1], "ln2"), // eh
		fneg(ar, t[3], t[2]),
		c.mulAddK(t[3], t[1], "ln2"),
		c.mulAddK(t[3], t[1], "ln2Lo"), // el
	)
	twoSum(c, t[4], t[5], t[2], t[6], c.x) // eh + hi
	c.emit(
		fadd(ar, t[3], t[3], t[0]), // el + lo
		fadd(ar, t[5], t[5], t[3]), //
		fadd(ar, c.x, t[4], t[5]),  // sh + (sl + (el + lo))
	)
}

// log2DDF64 and log10DDF64 are log2 and log10 for float64.
func log2DDF64() stream  { return logBaseF64("log2", "invLn2DD") }
func log10DDF64() stream { return logBaseF64("log10", "invLn10DD") }

// logBaseF64 is log x / ln b for the double-double 1/ln b named inv: e + log(m)/ln 2
// for base 2 (e exact, so powers of two give exact integers), e log10(2) +
// log(m)/ln 10 for base 10.
func logBaseF64(name, inv string) stream {
	iv := coef(inv)
	ks := []konst{
		kb("tinyNormal", 0x1p-1022), kb("inf", math.Inf(1)),
		kf("inv", iv[0]), kf("invLo", iv[1]),
	}
	base10 := name == "log10"
	if base10 {
		l2 := coef("log10Of2DD")
		ks = append(ks, kf("lg2", l2[0]), kf("lg2Lo", l2[1]))
	}
	return stream{name: name, consts: append(ks, logCoreConsts()...), flag: true, left: "x <= 0, subnormal, +Inf, NaN", body: func(c *chain) {
		ar, k := c.ar, c.k
		x := c.x
		t := c.tmp
		c.emit(
			fcmge(ar, t[1], x, k.vec("tinyNormal")),
			fcmgt(ar, t[2], k.vec("inf"), x),
			and16b(t[1], t[1], t[2]),
			orn16b(vFlag, vFlag, t[1]), // lanes left to the wrapper
			orr16b(t[0], x, x),
		)
		logCoreDD(c)
		mulDDK(c, t[4], t[5], t[6], t[0], t[2], "inv") // p = log(m)/ln b
		if !base10 {
			twoSum(c, t[0], t[2], t[1], t[4], t[3]) // e + ph
			c.emit(
				fadd(ar, x, t[2], t[5]), // sl + pl
				fadd(ar, x, t[0], x),
			)
			return
		}
		// e log10(2) as a double-double eh + el.
		c.emit(
			c.mulK(t[2], t[1], "lg2"),
			fneg(ar, t[3], t[2]),
			c.mulAddK(t[3], t[1], "lg2"),
			c.mulAddK(t[3], t[1], "lg2Lo"),
		)
		fastTwoSum(c, t[6], t[0], t[2], t[3])
		twoSum(c, t[1], t[2], t[6], t[4], x) // eh + ph
		c.emit(
			fadd(ar, t[0], t[0], t[5]), // el + pl
			fadd(ar, t[2], t[2], t[0]), //
			fadd(ar, x, t[1], t[2]),    // sh + (sl + (el + pl))
		)
	}}
}
