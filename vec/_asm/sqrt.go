package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// The float64 square root kernel mixes VSQRTPD with a Newton sequence that runs on the
// FMA pipes, so the divide/square-root unit and the FMA units work at the same time:
// VSQRTPD alone is bound by its throughput (8.4 cycles per YMM, 16 per ZMM on Zen 4,
// about 0.58 ns per element), well below the memory bandwidth at streaming sizes. Both
// return the correctly rounded root: the Newton result is checked lane by lane and the
// whole vector is recomputed with VSQRTPD when any lane fails the check (out of range,
// or too near a rounding boundary), which random inputs in range almost never do.

// Newton range constants. In range, the inputs and intermediates are normal numbers.
// The estimate is VRSQRT14PD on AVX-512 (relative error below 2^-14 for every normal
// input, so the range needs only a lower end, where x - g*g would leave the normal
// range: +Inf and NaN fail the check by themselves) and VRSQRTPS on a float32 copy on
// AVX2 (1.5*2^-12, float32 inputs only, hence both ends).
const (
	sqrtLoWide   = (1023 - 900) << 52 // bits of 2^-900
	sqrtLoAVX2   = (1023 - 125) << 52 // bits of 2^-125
	sqrtSpanAVX2 = 250 << 52          // bits of 2^125 minus bits of 2^-125

	// sqrtNudge is how many floats the check moves h up and down (see sqrtNewton):
	// a relative change μ between 2^-20 and 2^-19 (at least 2^-20 even where the
	// step crosses a power of two). The proof needs μ above h's relative error
	// η < 2^-22.2 (AVX2; 2^-27.4 on AVX-512): a factor of 4.7 to spare, so an
	// estimate twice as coarse as documented still passes. A lane fails the check
	// where the correction d*h (below 2^9.2 ulp on AVX2, a few ulps on AVX-512)
	// times 2μ reaches a rounding boundary, with probability below 2^-8.8 on AVX2
	// and 2^-17 on AVX-512.
	sqrtNudge = 1 << 33
)

// sqrtPattern is the sequence of VSQRTPD (S) and Newton (N) vectors in the unrolled
// loops. On Zen 4 a VSQRTPD vector holds the square-root unit 8.4 cycles per YMM (16
// per ZMM) and slows the FMAs issued meanwhile; a Newton vector (the estimate and 10
// multiplies and FMAs on a dependency chain of about 40 cycles) takes about 8 cycles
// per YMM on AVX2 and 14 per ZMM, so the two balance near 1 in 2 on both levels.
// Measured in cache with the current sequence (session 6): SN beat SNN, SSNNN, SNSNN,
// SNSN, SNSNSN and NN on both levels. No faster either: a Newton vector split over
// two loop iterations (software pipelining), the check's second FMA as an add of a
// nudged product on the FADD pipes (AVX2 5% slower), VPCMPEQQ for the comparison,
// and at streaming sizes PREFETCHT0 512 B to 4 KiB ahead or the AVX-512 loop at YMM
// width with VRSQRT14PD.
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
// with FMAs from a reciprocal square root estimate y = (1+ε)/√x (see rsqrtEstimate):
//
//	g = x*y ≈ √x, h = y/2 ≈ 1/(2√x)
//	r = 1/2 - g*h, g += g*r, h += h*r   (coupled step)
//	r = 1/2 - g*h, g += g*r             (g only)
//	d = x - g*g, s = g + d*h↑, s2 = g + d*h↓   (one rounding each)
//
// It keeps the vector when every lane is in range and has s == s2, and recomputes
// the whole vector with VSQRTPD otherwise.
//
// Accuracy. The coupled step leaves g = S(1+a) and h = (1+b)/(2S), S = √x, with a
// and b both about -(3/2)ε² plus roundings of 2^-53: |b| < 2^-22.2 from ε < 2^-11.4
// (AVX2), 2^-27.4 from 2^-14 (AVX-512). The g-only step leaves |a| < 2^-43.8, since
// r is then about -(a+b)/2 and a-b is only rounding. h needs no second update:
//
// For any g > 0, exactly, S = g + D*H with D = x - g² and H = 1/(S + g). The FMA
// gives d = D(1+δ), |δ| <= 2^-53 (D is zero or normal in range), and h = H(1+η) with
// η = b + a/2 + ab/2, so |η| < 2^-22.2 on AVX2. h↑ and h↓ are h with sqrtNudge added
// to or subtracted from its bits (integer adds, off the FMA pipes): h(1+μ↑) and
// h(1-μ↓) with μ↑ and μ↓ between 2^-20 and 2^-19 (within a factor 1 ± 2^-19 where the
// step crosses a power of two). So g + d*h↑ = g + D*H(1+δ)(1+η)(1+μ↑) and
// g + d*h↓ = g + D*H(1+δ)(1+η)(1-μ↓), and as μ > |δ| + |η| + |δη| the root
// S = g + D*H lies between these two exact sums. Each FMA rounds its sum once; if
// both round to the same float s, so does every real between them (rounding is
// monotonic), S included, and s is the correctly rounded root, powers of two and
// near-ties included, with no case analysis. NaN never compares equal.
func sqrtNewton(l *level, x VecVirtual, exact string) VecVirtual {
	y, h := rsqrtEstimate(l, x)
	half := c64(0.5)
	g := l.mul(x, y)
	r := l.copyv(h)
	l.vop(VFNMADD213PD, VFNMADD213PD_BCST, half, g, r) // r = 1/2 - g*h
	VFMADD231PD(g, r, g)                               // g += g*r
	VFMADD231PD(h, r, h)                               // h += h*r
	r = l.copyv(h)
	l.vop(VFNMADD213PD, VFNMADD213PD_BCST, half, g, r) // r = 1/2 - g*h
	VFMADD231PD(g, r, g)                               // g += g*r; h stays
	d := l.copyv(g)
	VFNMADD213PD(x, g, d) // d = x - g*g
	// The final FMA twice, with h nudged up and down, each into its nudged h.
	s, s2 := l.vec(), l.vec()
	l.vop(VPADDQ, VPADDQ_BCST, cbits(sqrtNudge), h, s)
	l.vop(VPSUBQ, VPSUBQ_BCST, cbits(sqrtNudge), h, s2)
	VFMADD213PD(g, d, s)  // s = d*h↑ + g
	VFMADD213PD(g, d, s2) // s2 = d*h↓ + g
	sqrtKeepOrRedo(l, x, s, s2, exact)
	return s
}

