package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/reg"
)

// Float32 asinh and acosh in float32 lanes, through the log1p core of log1p32.go
// (which takes its argument as an unevaluated pair y + yl and an extra ln2):
//
//	asinh a = log1p((a - 1) + sqrt(a^2 + 1))   for 1/2 < a <= 2^12 (a = |x|)
//	acosh x = log1p((x - 1) + sqrt((x-1)(x+1))) for x <= 2^12
//	both    = log1p(a - 1) + ln2                 above 2^12 (the 1/(4a^2) left out is
//	                                             below 2^-26 of the result)
//
// The square roots are pairs sh + sl (sl from the exact remainder of sh^2 against
// the radicand, itself a pair from FMA products and Fast2Sums), and the sums before
// the logarithm are Fast2Sums (sh >= a or sh >= x - 1), so y + yl carries no
// rounding error beyond about 2^-40 y and log1p's single rounding dominates. Asinh
// takes a + a^3 H(a^2) for a <= 1/2 and the sign of x at the end (so -0 stays -0).
// For acosh, x < 1 makes the radicand negative (NaN), x = 1 gives log1p(0) = 0, and
// +Inf and NaN pass through log1p's patches.

// asinh32H holds H with asinh(a) ~ a + a^3 H(a^2) for a <= 1/2 (highest degree
// first): fitted with mpmath's chebyfit to (asinh(a) - a)/a^3 on z = a^2 in
// [0, 1/4] and rounded to float32; a^3 H is then within 1.7e-9 a of its target.
var asinh32H = []float32{0.009936504065990448, -0.020526792854070663, 0.030156178399920464,
	-0.0446300208568573, 0.07499972730875015, -0.1666666716337204}

// invHyp32Big is where asinh and acosh switch to log1p(a - 1) + ln2.
const invHyp32Big = 0x1p12

// sqrtPair32 returns sqrt(r + rl) = sh + sl for r >= 0 (rl below 2^-20 r).
func sqrtPair32(l *level, r, rl VecVirtual) (sh, sl VecVirtual) {
	sh = l.vec()
	VSQRTPS(r, sh)
	sl = l.copy32(sh)
	VFNMADD213PS(r, sh, sl) // r - sh^2, exact
	sl = l.add32(sl, rl)
	s2 := l.add32(sh, sh)
	VMAXPS(l.ld32(c32(0x1p-100)), s2, s2) // r = 0: 0*(1/tiny), not 0*Inf
	return sh, l.mul32(sl, rcp32(l, s2))
}

// invHypLog32 returns log1p(y + yl) where a <= invHyp32Big, else log1p(a - 1) + ln2,
// for the pair y + yl formed by the caller (which it may ignore where a is big).
func invHypLog32(l *level, a, y, yl VecVirtual) VecVirtual {
	one := l.ld32(c32(1))
	d := l.sub32(a, one) // a - 1 = d + dl (Fast2Sum: a > 2^12)
	dl := l.sub32(l.sub32(a, d), one)
	big := l.cmpPS(cmpGT, a, c32(invHyp32Big))
	y = l.blendPS(big, y, d)
	yl = l.blendPS(big, yl, dl)
	kx := l.blendPS(big, l.ld32(c32(0)), one)
	return log1p32Core(l, y, yl, kx)
}

// asinh32LanesBody computes asinh of every float32 lane of x.
func asinh32LanesBody(l *level, x VecVirtual) VecVirtual {
	a := abs32(l, x)
	am := l.vec()
	VMINPS(a, l.ld32(c32(invHyp32Big)), am) // the square stays finite; a NaN passes
	// 1 + a^2 = t + tl: a^2 = w + wl by FMA, then a Fast2Sum of the larger and the
	// smaller of 1 and w.
	w := l.mul32(am, am)
	wl := l.copy32(am)
	VFMSUB213PS(w, am, wl) // a^2 - w, exact
	one := l.ld32(c32(1))
	hi, lo := l.vec(), l.vec()
	VMAXPS(one, w, hi)
	VMINPS(one, w, lo)
	t := l.add32(hi, lo)
	tl := l.add32(l.sub32(lo, l.sub32(t, hi)), wl)
	sh, sl := sqrtPair32(l, t, tl)
	// y = (sh + a) - 1 by two Fast2Sums (sh >= a, sh + a >= 1).
	p := l.add32(sh, am)
	pe := l.sub32(am, l.sub32(p, sh))
	y := l.sub32(p, one)
	ye := l.sub32(l.sub32(p, y), one)
	yl := l.add32(l.add32(ye, pe), sl)
	res := invHypLog32(l, a, y, yl)
	z := l.mul32(a, a)
	small := l.mul32(a, z)
	VFMADD213PS(a, l.horner32(z, asinh32H...), small) // a + a^3 H(z)
	res = l.blendPS(l.cmpPS(cmpLE, a, c32(0.5)), res, small)
	return or32(l, res, sign32(l, x))
}

// acosh32LanesBody computes acosh of every float32 lane of x.
func acosh32LanesBody(l *level, x VecVirtual) VecVirtual {
	xm := l.clamp32(x, 0, invHyp32Big) // the product stays finite; a NaN passes
	one := l.ld32(c32(1))
	// x - 1 = d + dl and x + 1 = e + el by Fast2Sums (x >= 1 where it matters).
	d := l.sub32(xm, one)
	dl := l.sub32(l.sub32(xm, d), one)
	e := l.add32(xm, one)
	el := l.sub32(one, l.sub32(e, xm))
	// (x-1)(x+1) = ph + pl: the FMA remainder of d e plus the first-order terms.
	ph := l.mul32(d, e)
	pl := l.copy32(d)
	VFMSUB213PS(ph, e, pl) // d e - ph, exact
	VFMADD231PS(dl, e, pl)
	VFMADD231PS(el, d, pl)
	sh, sl := sqrtPair32(l, ph, pl)
	// y = sh + d by Fast2Sum (sh >= d).
	y := l.add32(sh, d)
	yl := l.add32(l.add32(l.sub32(d, l.sub32(y, sh)), dl), sl)
	return invHypLog32(l, x, y, yl)
}

// genInvHyperbolic32 emits the float32-lane asinh and acosh kernels.
func genInvHyperbolic32(l *level) {
	for _, k := range []struct {
		op   string
		body func(l *level, x VecVirtual) VecVirtual
	}{{"asinh", asinh32LanesBody}, {"acosh", acosh32LanesBody}} {
		emitStream(l, stream{
			name: fname(k.op, f32.name, l), sig: "func(dst, x []float32)",
			ins: []string{"x"}, outs: []string{"dst"}, elem: 4, unroll: 2,
			body: func(in []VecVirtual) []VecVirtual { return []VecVirtual{k.body(l, in[0])} },
		})
	}
}
