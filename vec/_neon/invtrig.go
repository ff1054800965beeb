package main

import "math"

// Atan, asin, acos and atan2, float64, as the generic level.
//
// Atan: atan |x| = atan c + atan t, t = (|x| - c)/(1 + c|x|) carried with its division
// remainder tt. The generic level picks c = 0, 1/2, 1, 3/2 by interval (thresholds
// 7/16, 11/16, 19/16) and t = -1/|x| with atan c = pi/2 above 39/16; here every lane
// computes t = num/(dh + dl) with c = 1/2 per threshold passed (c = 0 gives num = |x|,
// dh = 1, dl = 0: the generic small case exactly) and num = -1, dh = |x|, dl = 0 above
// 39/16, then selects atan c (a double-double) by mask. |x| is clamped to 2^60, where
// the result already rounds to pi/2, so infinities need no special case; the sign is
// or-ed back at the end (atan(-0) = -0).
//
// Asin and acos evaluate the polynomial A once per lane, on z = x^2 (|x| <= 1/2) or
// z = (1 - |x|)/2 (above, with s = sqrt(z) as a double-double; s = 0 at |x| = 1 gets
// a zero low part instead of 0/0), and select; the final double-double subtraction
// from pi/2, pi (or 0) is shared by all cases of acos. |x| > 1 and NaN give NaN through
// the square root of a negative z.

// atanThresholds are the interval bounds of the generic atanDD.
var atanThresholds = [4]float64{7.0 / 16, 11.0 / 16, 19.0 / 16, 39.0 / 16}

func atanF64() stream {
	a05, a1, a15, pio2 := coef("atan0_5DD"), coef("atan1DD"), coef("atan1_5DD"), coef("pio2DD")
	poly, pn := memPoly("a", coef("atanPoly"))
	ks := []konst{
		kb("one", 1), kb("minusOne", -1), kb("half", 0.5), kb("clamp", 0x1p60), kbits("sign", 1<<63),
		kb("th0", atanThresholds[0]), kb("th1", atanThresholds[1]), kb("th2", atanThresholds[2]), kb("th3", atanThresholds[3]),
		kb("ch1", a05[0]), kb("ch2", a1[0]), kb("ch3", a15[0]), kb("ch4", pio2[0]),
		kmem("cl1", a05[1]), kmem("cl2", a1[1]), kmem("cl3", a15[1]), kmem("cl4", pio2[1]),
	}
	return stream{name: "atan", consts: append(ks, poly...), body: func(c *chain) {
		ar, k := c.ar, c.k
		x := c.x
		t := c.tmp
		one := k.vec("one")
		c.emit(
			fabs(ar, t[0], x),
			fmin(ar, t[0], t[0], k.vec("clamp")), // th; NaN stays NaN
			fcmgt(ar, t[1], t[0], k.vec("th0")),
			and16b(t[1], t[1], k.vec("half")),
			fcmgt(ar, t[2], t[0], k.vec("th1")),
			and16b(t[2], t[2], k.vec("half")),
			fadd(ar, t[1], t[1], t[2]),
			fcmgt(ar, t[2], t[0], k.vec("th2")),
			and16b(t[2], t[2], k.vec("half")),
			fadd(ar, t[1], t[1], t[2]), // c
			fmul(ar, t[2], t[1], t[0]), // c th
			fneg(ar, t[3], t[2]),
			fmla(ar, t[3], t[1], t[0]), // its rounding error
			fsub(ar, t[4], t[0], t[1]), // num = th - c, exact
			fadd(ar, t[1], one, t[2]),  // dh = 1 + c th
			fsub(ar, t[5], t[1], one),
			fsub(ar, t[5], t[2], t[5]),
			fadd(ar, t[3], t[3], t[5]), // dl
			fcmgt(ar, t[2], t[0], k.vec("th3")),
			bit(t[4], k.vec("minusOne"), t[2]), // above 39/16: t = -1/th
			bit(t[1], t[0], t[2]),
			bic16b(t[3], t[3], t[2]),
			fdiv(ar, t[5], t[4], t[1]), // t
			fmls(ar, t[4], t[5], t[1]),
			fmls(ar, t[4], t[5], t[3]),
			fdiv(ar, t[4], t[4], t[1]), // tt: the division's remainder
			fmul(ar, t[1], t[5], t[5]), // z
			fadd(ar, t[3], one, t[1]),
			fdiv(ar, t[4], t[4], t[3]), // tt/(1 + z)
		)
		p := c.hornerMem(t[1], t[3], t[6], t[2], pn)
		c.emit(
			fmul(ar, t[1], t[5], t[1]),
			fmla(ar, t[4], t[1], p), // tail = tt/(1 + z) + t z P(z)
			// atan c = ch + cl by interval.
			fcmgt(ar, t[2], t[0], k.vec("th0")),
			and16b(t[1], t[2], k.vec("ch1")),
			c.loadK(t[3], "cl1"),
			and16b(t[3], t[3], t[2]),
		)
		for i := 1; i <= 3; i++ {
			n := string(rune('1' + i))
			c.emit(
				fcmgt(ar, t[2], t[0], k.vec("th"+string(rune('0'+i)))),
				bit(t[1], k.vec("ch"+n), t[2]),
				c.loadK(t[6], "cl"+n),
				bit(t[3], t[6], t[2]),
			)
		}
		twoSum(c, t[2], t[6], t[1], t[5], t[0]) // ch + t
		c.emit(
			fadd(ar, t[3], t[3], t[4]), // cl + tail
			fadd(ar, t[6], t[6], t[3]),
			fadd(ar, t[2], t[2], t[6]),
			and16b(t[6], x, k.vec("sign")),
			orr16b(x, t[2], t[6]), // copysign
		)
	}}
}

