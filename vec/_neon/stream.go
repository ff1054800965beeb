package main

import (
	"fmt"
	"math"
	"slices"
)

// Transcendental kernels: dst[i] = f(x[i]), or f(x[i], y[i]) for two inputs. The main
// loop loads two vectors (of each input) and runs the kernel body on each as two
// independent chains, interleaved instruction by instruction (two FP pipes); the tail
// runs the body of chain 0 on one element.
//
// Float32 kernels widen each element to float64 (FCVTL), run the float64 body and
// round the result once (FCVTN), as the generic level does: the float64 result is
// within 1 float64 ULP, so the float32 one is within 0.5 + 2^-28 ULP. Streams marked
// lanes32 compute in float32 lanes instead, with float32 constants.
//
// Registers: chain c has x in v(c) (the body leaves its result there) and seven
// temporaries (v2..v8, v9..v15; a wide stream shares all fourteen); v16 on hold the
// kernel's constants, loaded once from a table (constants beyond the registers stay
// in the table, read with LDR). v29 and v30 hold the second input of chain 0 and 1
// (or an extra temporary each), and v31 accumulates the lanes left to the Go wrapper.

// konst is one constant of a kernel: a broadcast vector (usable by any instruction)
// or one lane of a packed pair (usable by the by-element forms and dup), kept in a
// register; or, when the registers run out, one lane of a packed pair in memory that
// the body loads when it needs it (hornerMem).
type konst struct {
	name  string
	bits  uint64 // the float64 element's bits
	bcast bool
	mem   bool
	w32   bool // bits is a float32 pattern, for kernels in float32 lanes
}

// kf and kb declare a float constant, packed or broadcast; kbits a broadcast bit
// pattern (an integer or mask).
func kf(name string, v float64) konst { return konst{name: name, bits: math.Float64bits(v)} }
func kb(name string, v float64) konst {
	return konst{name: name, bits: math.Float64bits(v), bcast: true}
}
func kbits(name string, bits uint64) konst { return konst{name: name, bits: bits, bcast: true} }

// kmem declares a broadcast constant kept in memory, loaded by loadK.
func kmem(name string, v float64) konst {
	return konst{name: name, bits: math.Float64bits(v), bcast: true, mem: true}
}

// kf32, kb32 and kbits32 are kf, kb and kbits for kernels in float32 lanes.
func kf32(name string, v float32) konst {
	return konst{name: name, bits: uint64(math.Float32bits(v)), w32: true}
}
func kb32(name string, v float32) konst {
	return konst{name: name, bits: uint64(math.Float32bits(v)), bcast: true, w32: true}
}
func kbits32(name string, bits uint32) konst {
	return konst{name: name, bits: uint64(bits), bcast: true, w32: true}
}

// memPoly declares the coefficients of a polynomial as packed constants in memory
// named prefix0, prefix1, ... and returns the names, lowest degree first.
func memPoly(prefix string, c []float64) ([]konst, []string) {
	ks, names := polyConsts(prefix, c)
	for i := range ks {
		ks[i].mem = true
	}
	return ks, names
}

// constTable places the constants in v16.. (two float64 or four float32 lanes each)
// and the rest in memory after them, and records where each one lives.
type constTable struct {
	esize int        // bytes per lane: 8, or 4 for kernels in float32 lanes
	regs  [][]uint64 // the lanes of each register
	where map[string][2]int
	// mem holds the pairs of memory constants, stored after the registers' table;
	// memWhere maps a name to its pair and lane.
	mem      [][]uint64
	memWhere map[string][2]int
}

const firstConstReg = 16

func newConstTable(ks []konst, esize int) *constTable {
	ct := &constTable{esize: esize, where: map[string][2]int{}, memWhere: map[string][2]int{}}
	lanes := 16 / esize
	var open []uint64 // the register being filled with packed constants
	openReg := -1
	for _, k := range ks {
		if k.w32 != (esize == 4) {
			panic("constant " + k.name + " does not match the lane width")
		}
		_, dup := ct.where[k.name]
		_, dupMem := ct.memWhere[k.name]
		if dup || dupMem {
			panic("duplicate constant " + k.name)
		}
		if k.mem && k.bcast { // a vector of its own
			ct.memWhere[k.name] = [2]int{len(ct.mem), -1}
			ct.mem = append(ct.mem, slices.Repeat([]uint64{k.bits}, lanes))
			continue
		}
		if k.mem {
			n := len(ct.mem)
			if n == 0 || len(ct.mem[n-1]) == lanes {
				ct.mem = append(ct.mem, nil)
				n++
			}
			ct.memWhere[k.name] = [2]int{n - 1, len(ct.mem[n-1])}
			ct.mem[n-1] = append(ct.mem[n-1], k.bits)
			continue
		}
		if k.bcast {
			r := make([]uint64, lanes)
			for i := range r {
				r[i] = k.bits
			}
			ct.where[k.name] = [2]int{len(ct.regs), -1}
			ct.regs = append(ct.regs, r)
			continue
		}
		if openReg < 0 || len(open) == lanes {
			openReg = len(ct.regs)
			ct.regs = append(ct.regs, nil)
			open = nil
		}
		ct.where[k.name] = [2]int{openReg, len(open)}
		open = append(open, k.bits)
		ct.regs[openReg] = open
	}
	if len(ct.regs) > 32-firstConstReg {
		panic(fmt.Sprintf("%d constant registers, at most %d", len(ct.regs), 32-firstConstReg))
	}
	return ct
}

