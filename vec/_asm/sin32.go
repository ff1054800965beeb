package main

import (
	"fmt"
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Float32 sin and cos in float32 lanes, for |x| <= sin32Bound. With a = |x|,
// q = round(a*2/pi) and r = a - q*pi/2 as a float32 pair hi + lo (Cody-Waite with
// pi/2 = P1 + P2 + P3 + P4: P1 has 12 and P2 16 significant bits, so for q < 2^8 both
// q*P1 and q*P2 are exact and a - q*P1 is exact with an FMA; Fast2Sum then subtracts
// q*P2 exactly: when |a - q*P1| < |q*P2| < 2^-10, both are multiples of 2^-33 and their
// difference needs fewer than 24 bits; P3 and P4 go into lo). On |r| <= pi/4:
//
//	sin(r) = hi + (hi*z*S(z) + lo*(1 - z/2)), z = hi^2, S of degree 3 (the tail is
//	         under 0.08*hi)
//	cos(r) = w + (((1-w) - z/2) - hi*lo + z^2*C(z)), w = 1 - z/2, C of degree 2
//
// so each rounds once at full weight (within 0.5 + about 0.3 ULP). Odd q selects
// cos; bit 1 of q xor the sign of x gives the sign. S and C were fitted with mpmath's
// chebyfit to (sin(r)/r - 1)/z and (cos(r) - 1 + z/2)/z^2 on z in [0, (1.02*pi/4)^2]
// and rounded to float32. Sin and cos alone evaluate one polynomial per lane, with
// per-lane coefficients, as trigOneBody does for float64; sincos evaluates both.
// A vector with a lane beyond sin32Bound (or ±Inf) branches to the float64-lane
// kernel (trig.go) for those lanes only (every other lane keeps its float32-lane
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

// reduced32 is x reduced by pi/2 in float32 lanes.
type reduced32 struct {
	a, t   VecVirtual // |x|, and magic + q (+1 for cos) with the quadrant in its low bits
	hi, lo VecVirtual // r = hi + lo
	far    mask       // lanes beyond sin32Bound, ±Inf included (NaN is not far)
}

// reduce32 reduces x; magic is magicRound32, plus one to shift the quadrant for cos.
func reduce32(l *level, cr *constRegs, x VecVirtual, magic float32) reduced32 {
	var v reduced32
	v.a = l.vec()
	VANDNPS(x, cr.reg(cbits32(1<<31)), v.a)
	v.far = l.cmpPS(cmpGT, v.a, cr.op(c32(sin32Bound)))
	v.t = l.copy32(v.a)
	l.fmadd213x32(cr.op(c32(magic)), cr.reg(c32(2/math.Pi)), v.t) // rounded to an integer
	q := l.sub32(v.t, cr.op(c32(magic)))
	r1 := l.copy32(v.a)
	l.fnmadd231x32(cr.op(c32(pio2x32P1)), q, r1) // exact
	w := l.mul32(q, cr.op(c32(pio2x32P2)))       // exact
	v.hi = l.sub32(r1, w)
	v.lo = l.sub32(l.sub32(r1, v.hi), w)
	l.fnmadd231x32(cr.op(c32(pio2x32P3)), q, v.lo)
	l.fnmadd231x32(cr.op(c32(pio2x32P4)), q, v.lo)
	return v
}

// oddLanes returns the lanes whose t is odd.
func oddLanes32(l *level, cr *constRegs, t VecVirtual) mask {
	if l.wide {
		k := K()
		if r, ok := cr.lookup(cbits32(1)); ok {
			VPTESTMD(r, t, k)
		} else {
			VPTESTMD_BCST(cbits32(1), t, k)
		}
		return mask{k: k}
	}
	m := l.vec()
	VPSLLD(U8(31), t, m) // VBLENDVPS looks at the sign bit only
	return mask{v: m}
}

// flipSign32 negates the lanes of v where bit 1 of t (xor the sign of x, if x is not
// nil) is set.
func flipSign32(l *level, cr *constRegs, v, t, x VecVirtual) {
	sign := cbits32(1 << 31)
	sg := l.vec()
	VPSLLD(U8(30), t, sg) // bit 1 of q to the sign bit
	if x != nil {
		VXORPS(x, sg, sg)
	}
	switch r, ok := cr.lookup(sign); {
	case l.wide && ok:
		VPTERNLOGD(U8(0x78), r, sg, v) // v ^= sg & sign
	case l.wide:
		VPTERNLOGD_BCST(U8(0x78), sign, sg, v)
	default:
		VANDPS(sign, sg, sg)
		VXORPS(sg, v, v)
	}
}

// trig32OneBody computes sin (cos false) or cos (cos true) of every float32 lane of
// x with one polynomial per lane, in the form of trigOneBody:
//
//	A + (G*P(z) + B)   sin(r): A = hi, G = hi*z, P = S(z), B = lo - (z/2)*lo
//	                   cos(r): A = w,  G = z*z,  P = C(z), B = ((1-w) - z/2) - hi*lo
func trig32OneBody(l *level, cr *constRegs, x VecVirtual, cos bool, flag Register) VecVirtual {
	magic := float32(magicRound32)
	if cos {
		magic++ // t = magic + q + 1: cos(x) = sin(x + pi/2)
	}
	v := reduce32(l, cr, x, magic)
	cosLanes := oddLanes32(l, cr, v.t)
	sel := func(cosVal Op, sinVal VecVirtual) VecVirtual { return l.blendPS(cosLanes, sinVal, cosVal) }

	z := l.mul32(v.hi, v.hi)
	hz := l.mul32(z, cr.op(c32(0.5)))
	one := cr.reg(c32(1))
	w := l.sub32(one, hz)
	omw := l.sub32(one, w) // exact
	var base VecVirtual    // cos lanes: (1-w) - z/2 (exact), sin lanes: lo
	if l.wide {
		base = l.copy32(v.lo)
		VSUBPS(hz, omw, cosLanes.k, base)
	} else {
		base = sel(l.sub32(omw, hz), v.lo)
	}
	b := l.copy32(base)
	VFNMADD231PS(v.lo, sel(v.hi, hz), b) // B = base - (cos ? hi : z/2)*lo
	g := l.mul32(sel(z, v.hi), z)

	// C has one coefficient less than S: its leading one is zero.
	cosCoeffs := append([]float32{0}, cos32C...)
	p := sel(cr.op(c32(cosCoeffs[0])), cr.reg(c32(sin32S[0])))
	for i := 1; i < len(sin32S); i++ {
		VFMADD213PS(sel(cr.op(c32(cosCoeffs[i])), cr.reg(c32(sin32S[i]))), z, p) // p = z*p + c
	}
	l.fmadd213x32(b, g, p) // p = G*P + B
	res := l.add32(sel(w, v.hi), p)
	if cos {
		flipSign32(l, cr, res, v.t, nil)
	} else {
		flipSign32(l, cr, res, v.t, x)
	}
	farPath(l, v, flag, x, trig32Wide(l, !cos, cos), res)
	return res
}

// trig32BothBody computes sin and cos of every float32 lane of x (both polynomials).
func trig32BothBody(l *level, cr *constRegs, x VecVirtual, flag Register) (sin, cos VecVirtual) {
	v := reduce32(l, cr, x, magicRound32)
	hi, lo := v.hi, v.lo
	// The sin and cos polynomials of trig32OneBody, each on every lane, with the same
	// operations in the same order, so sincos gives the bits of sin and cos.
	z := l.mul32(hi, hi)
	hz := l.mul32(z, cr.op(c32(0.5)))
	var s, c VecVirtual
	{
		b := l.copy32(lo)
		VFNMADD231PS(lo, hz, b) // lo - (z/2)*lo
		p := horner32c(l, cr, z, sin32S...)
		l.fmadd213x32(b, l.mul32(hi, z), p)
		s = l.add32(hi, p)
	}
	{
		one := cr.reg(c32(1))
		w := l.sub32(one, hz)
		b := l.sub32(l.sub32(one, w), hz)
		VFNMADD231PS(lo, hi, b) // ((1-w) - z/2) - hi*lo
		p := horner32c(l, cr, z, cos32C...)
		l.fmadd213x32(b, l.mul32(z, z), p)
		c = l.add32(w, p)
	}

	odd := oddLanes32(l, cr, v.t)
	sin = l.blendPS(odd, s, c)
	flipSign32(l, cr, sin, v.t, x)
	cos = l.blendPS(odd, c, s)
	t1 := l.vec()
	l.vop(VPADDD, VPADDD_BCST, cr.op(cbits32(1)), v.t, t1) // the quadrant of x + pi/2
	flipSign32(l, cr, cos, t1, nil)
	farPath(l, v, flag, x, trig32Wide(l, true, true), sin, cos)
	return sin, cos
}

// farPath emits the branch to float64 lanes for the lanes of v.far: when a vector has
// such a lane, each half of x is widened to float64 lanes, wide computes the outputs
// there (lanes beyond trigBound may hold anything: they set flag and the caller
// redoes them), and the far lanes of each of outs are replaced by them, in order.
func farPath(l *level, v reduced32, flag Register, x VecVirtual, wide func(xw VecVirtual) []VecVirtual, outs ...VecVirtual) {
	sin32Labels++
	done := fmt.Sprintf("sin32%s_near%d", l.suffix, sin32Labels)
	if l.wide {
		KORTESTW(v.far.k, v.far.k)
	} else {
		VTESTPS(v.far.v, v.far.v)
	}
	JZ(LabelRef(done))
	for i, w := range widened32(l, x, wide) {
		if l.wide {
			VBLENDMPS(w, outs[i], v.far.k, outs[i])
		} else {
			VBLENDVPS(v.far.v, w, outs[i], outs[i])
		}
	}
	ORQ(l.maskBits(l.cmpPS(cmpGT, v.a, c32(trigBound))), flag)
	Label(done)
}

// trig32Wide returns the float64-lane part of farPath for sin and/or cos (trig32Body);
// lanes beyond trigBound (and ±Inf) come back as x.
func trig32Wide(l *level, wantSin, wantCos bool) func(xw VecVirtual) []VecVirtual {
	return func(xw VecVirtual) []VecVirtual {
		r := trig32Body(l, xw, wantSin, wantCos)
		var res []VecVirtual
		if wantSin {
			res = append(res, r.sin)
		}
		if wantCos {
			res = append(res, r.cos)
		}
		if l.wide { // trig32Body blends x into the big lanes on AVX2 only
			for i := range res {
				res[i] = l.blendPD(r.big, res[i], xw)
			}
		}
		return res
	}
}

// widened32 computes f on each half of the float32 lanes of x widened to float64
// lanes, and returns f's outputs rounded back to float32 and joined.
func widened32(l *level, x VecVirtual, f func(xw VecVirtual) []VecVirtual) []VecVirtual {
	half := func(h Op) []VecVirtual {
		xw := l.vec()
		VCVTPS2PD(h, xw)
		var outs []VecVirtual
		for _, s := range f(xw) {
			n := l.half()
			if l.wide {
				VCVTPD2PS(s, n)
			} else {
				VCVTPD2PSY(s, n)
			}
			outs = append(outs, n)
		}
		return outs
	}
	var los, his []VecVirtual
	if l.wide {
		hiIn := YMM()
		VEXTRACTF64X4(U8(1), x, hiIn)
		los, his = half(x.AsY()), half(hiIn)
	} else {
		hiIn := XMM()
		VEXTRACTF128(U8(1), x, hiIn)
		los, his = half(x.AsX()), half(hiIn)
	}
	var outs []VecVirtual
	for i := range los {
		d := l.vec()
		if l.wide {
			VINSERTF64X4(U8(1), his[i], los[i].AsZ(), d)
		} else {
			VINSERTF128(U8(1), his[i], los[i].AsY(), d)
		}
		outs = append(outs, d)
	}
	return outs
}

// horner32c is horner32 with the coefficients that cr holds read from registers.
func horner32c(l *level, cr *constRegs, x VecVirtual, c ...float32) VecVirtual {
	p := l.copy32(cr.reg(c32(c[0])))
	for _, ci := range c[1:] {
		l.fmadd213x32(cr.op(c32(ci)), x, p)
	}
	return p
}

// trig32Consts are the constants the float32-lane kernels keep in registers (see
// trigOneConsts).
func trig32Consts(l *level, cos bool) []Mem {
	if !l.wide {
		return nil
	}
	magic := float32(magicRound32)
	if cos {
		magic++
	}
	ms := []Mem{cbits32(1 << 31), c32(sin32Bound), c32(magic), c32(2 / math.Pi), c32(pio2x32P1),
		c32(pio2x32P2), c32(pio2x32P3), c32(pio2x32P4), c32(0.5), c32(1), cbits32(1)}
	for _, c := range sin32S {
		ms = append(ms, c32(c))
	}
	for _, c := range cos32C {
		ms = append(ms, c32(c))
	}
	return append(ms, c32(0))
}

// genTrig32 emits the float32-lane sin, cos and sincos kernels with the trig32
// calling convention.
func genTrig32(l *level) {
	for _, k := range []struct {
		op       string
		sin, cos bool
	}{{"sin", true, false}, {"cos", false, true}, {"sincos", true, true}} {
		var flag Register
		var cr *constRegs
		outs := []string{"dst"}
		sig := "func(dst, x []float32) (fallback int)"
		if k.sin && k.cos {
			outs = []string{"s", "c"}
			sig = "func(s, c, x []float32) (fallback int)"
		}
		emitStream(l, stream{
			name: fname(k.op, f32.name, l), sig: sig,
			ins: []string{"x"}, outs: outs, elem: 4, unroll: 2,
			setup: func() {
				flag = GP64()
				XORQ(flag, flag)
				cr = &constRegs{l: l}
				cr.hoist(trig32Consts(l, k.cos && !k.sin)...)
			},
			body: func(in []VecVirtual) []VecVirtual {
				if k.sin && k.cos {
					s, c := trig32BothBody(l, cr, in[0], flag)
					return []VecVirtual{s, c}
				}
				return []VecVirtual{trig32OneBody(l, cr, in[0], k.cos, flag)}
			},
			finish: func() {
				Store(flag, ReturnIndex(0))
			},
		})
	}
}
