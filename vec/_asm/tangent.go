package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/reg"
)

// Tangent kernels for the dual (structure of arrays) operations, NaN-safe like package
// dual: a zero tangent contributes exactly zero even where the local derivative is
// infinite or NaN.
//
//	scaleTan:   dst[i] = tan[i] == 0 ? 0 : d[i]*tan[i]
//	combineTan: dst[i] = (ta[i] == 0 ? 0 : da[i]*ta[i]) + (tb[i] == 0 ? 0 : db[i]*tb[i])
//
// The products and the sum round separately (no FMA), like the generic level.

// maskedMul returns tan != 0 ? d*tan : +0.
func maskedMul(l *level, t *ftype, d, tan VecVirtual) VecVirtual {
	zero := l.vec()
	t.xor(zero, zero, zero)
	nz := t.compare(l, cmpNEQ, tan, zero) // NaN tangents are "not zero": d*NaN = NaN
	r := l.vec()
	if l.wide {
		if t.elem == 8 {
			VMULPD_Z(tan, d, nz.k, r)
		} else {
			VMULPS_Z(tan, d, nz.k, r)
		}
		return r
	}
	t.mul(tan, d, r)
	t.and(nz.v, r, r)
	return r
}

// genTangent emits scaleTan and combineTan for both float types.
func genTangent(l *level) {
	for _, t := range []*ftype{f64, f32} {
		emitStream(l, stream{
			name: fname("scaleTan", t.name, l), sig: "func(dst, d, tan []" + t.gotype + ")",
			ins: []string{"d", "tan"}, outs: []string{"dst"}, elem: t.elem, unroll: 4,
			body: func(in []VecVirtual) []VecVirtual {
				return []VecVirtual{maskedMul(l, t, in[0], in[1])}
			},
		})
		emitStream(l, stream{
			name: fname("combineTan", t.name, l), sig: "func(dst, da, ta, db, tb []" + t.gotype + ")",
			ins: []string{"da", "ta", "db", "tb"}, outs: []string{"dst"}, elem: t.elem, unroll: 2,
			body: func(in []VecVirtual) []VecVirtual {
				x := maskedMul(l, t, in[0], in[1])
				y := maskedMul(l, t, in[2], in[3])
				return []VecVirtual{op3(l, t.add, y, x)}
			},
		})
	}
}
