package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/reg"
)

// Inverse trigonometric functions, the algorithms of the generic level
// (internal/libm/invtrig.go) without branches on lanes: each lane selects its constants
// with masks, and every lane evaluates the same polynomial once.
//
// Atan: atan x = atan c + atan t with t = (x - c)/(1 + c x) and c = 0, 1/2, 1, 3/2 or
// infinity (t = -1/x) for x up to 7/16, 11/16, 19/16, 39/16 and beyond, so |t| <= 7/16;
// written as t = (A x - B)/(A + B x) with (A, B) = (1, c) or (0, 1). x - c is exact
// (Sterbenz), the denominator is a double-double, and t is carried with its division
// remainder tt; atan t = t + (tt (1 - t^2) + t^3 T(t^2)) (T: atanPoly), atan c is a
// double-double, and only the final addition rounds. |x| is clamped to 2^900 (atan
// rounds to pi/2 long before; NaN passes), and atan takes the sign of x at the end.
//
// Atan2 reduces the ratio of lo = min(|x|, |y|) to hi = max(|x|, |y|) in one step,
// t = (lo - c hi)/(hi + c lo) with c = 0, 1/2 or 1, so it divides once where a
// quotient lo/hi followed by atan's reduction would divide twice (or three times with
// the quotient's remainder); atan(lo/hi) = atan c + atan t as for atan. The octant
// then gives atan2 = k + s (atan c + atan t) with k = 0, pi/2 or pi and s = ±1,
// added in double-double, and the sign of y. Operands are scaled together where hi
// or lo is extreme (see atan2General); infinite and zero arguments become 0 and 1
// stand-ins that give Go's special values through the same path, and NaN lanes are
// patched at the end. Vectors without such lanes skip all of that.
//
// Asin and acos: asin x = x + x^3 A(x^2) (A: asinPoly12) for |x| <= 1/2; above, with
// z = (1-|x|)/2 (exact) and s = sqrt(z) as a double-double, asin |x| = pi/2 - 2 asin s,
// acos x = 2 asin s (x > 0) or pi - 2 asin s (x < 0), and asin s = s + s z A(z). The
// two branches differ only in the point (|x| or s) and in z, so one polynomial
// evaluation serves both, and the result is k + f asin(point) with constants k, f
// selected per lane.

// Breakpoints of the atan reduction and its constants per range (c, atan c).
var (
	atanBreaks = []float64{7.0 / 16, 11.0 / 16, 19.0 / 16, 39.0 / 16}
	atanC      = []float64{0, 0.5, 1, 1.5}
)

// asinPoly12 is A of asin x = x + x^3 A(x^2) for |x| <= 1/2 at degree 12 (highest
// degree first), three terms shorter than the generic level's asinPoly: mpmath's
// chebyfit (200 bits) of (asin sqrt z - sqrt z)/sqrt(z)^3 on [0, 0.2501], rounded to
// float64, is within 2.3e-17 (2^-55.3) of A there (asinPoly: 9.3e-18 once rounded),
// which adds below 0.1 ULP to the result in either branch.
var asinPoly12 = []float64{
	0.02877844261259304, -0.014881409392818066, 0.017419357964884856, 0.00545087818772055,
	0.010324318288744113, 0.011478952690257387, 0.013971235301124539,
	0.017352391265909227, 0.022372173002005596, 0.030381944137085216, 0.04464285714637338,
	0.07499999999998425, 0.16666666666666669,
}

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

// constDD loads a double-double constant.
func (l *level) constDD(hi, lo float64) dd { return dd{l.ld(c64(hi)), l.ld(c64(lo))} }

// atan2Body computes atan2(y, x) of every pair of float64 lanes. Vectors whose lanes
// all have both magnitudes in [2^-400, 2^1022) (no zero, infinity, NaN or scaling)
// take a shorter path, which gives such lanes the same bits as the general one.
func atan2Body(l *level, y, x VecVirtual) VecVirtual {
	ax, ay := f64.abs(l, x), f64.abs(l, y)
	hi, lo := l.vec(), l.vec()
	VMAXPD(ax, ay, hi) // a NaN may vanish here: the ordered test below catches it
	VMINPD(ax, ay, lo)
	ordinary := l.maskAnd(l.cmpPD(cmpGE, lo, c64(0x1p-400)), l.cmpPD(cmpLT, hi, c64(0x1p1022)))
	ordinary = l.maskAnd(ordinary, l.cmpPD(cmpORD, x, y))
	return l.branchAll(ordinary, func() VecVirtual {
		return atan2Reduced(l, y, x, hi, lo, l.cmpPD(cmpGT, ay, ax))
	}, func() VecVirtual {
		return atan2General(l, y, x, ax, ay)
	})
}

