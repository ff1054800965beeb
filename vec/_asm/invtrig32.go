package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/reg"
)

// Float32 atan, atan2, asin and acos in float32 lanes.
//
// Arctangent core: for the ratio a = ay/ax >= 0 (given as its two parts), with
// c = 0 for a < 1/2, pi/4 for 1/2 <= a <= 2 and pi/2 for a > 2,
//
//	atan(a) = c + atan(t), t = (A ay - B ax)/(A ax + B ay), (A, B) = (1, 0), (1, 1), (0, 1)
//
// so |t| <= 1/2. The numerator is exact (ay - ax by Sterbenz in the middle range),
// the denominator is a float32 sum with its rounding error dl (Fast2Sum of the larger
// and the smaller term, one of which is zero outside the middle range), t = q + tl
// with q the rounded quotient and tl = (num - q den - q dl)/den from the exact
// remainder (the reciprocal estimate of VRCP14PS or VRCPPS is enough: tl is below
// 2^-24 q). atan(t) = q + (tl + q z P(z)), z = q^2 <= 1/4, and the result is
// c + q by Fast2Sum (|c| >= |q| or c = 0) plus everything else, so it rounds once
// at full weight. Atan2 places the result in its quadrant by the same Fast2Sum with
// pi - c and -t for x < 0 (-0 included). Measured (vec/invtrig32_amd64_test.go):
// atan within 0.742 ULP of Go's float64 atan over all float32 inputs, atan2 within
// 0.866 ULP over 84 million structured and random pairs.
//
// Asin and acos: asin x = x + x z A(z), z = x^2, for |x| <= 1/2; above, with
// z = (1-|x|)/2 (exact) and s = sqrt(z) + sl (sl from the exact square remainder),
// asin |x| = pi/2 - 2 asin s, acos x = 2 asin s (x > 0) or pi - 2 asin s (x < 0),
// and asin s = s + (sl + s z A(z)). Each lane forms k v + (C + k tail) with its own
// point v, constant C (0, pi/2 or pi, as a float32 pair) and factor k (±1 or ±2,
// exact), again one rounding at full weight: within 0.624 ULP (asin) and 0.621 ULP
// (acos) of Go's float64 results over all float32 inputs.

// Float32 pairs hi + lo of pi/4, pi/2, 3pi/4 and pi (hi = float32(c), lo =
// float32(c - hi)).
const (
	pio4Hi32  = 0.7853981852531433
	pio4Lo32  = -2.1855695031217196e-08
	pio2Hi32  = 1.5707963705062866
	pio2Lo32  = -4.371139006243439e-08
	pi3o4Hi32 = 2.356194496154785
	pi3o4Lo32 = -5.962440319251527e-09
	piHi32    = 3.1415927410125732
	piLo32    = -8.742278012487877e-08
)

// atan32P is P with atan(t) ~ t + t z P(z), z = t^2 <= 1/4 (highest degree first):
// fitted with mpmath's chebyfit to (atan(t) - t)/(t z) on [0, 1/4] and rounded to
// float32; its error is below 2e-8, so t z P adds under 2^-28 t.
var atan32P = []float32{0.042256858199834824, -0.0823550596833229, 0.11006880551576614,
	-0.14279800653457642, 0.19999875128269196, -0.3333333432674408}

// asin32A is A with asin(v) ~ v + v z A(z), z = v^2 <= 1/4: fitted as atan32P, to
// (asin(v) - v)/(v z), error below 1.2e-8.
var asin32A = []float32{0.03369084745645523, 0.017149237915873528, 0.031100662425160408,
	0.04459940269589424, 0.07500094175338745, 0.1666666567325592}

// Bounds of the atan2 prescaling: pairs whose larger magnitude is at most 2^60 are
// scaled up by 2^60 (exact, and no overflow), so the larger one is at least 2^-89,
// the reciprocal estimate sees no subnormal denominator, and the remainder of the
// quotient (about 2^-24 times the smaller one) does not underflow unless the quotient
// itself is subnormal; pairs above 2^120 are scaled down by 2^-8, so the denominator
// cannot overflow. |x| is then raised to at least atan2Min32, a normal number: both
// zero act as 0/atan2Min32, and a smaller |x| changes the quotient by under 2^-31,
// where pi/2 - q rounds to pi/2 regardless.
const (
	atan2Small32 = 0x1p60
	atan2Huge32  = 0x1p120
	atan2Min32   = 0x1p-120
)

// abs32 returns |x| of float32 lanes. Unlike f32.abs, which keeps its mask in a
// register for the tight Abs loop, it reads the mask as a (broadcast) memory operand:
// in these long kernels that frees a register, and using f32.abs instead measured
// 3-5% slower on AVX-512.
func abs32(l *level, x VecVirtual) VecVirtual {
	return l.bop(VANDPS, VANDPS_BCST, x, cbits32(1<<31-1))
}

// sign32 returns the sign bits of x.
func sign32(l *level, x VecVirtual) VecVirtual {
	return l.bop(VANDPS, VANDPS_BCST, x, cbits32(1<<31))
}

