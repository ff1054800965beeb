package main

import (
	"fmt"
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Float32 sin in float32 lanes, for |x| <= sin32Bound (emitted for AVX2 only: on
// AVX-512 it measured no faster than the float64-lane kernel in trig.go). With a = |x|,
// q = round(a*2/pi) and r = a - q*pi/2 as a float32 pair hi + lo (Cody-Waite with
// pi/2 = P1 + P2 + P3 + P4: P1 has 12 and P2 16 significant bits, so for q < 2^8 both
// q*P1 and q*P2 are exact, a - q*P1 is exact with an FMA and TwoDiff subtracts q*P2
// exactly; P3 and P4 go into lo). On |r| <= pi/4:
//
//	sin(r) = hi + (lo + hi*z*S(z)), z = hi^2, S of degree 3 (the tail is under 0.08*hi)
//	cos(r) = w + (((1-w) - h) - (hlo + hi*lo) + z^2*C(z)), h + hlo = hi^2/2 exactly,
//	         w = 1 - h, C of degree 2
//
// so each rounds once at full weight (within 0.5 + about 0.25 ULP). Odd q selects
// cos; bit 1 of q xor the sign of x gives the sign. S and C were fitted with mpmath's
// chebyfit to (sin(r)/r - 1)/z and (cos(r) - 1 + z/2)/z^2 on z in [0, (1.02*pi/4)^2]
// and rounded to float32. A vector with a lane beyond sin32Bound (or ±Inf) branches to
// the float64-lane kernel for those lanes only (every other lane keeps its float32-lane
// result, so a lane's answer does not depend on its neighbours); that kernel in turn
// leaves lanes beyond trigBound to the Go fallback.

const (
	sin32Bound = 256
	pio2x32P1  = 1.57080078125
	pio2x32P2  = -4.454399459064007e-06
	pio2x32P3  = -5.564431554416771e-11
	pio2x32P4  = -1.2177051942436535e-18
)

var (
	sin32S = []float32{2.7237576887273462e-06, -0.00019839989545289427, 0.008333331905305386, -0.1666666716337204}
	cos32C = []float32{2.4537750505260192e-05, -0.0013888254761695862, 0.0416666641831398}
)

// sin32Labels numbers the branch targets of the inlined slow paths.
var sin32Labels int

// sin32LanesBody computes sin of every float32 lane of x and ORs into flag a nonzero
// value when a lane was left to the Go fallback (its result is then x).
func sin32LanesBody(l *level, x VecVirtual, flag Register) VecVirtual {
	sign := cbits32(1 << 31)
	a := l.vec()
	VANDNPS(x, l.ld32(sign), a)
	far := l.cmpPS(cmpGT, a, c32(sin32Bound)) // also +Inf; NaN compares false

	t := l.ld32(c32(magicRound32))
	VFMADD231PS(l.ld32(c32(2/math.Pi)), a, t) // t = a*2/pi + magic, rounded to an integer
	q := l.sub32(t, c32(magicRound32))
	r1 := l.copy32(a)
	l.fnmadd231x32(c32(pio2x32P1), q, r1) // exact
	w := l.mul32(q, c32(pio2x32P2))       // exact
	hi := l.sub32(r1, w)                  // TwoDiff: hi + lo = r1 - w exactly
	wv := l.sub32(r1, hi)
	av := l.add32(hi, wv)
	lo := l.add32(l.sub32(r1, av), l.sub32(wv, w))
	l.fnmadd231x32(c32(pio2x32P3), q, lo)
	l.fnmadd231x32(c32(pio2x32P4), q, lo)
	z := l.mul32(hi, hi)

	ps := l.horner32(z, sin32S...)
	VFMADD213PS(lo, l.mul32(hi, z), ps) // ps = hi*z*S + lo
	s := l.add32(ps, hi)

	halfHi := l.mul32(hi, c32(0.5))
	h := l.mul32(halfHi, hi)
	hlo := l.copy32(halfHi)
	VFMSUB213PS(h, hi, hlo) // hlo = hi*hi/2 - h, exact
	one := l.ld32(c32(1))
	wc := l.sub32(one, h)
	e := l.sub32(l.sub32(one, wc), h)
	VFMADD231PS(lo, hi, hlo) // hlo += hi*lo
	pc := l.horner32(z, cos32C...)
	VFMADD213PS(e, l.mul32(z, z), pc) // pc = z^2*C + e
	c := l.sub32(pc, hlo)
	c = l.add32(c, wc)

	var odd mask
	if l.wide {
		k := K()
		VPTESTMD_BCST(cbits32(1), t, k)
		odd = mask{k: k}
	} else {
		m := l.vec()
		VPSLLD(U8(31), t, m) // VBLENDVPS looks at the sign bit only
		odd = mask{v: m}
	}
	v := l.blendPS(odd, s, c)
	sg := l.vec()
	VPSLLD(U8(30), t, sg) // bit 1 of q to the sign bit
	VXORPS(x, sg, sg)
	l.vop(VANDPS, VANDPS_BCST, sign, sg, sg)
	VXORPS(sg, v, v)

	sin32Labels++
	done := fmt.Sprintf("sin32%s_near%d", l.suffix, sin32Labels)
	if l.wide {
		KORTESTW(far.k, far.k)
	} else {
		VTESTPS(far.v, far.v)
	}
	JZ(LabelRef(done))
	// Slow path: the float64-lane kernel on both halves, blended into the far lanes.
	wide := sin32Wide(l, x)
	VMOVAPS(l.blendPS(far, v, wide), v)
	ORQ(l.maskBits(l.cmpPS(cmpGT, a, c32(trigBound))), flag)
	Label(done)
	return v
}

// sin32Wide computes sin of the float32 lanes of x by widening each half to float64
// lanes (trig32Body); lanes beyond trigBound (and ±Inf) come back as x.
func sin32Wide(l *level, x VecVirtual) VecVirtual {
	half := func(h Op) VecVirtual {
		xw := l.vec()
		VCVTPS2PD(h, xw)
		res := trig32Body(l, xw, true, false)
		s := res.sin
		if l.wide { // trig32Body blends x into the big lanes on AVX2 only
			s = l.blendPD(res.big, s, xw)
		}
		n := l.half()
		if l.wide {
			VCVTPD2PS(s, n)
		} else {
			VCVTPD2PSY(s, n)
		}
		return n
	}
	d := l.vec()
	if l.wide {
		hiIn := YMM()
		VEXTRACTF64X4(U8(1), x, hiIn)
		loOut, hiOut := half(x.AsY()), half(hiIn)
		VINSERTF64X4(U8(1), hiOut, loOut.AsZ(), d)
	} else {
		hiIn := XMM()
		VEXTRACTF128(U8(1), x, hiIn)
		loOut, hiOut := half(x.AsX()), half(hiIn)
		VINSERTF128(U8(1), hiOut, loOut.AsY(), d)
	}
	return d
}

// genSin32 emits the float32-lane sin kernel with the trig32 calling convention.
func genSin32(l *level) {
	var flag Register
	emitStream(l, stream{
		name: fname("sin", f32.name, l), sig: "func(dst, x []float32) (fallback int)",
		ins: []string{"x"}, outs: []string{"dst"}, elem: 4, unroll: 2,
		setup: func() {
			flag = GP64()
			XORQ(flag, flag)
		},
		body: func(in []VecVirtual) []VecVirtual { return []VecVirtual{sin32LanesBody(l, in[0], flag)} },
		finish: func() {
			Store(flag, ReturnIndex(0))
		},
	})
}
