package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Pow, the algorithm of the generic level (internal/libm/pow.go): |x|^y = exp(y log|x|)
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
// nonzero ax = |x| (normal: known to be normal, which saves AVX2 a subnormal check):
// with x = 2^e m (mantExp), f = m - 1 and s = f/(2+f) as a
// double-double, log m = 2s + 2s^3/3 + 2s^5/5 + s^7 R(s^2) (R: the fit logPoly7) with
// the first three terms in double-double, plus e*ln2 (ln2 as a double-double). One
// division: s is f times 1/(2+f), rounded twice and corrected by the remainder. Each
// sum of two terms is a fast two-sum, the larger term first: 2s > 2s^3/3 > 2s^5/5,
// and e*ln2 > |log m| unless e = 0.
func logPreciseDD(l *level, ax VecVirtual, normal bool) dd {
	var m, e VecVirtual
	if normal && !l.wide {
		m, e = mantExpNormal(l, ax)
	} else {
		m, e = mantExpAny(l, ax)
	}
	f := l.sub(m, c64(1))
	d := l.fastTwoSum(l.ld(c64(2)), f)
	r := l.div(l.ld(c64(1)), d.hi)
	sh := l.mul(f, r)
	rem := l.copyv(sh)
	VFNMADD213PD(f, d.hi, rem) // f - sh*dh
	l.fnmadd231(sh, d.lo, rem) // - sh*dl
	s := dd{sh, l.mul(rem, r)}
	z := l.twoProd(sh, sh)
	z.lo = l.fma(l.add(sh, sh), s.lo, z.lo)
	s3 := mulDDLoose(l, s, z)
	s5 := mulDDLoose(l, s3, z)
	t3c, t5c := fitCoeffs("twoThirdsDD"), fitCoeffs("twoFifthsDD")
	t3 := mulDDLoose(l, s3, l.constDD(t3c[0], t3c[1]))
	t5 := mulDDLoose(l, s5, l.constDD(t5c[0], t5c[1]))
	rest := l.mul(l.mul(s5.hi, z.hi), l.poly(z.hi, nil, 2, fitPoly("logPoly7")...))
	h := l.fastTwoSum(l.add(sh, sh), t3.hi)
	lo := l.add(l.add(l.add(h.lo, l.add(s.lo, s.lo)), l.add(t3.lo, t5.lo)), rest)
	h2 := l.fastTwoSum(h.hi, t5.hi)
	lo = l.add(lo, h2.lo)
	// e*ln2 = e*logLn2Hi (exact: 21 significant bits) + e*ln2Lo.
	ln2 := fitCoeffs("ln2DD")
	ln2Lo := (ln2[0] - logLn2Hi) + ln2[1]
	h3 := l.fastTwoSum(l.mul(e, c64(logLn2Hi)), h2.hi)
	return l.fastTwoSum(h3.hi, l.add(l.fma(e, l.ld(c64(ln2Lo)), lo), h3.lo))
}

// mulDDLoose returns a*b for double-doubles like mulDD (dd.go), without normalising
// the result: its low part may reach a few ulps of the high part, which the products
// and sums of logPreciseDD take as they are (each costs no accuracy beyond 2^-100).
func mulDDLoose(l *level, a, b dd) dd {
	p := l.twoProd(a.hi, b.hi)
	return dd{p.hi, l.fma(a.hi, b.lo, l.fma(a.lo, b.hi, p.lo))}
}

// powMagnitude returns exp(y log|x|) for finite nonzero x and finite y (normal: x is
// known to be normal).
func powMagnitude(l *level, ax, y VecVirtual, normal bool) VecVirtual {
	lx := logPreciseDD(l, ax, normal)
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
// Vectors whose lanes are all regular (x positive, normal and finite, y finite and not
// 1), where the computed magnitude is the result, skip the patches (and on AVX2 the
// subnormal split) and give such lanes the same bits as the general path.
func powBody(l *level, x, y VecVirtual) VecVirtual {
	inf := c64(math.Inf(1))
	xok := l.maskAnd(l.cmpPD(cmpGE, x, c64(0x1p-1022)), l.cmpPD(cmpLT, x, inf))
	yok := l.maskAnd(l.cmpPD(cmpLT, f64.abs(l, y), inf), l.cmpPD(cmpNEQ, y, c64(1)))
	return l.branchAll(l.maskAnd(xok, yok), func() VecVirtual {
		return powMagnitude(l, x, y, true)
	}, func() VecVirtual {
		ax := f64.abs(l, x)
		return powSpecials(l, x, y, ax, powMagnitude(l, ax, y, false))
	})
}

// powSpecials returns res with math.Pow's special values patched in, for x, y, ax = |x|
// and res = |x|^y computed as if x were finite, positive and y finite.
func powSpecials(l *level, x, y, ax, res VecVirtual) VecVirtual {
	inf := math.Inf(1)
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
