package main

// Elementwise arithmetic and reductions. The main loop handles 4 vectors per input
// (ld1 of four registers) so that the 4 results are independent chains; the tail
// handles one element at a time with lane-0 loads and stores around the SAME vector
// instructions, so every element gets bit-identical results whatever its position.

import "math"

// elementwise describes one kernel dst[i] = f(inputs[i]..., scalar).
type elementwise struct {
	name   string
	params []param // after dst, in Go order
	// body returns the instructions for one vector group: g.in holds the input
	// registers (in slice-param order); out is the index into g.in of the register
	// holding the result.
	body func(ar arrangement, g group) (ins []inst, out int)
	one  bool    // body uses the vector of 1.0
	inf  float64 // body uses a vector of this infinity (0: none)
}

// group is the registers one vector group of an elementwise kernel works with.
type group struct {
	in       []vreg // inputs
	tmp      [2]vreg
	c        vreg // the broadcast scalar argument
	one, inf vreg // broadcast 1.0 and the kernel's infinity
}

const (
	unroll  = 4  // vectors per input per main-loop iteration
	vScalar = 31 // broadcast scalar argument
	vOne    = 30 // broadcast 1.0
	vInf    = 29 // broadcast infinity
	vTemps  = 16 // first temporary register: group j uses vTemps+2j and vTemps+2j+1
)

var arithKernels = []elementwise{
	binaryOp("add", fadd), binaryOp("sub", fsub), binaryOp("mul", fmul), binaryOp("div", fdiv),
	unaryOp("neg", fneg), unaryOp("abs", fabs), unaryOp("sqrt", fsqrt),
	{name: "recip", params: sliceParams("x"), one: true, body: func(ar arrangement, g group) ([]inst, int) {
		return []inst{fdiv(ar, g.in[0], g.one, g.in[0])}, 0
	}},
	{name: "scale", params: append(sliceParams("x"), param{name: "c"}), body: func(ar arrangement, g group) ([]inst, int) {
		return []inst{fmul(ar, g.in[0], g.in[0], g.c)}, 0
	}},
	{name: "addScalar", params: append(sliceParams("x"), param{name: "c"}), body: func(ar arrangement, g group) ([]inst, int) {
		return []inst{fadd(ar, g.in[0], g.in[0], g.c)}, 0
	}},
	// fma: c + a*b with one rounding, accumulated into c's register.
	{name: "fma", params: sliceParams("a", "b", "c"), body: func(ar arrangement, g group) ([]inst, int) {
		return []inst{fmla(ar, g.in[2], g.in[0], g.in[1])}, 2
	}},
	// axpy: a*x + y with one rounding, accumulated into y's register.
	{name: "axpy", params: append([]param{{name: "a"}}, sliceParams("x", "y")...), body: func(ar arrangement, g group) ([]inst, int) {
		return []inst{fmla(ar, g.in[1], g.in[0], g.c)}, 1
	}},
	minMax("min", fmin, fminnm, math.Inf(-1)),
	minMax("max", fmax, fmaxnm, math.Inf(1)),
	// Tangent loops of the dual kernels: a zero tangent gives a zero term even where
	// the derivative is Inf or NaN (as the generic scaleTangent and combineTangents).
	{name: "scaleTangent", params: sliceParams("d", "tan"), body: func(ar arrangement, g group) ([]inst, int) {
		d, tan, zero := g.in[0], g.in[1], g.tmp[0]
		return []inst{fcmeqZero(ar, zero, tan), fmul(ar, d, d, tan), bic16b(d, d, zero)}, 0
	}},
	{name: "combineTangents", params: sliceParams("da", "ta", "db", "tb"), body: func(ar arrangement, g group) ([]inst, int) {
		da, ta, db, tb, za, zb := g.in[0], g.in[1], g.in[2], g.in[3], g.tmp[0], g.tmp[1]
		return []inst{
			fcmeqZero(ar, za, ta), fcmeqZero(ar, zb, tb),
			fmul(ar, da, da, ta), fmul(ar, db, db, tb),
			bic16b(da, da, za), bic16b(db, db, zb),
			fadd(ar, da, da, db),
		}, 0
	}},
}