// asinConsts are the constants of asin and acos.
func asinConsts() ([]konst, []string) {
	poly, pn := memPoly("a", coef("asinPoly"))
	pio2, pi := coef("pio2DD"), coef("piDD")
	ks := []konst{
		kb("one", 1), kb("half", 0.5), kbits("sign", 1<<63),
		kb("pio2", pio2[0]), kb("pio2Lo", pio2[1]), kb("pi", pi[0]), kb("piLo", pi[1]),
	}
	return append(ks, poly...), pn
}

// asinCore leaves, for x in c.x: A(z) in the returned register a, the other of
// c.tmp[0] and c.tmp[1] free, x z in c.tmp[6] and, for the large case, asin s = h + l
// (fastTwoSum-normalized) in c.tmp[2] and c.tmp[5]. c.tmp[3] and c.tmp[4] are free.
func asinCore(c *chain, pn []string) (a, other vreg) {
	ar, k := c.ar, c.k
	x := c.x
	t := c.tmp
	c.emit(
		fabs(ar, t[0], x),
		fmul(ar, t[1], x, x),
		fsub(ar, t[2], k.vec("one"), t[0]),
		fmul(ar, t[2], t[2], k.vec("half")), // (1 - |x|)/2, exact
		facge(ar, t[3], k.vec("half"), x),
		bit(t[2], t[1], t[3]), // z
	)
	a = c.hornerMem(t[2], t[0], t[1], t[4], pn)
	other = t[0]
	if a == t[0] {
		other = t[1]
	}
	c.emit(
		fmul(ar, t[6], x, t[2]), // x z
		fsqrt(ar, t[4], t[2]),   // s
		orr16b(t[3], t[2], t[2]),
		fmls(ar, t[3], t[4], t[4]),
		fadd(ar, t[5], t[4], t[4]),
		fdiv(ar, t[3], t[3], t[5]), // sl = (z - s^2)/(2s)
		fcmeqZero(ar, t[5], t[4]),
		bic16b(t[3], t[3], t[5]), // s = 0: sl = 0
		fmul(ar, t[5], t[4], t[2]),
		fmla(ar, t[3], t[5], a), // tail = sl + s z A(z)
	)
	fastTwoSum(c, t[2], t[5], t[4], t[3])
	return a, other
}

func asinF64() stream {
	ks, pn := asinConsts()
	return stream{name: "asin", consts: ks, body: func(c *chain) {
		ar, k := c.ar, c.k
		x := c.x
		t := c.tmp
		a, o := asinCore(c, pn)
		c.emit(
			orr16b(o, x, x),
			fmla(ar, o, t[6], a),       // |x| <= 1/2: x + x z A(z)
			fadd(ar, t[2], t[2], t[2]), //
			fadd(ar, t[5], t[5], t[5]), // 2 asin s
			fneg(ar, t[2], t[2]),
		)
		twoSum(c, t[3], t[4], k.vec("pio2"), t[2], a) // pi/2 - 2h
		c.emit(
			fsub(ar, t[5], k.vec("pio2Lo"), t[5]),
			fadd(ar, t[4], t[4], t[5]),
			fadd(ar, t[3], t[3], t[4]),
			and16b(t[4], x, k.vec("sign")),
			orr16b(t[3], t[3], t[4]), // copysign
			facge(ar, t[4], k.vec("half"), x),
			bit(t[3], o, t[4]),
			orr16b(x, t[3], t[3]),
		)
	}}
}