// vec returns the register of a broadcast constant.
func (ct *constTable) vec(name string) vreg {
	w, ok := ct.where[name]
	if !ok || w[1] >= 0 {
		panic("no broadcast constant " + name)
	}
	return vreg(firstConstReg + w[0])
}

// lane returns the register and lane of a packed constant.
func (ct *constTable) lane(name string) (vreg, int) {
	w, ok := ct.where[name]
	if !ok || w[1] < 0 {
		panic("no packed constant " + name)
	}
	return vreg(firstConstReg + w[0]), w[1]
}

// memLane returns the pair and lane of a packed memory constant.
func (ct *constTable) memLane(name string) (pair, lane int) {
	w, ok := ct.memWhere[name]
	if !ok || w[1] < 0 {
		panic("no packed memory constant " + name)
	}
	return w[0], w[1]
}

// loadK returns the instruction that loads the broadcast memory constant name into d.
func (c *chain) loadK(d vreg, name string) inst {
	w, ok := c.k.memWhere[name]
	if !ok || w[1] >= 0 {
		panic("no broadcast memory constant " + name)
	}
	return ldrQ(d, 5, 16*w[0])
}

// chain is one independent instruction stream of a kernel body.
type chain struct {
	ar   arrangement
	k    *constTable
	x    vreg   // input, and the result when the body ends
	out2 vreg   // the second result of a two-output kernel
	tmp  []vreg // temporaries: 7 per chain, or 14 shared in a wide stream
	y    vreg   // the second input of a two-input kernel (v29 or v30)
	// extra is an eighth temporary (v29 for chain 0, v30 for chain 1) for streams
	// that ask for it; their constants must then fit in v16..v28.
	extra vreg
	// gpr are two general-purpose registers of the chain (x6, x7 for chain 0; x8,
	// x9 for chain 1), for per-lane addresses.
	gpr [2]xreg
	ins []inst
}

func (c *chain) emit(ins ...inst) { c.ins = append(c.ins, ins...) }

// mulAddK returns the instruction d += n*K for a packed constant K.
func (c *chain) mulAddK(d, n vreg, name string) inst {
	r, i := c.k.lane(name)
	return fmlaElem(c.ar, d, n, r, i)
}

// mulSubK returns d -= n*K.
func (c *chain) mulSubK(d, n vreg, name string) inst {
	r, i := c.k.lane(name)
	return fmlsElem(c.ar, d, n, r, i)
}

// mulK returns d = n*K.
func (c *chain) mulK(d, n vreg, name string) inst {
	r, i := c.k.lane(name)
	return fmulElem(c.ar, d, n, r, i)
}

// dupK returns d = K broadcast.
func (c *chain) dupK(d vreg, name string) inst {
	r, i := c.k.lane(name)
	return dupElem(c.ar, d, r, i)
}

// horner evaluates coefficient names c[0] + c[1] z + ... + c[n] z^n (packed
// constants) with one dup and one fused multiply-add per degree, using the registers
// p and q, and returns the register holding the result.
func (c *chain) horner(z, p, q vreg, coef []string) vreg {
	n := len(coef) - 1
	c.emit(c.dupK(q, coef[n-1]), c.mulAddK(q, z, coef[n])) // q = c[n-1] + z*c[n]
	for i := n - 2; i >= 0; i-- {
		p, q = q, p
		c.emit(c.dupK(q, coef[i]), fmla(c.ar, q, p, z))
	}
	return q
}

