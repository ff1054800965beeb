package main

import (
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// ftype selects the float64 or float32 form of each arithmetic instruction.
type ftype struct {
	name, gotype string // "F64", "float64"
	elem         int    // bytes per element

	// Arithmetic, logic and comparison.
	add, sub, mul, div, vmin, vmax, sqrt func(...Op)
	and, or, xor, fmadd213, cmp          func(...Op)

	// AVX-512 forms reading one lane of a constant.
	xorBcast, broadcast func(...Op)

	signBit Mem // only the sign bit set in each lane
	one     Mem
}

var (
	f64 = &ftype{name: "F64", gotype: "float64", elem: 8,
		add: VADDPD, sub: VSUBPD, mul: VMULPD, div: VDIVPD, vmin: VMINPD, vmax: VMAXPD, sqrt: VSQRTPD,
		and: VANDPD, or: VORPD, xor: VXORPD, fmadd213: VFMADD213PD, cmp: VCMPPD,
		xorBcast: VXORPD_BCST, broadcast: VBROADCASTSD,
	}
	f32 = &ftype{name: "F32", gotype: "float32", elem: 4,
		add: VADDPS, sub: VSUBPS, mul: VMULPS, div: VDIVPS, vmin: VMINPS, vmax: VMAXPS, sqrt: VSQRTPS,
		and: VANDPS, or: VORPS, xor: VXORPS, fmadd213: VFMADD213PS, cmp: VCMPPS,
		xorBcast: VXORPS_BCST, broadcast: VBROADCASTSS,
	}
)

// consts fills in the constant operands (they must be created after avo's context
// exists, i.e. at generation time).
func (t *ftype) consts() {
	if t.elem == 8 {
		t.signBit = cbits(1 << 63)
		t.one = c64(1)
	} else {
		t.signBit = cbits32(1 << 31)
		t.one = c32(1)
	}
}

// constOf returns a vector memory operand holding v in every lane of t's type.
func (t *ftype) constOf(v float64) Mem {
	if t.elem == 8 {
		return c64(v)
	}
	return c32(float32(v))
}

// blend returns m ? ifTrue : ifFalse lane by lane, m computed by t.cmp.
func (t *ftype) blend(l *level, m mask, ifFalse, ifTrue Op) VecVirtual {
	if t.elem == 8 {
		return l.blendPD(m, ifFalse, ifTrue)
	}
	return l.blendPS(m, ifFalse, ifTrue)
}

// neg returns -x (a sign flip, exact).
func (t *ftype) neg(l *level, x VecVirtual) VecVirtual {
	return l.bop(t.xor, t.xorBcast, x, t.signBit)
}

// abs returns |x|: the and-not of the sign bit.
func (t *ftype) abs(l *level, x VecVirtual) VecVirtual {
	d := l.vec()
	if t.elem == 8 {
		VANDNPD(x, t.ldConst(l, t.signBit), d)
	} else {
		VANDNPS(x, t.ldConst(l, t.signBit), d)
	}
	return d
}

// compare returns the lanes where a pred b.
func (t *ftype) compare(l *level, pred int, a, b Op) mask {
	if l.wide {
		k := K()
		t.cmp(U8(pred), b, a, k)
		return mask{k: k}
	}
	m := l.vec()
	t.cmp(U8(pred), b, a, m)
	return mask{v: m}
}

// binary emits dst[i] = op(a[i], b[i]).
func binary(l *level, t *ftype, op string, f func(a, b VecVirtual) VecVirtual) {
	emitStream(l, stream{
		name: fname(op, t.name, l), sig: "func(dst, a, b []" + t.gotype + ")",
		ins: []string{"a", "b"}, outs: []string{"dst"}, elem: t.elem, unroll: 4, streaming: true,
		body: func(in []VecVirtual) []VecVirtual { return []VecVirtual{f(in[0], in[1])} },
	})
}

// unary emits dst[i] = op(x[i]).
func unary(l *level, t *ftype, op string, f func(x VecVirtual) VecVirtual) {
	emitStream(l, stream{
		name: fname(op, t.name, l), sig: "func(dst, x []" + t.gotype + ")",
		ins: []string{"x"}, outs: []string{"dst"}, elem: t.elem, unroll: 4, streaming: true,
		body: func(in []VecVirtual) []VecVirtual { return []VecVirtual{f(in[0])} },
	})
}

// withScalar emits dst[i] = op(x[i], c) for a scalar parameter c broadcast once.
func withScalar(l *level, t *ftype, op string, f func(x, c VecVirtual) VecVirtual) {
	var c VecVirtual
	emitStream(l, stream{
		name: fname(op, t.name, l), sig: "func(dst, x []" + t.gotype + ", c " + t.gotype + ")",
		ins: []string{"x"}, outs: []string{"dst"}, elem: t.elem, unroll: 4, streaming: true,
		setup: func() { c = broadcastParam(l, t, "c") },
		body:  func(in []VecVirtual) []VecVirtual { return []VecVirtual{f(in[0], l.sized(c))} },
	})
}

// op3 is a helper for three-operand instructions in Go operand order (b, a, dst: dst = a op b).
func op3(l *level, f func(...Op), b, a Op) VecVirtual {
	d := l.vec()
	f(b, a, d)
	return d
}

// genArith emits the exact IEEE 754 arithmetic kernels and the reductions.
func genArith(l *level) {
	for _, t := range []*ftype{f64, f32} {
		t.consts()
		binary(l, t, "add", func(a, b VecVirtual) VecVirtual { return op3(l, t.add, b, a) })
		binary(l, t, "sub", func(a, b VecVirtual) VecVirtual { return op3(l, t.sub, b, a) })
		binary(l, t, "mul", func(a, b VecVirtual) VecVirtual { return op3(l, t.mul, b, a) })
		binary(l, t, "div", func(a, b VecVirtual) VecVirtual { return op3(l, t.div, b, a) })
		binary(l, t, "min", func(a, b VecVirtual) VecVirtual { return minMaxOf(l, t, a, b, true) })
		binary(l, t, "max", func(a, b VecVirtual) VecVirtual { return minMaxOf(l, t, a, b, false) })
		unary(l, t, "neg", func(x VecVirtual) VecVirtual { return t.neg(l, x) })
		unary(l, t, "abs", func(x VecVirtual) VecVirtual { return t.abs(l, x) })
		if t == f64 {
			genSqrt(l, f64, sqrtPattern, sqrtNewton)
		} else {
			genSqrt(l, f32, sqrt32Pattern, sqrtNewton32)
		}
		unary(l, t, "recip", func(x VecVirtual) VecVirtual {
			return op3(l, t.div, x, t.ldConst(l, t.one))
		})
		withScalar(l, t, "scale", func(x, c VecVirtual) VecVirtual { return op3(l, t.mul, c, x) })
		withScalar(l, t, "addScalar", func(x, c VecVirtual) VecVirtual { return op3(l, t.add, c, x) })
		emitStream(l, stream{
			name: fname("fma", t.name, l), sig: "func(dst, a, b, c []" + t.gotype + ")",
			ins: []string{"a", "b", "c"}, outs: []string{"dst"}, elem: t.elem, unroll: 4, streaming: true,
			body: func(in []VecVirtual) []VecVirtual {
				t.fmadd213(in[2], in[1], in[0]) // a = b*a + c
				return []VecVirtual{in[0]}
			},
		})
		var a VecVirtual
		emitStream(l, stream{
			name: fname("axpy", t.name, l),
			sig:  "func(dst []" + t.gotype + ", a " + t.gotype + ", x, y []" + t.gotype + ")",
			ins:  []string{"x", "y"}, outs: []string{"dst"}, elem: t.elem, unroll: 4, streaming: true,
			setup: func() { a = broadcastParam(l, t, "a") },
			body: func(in []VecVirtual) []VecVirtual {
				t.fmadd213(in[1], l.sized(a), in[0]) // x = a*x + y
				return []VecVirtual{in[0]}
			},
		})
		reduction(l, t, "sum")
		reduction(l, t, "dot")
	}
}

// ldConst loads a constant into a register (for instructions that need it as their
// first source).
func (t *ftype) ldConst(l *level, c Mem) VecVirtual {
	r := l.vec()
	if l.wide {
		t.broadcast(c, r)
	} else {
		VMOVUPD(c, r)
	}
	return r
}

// paramAddr returns the stack address of a scalar parameter.
func paramAddr(name string) Mem {
	b, err := Param(name).Resolve()
	if err != nil {
		panic(err)
	}
	return b.Addr
}

// broadcastParam loads a scalar parameter into every lane of a register.
func broadcastParam(l *level, t *ftype, name string) VecVirtual {
	r := l.vec()
	if t.elem == 8 {
		VBROADCASTSD(paramAddr(name), r)
	} else {
		VBROADCASTSS(paramAddr(name), r)
	}
	return r
}

// minMaxOf returns min(a, b) (isMin) or max(a, b) of t's lanes, as math.Min and
// math.Max: the infinity in the direction of the operation wins even against NaN,
// otherwise NaN if either is NaN, and -0 < +0. The hardware instructions return their
// second operand for equal or unordered lanes, so equal lanes take a|b (min) or a&b
// (max), unordered lanes take a+b (a NaN), and last, lanes where either is that
// infinity take it.
func minMaxOf(l *level, t *ftype, a, b VecVirtual, isMin bool) VecVirtual {
	hw, tie, inf := t.vmax, t.and, math.Inf(1)
	if isMin {
		hw, tie, inf = t.vmin, t.or, math.Inf(-1)
	}
	r := op3(l, hw, b, a)
	r = t.blend(l, t.compare(l, cmpEQ, a, b), r, op3(l, tie, b, a))
	r = t.blend(l, t.compare(l, cmpUNORD, a, b), r, op3(l, t.add, b, a))
	c := t.constOf(inf)
	r = t.blend(l, t.compare(l, cmpEQ, a, c), r, c)
	return t.blend(l, t.compare(l, cmpEQ, b, c), r, c)
}
