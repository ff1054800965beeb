package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Sin and Cos: for a = |x| <= trigBound, q = round(a*2/pi) and r = a - q*pi/2 as a
// double-double hi + lo (Cody-Waite with pi/2 = P1 + Q2 + Q3: a - q*P1 is exact with an
// FMA, q*Q2 is exact because Q2 has 32 significant bits and q < 2^20, and Fast2Sum
// subtracts it exactly, so r keeps ~100 bits even next to a multiple of pi/2).
// sin(r) and cos(r) on |r| <= pi/4 use the fdlibm kernels (degree-13 odd and
// degree-14 even minimax polynomials with the tail lo folded in),
// then the quadrant q mod 4 swaps and negates them, and sin takes the sign of x.
// Sin and cos alone evaluate one of the two polynomials per lane (trigOneBody),
// sincos both (trigBodyWith), with the same operations per lane, so all three agree
// bit for bit. Lanes with |x| > trigBound (and ±Inf) are written as x itself and
// reported through the return value; the Go wrapper recomputes them with the generic
// Payne-Hanek code.

const (
	trigBound = 0x1p20 // keep in sync with vec/trig_fallback.go
	twoOverPi = 0.6366197723675814
	pio2P1    = 1.5707963267948966     // 0x3ff921fb54442d18
	pio2P2    = 6.123233995736766e-17  // 0x3c91a62633145c07: pi/2 - P1 (float32 path)
	pio2Q2    = 6.12323399409214e-17   // 0x3c91a62633000000: pi/2 - P1 to 32 bits
	pio2Q3    = 1.6446256936324258e-26 // 0x3a945c06e0e68948: the rest
)

// fdlibm __kernel_sin and __kernel_cos coefficients (sin: S1..S6, cos: C1..C6).
var (
	sinS = [7]float64{0, -1.66666666666666324348e-01, 8.33333333332248946124e-03,
		-1.98412698298579493134e-04, 2.75573137070700676789e-06,
		-2.50507602534068634195e-08, 1.58969099521155010221e-10}
	cosC = [7]float64{0, 4.16666666666666019037e-02, -1.38888888888741095749e-03,
		2.48015872894767294178e-05, -2.75573143513906633035e-07,
		2.08757232129817482790e-09, -1.13596475577881948265e-11}
)

// The float32 lanes beyond sin32Bound of sin, cos (sin32.go) and tan (tan32.go) run
// in float64 lanes with a shorter path: float32 needs about 2^-27 relative accuracy,
// not 2^-60. sin reduces by pi (q = round(x/pi), r = x - q*pi with
// pi split in two doubles: the first FMA is exact, the second rounds at 2^-53 relative)
// and evaluates one odd polynomial r + r^3*Q(r^2) on |r| <= pi/2, sin(x) = (-1)^q sin(r).
// cos uses the same polynomial: with k = round(x/pi - 1/2) and q = 2k+1,
// r = x - q*pi/2 and cos(x) = (-1)^(k+1) sin(r). Q has degree 3: a minimax fit (Remez
// exchange in mpmath) of the relative error of sin on [0, pi/2], below 2^-27.2, so the
// float32 result is within 0.5 + 0.11 ULP.

const (
	piP1 = 3.141592653589793      // 0x400921fb54442d18
	piP2 = 1.2246467991473532e-16 // pi - piP1
)

// sinQ holds Q(z), highest degree first.
var sinQ = []float64{2.605765689467411e-06, -0.00019809596512877458, 0.00833306616456412,
	-0.16666659547507773}

// oddSin evaluates r * (1 + z*Q(z)), z = r^2: the product form keeps the sign of r = -0.
func oddSin(l *level, r VecVirtual) VecVirtual {
	z := l.mul(r, r)
	p := l.fma(l.poly(z, nil, 2, sinQ...), z, c64(1))
	return l.mul(p, r)
}

