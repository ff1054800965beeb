package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Float32 exp2 in float32 lanes. On AVX2 x is clamped to [-151, 129]: 2^-151 rounds
// to 0 and 2^129 overflows, so the clamp changes no result, and a NaN passes through;
// AVX-512 needs no clamp (see exp2LanesBody). n = round(x) (VRNDSCALEPS or VROUNDPS),
// s = x - n (exact, |s| <= 1/2; VREDUCEPS on AVX-512), and
//
//	2^s = 1 + s U(s)
//
// with U of degree 6 by Horner and the last step one FMA, so p = 2^s is within
// 0.5 ULP plus s times the error of U (about 0.3 ULP of p at most); the result is
// p * 2^n, rounded once (VSCALEFPS, or two exact factors 2^n1 2^n2 on AVX2). The
// exhaustive test (vec/invtrig32_amd64_test.go) finds at most 0.87 ULP, at
// subnormal results, where p is rounded twice.

const (
	exp2x32Lo = -151
	exp2x32Hi = 129
)

// exp2x32U holds U with 2^s ~ 1 + s U(s) (highest degree first): degree 6, fitted
// with mpmath's chebyfit to (2^s - 1)/s on [-1/2, 1/2] and rounded to float32; s U is
// then within 1.7e-9 of 2^s - 1.
var exp2x32U = []float32{1.529732435301412e-05, 0.00015461444854736328, 0.0013333501992747188,
	0.009618056938052177, 0.05550410971045494, 0.24022650718688965, 0.6931471824645996}

// exp2LanesBody computes 2^x of every float32 lane of x.
func exp2LanesBody(l *level, x VecVirtual) VecVirtual {
	n, s := l.vec(), l.vec()
	if l.wide {
		// No clamp: n = round(x) and s = x - n (VREDUCEPS, exact) for any x, s = 0
		// for |x| >= 2^23 and for ±Inf, and VSCALEFPS by n saturates to +Inf or 0;
		// a NaN x gives NaN through both.
		VRNDSCALEPS(U8(0), x, n)
		VREDUCEPS(U8(0), x, s)
	} else {
		xc := l.clamp32(x, exp2x32Lo, exp2x32Hi)
		VROUNDPS(U8(0), xc, n)
		s = l.sub32(xc, n) // exact
	}
	p := l.horner32(s, exp2x32U...)
	l.fmadd213x32(c32(1), s, p) // p = s U + 1
	return scalePow2Lanes(l, p, n)
}

// scalePow2Lanes returns p * 2^n, rounded once, for integer-valued float32 lanes n:
// VSCALEFPS on AVX-512 (any n, ±Inf and NaN included), scaleIntLanes on AVX2 (n in
// [-151, 129]).
func scalePow2Lanes(l *level, p, n VecVirtual) VecVirtual {
	if l.wide {
		d := l.vec()
		VSCALEFPS(n, p, d)
		return d
	}
	ni := l.vec()
	VCVTPS2DQ(n, ni)
	return scaleIntLanes(l, p, ni)
}

// roundPS sets n to the lanes of x rounded to the nearest integer (ties to even).
func roundPS(l *level, x, n VecVirtual) {
	if l.wide {
		VRNDSCALEPS(U8(0), x, n)
	} else {
		VROUNDPS(U8(0), x, n)
	}
}

// genExp2Lanes32 emits the float32-lane exp2 kernel.
func genExp2Lanes32(l *level) {
	emitStream(l, stream{
		name: fname("exp2", f32.name, l), sig: "func(dst, x []float32)",
		ins: []string{"x"}, outs: []string{"dst"}, elem: 4, unroll: 2,
		body: func(in []VecVirtual) []VecVirtual { return []VecVirtual{exp2LanesBody(l, in[0])} },
	})
}
