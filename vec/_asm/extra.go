package main

import (
	. "github.com/mmcloughlin/avo/reg"
)

// genExtra emits the transcendental kernels beyond exp, log and the trig core. Most
// are one float64 body, emitted twice: over float64 slices, and over float32 slices
// widened to float64 lanes (narrow), where the float64 result, within 1 float64 ULP,
// rounds to within 0.5 + 2^-29 float32 ULP. The float32 kernels of expm1, log1p,
// sinh, cosh, tanh, atan, asin, acos, atan2, asinh, acosh and atanh (and of exp2,
// emitted here too) compute in float32 lanes instead, twice as many per instruction:
// invtrig32.go, exp2_32.go, expm1_32.go, log1p32.go, hyperbolic32.go,
// invhyperbolic32.go.
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
	extraBinary(l, "pow", "x", "y", 1, powBody)
	genTan64(l)
	extraUnary(l, "cbrt", 1, cbrtBody)
	extraUnary(l, "erf", 1, erfBody)
	extraUnary64(l, "asinh", 1, asinhBody)
	extraUnary64(l, "acosh", 1, acoshBody)
	extraUnary64(l, "atanh", 1, atanhBody)
	extraBinary(l, "hypot", "x", "y", 1, hypotBody)
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

// extraUnary emits a one-input kernel op for float64 and float32 from a float64 body.
func extraUnary(l *level, op string, unroll int, body func(l *level, x VecVirtual) VecVirtual) {
	emitUnary(l, op, unroll, body, f64, f32)
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

// extraBinary emits a two-input kernel op(dst, a, b) for float64 and float32.
func extraBinary(l *level, op, a, b string, unroll int, body func(l *level, a, b VecVirtual) VecVirtual) {
	emitBinary(l, op, a, b, unroll, body, f64, f32)
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
