package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Float32 exp in float32 lanes. x is clamped to [-104, 89]: exp(-104) < 2^-150 rounds
// to 0 and exp(89) > MaxFloat32 rounds to +Inf, so the clamp changes no result, and a
// NaN passes through. n = round(x*log2(e)) by the 1.5*2^23 rounding constant, then
// r = x - n*ln2 by Cody-Waite with ln2 split in two float32: ln2Hi32 has 16
// significant bits, so for |n| <= 150 the first FMA is exact, and |r| <= ln2/2.
// exp(r) = 1 + r*(1 + r*P(r)) with P of degree 5, all Horner steps, and the result is
// p * 2^n, rounded once: VSCALEFPS on AVX-512; on AVX2 two exact factors 2^n1 * 2^n2
// (n1 + n2 = n, both normal float32), so overflow and gradual underflow round in the
// last multiply.
//
// Error, in ULPs of p (|r| <= 0.347, p in [0.70, 1.42]): 0.5 for the last FMA; r's
// rounding in the second Cody-Waite step, 2^-26 at most, weighs 0.18; the rounding
// of q = 1 + r*P, half an ULP of q in [0.84, 1.19], enters multiplied by |r|: 0.17;
// the fit 0.01. The exhaustive sweep finds 0.874 at most (the form 1 + (r + r^2 P)
// found 0.94: its inner sum rounds at 2^-26, a quarter ULP for p < 1, unscaled).

const (
	magicRound32 = 0x1.8p23 // adding it rounds a |v| < 2^22 to an integer in the low mantissa bits
	ln2Hi32      = 0.693145751953125
	ln2Lo32      = 1.428606765330187e-06
	exp32Lo      = -104
	exp32Hi      = 89
)

// exp32LanePoly holds P with exp(r) ~ 1 + r + r^2*P(r) (highest degree first): degree
// 5, fitted with mpmath's chebyfit to (exp(r)-1-r)/r^2 on [-0.35, 0.35] and rounded to
// float32; the fit's error is below 1.5e-9, so r^2*P adds under 2^-32 absolute.
var exp32LanePoly = []float32{0.00019891980628017336, 0.0013934541493654251,
	0.00833331048488617, 0.04166645556688309, 0.1666666716337204, 0.5}

// exp32LanesBody computes exp of every float32 lane of x.
func exp32LanesBody(l *level, x VecVirtual) VecVirtual {
	r := l.clamp32(x, exp32Lo, exp32Hi)
	t := l.ld32(c32(magicRound32))
	VFMADD231PS(l.ld32(c32(math.Log2E)), r, t) // t = x*log2(e) + magic, rounded to an integer
	n := l.sub32(t, c32(magicRound32))
	l.fnmadd231x32(c32(ln2Hi32), n, r) // exact
	l.fnmadd231x32(c32(ln2Lo32), n, r)
	q := l.horner32(r, exp32LanePoly...)
	l.fmadd213x32(c32(1), r, q) // q = r*P + 1
	l.fmadd213x32(c32(1), r, q) // q = r*(r*P + 1) + 1
	return scale32Lanes(l, q, n, t)
}

// scale32Lanes returns p * 2^n for integer-valued float32 lanes n in [-151, 129]; t
// holds n + magicRound32, so its bits minus those of magicRound32 are n as an int32.
func scale32Lanes(l *level, p, n, t VecVirtual) VecVirtual {
	if l.wide {
		d := l.vec()
		VSCALEFPS(n, p, d)
		return d
	}
	ni := l.vec()
	VPSUBD(cbits32(math.Float32bits(magicRound32)), t, ni)
	return scaleIntLanes(l, p, ni)
}

// scaleIntLanes returns p * 2^n for the int32 lanes ni = n, as the product of two
// normal factors 2^n1 2^n2 with n1 = n >> 1 and n2 = n - n1 (AVX2 has no VSCALEFPS):
// only the last multiply can round.
func scaleIntLanes(l *level, p, ni VecVirtual) VecVirtual {
	n1, n2 := l.vec(), l.vec()
	VPSRAD(U8(1), ni, n1)
	VPSUBD(n1, ni, n2)
	bias := cbits32(127)
	VPADDD(bias, n1, n1)
	VPSLLD(U8(23), n1, n1)
	VPADDD(bias, n2, n2)
	VPSLLD(U8(23), n2, n2)
	return l.mul32(l.mul32(p, n1), n2)
}
