package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Float32 sinh, cosh and tanh in float32 lanes (tanh: see tanh32Body). For sinh and
// cosh, with a = |x| (clamped to 90: both overflow from 89.42; NaN passes),
// e^a = 2^n (mh + ml) from the expm1 reduction (expPair32), and
//
//	(e^a ± e^-a)/2 = 2^(n-1) (M ± 2^-2n/M)
//
// with 2^-2n/M = q + ql: q = v/mh rounded, v = 2^-min(2n, 60) (below that far under
// the last bit), and ql from the exact remainder v - q mh, less q ml, times the
// reciprocal estimate of mh. mh ± q is a Fast2Sum (mh >= 1 >= q for n = 0, and
// q <= 0.36 < 0.7 <= mh otherwise), so the sum rounds once at full weight and the
// scaling by 2^(n-1) is exact or overflows: sinh within 0.574 ULP and cosh within
// 0.533 ULP of Go's float64 results over all float32 inputs. Sinh takes a + a^3 S(a^2) for a <= 1/2,
// where the difference would cancel, and the sign of x at the end (so -0 stays -0).

// sinh32S holds S with sinh(a) ~ a + a^3 S(a^2) for a <= 1/2 (highest degree first):
// fitted with mpmath's chebyfit to (sinh(a) - a)/a^3 on z = a^2 in [0, 1/4] and rounded
// to float32; a^3 S is then within 1e-9 a of its target.
var sinh32S = []float32{0.00019944873929489404, 0.0083332359790802, 0.1666666716337204}

// hyperbolic32Max clamps |x|: sinh and cosh overflow float32 from 89.42, and
// n = round(90 log2 e) = 130 keeps 2^(n-1) within scalePow2Lanes.
const hyperbolic32Max = 90

// pow2NegMin60 returns 2^-min(n, 60) for integer-valued lanes n >= -60, built in the
// exponent field.
func pow2NegMin60(l *level, n VecVirtual) VecVirtual {
	nm := l.vec()
	VMINPS(l.ld32(c32(60)), n, nm)
	ni := l.vec()
	VCVTPS2DQ(nm, ni)
	v := l.ld32(cbits32(127))
	VPSUBD(ni, v, v)
	VPSLLD(U8(23), v, v)
	return v
}

// expPair32 returns e^r = mh + ml for the reduced argument of red: (1 + rr) +
// (hh + tl) by three Fast2Sums (|hh| >= |tl| unless both are below 2^-46), so ml is
// below 2^-23 mh and a quotient by mh + ml needs no second-order term. one holds 1.
func expPair32(l *level, red expReduced32, one VecVirtual) (mh, ml VecVirtual) {
	u := l.add32(red.hh, red.tl)
	ul := l.sub32(red.tl, l.sub32(u, red.hh))
	s1 := l.add32(one, red.rr)
	e1 := l.sub32(red.rr, l.sub32(s1, one))
	mh = l.add32(s1, u)
	e2 := l.sub32(u, l.sub32(mh, s1))
	return mh, l.add32(l.add32(e1, e2), ul)
}

// sinhCoshParts holds what sinh and cosh of a float32 vector share: a = |x| (clamped
// to hyperbolic32Max), its exp reduction red, e^r = mh + ml, and the quotient
// e^-a 2^n / (mh + ml) = q + ql.
type sinhCoshParts struct {
	a, one, mh, ml, q, ql VecVirtual
	red                   expReduced32
}

// sinhCoshShared computes the sinhCoshParts of x.
func sinhCoshShared(l *level, x VecVirtual) sinhCoshParts {
	p := sinhCoshParts{a: abs32(l, x)}
	VMINPS(p.a, l.ld32(c32(hyperbolic32Max)), p.a) // second source a: a NaN passes
	p.red = expReduce32(l, p.a)
	p.one = l.ld32(c32(1))
	p.mh, p.ml = expPair32(l, p.red, p.one)
	// e^-a 2^n = v/M = q + ql.
	v := pow2NegMin60(l, l.add32(p.red.n, p.red.n))
	p.q = l.vec()
	VDIVPS(p.mh, v, p.q)
	rem := l.copy32(p.q)
	VFNMADD213PS(v, p.mh, rem)   // v - q mh, exact
	VFNMADD231PS(p.ml, p.q, rem) // - q ml
	p.ql = l.mul32(rem, rcp32(l, p.mh))
	return p
}

// cosh returns cosh x = (mh + q + rest) 2^(n-1).
func (p sinhCoshParts) cosh(l *level) VecVirtual {
	s := l.add32(p.mh, p.q)
	rest := l.add32(l.sub32(p.q, l.sub32(s, p.mh)), l.add32(p.ml, p.ql))
	return scalePow2Lanes(l, l.add32(s, rest), l.sub32(p.red.n, p.one))
}

