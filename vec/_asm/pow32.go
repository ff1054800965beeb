package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Float32 pow: the special cases and the split of |x| into 2^k z run in float32 lanes,
// and only the core, 2^(y log2 |x|), in float64 lanes (each float32 register as two
// halves). A float32 result within 1 ULP needs y log2|x| to about 2^-27 absolute for
// |y log2|x|| up to 150, that is log2|x| to 2^-34 relative: in float32 arithmetic that
// takes double-float (pair) steps throughout, in float64 one polynomial. So, with |x|
// = 2^k z, z in [sqrt(1/2), sqrt(2)) from the float32 bits (a subnormal |x| first
// scaled by 2^24), and r = z - 1 (exact in float64):
//
//	log2 |x| = k + r P(r),  p = y log2 |x|,  x^y = 2^n 2^f,  n = round(p), f = p - n
//
// with P of degree 12 (relative error below 2.2e-11) and 2^f from a degree 6
// polynomial (relative error below 2.8e-9, a twentieth of a float32 ULP). 2^n scales
// exactly in float64 (VSCALEFPD on AVX-512, saturating to 0 or +Inf; on AVX2 p is
// first clamped to [-160, 130], beyond which every result is 0 or +Inf, and 2^n is
// built from the bits of n), and the only rounding that matters is the conversion of
// the float64 result to float32 (including gradual underflow and overflow): within 0.6
// ULP, measured 0.551 over 84 million structured and random pairs. Go's special cases
// are patched in float32 lanes afterwards, in the order of powBody (pow.go).

// pow32Log2P holds P with log2(1+r) ~ r P(r) on [sqrt(1/2)-1, sqrt(2)-1] (highest
// degree first): mpmath's chebyfit of log2(1+r)/r, absolute error 3.2e-11.
var pow32Log2P = []float64{0.07553790398013412, -0.1414478821058739, 0.14495052999815844,
	-0.14349039375280995, 0.15878356832510718, -0.1802710257711494, 0.20617283226751987,
	-0.24045433696411997, 0.28853739437873954, -0.3606736553159396, 0.4808983601762459,
	-0.7213475209631551, 1.4426950408708794}

// pow32Exp2 holds the approximation of 2^f on [-1/2, 1/2] (highest degree first):
// mpmath's chebyfit, absolute error 2.0e-9.
var pow32Exp2 = []float64{0.0001546144469856913, 0.0013400428177615838, 0.009618056678524637,
	0.05550327226670302, 0.24022650922288757, 0.6931472067028326, 1.0}

// Bounds of p = y log2|x| in the AVX2 float64 core: 2^-160 rounds to 0 and 2^130 to
// +Inf in float32, and 2^n stays a normal float64.
const (
	pow32PMin = -160
	pow32PMax = 130
)

// roundInt32 rounds every float32 lane to the nearest integer (ties to even).
func roundInt32(l *level, x VecVirtual) VecVirtual {
	r := l.vec()
	if l.wide {
		VRNDSCALEPS(U8(0), x, r)
	} else {
		VROUNDPS(U8(0), x, r)
	}
	return r
}

// oddInt32 returns the float32 lanes where y is an odd integer (never for |y| >= 2^24,
// ±Inf, NaN).
func oddInt32(l *level, y VecVirtual) mask {
	half := l.mul32(y, c32(0.5))
	return l.maskAnd(l.cmpPS(cmpEQ, roundInt32(l, y), y), l.cmpPS(cmpNEQ, roundInt32(l, half), half))
}

