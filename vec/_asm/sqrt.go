package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// The float64 square root kernel alternates between VSQRTPD and a Newton sequence that
// runs on the FMA pipes, so the divide/square-root unit and the FMA units work at the
// same time: VSQRTPD alone is bound by its throughput (about 2 cycles per element on
// Zen 4), well below the memory bandwidth at streaming sizes. Both halves return the
// correctly rounded root: the Newton result is checked lane by lane and the whole
// vector is recomputed with VSQRTPD when any lane fails the check (out of range, or too
// near a rounding boundary), which random inputs in range almost never do.

// Newton check constants. In range, the inputs, intermediates and the check's
// threshold are normal numbers. The estimate is VRSQRT14PD on AVX-512 (relative error
// below 2^-14, all float64 inputs) and VRSQRTPS on a float32 copy on AVX2 (1.5*2^-12,
// float32 inputs only, hence the narrower range).
const (
	sqrtLoWide   = (1023 - 900) << 52 // bits of 2^-900
	sqrtSpanWide = 1800 << 52         // bits of 2^900 minus bits of 2^-900
	sqrtLoAVX2   = (1023 - 125) << 52 // bits of 2^-125
	sqrtSpanAVX2 = 250 << 52          // bits of 2^125 minus bits of 2^-125

	// sqrtTieMargin is how near (as a fraction of half an ulp) the unrounded Newton
	// result may come to a rounding boundary before the lane is recomputed. The
	// unrounded result is within 2^-34 ulp of the root (see sqrtNewton), so 2^-16
	// leaves a wide margin (even an estimate twice as coarse as documented stays
	// inside it), and a random lane falls in it with probability 2^-16.
	sqrtTieMargin = 0x1p-16
)

// genSqrtF64 emits sqrtF64<level>: dst[i] = sqrt(x[i]) correctly rounded. Every
// newtonEvery-th vector takes the Newton sequence, the others VSQRTPD: the shares that
// measured fastest on Zen 4, where the check costs relatively more at the AVX2 width.
func genSqrtF64(l *level) {
	name := fname("sqrt", f64.name, l)
	newtonEvery := 4
	if l.wide {
		newtonEvery = 2
	}
	calls := 0
	emitStream(l, stream{
		name: name, sig: "func(dst, x []float64)",
		ins: []string{"x"}, outs: []string{"dst"}, elem: 8, unroll: 4, streaming: true,
		// Compute-bound: the streaming loop keeps the full ZMM width on AVX-512.
		ntFullWidth: true,
		body: func(in []VecVirtual) []VecVirtual {
			calls++
			if calls%newtonEvery != 0 {
				d := l.vec()
				VSQRTPD(in[0], d)
				return []VecVirtual{d}
			}
			return []VecVirtual{sqrtNewton(l, in[0], fmt.Sprintf("%s_exact%d", name, calls))}
		},
	})
}

// sqrtNewton returns the correctly rounded square root of each lane of x, computed
// with FMAs from a reciprocal square root estimate y ≈ 1/sqrt(x):
//
//	g = x*y ≈ sqrt(x), h = y/2 ≈ 1/(2 sqrt(x))
//	twice: r = 1/2 - g*h, g += g*r, h += h*r
//	d = x - g*g (one rounding), s = g + d*h (one rounding)
//
// If g and h have relative error ε, r ≈ -ε and one step leaves about -(3/2)ε²: from
// 2^-14 (AVX-512) that is below 2^-52 after two steps, so rounding (a few ulps)
// dominates; from 2^-11.4 (AVX2) it is 2^-43.8. The unrounded s differs from sqrt(x)
// by about (3/2)ε² sqrt(x), below 2^-34 ulp in both cases. s is then the correctly
// rounded root unless sqrt(x) lies within that distance of a rounding boundary, and
// the check recomputes every lane where the unrounded s (z = (g - s) + d*h, g - s
// exact) comes within the margin of half the gap below or above s. The gap is taken
// from the exponent of the float just below s, so at a power of two it is the smaller
// one.
func sqrtNewton(l *level, x VecVirtual, exact string) VecVirtual {
	y := l.vec()
	if l.wide {
		VRSQRT14PD(x, y)
	} else {
		x32 := XMM()
		VCVTPD2PSY(x, x32)
		VRSQRTPS(x32, x32)
		VCVTPS2PD(x32, y)
	}
	half := c64(0.5)
	g := l.mul(x, y)
	h := l.mul(y, half)
	for range 2 {
		r := l.copyv(h)
		l.vop(VFNMADD213PD, VFNMADD213PD_BCST, half, g, r) // r = 1/2 - g*h
		VFMADD231PD(g, r, g)                               // g += g*r
		VFMADD231PD(h, r, h)                               // h += h*r
	}
	d := l.copyv(g)
	VFNMADD213PD(x, g, d) // d = x - g*g
	s := l.copyv(g)
	VFMADD231PD(d, h, s) // s = g + d*h

	z := l.sub(g, s)
	VFMADD231PD(d, h, z) // z = (g - s) + d*h: the unrounded s minus s
	l.vop(VANDPD, VANDPD_BCST, cbits(1<<63-1), z, z)
	gap := l.vec() // 2^e for the float just below s, e its exponent
	l.vop(VPSUBQ, VPSUBQ_BCST, cbits(1), s, gap)
	l.vop(vpand, VPANDQ_BCST, cbits(0x7ff<<52), gap, gap)
	limit := l.mul(gap, c64(0x1p-53*(1-sqrtTieMargin))) // half an ulp, less the margin

	if l.wide {
		// in range: bits(x) - lo < span as unsigned (negative x, NaN, ±Inf, zero and
		// subnormals are out); fine: in range and |z| < limit.
		off := l.vec()
		VPSUBQ_BCST(cbits(sqrtLoWide), x, off)
		inRange, fine := K(), K()
		VPCMPUQ_BCST(U8(1), cbits(sqrtSpanWide), off, inRange) // 1: less than
		VCMPPD(U8(cmpLT), limit, z, inRange, fine)
		KORTESTB(fine, fine) // carry: all eight lanes fine
		JCS(LabelRef(exact))
	} else {
		// The same range test with signed compares: off = bits(x) - lo + 2^63 is below
		// span - 2^63 (as signed) exactly when bits(x) - lo < span as unsigned.
		off, bad, near := l.vec(), l.vec(), l.vec()
		VPSUBQ(cbits(sqrtLoAVX2+1<<63), x, off)
		VPCMPGTQ(cbits(sqrtSpanAVX2+1<<63-1), off, bad) // off >= span - 2^63
		VCMPPD(U8(cmpNLTUQ), limit, z, near)            // |z| >= limit or NaN
		VORPD(near, bad, bad)
		signs := GP32() // VMOVMSKPD measured 10% ahead of VPTEST here
		VMOVMSKPD(bad, signs)
		TESTL(signs, signs)
		JZ(LabelRef(exact))
	}
	VSQRTPD(x, s)
	Label(exact)
	return s
}

// vpand is VPAND (VEX encoded, for AVX2) in the variadic form vop takes.
func vpand(ops ...Op) { VPAND(ops[0], ops[1], ops[2]) }

// cmpNLTUQ is the comparison predicate "not less than", true for unordered lanes.
const cmpNLTUQ = 0x15
