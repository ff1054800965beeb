package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/reg"
)

// Float32 log1p in float32 lanes. For x in [sqrt(1/2)-1, sqrt(2)-1), f = x and k = 0
// (no rounding at all before the polynomial). Elsewhere u = 1 + x rounded, with its
// exact error c (Fast2Sum of the larger and the smaller of 1 and x); u = 2^k m with
// m in [sqrt(1/2), sqrt(2)) from the bits of u (u >= 2^-24 is normal), f = m - 1
// (exact), and 1 + x = 2^k (m + c 2^-k), so log1p x = k ln2 + log1p(f) + c/u up to
// (c/u)^2, where c/u (below 2^-24) needs only the reciprocal estimate. With
// log1p(f) = f - f^2/2 + f^3 R(f):
//
//	log1p x = k ln2Hi + f - f^2/2 + (f^3 R(f) + c/u + k ln2Lo)
//
// where k ln2Hi + f is a Fast2Sum (|k ln2Hi| > |f| unless k = 0), so the result rounds
// once at full weight (f^2/2 is split off exactly and also summed with a Fast2Sum,
// so the rounding of the polynomial is scaled by f^3/3): within 0.661 ULP of Go's
// float64 log1p over all float32 inputs. x = +Inf, x <= -1 and NaN are patched at
// the end, and the sign of x is ORed in (log1p has the sign of x; this keeps
// log1p(-0) = -0).

const (
	sqrtHalf32 = 0.70710677 // float32(sqrt(1/2)): its bits split u into 2^k m
	log1pLo32  = sqrtHalf32 - 1
	log1pHi32  = 0.41421354 // float32(sqrt(2) - 1)
	cmpNGTUQ   = 0x1a       // not greater than, true for NaN (quiet)
)

// posInf32 is float32 +Inf.
var posInf32 = float32(math.Inf(1))

// log1p32R holds R with log1p(f) ~ f - f^2/2 + f^3 R(f) (highest degree first):
// degree 8, fitted with mpmath's chebyfit to (log1p(f) - f + f^2/2)/f^3 on
// [sqrt(1/2)-1, sqrt(2)-1] and rounded to float32; f^3 R is then within 1.2e-9 of its
// target.
var log1p32R = []float32{0.06971611827611923, -0.11479733884334564, 0.11685419827699661,
	-0.12425687164068222, 0.14249058067798615, -0.1666780263185501, 0.20000715553760529,
	-0.2499999701976776, 0.3333333134651184}

// log1p32LanesBody computes log1p of every float32 lane of x.
func log1p32LanesBody(l *level, x VecVirtual) VecVirtual { return log1p32Core(l, x, nil, nil) }

// log1p32Core returns log1p(x + xl) + kx ln2 for float32 lanes x, where xl (nil for
// zero) is below 2^-20 |x| and enters only through the correction (c + xl)/u, and kx
// (nil for zero) is 0 or 1, added to the exponent k where x is not in the near range.
func log1p32Core(l *level, x, xl, kx VecVirtual) VecVirtual {
	one := l.ld32(c32(1))
	u := l.add32(x, one)
	big, small := l.vec(), l.vec()
	VMAXPS(one, x, big)
	VMINPS(one, x, small)
	c := l.sub32(small, l.sub32(u, big)) // 1 + x - u, exact
	f, k := log32SplitBits(l, u)         // u = 2^k (1 + f)
	if kx != nil {
		k = l.add32(k, kx)
	}
	near := l.maskAnd(l.cmpPS(cmpGE, x, c32(log1pLo32)), l.cmpPS(cmpLT, x, c32(log1pHi32)))
	f = l.blendPS(near, f, x)
	zero := l.ld32(c32(0))
	k = l.blendPS(near, k, zero)
	c = l.blendPS(near, c, zero)
	if xl != nil {
		c = l.add32(c, xl)
	}
	cl := l.mul32(c, rcp32(l, u))
	hh, tail := log1p32Parts(l, f, cl)
	res := or32(l, ln32Sum(l, f, k, hh, tail), sign32(l, x))
	res = l.blendPS(l.cmpPS(cmpEQ, x, c32(posInf32)), res, c32(posInf32))
	spec := l.blendPS(l.cmpPS(cmpEQ, x, c32(-1)), l.ld32(cbits32(0x7fc00000)), c32(-posInf32))
	return l.blendPS(l.cmpPS(cmpNGTUQ, x, c32(-1)), res, spec)
}

