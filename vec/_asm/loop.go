package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// stream describes an elementwise kernel: slice parameters read (ins) and written
// (outs), all of the length of outs[0], processed one memory vector at a time.
type stream struct {
	name, sig string
	ins, outs []string
	elem      int  // bytes per element in memory (8 or 4)
	narrow    bool // float32 memory widened to float64 registers (half-width memory vector)
	unroll    int  // memory vectors per main-loop iteration
	// streaming enables non-temporal stores when the output is larger than
	// ntMinBytes: memory-bound kernels then skip reading dst into the cache before
	// overwriting it (the read-for-ownership), like the runtime's large copies.
	// On AVX-512 that loop runs at the AVX2 width (see emitStream), so the body must
	// not depend on the level's width beyond asking l (registers made in setup are
	// read through l.sized).
	streaming bool
	// ntFullWidth keeps the full ZMM width in the AVX-512 streaming loop, for kernels
	// whose arithmetic rather than memory limits them at streaming sizes.
	ntFullWidth bool
	// setup runs once before the loop (e.g. to broadcast scalar parameters).
	setup func()
	// body computes the output registers from the loaded input registers.
	body func(in []VecVirtual) []VecVirtual
	// finish runs after the last vector, before VZEROUPPER and RET.
	finish func()
	// keep, when the body sets it (AVX-512 only), selects lanes whose outputs must be
	// the unchanged first input: they are stored with a masked store of the loaded
	// input after the result, which costs a store instead of a blend.
	keep *mask
}

// ntMinBytes is the output size from which streaming kernels use non-temporal stores:
// well beyond the L2 cache and a good part of L3, where the result would not stay
// cached anyway.
const ntMinBytes = 4 << 20

