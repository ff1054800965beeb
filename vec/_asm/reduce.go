package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// reduction emits sum (x) or dot (x, y): four vector accumulators, a masked tail
// (absent lanes load as zero) and a final horizontal add.
func reduction(l *level, t *ftype, op string) {
	name := fname(op, t.name, l)
	params := []string{"x"}
	sig := "func(x []" + t.gotype + ") " + t.gotype
	if op == "dot" {
		params = append(params, "y")
		sig = "func(x, y []" + t.gotype + ") " + t.gotype
	}
	TEXT(name, NOSPLIT, sig)
	n := Load(Param("x").Len(), GP64())
	var ptrs []mem
	for _, p := range params {
		ptrs = append(ptrs, mem{p, Load(Param(p).Base(), GP64())})
	}
	const nacc = 4
	acc := make([]VecVirtual, nacc)
	for i := range acc {
		acc[i] = l.vec()
		t.xor(acc[i], acc[i], acc[i])
	}
	lanes := l.regBytes() / t.elem
	idx := GP64()
	XORQ(idx, idx)

	// step adds the vector at idx+off*lanes into acc[u].
	step := func(u, off int, tail *mask) {
		x := l.vec()
		l.loadVec(ptrs[0].at(idx, t.elem, off*l.regBytes()), x, t.elem, tail)
		if op == "sum" {
			t.add(x, acc[u], acc[u])
			return
		}
		y := l.vec()
		l.loadVec(ptrs[1].at(idx, t.elem, off*l.regBytes()), y, t.elem, tail)
		if t.elem == 8 {
			VFMADD231PD(y, x, acc[u])
		} else {
			VFMADD231PS(y, x, acc[u])
		}
	}
	Label(name + "_loop")
	CMPQ(n, U32(lanes*nacc))
	JB(LabelRef(name + "_single"))
	for u := 0; u < nacc; u++ {
		step(u, u, nil)
	}
	ADDQ(U32(lanes*nacc), idx)
	SUBQ(U32(lanes*nacc), n)
	JMP(LabelRef(name + "_loop"))

	Label(name + "_single")
	CMPQ(n, U32(lanes))
	JB(LabelRef(name + "_tail"))
	step(0, 0, nil)
	ADDQ(U32(lanes), idx)
	SUBQ(U32(lanes), n)
	JMP(LabelRef(name + "_single"))

	Label(name + "_tail")
	TESTQ(n, n)
	JZ(LabelRef(name + "_reduce"))
	tm := l.tailMask(n, t.elem, false)
	step(1, 0, &tm) // a different accumulator than the one-vector loop, for a shorter chain

	Label(name + "_reduce")
	t.add(acc[1], acc[0], acc[0])
	t.add(acc[3], acc[2], acc[2])
	t.add(acc[2], acc[0], acc[0])
	s := horizontal(l, t, acc[0])
	Store(s, ReturnIndex(0))
	VZEROUPPER()
	RET()
}

// horizontal adds the lanes of v and returns an XMM register holding the sum in lane 0.
func horizontal(l *level, t *ftype, v VecVirtual) Register {
	y := v.AsY()
	if l.wide {
		hi := YMM()
		VEXTRACTF64X4(U8(1), v, hi)
		t.add(hi, y, y)
	}
	x := v.AsX()
	hi := XMM()
	VEXTRACTF128(U8(1), y, hi)
	t.add(hi, x, x)
	if t.elem == 4 {
		h := XMM()
		VMOVHLPS(x, x, h)
		VADDPS(h, x, x)
		h2 := XMM()
		VMOVSHDUP(x, h2)
		VADDSS(h2, x, x)
	} else {
		h := XMM()
		VUNPCKHPD(x, x, h)
		VADDSD(h, x, x)
	}
	return x
}