func acosF64() stream {
	ks, pn := asinConsts()
	return stream{name: "acos", consts: ks, body: func(c *chain) {
		ar, k := c.ar, c.k
		x := c.x
		t := c.tmp
		a, o := asinCore(c, pn)
		// acos = P - (B + b) with (P, B, b) = (pi/2, x, x z A) for |x| <= 1/2, else
		// (0, -2h, -2l) for x > 0 and (pi, 2h, 2l) for x < 0.
		c.emit(
			fmul(ar, t[6], t[6], a), // x z A(z)
			fadd(ar, t[2], t[2], t[2]),
			fadd(ar, t[5], t[5], t[5]),
			fcmgeZero(ar, t[3], x),
			fneg(ar, t[4], t[2]),
			bit(t[2], t[4], t[3]), // B
			fneg(ar, t[4], t[5]),
			bit(t[5], t[4], t[3]), // b
			bic16b(t[4], k.vec("pi"), t[3]),
			bic16b(a, k.vec("piLo"), t[3]), // P
			facge(ar, t[3], k.vec("half"), x),
			bit(t[2], x, t[3]),
			bit(t[5], t[6], t[3]),
			bit(t[4], k.vec("pio2"), t[3]),
			bit(a, k.vec("pio2Lo"), t[3]),
			fneg(ar, t[2], t[2]),
		)
		twoSum(c, t[3], t[6], t[4], t[2], o) // Ph - B
		c.emit(
			fsub(ar, a, a, t[5]), // Pl - b
			fadd(ar, t[6], t[6], a),
			fadd(ar, x, t[3], t[6]),
		)
	}}
}

