package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Float32 tan in float32 lanes, for |x| <= sin32Bound. reduce32 (sin32.go) gives
// a = |x| = q*pi/2 + r with r = hi + lo, |r| <= pi/4; then tan(a) = tan(r) for even q
// and -1/tan(r) for odd q, and tan(x) carries the sign of x. With z = hi^2,
//
//	tan(r) = hi + tl,  tl = c0*hi^3 + (hi^5*T(z) + lo*(1 + z + (2/3)z^2))
//
// where c0 = float32(1/3) and T has degree 5: a minimax fit (Lawson's iteration in
// mpmath, coefficients rounded to float32 one at a time, refitting the rest) of the
// relative error of tan on |r| <= 1.005*pi/4, below 2^-29. The lo factor is the start
// of tan'(r) = 1 + tan(r)^2; its missing terms cost below 0.06 ULP. tl is under 0.22
// of the result and hi^5*T(z) under 0.05, so every float32 rounding of a product that
// makes them would cost up to 0.2 and 0.05 ULP: the rounding errors of z = hi*hi and
// hz = hi*z are recovered with FMAs, c0*(hi^3 - hz) joins the small part, hi^5 is
// hz*z plus their first-order correction (rounded once), and c0*hz is added in the FMA
// that rounds tl (at most 0.125 ULP). The even-q result hi + tl then rounds once at
// full weight. Over all float32 inputs the worst error is 0.80 ULP (0.90 without the
// hi^5 correction, which costs about 5% of the time).
//
// For odd q, s + se = hi + tl exactly (Fast2Sum) and 1/(s + se) is y0*(1 + e + e^2)
// with y0 the reciprocal estimate (VRCP14PS: 2^-14, VRCPPS: 2^-11) and
// e = 1 - y0*s - y0*se (the product y0*s is exact inside the FMA): the dropped e^3
// is below 2^-33, so that result too rounds once at full weight. The estimate costs
// less than a division on either level (VDIVPS takes 5 cycles per YMM and 10 per ZMM
// on Skylake-X).
//
// A vector with a lane beyond sin32Bound (or ±Inf) branches to the float64-lane sin
// and cos of trig.go for those lanes only, divides there and rounds the quotient to
// float32 (within 0.5 + 0.25 ULP); lanes beyond trigBound are left to the Go fallback.

// tan32C0 is the leading coefficient of the tan series, 1/3, rounded to float32.
const tan32C0 = float32(1.0 / 3)

// tan32T holds T(z), highest degree first.
var tan32T = []float32{0.004237893968820572, 0.00041570651228539646, 0.010532732121646404,
	0.021422525867819786, 0.05402637645602226, 0.13333044946193695}

// tan32Body computes tan of every float32 lane of x; lanes beyond trigBound set flag.
func tan32Body(l *level, cr *constRegs, x VecVirtual, flag Register) VecVirtual {
	v := reduce32(l, cr, x, magicRound32)
	one := cr.reg(c32(1))
	c0 := cr.reg(c32(tan32C0))

	z := l.mul32(v.hi, v.hi)
	hz := l.mul32(v.hi, z)
	zErr := l.copy32(z)
	VFMSUB231PS(v.hi, v.hi, zErr) // hi*hi - z, exact
	cubeErr := l.copy32(hz)
	VFMSUB231PS(z, v.hi, cubeErr)    // hi*z - hz, exact
	VFMADD231PS(zErr, v.hi, cubeErr) // + hi*(hi*hi - z): hi^3 - hz
	fifth := l.mul32(cubeErr, z)
	VFMADD231PS(zErr, hz, fifth) // hi^5 - hz*z, to first order
	VFMADD231PS(z, hz, fifth)    // hi^5, rounded once
	poly := horner32c(l, cr, z, tan32T...)
	loz := l.mul32(v.lo, z)
	slope := l.copy32(z)
	l.fmadd213x32(one, cr.reg(c32(2.0/3)), slope) // 1 + (2/3)z
	small := l.copy32(v.lo)
	VFMADD231PS(slope, loz, small)  // lo*(1 + z + (2/3)z^2)
	VFMADD231PS(c0, cubeErr, small) // + c0*(hi^3 - hz)
	VFMADD231PS(poly, fifth, small) // + hi^5*T(z)
	tl := small
	VFMADD231PS(c0, hz, tl) // + c0*hi*z, rounded once
	s := l.add32(v.hi, tl)
	se := l.sub32(tl, l.sub32(s, v.hi)) // exact: |hi| >= |tl|

	// -1/(s + se) = -y0*(1 + e + e^2).
	y0 := rcp32(l, s)
	e := l.copy32(one)
	VFNMADD231PS(s, y0, e)  // 1 - y0*s, the product exact
	VFNMADD231PS(se, y0, e) // - y0*se
	e2 := l.copy32(e)
	VFMADD213PS(e, e, e2) // e + e^2
	negCot := l.copy32(e2)
	VFNMSUB213PS(y0, y0, negCot) // -(y0*(e + e^2)) - y0

	res := l.blendPS(oddLanes32(l, cr, v.t), s, negCot)
	sign := cbits32(1 << 31)
	switch r, ok := cr.lookup(sign); {
	case l.wide && ok:
		VPTERNLOGD(U8(0x78), r, x, res) // res ^= x & sign
	case l.wide:
		VPTERNLOGD_BCST(U8(0x78), sign, x, res)
	default:
		sg := l.vec()
		VANDPS(sign, x, sg)
		VXORPS(sg, res, res)
	}
	// Far lanes: the float64 quotient of sin and cos, rounded to float32.
	farPath(l, v, flag, x, func(xw VecVirtual) []VecVirtual {
		r := trig32Body(l, xw, true, true)
		return []VecVirtual{l.div(r.sin, r.cos)}
	}, res)
	return res
}

// tan32Consts are the constants tan32Body keeps in registers on AVX-512 (see
// trigOneConsts); AVX2's 16 registers have no room beside two vectors in flight.
func tan32Consts(l *level) []Mem {
	if !l.wide {
		return nil
	}
	ms := []Mem{cbits32(1 << 31), c32(sin32Bound), c32(magicRound32), c32(2 / math.Pi),
		c32(pio2x32P1), c32(pio2x32P2), c32(pio2x32P3), c32(pio2x32P4), c32(1), c32(2.0 / 3), c32(tan32C0),
		cbits32(1)}
	for _, c := range tan32T {
		ms = append(ms, c32(c))
	}
	return ms
}

// genTan32 emits the float32-lane tan kernel: func(dst, x []float32) (fallback int),
// nonzero when some lane was beyond trigBound (or infinite) and left to the caller.
func genTan32(l *level) {
	var flag Register
	var cr *constRegs
	emitStream(l, stream{
		name: fname("tan", f32.name, l), sig: "func(dst, x []float32) (fallback int)",
		ins: []string{"x"}, outs: []string{"dst"}, elem: 4, unroll: 2,
		setup: func() {
			flag = GP64()
			XORQ(flag, flag)
			cr = &constRegs{l: l}
			cr.hoist(tan32Consts(l)...)
		},
		body: func(in []VecVirtual) []VecVirtual {
			return []VecVirtual{tan32Body(l, cr, in[0], flag)}
		},
		finish: func() {
			Store(flag, ReturnIndex(0))
		},
	})
}