// cmpORD is the comparison predicate "ordered" (neither operand NaN), quiet.
const cmpORD = 0x07

// atan2General computes atan2(y, x) of any float64 lanes, ax = |x| and ay = |y|.
func atan2General(l *level, y, x, ax, ay VecVirtual) VecVirtual {
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
	// Scaled together: by 2^500 when lo < 2^-400 and hi < 2^500, so that the numerator
	// in atan2Reduced is 0 or at least 2^-968 (beyond, lo/hi underflows to 0) and the
	// remainder of the division stays exact; by 1/2 from 2^1022, so that the
	// denominator (up to 2 hi) stays finite (lo may lose its last subnormal bit, where
	// the result is 0).
	up := l.maskAnd(l.cmpPD(cmpLT, lo, c64(0x1p-400)), l.cmpPD(cmpLT, hi, c64(0x1p500)))
	sc := l.pickC(up, l.ld(c64(1)), 0x1p500)
	sc = l.pickC(l.cmpPD(cmpGE, hi, c64(0x1p1022)), sc, 0.5)
	hi, lo = l.mul(hi, sc), l.mul(lo, sc)
	VMAXPD(l.ld(c64(0x1p-1000)), hi, hi) // both zero: t = 0/2^-1000 = 0
	res := atan2Reduced(l, y, x, hi, lo, swap)
	nan := l.cmpPD(cmpUNORD, x, y)
	return l.blendPD(nan, res, l.add(x, y))
}

// atan2Reduced returns atan2(y, x) from hi = max(|x|, |y|) and lo = min(|x|, |y|),
// scaled together so that hi + lo is finite and lo - c hi below is 0 or at least
// 2^-968, and swap, the lanes where |y| > |x|.
func atan2Reduced(l *level, y, x, hi, lo VecVirtual, swap mask) VecVirtual {
	// atan(lo/hi) = atan c + atan t, t = (lo - c hi)/(hi + c lo), with c = 0, 1/2 or 1
	// above 7/16 and 11/16 of hi (the thresholds need not be exact), so |t| <= 7/16:
	// one division, of the reduced argument directly. lo - c hi is exact (Sterbenz),
	// c lo too, and the denominator is a double-double.
	mid := l.cmpPD(cmpGT, lo, l.mul(hi, c64(atanBreaks[0])))
	top := l.cmpPD(cmpGT, lo, l.mul(hi, c64(atanBreaks[1])))
	c := l.pickC(top, l.pickC(mid, l.ld(c64(0)), atanC[1]), atanC[2])
	num := l.copyv(lo)
	l.fnmadd231(c, hi, num) // lo - c*hi
	den := l.fastTwoSum(hi, l.mul(c, lo))
	r := l.div(l.ld(c64(1)), den.hi)
	t := l.mul(num, r) // two roundings: the remainder below corrects them
	rem := l.copyv(t)
	VFNMADD213PD(num, den.hi, rem) // num - t*dh
	l.fnmadd231(t, den.lo, rem)    // - t*dl
	tt := l.mul(rem, r)
	z := l.mul(t, t)
	tail := l.mul(l.mul(t, z), l.poly(z, nil, 2, fitPoly("atanPoly")...))
	VFNMADD231PD(z, tt, tt) // tt/(1 + z) ~ tt - tt*z: tt is below 2^-52 t
	tail = l.add(tail, tt)
	// a = atan c + t + tail as a double-double (|t| <= atan c, or c = 0).
	half, one := fitCoeffs("atan0_5DD"), fitCoeffs("atan1DD")
	ch := l.pickC(top, l.pickC(mid, l.ld(c64(0)), half[0]), one[0])
	cl := l.pickC(top, l.pickC(mid, l.ld(c64(0)), half[1]), one[1])
	a := l.fastTwoSum(ch, t)
	a.lo = l.add(a.lo, l.add(cl, tail))
	// The octant: atan2 = k + s*a with (k, s) = (0, +) for x > 0 and no swap,
	// (pi/2, -) for a swap, (pi, -) for x < 0, (pi/2, +) for both.
	xneg := signMask(l, x)
	a = negDDIf(l, l.maskXor(swap, xneg), a)
	pio2, pi := fitCoeffs("pio2DD"), fitCoeffs("piDD")
	kh := l.pickC(swap, l.pickC(xneg, l.ld(c64(0)), pi[0]), pio2[0])
	kl := l.pickC(swap, l.pickC(xneg, l.ld(c64(0)), pi[1]), pio2[1])
	s := l.fastTwoSum(kh, a.hi) // |a| <= pi/4 < k, or k = 0
	return orSign(l, l.add(s.hi, l.add(s.lo, l.add(kl, a.lo))), y)
}

