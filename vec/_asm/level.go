package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// level is one instruction-set level: the register width and the way tails are masked.
type level struct {
	suffix string // function name suffix: "AVX512" or "AVX2"
	wide   bool   // 512-bit ZMM registers with opmask (K) tails; else 256-bit YMM with VMASKMOV tails
}

var (
	avx512 = &level{suffix: "AVX512", wide: true}
	avx2   = &level{suffix: "AVX2", wide: false}
)

// regBytes is the width of a full vector register in bytes.
func (l *level) regBytes() int {
	if l.wide {
		return 64
	}
	return 32
}

// vec allocates a full-width vector register.
func (l *level) vec() VecVirtual {
	if l.wide {
		return ZMM()
	}
	return YMM()
}

// half allocates a half-width vector register (float32 storage of float64 lanes).
func (l *level) half() VecVirtual {
	if l.wide {
		return YMM()
	}
	return XMM()
}

// mask is the result of a lane-wise comparison: an opmask register on AVX-512, a vector
// of all-ones/all-zeros lanes on AVX2.
type mask struct {
	k Register
	v VecVirtual
}

// Comparison predicates (ordered, non-signalling unless noted).
const (
	cmpEQ    = 0x00
	cmpUNORD = 0x03
	cmpLT    = 0x11
	cmpLE    = 0x12
	cmpNEQ   = 0x04 // unordered or not equal
	cmpGE    = 0x1d
	cmpGT    = 0x1e
)

// cmpPD compares float64 lanes: a pred b.
func (l *level) cmpPD(pred int, a, b Op) mask {
	if l.wide {
		k := K()
		l.vop(VCMPPD, VCMPPD_BCST, U8(pred), b, a, k)
		return mask{k: k}
	}
	m := YMM()
	VCMPPD(U8(pred), b, a, m)
	return mask{v: m}
}

// blendPD returns m ? ifTrue : ifFalse for float64 lanes (ifTrue may be a constant).
// On AVX-512 the result starts as a copy of ifFalse and the masked blend merges into
// it: avo counts the destination of a merge-masked instruction as read, so a fresh
// destination would be live from the function entry and crowd the register allocator.
func (l *level) blendPD(m mask, ifFalse, ifTrue Op) VecVirtual {
	if !l.wide {
		d := l.vec()
		VBLENDVPD(m.v, ifTrue, ifFalse, d)
		return d
	}
	d := l.startAs(ifFalse)
	l.vop(VBLENDMPD, VBLENDMPD_BCST, ifTrue, d, m.k, d)
	return d
}

// startAs returns a new register holding op (a register or a constant).
func (l *level) startAs(op Op) VecVirtual {
	if r, ok := op.(VecVirtual); ok {
		return l.copyv(r)
	}
	return l.ld(op)
}

// mem is a pointer register walking a slice.
type mem struct {
	name string
	base Register
}

// at returns the operand for element index idx (element size elem) plus off bytes.
func (m mem) at(idx Register, elem, off int) Mem {
	return Mem{Base: m.base, Index: idx, Scale: uint8(elem), Disp: off}
}

// tailMask prepares the mask that selects the first rem lanes (0 < rem < lanes) of a
// memory vector whose elements are elem bytes wide; narrow selects a half-width vector.
// On AVX-512 it is an opmask loaded from a table; on AVX2 a vector loaded at an offset
// into a table of 32 bytes of ones followed by 32 bytes of zeros.
func (l *level) tailMask(rem Register, elem int, narrow bool) mask {
	if l.wide {
		k := K()
		KMOVW(Mem{Base: loadAddr(kmaskTable()), Index: rem, Scale: 2}, k)
		return mask{k: k}
	}
	// address = table + 32 - rem*elem
	off := GP64()
	MOVQ(rem, off)
	NEGQ(off)
	var v VecVirtual
	if narrow {
		v = XMM()
	} else {
		v = YMM()
	}
	VMOVDQU(Mem{Base: loadAddr(vmaskTable()), Index: off, Scale: uint8(elem), Disp: 32}, v)
	return mask{v: v}
}

// loadAddr puts the address of a global in a register.
func loadAddr(m Mem) Register {
	r := GP64()
	LEAQ(m, r)
	return r
}

var kmaskMem, vmaskMem *Mem

// kmaskTable holds (1<<i)-1 as 16-bit words for i = 0..16.
func kmaskTable() Mem {
	if kmaskMem == nil {
		m := GLOBL("tailkmask", RODATA|NOPTR)
		for i := 0; i <= 16; i++ {
			DATA(2*i, U16(uint16(1<<i-1)))
		}
		kmaskMem = &m
	}
	return *kmaskMem
}

// vmaskTable holds 32 bytes of ones followed by 32 bytes of zeros.
func vmaskTable() Mem {
	if vmaskMem == nil {
		m := GLOBL("tailvmask", RODATA|NOPTR)
		for i := 0; i < 8; i++ {
			var v uint64
			if i < 4 {
				v = ^uint64(0)
			}
			DATA(8*i, U64(v))
		}
		vmaskMem = &m
	}
	return *vmaskMem
}

// loadVec loads one memory vector into r: full width, or half width when narrow. A
// non-nil tail mask loads only the selected lanes (the others read as zero, and memory
// past the slice is never touched).
func (l *level) loadVec(src Mem, r VecVirtual, elem int, tail *mask) {
	switch {
	case tail == nil:
		VMOVUPD(src, r)
	case l.wide && elem == 8:
		VMOVUPD_Z(src, tail.k, r)
	case l.wide:
		VMOVUPS_Z(src, tail.k, r)
	case elem == 8:
		VMASKMOVPD(src, tail.v, r)
	default:
		VMASKMOVPS(src, tail.v, r)
	}
}

// storeVec stores r to memory, only the selected lanes when tail is non-nil.
func (l *level) storeVec(r VecVirtual, dst Mem, elem int, tail *mask) {
	switch {
	case tail == nil:
		VMOVUPD(r, dst)
	case l.wide && elem == 8:
		VMOVUPD(r, tail.k, dst)
	case l.wide:
		VMOVUPS(r, tail.k, dst)
	case elem == 8:
		VMASKMOVPD(r, tail.v, dst)
	default:
		VMASKMOVPS(r, tail.v, dst)
	}
}

// fname builds an assembly function name such as "sinF64AVX512".
func fname(op, typ string, l *level) string {
	return fmt.Sprintf("%s%s%s", op, typ, l.suffix)
}

// maskAnd, maskOr and maskXnor combine two masks of the same level, of float64 or
// float32 lanes alike (the vector forms are bitwise, KANDW and the like cover 16 lanes).
func (l *level) maskAnd(a, b mask) mask {
	if l.wide {
		k := K()
		KANDW(a.k, b.k, k)
		return mask{k: k}
	}
	v := l.vec()
	VANDPD(a.v, b.v, v)
	return mask{v: v}
}

func (l *level) maskOr(a, b mask) mask {
	if l.wide {
		k := K()
		KORW(a.k, b.k, k)
		return mask{k: k}
	}
	v := l.vec()
	VORPD(a.v, b.v, v)
	return mask{v: v}
}

func (l *level) maskXnor(a, b mask) mask {
	if l.wide {
		k := K()
		KXNORW(a.k, b.k, k)
		return mask{k: k}
	}
	v := l.vec()
	VXORPD(a.v, b.v, v)
	l.vop(VXORPD, VXORPD_BCST, cbits(^uint64(0)), v, v)
	return mask{v: v}
}
