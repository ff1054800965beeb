package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Sin and Cos: for a = |x| <= trigBound, q = round(a*2/pi) and r = a - q*pi/2 as a
// double-double hi + lo (Cody-Waite with pi/2 = P1 + Q2 + Q3: a - q*P1 is exact with an
// FMA, q*Q2 is exact because Q2 has 32 significant bits and q < 2^20, and TwoDiff
// subtracts it exactly, so r keeps ~100 bits even next to a multiple of pi/2).
// sin(r) and cos(r) on |r| <= pi/4 use the fdlibm kernels (degree-13 odd and
// degree-14 even minimax polynomials with the tail lo folded in),
// then the quadrant q mod 4 swaps and negates them, and sin takes the sign of x.
// Lanes with |x| > trigBound (and ±Inf) are written as x itself and reported through
// the return value; the Go wrapper recomputes them with the generic Payne-Hanek code.

const (
	trigBound = 0x1p20 // keep in sync with vec/impl_amd64.go
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

// Float32 sin and cos run in float64 lanes with a shorter path: float32 needs about
// 2^-27 relative accuracy, not 2^-60. sin reduces by pi (q = round(x/pi), r = x - q*pi with
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
	p := l.fma(l.horner(z, sinQ...), z, c64(1))
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

// trigBody computes sin and/or cos of every float64 lane of x.
func trigBody(l *level, x VecVirtual, wantSin, wantCos bool) trigResult {
	blend := !l.wide // AVX-512 stores x over the big lanes instead (stream.keep)
	sign := cbits(1 << 63)
	a := l.vec()
	VANDNPD(x, l.ld(sign), a) // |x|
	qt := l.fma(a, l.ld(c64(twoOverPi)), c64(magicRound))
	q := l.sub(qt, c64(magicRound))
	t1 := l.copyv(a)
	l.fnmadd231(c64(pio2P1), q, t1) // a - q*P1, exact
	w := l.mul(q, c64(pio2Q2))      // exact: q < 2^20 and P2 has 32 significant bits
	hi, lo := l.twoDiff(t1, w)
	l.fnmadd231(c64(pio2Q3), q, lo)

	z := l.mul(hi, hi)
	var s, c VecVirtual
	{
		// sin(hi+lo) = hi - ((z*(lo/2 - v*r) - lo) - v*S1), v = z*hi.
		v := l.mul(z, hi)
		r := l.horner(z, sinS[6], sinS[5], sinS[4], sinS[3], sinS[2])
		t := l.mul(lo, c64(0.5))
		VFNMADD231PD(r, v, t) // lo/2 - v*r
		u := l.fms(z, t, lo)
		l.fnmadd231(c64(sinS[1]), v, u)
		s = l.sub(hi, u)
	}
	{
		// cos(hi+lo) = w + (((1-w) - z/2) + (z*r - hi*lo)), w = 1 - z/2.
		r := l.mul(z, l.horner(z, cosC[6], cosC[5], cosC[4], cosC[3], cosC[2], cosC[1]))
		hz := l.mul(z, c64(0.5))
		one := l.ld(c64(1))
		wv := l.sub(one, hz)
		e := l.sub(l.sub(one, wv), hz)
		zr := l.fms(z, r, l.mul(hi, lo))
		c = l.add(wv, l.add(e, zr))
	}

	// Odd quadrants swap sin and cos.
	var odd mask
	if l.wide {
		k := K()
		VPTESTMQ_BCST(cbits(1), qt, k)
		odd = mask{k: k}
	} else {
		m := l.vec()
		VPSLLQ(U8(63), qt, m) // VBLENDVPD looks at the sign bit only
		odd = mask{v: m}
	}
	big := l.cmpPD(cmpGT, a, c64(trigBound))
	var res trigResult
	res.big = big
	if wantSin {
		v := l.blendPD(odd, s, c)
		// sign: bit 1 of q, xor the sign of x
		sg := l.vec()
		VPSLLQ(U8(62), qt, sg)
		VXORPD(x, sg, sg)
		l.vop(VANDPD, VANDPD_BCST, sign, sg, sg)
		VXORPD(sg, v, v)
		res.sin = v
		if blend {
			res.sin = l.blendPD(big, v, x)
		}
	}
	if wantCos {
		v := l.blendPD(odd, c, s)
		sg := l.vec()
		l.vop(VPADDQ, VPADDQ_BCST, cbits(1), qt, sg)
		VPSLLQ(U8(62), sg, sg)
		l.vop(VANDPD, VANDPD_BCST, sign, sg, sg)
		VXORPD(sg, v, v)
		res.cos = v
		if blend {
			res.cos = l.blendPD(big, v, x)
		}
	}
	return res
}

// genTrig emits sin, cos and sincos for float64 and float32. Each returns a nonzero
// value if some lane was beyond trigBound (or infinite) and was left to the caller.
func genTrig(l *level) {
	type kernel struct {
		op       string
		sin, cos bool // outputs
		tan      bool // one output, sin/cos
	}
	kernels := map[*ftype][]kernel{
		f64: {{"sin", true, false, false}, {"cos", false, true, false}, {"sincos", true, true, false}},
		// tan from float64 sin and cos: each within 2^-27 relative, the quotient rounds
		// to float32 within 0.5 + 0.25 ULP.
		f32: {{"cos", false, true, false}, {"sincos", true, true, false},
			{"tan", true, true, true}},
	}
	if l.wide {
		// AVX2 has a float32-lane sin of its own (sin32.go); on AVX-512 that kernel
		// measured no faster than this float64-lane one, which stays.
		kernels[f32] = append([]kernel{{"sin", true, false, false}}, kernels[f32]...)
	} else {
		genSin32(l)
	}
	for _, t := range []*ftype{f64, f32} {
		for _, k := range kernels[t] {
			outs := []string{"dst"}
			sig := "func(dst, x []" + t.gotype + ") (fallback int)"
			if k.sin && k.cos && !k.tan {
				outs = []string{"s", "c"}
				sig = "func(s, c, x []" + t.gotype + ") (fallback int)"
			}
			var flag Register
			keep := &mask{}
			if !l.wide {
				keep = nil
			}
			emitStream(l, stream{
				keep: keep,
				name: fname(k.op, t.name, l), sig: sig,
				ins: []string{"x"}, outs: outs, elem: t.elem, narrow: t.elem == 4, unroll: trigUnroll(l),
				setup: func() {
					flag = GP64()
					XORQ(flag, flag)
				},
				body: func(in []VecVirtual) []VecVirtual {
					var r trigResult
					if t.elem == 8 {
						r = trigBody(l, in[0], k.sin, k.cos)
					} else {
						r = trig32Body(l, in[0], k.sin, k.cos)
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
					if k.tan {
						q := l.div(r.sin, r.cos)
						if keep == nil { // AVX2: the big lanes must hold x, not x/x
							q = l.blendPD(r.big, q, in[0])
						}
						return []VecVirtual{q}
					}
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
}

// trigUnroll is the number of vectors per main-loop iteration: AVX-512's 32 registers
// leave room for four, AVX2's 16 for two.
func trigUnroll(l *level) int {
	if l.wide {
		return 4
	}
	return 2
}