// atan2F64 is atan2(y, x) as the generic atan2_64: q = min(|x|, |y|)/max(|x|, |y|)
// (no overflow, no lost underflow) with its division remainder as the low part, atan q
// as in atanF64 (q <= 1, so c is 0, 1/2 or 1 and the -1/t case never occurs), then
// pi/2 - atan q where |y| > |x| and pi - that where x < 0, both as double-double
// subtractions P - (B + b) that every lane runs (P = 0, B = -h, b = -l leaves h + l
// unchanged), and the sign of y. Zero, infinite and NaN arguments are flagged and
// left to the Go wrapper.
func atan2F64() stream {
	a05, a1, pio2, pi := coef("atan0_5DD"), coef("atan1DD"), coef("pio2DD"), coef("piDD")
	poly, pn := memPoly("a", coef("atanPoly"))
	ks := []konst{
		kb("one", 1), kb("half", 0.5), kb("inf", math.Inf(1)), kbits("sign", 1<<63),
		kb("th0", atanThresholds[0]), kb("th1", atanThresholds[1]),
		kb("ch1", a05[0]), kb("ch2", a1[0]),
		kb("pio2", pio2[0]), kb("pio2Lo", pio2[1]), kb("pi", pi[0]), kb("piLo", pi[1]),
		kmem("cl1", a05[1]), kmem("cl2", a1[1]),
	}
	return stream{name: "atan2", inputs: []string{"y", "x"}, flag: true, left: "a zero, ±Inf or NaN argument", consts: append(ks, poly...), body: func(c *chain) {
		ar, k := c.ar, c.k
		y, x := c.x, c.y // Go order: atan2(dst, y, x)
		t := c.tmp
		one := k.vec("one")
		c.emit(
			fcmeqZero(ar, t[0], x),
			fcmeqZero(ar, t[1], y),
			orr16b(t[0], t[0], t[1]),
			facgt(ar, t[1], k.vec("inf"), x),
			facgt(ar, t[2], k.vec("inf"), y),
			and16b(t[1], t[1], t[2]),
			bic16b(t[1], t[1], t[0]),
			orn16b(vFlag, vFlag, t[1]), // lanes left to the wrapper
			fabs(ar, t[0], x),
			fabs(ar, t[1], y),
			fmin(ar, t[2], t[0], t[1]), // n
			fmax(ar, t[3], t[0], t[1]), // d
			fdiv(ar, t[1], t[2], t[3]), // th = n/d
			fmls(ar, t[2], t[1], t[3]),
			fdiv(ar, t[2], t[2], t[3]), // tl: th + tl = n/d
			fcmgt(ar, t[0], t[1], k.vec("th0")),
			and16b(t[0], t[0], k.vec("half")),
			fcmgt(ar, t[3], t[1], k.vec("th1")),
			and16b(t[3], t[3], k.vec("half")),
			fadd(ar, t[0], t[0], t[3]), // c
			fmul(ar, t[3], t[0], t[1]), // c th
			fneg(ar, t[4], t[3]),
			fmla(ar, t[4], t[0], t[1]), // its rounding error
			fadd(ar, t[6], one, t[3]),  // dh
			fsub(ar, t[5], t[6], one),
			fsub(ar, t[5], t[3], t[5]), // dl2
			fmla(ar, t[5], t[0], t[2]), // dl2 + c tl
			fadd(ar, t[4], t[4], t[5]), // dl
			fsub(ar, t[5], t[1], t[0]), // num = th - c, exact
			fdiv(ar, t[0], t[5], t[6]), // t
			fmls(ar, t[5], t[0], t[6]),
			fadd(ar, t[5], t[5], t[2]),
			fmls(ar, t[5], t[0], t[4]),
			fdiv(ar, t[5], t[5], t[6]), // tt
			fmul(ar, t[2], t[0], t[0]), // z
			fadd(ar, t[3], one, t[2]),
			fdiv(ar, t[5], t[5], t[3]), // tt/(1 + z)
		)
		p := c.hornerMem(t[2], t[3], t[4], t[6], pn)
		c.emit(
			fmul(ar, t[2], t[0], t[2]),
			fmla(ar, t[5], t[2], p), // tail
			fcmgt(ar, t[2], t[1], k.vec("th0")),
			and16b(t[3], t[2], k.vec("ch1")),
			c.loadK(t[4], "cl1"),
			and16b(t[4], t[4], t[2]),
			fcmgt(ar, t[2], t[1], k.vec("th1")),
			bit(t[3], k.vec("ch2"), t[2]),
			c.loadK(t[6], "cl2"),
			bit(t[4], t[6], t[2]), // atan c = t3 + t4
		)
		twoSum(c, t[1], t[2], t[3], t[0], t[6]) // ch + t
		c.emit(
			fadd(ar, t[4], t[4], t[5]),
			fadd(ar, t[2], t[2], t[4]),
		)
		fastTwoSum(c, t[0], t[3], t[1], t[2]) // atan q = t0 + t3
		// |y| > |x|: pi/2 - atan q.
		c.emit(
			facgt(ar, t[1], y, x),
			fneg(ar, t[2], t[0]),
			bit(t[2], t[0], t[1]), // B
			fneg(ar, t[4], t[3]),
			bit(t[4], t[3], t[1]), // b
			and16b(t[5], k.vec("pio2"), t[1]),
			and16b(t[6], k.vec("pio2Lo"), t[1]), // P
			fneg(ar, t[2], t[2]),
		)
		twoSum(c, t[0], t[3], t[5], t[2], t[1])
		c.emit(
			fsub(ar, t[6], t[6], t[4]),
			fadd(ar, t[3], t[3], t[6]),
		)
		fastTwoSum(c, t[1], t[2], t[0], t[3])
		// x < 0: pi - that.
		c.emit(
			fcmgeZero(ar, t[5], x),
			fneg(ar, t[0], t[1]),
			bif(t[0], t[1], t[5]), // B
			fneg(ar, t[3], t[2]),
			bif(t[3], t[2], t[5]), // b
			bic16b(t[4], k.vec("pi"), t[5]),
			bic16b(t[6], k.vec("piLo"), t[5]), // P
			fneg(ar, t[0], t[0]),
		)
		twoSum(c, t[1], t[2], t[4], t[0], t[5])
		c.emit(
			fsub(ar, t[6], t[6], t[3]),
			fadd(ar, t[2], t[2], t[6]),
			fadd(ar, t[1], t[1], t[2]),
			and16b(t[0], y, k.vec("sign")),
			orr16b(y, t[1], t[0]), // the sign of y
		)
	}}
}