// inF64Halves widens each float32 register of ins to two float64 registers (low and
// high half), calls core on the low halves and on the high halves, and narrows its two
// results back into one float32 register.
func inF64Halves(l *level, ins []VecVirtual, core func(in []VecVirtual) VecVirtual) VecVirtual {
	var los, his []VecVirtual
	for _, x := range ins {
		lo, hi := l.vec(), l.vec()
		if l.wide {
			h := YMM()
			VEXTRACTF64X4(U8(1), x, h)
			VCVTPS2PD(x.AsY(), lo)
			VCVTPS2PD(h, hi)
		} else {
			h := XMM()
			VEXTRACTF128(U8(1), x, h)
			VCVTPS2PD(x.AsX(), lo)
			VCVTPS2PD(h, hi)
		}
		los, his = append(los, lo), append(his, hi)
	}
	rlo, rhi := core(los), core(his)
	d := l.vec()
	if l.wide {
		nlo, nhi := YMM(), YMM()
		VCVTPD2PS(rlo, nlo)
		VCVTPD2PS(rhi, nhi)
		VINSERTF64X4(U8(1), nhi, nlo.AsZ(), d)
	} else {
		nlo, nhi := XMM(), XMM()
		VCVTPD2PSY(rlo, nlo)
		VCVTPD2PSY(rhi, nhi)
		VINSERTF128(U8(1), nhi, nlo.AsY(), d)
	}
	return d
}

// pow32Core returns 2^(y (k + log2 z)) in float64 lanes for z in [sqrt(1/2), sqrt(2)),
// integer k and finite y (other lanes give values the caller replaces).
func pow32Core(l *level, z, k, y VecVirtual) VecVirtual {
	r := l.sub(z, c64(1)) // exact
	lg := l.fma(r, l.poly(r, nil, 2, pow32Log2P...), k)
	p := l.mul(lg, y)
	if l.wide {
		// p is finite (below 2^136), n = round(p) exact at any magnitude, and
		// VSCALEFPD saturates to 0 or +Inf: no clamp.
		n := l.vec()
		VRNDSCALEPD(U8(0), p, n)
		e := l.poly(l.sub(p, n), nil, 0, pow32Exp2...) // p - n exact, |p - n| <= 1/2
		d := l.vec()
		VSCALEFPD(n, e, d)
		return d
	}
	l.vop(VMAXPD, VMAXPD_BCST, c64(pow32PMin), p, p)
	l.vop(VMINPD, VMINPD_BCST, c64(pow32PMax), p, p)
	t := l.add(p, c64(magicRound))
	n := l.sub(t, c64(magicRound))
	e := l.poly(l.sub(p, n), nil, 0, pow32Exp2...) // p - n exact, |p - n| <= 1/2
	// 2^n from the bits of t: its low bits hold n, and the rest shifts out.
	d := l.vec()
	VPADDQ(cbits(1023), t, d)
	VPSLLQ(U8(52), d, d)
	return l.mul(e, d)
}

// pow32LanesBody computes x^y of every pair of float32 lanes, with math.Pow's special
// values. A vector whose lanes are all regular (x positive, normal and finite, y
// finite and not 1), where the magnitude computed by the core is the result, skips
// the subnormal split and the special-case patches (a quarter of the work), and such
// lanes get the same bits on either path.
func pow32LanesBody(l *level, x, y VecVirtual) VecVirtual {
	inf := c32(float32(math.Inf(1)))
	xok := l.maskAnd(l.cmpPS(cmpGE, x, c32(0x1p-126)), l.cmpPS(cmpLT, x, inf))
	yok := l.maskAnd(l.cmpPS(cmpLT, abs32(l, y), inf), l.cmpPS(cmpNEQ, y, c32(1)))
	return l.branchAll32(l.maskAnd(xok, yok),
		func() VecVirtual { return pow32Magnitude(l, x, y, false) },
		func() VecVirtual {
			ax := abs32(l, x)
			return pow32Specials(l, x, y, ax, pow32Magnitude(l, ax, y, true))
		})
}