// trig32Body computes sin and/or cos of every float64 lane of x (float32 inputs).
func trig32Body(l *level, x VecVirtual, wantSin, wantCos bool) trigResult {
	blend := !l.wide // AVX-512 stores x over the big lanes instead (stream.keep)
	var res trigResult
	a := l.vec()
	VANDNPD(x, l.ld(cbits(1<<63)), a)
	res.big = l.cmpPD(cmpGT, a, c64(trigBound))
	if wantSin {
		t := l.fma(x, l.ld(c64(1/math.Pi)), c64(magicRound))
		q := l.sub(t, c64(magicRound))
		r := l.copyv(x)
		l.fnmadd231(c64(piP1), q, r)
		l.fnmadd231(c64(piP2), q, r)
		s := oddSin(l, r)
		VPSLLQ(U8(63), t, t) // parity of q to the sign bit
		VXORPD(t, s, s)
		res.sin = s
		if blend {
			res.sin = l.blendPD(res.big, s, x)
		}
	}
	if wantCos {
		u := l.fma(x, l.ld(c64(1/math.Pi)), c64(-0.5))
		t := l.add(u, c64(magicRound))
		k := l.sub(t, c64(magicRound))
		q := l.fma(k, l.ld(c64(2)), c64(1))
		r := l.copyv(x)
		l.fnmadd231(c64(pio2P1), q, r)
		l.fnmadd231(c64(pio2P2), q, r)
		c := oddSin(l, r)
		l.vop(VPADDQ, VPADDQ_BCST, cbits(1), t, t)
		VPSLLQ(U8(63), t, t) // negate when k is even
		VXORPD(t, c, c)
		res.cos = c
		if blend {
			res.cos = l.blendPD(res.big, c, x)
		}
	}
	return res
}

// trigResult is what trigBody computes for one vector.
type trigResult struct {
	sin, cos VecVirtual
	big      mask // lanes left to the Go fallback (results there are x)
}

// trigBody computes sin and/or cos of every float64 lane of x, constants read from
// memory; trigBodyWith reads those that cr holds from registers.
func trigBody(l *level, x VecVirtual, wantSin, wantCos bool) trigResult {
	return trigBodyWith(l, &constRegs{l: l}, x, wantSin, wantCos)
}

// reduced64 is x reduced by pi/2: a = |x|, the quadrant in the low bits of qs (the
// rounding constant plus q), and a - q*pi/2 = hi + lo.
type reduced64 struct {
	a, qs, hi, lo VecVirtual
}

// reduce64 reduces x; magic is magicRound, plus one to shift the quadrant for cos.
func reduce64(l *level, cr *constRegs, x VecVirtual, magic float64) reduced64 {
	var v reduced64
	v.a = l.vec()
	VANDNPD(x, cr.reg(cbits(1<<63)), v.a) // |x|
	v.qs = l.fma(v.a, cr.reg(c64(twoOverPi)), cr.op(c64(magic)))
	q := l.sub(v.qs, cr.op(c64(magic)))
	r1 := l.copyv(v.a)
	l.fnmadd231(cr.op(c64(pio2P1)), q, r1) // a - q*P1, exact
	w := l.mul(q, cr.op(c64(pio2Q2)))      // exact: q < 2^20 and Q2 has 32 significant bits
	// Fast2Sum: exact when |r1| >= |w|, and when |r1| < |w| (< 2^-34) both are
	// multiples of 2^-85 and r1 - w needs fewer than 53 bits.
	v.hi = l.sub(r1, w)
	v.lo = l.sub(l.sub(r1, v.hi), w)
	l.fnmadd231(cr.op(c64(pio2Q3)), q, v.lo)
	return v
}

// oddLanes64 returns the lanes whose qs is odd.
func oddLanes64(l *level, cr *constRegs, qs VecVirtual) mask {
	if l.wide {
		k := K()
		if r, ok := cr.lookup(cbits(1)); ok {
			VPTESTMQ(r, qs, k)
		} else {
			VPTESTMQ_BCST(cbits(1), qs, k)
		}
		return mask{k: k}
	}
	m := l.vec()
	VPSLLQ(U8(63), qs, m) // VBLENDVPD looks at the sign bit only
	return mask{v: m}
}

