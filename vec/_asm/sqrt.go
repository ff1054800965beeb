package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// The float64 square root kernel mixes VSQRTPD with a Newton sequence that runs on the
// FMA pipes, so the divide/square-root unit and the FMA units work at the same time:
// VSQRTPD alone is bound by its throughput (8 cycles per YMM, 16 per ZMM on Zen 4,
// about 0.55 ns per element), well below the memory bandwidth at streaming sizes. Both
// return the correctly rounded root: the Newton result is checked lane by lane and the
// whole vector is recomputed with VSQRTPD when any lane fails the check (out of range,
// or too near a rounding boundary), which random inputs in range almost never do.

// Newton range constants. In range, the inputs and intermediates are normal numbers.
// The estimate is VRSQRT14PD on AVX-512 (relative error below 2^-14, all float64
// inputs) and VRSQRTPS on a float32 copy on AVX2 (1.5*2^-12, float32 inputs only,
// hence the narrower range).
const (
	sqrtLoWide   = (1023 - 900) << 52 // bits of 2^-900
	sqrtSpanWide = 1800 << 52         // bits of 2^900 minus bits of 2^-900
	sqrtLoAVX2   = (1023 - 125) << 52 // bits of 2^-125
	sqrtSpanAVX2 = 250 << 52          // bits of 2^125 minus bits of 2^-125

	// sqrtNudge is how many floats the check moves h up and down (see sqrtNewton),
	// a relative change between 2^-22 and 2^-19. The proof needs (1/5 ulp)*2^-22 =
	// 2^-24.3 ulp to exceed the Newton error, 2^-34 ulp: a factor of 2^9.7 to spare
	// (an estimate twice as coarse as documented still passes). A lane fails the
	// check where the correction d*h (below 2^9.2 ulp on AVX2, a few ulps on
	// AVX-512) times the nudge reaches a rounding boundary, with probability below
	// 2^-8.8 on AVX2 and 2^-17 on AVX-512.
	sqrtNudge = 1 << 32
)

// sqrtPattern is the sequence of VSQRTPD (S) and Newton (N) vectors in the unrolled
// loops. Alone, a Newton vector costs about 9.3 cycles of issue on AVX2 (its 10 FMA
// pipe operations and long dependency chain) and 8 on AVX-512 (a ZMM), a VSQRTPD
// vector 8 cycles of the square-root unit (16 per ZMM), so the two balance near 1 in
// 2 on both levels: of 1/4, 1/3, 2/5, 3/7, 1/2, 3/5, 2/3 and all, 1/2 and 3/7 measured
// fastest on Zen 4 (within 2% of each other on AVX2).
const sqrtPattern = "SN"

// genSqrt emits sqrt<T><level>: dst[i] = sqrt(x[i]) correctly rounded, the vectors
// taking the square-root instruction ('S' in pattern) or the Newton sequence newton
// ('N') in turn, so the square-root unit and the FMA pipes work at once.
func genSqrt(l *level, t *ftype, pattern string, newton func(l *level, x VecVirtual, exact string) VecVirtual) {
	name := fname("sqrt", t.name, l)
	calls := 0
	emitStream(l, stream{
		name: name, sig: "func(dst, x []" + t.gotype + ")",
		ins: []string{"x"}, outs: []string{"dst"}, elem: t.elem, unroll: len(pattern), streaming: true,
		// Compute-bound: the AVX-512 streaming loop keeps the full ZMM width (the
		// float32 check's integer compares would also need AVX2 at half width).
		ntFullWidth: true,
		body: func(in []VecVirtual) []VecVirtual {
			calls++
			if pattern[(calls-1)%len(pattern)] == 'S' {
				d := l.vec()
				t.sqrt(in[0], d)
				return []VecVirtual{d}
			}
			return []VecVirtual{newton(l, in[0], fmt.Sprintf("%s_exact%d", name, calls))}
		},
	})
}