// pow32Magnitude returns |x|^y for positive ax = |x| and finite y (other lanes give
// values pow32Specials replaces); subnormal says whether ax may be subnormal.
func pow32Magnitude(l *level, ax, y VecVirtual, subnormal bool) VecVirtual {
	// ax = 2^k z: a subnormal ax scaled by 2^24 first, then k from the bits of
	// ax/sqrt(1/2) as in log1p32Core.
	xs := ax
	var tiny mask
	if subnormal {
		tiny = l.cmpPS(cmpLT, ax, c32(0x1p-126))
		xs = l.blendPS(tiny, ax, l.mul32(ax, c32(0x1p24)))
	}
	ki, zb := l.vec(), l.vec()
	VPSUBD(cbits32(math.Float32bits(sqrtHalf32)), xs, ki)
	VPSRAD(U8(23), ki, ki)
	VPSLLD(U8(23), ki, zb)
	VPSUBD(zb, xs, zb)
	k := l.vec()
	VCVTDQ2PS(ki, k)
	if subnormal {
		k = l.add32(k, l.blendPS(tiny, l.ld32(c32(0)), c32(-24)))
	}
	return inF64Halves(l, []VecVirtual{zb, k, y}, func(in []VecVirtual) VecVirtual {
		return pow32Core(l, in[0], in[1], in[2])
	})
}

// pow32Specials patches Go's special cases of x^y into res, the magnitude from the
// core, in the order of powBody (pow.go); ax = |x|.
func pow32Specials(l *level, x, y, ax, res VecVirtual) VecVirtual {
	inf := float32(math.Inf(1))
	// x = ±0 or ±Inf: +Inf when (x infinite) == (y > 0), else 0.
	xInf := l.cmpPS(cmpEQ, ax, c32(inf))
	edge := l.maskOr(l.cmpPS(cmpEQ, ax, c32(0)), xInf)
	edgeVal := l.blendPS(l.maskXnor(xInf, l.cmpPS(cmpGT, y, c32(0))), l.ld32(c32(0)), c32(inf))
	res = l.blendPS(edge, res, edgeVal)
	// Negative x (-0 and -Inf included) and odd integer y: negate.
	neg := l.maskAnd(signMask32(l, x), oddInt32(l, y))
	res = l.blendPS(neg, res, xor32(l, res, l.ld32(cbits32(1<<31))))
	// Finite negative x and non-integer y: NaN.
	bad := l.maskAnd(l.cmpPS(cmpLT, x, c32(0)), l.cmpPS(cmpNEQ, roundInt32(l, y), y))
	bad = l.maskAnd(bad, l.cmpPS(cmpLT, ax, c32(inf)))
	res = l.blendPS(bad, res, cbits32(0x7fc00000))
	// y = ±Inf: 1 for x = -1, else 0 when (|x| < 1) == (y = +Inf), else +Inf.
	yInfVal := l.blendPS(l.maskXnor(l.cmpPS(cmpLT, ax, c32(1)), l.cmpPS(cmpEQ, y, c32(inf))), l.ld32(c32(inf)), c32(0))
	yInfVal = l.blendPS(l.cmpPS(cmpEQ, x, c32(-1)), yInfVal, c32(1))
	res = l.blendPS(l.cmpPS(cmpEQ, abs32(l, y), c32(inf)), res, yInfVal)
	// NaN arguments, then y = 1, then y = 0 or x = 1.
	res = l.blendPS(l.cmpPS(cmpUNORD, x, y), res, l.add32(x, y))
	res = l.blendPS(l.cmpPS(cmpEQ, y, c32(1)), res, x)
	one := l.maskOr(l.cmpPS(cmpEQ, y, c32(0)), l.cmpPS(cmpEQ, x, c32(1)))
	return l.blendPS(one, res, c32(1))
}

// genPow32 emits the float32 pow kernel.
func genPow32(l *level) {
	emitStream(l, stream{
		name: fname("pow", f32.name, l), sig: "func(dst, x, y []float32)",
		ins: []string{"x", "y"}, outs: []string{"dst"}, elem: 4, unroll: 1,
		body: func(in []VecVirtual) []VecVirtual { return []VecVirtual{pow32LanesBody(l, in[0], in[1])} },
	})
}
