package main

import (
	. "github.com/mmcloughlin/avo/reg"
)

// genExtra emits the transcendental kernels beyond exp, log and the trig core: the
// float64 ones here, from their bodies in this package, and the float32 ones, which
// compute in float32 lanes, twice as many per instruction as float64 (invtrig32.go,
// exp2_32.go, expm1_32.go, log1p32.go, hyperbolic32.go, invhyperbolic32.go,
// erf32.go, cbrt32.go, hypot32.go; pow32.go with a float64 core).
func genExtra(l *level) {
	extraUnary64(l, "expm1", 2, expm1Body)
	extraUnary64(l, "log1p", 2, log1pBody)
	extraUnary64(l, "sinh", 1, sinhBody)
	extraUnary64(l, "cosh", 1, coshBody)
	extraUnary64(l, "tanh", 1, tanhBody)
	extraUnary64(l, "atan", 1, atanBody)
	extraUnary64(l, "asin", 1, func(l *level, x VecVirtual) VecVirtual { return asinAcosBody(l, x, false) })
	extraUnary64(l, "acos", 1, func(l *level, x VecVirtual) VecVirtual { return asinAcosBody(l, x, true) })
	emitBinary(l, "atan2", "y", "x", 1, atan2Body, f64)
	emitBinary(l, "pow", "x", "y", 1, powBody, f64)
	genPow32(l)
	genTan64(l)
	extraUnary64(l, "cbrt", 1, cbrtBody)
	genCbrt32(l)
	extraUnary64(l, "erf", 1, erfBody)
	genErf32(l)
	extraUnary64(l, "asinh", 1, asinhBody)
	extraUnary64(l, "acosh", 1, acoshBody)
	extraUnary64(l, "atanh", 1, atanhBody)
	emitBinary(l, "hypot", "x", "y", 1, hypotBody, f64)
	genHypot32(l)
	// float32 log2 and log10 have a shorter kernel of their own (log.go).
	extraUnary64(l, "log2", 2, func(l *level, x VecVirtual) VecVirtual { return logBaseBody(l, x, 2) })
	extraUnary64(l, "log10", 2, func(l *level, x VecVirtual) VecVirtual { return logBaseBody(l, x, 10) })
	genInvTrig32(l)
	genExp2Lanes32(l)
	genExpm1Lanes32(l)
	genLog1p32(l)
	genHyperbolic32(l)
	genInvHyperbolic32(l)
}

// extraUnary64 emits a one-input kernel op for float64 only.
func extraUnary64(l *level, op string, unroll int, body func(l *level, x VecVirtual) VecVirtual) {
	emitUnary(l, op, unroll, body, f64)
}

// emitUnary emits a one-input kernel op for each float type of types.
func emitUnary(l *level, op string, unroll int, body func(l *level, x VecVirtual) VecVirtual, types ...*ftype) {
	for _, t := range types {
		emitStream(l, stream{
			name: fname(op, t.name, l), sig: "func(dst, x []" + t.gotype + ")",
			ins: []string{"x"}, outs: []string{"dst"}, elem: t.elem, narrow: t.elem == 4, unroll: unroll,
			body: func(in []VecVirtual) []VecVirtual { return []VecVirtual{body(l, in[0])} },
		})
	}
}

// emitBinary emits a two-input kernel op(dst, a, b) for each float type of types.
func emitBinary(l *level, op, a, b string, unroll int, body func(l *level, a, b VecVirtual) VecVirtual, types ...*ftype) {
	for _, t := range types {
		emitStream(l, stream{
			name: fname(op, t.name, l), sig: "func(dst, " + a + ", " + b + " []" + t.gotype + ")",
			ins: []string{a, b}, outs: []string{"dst"}, elem: t.elem, narrow: t.elem == 4, unroll: unroll,
			body: func(in []VecVirtual) []VecVirtual { return []VecVirtual{body(l, in[0], in[1])} },
		})
	}
}
