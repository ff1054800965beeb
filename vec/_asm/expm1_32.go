package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/reg"
)

// Float32 expm1 in float32 lanes. x is clamped to [-18, 89]: e^x - 1 rounds to -1
// below -17.4 and overflows above 88.73, and a NaN passes through. n = round(x log2 e),
// r = x - n ln2Hi32 (exact: ln2Hi32 has 16 significant bits and |n| <= 129), and
// r - n ln2Lo32 = rr + rrl with rr rounded and rrl its error (r - rr is exact whenever
// the error matters). e^(rr+rrl) - 1 = rr + rr^2/2 + tl with
// tl = rr^3 P3(rr) + rrl (1 + rr) (exp32LanePoly is 1/2 + rr P3), and
//
//	e^x - 1 = 2^n ((1 - 2^-n) + rr + rr^2/2 + tl)
//
// where 1 - 2^-n = c1 + clo (Fast2Sum: exact for n <= 24, c1 = 1 above; 2^-n is
// built from min(n, 60), below which it is far under the last bit) and c1 + rr is a
// Fast2Sum (|c1| >= 1/2 > |rr| unless n = 0, where c1 = 0), as is the addition of
// rr^2/2 (split exactly as hh + hl, below 0.18 |c1 + rr|), so p rounds once at full
// weight, with the rounding of the polynomial scaled by rr^3/6; the scaling by 2^n
// is exact or overflows: within 0.708 ULP of Go's float64 expm1 over all float32
// inputs. For n = 0 the result is rr + rr^2/2 + tl: tiny x come out as x. e^x - 1
// has the sign of x, ORed in so that expm1(-0) = -0.

const (
	expm1x32Lo = -18
	expm1x32Hi = 89
)

// expReduced32 is x = n ln2 + r reduced for exp in float32 lanes, with
// e^r - 1 = rr + hh + tl: rr the reduced argument rounded, hh its square halved,
// rounded, and tl everything else (|tl| < 0.01, under 2^-5 |rr| + 2^-20).
type expReduced32 struct{ n, rr, hh, tl VecVirtual }

// expReduce32 reduces x (|x| <= 104, or NaN).
func expReduce32(l *level, x VecVirtual) expReduced32 {
	n := l.vec()
	roundPS(l, l.mul32(x, c32(math.Log2E)), n)
	r := l.copy32(x)
	l.fnmadd231x32(c32(ln2Hi32), n, r) // exact
	rr := l.copy32(r)
	l.fnmadd231x32(c32(ln2Lo32), n, rr)
	rrl := l.sub32(r, rr)
	l.fnmadd231x32(c32(ln2Lo32), n, rrl)
	VFMADD213PS(rrl, rr, rrl) // rrl (1 + rr)
	// rr^2/2 = hh + hl exactly; rr^3 P3(rr) with Q = 1/2 + rr P3 goes into the tail.
	h5 := l.mul32(rr, c32(0.5))
	hh := l.mul32(h5, rr)
	hl := l.copy32(h5)
	VFMSUB213PS(hh, rr, hl) // rr^2/2 - hh, exact
	tl := l.mul32(l.mul32(rr, rr), rr)
	last := len(exp32LanePoly) - 1
	VFMADD213PS(rrl, l.horner32(rr, exp32LanePoly[:last]...), tl) // rr^3 P3 + rrl (1 + rr)
	return expReduced32{n, rr, hh, l.add32(tl, hl)}
}

// expm1LanesBody computes e^x - 1 of every float32 lane of x.
func expm1LanesBody(l *level, x VecVirtual) VecVirtual {
	red := expReduce32(l, l.clamp32(x, expm1x32Lo, expm1x32Hi))
	n, rr, hh, tl := red.n, red.rr, red.hh, red.tl
	v := pow2NegMin60(l, n)
	one := l.ld32(c32(1))
	c1 := l.sub32(one, v)
	clo := l.sub32(l.sub32(one, c1), v)
	// (c1 + rr) + hh by two Fast2Sums, then everything else.
	s1 := l.add32(c1, rr)
	e1 := l.sub32(rr, l.sub32(s1, c1))
	s2 := l.add32(s1, hh)
	e2 := l.sub32(hh, l.sub32(s2, s1))
	p := l.add32(s2, l.add32(l.add32(l.add32(e1, e2), clo), tl))
	return or32(l, scalePow2Lanes(l, p, n), sign32(l, x))
}

// genExpm1Lanes32 emits the float32-lane expm1 kernel.
func genExpm1Lanes32(l *level) {
	emitStream(l, stream{
		name: fname("expm1", f32.name, l), sig: "func(dst, x []float32)",
		ins: []string{"x"}, outs: []string{"dst"}, elem: 4, unroll: 2,
		body: func(in []VecVirtual) []VecVirtual { return []VecVirtual{expm1LanesBody(l, in[0])} },
	})
}
