package main

// Sinh, cosh and tanh, float64, as the generic level. expDD gives e^a = 2^k (mh + ml)
// as a double-double (the exp reduction with the double-double core of the generic
// expCore). Sinh and cosh are 2^(k-1) (m -/+ 2^-2k/m) with 1/m a double-double,
// for sinh above |x| = 1 (below, x + x^3 H(x^2)); the generic level drops the
// 2^-2k/m term from k = 40 on, where it is below the last bit, and here 2^-2k is
// formed as (2^-k)^2, which underflows harmlessly instead. Lanes with |x| > 709 (the
// scaling would need two factors), infinities and NaN are flagged and left to the Go
// wrapper. Tanh is 1 - 2/(e^2|x| + 1) in double-double above |x| = 0.625 (below,
// x + x^3 K(x^2)), with |x| clamped to 22, where the formula already rounds to 1, so
// it needs no fallback. The small-argument polynomials are read from memory (the
// registers hold the exp constants).

const sinhCoshMax = 709 // above: left to the wrapper

// expDDConsts are the constants expDD uses.
func expDDConsts() []konst {
	poly, _ := polyConsts("p", coef("expPoly"))
	ln2, invLn2 := coef("ln2DD"), coef("invLn2DD")
	ks := []konst{
		kb("magic", magicRound), kb("one", 1), kbits("bias", 1023),
		kf("log2e", invLn2[0]), kf("ln2hi", ln2[0]), kf("ln2lo", ln2[1]),
	}
	return append(ks, poly...)
}

// expDD takes a in c.tmp[2] (|a| < 746) and leaves e^a = 2^k (mh + ml) with k as an
// integer in c.tmp[0], mh in c.tmp[1] and ml in c.tmp[2]; it uses c.tmp[3..5].
func expDD(c *chain) {
	ar, k := c.ar, c.k
	t := c.tmp
	_, pn := polyConsts("p", coef("expPoly"))
	c.emit(
		orr16b(t[0], k.vec("magic"), k.vec("magic")),
		c.mulAddK(t[0], t[2], "log2e"),       // k in the low bits
		fsub(ar, t[1], t[0], k.vec("magic")), // k
		c.mulSubK(t[2], t[1], "ln2hi"),       // rh = a - k ln2hi, exact
		c.mulK(t[3], t[1], "ln2lo"),          // -rl
		fsub(ar, t[1], t[2], t[3]),           // r = rh + rl
		fsub(ar, t[2], t[2], t[1]),           //
		fsub(ar, t[2], t[2], t[3]),           // rr = (rh - r) + rl
		fmul(ar, t[5], t[1], t[1]),           // r^2
	)
	pr := c.horner(t[1], t[3], t[4], pn)
	c.emit(
		fmul(ar, t[5], t[5], pr),               // q = r^2 P(r)
		fadd(ar, t[3], k.vec("one"), t[1]),     // h = 1 + r
		fsub(ar, t[4], t[3], k.vec("one")),     //
		fsub(ar, t[4], t[1], t[4]),             // its rounding error
		fadd(ar, t[5], t[5], t[2]),             //
		fadd(ar, t[4], t[4], t[5]),             // l = e + (q + rr)
		subInt(ar, t[0], t[0], k.vec("magic")), // k as an integer
	)
	fastTwoSum(c, t[1], t[2], t[3], t[4])
}

// sinhCoshBig leaves 2^(k-1) (m + sign 2^-2k/m) in c.tmp[4] for k, mh and ml where
// expDD leaves them, sign -1 (sinh) or +1 (cosh); it uses every temporary but keeps c.x.
func sinhCoshBig(c *chain, sinh bool) {
	ar, k := c.ar, c.k
	t := c.tmp
	one := k.vec("one")
	c.emit(
		fdiv(ar, t[3], one, t[1]), // ih
		orr16b(t[4], one, one),
		fmls(ar, t[4], t[3], t[1]),
		fmls(ar, t[4], t[3], t[2]),
		fdiv(ar, t[4], t[4], t[1]), // il: 1/m = ih + il
		subInt(ar, t[5], k.vec("bias"), t[0]),
		shl(ar, t[5], t[5], 52),    // 2^-k
		fmul(ar, t[5], t[5], t[5]), // f = 2^-2k
	)
	if sinh {
		c.emit(fneg(ar, t[5], t[5]))
	}
	c.emit(
		fmul(ar, t[3], t[5], t[3]), // f ih
		fmla(ar, t[2], t[5], t[4]), // ml + f il
	)
	twoSum(c, t[4], t[5], t[1], t[3], t[6]) // mh + f ih
	c.emit(
		fadd(ar, t[5], t[5], t[2]),
		fadd(ar, t[4], t[4], t[5]), // h + l
		addInt(ar, t[0], t[0], k.vec("bias")),
		shl(ar, t[0], t[0], 52),    // 2^k
		c.mulK(t[4], t[4], "half"), // exact
		fmul(ar, t[4], t[4], t[0]), // rounds once
	)
}