// xor32 returns a ^ b.
func xor32(l *level, a, b VecVirtual) VecVirtual {
	d := l.vec()
	VXORPS(b, a, d)
	return d
}

// or32 returns a | b.
func or32(l *level, a, b VecVirtual) VecVirtual {
	d := l.vec()
	VORPS(b, a, d)
	return d
}

// signMask32 returns a mask of the float32 lanes of x with the sign bit set (-0
// included).
func signMask32(l *level, x VecVirtual) mask {
	if l.wide {
		k := K()
		VPMOVD2M(x, k)
		return mask{k: k}
	}
	return mask{v: x} // VBLENDVPS looks at the sign bit only
}

// rcp32 returns an estimate of 1/x (relative error below 2^-11).
func rcp32(l *level, x VecVirtual) VecVirtual {
	d := l.vec()
	if l.wide {
		VRCP14PS(x, d)
	} else {
		VRCPPS(x, d)
	}
	return d
}

// pair32 is an unevaluated float32 sum hi + lo.
type pair32 struct{ hi, lo VecVirtual }

// pickPair32 returns m ? (hi, lo) : p for a constant pair.
func (l *level) pickPair32(m mask, p pair32, hi, lo float32) pair32 {
	return pair32{l.blendPS(m, p.hi, c32(hi)), l.blendPS(m, p.lo, c32(lo))}
}

// atanRatio32 returns the constant c (as a pair) and t = q + tail with
// atan(ay/ax) = c + atan(t) = c + q + tail (tail holds tl and the polynomial), for
// finite ay >= 0 and ax > 0, neither subnormal unless the other is at least 2^64
// times larger, ax + ay finite (NaN lanes give NaN).
func atanRatio32(l *level, ay, ax VecVirtual) (c pair32, q, tail VecVirtual) {
	zero := l.ld32(c32(0))
	mid := l.cmpPS(cmpGE, l.add32(ay, ay), ax) // ay >= ax/2: B = 1
	num2 := l.blendPS(mid, zero, ax)           // B ax
	den2 := l.blendPS(mid, zero, ay)           // B ay
	c = pair32{l.blendPS(mid, zero, c32(pio4Hi32)), l.blendPS(mid, zero, c32(pio4Lo32))}
	far := l.cmpPS(cmpGT, ay, l.add32(ax, ax)) // ay > 2 ax: A = 0
	num1 := l.blendPS(far, ay, zero)           // A ay
	den1 := l.blendPS(far, ax, zero)           // A ax
	c = l.pickPair32(far, c, pio2Hi32, pio2Lo32)
	num := l.sub32(num1, num2) // exact
	big, small := l.vec(), l.vec()
	VMAXPS(den1, den2, big)
	VMINPS(den1, den2, small)
	den := l.add32(big, small)
	dl := l.sub32(small, l.sub32(den, big)) // Fast2Sum error (0 when small is 0)
	q = l.vec()
	VDIVPS(den, num, q)
	rem := l.copy32(q)
	VFNMADD213PS(num, den, rem) // num - q den, exact
	VFNMADD231PS(dl, q, rem)    // - q dl
	tl := l.mul32(rem, rcp32(l, den))
	z := l.mul32(q, q)
	tail = l.mul32(q, z)
	VFMADD213PS(tl, l.horner32(z, atan32P...), tail) // q z P + tl
	return c, q, tail
}

// joinPair32 returns c.hi + v + (c.lo + tail) rounded once: Fast2Sum of c.hi and v,
// valid when c.hi is zero or |c.hi| >= |v|.
func joinPair32(l *level, c pair32, v, tail VecVirtual) VecVirtual {
	s := l.add32(c.hi, v)
	e := l.sub32(v, l.sub32(s, c.hi))
	return l.add32(s, l.add32(l.add32(e, c.lo), tail))
}

// atan32LanesBody computes atan of every float32 lane of x.
func atan32LanesBody(l *level, x VecVirtual) VecVirtual {
	a := abs32(l, x)
	VMINPS(a, l.ld32(c32(0x1p100)), a) // atan rounds to pi/2 long before; a NaN passes
	c, q, tail := atanRatio32(l, a, l.ld32(c32(1)))
	return or32(l, joinPair32(l, c, q, tail), sign32(l, x))
}

