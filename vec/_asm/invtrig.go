package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/reg"
)

// Inverse trigonometric functions, the algorithms of the generic level
// (vec/generic_invtrig.go) without branches: each lane selects its constants with
// masks, and every lane evaluates the same polynomial once.
//
// Atan: atan x = atan c + atan t with t = (x - c)/(1 + c x) and c = 0, 1/2, 1, 3/2 or
// infinity (t = -1/x) for x up to 7/16, 11/16, 19/16, 39/16 and beyond, so |t| <= 7/16;
// written as t = (A x - B)/(A + B x) with (A, B) = (1, c) or (0, 1). x - c is exact
// (Sterbenz), the denominator is a double-double, and t is carried with its division
// remainder tt; atan t = t + (tt (1 - t^2) + t^3 T(t^2)) (T: atanPoly), atan c is a
// double-double, and only the final addition rounds. |x| is clamped to 2^900 (atan
// rounds to pi/2 long before; NaN passes), and atan takes the sign of x at the end.
// Atan2 divides the smaller of |y|, |x| by the larger (scaled by 2^1000 together when
// both are below 2^-900, so the remainder of the division stays exact), calls the same atan core on
// the quotient and its remainder, and places the result in its octant with pi/2 and
// pi as double-doubles. Infinite and zero arguments become 0 and 1 stand-ins that give
// Go's special values through the same path, and NaN lanes are patched at the end.
//
// Asin and acos: asin x = x + x^3 A(x^2) (A: asinPoly) for |x| <= 1/2; above, with
// z = (1-|x|)/2 (exact) and s = sqrt(z) as a double-double, asin |x| = pi/2 - 2 asin s,
// acos x = 2 asin s (x > 0) or pi - 2 asin s (x < 0), and asin s = s + s z A(z). The
// two branches differ only in the point (|x| or s) and in z, so one polynomial
// evaluation serves both.

// Breakpoints of the atan reduction and its constants per range (c, atan c).
var (
	atanBreaks = []float64{7.0 / 16, 11.0 / 16, 19.0 / 16, 39.0 / 16}
	atanC      = []float64{0, 0.5, 1, 1.5}
)

// pickC returns m ? c : v for a float64 constant c.
func (l *level) pickC(m mask, v VecVirtual, c float64) VecVirtual { return l.blendPD(m, v, c64(c)) }

// selectC returns, in each lane, the constant vals[i] where i is the number of
// breakpoints (increasing) that th exceeds. Each mask is compared right before its
// use, so few mask registers are live at a time.
func (l *level) selectC(th VecVirtual, breaks, vals []float64) VecVirtual {
	v := l.ld(c64(vals[0]))
	for i, b := range breaks {
		v = l.pickC(l.cmpPD(cmpGT, th, c64(b)), v, vals[i+1])
	}
	return v
}

// atanDD returns atan(th + tl) as a double-double (not normalised) for 0 <= th <= 2^900
// (NaN propagates) and |tl| <= ulp(th); tl may be nil (zero).
func atanDD(l *level, th, tl VecVirtual) dd {
	// t = (a*th - b)/(a + b*th): (a, b) = (1, c), or (0, 1) where c is infinite.
	last := len(atanBreaks) - 1
	b := l.selectC(th, atanBreaks, append(atanC[:len(atanC):len(atanC)], 1))
	a := l.pickC(l.cmpPD(cmpGT, th, c64(atanBreaks[last])), l.ld(c64(1)), 0)
	num := l.fms(a, th, b) // a*th - b, exact
	p := l.twoProd(b, th)
	den := l.twoSum(a, p.hi)
	dl := l.add(den.lo, p.lo)
	if tl != nil {
		dl = l.fma(b, tl, dl)
	}
	r := l.div(l.ld(c64(1)), den.hi)
	t := l.mul(num, r) // two roundings: the remainder below corrects them
	rem := l.copyv(t)
	VFNMADD213PD(num, den.hi, rem) // num - t*dh
	if tl != nil {
		rem = l.fma(a, tl, rem)
	}
	l.fnmadd231(t, dl, rem) // - t*dl
	tt := l.mul(rem, r)
	z := l.mul(t, t)
	tail := l.mul(l.mul(t, z), l.poly(z, nil, 2, fitPoly("atanPoly")...))
	VFNMADD231PD(z, tt, tt) // tt/(1 + z) ~ tt - tt*z: tt is below 2^-52 t
	tail = l.add(tail, tt)
	atanHi, atanLo := []float64{0}, []float64{0}
	for _, name := range []string{"atan0_5DD", "atan1DD", "atan1_5DD", "pio2DD"} {
		c := fitCoeffs(name)
		atanHi, atanLo = append(atanHi, c[0]), append(atanLo, c[1])
	}
	ch, cl := l.selectC(th, atanBreaks, atanHi), l.selectC(th, atanBreaks, atanLo)
	h := l.fastTwoSum(ch, t) // |t| <= atan c, or c = 0
	return dd{h.hi, l.add(h.lo, l.add(cl, tail))}
}

// atanBody computes atan of every float64 lane of x.
func atanBody(l *level, x VecVirtual) VecVirtual {
	ax := f64.abs(l, x)
	VMINPD(ax, l.ld(c64(0x1p900)), ax) // second source ax: NaN passes
	return orSign(l, l.sum(atanDD(l, ax, nil)), x)
}

// subDD returns a - b for double-doubles, not normalised.
func (l *level) subDD(a, b dd) dd {
	s := l.twoSum(a.hi, l.neg(b.hi))
	return dd{s.hi, l.add(s.lo, l.sub(a.lo, b.lo))}
}

