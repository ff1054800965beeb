package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Hypot, the algorithm of the generic level (internal/libm/hypot.go): with
// p = max(|x|, |y|) = 2^e m (1 <= m < 2) and q = min(|x|, |y|), both are scaled by
// 2^-e (exact, except for q's bits below 2^-1074, which cannot reach the result; a
// subnormal p is first brought up by 2^60), the sum of squares is formed exactly as a
// double-double from two FMA products, its root as a double-double, and the scaling
// back by 2^e rounds once. An infinite argument gives +Inf even against NaN, as
// math.Hypot; otherwise NaN gives NaN, and p = 0 gives 0.

// hypotSplit returns |x|, |y|, p = max(|x|, |y|) and q = min(|x|, |y|), both brought
// up by 2^60 when p < 2^-1000, the exponent e of the scaled p, and the bias (-60 or 0)
// that undoes the 2^60: the start of every hypot computation.
func hypotSplit(l *level, x, y VecVirtual) (ax, ay, p, q, e, bias VecVirtual) {
	ax, ay = f64.abs(l, x), f64.abs(l, y)
	p, q = l.vec(), l.vec()
	VMAXPD(ax, ay, p)
	VMINPD(ax, ay, q)
	tiny := l.cmpPD(cmpLT, p, c64(0x1p-1000))
	p = l.blendPD(tiny, p, l.mul(p, c64(0x1p60)))
	q = l.blendPD(tiny, q, l.mul(q, c64(0x1p60)))
	bias = l.blendPD(tiny, l.ld(c64(0)), c64(-60))
	if l.wide {
		e = l.vec()
		VGETEXPPD(p, e)
	} else {
		eb := l.vec()
		VPSRLQ(U8(52), p, eb)
		VPOR(cbits(math.Float64bits(0x1p52)), eb, eb)
		e = l.sub(eb, c64(0x1p52+1023))
	}
	return ax, ay, p, q, e, bias
}

// hypotBody computes hypot(x, y) of every pair of float64 lanes.
func hypotBody(l *level, x, y VecVirtual) VecVirtual {
	ax, ay, p, q, e, bias := hypotSplit(l, x, y)
	ne := l.neg(e)
	nt := l.add(ne, c64(magicRound))
	ps := scale2n(l, p, ne, nt)
	qs := scale2n(l, q, ne, nt)
	a := l.twoProd(ps, ps)
	b := l.twoProd(qs, qs)
	s := l.fastTwoSum(a.hi, b.hi)
	r := sqrtDD(l, s.hi, l.add(s.lo, l.add(a.lo, b.lo)))
	e = l.add(e, bias)
	res := scale2n(l, l.add(r.hi, r.lo), e, l.add(e, c64(magicRound)))
	res = l.pickC(l.cmpPD(cmpEQ, p, c64(0)), res, 0)
	res = l.blendPD(l.cmpPD(cmpUNORD, x, y), res, l.add(x, y))
	inf := l.maskOr(l.cmpPD(cmpEQ, ax, c64(math.Inf(1))), l.cmpPD(cmpEQ, ay, c64(math.Inf(1))))
	return l.pickC(inf, res, math.Inf(1))
}