// emitStream writes the kernel: an unrolled main loop, a one-vector loop, and one
// masked tail vector, so every lane of every length is computed by the same code.
func emitStream(l *level, s stream) {
	TEXT(s.name, NOSPLIT, s.sig)
	n := Load(Param(s.outs[0]).Len(), GP64())
	var ins, outs []mem
	for _, p := range s.ins {
		ins = append(ins, mem{p, Load(Param(p).Base(), GP64())})
	}
	for _, p := range s.outs {
		outs = append(outs, mem{p, Load(Param(p).Base(), GP64())})
	}
	if s.setup != nil {
		s.setup()
	}
	memBytes := l.regBytes()
	if s.narrow {
		memBytes /= 2
	}
	lanes := memBytes / s.elem
	idx := GP64()
	XORQ(idx, idx)

	// one processes the vector at element idx+off*lanes, masked when tail != nil,
	// stored with non-temporal stores when nt (the address is then aligned).
	one := func(off int, tail *mask, nt bool) {
		var in, raw []VecVirtual
		for _, m := range ins {
			var r VecVirtual
			if s.narrow {
				h := l.half()
				l.loadVec(m.at(idx, s.elem, off*memBytes), h, s.elem, tail)
				r = l.vec()
				VCVTPS2PD(h, r)
				raw = append(raw, h)
			} else {
				r = l.vec()
				l.loadVec(m.at(idx, s.elem, off*memBytes), r, s.elem, tail)
				raw = append(raw, r)
			}
			in = append(in, r)
		}
		if s.keep != nil {
			*s.keep = mask{}
		}
		res := s.body(in)
		for i, m := range outs {
			r := res[i]
			if s.narrow {
				h := l.half()
				if l.wide {
					VCVTPD2PS(r, h)
				} else {
					VCVTPD2PSY(r, h)
				}
				r = h
			}
			if nt {
				VMOVNTPD(r, m.at(idx, s.elem, off*memBytes))
			} else {
				l.storeVec(r, m.at(idx, s.elem, off*memBytes), s.elem, tail)
			}
			if s.keep != nil && s.keep.k != nil {
				// Lanes outside the tail mask are never in keep (they loaded as zero).
				l.storeVec(raw[0], m.at(idx, s.elem, off*memBytes), s.elem, s.keep)
			}
		}
	}
	// loops emits the unrolled loop and the one-vector loop, then jumps to next.
	loops := func(prefix string, nt bool, next string) {
		unroll := max(s.unroll, 1)
		if unroll > 1 {
			Label(prefix + "_loop")
			CMPQ(n, U32(lanes*unroll))
			JB(LabelRef(prefix + "_single"))
			for u := 0; u < unroll; u++ {
				one(u, nil, nt)
			}
			ADDQ(U32(lanes*unroll), idx)
			SUBQ(U32(lanes*unroll), n)
			JMP(LabelRef(prefix + "_loop"))
		}
		Label(prefix + "_single")
		CMPQ(n, U32(lanes))
		JB(LabelRef(next))
		one(0, nil, nt)
		ADDQ(U32(lanes), idx)
		SUBQ(U32(lanes), n)
		JMP(LabelRef(prefix + "_single"))
	}

	if s.streaming {
		CMPQ(n, U32(ntMinBytes/s.elem))
		JAE(LabelRef(s.name + "_stream"))
	}
	loops(s.name, false, s.name+"_tail")

	Label(s.name + "_tail")
	TESTQ(n, n)
	JZ(LabelRef(s.name + "_done"))
	tm := l.tailMask(n, s.elem, s.narrow)
	one(0, &tm, false)

	Label(s.name + "_done")
	if s.finish != nil {
		s.finish()
	}
	VZEROUPPER()
	RET()

	if !s.streaming {
		return
	}
	// Streaming: a masked head vector up to the next aligned address of dst, aligned
	// non-temporal stores, the usual masked tail, and SFENCE so the weakly ordered
	// stores are visible before the function returns.
	Label(s.name + "_stream")
	head := GP64()
	MOVQ(outs[0].base, head)
	NEGQ(head)
	ANDQ(U32(memBytes-1), head)
	SHRQ(U8(log2(s.elem)), head) // elements before the aligned address (< lanes)
	JZ(LabelRef(s.name + "_aligned"))
	hm := l.tailMask(head, s.elem, s.narrow)
	one(0, &hm, false)
	ADDQ(head, idx)
	SUBQ(head, n)
	Label(s.name + "_aligned")
	if l.wide && !s.ntFullWidth {
		// AVX-512 streams through YMM registers: on Zen 4, 512-bit loads and
		// non-temporal stores reached about 88% of a copy's bandwidth at n = 1<<22
		// and 256-bit ones all of it (re-measured: ZMM 5-10% behind on two inputs,
		// even on three). Software prefetch as in memmove (PREFETCHNTA or T0, 256 B
		// to 2 KiB ahead, once per line and stream) gained nothing at 256 B and lost
		// 5-20% further ahead: the hardware prefetchers already keep up. The body is
		// emitted at the AVX2 width (VEX encoded, so this loop needs AVX and, for FMA
		// and Axpy, FMA3).
		l.wide = false
		memBytes, lanes = memBytes/2, lanes/2
		loops(s.name+"_nt", true, s.name+"_fence")
		l.wide = true
		memBytes, lanes = memBytes*2, lanes*2
	} else {
		loops(s.name+"_nt", true, s.name+"_fence")
	}
	Label(s.name + "_fence")
	SFENCE()
	JMP(LabelRef(s.name + "_tail"))
}

// sized returns r at the width the level currently emits: r itself, or its YMM half
// while an AVX-512 streaming loop is emitted at the AVX2 width.
func (l *level) sized(r VecVirtual) VecVirtual {
	if l.wide {
		return r
	}
	return r.AsY().(VecVirtual) // a virtual register's view is virtual too
}

// log2 returns the base-2 logarithm of a power of two.
func log2(v int) int {
	k := 0
	for v > 1 {
		v >>= 1
		k++
	}
	return k
}
