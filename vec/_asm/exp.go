package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Exp: x = n*ln2 + r with n = round(x/ln2) and |r| <= ln2/2 (Cody-Waite, ln2 split in
// two doubles; the first FMA is exact because |x - n*ln2hi| needs at most 52 bits).
// exp(r) = 1 + r + r^2*P(r) with P a degree-10 polynomial (see expPoly). r is kept as
// a double-double (r + rlo) and 1 + r is split exactly, so only the final addition
// rounds at full weight. The result is scaled by 2^n: VSCALEFPD on AVX-512; on AVX2
// two exact factors 2^n1 * 2^n2 (n1 + n2 = n, both normal), so gradual underflow and
// overflow round once. x is clamped to [-746, 710] first: beyond those the result
// already is 0 or +Inf, and NaN passes through the clamp.

const (
	magicRound = 0x1.8p52 // adding it rounds a |v| < 2^51 to an integer in the low mantissa bits
	ln2Hi      = 0.6931471805599453
	ln2Lo      = 2.3190468138462996e-17
	expLo      = -746.0
	expHi      = 710.0
)

// expPoly holds P with exp(r) ~ 1 + r + r^2*P(r) (highest degree first): degree 10,
// fitted with mpmath's chebyfit to (exp(r)-1-r)/r^2 on [-ln2/2, ln2/2]; relative error
// of the whole approximation below 2^-61.
var expPoly = []float64{2.0914686968086876e-09, 2.5105217004720745e-08, 2.75572736431103e-07,
	2.7557255400206422e-06, 2.4801587325547743e-05, 0.00019841269874820627,
	0.0013888888888883748, 0.008333333333326136, 0.04166666666666667, 0.1666666666666667, 0.5}

// expBody computes exp of every float64 lane of x.
func expBody(l *level, x VecVirtual) VecVirtual {
	xc := l.vec()
	VMAXPD(x, l.ld(c64(expLo)), xc) // second source x: a NaN lane stays NaN
	VMINPD(xc, l.ld(c64(expHi)), xc)
	red := reduceLn2(l, xc)
	// Overflow and underflow come out of the scaling, rounded once: +Inf above
	// math.Exp's Overflow threshold, 0 below its Underflow threshold.
	return scale2n(l, expReduced(l, red.r, red.rlo), red.n, red.t)
}

// ln2Reduced is x = n*ln2 + r + rlo with n an integer-valued float64, t = n + magicRound
// (its low 32 bits hold n as an int32, for scale2n), |r| <= ln2/2 + small and
// |rlo| <= ulp(r).
type ln2Reduced struct{ n, t, r, rlo VecVirtual }

// reduceLn2 splits every lane of x, |x| <= 1100, as n*ln2 + r + rlo. x is consumed.
func reduceLn2(l *level, x VecVirtual) ln2Reduced {
	t := l.fma(x, l.ld(c64(math.Log2E)), c64(magicRound))
	n := l.sub(t, c64(magicRound))
	r1 := x
	l.fnmadd231(c64(ln2Hi), n, r1) // r1 = x - n*ln2hi, exact
	r := l.copyv(r1)
	l.fnmadd231(c64(ln2Lo), n, r)   // r = r1 - n*ln2lo, rounded
	rlo := l.sub(r1, r)             // exact: r1 and r are close
	l.fnmadd231(c64(ln2Lo), n, rlo) // the rounding error of r: r + rlo = r1 - n*ln2lo
	return ln2Reduced{n: n, t: t, r: r, rlo: rlo}
}

// expReduced returns exp(r + rlo) for |r| <= ln2/2 + small and |rlo| <= ulp(r):
// (1 + r) + (rlo + r^2*P(r)) with 1 + r split exactly as hi + lo, so that only the
// final addition rounds at full weight.
func expReduced(l *level, r, rlo VecVirtual) VecVirtual {
	e := expReducedDD(l, r, rlo)
	return l.add(e.hi, e.lo)
}

// expReducedDD is expReduced before the final addition: exp(r + rlo) = hi + lo with
// hi = fl(1 + r) and |lo| < 0.1 (not normalised).
func expReducedDD(l *level, r, rlo VecVirtual) dd {
	hi := l.add(r, c64(1))
	lo := l.add(l.sub(l.ld(c64(1)), hi), r)
	r2 := l.mul(r, r)
	p := l.poly(r, r2, 0, expPoly...)
	VFMADD213PD(l.add(lo, rlo), r2, p) // p = r^2*P + (lo + rlo)
	return dd{hi, p}
}

// exp2Poly holds W with 2^f ~ 1 + f*ln2Hi + f*W(f) on [-1/2, 1/2] (highest degree
// first): degree 11, fitted with mpmath (dps 60) as chebyfit(g, [-0.5, 0.5], 12) of
// g(f) = (2^f - 1)/f - ln2Hi (g(0) = ln2 - ln2Hi), whose constant term takes the
// part of ln2 below ln2Hi. With the coefficients rounded to float64, f*W is within
// 2^-57.8 of 2^f - 1 - f*ln2Hi relative to 2^f (0.04 ULP at most), mostly the
// rounding of the f^2 coefficient ln2^2/2; the fit itself is within 2^-62.
var exp2Poly = []float64{2.5729324177362305e-11, 4.4558179083360645e-10, 7.0548973041554995e-09,
	1.0178057087733941e-07, 1.3215486808705563e-06, 1.5252733841556773e-05,
	0.00015403530393370734, 0.001333355814640647, 0.00961812910762848,
	0.055504108664821625, 0.24022650695910072, 2.3026972578870136e-17}

// exp2Body computes 2^x of every float64 lane: n = round(x), f = x - n (exact,
// |f| <= 1/2), and 2^f = hi + (lo + f*W(f)) with hi = fl(1 + f*ln2Hi) by one FMA and
// lo its rounding error, exact up to 2^-106: hi - 1 is exact (Sterbenz, hi in
// [0.65, 1.35]) and a second FMA gives f*ln2Hi - (hi - 1). So only the final addition
// rounds at full weight: 0.5 ULP plus the fit's 0.04 plus about 0.05 for the
// roundings inside the small term lo + f*W (the tests measure 0.59 at most); the
// scaling by 2^n rounds once more only for subnormal results. Integer x give f = 0,
// hi = 1, lo = 0 and W(0)*0 = 0: exact powers of two.
func exp2Body(l *level, x VecVirtual) VecVirtual {
	var n, t, f VecVirtual
	if l.wide {
		// No clamp: n = round(x) and f = x - n (VREDUCEPD, exact) stay exact for any
		// finite x, f is 0 for |x| >= 2^52 and for ±Inf, and VSCALEFPD by n
		// saturates to +Inf or 0 (2^±Inf included); a NaN x gives NaN through both.
		n, f = l.roundInt(x), l.vec()
		VREDUCEPD(U8(0), x, f)
	} else {
		xc := l.vec()
		VMAXPD(x, l.ld(c64(-1100)), xc) // second source x: a NaN lane stays NaN
		VMINPD(xc, l.ld(c64(1100)), xc)
		t = l.add(xc, c64(magicRoundBiased))
		n = l.sub(t, c64(magicRoundBiased))
		f = l.sub(xc, n)
	}
	lo := l.ld(c64(ln2Hi))
	hi := l.fma(lo, f, c64(1))                       // f*ln2Hi + 1
	hm1 := l.sub(hi, c64(1))                         // exact
	l.vop(VFMSUB213PD, VFMSUB213PD_BCST, hm1, f, lo) // lo = f*ln2Hi - (hi - 1)
	w := l.poly(f, nil, 0, exp2Poly...)
	l.fmadd213(lo, f, w) // w = f*W + lo
	p := l.add(hi, w)
	if l.wide {
		d := l.vec()
		VSCALEFPD(n, p, d)
		return d
	}
	return scale2nBiased(l, p, t)
}

// magicRoundBiased is magicRound + 2*1023: adding it to a |v| <= 1100 rounds v to an
// integer n (still ties to even: the bias is even) and leaves n + 2046 in the low
// mantissa bits, the sum of the biased exponents of 2^n1 and 2^n2 in scale2nBiased.
const magicRoundBiased = magicRound + 2046

// scale2nBiased returns p * 2^n for the lanes t = n + magicRoundBiased, n an integer in
// [-1100, 1100]: two exact factors 2^n1 2^n2 with n1 = n>>1 and n2 = n - n1, both
// normal, so that gradual underflow and overflow round once, in the last multiply.
// With the exponent bias already in t, n1 + 1023 = (n + 2046)>>1 and
// n2 + 1023 = (n + 2046) - (n1 + 1023), both in [473, 1573]; only the low 32 bits of
// each lane matter.
func scale2nBiased(l *level, p, t VecVirtual) VecVirtual {
	e1, e2 := l.vec(), l.vec()
	VPSRAD(U8(1), t, e1)
	VPSUBD(e1, t, e2)
	VPSLLQ(U8(52), e1, e1)
	VPSLLQ(U8(52), e2, e2)
	return l.mul(l.mul(p, e1), e2)
}

// scale2n returns p * 2^n for integer-valued float64 lanes n in [-1100, 1100]; t holds
// n + magicRound, so its low 32 bits are n as an int32. AVX-512 scales with VSCALEFPD;
// AVX2 adds the bias to t and takes scale2nBiased.
func scale2n(l *level, p, n, t VecVirtual) VecVirtual {
	if l.wide {
		d := l.vec()
		VSCALEFPD(n, p, d)
		return d
	}
	tb := l.vec()
	VPADDD(cbits(2046), t, tb)
	return scale2nBiased(l, p, tb)
}

// genExp emits exp for float64 and float32 and exp2 for float64 (float32 exp2 has a
// float32-lane kernel of its own, exp2_32.go).
func genExp(l *level) {
	emitStream(l, stream{
		name: fname("exp", f64.name, l), sig: "func(dst, x []float64)",
		ins: []string{"x"}, outs: []string{"dst"}, elem: 8, unroll: 4,
		body: func(in []VecVirtual) []VecVirtual { return []VecVirtual{expBody(l, in[0])} },
	})
	emitStream(l, stream{ // float32 lanes, not widened: see exp32.go
		name: fname("exp", f32.name, l), sig: "func(dst, x []float32)",
		ins: []string{"x"}, outs: []string{"dst"}, elem: 4, unroll: 2,
		body: func(in []VecVirtual) []VecVirtual { return []VecVirtual{exp32LanesBody(l, in[0])} },
	})
	emitStream(l, stream{
		name: fname("exp2", f64.name, l), sig: "func(dst, x []float64)",
		ins: []string{"x"}, outs: []string{"dst"}, elem: 8, unroll: 2,
		body: func(in []VecVirtual) []VecVirtual { return []VecVirtual{exp2Body(l, in[0])} },
	})
}