// flipSign64 negates the lanes of v where bit 1 of qs (xor the sign of x, if x is not
// nil) is set.
func flipSign64(l *level, cr *constRegs, v, qs, x VecVirtual) {
	sign := cbits(1 << 63)
	sg := l.vec()
	VPSLLQ(U8(62), qs, sg)
	if x != nil {
		VXORPD(x, sg, sg)
	}
	switch r, ok := cr.lookup(sign); {
	case l.wide && ok:
		VPTERNLOGQ(U8(0x78), r, sg, v) // v ^= sg & sign
	case l.wide:
		VPTERNLOGQ_BCST(U8(0x78), sign, sg, v)
	default:
		VANDPD(sign, sg, sg)
		VXORPD(sg, v, v)
	}
}

// trigBodyWith is trigBody with the constants cr holds read from registers.
func trigBodyWith(l *level, cr *constRegs, x VecVirtual, wantSin, wantCos bool) trigResult {
	blend := !l.wide // AVX-512 stores x over the big lanes instead (stream.keep)
	v := reduce64(l, cr, x, magicRound)
	hi, lo := v.hi, v.lo
	z := l.mul(hi, hi)
	horner := func(c ...float64) VecVirtual {
		p := l.copyv(cr.reg(c64(c[0])))
		for _, ci := range c[1:] {
			l.fmadd213(cr.op(c64(ci)), z, p) // p = z*p + ci
		}
		return p
	}
	// The sin and cos polynomials of trigOneBody, each on every lane, with the same
	// operations in the same order, so sincos gives the bits of sin and cos.
	hz := l.mul(z, cr.op(c64(0.5)))
	var s, c VecVirtual
	{
		// sin(hi+lo) = hi + (hi*z*S(z) + (lo - (z/2)*lo))
		b := l.copyv(lo)
		VFNMADD231PD(lo, hz, b)
		p := horner(sinS[6], sinS[5], sinS[4], sinS[3], sinS[2], sinS[1])
		l.fmadd213(b, l.mul(hi, z), p)
		s = l.add(hi, p)
	}
	{
		// cos(hi+lo) = w + (z*z*C(z) + (((1-w) - z/2) - hi*lo)), w = 1 - z/2
		one := cr.reg(c64(1))
		wv := l.sub(one, hz)
		b := l.sub(l.sub(one, wv), hz)
		VFNMADD231PD(lo, hi, b)
		p := horner(cosC[6], cosC[5], cosC[4], cosC[3], cosC[2], cosC[1])
		l.fmadd213(b, l.mul(z, z), p)
		c = l.add(wv, p)
	}

	// Odd quadrants swap sin and cos.
	odd := oddLanes64(l, cr, v.qs)
	big := l.cmpPD(cmpGT, v.a, cr.op(c64(trigBound)))
	res := trigResult{big: big}
	if wantSin {
		res.sin = l.blendPD(odd, s, c)
		flipSign64(l, cr, res.sin, v.qs, x) // bit 1 of q, xor the sign of x
		if blend {
			res.sin = l.blendPD(big, res.sin, x)
		}
	}
	if wantCos {
		res.cos = l.blendPD(odd, c, s)
		q1 := l.vec()
		l.vop(VPADDQ, VPADDQ_BCST, cr.op(cbits(1)), v.qs, q1) // the quadrant of x + pi/2
		flipSign64(l, cr, res.cos, q1, nil)
		if blend {
			res.cos = l.blendPD(big, res.cos, x)
		}
	}
	return res
}

// trigBodyConsts are the constants trigBodyWith keeps in registers on AVX-512 (see
// trigOneConsts); AVX2 keeps none.
func trigBodyConsts(l *level) []Mem {
	if !l.wide {
		return nil
	}
	ms := []Mem{cbits(1 << 63), c64(twoOverPi), c64(magicRound), c64(pio2P1), c64(pio2Q2),
		c64(pio2Q3), c64(0.5), c64(1), c64(trigBound), cbits(1)}
	for _, c := range sinS[1:] {
		ms = append(ms, c64(c))
	}
	return ms
}