// minMax follows math.Min and math.Max: FMIN/FMAX give NaN if either input is NaN
// and order -0 below +0; only the infinity in the operation's direction beats a NaN.
// FMINNM/FMAXNM prefer the number to a NaN, so where they give that infinity it is
// the answer.
func minMax(name string, op, opNum func(arrangement, vreg, vreg, vreg) inst, inf float64) elementwise {
	return elementwise{name: name, params: sliceParams("a", "b"), inf: inf, body: func(ar arrangement, g group) ([]inst, int) {
		a, b, num, mask := g.in[0], g.in[1], g.tmp[0], g.tmp[1]
		return []inst{
			opNum(ar, num, a, b),
			op(ar, a, a, b),
			fcmeq(ar, mask, num, g.inf),
			bit(a, num, mask), // a = mask ? num : a
		}, 0
	}}
}

func binaryOp(name string, op func(arrangement, vreg, vreg, vreg) inst) elementwise {
	return elementwise{name: name, params: sliceParams("a", "b"), body: func(ar arrangement, g group) ([]inst, int) {
		return []inst{op(ar, g.in[0], g.in[0], g.in[1])}, 0
	}}
}

func unaryOp(name string, op func(arrangement, vreg, vreg) inst) elementwise {
	return elementwise{name: name, params: sliceParams("x"), body: func(ar arrangement, g group) ([]inst, int) {
		return []inst{op(ar, g.in[0], g.in[0])}, 0
	}}
}

// genElementwise writes kernel k for type t. Registers: x0 dst, x1.. the input
// slices, x9 the remaining element count; input i uses v(4i)..v(4i+3).
func genElementwise(f *file, t ftype, k elementwise) {
	params := append([]param{{name: "dst", slice: true}}, k.params...)
	offs, _, size := frame(t, params, false)
	name := k.name + t.suffix + "NEON"
	g := f.begin(name, signature(t, params, false), size)
	g.op("MOVD dst_base+0(FP), R0")
	g.op("MOVD dst_len+8(FP), R9")
	var inputs []xreg
	for i, p := range params[1:] {
		off := offs[i+1]
		if p.slice {
			x := xreg(len(inputs) + 1)
			inputs = append(inputs, x)
			g.op("MOVD %s_base+%d(FP), R%d", p.name, off, x)
		} else {
			g.op("%s %s+%d(FP), F%d", t.fmov, p.name, off, vScalar)
			g.word(dupElem(t.ar, vScalar, vScalar, 0))
		}
	}
	if k.one {
		g.op("%s $1.0, F%d", t.fmov, vOne)
		g.word(dupElem(t.ar, vOne, vOne, 0))
	}
	if k.inf != 0 {
		g.op("MOVD $0x%x, R6", t.bits(k.inf))
		g.op("%s R6, F%d", t.fmov, vInf)
		g.word(dupElem(t.ar, vInf, vInf, 0))
	}
	step := unroll * t.lanes()

	g.label("loop")
	g.op("CMP $%d, R9", step)
	g.op("BLT tail")
	for i, x := range inputs {
		g.word(ld1(t.ar, vreg(unroll*i), unroll, x))
	}
	var out int
	var groups [][]inst
	for j := range unroll {
		in := make([]vreg, len(inputs))
		for i := range in {
			in[i] = vreg(unroll*i + j)
		}
		var ins []inst
		ins, out = k.body(t.ar, newGroup(in, j))
		groups = append(groups, ins)
	}
	bodyLen := interleave(g, groups)
	g.word(st1(t.ar, vreg(unroll*out), unroll, 0))
	g.op("SUB $%d, R9", step)
	g.op("B loop")
	f.table = append(f.table, tableRow{kernel: name, elems: step, bytes: t.size,
		insts: len(inputs) + bodyLen + 1 + 4}) // loads, body, store, CMP/BLT/SUB/B

	g.label("tail")
	g.op("CBZ R9, done")
	in := make([]vreg, len(inputs))
	for i, x := range inputs {
		in[i] = vreg(unroll * i)
		g.word(ld1Lane0(t.ar, in[i], x))
	}
	ins, out := k.body(t.ar, newGroup(in, 0))
	g.word(ins...)
	g.word(st1Lane0(t.ar, in[out], 0))
	g.op("SUB $1, R9")
	g.op("B tail")
	g.label("done")
	g.end()
}