// log1p32Parts returns hh = f^2/2 rounded and tail = f^3 R(f) + corr - (f^2/2 - hh)
// (corr nil for zero; f^2/2 - hh is exact), so that log1p(f) + corr = f - hh + tail
// up to the error of R and the rounding of tail, which is scaled by f^3/3.
func log1p32Parts(l *level, f, corr VecVirtual) (hh, tail VecVirtual) {
	h5 := l.mul32(f, c32(0.5))
	hh = l.mul32(h5, f)
	hl := l.copy32(h5)
	VFMSUB213PS(hh, f, hl) // f^2/2 - hh, exact
	tail = l.mul32(l.mul32(f, f), f)
	if corr == nil {
		VFMSUB213PS(hl, l.horner32(f, log1p32R...), tail) // f^3 R - hl, one rounding
		return hh, tail
	}
	VFMADD213PS(corr, l.horner32(f, log1p32R...), tail) // f^3 R + corr
	return hh, l.sub32(tail, hl)
}

// ln32Sum returns k ln2 + f - hh + tail, rounded once at full weight, for
// f in [sqrt(1/2)-1, sqrt(2)-1), integer k, hh = f^2/2 rounded and a small tail.
func ln32Sum(l *level, f, k, hh, tail VecVirtual) VecVirtual {
	l.vop(VFMADD231PS, VFMADD231PS_BCST, c32(ln2Lo32), k, tail)
	kh := l.mul32(k, c32(ln2Hi32)) // exact: ln2Hi32 has 16 significant bits
	// (kh + f) - hh as s2 + e1 + e2: two Fast2Sums (|kh| > |f| or kh = 0; then
	// |kh + f| > 0.28 or |f| > hh).
	s1 := l.add32(kh, f)
	e1 := l.sub32(f, l.sub32(s1, kh))
	s2 := l.sub32(s1, hh)
	e2 := l.sub32(l.sub32(s1, s2), hh)
	return l.add32(s2, l.add32(l.add32(e1, e2), tail))
}

// atanh32LanesBody computes atanh of every float32 lane of x: for a = |x|,
// atanh a = log1p(y)/2 with y = 2a/(1-a) = q + ql, q the rounded quotient and ql
// from the exact remainder (1 - a = d + dl by Fast2Sum), so the argument of log1p
// carries no rounding error: within 0.657 ULP of Go's float64 atanh over all float32
// inputs. a = 1 gives y = +Inf, a > 1 gives y < -1 (NaN), and log1p32Core patches
// both.
func atanh32LanesBody(l *level, x VecVirtual) VecVirtual {
	a := abs32(l, x)
	one := l.ld32(c32(1))
	d := l.sub32(one, a)
	dl := l.sub32(l.sub32(one, d), a) // 1 - a - d, exact (Fast2Sum: a <= 1 matters only)
	num := l.add32(a, a)
	q := l.vec()
	VDIVPS(d, num, q)
	rem := l.copy32(q)
	VFNMADD213PS(num, d, rem) // num - q d, exact
	VFNMADD231PS(dl, q, rem)  // - q dl
	ql := l.mul32(rem, rcp32(l, d))
	res := l.mul32(log1p32Core(l, q, ql, nil), c32(0.5))
	return or32(l, res, sign32(l, x))
}

// genLog1p32 emits the float32-lane log1p and atanh kernels.
func genLog1p32(l *level) {
	emitStream(l, stream{
		name: fname("atanh", f32.name, l), sig: "func(dst, x []float32)",
		ins: []string{"x"}, outs: []string{"dst"}, elem: 4, unroll: 2,
		body: func(in []VecVirtual) []VecVirtual { return []VecVirtual{atanh32LanesBody(l, in[0])} },
	})
	emitStream(l, stream{
		name: fname("log1p", f32.name, l), sig: "func(dst, x []float32)",
		ins: []string{"x"}, outs: []string{"dst"}, elem: 4, unroll: 2,
		body: func(in []VecVirtual) []VecVirtual { return []VecVirtual{log1p32LanesBody(l, in[0])} },
	})
}