// maskXor returns the lanes where exactly one of a, b is set. On AVX2 only the sign
// bit of the result is meaningful (a VBLENDVPD mask), so b may be a signMask.
func (l *level) maskXor(a, b mask) mask {
	if l.wide {
		k := K()
		KXORW(a.k, b.k, k)
		return mask{k: k}
	}
	v := l.vec()
	VXORPD(a.v, b.v, v)
	return mask{v: v}
}

// negDDIf negates the double-double a in the lanes of m (a sign-bit mask on AVX2).
func negDDIf(l *level, m mask, a dd) dd {
	if l.wide {
		VXORPD_BCST(cbits(1<<63), a.hi, m.k, a.hi)
		VXORPD_BCST(cbits(1<<63), a.lo, m.k, a.lo)
		return a
	}
	sg := l.vec()
	VANDPD(cbits(1<<63), m.v, sg)
	hi, lo := l.vec(), l.vec()
	VXORPD(sg, a.hi, hi)
	VXORPD(sg, a.lo, lo)
	return dd{hi, lo}
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
	if l.wide {
		// sl is below 2^-52 sh: VRCP14PD's 14 bits suffice. (On AVX2 the division
		// measured faster than VRCPPS on the value narrowed to float32.)
		VMAXPD(l.ld(c64(0x1p-1000)), den, den) // |x| = 1: 0 times a finite estimate
		r := l.vec()
		VRCP14PD(den, r)
		sl = l.mul(sl, r)
	} else {
		VMAXPD(l.ld(c64(0x1p-1000)), den, den) // |x| = 1: 0/tiny, not 0/0
		sl = l.div(sl, den)
	}
	// One evaluation: the point v + vl and z of each lane's branch.
	z := l.blendPD(small, zb, l.mul(ax, ax))
	v := l.blendPD(small, sh, ax)
	vl := l.blendPD(small, sl, l.ld(c64(0)))
	tail := l.fma(l.mul(v, z), l.poly(z, nil, 2, asinPoly12...), vl)
	h := l.fastTwoSum(v, tail) // asin of the point, for the lane's branch
	// The result is k + f*h with (k, f) by branch: asin: (0, 1) small, (pi/2, -2) big;
	// acos: (pi/2, -sign x) small, (0, 2) big with x > 0, (pi, -2) big with x < 0.
	// f*h is exact and |f*h| <= pi/3 < k unless k = 0, so one fast two-sum adds k.
	pio2, pi := fitCoeffs("pio2DD"), fitCoeffs("piDD")
	var f, kh, kl VecVirtual
	if !acos {
		f = l.pickC(small, l.ld(c64(-2)), 1)
		kh = l.pickC(small, l.ld(c64(pio2[0])), 0)
		kl = l.pickC(small, l.ld(c64(pio2[1])), 0)
	} else {
		xneg := signMask(l, x)
		f = l.pickC(small, l.pickC(xneg, l.ld(c64(2)), -2), 0)
		f = l.blendPD(small, f, l.pickC(xneg, l.ld(c64(-1)), 1))
		kh = l.pickC(small, l.pickC(xneg, l.ld(c64(0)), pi[0]), pio2[0])
		kl = l.pickC(small, l.pickC(xneg, l.ld(c64(0)), pi[1]), pio2[1])
	}
	s := l.fastTwoSum(kh, l.mul(f, h.hi))
	res := l.add(s.hi, l.add(s.lo, l.fma(f, h.lo, kl)))
	if !acos {
		return orSign(l, res, x)
	}
	return res
}