// atan2_32LanesBody computes atan2(y, x) of every pair of float32 lanes.
func atan2_32LanesBody(l *level, y, x VecVirtual) VecVirtual {
	ax, ay := abs32(l, x), abs32(l, y)
	// Infinities: both infinite act as (1, 1), one infinite as 1 against 0.
	inf := c32(posInf32)
	xinf, yinf := l.cmpPS(cmpEQ, ax, inf), l.cmpPS(cmpEQ, ay, inf)
	anyInf := l.maskOr(xinf, yinf)
	ax = l.blendPS(xinf, l.blendPS(anyInf, ax, c32(0)), c32(1))
	ay = l.blendPS(yinf, l.blendPS(anyInf, ay, c32(0)), c32(1))
	hi := l.vec()
	VMAXPS(ax, ay, hi)
	scale := l.blendPS(l.cmpPS(cmpLE, hi, c32(atan2Small32)), l.ld32(c32(1)), c32(0x1p60))
	scale = l.blendPS(l.cmpPS(cmpGT, hi, c32(atan2Huge32)), scale, c32(0x1p-8))
	ax, ay = l.mul32(ax, scale), l.mul32(ay, scale)
	VMAXPS(l.ld32(c32(atan2Min32)), ax, ax) // second source ax: a NaN passes
	c, q, tail := atanRatio32(l, ay, ax)
	// x < 0 (-0 included): pi - (c + q + tail), from the constant pi - c.
	xneg := signMask32(l, x)
	cn := pair32{l.ld32(c32(piHi32)), l.ld32(c32(piLo32))}
	cn = l.pickPair32(l.cmpPS(cmpEQ, c.hi, c32(pio4Hi32)), cn, pi3o4Hi32, pi3o4Lo32)
	cn = l.pickPair32(l.cmpPS(cmpEQ, c.hi, c32(pio2Hi32)), cn, pio2Hi32, pio2Lo32)
	c = pair32{l.blendPS(xneg, c.hi, cn.hi), l.blendPS(xneg, c.lo, cn.lo)}
	xs := sign32(l, x)
	res := joinPair32(l, c, xor32(l, q, xs), xor32(l, tail, xs))
	res = or32(l, res, sign32(l, y))
	nan := l.cmpPS(cmpUNORD, x, y)
	return l.blendPS(nan, res, l.add32(x, y))
}

// asinAcos32LanesBody computes asin (acos false) or acos (acos true) of every
// float32 lane of x.
func asinAcos32LanesBody(l *level, x VecVirtual, acos bool) VecVirtual {
	a := abs32(l, x)
	small := l.cmpPS(cmpLE, a, c32(0.5))
	// Big branch: z = (1-|x|)/2 exact, s = sqrt(z) + sl.
	zb := l.mul32(l.sub32(l.ld32(c32(1)), a), c32(0.5))
	s := l.vec()
	VSQRTPS(zb, s)
	sl := l.copy32(s)
	VFNMADD213PS(zb, s, sl) // z - s*s, exact
	s2 := l.add32(s, s)
	VMAXPS(l.ld32(c32(0x1p-100)), s2, s2) // |x| = 1: 0*(1/tiny), not 0*Inf
	sl = l.mul32(sl, rcp32(l, s2))
	// One evaluation: the point v + vl and z of each lane's branch.
	z := l.blendPS(small, zb, l.mul32(a, a))
	v := l.blendPS(small, s, a)
	vl := l.blendPS(small, sl, l.ld32(c32(0)))
	tail := l.mul32(v, z)
	VFMADD213PS(vl, l.horner32(z, asin32A...), tail) // v z A + vl
	var k VecVirtual
	var c pair32
	if !acos {
		// small: v + tail; big: pi/2 - 2 (v + tail); the sign of x at the end.
		k = l.blendPS(small, l.ld32(c32(-2)), c32(1))
		zero := l.ld32(c32(0))
		c = pair32{l.blendPS(small, l.ld32(c32(pio2Hi32)), zero), l.blendPS(small, l.ld32(c32(pio2Lo32)), zero)}
	} else {
		// small: pi/2 - x - sign(x) tail; big: 2 (v + tail) (x > 0) or pi - 2 (v + tail).
		c = pair32{l.ld32(c32(0)), l.ld32(c32(0))}
		c = l.pickPair32(signMask32(l, x), c, piHi32, piLo32)
		c = l.pickPair32(small, c, pio2Hi32, pio2Lo32)
		k = l.blendPS(small, l.ld32(c32(2)), c32(-1))
		k = xor32(l, k, sign32(l, x))
	}
	res := joinPair32(l, c, l.mul32(v, k), l.mul32(tail, k))
	if !acos {
		res = or32(l, res, sign32(l, x))
	}
	return res
}

// genInvTrig32 emits the float32-lane atan, asin, acos and atan2 kernels.
func genInvTrig32(l *level) {
	unary := func(op string, body func(x VecVirtual) VecVirtual) {
		emitStream(l, stream{
			name: fname(op, f32.name, l), sig: "func(dst, x []float32)",
			ins: []string{"x"}, outs: []string{"dst"}, elem: 4, unroll: 2,
			body: func(in []VecVirtual) []VecVirtual { return []VecVirtual{body(in[0])} },
		})
	}
	unary("atan", func(x VecVirtual) VecVirtual { return atan32LanesBody(l, x) })
	unary("asin", func(x VecVirtual) VecVirtual { return asinAcos32LanesBody(l, x, false) })
	unary("acos", func(x VecVirtual) VecVirtual { return asinAcos32LanesBody(l, x, true) })
	emitStream(l, stream{
		name: fname("atan2", f32.name, l), sig: "func(dst, y, x []float32)",
		ins: []string{"y", "x"}, outs: []string{"dst"}, elem: 4, unroll: 1,
		body: func(in []VecVirtual) []VecVirtual { return []VecVirtual{atan2_32LanesBody(l, in[0], in[1])} },
	})
}