// hornerMem is horner for coefficients in memory: each pair is loaded into tmp
// (LDR from the table pointer x5, which stays fixed in the loop) when first needed.
// The loads do not depend on the data, so they issue early.
func (c *chain) hornerMem(z, p, q, tmp vreg, coef []string) vreg {
	loaded := -1
	lane := func(name string) int {
		pair, l := c.k.memLane(name)
		if pair != loaded {
			c.emit(ldrQ(tmp, 5, 16*pair))
			loaded = pair
		}
		return l
	}
	n := len(coef) - 1
	c.emit(dupElem(c.ar, q, tmp, lane(coef[n-1])))
	c.emit(fmlaElem(c.ar, q, z, tmp, lane(coef[n]))) // q = c[n-1] + z*c[n]
	for i := n - 2; i >= 0; i-- {
		p, q = q, p
		c.emit(dupElem(c.ar, q, tmp, lane(coef[i])), fmla(c.ar, q, p, z))
	}
	return q
}

// stream describes one kernel dst[i] = f(x[i]), or (with two outputs) s[i], c[i] =
// f(x[i]).
type stream struct {
	name   string
	consts []konst
	body   func(c *chain)
	two    bool // two outputs: the body leaves the second in c.out2
	// flag: the kernel returns nonzero if the body set any lane of c.flag in any
	// call of the body (lanes left to the Go wrapper).
	flag bool
	// extra: the body uses c.extra.
	extra bool
	// wide: each chain gets 14 temporaries (v2..v15, shared), and the two chains of
	// the main loop run one after the other instead of interleaved (an out-of-order
	// core overlaps them anyway); for bodies that need more than 8 registers.
	wide bool
	// left describes the lanes a flagging kernel leaves to its Go wrapper, for the
	// table in NEON.md.
	left string
	// lanes32: a float32-only kernel computing in float32 lanes (4 per vector) with
	// float32 constants (kf32...), instead of widening to float64.
	lanes32 bool
	// inputs names the two arguments of a two-input kernel, in Go order (the first
	// is in c.x, the second in c.y); nil for one input named x.
	inputs []string
}

// Registers of the extra temporaries.
const firstExtraReg = 29

// vFlag accumulates the lanes a kernel leaves to its Go wrapper.
const vFlag = 31

