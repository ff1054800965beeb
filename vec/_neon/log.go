package main

import "math"

// Log, float64, fdlibm's method (as the avx2 level): x = 2^e m with m in
// [sqrt(2)/2, sqrt(2)), f = m - 1, s = f/(2+f), R = z(Lg1 + Lg3 w + ...) + w(Lg2 +
// Lg4 w + Lg6 w^2) with z = s^2, w = z^2 (two independent Horner chains), and
// log x = e ln2hi - ((f^2/2 - (s (f^2/2 + R) + e ln2lo)) - f), where e ln2hi is exact
// (ln2hi has 32 trailing zero bits); measured below 1 ULP by the reference tests. A
// subnormal x is scaled by 2^52 first (its exponent then lowered by 52). Special
// lanes are patched at the end: +Inf for +Inf, -Inf for ±0, NaN for x < 0 and NaN.

// fdlibm's ln2 split and log polynomial R(z) = Lg1 z + ... + Lg7 z^7 (|error| below
// 2^-58.45 on the interval), published constants of e_log.c.
const (
	logLn2Hi = 6.93147180369123816490e-01
	logLn2Lo = 1.90821492927058770002e-10
)

var logLg = [8]float64{0,
	6.666666666666735130e-01, 3.999999999940941908e-01, 2.857142874366239149e-01,
	2.222219843214978396e-01, 1.818357216161805012e-01, 1.531383769920937332e-01,
	1.479819860511658591e-01,
}

// logF64 is log; with a nonzero scale it is scale*log, for the float32 log2 and
// log10 (1/ln2 and 1/ln10): within 2 float64 ULP, far below float32 rounding, and
// log2 of a power of two still rounds to the exact integer.
func logF64(name string, scale float64) stream {
	ks := []konst{
		kb("tiny", 0x1p-1022), kb("minus52", -52), kb("two52", 0x1p52), kb("expBias", 0x1p52+1023),
		kbits("mant", 1<<52-1), kb("one", 1), kb("sqrt2", math.Sqrt2),
		kb("inf", math.Inf(1)), kb("negInf", math.Inf(-1)), kb("nan", math.NaN()),
		kf("half", 0.5), kf("ln2hi", logLn2Hi), kf("ln2lo", logLn2Lo),
	}
	for i := 1; i <= 7; i++ {
		ks = append(ks, kf("lg"+string(rune('0'+i)), logLg[i]))
	}
	if scale != 0 {
		ks = append(ks, kf("scale", scale))
	}
	return stream{name: name, consts: ks, body: func(c *chain) {
		ar, k := c.ar, c.k
		x := c.x
		t0, t1, t2, e, w, p, q := c.tmp[0], c.tmp[1], c.tmp[2], c.tmp[3], c.tmp[4], c.tmp[5], c.tmp[6]
		c.emit(
			fcmgt(ar, t0, k.vec("tiny"), x),   // subnormal (or negative: patched below)
			fmul(ar, t1, x, k.vec("two52")),   //
			bif(t1, x, t0),                    // xs = tiny ? x 2^52 : x
			and16b(t0, t0, k.vec("minus52")),  // tiny ? -52 : 0
			ushr(ar, e, t1, 52),               // biased exponent field
			orr16b(e, e, k.vec("two52")),      // as the double 2^52 + field
			fsub(ar, e, e, k.vec("expBias")),  // exponent, exact
			fadd(ar, e, e, t0),                //
			and16b(t1, t1, k.vec("mant")),     //
			orr16b(t1, t1, k.vec("one")),      // m in [1, 2)
			fcmgt(ar, t0, t1, k.vec("sqrt2")), //
			c.mulK(t2, t1, "half"),            //
			bit(t1, t2, t0),                   // m in [sqrt(2)/2, sqrt(2))
			and16b(t0, t0, k.vec("one")),      //
			fadd(ar, e, e, t0),                // e
			fadd(ar, t2, t1, k.vec("one")),    // m + 1 = 2 + f rounded
			fsub(ar, t1, t1, k.vec("one")),    // f, exact
			fdiv(ar, t2, t1, t2),              // s
			fmul(ar, t0, t2, t2),              // z
			fmul(ar, w, t0, t0),               // w
		)
		odd := c.horner(w, p, q, []string{"lg1", "lg3", "lg5", "lg7"})
		c.emit(fmul(ar, odd, odd, t0)) // z (Lg1 + Lg3 w + ...); z is free from here
		other := p
		if odd == p {
			other = q
		}
		even := c.horner(w, t0, other, []string{"lg2", "lg4", "lg6"})
		c.emit(
			fmul(ar, even, even, w),  // w (Lg2 + Lg4 w + Lg6 w^2)
			fadd(ar, odd, odd, even), // R
			fmul(ar, w, t1, t1),      //
			c.mulK(w, w, "half"),     // hfsq = f^2/2
			fadd(ar, even, w, odd),   // hfsq + R
			c.mulK(odd, e, "ln2lo"),  //
			fmla(ar, odd, t2, even),  // s (hfsq + R) + e ln2lo
			fsub(ar, w, w, odd),      //
			fsub(ar, w, w, t1),       // b = (hfsq - ...) - f
			fneg(ar, w, w),           // -b
			c.mulAddK(w, e, "ln2hi"), // e ln2hi - b; +0 for x = 1
			fcmeq(ar, t0, x, k.vec("inf")),
			bit(w, x, t0), // log(+Inf) = +Inf
			fcmeqZero(ar, t0, x),
			bit(w, k.vec("negInf"), t0), // log(±0) = -Inf
			fcmgeZero(ar, t0, x),
			bif(w, k.vec("nan"), t0), // log(x < 0) and log(NaN) = NaN
		)
		if scale != 0 {
			c.emit(c.mulK(x, w, "scale"))
			return
		}
		c.emit(orr16b(x, w, w))
	}}
}
