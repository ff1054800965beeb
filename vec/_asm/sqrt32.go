package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// The float32 square root kernel mixes VSQRTPS with a Newton sequence on the FMA pipes,
// like the float64 one (see sqrt.go): VSQRTPS alone is bound by the square-root unit
// (about 5 cycles per YMM on Zen 4), which is slower than memory at streaming sizes.
// The Newton vectors are checked lane by lane and recomputed with VSQRTPS when any lane
// is out of range or too near a rounding boundary, so every result is VSQRTPS's.

// Newton range and margin for float32 lanes: in [2^-100, 2^126) the estimate is within
// its documented error and every intermediate but d and z (see sqrtNewton32) is a
// normal float32.
const (
	sqrt32Lo   = (127 - 100) << 23 // bits of 2^-100
	sqrt32Span = 226 << 23         // bits of 2^126 minus bits of 2^-100

	// sqrt32TieMargin is how near (as a fraction of half an ulp) the unrounded Newton
	// result may come to a rounding boundary before the vector is recomputed. The
	// unrounded result is within 2^-18.4 ulp of the root (see sqrtNewton32), so the
	// check needs a margin above 2^-16.4; 2^-12 leaves a factor of 20 (an estimate
	// twice as coarse as documented still passes), and a random lane falls in it
	// with probability 2^-12: one Newton YMM vector in 512 is recomputed.
	sqrt32TieMargin = 0x1p-12
)

// sqrt32Pattern is the sequence of VSQRTPS (S) and Newton (N) vectors in the unrolled
// loops: a Newton vector alone costs about 6.6 cycles of issue (its dependency chain
// fills the FP scheduler), a VSQRTPS one 5 cycles of the square-root unit (per YMM;
// per ZMM both double), and 1 in 3 measured fastest on Zen 4 of 1/4, 1/3, 2/5, 1/2,
// 2/3, 3/4 and all on both levels (2/5 ties on AVX-512).
const sqrt32Pattern = "SSN"

// sqrtNewton32 returns the correctly rounded square root of each float32 lane of x,
// from a reciprocal square root estimate y ≈ 1/sqrt(x) with relative error e (at most
// 1.5*2^-12 for VRSQRTPS, 2^-14 for VRSQRT14PS):
//
//	g = x*y ≈ sqrt(x), h = y/2 ≈ 1/(2 sqrt(x))
//	once: r = 1/2 - g*h, g += g*r, h += h*r
//	d = x - g*g (one rounding), s = g + d*h (one rounding)
//
// With S = sqrt(x) and u = 2^-24, g = S(1+a) and h = (1+b)/(2S) after the step, where
// |a|, |b| <= (3/2)e² + 1.5u (the rounding of x*y enters both with opposite signs,
// halved, and each update adds one rounding): 4.875u = 2^-21.7 at most. Then the
// unrounded g + d*h is S(1 - a²/2 - ab - aρ) with ρ <= u the rounding of d, within
// 2^-42.5 S of the root, which is 2^-18.5 ulp of the result; d and z below may
// underflow, but their absolute rounding errors (2^-150) are then below 2^-28 ulp of
// s, which is at least 2^-73 in range.
//
// The check computes z = (g - s) + d*h, the unrounded sum minus s (g - s exact), and
// keeps a lane when c = s + z*(1 + m) rounds to s (one FMA, m the margin): then
// |z|(1 + m) is at most half the gap on its side of s, and the root, within 2^-18.4
// ulp of s + z (the rounding of z included), is closer to s than that half gap by at
// least m/4 ulp (the gap below a power of two being half an ulp) less 2^-18.4 ulp, so
// s is its correctly rounded value. Rounding does the boundary arithmetic, and a NaN
// c fails the comparison. Lanes out of the range [2^-100, 2^126) (zeros, subnormals,
// negative numbers, infinities, NaN, and the extremes where the estimate or g*g would
// leave the normal range) fail the check too. (The float64 kernel's check, two final
// FMAs with h nudged, measured no faster here, where VSQRTPS rather than the FMA pipes
// limits the kernel.)
func sqrtNewton32(l *level, x VecVirtual, exact string) VecVirtual {
	y := l.vec()
	if l.wide {
		VRSQRT14PS(x, y)
	} else {
		VRSQRTPS(x, y)
	}
	half := c32(0.5)
	g := l.mul32(x, y)
	h := l.mul32(y, half)
	r := l.copy32(h)
	l.vop(VFNMADD213PS, VFNMADD213PS_BCST, half, g, r) // r = 1/2 - g*h
	VFMADD231PS(g, r, g)                               // g += g*r
	VFMADD231PS(h, r, h)                               // h += h*r
	d := l.copy32(g)
	VFNMADD213PS(x, g, d) // d = x - g*g
	s := l.copy32(g)
	VFMADD231PS(d, h, s) // s = g + d*h

	z := l.sub32(g, s)
	VFMADD231PS(d, h, z) // z = (g - s) + d*h: the unrounded s minus s
	c := l.copy32(z)
	l.vop(VFMADD132PS, VFMADD132PS_BCST, c32(1+sqrt32TieMargin), s, c) // c = z*(1+margin) + s

	if l.wide {
		// in range: bits(x) - lo < span as unsigned; fine: in range and c == s.
		off := l.vec()
		VPSUBD_BCST(cbits32(sqrt32Lo), x, off)
		inRange, fine := K(), K()
		VPCMPUD_BCST(U8(1), cbits32(sqrt32Span), off, inRange) // 1: less than
		VCMPPS(U8(cmpEQ), s, c, inRange, fine)
		KORTESTW(fine, fine) // carry: all sixteen lanes fine
		JCS(LabelRef(exact))
	} else {
		// off = bits(x) - lo + 2^31 is below span - 2^31 (as signed) exactly when
		// bits(x) - lo < span as unsigned.
		off, bad, near := l.vec(), l.vec(), l.vec()
		VPSUBD(cbits32(sqrt32Lo+1<<31), x, off)
		VPCMPGTD(cbits32(sqrt32Span+1<<31-1), off, bad) // off >= span - 2^31
		VCMPPS(U8(cmpNEQ), s, c, near)                  // c != s or NaN
		VORPS(near, bad, bad)
		signs := GP32()
		VMOVMSKPS(bad, signs)
		TESTL(signs, signs)
		JZ(LabelRef(exact))
	}
	VSQRTPS(x, s)
	Label(exact)
	return s
}
