package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/reg"
)

// Inverse hyperbolic functions, the algorithms of the generic level
// (internal/libm/invhyperbolic.go): each is the logarithm of an argument formed as a
// double-double (u, c), log u + c/u with the double-double log of logdd.go, so that
// only the final addition rounds:
//
//	asinh |x| = log(|x| + sqrt(x² + 1))         x² + 1 and its root in double-double
//	acosh x   = log(x + sqrt((x - 1)(x + 1)))   x² - 1 from an exact product
//	atanh |x| = log((1 + |x|)/(1 - |x|)) / 2    1 ± |x| exact, the quotient in double-double
//
// Tiny arguments return x (the next term of the series is below half an ULP) and huge
// ones log 2|x| (the root is |x| to the last bit). Every lane computes every path and
// keeps one; special values are patched last.

// logOfDD returns log(u + c) rounded once, for u > 0 finite and |c| tiny against u.
func logOfDD(l *level, u, c VecVirtual) VecVirtual {
	m, e := mantExp(l, u)
	lm := logMantDD(l, m)
	lm.lo = l.add(lm.lo, l.div(c, u))
	return addLn2(l, e, lm)
}

// logTwice returns log 2a for a >= 2^28 finite.
func logTwice(l *level, a VecVirtual) VecVirtual {
	m, e := mantExp(l, a)
	return addLn2(l, l.add(e, c64(1)), logMantDD(l, m))
}

// sqrtDD returns sqrt(h + lo) as a double-double, for h > 0 and |lo| tiny against h.
func sqrtDD(l *level, h, lo VecVirtual) dd {
	rh := l.vec()
	VSQRTPD(h, rh)
	rem := l.copyv(rh)
	VFNMADD213PD(h, rh, rem) // h - rh*rh
	return dd{rh, l.div(l.add(rem, lo), l.add(rh, rh))}
}

// asinhBody computes asinh of every float64 lane of x.
func asinhBody(l *level, x VecVirtual) VecVirtual {
	ax := f64.abs(l, x)
	p := l.twoProd(ax, ax)
	s := l.twoSum(l.ld(c64(1)), p.hi)
	r := sqrtDD(l, s.hi, l.add(s.lo, p.lo))
	u := l.twoSum(ax, r.hi)
	res := logOfDD(l, u.hi, l.add(u.lo, r.lo))
	res = l.blendPD(l.cmpPD(cmpGT, ax, c64(0x1p28)), res, logTwice(l, ax))
	res = l.blendPD(l.cmpPD(cmpLT, ax, c64(0x1p-26)), res, ax) // x - x^3/6 rounds to x
	return orSign(l, keepSpecials(l, x, ax, res), x)
}

// acoshBody computes acosh of every float64 lane of x.
func acoshBody(l *level, x VecVirtual) VecVirtual {
	p := l.twoProd(x, x)
	s := l.twoSum(l.sub(p.hi, c64(1)), p.lo) // p.hi - 1 is exact
	r := sqrtDD(l, s.hi, s.lo)
	u := l.twoSum(x, r.hi)
	res := logOfDD(l, u.hi, l.add(u.lo, r.lo))
	res = l.blendPD(l.cmpPD(cmpGT, x, c64(0x1p28)), res, logTwice(l, x))
	res = l.pickC(l.cmpPD(cmpEQ, x, c64(math.Inf(1))), res, math.Inf(1))
	res = l.pickC(l.cmpPD(cmpEQ, x, c64(1)), res, 0)
	res = l.pickC(l.cmpPD(cmpLT, x, c64(1)), res, math.NaN())
	return l.blendPD(l.cmpPD(cmpUNORD, x, x), res, x)
}

// atanhBody computes atanh of every float64 lane of x.
func atanhBody(l *level, x VecVirtual) VecVirtual {
	ax := f64.abs(l, x)
	n := l.twoSum(l.ld(c64(1)), ax)
	d := l.twoSum(l.ld(c64(1)), l.neg(ax))
	rcp := l.div(l.ld(c64(1)), d.hi)
	q := l.mul(n.hi, rcp) // two roundings: the remainder corrects them
	rem := l.copyv(q)
	VFNMADD213PD(n.hi, d.hi, rem) // n.hi - q*d.hi
	rem = l.add(rem, n.lo)
	l.fnmadd231(q, d.lo, rem)
	res := l.mul(logOfDD(l, q, l.mul(rem, rcp)), c64(0.5))
	res = l.blendPD(l.cmpPD(cmpLT, ax, c64(0x1p-27)), res, ax) // x + x^3/3 rounds to x
	res = l.pickC(l.cmpPD(cmpEQ, ax, c64(1)), res, math.Inf(1))
	res = l.pickC(l.cmpPD(cmpGT, ax, c64(1)), res, math.NaN())
	res = l.blendPD(l.cmpPD(cmpUNORD, x, x), res, x)
	return orSign(l, res, x)
}
