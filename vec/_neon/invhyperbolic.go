package main

// Asinh, acosh and atanh, float64, as the generic level: each is log(u + c) for a
// double-double u + c formed without cancellation, evaluated as logCoreDD(u) plus c/u
// (addLn2), so only the final addition rounds:
//
//	asinh |x| = log(|x| + sqrt(x^2 + 1))         x^2 + 1 and its root in double-double
//	acosh x   = log(x + sqrt((x - 1)(x + 1)))    x^2 - 1 from an exact product
//	atanh |x| = log((1 + |x|)/(1 - |x|)) / 2     1 ± |x| exact, the quotient in double-double
//
// Asinh and atanh keep x in the extra temporary, for its sign and for tiny arguments
// (below 2^-26 and 2^-27), which give x itself as the generic level's series does.
// log 2|x| for huge arguments and the special values are left to the Go wrapper:
// lanes outside |x| <= 2^28 (asinh), 1 < x <= 2^28 (acosh) and |x| < 1 (atanh) are
// flagged.

const (
	asinhTiny = 0x1p-26
	atanhTiny = 0x1p-27
	invHypBig = 0x1p28
)

func invHypConsts(ks ...konst) []konst {
	ln2 := coef("ln2DD")
	return append(append(ks, kf("ln2", ln2[0]), kf("ln2Lo", ln2[1])), logCoreConsts()...)
}

// sqrtDDInto leaves sqrt(h + l) as the double-double rh + rl (sqrtDD of the generic
// level); rl may be l, tmp must differ from everything.
func sqrtDDInto(c *chain, rh, rl, h, l, tmp vreg) {
	ar := c.ar
	c.emit(
		fsqrt(ar, rh, h),
		orr16b(tmp, h, h),
		fmls(ar, tmp, rh, rh),
		fadd(ar, tmp, tmp, l),
		fadd(ar, rl, rh, rh),
		fdiv(ar, rl, tmp, rl),
	)
}

// logOfDD leaves log(u + c) in c.x for u in c.tmp[2] and c in c.tmp[3].
func logOfDD(c *chain) {
	ar := c.ar
	t := c.tmp
	c.emit(
		fdiv(ar, c.x, t[3], t[2]), // c/u
		orr16b(t[0], t[2], t[2]),
	)
	logCoreDD(c)
	c.emit(fadd(ar, t[0], t[0], c.x))
	addLn2(c)
}

// copySignExtra gives c.x the sign of the argument kept in c.extra.
func copySignExtra(c *chain) {
	t := c.tmp
	c.emit(
		eor16b(t[0], t[0], t[0]),
		fneg(c.ar, t[0], t[0]), // the sign bit
		bit(c.x, c.extra, t[0]),
	)
}

// keepTiny gives the lanes with |x| below the constant tiny x itself (from c.extra),
// as the generic level's series does to the last bit.
func keepTiny(c *chain) {
	t := c.tmp
	c.emit(
		facgt(c.ar, t[0], c.k.vec("tiny"), c.extra),
		bit(c.x, c.extra, t[0]),
	)
}

func asinhF64() stream {
	ks := invHypConsts(kb("tiny", asinhTiny), kb("big", invHypBig))
	return stream{name: "asinh", consts: ks, flag: true, left: "|x| > 2^28, ±Inf, NaN", extra: true, body: func(c *chain) {
		ar, k := c.ar, c.k
		x := c.x
		t := c.tmp
		c.emit(
			facge(ar, t[1], k.vec("big"), x),
			orn16b(vFlag, vFlag, t[1]), // lanes left to the wrapper
			orr16b(c.extra, x, x),
			fabs(ar, x, x),
			fmul(ar, t[0], x, x), // ph
			fneg(ar, t[1], t[0]),
			fmla(ar, t[1], x, x), // pl
		)
		twoSum(c, t[3], t[4], k.vec("one"), t[0], t[5]) // 1 + ph
		c.emit(fadd(ar, t[4], t[4], t[1]))
		sqrtDDInto(c, t[0], t[1], t[3], t[4], t[5])
		twoSum(c, t[2], t[3], x, t[0], t[4]) // |x| + rh
		c.emit(fadd(ar, t[3], t[3], t[1]))
		logOfDD(c)
		copySignExtra(c)
		keepTiny(c)
	}}
}

func acoshF64() stream {
	ks := invHypConsts(kb("big", invHypBig))
	return stream{name: "acosh", consts: ks, flag: true, left: "x <= 1, x > 2^28, NaN", body: func(c *chain) {
		ar, k := c.ar, c.k
		x := c.x
		t := c.tmp
		c.emit(
			fcmgt(ar, t[1], x, k.vec("one")),
			fcmge(ar, t[2], k.vec("big"), x),
			and16b(t[1], t[1], t[2]),
			orn16b(vFlag, vFlag, t[1]), // lanes left to the wrapper
			fmul(ar, t[0], x, x),       // ph
			fneg(ar, t[1], t[0]),
			fmla(ar, t[1], x, x),               // pl
			fsub(ar, t[2], t[0], k.vec("one")), // ph - 1, exact
		)
		twoSum(c, t[3], t[4], t[2], t[1], t[5]) // x^2 - 1
		sqrtDDInto(c, t[0], t[1], t[3], t[4], t[5])
		twoSum(c, t[2], t[3], x, t[0], t[4]) // x + rh
		c.emit(fadd(ar, t[3], t[3], t[1]))
		logOfDD(c)
	}}
}

func atanhF64() stream {
	ks := invHypConsts(kb("tiny", atanhTiny))
	return stream{name: "atanh", consts: ks, flag: true, left: "|x| >= 1, NaN", extra: true, body: func(c *chain) {
		ar, k := c.ar, c.k
		x := c.x
		t := c.tmp
		one := k.vec("one")
		c.emit(
			facgt(ar, t[1], one, x),
			orn16b(vFlag, vFlag, t[1]), // lanes left to the wrapper
			orr16b(c.extra, x, x),
			fabs(ar, x, x),
		)
		twoSum(c, t[0], t[1], one, x, t[2]) // nh + nl = 1 + |x|
		c.emit(fneg(ar, t[3], x))
		twoSum(c, t[4], t[5], one, t[3], t[6]) // dh + dl = 1 - |x|
		c.emit(
			fdiv(ar, t[2], t[0], t[4]), // qh
			orr16b(t[6], t[0], t[0]),
			fmls(ar, t[6], t[2], t[4]),
			fadd(ar, t[6], t[6], t[1]),
			fmls(ar, t[6], t[2], t[5]),
			fdiv(ar, t[3], t[6], t[4]), // ql
		)
		logOfDD(c)
		c.emit(c.mulK(x, x, "half"))
		copySignExtra(c)
		keepTiny(c)
	}}
}