// newGroup returns the registers of vector group j.
func newGroup(in []vreg, j int) group {
	return group{in: in, tmp: [2]vreg{vreg(vTemps + 2*j), vreg(vTemps + 2*j + 1)}, c: vScalar, one: vOne, inf: vInf}
}

// interleave writes the instruction lists of independent groups round-robin, so that
// consecutive instructions do not depend on each other, and returns the total count.
func interleave(g *fn, groups [][]inst) int {
	n := 0
	for i := 0; ; i++ {
		wrote := false
		for _, grp := range groups {
			if i < len(grp) {
				g.word(grp[i])
				wrote = true
				n++
			}
		}
		if !wrote {
			return n
		}
	}
}

// genSum writes sum (dot when dot is set): 4 vector accumulators, folded to one lane
// at the end, then the tail added with scalar instructions (sum and dot may add in
// any order).
func genSum(f *file, t ftype, dot bool) {
	params := sliceParams("x")
	kname := "sum"
	if dot {
		params, kname = sliceParams("x", "y"), "dot"
	}
	_, retOff, size := frame(t, params, true)
	name := kname + t.suffix + "NEON"
	g := f.begin(name, signature(t, params, true), size)
	g.op("MOVD x_base+0(FP), R1")
	g.op("MOVD x_len+8(FP), R4")
	if dot {
		g.op("MOVD y_base+24(FP), R2")
	}
	for i := range vreg(unroll) {
		g.word(eor16b(i, i, i))
	}
	step := unroll * t.lanes()
	g.label("loop")
	g.op("CMP $%d, R4", step)
	g.op("BLT fold")
	g.word(ld1(t.ar, 4, unroll, 1))
	n := 1
	if dot {
		g.word(ld1(t.ar, 8, unroll, 2))
		n++
		for i := range vreg(unroll) {
			g.word(fmla(t.ar, i, 4+i, 8+i))
		}
	} else {
		for i := range vreg(unroll) {
			g.word(fadd(t.ar, i, i, 4+i))
		}
	}
	n += unroll + 4
	f.table = append(f.table, tableRow{kernel: name, elems: step, bytes: t.size, insts: n})
	g.op("SUB $%d, R4", step)
	g.op("B loop")

	g.label("fold")
	g.word(fadd(t.ar, 0, 0, 1), fadd(t.ar, 2, 2, 3), fadd(t.ar, 0, 0, 2))
	if t.lanes() == 4 {
		g.word(faddp(t.ar, 0, 0, 0)) // lanes 0 and 1 now hold the pair sums
	}
	g.word(faddpScalar(t.ar, 0, 0))

	g.label("tail")
	g.op("CBZ R4, done")
	g.op("%s.P %d(R1), F4", t.fmov, t.size)
	if dot {
		g.op("%s.P %d(R2), F5", t.fmov, t.size)
		g.op("%s F5, F4", t.fmul)
	}
	g.op("%s F4, F0", t.fadd)
	g.op("SUB $1, R4")
	g.op("B tail")
	g.label("done")
	g.op("%s F0, ret+%d(FP)", t.fmov, retOff)
	g.end()
}