func sinhF64() stream { return sinhCoshF64(true) }
func coshF64() stream { return sinhCoshF64(false) }

func sinhCoshF64(sinh bool) stream {
	name := "cosh"
	ks := append(expDDConsts(), kb("max", sinhCoshMax), kf("half", 0.5))
	var hn []string
	if sinh {
		name = "sinh"
		var hk []konst
		hk, hn = memPoly("h", coef("sinhPoly"))
		ks = append(append(ks, kbits("sign", 1<<63)), hk...)
	}
	return stream{name: name, consts: ks, flag: true, left: "|x| > 709, ±Inf, NaN", body: func(c *chain) {
		ar, k := c.ar, c.k
		x := c.x
		t := c.tmp
		c.emit(
			facge(ar, t[1], k.vec("max"), x),
			orn16b(vFlag, vFlag, t[1]), // lanes left to the wrapper
			fabs(ar, t[2], x),
		)
		expDD(c)
		sinhCoshBig(c, sinh)
		if !sinh {
			c.emit(orr16b(x, t[4], t[4]))
			return
		}
		c.emit(
			and16b(t[1], x, k.vec("sign")),
			orr16b(t[4], t[4], t[1]), // copysign
			fmul(ar, t[2], x, x),     // z
		)
		pr := c.hornerMem(t[2], t[3], t[5], t[6], hn)
		c.emit(
			fmul(ar, t[1], x, t[2]),
			orr16b(t[0], x, x),
			fmla(ar, t[0], t[1], pr), // x + x z H(z)
			facge(ar, t[1], k.vec("one"), x),
			bit(t[4], t[0], t[1]), // |x| <= 1: the polynomial
			orr16b(x, t[4], t[4]),
		)
	}}
}

func tanhF64() stream {
	kp, kn := memPoly("k", coef("tanhPoly"))
	ks := append(expDDConsts(), kb("clamp", 22), kb("small", 0.625), kbits("sign", 1<<63))
	return stream{name: "tanh", consts: append(ks, kp...), body: func(c *chain) {
		ar, k := c.ar, c.k
		x := c.x
		t := c.tmp
		one := k.vec("one")
		c.emit(
			fabs(ar, t[2], x),
			fmin(ar, t[2], t[2], k.vec("clamp")), // NaN stays NaN
			fadd(ar, t[2], t[2], t[2]),           // 2|x|
		)
		expDD(c)
		c.emit(
			addInt(ar, t[0], t[0], k.vec("bias")),
			shl(ar, t[0], t[0], 52),    // 2^k
			fmul(ar, t[1], t[1], t[0]), // mh 2^k, exact
			fadd(ar, t[3], t[1], one),  // dh = E + 1
			fsub(ar, t[4], t[3], t[1]), //
			fsub(ar, t[4], one, t[4]),  //
			fmla(ar, t[4], t[2], t[0]), // dl, with ml 2^k
			fdiv(ar, t[5], one, t[3]),  // qh
			orr16b(t[6], one, one),
			fmls(ar, t[6], t[5], t[3]),
			fmls(ar, t[6], t[5], t[4]),
			fdiv(ar, t[6], t[6], t[3]), // ql: 1/(dh + dl) = qh + ql
			fadd(ar, t[5], t[5], t[5]), // 2 qh
			fsub(ar, t[1], one, t[5]),  // h = 1 - 2 qh
			fsub(ar, t[2], t[1], one),  //
			fadd(ar, t[2], t[5], t[2]), // -l = 2 qh + (h - 1)
			fadd(ar, t[6], t[6], t[6]), //
			fadd(ar, t[2], t[2], t[6]), //
			fsub(ar, t[1], t[1], t[2]), // h + (l - 2 ql)
			fmul(ar, t[2], x, x),       // z
		)
		pr := c.hornerMem(t[2], t[3], t[4], t[5], kn)
		c.emit(
			fmul(ar, t[6], x, t[2]),
			orr16b(t[0], x, x),
			fmla(ar, t[0], t[6], pr), // x + x z K(z)
			facge(ar, t[2], k.vec("small"), x),
			bit(t[1], t[0], t[2]), // |x| <= 0.625: the polynomial
			and16b(t[0], x, k.vec("sign")),
			orr16b(x, t[1], t[0]), // the sign of x (also for -0, where x z K(z) is +0)
		)
	}}
}