// constDD loads a double-double constant.
func (l *level) constDD(hi, lo float64) dd { return dd{l.ld(c64(hi)), l.ld(c64(lo))} }

// blendDD returns m ? ifTrue : ifFalse for double-doubles.
func (l *level) blendDD(m mask, ifFalse, ifTrue dd) dd {
	return dd{l.blendPD(m, ifFalse.hi, ifTrue.hi), l.blendPD(m, ifFalse.lo, ifTrue.lo)}
}

// atan2Body computes atan2(y, x) of every pair of float64 lanes.
func atan2Body(l *level, y, x VecVirtual) VecVirtual {
	ax, ay := f64.abs(l, x), f64.abs(l, y)
	// Infinities: both infinite act as (1, 1), one infinite as 1 against 0.
	inf := c64(math.Inf(1))
	xinf, yinf := l.cmpPD(cmpEQ, ax, inf), l.cmpPD(cmpEQ, ay, inf)
	anyInf := l.maskOr(xinf, yinf)
	ax = l.pickC(xinf, l.pickC(anyInf, ax, 0), 1)
	ay = l.pickC(yinf, l.pickC(anyInf, ay, 0), 1)
	swap := l.cmpPD(cmpGT, ay, ax)
	hi, lo := l.vec(), l.vec()
	VMAXPD(ax, ay, hi)
	VMINPD(ax, ay, lo)
	tiny := l.cmpPD(cmpLT, hi, c64(0x1p-900))
	hi = l.blendPD(tiny, hi, l.mul(hi, c64(0x1p1000)))
	lo = l.blendPD(tiny, lo, l.mul(lo, c64(0x1p1000)))
	VMAXPD(l.ld(c64(0x1p-1000)), hi, hi) // both zero: q = 0/2^-1000 = 0
	// q + ql = lo/hi: q correctly rounded (also when it is subnormal), ql from the
	// remainder, exact except when it underflows, where it no longer matters.
	q := l.div(lo, hi)
	ql := l.copyv(q)
	VFNMADD213PD(lo, hi, ql) // lo - q*hi
	ql = l.div(ql, hi)
	d := atanDD(l, q, ql)
	d = l.fastTwoSum(d.hi, d.lo)
	pio2, pi := fitCoeffs("pio2DD"), fitCoeffs("piDD")
	d = l.blendDD(swap, d, l.subDD(l.constDD(pio2[0], pio2[1]), d))
	xneg := signMask(l, x)
	d = l.blendDD(xneg, d, l.subDD(l.constDD(pi[0], pi[1]), d))
	res := orSign(l, l.sum(d), y)
	nan := l.cmpPD(cmpUNORD, x, y)
	return l.blendPD(nan, res, l.add(x, y))
}

// signMask returns a mask of the lanes of x with the sign bit set (-0 included).
func signMask(l *level, x VecVirtual) mask {
	if l.wide {
		k := K()
		VPMOVQ2M(x, k)
		return mask{k: k}
	}
	return mask{v: x} // VBLENDVPD looks at the sign bit only
}

// asinAcosBody computes asin (acos false) or acos (acos true) of every float64 lane.
func asinAcosBody(l *level, x VecVirtual, acos bool) VecVirtual {
	ax := f64.abs(l, x)
	small := l.cmpPD(cmpLE, ax, c64(0.5))
	// Big branch: z = (1-|x|)/2 exact, s = sqrt(z) + sl.
	zb := l.mul(l.sub(l.ld(c64(1)), ax), c64(0.5))
	sh := l.vec()
	VSQRTPD(zb, sh)
	sl := l.copyv(sh)
	VFNMADD213PD(zb, sh, sl) // z - sh*sh
	den := l.add(sh, sh)
	VMAXPD(l.ld(c64(0x1p-1000)), den, den) // |x| = 1: 0/tiny, not 0/0
	sl = l.div(sl, den)
	// One evaluation: the point v + vl and z of each lane's branch.
	z := l.blendPD(small, zb, l.mul(ax, ax))
	v := l.blendPD(small, sh, ax)
	vl := l.blendPD(small, sl, l.ld(c64(0)))
	tail := l.fma(l.mul(v, z), l.poly(z, nil, 2, fitPoly("asinPoly")...), vl)
	h := l.fastTwoSum(v, tail) // asin of the point, for the lane's branch
	pio2, pi := fitCoeffs("pio2DD"), fitCoeffs("piDD")
	if !acos {
		// small: h; big: pi/2 - 2h
		two := l.mul(h.hi, c64(2))
		big := l.subDD(l.constDD(pio2[0], pio2[1]), dd{two, l.mul(h.lo, c64(2))})
		res := l.blendPD(small, l.sum(big), l.sum(h))
		return orSign(l, res, x)
	}
	// small: pi/2 - sign(x) h; big: 2h (x > 0) or pi - 2h (x < 0).
	xneg := signMask(l, x)
	sgn := l.vec()
	l.vop(VANDPD, VANDPD_BCST, cbits(1<<63), x, sgn)
	hs := dd{l.vec(), l.vec()}
	VXORPD(sgn, h.hi, hs.hi)
	VXORPD(sgn, h.lo, hs.lo)
	smallRes := l.sum(l.subDD(l.constDD(pio2[0], pio2[1]), hs))
	h2 := dd{l.mul(h.hi, c64(2)), l.mul(h.lo, c64(2))}
	negRes := l.sum(l.subDD(l.constDD(pi[0], pi[1]), h2))
	bigRes := l.blendPD(xneg, l.sum(h2), negRes)
	return l.blendPD(small, bigRes, smallRes)
}
