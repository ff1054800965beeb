package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Pow, the algorithm of the generic level (vec/generic_pow.go): |x|^y = exp(y log|x|)
// with log|x| as a double-double to about 2^-68 relative (logPreciseDD), y*log|x| as a double-double (an exact product by
// FMA plus y times the low part), and exp of that double-double: the exp reduction of
// its high part (clamped to ±760, beyond which the result is 0 or +Inf and the low part
// no longer matters) with the low part added to the reduced argument exactly by twoSum.
// The error of y*log|x| stays below 2^-60 absolute for every finite result, so the
// result is within 0.5 + a few hundredths ULP, subnormal results included (rounded once
// by the scaling). A negative x with an odd integer y negates the result. Go's special
// cases are patched afterwards, in this order (later ones win): x = ±0 or ±Inf give 0 or
// +Inf, signed as above; a finite negative x with a non-integer y gives NaN; y = ±Inf
// gives 1 (x = -1), 0 or +Inf by |x| < 1; NaN arguments give NaN; y = 1 gives x; y = 0
// or x = 1 give 1.

// roundInt rounds every lane to the nearest integer (ties to even).
func (l *level) roundInt(x VecVirtual) VecVirtual {
	r := l.vec()
	if l.wide {
		VRNDSCALEPD(U8(0), x, r)
	} else {
		VROUNDPD(U8(0), x, r)
	}
	return r
}

// oddInt returns the lanes where y is an odd integer (never for |y| >= 2^53, ±Inf, NaN).
func oddInt(l *level, y VecVirtual) mask {
	half := l.mul(y, c64(0.5))
	return l.maskAnd(l.cmpPD(cmpEQ, l.roundInt(y), y), l.cmpPD(cmpNEQ, l.roundInt(half), half))
}

// logPreciseDD returns log|x| as a double-double to about 2^-68 relative, for finite
// nonzero ax = |x|: with x = 2^e m (mantExp), f = m - 1 and s = f/(2+f) as a
// double-double, log m = 2s + 2s^3/3 + 2s^5/5 + s^7 R(s^2) (R: the fit logPoly7) with
// the first three terms in double-double, plus e*ln2 (ln2 as a double-double).
func logPreciseDD(l *level, ax VecVirtual) dd {
	m, e := mantExp(l, ax)
	f := l.sub(m, c64(1))
	d := l.twoSum(l.ld(c64(2)), f)
	sh := l.div(f, d.hi)
	rem := l.copyv(sh)
	VFNMADD213PD(f, d.hi, rem) // f - sh*dh
	l.fnmadd231(sh, d.lo, rem) // - sh*dl
	s := dd{sh, l.div(rem, d.hi)}
	z := l.twoProd(sh, sh)
	z.lo = l.fma(l.add(sh, sh), s.lo, z.lo)
	s3 := l.mulDD(s, z)
	s5 := l.mulDD(s3, z)
	t3c, t5c := fitCoeffs("twoThirdsDD"), fitCoeffs("twoFifthsDD")
	t3 := l.mulDDc(s3, t3c[0], t3c[1])
	t5 := l.mulDDc(s5, t5c[0], t5c[1])
	rest := l.mul(l.mul(s5.hi, z.hi), l.poly(z.hi, nil, 2, fitPoly("logPoly7")...))
	h := l.twoSum(l.add(sh, sh), t3.hi)
	lo := l.add(l.add(l.add(h.lo, l.add(s.lo, s.lo)), l.add(t3.lo, t5.lo)), rest)
	h2 := l.twoSum(h.hi, t5.hi)
	lo = l.add(lo, h2.lo)
	ln2 := fitCoeffs("ln2DD")
	eh := l.twoProd(e, c64(ln2[0]))
	el := l.fma(e, l.ld(c64(ln2[1])), eh.lo)
	h3 := l.twoSum(eh.hi, h2.hi)
	return l.fastTwoSum(h3.hi, l.add(l.add(lo, h3.lo), el))
}

// powMagnitude returns exp(y log|x|) for finite nonzero x and finite y.
func powMagnitude(l *level, ax, y VecVirtual) VecVirtual {
	lx := logPreciseDD(l, ax)
	p := l.twoProd(y, lx.hi)
	pl := l.fma(y, lx.lo, p.lo)
	// Clamp: beyond ±760 the result is 0 or +Inf, and the low part is dropped there
	// (it may be huge or NaN when y is).
	ph := l.vec()
	VMAXPD(p.hi, l.ld(c64(-760)), ph)
	VMINPD(ph, l.ld(c64(760)), ph)
	pl = l.blendPD(l.cmpPD(cmpNEQ, ph, p.hi), pl, c64(0))
	red := reduceLn2(l, ph)
	r := l.twoSum(red.r, l.add(red.rlo, pl))
	return scale2n(l, expReduced(l, r.hi, r.lo), red.n, red.t)
}

// powBody computes x^y of every pair of float64 lanes, with math.Pow's special values.
func powBody(l *level, x, y VecVirtual) VecVirtual {
	ax := f64.abs(l, x)
	inf := math.Inf(1)
	res := powMagnitude(l, ax, y)
	// x = ±0 or ±Inf: +Inf when (x infinite) == (y > 0), else 0.
	xInf := l.cmpPD(cmpEQ, ax, c64(inf))
	edge := l.maskOr(l.cmpPD(cmpEQ, ax, c64(0)), xInf)
	edgeVal := l.blendPD(l.maskXnor(xInf, l.cmpPD(cmpGT, y, c64(0))), l.ld(c64(0)), c64(inf))
	res = l.blendPD(edge, res, edgeVal)
	// Negative x (-0 and -Inf included) and odd integer y: negate.
	neg := l.maskAnd(signMask(l, x), oddInt(l, y))
	res = l.blendPD(neg, res, l.neg(res))
	// Finite negative x and non-integer y: NaN.
	bad := l.maskAnd(l.cmpPD(cmpLT, x, c64(0)), l.cmpPD(cmpNEQ, l.roundInt(y), y))
	bad = l.maskAnd(bad, l.cmpPD(cmpLT, ax, c64(inf)))
	res = l.pickC(bad, res, math.NaN())
	// y = ±Inf: 1 for x = -1, else 0 when (|x| < 1) == (y = +Inf), else +Inf.
	yInfVal := l.blendPD(l.maskXnor(l.cmpPD(cmpLT, ax, c64(1)), l.cmpPD(cmpEQ, y, c64(inf))), l.ld(c64(inf)), c64(0))
	yInfVal = l.pickC(l.cmpPD(cmpEQ, x, c64(-1)), yInfVal, 1)
	res = l.blendPD(l.cmpPD(cmpEQ, f64.abs(l, y), c64(inf)), res, yInfVal)
	// NaN arguments, then y = 1, then y = 0 or x = 1.
	res = l.blendPD(l.cmpPD(cmpUNORD, x, y), res, l.add(x, y))
	res = l.blendPD(l.cmpPD(cmpEQ, y, c64(1)), res, x)
	one := l.maskOr(l.cmpPD(cmpEQ, y, c64(0)), l.cmpPD(cmpEQ, x, c64(1)))
	return l.pickC(one, res, 1)
}
