package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/reg"
)

// Float32 hypot in float32 lanes. With p = max(|x|, |y|) and q = min(|x|, |y|), both
// are scaled by a power of two into a range where their squares neither overflow nor
// lose relative accuracy to underflow beyond 2^-29 of the sum: by 2^100 when p < 2^-60
// (p is then at least 2^-49), by 2^-70 when p > 2^60 (q's bits lost to underflow then
// are below 2^-116 p), else not at all. p^2 + q^2 is formed as a float32 pair sh + sl
// (two exact FMA products and a Fast2Sum), r = sqrt(sh) rounded, and the root is
// corrected by (sh - r^2 + sl)/(2r), with sh - r^2 exact by FMA and the quotient from
// the reciprocal estimate (the correction is below 2^-23 r, so its relative error of
// 2^-11 does not matter): r + correction rounds once, and so does the scaling back
// unless the result is subnormal (then within 0.75 ULP; measured 0.750 over 50 million
// structured and random pairs). An infinite argument gives +Inf even against NaN, as
// math.Hypot; otherwise NaN gives NaN, and p = 0 gives 0.

// Bounds and factors of the hypot32 prescaling.
const (
	hypot32Small   = 0x1p-60
	hypot32Big     = 0x1p60
	hypot32Up      = 0x1p100
	hypot32Down    = 0x1p-70
	hypot32UpInv   = 0x1p-100
	hypot32DownInv = 0x1p70
)

// hypot32LanesBody computes hypot(x, y) of every pair of float32 lanes.
func hypot32LanesBody(l *level, x, y VecVirtual) VecVirtual {
	ax, ay := abs32(l, x), abs32(l, y)
	p, q := l.vec(), l.vec()
	VMAXPS(ax, ay, p)
	VMINPS(ax, ay, q)
	small := l.cmpPS(cmpLT, p, c32(hypot32Small))
	big := l.cmpPS(cmpGT, p, c32(hypot32Big))
	one := l.ld32(c32(1))
	scale := l.blendPS(big, l.blendPS(small, one, c32(hypot32Up)), c32(hypot32Down))
	unscale := l.blendPS(big, l.blendPS(small, one, c32(hypot32UpInv)), c32(hypot32DownInv))
	ps, qs := l.mul32(p, scale), l.mul32(q, scale)
	// p^2 + q^2 = sh + sl.
	ah, bh := l.mul32(ps, ps), l.mul32(qs, qs)
	al, bl := l.copy32(ps), l.copy32(qs)
	VFMSUB213PS(ah, ps, al) // ps^2 - ah, exact
	VFMSUB213PS(bh, qs, bl)
	sh := l.add32(ah, bh)
	sl := l.add32(l.sub32(ah, sh), bh) // Fast2Sum: ah >= bh
	sl = l.add32(sl, l.add32(al, bl))
	r := l.vec()
	VSQRTPS(sh, r)
	d := l.copy32(r)
	VFNMADD213PS(sh, r, d) // sh - r^2, exact
	d = l.add32(d, sl)
	half := l.mul32(rcp32(l, r), c32(0.5))
	VFMADD213PS(r, half, d) // r + d/(2r)
	res := l.mul32(d, unscale)
	res = l.blendPS(l.cmpPS(cmpEQ, p, c32(0)), res, c32(0))
	res = l.blendPS(l.cmpPS(cmpUNORD, x, y), res, l.add32(x, y))
	inf := c32(float32(math.Inf(1)))
	anyInf := l.maskOr(l.cmpPS(cmpEQ, ax, inf), l.cmpPS(cmpEQ, ay, inf))
	return l.blendPS(anyInf, res, inf)
}

// genHypot32 emits the float32 hypot kernel.
func genHypot32(l *level) {
	emitStream(l, stream{
		name: fname("hypot", f32.name, l), sig: "func(dst, x, y []float32)",
		ins: []string{"x", "y"}, outs: []string{"dst"}, elem: 4, unroll: 2,
		body: func(in []VecVirtual) []VecVirtual { return []VecVirtual{hypot32LanesBody(l, in[0], in[1])} },
	})
}