// genStream writes kernel s for type t.
func genStream(f *file, t ftype, s stream) {
	params := sliceParams("dst", "x")
	if s.two {
		params = sliceParams("s", "c", "x")
	}
	if s.wide && s.two {
		panic(s.name + ": a wide stream has no second output register")
	}
	binary := len(s.inputs) == 2
	if binary {
		params = sliceParams("dst", s.inputs[0], s.inputs[1])
		if s.extra {
			panic(s.name + ": two inputs and the extra temporaries share v29 and v30")
		}
	}
	offs, _, size := frame(t, params, false)
	sig := signature(t, params, false)
	if s.flag {
		sig += " int"
		size += 8
	}
	name := s.name + t.suffix + "NEON"
	narrow := t.size == 4 // float32 elements, float64 arithmetic
	esize := 8
	if s.lanes32 {
		if t.size != 4 {
			panic(name + ": float32 lanes for a float64 kernel")
		}
		esize = 4
		narrow = false
	}
	ct := newConstTable(s.consts, esize)
	if s.flag && len(ct.regs) > vFlag-firstConstReg {
		panic(name + ": the constants overlap the flag register")
	}
	if (s.extra || binary) && len(ct.regs) > firstExtraReg-firstConstReg {
		panic(name + ": the constants overlap v29 and v30")
	}
	table := name + "Consts"
	for r, lanes := range ct.regs {
		for l, bits := range lanes {
			fmt.Fprintf(&f.data, "DATA %s<>+%d(SB)/%d, $0x%0*x\n", table, 16*r+esize*l, esize, 2*esize, bits)
		}
	}
	// Memory constants follow, where x5 points once the registers are loaded.
	for p, lanes := range ct.mem {
		for l, bits := range lanes {
			fmt.Fprintf(&f.data, "DATA %s<>+%d(SB)/%d, $0x%0*x\n", table, 16*(len(ct.regs)+p)+esize*l, esize, 2*esize, bits)
		}
	}
	fmt.Fprintf(&f.data, "GLOBL %s<>(SB), RODATA|NOPTR, $%d\n\n", table, 16*(len(ct.regs)+len(ct.mem)))

	g := f.begin(name, sig, size)
	g.op("MOVD %s_base+0(FP), R0", params[0].name)
	g.op("MOVD %s_len+8(FP), R4", params[0].name)
	if binary {
		g.op("MOVD %s_base+%d(FP), R1", s.inputs[0], offs[1])
		g.op("MOVD %s_base+%d(FP), R3", s.inputs[1], offs[2])
	} else {
		g.op("MOVD x_base+%d(FP), R1", offs[len(offs)-1])
	}
	if s.two {
		g.op("MOVD c_base+24(FP), R2")
	}
	if s.flag {
		g.word(eor16b(vFlag, vFlag, vFlag))
	}
	g.op("MOVD $%s<>(SB), R5", table)
	for r := 0; r < len(ct.regs); r += 4 {
		g.word(ld1(arr2D, vreg(firstConstReg+r), min(4, len(ct.regs)-r), 5))
	}
	chains := func(n int) []*chain {
		cs := make([]*chain, n)
		for i := range cs {
			c := &chain{ar: arr2D, k: ct, x: vreg(i)}
			if s.lanes32 {
				c.ar = arr4S
			}
			if s.wide {
				for j := range 14 {
					c.tmp = append(c.tmp, vreg(2+j))
				}
			} else {
				for j := range 7 {
					c.tmp = append(c.tmp, vreg(2+7*i+j))
				}
			}
			if s.extra {
				c.extra = vreg(firstExtraReg + i)
			}
			c.gpr = [2]xreg{xreg(6 + 2*i), xreg(7 + 2*i)}
			if binary {
				c.y = vreg(firstExtraReg + i)
			}
			s.body(c)
			cs[i] = c
		}
		return cs
	}
	step := 4 // two float64 vectors
	if !narrow {
		step = 2 * t.lanes()
	}
	g.label("loop")
	g.op("CMP $%d, R4", step)
	g.op("BLT tail")
	cs := chains(2)
	var io []inst // loads, conversions and stores
	if narrow {
		io = append(io, ld1(t.ar, 0, 1, 1), fcvtl2(1, 0), fcvtl(0, 0))
	} else {
		io = append(io, ld1(t.ar, 0, 2, 1))
	}
	if binary {
		y := vreg(firstExtraReg)
		if narrow {
			io = append(io, ld1(t.ar, y, 1, 3), fcvtl2(y+1, y), fcvtl(y, y))
		} else {
			io = append(io, ld1(t.ar, y, 2, 3))
		}
	}
	g.word(io...)
	loads := len(io)
	var n int
	if s.wide {
		g.word(cs[0].ins...)
		g.word(cs[1].ins...)
		n = len(cs[0].ins) + len(cs[1].ins)
	} else {
		n = interleave(g, [][]inst{cs[0].ins, cs[1].ins})
	}
	io = nil
	if narrow {
		io = append(io, fcvtn(0, 0), fcvtn2(0, 1), st1(t.ar, 0, 1, 0))
		if s.two {
			o0, o1 := cs[0].out2, cs[1].out2
			io = append(io, fcvtn(o0, o0), fcvtn2(o0, o1), st1(t.ar, o0, 1, 2))
		}
	} else {
		io = append(io, st1(t.ar, 0, 2, 0))
		if s.two {
			io = append(io, st1(t.ar, cs[0].out2, 1, 2), st1(t.ar, cs[1].out2, 1, 2))
		}
	}
	g.word(io...)
	g.op("SUB $%d, R4", step)
	g.op("B loop")
	if s.flag {
		f.left = append(f.left, [2]string{name, s.left})
	}
	f.table = append(f.table, tableRow{kernel: name, elems: step, bytes: t.size, wide: s.wide,
		insts: loads + n + len(io) + 4}) // loop control: CMP, BLT, SUB, B

	g.label("tail")
	g.op("CBZ R4, done")
	g.word(ld1Lane0(t.ar, 0, 1))
	if narrow {
		g.word(fcvtl(0, 0))
	}
	lane := arr2D
	if s.lanes32 {
		lane = arr4S
	}
	if s.flag { // the other lanes hold stale values that must not be flagged: copy lane 0
		g.word(dupElem(lane, 0, 0, 0))
	}
	if binary {
		y := vreg(firstExtraReg)
		g.word(ld1Lane0(t.ar, y, 3))
		if narrow {
			g.word(fcvtl(y, y))
		}
		if s.flag {
			g.word(dupElem(lane, y, y, 0))
		}
	}
	c := chains(1)[0]
	g.word(c.ins...)
	if narrow {
		g.word(fcvtn(0, 0))
	}
	g.word(st1Lane0(t.ar, 0, 0))
	if s.two {
		if narrow {
			g.word(fcvtn(c.out2, c.out2))
		}
		g.word(st1Lane0(t.ar, c.out2, 2))
	}
	g.op("SUB $1, R4")
	g.op("B tail")
	g.label("done")
	if s.flag {
		g.op("VMOV V%d.D[0], R6", vFlag)
		g.op("VMOV V%d.D[1], R7", vFlag)
		g.op("ORR R7, R6, R6")
		g.op("MOVD R6, ret+%d(FP)", size-8)
	}
	g.end()
}
