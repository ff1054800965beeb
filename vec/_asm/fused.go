package main

import (
	"fmt"
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Fused dual kernels: one pass over the batch computes, for each vector of
// elements, the values, the local partials, and every tangent column while the
// partials are still in registers. The composed dual kernels of vec/generic_dual.go
// stage values and partials in scratch and then make one pass per tangent column;
// the fused kernels perform the same IEEE operations in the same order, so both give
// the same bits, and they save the scratch traffic and the per-column passes. The
// package's Add, Sub and FMA stay composed: their partials are free, and whole-column
// passes of the float kernels measured faster than a tangent loop per vector; their
// fused kernels serve vec.Sequence, whose pieces are short.
//
// Signatures: value columns first, then tangent columns as [][]float64 (one slice
// header per tangent; every column as long as the first value column), then the
// cursor of a vec.Prefetcher (see prefetchStep). Inputs are all loaded before
// anything of the same vector is stored, so dst may be the same batch as an input.

// tangentFunc turns the input tangents of one column into the output tangents of that
// column (the second result of a fused kernel's body).
type tangentFunc = func([]VecVirtual) []VecVirtual

// fusedKernel describes one fused dual kernel.
type fusedKernel struct {
	op          string // "dualSin": the function is op + "F64" or "F32" + level suffix
	t           *ftype
	vouts, vins []string // value column parameters
	touts, tins []string // tangent column parameters, in the same order as vouts, vins
	fallback    bool     // returns a nonzero int if some lane was left to Go (trig)
	// body computes the output values of one vector and the function that turns the
	// input tangents of one column into the output tangents of that column.
	body func(in []VecVirtual) (vals []VecVirtual, tangents tangentFunc)
}

// sig returns the Go signature of k.
func (k fusedKernel) sig() string {
	join := func(names []string) string {
		s := ""
		for i, n := range names {
			if i > 0 {
				s += ", "
			}
			s += n
		}
		return s
	}
	s := "func(" + join(append(append([]string{}, k.vouts...), k.vins...)) + " []" + k.t.gotype + ", " +
		join(append(append([]string{}, k.touts...), k.tins...)) + " [][]" + k.t.gotype + ", ahead *[4]uintptr)"
	if k.fallback {
		s += " (fallback int)"
	}
	return s
}

// emitFused writes kernel k for level l: a one-vector main loop and one masked tail
// vector, each with an inner loop over the tangent columns.
//
// Every kernel is emitted twice: the second, named with "NT" after the op
// (dualDivNTF64AVX512), writes full vectors with non-temporal stores, for outputs
// that will not be read again soon (vec.Dual.Stream). Its caller guarantees that
// every output column starts on a vector boundary, and orders the weakly ordered
// stores with storeFence before the results are used: a vec.Sequence calls the
// streaming kernels on every piece of a batch and fences once at the end, where a
// fence in each call cost more than the streaming saved.
func emitFused(l *level, k fusedKernel, flag *Register) {
	emitFusedVariant(l, k, flag, false)
	emitFusedVariant(l, k, flag, true)
}

func emitFusedVariant(l *level, k fusedKernel, flagp *Register, stream bool) {
	op := k.op
	if stream {
		op += "NT"
	}
	name := fname(op, k.t.name, l)
	addFusedEntry(l, k, stream, name)
	TEXT(name, NOSPLIT, k.sig())
	var flag Register
	if flagp != nil {
		*flagp = GP64()
		flag = *flagp
	}
	elem := k.t.elem
	n := Load(Param(k.vouts[0]).Len(), GP64())
	nt := Load(Param(k.touts[0]).Len(), GP64())
	bases := func(names []string) []Register {
		var r []Register
		for _, p := range names {
			r = append(r, Load(Param(p).Base(), GP64()))
		}
		return r
	}
	vins, vouts := bases(k.vins), bases(k.vouts)
	// Three inputs (FMA) leave too few general registers to hold the bases of their
	// tangent lists as well: those are reloaded from the arguments for every column.
	reloadTins := len(k.tins) > 2
	var tins []Register
	if !reloadTins {
		tins = bases(k.tins)
	}
	touts := bases(k.touts)
	if flag != nil {
		XORQ(flag, flag)
	}
	lanes := l.regBytes() / elem
	idx := GP64()
	XORQ(idx, idx)
	at := func(base Register, j int) Mem {
		return Mem{Base: base, Index: idx, Scale: uint8(elem), Disp: j * l.regBytes()}
	}

	// group computes count vectors from element idx on; tail masks the one vector of
	// a partial group.
	group := func(label string, count int, tail *mask) {
		vals := make([][]VecVirtual, count)
		tangents := make([]tangentFunc, count)
		for j := range count {
			var in []VecVirtual
			for _, b := range vins {
				r := l.vec()
				l.loadVec(at(b, j), r, elem, tail)
				in = append(in, r)
			}
			vals[j], tangents[j] = k.body(in)
		}
		store := func(r VecVirtual, m Mem) {
			switch {
			case stream && tail == nil && k.t == f64:
				VMOVNTPD(r, m)
			case stream && tail == nil:
				VMOVNTPS(r, m)
			default:
				l.storeVec(r, m, elem, tail)
			}
		}

		// Tangent column c lives at (*[]float64)(tbase + 24*c).
		col, off := GP64(), GP64()
		XORQ(col, col)
		XORQ(off, off)
		Label(label + "_tan")
		CMPQ(col, nt)
		JAE(LabelRef(label + "_tandone"))
		var tinPtr, toutPtr []Register
		for i, name := range k.tins {
			p := GP64()
			if reloadTins {
				Load(Param(name).Base(), p)
				MOVQ(Mem{Base: p, Index: off, Scale: 1}, p)
			} else {
				MOVQ(Mem{Base: tins[i], Index: off, Scale: 1}, p)
			}
			tinPtr = append(tinPtr, p)
		}
		for _, b := range touts {
			p := GP64()
			MOVQ(Mem{Base: b, Index: off, Scale: 1}, p)
			toutPtr = append(toutPtr, p)
		}
		for j := range count {
			var tin []VecVirtual
			for _, p := range tinPtr {
				r := l.vec()
				l.loadVec(at(p, j), r, elem, tail)
				tin = append(tin, r)
			}
			for i, r := range tangents[j](tin) {
				store(r, at(toutPtr[i], j))
			}
		}
		ADDQ(U8(24), off)
		INCQ(col)
		JMP(LabelRef(label + "_tan"))
		Label(label + "_tandone")
		for j := range count {
			for i, b := range vouts {
				store(vals[j][i], at(b, j))
			}
		}
	}

	// Two vectors per iteration on AVX-512 overlap the long dependency chains of the
	// function bodies; AVX2's 16 registers hold one.
	unroll := 1
	if l.wide {
		unroll = 2
	}
	if unroll > 1 {
		Label(name + "_pair")
		CMPQ(n, U32(unroll*lanes))
		JB(LabelRef(name + "_loop"))
		if takesAhead(k.op) {
			prefetchStep(name+"_pf2", aheadLines(l, unroll))
		}
		group(name+"_main2", unroll, nil)
		ADDQ(U32(unroll*lanes), idx)
		SUBQ(U32(unroll*lanes), n)
		JMP(LabelRef(name + "_pair"))
	}
	Label(name + "_loop")
	CMPQ(n, U32(lanes))
	JB(LabelRef(name + "_tail"))
	if takesAhead(k.op) {
		prefetchStep(name+"_pf", aheadLines(l, 1))
	}
	group(name+"_main", 1, nil)
	ADDQ(U32(lanes), idx)
	SUBQ(U32(lanes), n)
	JMP(LabelRef(name + "_loop"))

	Label(name + "_tail")
	TESTQ(n, n)
	JZ(LabelRef(name + "_done"))
	tm := l.tailMask(n, elem, false)
	group(name+"_tailvec", 1, &tm)

	Label(name + "_done")
	if flag != nil {
		Store(flag, ReturnIndex(0))
	}
	VZEROUPPER()
	RET()
}

// takesAhead reports whether kernel op takes steps of a vec.Prefetcher's queue: all
// but the few whose bodies are a handful of instructions (mul, min, max, abs), where
// even the check for a queue measured up to 19% slower (AVX2 mul in L1) and there is
// no arithmetic for the requests to overlap.
func takesAhead(op string) bool {
	switch op {
	case "dualMul", "dualMin", "dualMax", "dualAbs":
		return false
	}
	return true
}

// aheadLines is the number of cache lines a fused kernel asks for per iteration over
// that many vector registers: twice the bytes of one column of them, so that a
// compute-bound kernel such as sin pulls in the inputs of expr's next block (two
// columns of as many points as the block) in one pass over the current block.
func aheadLines(l *level, vectors int) int {
	return max(1, 2*vectors*l.regBytes()/64)
}

// prefetchStep emits one step of a vec.Prefetcher's queue: it asks for lines cache
// lines at the cursor's next line, moving to the next queued range when the current
// one is done, and does nothing once the queue is empty. The cursor (parameter ahead,
// nil for none) is four words: the next line, the end of its range, the next queued
// range (two words: start and end) and the end of the queue. Spread over a kernel's
// iterations the requests overlap its arithmetic; issued all at once before a kernel
// they measured no faster than none on Zen 5 (the load queue fills, and the hints are
// dropped or hold up the kernel's own loads from L2).
func prefetchStep(label string, lines int) {
	p := Load(Param("ahead"), GP64())
	TESTQ(p, p) // nil: no queue, the common case, at the cost of one load
	JZ(LabelRef(label + "_done"))
	next := GP64()
	MOVQ(Mem{Base: p}, next)
	CMPQ(next, Mem{Base: p, Disp: 8})
	JB(LabelRef(label + "_ask"))
	q := GP64()
	MOVQ(Mem{Base: p, Disp: 16}, q)
	CMPQ(q, Mem{Base: p, Disp: 24})
	JAE(LabelRef(label + "_done"))
	MOVQ(Mem{Base: q}, next)
	end := GP64()
	MOVQ(Mem{Base: q, Disp: 8}, end)
	MOVQ(end, Mem{Base: p, Disp: 8})
	ADDQ(U8(16), Mem{Base: p, Disp: 16})
	Label(label + "_ask")
	for i := range lines {
		PREFETCHT1(Mem{Base: next, Disp: 64 * i})
	}
	ADDQ(U32(64*lines), next)
	MOVQ(next, Mem{Base: p})
	Label(label + "_done")
}

// scaled returns the tangent function of a one-input, one-output rule with local
// derivative d: tan == 0 ? 0 : d*tan, as the tangent kernel scaleTan.
func scaled(l *level, t *ftype, d VecVirtual) tangentFunc {
	return func(tan []VecVirtual) []VecVirtual { return []VecVirtual{maskedMul(l, t, d, tan[0])} }
}

// combined returns the tangent function of a two-input rule with partials da and db,
// as the tangent kernel combineTan.
func combined(l *level, t *ftype, da, db VecVirtual) tangentFunc {
	return func(tan []VecVirtual) []VecVirtual {
		x := maskedMul(l, t, da, tan[0])
		y := maskedMul(l, t, db, tan[1])
		return []VecVirtual{op3(l, t.add, y, x)}
	}
}

// recipOf returns 1/v, as the recip kernel.
func recipOf(l *level, t *ftype, v VecVirtual) VecVirtual {
	return op3(l, t.div, v, t.ldConst(l, t.one))
}

// emitFusedUnary emits the fused kernel op of a one-input function whose body gives
// the value and the local derivative, which scales every tangent column.
func emitFusedUnary(l *level, t *ftype, op string, body func(x VecVirtual) (v, d VecVirtual)) {
	emitFused(l, fusedKernel{op: op, t: t, vouts: []string{"dv"}, vins: []string{"xv"},
		touts: []string{"dd"}, tins: []string{"xd"},
		body: func(in []VecVirtual) ([]VecVirtual, tangentFunc) {
			v, d := body(in[0])
			return []VecVirtual{v}, scaled(l, t, d)
		}}, nil)
}

// genFused emits the fused dual kernels of level l.
func genFused(l *level) {
	unaryK := func(t *ftype, op string, body func(x VecVirtual) (v, d VecVirtual)) {
		emitFusedUnary(l, t, op, body)
	}
	binaryK := func(t *ftype, op string, body func(a, b VecVirtual) ([]VecVirtual, tangentFunc)) {
		emitFused(l, fusedKernel{op: op, t: t, vouts: []string{"dv"}, vins: []string{"av", "bv"},
			touts: []string{"dd"}, tins: []string{"ad", "bd"},
			body: func(in []VecVirtual) ([]VecVirtual, tangentFunc) { return body(in[0], in[1]) }}, nil)
	}

	// Trig (float64): lanes beyond trigBound (and infinities) are left to Go as the
	// float kernels leave them: the value is x itself and the local derivatives are
	// 1, so each tangent column holds the input tangent for the Go fix-up to scale.
	var flag Register
	trig := func(x VecVirtual) (trigResult, Mem) {
		// Constants stay in memory: kept in registers (trigBodyConsts) they leave too
		// few for the tangent loop, and the kernel measured 1.35x slower.
		r := trigBody(l, x, true, true)
		bits := GP64()
		if l.wide {
			KMOVW(r.big.k, bits.As32())
		} else {
			VMOVMSKPD(r.big.v, bits.As32())
		}
		ORQ(bits, flag)
		return r, c64(1)
	}
	trigK := func(op string, outs []string, body func(x VecVirtual) ([]VecVirtual, tangentFunc)) {
		var touts []string
		for _, o := range outs {
			touts = append(touts, o[:1]+"d")
		}
		emitFused(l, fusedKernel{op: op, t: f64, vouts: outs, vins: []string{"xv"}, touts: touts,
			tins: []string{"xd"}, fallback: true,
			body: func(in []VecVirtual) ([]VecVirtual, tangentFunc) { return body(in[0]) }}, &flag)
	}
	trigK("dualSin", []string{"dv"}, func(x VecVirtual) ([]VecVirtual, tangentFunc) {
		r, one := trig(x)
		v := l.blendPD(r.big, r.sin, x)
		d := l.blendPD(r.big, r.cos, one)
		return []VecVirtual{v}, scaled(l, f64, d)
	})
	trigK("dualCos", []string{"dv"}, func(x VecVirtual) ([]VecVirtual, tangentFunc) {
		r, one := trig(x)
		v := l.blendPD(r.big, r.cos, x)
		d := l.blendPD(r.big, f64.neg(l, r.sin), one)
		return []VecVirtual{v}, scaled(l, f64, d)
	})
	trigK("dualSincos", []string{"sv", "cv"}, func(x VecVirtual) ([]VecVirtual, tangentFunc) {
		r, one := trig(x)
		s := l.blendPD(r.big, r.sin, x)
		c := l.blendPD(r.big, r.cos, x)
		ds := l.blendPD(r.big, r.cos, one)
		dc := l.blendPD(r.big, f64.neg(l, r.sin), one)
		return []VecVirtual{s, c}, func(t []VecVirtual) []VecVirtual {
			return []VecVirtual{maskedMul(l, f64, ds, t[0]), maskedMul(l, f64, dc, t[0])}
		}
	})
	unaryK(f64, "dualExp", func(x VecVirtual) (v, d VecVirtual) {
		v = expBody(l, x)
		return v, v
	})
	unaryK(f64, "dualLog", func(x VecVirtual) (v, d VecVirtual) {
		return logBody(l, x), recipOf(l, f64, x)
	})

	// The functions of extra.go, with the local derivatives of the composed rules
	// (generic_dual.go) in the same operations.
	one := func() VecVirtual { return f64.ldConst(l, c64(1)) }
	recipC := func(v VecVirtual) VecVirtual { return recipOf(l, f64, v) }
	unaryK(f64, "dualExpm1", func(x VecVirtual) (v, d VecVirtual) {
		return expm1Body(l, x), expBody(l, x)
	})
	unaryK(f64, "dualLog1p", func(x VecVirtual) (v, d VecVirtual) {
		return log1pBody(l, x), recipC(l.add(x, c64(1)))
	})
	unaryK(f64, "dualSinh", func(x VecVirtual) (v, d VecVirtual) {
		return sinhBody(l, x), coshBody(l, x)
	})
	unaryK(f64, "dualCosh", func(x VecVirtual) (v, d VecVirtual) {
		return coshBody(l, x), sinhBody(l, x)
	})
	unaryK(f64, "dualTanh", func(x VecVirtual) (v, d VecVirtual) {
		c := coshBody(l, x)
		return tanhBody(l, x), recipC(l.mul(c, c)) // 1/cosh², see tanhRule
	})
	unaryK(f64, "dualAtan", func(x VecVirtual) (v, d VecVirtual) {
		return atanBody(l, x), recipC(l.add(l.mul(x, x), c64(1)))
	})
	asinAcos := func(acos bool) func(x VecVirtual) (v, d VecVirtual) {
		return func(x VecVirtual) (v, d VecVirtual) {
			// 1/sqrt((1-x)(1+x)), negated for acos as -1/sqrt(...)
			w := l.mul(op3(l, VSUBPD, x, one()), l.add(x, c64(1)))
			VSQRTPD(w, w)
			if acos {
				d = op3(l, VDIVPD, w, f64.ldConst(l, c64(-1)))
			} else {
				d = recipC(w)
			}
			return asinAcosBody(l, x, acos), d
		}
	}
	unaryK(f64, "dualAsin", asinAcos(false))
	unaryK(f64, "dualAcos", asinAcos(true))
	unaryK(f64, "dualErf", func(x VecVirtual) (v, d VecVirtual) {
		e := expBody(l, f64.neg(l, l.mul(x, x)))
		return erfBody(l, x), l.mul(e, c64(2/math.SqrtPi))
	})
	unaryK(f64, "dualCbrt", func(x VecVirtual) (v, d VecVirtual) {
		v = cbrtBody(l, x)
		return v, recipC(l.mul(l.mul(v, c64(3)), v)) // 1/((3*v)*v)
	})

	for _, t := range []*ftype{f64, f32} {
		unaryK(t, "dualSqrt", func(x VecVirtual) (v, d VecVirtual) {
			v = l.vec()
			t.sqrt(x, v)
			// 0.5/(v+0): adding +0 makes sqrt(-0) = -0 give +Inf, as the composed rule.
			d = recipOf(l, t, l.bop(t.add, addBcast(t), v, t.constOf(0)))
			return v, l.bop(t.mul, mulBcast(t), d, t.constOf(0.5))
		})
		unaryK(t, "dualRecip", func(x VecVirtual) (v, d VecVirtual) {
			v = recipOf(l, t, x)
			return v, t.neg(l, op3(l, t.mul, v, v))
		})
		binaryK(t, "dualMul", func(a, b VecVirtual) ([]VecVirtual, tangentFunc) {
			return []VecVirtual{op3(l, t.mul, b, a)}, combined(l, t, b, a)
		})
		// Sum, difference and a*b + c, for a vec.Sequence to run piece by piece: the
		// package's functions keep the composed kernels, whose whole-column passes
		// measured faster (see the comment at the top). The same operations as those.
		binaryK(t, "dualAdd", func(a, b VecVirtual) ([]VecVirtual, tangentFunc) {
			return []VecVirtual{op3(l, t.add, b, a)}, func(d []VecVirtual) []VecVirtual {
				return []VecVirtual{op3(l, t.add, d[1], d[0])}
			}
		})
		binaryK(t, "dualSub", func(a, b VecVirtual) ([]VecVirtual, tangentFunc) {
			return []VecVirtual{op3(l, t.sub, b, a)}, func(d []VecVirtual) []VecVirtual {
				return []VecVirtual{op3(l, t.sub, d[1], d[0])}
			}
		})
		emitFused(l, fusedKernel{op: "dualFMA", t: t, vouts: []string{"dv"}, vins: []string{"av", "bv", "cv"},
			touts: []string{"dd"}, tins: []string{"ad", "bd", "cd"},
			body: func(in []VecVirtual) ([]VecVirtual, tangentFunc) {
				a, b, c := in[0], in[1], in[2]
				v := l.copyv(a)
				t.fmadd213(c, b, v) // b*a + c, one rounding
				ab := combined(l, t, b, a)
				return []VecVirtual{v}, func(d []VecVirtual) []VecVirtual {
					return []VecVirtual{op3(l, t.add, d[2], ab(d[:2])[0])} // (b da + a db) + dc
				}
			}}, nil)
		// float32 division is cheap enough to do twice; float64 has both forms (see
		// quotient and vec's fastDivider).
		binaryK(t, "dualDiv", divBody(l, t, t == f64))
		if t == f64 {
			binaryK(t, "dualDivDirect", divBody(l, t, false))
		}
	}
	genFusedMore(l) // pow, min, max, abs, atan2, hypot, tan, exp2, log2, log10, asinh, acosh, atanh
	genFused32(l)   // the float32 kernels beyond sqrt, recip, mul and div
}

// divBody is the fused dual quotient a/b: value RN(a/b), partials 1/b and -(a/b)/b.
// With markstein the value comes from the reciprocal the partials need (quotient),
// else from a second division instruction; both give the same bits.
func divBody(l *level, t *ftype, markstein bool) func(a, b VecVirtual) ([]VecVirtual, tangentFunc) {
	return func(a, b VecVirtual) ([]VecVirtual, tangentFunc) {
		da := recipOf(l, t, b)
		var q VecVirtual
		if markstein {
			q = quotient(l, a, b, da)
		} else {
			q = op3(l, t.div, b, a)
		}
		db := t.neg(l, op3(l, t.mul, da, q))
		return []VecVirtual{q}, combined(l, t, da, db)
	}
}

// addBcast and mulBcast are the AVX-512 embedded-broadcast forms of t's add and mul.
func addBcast(t *ftype) func(...Op) {
	if t == f64 {
		return VADDPD_BCST
	}
	return VADDPS_BCST
}

func mulBcast(t *ftype) func(...Op) {
	if t == f64 {
		return VMULPD_BCST
	}
	return VMULPS_BCST
}

// Markstein's division: with y = RN(1/b), q0 = RN(a*y) and the exact remainder
// r = a - b*q0 (one FMA), RN(q0 + r*y) is the correctly rounded a/b when nothing
// overflows or underflows (P. Markstein, IBM J. Res. Dev. 34(1), 1990; Muller et al.,
// Handbook of Floating-Point Arithmetic, 2nd ed., Theorem 4.14). The dual quotient
// needs y = 1/b for its partials anyway, so this saves the second division. Lanes
// outside markLo <= |a|, |b| <= markHi (zeros, subnormals, infinities, NaN, huge
// values) take the division instruction: the vector then runs VDIVPD as before.
// The range check costs about as much as the division it saves where the divider is
// fast (Zen 5), so dualDivDirect divides twice instead and vec picks per processor.
const (
	markLo = 0x1p-500
	markHi = 0x1p500
)

// fusedLabels numbers the labels quotient emits.
var fusedLabels int

// quotient returns RN(a/b) given y = RN(1/b).
func quotient(l *level, a, b, y VecVirtual) VecVirtual {
	fusedLabels++
	slow := fmt.Sprintf("quotient_slow_%d", fusedLabels)
	done := fmt.Sprintf("quotient_done_%d", fusedLabels)
	q := l.mul(a, y)
	r := l.copyv(a)
	VFNMADD231PD(b, q, r) // r = a - q*b, exact
	VFMADD231PD(r, y, q)  // q = q + r*y, rounded once
	absA, absB := l.vec(), l.vec()
	sign := l.ld(cbits(1 << 63))
	VANDNPD(a, sign, absA)
	VANDNPD(b, sign, absB)
	if l.wide {
		k1 := l.cmpPD(cmpGE, absA, c64(markLo)).k
		k2 := l.cmpPD(cmpLE, absA, c64(markHi)).k
		k3 := l.cmpPD(cmpGE, absB, c64(markLo)).k
		k4 := l.cmpPD(cmpLE, absB, c64(markHi)).k
		KANDW(k1, k2, k1)
		KANDW(k3, k4, k3)
		KANDW(k1, k3, k1)
		KORTESTB(k1, k1) // carry set when all eight lanes are in range
		JCS(LabelRef(done))
	} else {
		m1 := l.cmpPD(cmpGE, absA, c64(markLo)).v
		m2 := l.cmpPD(cmpLE, absA, c64(markHi)).v
		m3 := l.cmpPD(cmpGE, absB, c64(markLo)).v
		m4 := l.cmpPD(cmpLE, absB, c64(markHi)).v
		VANDPD(m1, m2, m1)
		VANDPD(m3, m4, m3)
		VANDPD(m1, m3, m1)
		bits := GP32()
		VMOVMSKPD(m1, bits)
		CMPL(bits, U8(15))
		JE(LabelRef(done))
	}
	Label(slow)
	VDIVPD(b, a, q)
	Label(done)
	return q
}

// genStoreFence emits the SFENCE that orders the non-temporal stores of the streaming
// fused kernels before the stores after it (see emitFused), storeFenceAVX2 and
// storeFenceAVX512: the same code, SFENCE being baseline x86-64, with each level's
// name so that every function belongs to the level it is gated with.
func genStoreFence(l *level) {
	name := fname("storeFence", "", l)
	TEXT(name, NOSPLIT, "func()")
	Doc(name + " orders the non-temporal stores before it before every store after it.")
	SFENCE()
	RET()
}
