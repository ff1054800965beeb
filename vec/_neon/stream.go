package main

import (
	"fmt"
	"math"
)

// Transcendental kernels: dst[i] = f(x[i]). The main loop loads two vectors and runs
// the kernel body on each as two independent chains, interleaved instruction by
// instruction (two FP pipes); the tail runs the body of chain 0 on one element.
//
// Float32 kernels widen each element to float64 (FCVTL), run the float64 body and
// round the result once (FCVTN), as the generic level does: the float64 result is
// within 1 float64 ULP, so the float32 one is within 0.5 + 2^-28 ULP.
//
// Registers: chain c has x in v(c) (the body leaves its result there) and seven
// temporaries; v16..v31 hold the kernel's constants, loaded once from a table.

// konst is one constant of a kernel: a broadcast vector (usable by any instruction)
// or one lane of a packed pair (usable by the by-element forms and dup).
type konst struct {
	name  string
	bits  uint64 // the float64 element's bits
	bcast bool
}

// kf and kb declare a float constant, packed or broadcast; kbits a broadcast bit
// pattern (an integer or mask).
func kf(name string, v float64) konst { return konst{name: name, bits: math.Float64bits(v)} }
func kb(name string, v float64) konst {
	return konst{name: name, bits: math.Float64bits(v), bcast: true}
}
func kbits(name string, bits uint64) konst { return konst{name: name, bits: bits, bcast: true} }

// constTable places the constants in v16.. (two float64 lanes each) and records
// where each one lives.
type constTable struct {
	regs  [][]uint64 // the lanes of each register
	where map[string][2]int
}

const firstConstReg = 16

func newConstTable(ks []konst) *constTable {
	ct := &constTable{where: map[string][2]int{}}
	const lanes = 2
	var open []uint64 // the register being filled with packed constants
	openReg := -1
	for _, k := range ks {
		if _, dup := ct.where[k.name]; dup {
			panic("duplicate constant " + k.name)
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

// chain is one independent instruction stream of a kernel body.
type chain struct {
	ar   arrangement
	k    *constTable
	x    vreg    // input, and the result when the body ends
	out2 vreg    // the second result of a two-output kernel
	tmp  [7]vreg // temporaries
	ins  []inst
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
}

// vFlag accumulates the lanes a kernel leaves to its Go wrapper.
const vFlag = 31

// genStream writes kernel s for type t.
func genStream(f *file, t ftype, s stream) {
	params := sliceParams("dst", "x")
	if s.two {
		params = sliceParams("s", "c", "x")
	}
	offs, _, size := frame(t, params, false)
	sig := signature(t, params, false)
	if s.flag {
		sig += " int"
		size += 8
	}
	name := s.name + t.suffix + "NEON"
	narrow := t.size == 4 // float32 elements, float64 arithmetic
	ct := newConstTable(s.consts)
	if s.flag && len(ct.regs) > vFlag-firstConstReg {
		panic(name + ": the constants overlap the flag register")
	}
	table := name + "Consts"
	for r, lanes := range ct.regs {
		for l, bits := range lanes {
			fmt.Fprintf(&f.data, "DATA %s<>+%d(SB)/8, $0x%016x\n", table, 16*r+8*l, bits)
		}
	}
	fmt.Fprintf(&f.data, "GLOBL %s<>(SB), RODATA|NOPTR, $%d\n\n", table, 16*len(ct.regs))

	g := f.begin(name, sig, size)
	g.op("MOVD %s_base+0(FP), R0", params[0].name)
	g.op("MOVD %s_len+8(FP), R4", params[0].name)
	g.op("MOVD x_base+%d(FP), R1", offs[len(offs)-1])
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
			for j := range c.tmp {
				c.tmp[j] = vreg(2 + 7*i + j)
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
	g.word(io...)
	loads := len(io)
	n := interleave(g, [][]inst{cs[0].ins, cs[1].ins})
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
	f.table = append(f.table, tableRow{kernel: name, elems: step, bytes: t.size,
		insts: loads + n + len(io) + 4}) // loop control: CMP, BLT, SUB, B

	g.label("tail")
	g.op("CBZ R4, done")
	g.word(ld1Lane0(t.ar, 0, 1))
	if narrow {
		g.word(fcvtl(0, 0))
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