// trigOneBody computes sin (cos false) or cos (cos true) of every float64 lane of x
// with one polynomial per lane instead of trigBody's two. After the same reduction,
// the lanes whose quadrant calls for cos(r) evaluate the fdlibm cos kernel and the
// others the fdlibm sin kernel; both have six coefficients in z = hi^2 and share the
// form
//
//	A + (G*P(z) + B)   sin(r): A = hi, G = hi*z, P = S1 + ..., B = lo - (z/2)*lo
//	                   cos(r): A = w,  G = z*z,  P = C1 + ..., B = ((1-w) - z/2) - hi*lo
//
// with w = 1 - z/2, so Horner runs once on per-lane coefficients (a blend each, which
// does not compete with the multiply-add units). Everything after the reduction is
// fdlibm's arithmetic with a few roundings regrouped: within fdlibm's 1 ULP.
// Cos folds its quadrant shift q+1 into the rounding constant, so qs = q (sin) or
// q+1 (cos) in the low bits of qs: odd qs selects cos(r), bit 1 of qs negates.
func trigOneBody(l *level, cr *constRegs, x VecVirtual, cos bool) (VecVirtual, mask) {
	magic := magicRound
	if cos {
		magic++ // qs = q + 1: cos(x) = sin(x + pi/2)
	}
	v := reduce64(l, cr, x, magic)
	hi, lo := v.hi, v.lo
	cosLanes := oddLanes64(l, cr, v.qs) // lanes that evaluate cos(r)
	sel := func(cosVal Op, sinVal VecVirtual) VecVirtual { return l.blendPD(cosLanes, sinVal, cosVal) }

	z := l.mul(hi, hi)
	hz := l.mul(z, cr.op(c64(0.5)))
	one := cr.reg(c64(1))
	wv := l.sub(one, hz)
	omw := l.sub(one, wv) // exact
	var base VecVirtual   // cos lanes: (1-w) - z/2 (exact), sin lanes: lo
	if l.wide {
		base = l.copyv(lo)
		VSUBPD(hz, omw, cosLanes.k, base)
	} else {
		base = sel(l.sub(omw, hz), lo)
	}
	bv := l.copyv(base)
	VFNMADD231PD(lo, sel(hi, hz), bv) // B = base - (cos ? hi : z/2)*lo
	g := l.mul(sel(z, hi), z)

	p := sel(cr.op(c64(cosC[6])), cr.reg(c64(sinS[6])))
	for i := 5; i >= 1; i-- {
		VFMADD213PD(sel(cr.op(c64(cosC[i])), cr.reg(c64(sinS[i]))), z, p) // p = z*p + c
	}
	res := l.add(sel(wv, hi), l.fma(p, g, bv))

	if cos {
		flipSign64(l, cr, res, v.qs, nil) // bit 1 of qs
	} else {
		flipSign64(l, cr, res, v.qs, x) // bit 1 of qs xor the sign of x
	}
	return res, l.cmpPD(cmpGT, v.a, cr.op(c64(trigBound)))
}

