package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Hyperbolic functions, the algorithms of the generic level (internal/libm/hyperbolic.go)
// without branches: every lane computes both paths and keeps one.
//
// Sinh and cosh: e^|x| = 2^n (mh + ml) as a double-double from the exp reduction
// (reduceLn2, expReducedDD), and (e^|x| -/+ e^-|x|)/2 = 2^(n-1) (M -/+ 2^-2n / M) with
// 1/M as a double-double; 2^-2n is built from min(n, 64) (below that it is far under
// the last bit), and the final scaling by 2^(n-1) rounds once, so results just below
// the overflow threshold stay finite. |x| is clamped to 711 (sinh and cosh overflow
// from 710.48; NaN passes). Sinh uses x + x^3 H(x^2) (H: sinhPoly) for |x| <= 1, where
// the difference would cancel.
// Tanh: x + x^3 K(x^2) (K: tanhPoly) for |x| <= 0.625; above, tanh |x| = 1 - 2/(E + 1)
// with E = e^2|x| = 2^n (mh + ml) in double-double; |x| is clamped to 22, where the
// result already rounds to 1. Sinh and tanh are odd: they are computed on |x| and take
// the sign of x at the end (so -0 stays -0).

// expDD returns n and the normalised double-double M with e^a = 2^n M, 0.7 < M < 1.42,
// for 0 <= a <= 1100 (a is not modified).
func expDD(l *level, a VecVirtual) (ln2Reduced, dd) {
	red := reduceLn2(l, l.copyv(a))
	e := expReducedDD(l, red.r, red.rlo)
	return red, l.fastTwoSum(e.hi, e.lo)
}

// pow2Int returns 2^k for integer-valued lanes k in [-1022, 1023], built in the
// exponent field.
func pow2Int(l *level, k VecVirtual) VecVirtual {
	p := l.add(k, c64(magicRound+1023)) // low bits: k + 1023, the biased exponent
	VPSLLQ(U8(52), p, p)
	return p
}

// oddPoly returns a + a^3 P(a^2) with P given highest degree first.
func oddPoly(l *level, a VecVirtual, p []float64) VecVirtual {
	z := l.mul(a, a)
	return l.fma(l.mul(a, z), l.poly(z, nil, 2, p...), a)
}

// sinhCoshBig returns sinh |x| (cosh false) or cosh x (cosh true) by the exponential
// formula, for ax = |x|.
func sinhCoshBig(l *level, ax VecVirtual, cosh bool) VecVirtual {
	a := l.vec()
	VMINPD(ax, l.ld(c64(711)), a) // second source ax: NaN passes
	red, m := expDD(l, a)
	// 1/M = ih + il
	ih := l.div(l.ld(c64(1)), m.hi)
	rem := l.copyv(ih)
	l.vop(VFNMADD213PD, VFNMADD213PD_BCST, c64(1), m.hi, rem) // 1 - ih*mh
	l.fnmadd231(ih, m.lo, rem)                                // - ih*ml
	il := l.mul(ih, rem)
	nn := l.vec()
	VMINPD(l.ld(c64(64)), red.n, nn)
	f := pow2Int(l, l.mul(nn, c64(-2))) // 2^-2n
	if !cosh {
		f = l.neg(f)
	}
	var s dd
	if cosh {
		s = l.twoSum(m.hi, l.mul(f, ih)) // 1/M may exceed M
	} else {
		s = l.fastTwoSum(m.hi, l.mul(f, ih)) // n >= 1: |f/M| < 0.36 < M
	}
	lo := l.add(s.lo, l.fma(f, il, m.lo))
	n1 := l.sub(red.n, c64(1))
	t1 := l.sub(red.t, c64(1))
	return scale2n(l, l.add(s.hi, lo), n1, t1)
}

// sinhBody computes sinh of every float64 lane of x.
func sinhBody(l *level, x VecVirtual) VecVirtual {
	ax := f64.abs(l, x)
	big := sinhCoshBig(l, ax, false)
	small := oddPoly(l, ax, fitPoly("sinhPoly"))
	res := l.blendPD(l.cmpPD(cmpLE, ax, c64(1)), big, small)
	return orSign(l, res, x)
}

// coshBody computes cosh of every float64 lane of x.
func coshBody(l *level, x VecVirtual) VecVirtual {
	return sinhCoshBig(l, f64.abs(l, x), true)
}

// tanhBody computes tanh of every float64 lane of x.
func tanhBody(l *level, x VecVirtual) VecVirtual {
	ax := f64.abs(l, x)
	a := l.vec()
	VMINPD(ax, l.ld(c64(22)), a) // second source ax: NaN passes
	red, m := expDD(l, l.add(a, a))
	s := pow2Int(l, red.n) // 0 <= n <= 64
	d := l.fastTwoSum(l.mul(m.hi, s), c64(1))
	dl := l.fma(m.lo, s, d.lo)
	qh := l.div(l.ld(c64(2)), d.hi) // 2/(E+1) = qh + ql
	rem := l.copyv(qh)
	l.vop(VFNMADD213PD, VFNMADD213PD_BCST, c64(2), d.hi, rem) // 2 - qh*dh
	l.fnmadd231(qh, dl, rem)                                  // - qh*dl
	ql := l.mul(rem, l.mul(qh, c64(0.5)))
	h := l.fastTwoSum(l.ld(c64(1)), l.neg(qh))
	big := l.add(h.hi, l.sub(h.lo, ql))
	small := oddPoly(l, ax, fitPoly("tanhPoly"))
	res := l.blendPD(l.cmpPD(cmpLE, ax, c64(0.625)), big, small)
	return orSign(l, res, x)
}