// sinh returns sinh x: (mh - q + rest) 2^(n-1), or a + a^3 S(a^2) for a <= 1/2, with
// the sign of x.
func (p sinhCoshParts) sinh(l *level, x VecVirtual) VecVirtual {
	s := l.sub32(p.mh, p.q)
	rest := l.sub32(l.sub32(l.sub32(p.mh, s), p.q), l.sub32(p.ql, p.ml))
	res := scalePow2Lanes(l, l.add32(s, rest), l.sub32(p.red.n, p.one))
	z := l.mul32(p.a, p.a)
	small := l.mul32(p.a, z)
	VFMADD213PS(p.a, l.horner32(z, sinh32S...), small) // a + a^3 S(z)
	res = l.blendPS(l.cmpPS(cmpLE, p.a, c32(0.5)), res, small)
	return or32(l, res, sign32(l, x))
}

// sinhCosh32Body computes sinh (cosh false) or cosh (cosh true) of every float32
// lane of x.
func sinhCosh32Body(l *level, x VecVirtual, cosh bool) VecVirtual {
	p := sinhCoshShared(l, x)
	if cosh {
		return p.cosh(l)
	}
	return p.sinh(l, x)
}

// tanh32T holds T with tanh(a) ~ a + a^3 T(a^2) for a <= tanh32Small (highest degree
// first): fitted with mpmath's chebyfit to (tanh(a) - a)/a^3 on z = a^2 in
// [0, 0.5625^2] and rounded to float32; a^3 T is then within 3.3e-9 a of its target.
var tanh32T = []float32{0.0024876147508621216, -0.008499247953295708, 0.02181190252304077,
	-0.05396406352519989, 0.133333221077919, -0.3333333432674408}

const (
	tanh32Small = 0.5625 // above, 2a > 1.125 and n >= 2 in the exp reduction
	tanh32Max   = 10     // tanh rounds to 1 from 9.01; NaN passes the clamp
)

// tanh32Body computes tanh of every float32 lane of x: a + a^3 T(a^2) for
// a = |x| <= tanh32Small; above, tanh a = 1 - 2/D with D = e^2a + 1 = dh + dl
// (e^2a = 2^n (mh + ml) as for sinh, 2^n mh + 1 by Fast2Sum), 2/D = q + ql with q
// rounded and ql from the exact remainder, and 1 - q a Fast2Sum (q < 1/2), so the
// result rounds once at full weight: within 0.763 ULP of Go's float64 tanh over all
// float32 inputs (the worst near a = tanh32Small, where a^3 T is largest). The sign
// of x is ORed in at the end.
func tanh32Body(l *level, x VecVirtual) VecVirtual {
	a := abs32(l, x)
	VMINPS(a, l.ld32(c32(tanh32Max)), a) // second source a: a NaN passes
	red := expReduce32(l, l.add32(a, a))
	one := l.ld32(c32(1))
	mh, ml := expPair32(l, red, one)
	p2n := pow2NegMin60(l, f32.neg(l, red.n)) // 2^n, n in [2, 29]
	eh, el := l.mul32(mh, p2n), l.mul32(ml, p2n)
	dh := l.add32(eh, one)
	dl := l.add32(l.sub32(one, l.sub32(dh, eh)), el)
	two := l.ld32(c32(2))
	q := l.vec()
	VDIVPS(dh, two, q)
	rem := l.copy32(q)
	VFNMADD213PS(two, dh, rem) // 2 - q dh, exact
	VFNMADD231PS(dl, q, rem)   // - q dl
	ql := l.mul32(rem, rcp32(l, dh))
	s := l.sub32(one, q)
	big := l.add32(s, l.sub32(l.sub32(l.sub32(one, s), q), ql))
	z := l.mul32(a, a)
	small := l.mul32(a, z)
	VFMADD213PS(a, l.horner32(z, tanh32T...), small) // a + a^3 T(z)
	res := l.blendPS(l.cmpPS(cmpLE, a, c32(tanh32Small)), big, small)
	return or32(l, res, sign32(l, x))
}

// genHyperbolic32 emits the float32-lane sinh, cosh and tanh kernels.
func genHyperbolic32(l *level) {
	emitStream(l, stream{
		name: fname("tanh", f32.name, l), sig: "func(dst, x []float32)",
		ins: []string{"x"}, outs: []string{"dst"}, elem: 4, unroll: 2,
		body: func(in []VecVirtual) []VecVirtual { return []VecVirtual{tanh32Body(l, in[0])} },
	})
	for _, cosh := range []bool{false, true} {
		op := "sinh"
		if cosh {
			op = "cosh"
		}
		emitStream(l, stream{
			name: fname(op, f32.name, l), sig: "func(dst, x []float32)",
			ins: []string{"x"}, outs: []string{"dst"}, elem: 4, unroll: 2,
			body: func(in []VecVirtual) []VecVirtual { return []VecVirtual{sinhCosh32Body(l, in[0], cosh)} },
		})
	}
}
