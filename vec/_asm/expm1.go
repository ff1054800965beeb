package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Expm1: x = n*ln2 + r + rlo as for exp (reduceLn2), e^(r+rlo) - 1 = r + q with
// q = r^2*P(r) + rlo*(1+r) (P: the exp fit expPoly), and
// e^x - 1 = 2^n * ((1 - 2^-n) + r + q). 1 - 2^-n is a double-double (exact for every
// n here) and its high part is added to r exactly with twoSum, so nothing cancels and only the last addition rounds at full
// weight. For n = 0 the result is r + q: tiny x come out as x. x is clamped to
// [-45, 710]: e^x - 1 rounds to -1 below -38 and overflows above 709.79, and NaN
// passes through the clamp. e^x - 1 has the sign of x, which is ORed in so that
// expm1(-0) = -0.

const (
	expm1Lo = -45.0
	expm1Hi = 710.0
)

// expm1Body computes e^x - 1 of every float64 lane of x.
func expm1Body(l *level, x VecVirtual) VecVirtual {
	xc := l.vec()
	VMAXPD(x, l.ld(c64(expm1Lo)), xc) // second source x: a NaN lane stays NaN
	VMINPD(xc, l.ld(c64(expm1Hi)), xc)
	red := reduceLn2(l, xc)
	r := red.r
	q := l.poly(r, nil, 2, expPoly...)
	VFMADD213PD(l.fma(red.rlo, r, red.rlo), l.mul(r, r), q) // q = r^2*P + rlo*(1+r)
	c := oneMinusPow2Neg(l, red.n)
	s := l.twoSum(c.hi, r)
	res := scale2n(l, l.add(s.hi, l.add(s.lo, l.add(q, c.lo))), red.n, red.t)
	return orSign(l, res, x)
}

// oneMinusPow2Neg returns 1 - 2^-n as a double-double for integer-valued lanes
// -1100 <= n: 2^-n is built in the exponent field from min(n, 60), which changes
// nothing after rounding, and 1 - 2^-n is split exactly (its low part is nonzero only
// for n < -53).
func oneMinusPow2Neg(l *level, n VecVirtual) dd {
	nn := l.vec()
	VMINPD(l.ld(c64(60)), n, nn)
	p := l.sub(l.ld(c64(magicRound+1023)), nn) // low bits: 1023 - nn, the biased exponent
	VPSLLQ(U8(52), p, p)
	return l.fastTwoSum(l.neg(p), c64(1))
}

// orSign returns res with the sign bit of x ORed in.
func orSign(l *level, res, x VecVirtual) VecVirtual {
	sg := l.vec()
	l.vop(VANDPD, VANDPD_BCST, cbits(1<<63), x, sg)
	VORPD(sg, res, sg)
	return sg
}