// genTrig emits sin, cos and sincos for float64, and through sin32.go and tan32.go
// the float32 sin, cos, sincos and tan, which run in float32 lanes. Each returns a
// nonzero value if some lane was beyond trigBound (or infinite) and was left to the
// caller.
func genTrig(l *level) {
	genTrig32(l)
	genTan32(l)
	for _, k := range []struct {
		op       string
		sin, cos bool // outputs
	}{{"sin", true, false}, {"cos", false, true}, {"sincos", true, true}} {
		outs := []string{"dst"}
		sig := "func(dst, x []float64) (fallback int)"
		if k.sin && k.cos {
			outs = []string{"s", "c"}
			sig = "func(s, c, x []float64) (fallback int)"
		}
		var flag Register
		var cr *constRegs
		keep := &mask{}
		if !l.wide {
			keep = nil
		}
		emitStream(l, stream{
			keep: keep,
			name: fname(k.op, f64.name, l), sig: sig,
			ins: []string{"x"}, outs: outs, elem: 8, unroll: trigUnroll(l),
			setup: func() {
				flag = GP64()
				XORQ(flag, flag)
				cr = &constRegs{l: l}
				if k.sin != k.cos {
					cr.hoist(trigOneConsts(l, k.cos)...)
				} else {
					cr.hoist(trigBodyConsts(l)...)
				}
			},
			body: func(in []VecVirtual) []VecVirtual {
				var r trigResult
				if k.sin != k.cos {
					v, big := trigOneBody(l, cr, in[0], k.cos)
					if keep == nil {
						v = l.blendPD(big, v, in[0])
					}
					r = trigResult{sin: v, cos: v, big: big}
				} else {
					r = trigBodyWith(l, cr, in[0], k.sin, k.cos)
				}
				if keep != nil {
					*keep = r.big
				}
				bits := GP64()
				if l.wide {
					KMOVW(r.big.k, bits.As32())
				} else {
					VMOVMSKPD(r.big.v, bits.As32())
				}
				ORQ(bits, flag)
				var out []VecVirtual
				if k.sin {
					out = append(out, r.sin)
				}
				if k.cos {
					out = append(out, r.cos)
				}
				return out
			},
			finish: func() {
				Store(flag, ReturnIndex(0))
			},
		})
	}
}

// trigUnroll is the number of vectors per main-loop iteration: AVX-512's 32 registers
// leave room for four, AVX2's 16 for two.
func trigUnroll(l *level) int {
	if l.wide {
		return 4
	}
	return 2
}

// constRegs holds constants loaded into registers once before a kernel's loop.
type constRegs struct {
	l    *level
	regs map[Mem]VecVirtual
}

// hoist loads each constant into a register of its own.
func (c *constRegs) hoist(ms ...Mem) {
	if c.regs == nil {
		c.regs = map[Mem]VecVirtual{}
	}
	for _, m := range ms {
		if _, ok := c.regs[m]; !ok {
			c.regs[m] = c.l.ld(m)
		}
	}
}

// lookup returns the register holding m, if m was hoisted.
func (c *constRegs) lookup(m Mem) (VecVirtual, bool) {
	r, ok := c.regs[m]
	return r, ok
}

// op returns the register holding m if it was hoisted, else m itself.
func (c *constRegs) op(m Mem) Op {
	if r, ok := c.regs[m]; ok {
		return r
	}
	return m
}

// reg returns a register holding m: the hoisted one (read it, never write it) or a
// fresh load.
func (c *constRegs) reg(m Mem) VecVirtual {
	if r, ok := c.regs[m]; ok {
		return r
	}
	return c.l.ld(m)
}

// trigOneConsts are the constants trigOneBody keeps in registers. Reading a constant
// from memory costs a load (and on AVX-512 a broadcast) per vector; AVX-512's 32
// registers hold all of them beside four vectors in flight (sin 1.15x faster than
// with none), AVX2's 16 only the first sin coefficients beside two.
func trigOneConsts(l *level, cos bool) []Mem {
	sinCoeffs := []Mem{c64(sinS[1]), c64(sinS[2]), c64(sinS[3]), c64(sinS[4]), c64(sinS[5]), c64(sinS[6])}
	if !l.wide {
		return sinCoeffs[:4]
	}
	magic := magicRound
	if cos {
		magic++
	}
	return append(sinCoeffs, cbits(1<<63), c64(twoOverPi), c64(magic), c64(pio2P1), c64(pio2Q2),
		c64(pio2Q3), c64(0.5), c64(1), c64(trigBound),
		c64(cosC[1]), c64(cosC[2]), c64(cosC[3]), c64(cosC[4]), c64(cosC[5]), c64(cosC[6]))
}
