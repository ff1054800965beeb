package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
)

// genPrefetch emits the prefetch hints of level l (prefetchF64AVX2 and so on): one
// PREFETCHT1 for every 64-byte line that x touches. The code is the same at every
// level (PREFETCHT1 is baseline x86-64); each level has its own copy so that every
// function belongs to the level it is gated with.
//
// T1 rather than T0: the batch evaluator in expr asks for the next block's inputs
// while the current block runs. T0 also fills L1, which holds the current block's
// columns: with it the seed batch ran slower than with no prefetch at all (6.3 against
// 5.4 ms), with T1 faster (4.6 ms).
func genPrefetch(l *level) {
	for _, t := range []*ftype{f64, f32} {
		name := fname("prefetch", t.name, l)
		TEXT(name, NOSPLIT, "func(x []"+t.gotype+")")
		Doc(name + " hints the processor to start loading x into the L2 cache.")
		p := Load(Param("x").Base(), GP64())
		end := Load(Param("x").Len(), GP64())
		// end = p + len*elem; p is rounded down to its line so the last line is not missed.
		LEAQ(Mem{Base: p, Index: end, Scale: uint8(t.elem)}, end)
		ANDQ(I32(-64), p)
		Label(name + "_loop")
		CMPQ(p, end)
		JAE(LabelRef(name + "_done"))
		PREFETCHT1(Mem{Base: p})
		ADDQ(U8(64), p)
		JMP(LabelRef(name + "_loop"))
		Label(name + "_done")
		RET()
	}
}