// rsqrtEstimate returns y ≈ 1/√x and h = y/2 for x in the Newton range.
//
// AVX-512: VRSQRT14PD, relative error below 2^-14; h by decrementing y's exponent (y
// is normal in range).
//
// AVX2: VRSQRTPS on x truncated to float32 by integer operations (the float32 lanes
// are the high halves of the float64 lanes, the low halves compute garbage), which is
// shorter than converting there and back: the truncation adds below 2^-24 and the
// garbage bits below the estimate's 23 bits add below 2^-23 to the estimate's
// relative error (1.5*2^-12 documented), which stays below 2^-11.4.
func rsqrtEstimate(l *level, x VecVirtual) (y, h VecVirtual) {
	y, h = l.vec(), l.vec()
	if l.wide {
		VRSQRT14PD(x, y)
		VPSUBQ_BCST(cbits(1<<52), y, h)
		return y, h
	}
	// The low 9 bits of x's exponent E and its 23 high mantissa bits, shifted to the
	// top of the lane, less 896 (the difference of the biases, 384 mod 512) in the
	// exponent: the high half of the lane is x as a float32, truncated, with a zero
	// sign bit since E - 896 is below 256 in range.
	e := l.vec()
	VPSLLQ(U8(3), x, e)
	VPSUBQ(cbits(384<<55), e, e)
	VRSQRTPS(e, e)
	// Back: the float32 estimate's bits in the double's place, rebiased; one less for
	// h, where the halving is free.
	VPSRLQ(U8(3), e, e)
	VPADDQ(cbits(896<<52), e, y)
	VPADDQ(cbits(895<<52), e, h)
	return y, h
}

// sqrtKeepOrRedo jumps to exact when every lane of x is in the Newton range and has
// s == s2; otherwise it sets s to VSQRTPD(x) and falls through to exact.
func sqrtKeepOrRedo(l *level, x, s, s2 VecVirtual, exact string) {
	if l.wide {
		// in range: bits(x) >= bits(2^-900) as signed integers (negative x, -Inf,
		// zero and subnormals are out; +Inf and NaN give NaN); fine: in range and
		// s == s2.
		inRange, fine := K(), K()
		VPCMPQ_BCST(U8(5), cbits(sqrtLoWide), x, inRange) // 5: not less than
		VCMPPD(U8(cmpEQ), s2, s, inRange, fine)
		KORTESTB(fine, fine) // carry: all eight lanes fine
		JCS(LabelRef(exact))
	} else {
		// in range: bits(x) - lo < span as unsigned (negative x, NaN, ±Inf, zero,
		// subnormals and x >= 2^125 are out), tested with a signed compare:
		// off = bits(x) - lo + 2^63 is then below span - 2^63 as signed.
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
}