// sqrtNewton returns the correctly rounded square root of each lane of x, computed
// with FMAs from a reciprocal square root estimate y ≈ 1/sqrt(x):
//
//	g = x*y ≈ sqrt(x), h = y/2 ≈ 1/(2 sqrt(x))
//	twice: r = 1/2 - g*h, g += g*r, h += h*r
//	d = x - g*g (one rounding), s = g + d*h (one rounding, checked below)
//
// If g and h have relative error ε, r ≈ -ε and one step leaves about -(3/2)ε²: from
// 2^-14 (AVX-512) that is below 2^-52 after two steps, so rounding (a few ulps)
// dominates; from 2^-11.4 (AVX2) it is 2^-43.8. The unrounded s* = g + d*h differs
// from sqrt(x) by about (3/2)ε² sqrt(x), below 2^-34 ulp in both cases, so it rounds
// to the correctly rounded root unless the root lies within that distance of a
// rounding boundary. The check does the last FMA twice, with h moved sqrtNudge floats
// up and down (integer adds, off the FMA pipes): s = RN(g + d*h↑) and
// s2 = RN(g + d*h↓), the rounded values of s* + T*μ↑ and s* - T*μ↓ with T = d*h the
// correction and μ in [2^-22, 2^-19]. A lane is kept when s == s2 (and x is in
// range); then, rounding being monotonic, every real between those two sums rounds to
// s. With u the ulp of g: if |T| >= u/5 they enclose s* ± 2^-24.3 u, so the root too,
// and s is its correctly rounded value; if |T| < u/5 both sums, and the root (within
// u/5 + 2^-34 ulp), lie within u/4 of g, inside its rounding interval (half gaps of
// u/4 or u/2), so s = g is the rounded root. Rounding does the boundary arithmetic,
// powers of two included, and NaN never compares equal.
//
// On AVX2 the estimate is VRSQRTPS on x truncated to float32 by integer operations
// (the float32 lanes are the high halves of the float64 lanes, the low halves compute
// garbage), which is shorter than converting there and back: the truncation adds below
// 2^-24 and the garbage bits below the estimate's 23 bits add below 2^-23 to the
// estimate's relative error, which stays below 2^-11.4.
func sqrtNewton(l *level, x VecVirtual, exact string) VecVirtual {
	y, h := l.vec(), l.vec()
	if l.wide {
		VRSQRT14PD(x, y)
		l.vop(VMULPD, VMULPD_BCST, c64(0.5), y, h)
	} else {
		// The low 9 bits of x's exponent E and its 23 high mantissa bits, shifted to
		// the top of the lane, less 896 (the difference of the biases, 384 mod 512)
		// in the exponent: the high half of the lane is x as a float32, truncated,
		// with a zero sign bit since E - 896 is below 256 in range.
		e := l.vec()
		VPSLLQ(U8(3), x, e)
		VPSUBQ(cbits(384<<55), e, e)
		VRSQRTPS(e, e)
		// Back: the float32 estimate's bits in the double's place, rebiased; one less
		// for h, where the halving is free.
		VPSRLQ(U8(3), e, e)
		VPADDQ(cbits(896<<52), e, y)
		VPADDQ(cbits(895<<52), e, h)
	}
	half := c64(0.5)
	g := l.mul(x, y)
	for range 2 {
		r := l.copyv(h)
		l.vop(VFNMADD213PD, VFNMADD213PD_BCST, half, g, r) // r = 1/2 - g*h
		VFMADD231PD(g, r, g)                               // g += g*r
		VFMADD231PD(h, r, h)                               // h += h*r
	}
	d := l.copyv(g)
	VFNMADD213PD(x, g, d) // d = x - g*g
	// The final step twice, with h nudged up and down: s* = g + d*h lies between.
	up, down := l.vec(), l.vec()
	l.vop(VPADDQ, VPADDQ_BCST, cbits(sqrtNudge), h, up)
	l.vop(VPSUBQ, VPSUBQ_BCST, cbits(sqrtNudge), h, down)
	s, s2 := l.copyv(g), l.copyv(g)
	VFMADD231PD(d, up, s)    // s = g + d*h↑
	VFMADD231PD(d, down, s2) // s2 = g + d*h↓

	if l.wide {
		// in range: bits(x) - lo < span as unsigned (negative x, NaN, ±Inf, zero and
		// subnormals are out); fine: in range and s == s2.
		off := l.vec()
		VPSUBQ_BCST(cbits(sqrtLoWide), x, off)
		inRange, fine := K(), K()
		VPCMPUQ_BCST(U8(1), cbits(sqrtSpanWide), off, inRange) // 1: less than
		VCMPPD(U8(cmpEQ), s2, s, inRange, fine)
		KORTESTB(fine, fine) // carry: all eight lanes fine
		JCS(LabelRef(exact))
	} else {
		// The same range test with signed compares: off = bits(x) - lo + 2^63 is below
		// span - 2^63 (as signed) exactly when bits(x) - lo < span as unsigned.
		off, bad, differ := l.vec(), l.vec(), l.vec()
		VPSUBQ(cbits(sqrtLoAVX2+1<<63), x, off)
		VPCMPGTQ(cbits(sqrtSpanAVX2+1<<63-1), off, bad) // off >= span - 2^63
		VCMPPD(U8(cmpNEQ), s2, s, differ)               // s != s2 or NaN
		VORPD(differ, bad, bad)
		signs := GP32() // VMOVMSKPD measured ahead of VPTEST (10%) and VTESTPD here
		VMOVMSKPD(bad, signs)
		TESTL(signs, signs)
		JZ(LabelRef(exact))
	}
	VSQRTPD(x, s)
	Label(exact)
	return s
}
