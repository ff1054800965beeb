package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Cbrt, the algorithm of the generic level (internal/libm/cbrt.go): |x| = 2^(3q+j) m with
// m in [1, 2) and j in {0, 1, 2}, y = 2^j m in [1, 8), cbrt |x| = 2^q cbrt y.
// cbrt y starts from the fit cbrtPoly (relative error 3e-4); two Newton steps
// t = (2t + y/t^2)/3 bring it to about 1e-14, and a last step adds
// (y - t^3)/(3t^2) with y - t^3 computed exactly (t^3 as a double-double), leaving
// only the final rounding. The last step's 1/t^2 is the one of the second Newton step:
// its relative error of 1e-7 vanishes against the 1e-14 correction. The exponent
// comes from VGETEXPPD and VGETMANTPD on AVX-512 and from the bit pattern on AVX2 (a
// subnormal first scaled by 2^54, a power of 2^3). ±0, ±Inf and NaN are returned
// as x; the sign of x is ORed into the result.

// keepFixup is the VFIXUPIMMPD table of keepSpecials: by class of x, QNaN -> x, SNaN
// -> QNaN(x), ±0 -> x, ±Inf -> x, finite -> keep.
const keepFixup = 0x00110121

// keepSpecials returns res with the lanes where x is ±0, ±Inf or NaN replaced by x
// (ax = |x|).
func keepSpecials(l *level, x, ax, res VecVirtual) VecVirtual {
	if l.wide {
		VFIXUPIMMPD_BCST(U8(0), cbits(keepFixup), x, res)
		return res
	}
	ok := l.vec()
	VCMPPD(U8(cmpLT), c64(math.Inf(1)), ax, ok)
	VANDPD(l.cmpPD(cmpGT, ax, c64(0)).v, ok, ok)
	return l.blendPD(mask{v: ok}, x, res)
}

// cbrtBody computes the cube root of every float64 lane of x.
func cbrtBody(l *level, x VecVirtual) VecVirtual {
	ax := f64.abs(l, x)
	var m, e VecVirtual
	if l.wide {
		m, e = l.vec(), l.vec()
		VGETMANTPD(U8(0), ax, m) // [1, 2)
		VGETEXPPD(ax, e)
	} else {
		tiny := l.cmpPD(cmpLT, ax, c64(0x1p-1022))
		xs := l.blendPD(tiny, ax, l.mul(ax, c64(0x1p54)))
		bias := l.blendPD(tiny, l.ld(c64(-1023)), c64(-1023-54))
		eb := l.vec()
		VPSRLQ(U8(52), xs, eb)
		VPOR(cbits(math.Float64bits(0x1p52)), eb, eb)
		e = l.add(l.sub(eb, c64(0x1p52)), bias)
		m = l.vec()
		VANDPD(cbits(1<<52-1), xs, m)
		VORPD(c64(1), m, m)
	}
	// q = floor(e/3) ((e + 1/2)/3 is never within rounding of an integer), j = e - 3q.
	q := l.mul(l.add(e, c64(0.5)), c64(1.0/3))
	if l.wide {
		VRNDSCALEPD(U8(1), q, q) // toward -Inf
	} else {
		VROUNDPD(U8(1), q, q)
	}
	j := l.copyv(e)
	l.fnmadd231(c64(3), q, j)
	y := l.mul(m, pow2Int(l, j))

	t := l.poly(y, nil, 2, fitPoly("cbrtPoly")...)
	third, twoThirds := c64(1.0/3), 2.0/3
	yd := l.div(y, l.mul(t, t))
	t = l.fma(t, l.ld(c64(twoThirds)), l.mul(yd, third))
	inv := l.div(l.ld(c64(1)), l.mul(t, t))
	t = l.fma(t, l.ld(c64(twoThirds)), l.mul(l.mul(y, inv), third))
	t2 := l.twoProd(t, t)
	t3 := l.twoProd(t, t2.hi)
	t3lo := l.fma(t, t2.lo, t3.lo)
	r := l.sub(l.sub(y, t3.hi), t3lo) // y - t^3: the subtraction is exact
	res := l.fma(r, l.mul(inv, third), t)
	res = l.mul(res, pow2Int(l, q))
	res = keepSpecials(l, x, ax, res)
	return orSign(l, res, x)
}
