package main

// Encoders for the AdvSIMD (NEON) instructions the kernels use. Go's arm64 assembler
// has no mnemonics for most vector floating-point instructions, so every vector
// instruction is emitted as a WORD. Each encoder returns the 32-bit word and the
// instruction in Arm (GNU) syntax, which goes into the line's comment; decode_test.go
// decodes every word with golang.org/x/arch and checks it against that comment.
//
// Bit layouts follow the Arm Architecture Reference Manual (A64 encoding index,
// "Advanced SIMD" groups); each encoder names its group.

import "fmt"

// inst is one encoded instruction, or (word 0, which no encoder produces: it is
// UDF #0) a general-purpose instruction in Go assembler syntax, which needs no WORD.
type inst struct {
	word uint32
	text string // Arm syntax, as the GNU disassembler prints it; Go syntax if word is 0
}

// goInst is a Go-assembler instruction in a kernel body.
func goInst(format string, args ...any) inst { return inst{0, fmt.Sprintf(format, args...)} }

// arrangement is a vector shape: 2 doubles or 4 singles in a 128-bit register.
type arrangement struct {
	name   string // "2d" or "4s"
	sz     uint32 // floating-point size bit: 1 for double
	size   uint32 // integer element size field: 3 for 64-bit, 2 for 32-bit
	lane   string // lane suffix of single-element forms: "d" or "s"
	ebytes int    // bytes per element
}

var (
	arr2D = arrangement{name: "2d", sz: 1, size: 3, lane: "d", ebytes: 8}
	arr4S = arrangement{name: "4s", sz: 0, size: 2, lane: "s", ebytes: 4}
)

// vreg is a vector register number 0..31; xreg a general-purpose register 0..30.
type (
	vreg uint32
	xreg uint32
)

func (v vreg) in(a arrangement) string { return fmt.Sprintf("v%d.%s", v, a.name) }

// threeSameFP encodes "Advanced SIMD three same" (floating point):
// 0 Q U 01110 a sz 1 Rm opcode 1 Rn Rd, with Q=1.
func threeSameFP(mn string, u, a, opcode uint32, ar arrangement, d, n, m vreg) inst {
	w := 1<<30 | u<<29 | 0b01110<<24 | a<<23 | ar.sz<<22 | 1<<21 | uint32(m)<<16 | opcode<<11 | 1<<10 | uint32(n)<<5 | uint32(d)
	return inst{w, fmt.Sprintf("%s %s, %s, %s", mn, d.in(ar), n.in(ar), m.in(ar))}
}

func fadd(ar arrangement, d, n, m vreg) inst { return threeSameFP("fadd", 0, 0, 0b11010, ar, d, n, m) }
func fsub(ar arrangement, d, n, m vreg) inst { return threeSameFP("fsub", 0, 1, 0b11010, ar, d, n, m) }
func fmul(ar arrangement, d, n, m vreg) inst { return threeSameFP("fmul", 1, 0, 0b11011, ar, d, n, m) }
func fdiv(ar arrangement, d, n, m vreg) inst { return threeSameFP("fdiv", 1, 0, 0b11111, ar, d, n, m) }
func fmax(ar arrangement, d, n, m vreg) inst { return threeSameFP("fmax", 0, 0, 0b11110, ar, d, n, m) }
func fmin(ar arrangement, d, n, m vreg) inst { return threeSameFP("fmin", 0, 1, 0b11110, ar, d, n, m) }
func faddp(ar arrangement, d, n, m vreg) inst {
	return threeSameFP("faddp", 1, 0, 0b11010, ar, d, n, m)
}

// fmla is d += n*m with one rounding.
func fmla(ar arrangement, d, n, m vreg) inst { return threeSameFP("fmla", 0, 0, 0b11001, ar, d, n, m) }

// fmls is d -= n*m with one rounding.
func fmls(ar arrangement, d, n, m vreg) inst { return threeSameFP("fmls", 0, 1, 0b11001, ar, d, n, m) }

// twoRegMiscFP encodes "Advanced SIMD two-register miscellaneous" (floating point):
// 0 Q U 01110 a sz 10000 opcode 10 Rn Rd, with Q=1.
func twoRegMiscFP(mn string, u, a, opcode uint32, ar arrangement, d, n vreg) inst {
	w := 1<<30 | u<<29 | 0b01110<<24 | a<<23 | ar.sz<<22 | 0b10000<<17 | opcode<<12 | 0b10<<10 | uint32(n)<<5 | uint32(d)
	return inst{w, fmt.Sprintf("%s %s, %s", mn, d.in(ar), n.in(ar))}
}

func fabs(ar arrangement, d, n vreg) inst  { return twoRegMiscFP("fabs", 0, 1, 0b01111, ar, d, n) }
func fneg(ar arrangement, d, n vreg) inst  { return twoRegMiscFP("fneg", 1, 1, 0b01111, ar, d, n) }
func fsqrt(ar arrangement, d, n vreg) inst { return twoRegMiscFP("fsqrt", 1, 1, 0b11111, ar, d, n) }

// ldstMulti encodes "Advanced SIMD load/store multiple structures (post-indexed)"
// with an immediate offset: 0 Q 0011001 L 0 11111 opcode size Rn Rt, Q=1. The
// register list is count consecutive registers from t; the post-increment is the
// number of bytes transferred.
func ldstMulti(load bool, ar arrangement, t vreg, count int, n xreg) inst {
	opcodes := map[int]uint32{1: 0b0111, 2: 0b1010, 3: 0b0110, 4: 0b0010}
	op, ok := opcodes[count]
	if !ok || int(t)+count > 32 {
		panic(fmt.Sprintf("ld1/st1: bad register list v%d x %d", t, count))
	}
	var l uint32
	mn := "st1"
	if load {
		l, mn = 1, "ld1"
	}
	w := 1<<30 | 0b0011001<<23 | l<<22 | 0b11111<<16 | op<<12 | ar.size<<10 | uint32(n)<<5 | uint32(t)
	list := ""
	for i := range count {
		if i > 0 {
			list += ", "
		}
		list += (t + vreg(i)).in(ar)
	}
	return inst{w, fmt.Sprintf("%s {%s}, [x%d], #%d", mn, list, n, 16*count)}
}

func ld1(ar arrangement, t vreg, count int, n xreg) inst { return ldstMulti(true, ar, t, count, n) }
func st1(ar arrangement, t vreg, count int, n xreg) inst { return ldstMulti(false, ar, t, count, n) }

// ldstLane0 encodes "Advanced SIMD load/store single structure (post-indexed)" for
// lane 0 with an immediate offset: 0 Q 0011011 L R 11111 opcode S size Rn Rt with
// Q=S=R=0, opcode=100 and size 01 (64-bit) or 00 (32-bit). It moves one element; the
// other lanes of a load keep their old contents.
func ldstLane0(load bool, ar arrangement, t vreg, n xreg) inst {
	var l uint32
	mn := "st1"
	if load {
		l, mn = 1, "ld1"
	}
	size := uint32(0)
	if ar.ebytes == 8 {
		size = 1
	}
	w := 0b0011011<<23 | l<<22 | 0b11111<<16 | 0b100<<13 | size<<10 | uint32(n)<<5 | uint32(t)
	return inst{w, fmt.Sprintf("%s {v%d.%s}[0], [x%d], #%d", mn, t, ar.lane, n, ar.ebytes)}
}

func ld1Lane0(ar arrangement, t vreg, n xreg) inst { return ldstLane0(true, ar, t, n) }

// ld1LaneD loads one float64 into lane index (0 or 1) of t from [xn], post-
// incrementing xn by 8 (the single-structure form above with Q = index).
func ld1LaneD(t vreg, index int, n xreg) inst {
	w := ldstLane0(true, arr2D, t, n).word | uint32(index)<<30
	return inst{w, fmt.Sprintf("ld1 {v%d.d}[%d], [x%d], #8", t, index, n)}
}
func st1Lane0(ar arrangement, t vreg, n xreg) inst { return ldstLane0(false, ar, t, n) }

// faddpScalar encodes FADDP (scalar), "Advanced SIMD scalar pairwise":
// 01 1 11110 0 sz 11000 01101 10 Rn Rd. It adds the two lanes of n.2d (or n.2s).
func faddpScalar(ar arrangement, d, n vreg) inst {
	w := 0b01111110<<24 | ar.sz<<22 | 0b11000<<17 | 0b01101<<12 | 0b10<<10 | uint32(n)<<5 | uint32(d)
	src := "2s"
	if ar.ebytes == 8 {
		src = "2d"
	}
	return inst{w, fmt.Sprintf("faddp %s%d, v%d.%s", ar.lane, d, n, src)}
}

// eor16b encodes EOR (vector), "Advanced SIMD three same" (integer):
// 0 Q 1 01110 00 1 Rm 00011 1 Rn Rd, Q=1. eor16b(v, v, v) zeroes v.
func eor16b(d, n, m vreg) inst {
	w := 1<<30 | 1<<29 | 0b01110<<24 | 1<<21 | uint32(m)<<16 | 0b00011<<11 | 1<<10 | uint32(n)<<5 | uint32(d)
	return inst{w, fmt.Sprintf("eor v%d.16b, v%d.16b, v%d.16b", d, n, m)}
}

// orr16b encodes ORR (vector, register), "Advanced SIMD three same" (integer):
// 0 Q 0 01110 10 1 Rm 00011 1 Rn Rd, Q=1. With n == m it is a register move.
func orr16b(d, n, m vreg) inst {
	w := 1<<30 | 0b01110<<24 | 0b10<<22 | 1<<21 | uint32(m)<<16 | 0b00011<<11 | 1<<10 | uint32(n)<<5 | uint32(d)
	if n == m { // the preferred disassembly is MOV (vector)
		return inst{w, fmt.Sprintf("mov v%d.16b, v%d.16b", d, n)}
	}
	return inst{w, fmt.Sprintf("orr v%d.16b, v%d.16b, v%d.16b", d, n, m)}
}

// threeSameInt encodes "Advanced SIMD three same" (integer), Q=1:
// 0 Q U 01110 size 1 Rm opcode 1 Rn Rd.
func threeSameInt(mn string, u, opcode uint32, ar arrangement, d, n, m vreg) inst {
	w := 1<<30 | u<<29 | 0b01110<<24 | ar.size<<22 | 1<<21 | uint32(m)<<16 | opcode<<11 | 1<<10 | uint32(n)<<5 | uint32(d)
	return inst{w, fmt.Sprintf("%s %s, %s, %s", mn, d.in(ar), n.in(ar), m.in(ar))}
}

// addInt and subInt are lane-wise integer addition and subtraction.
func addInt(ar arrangement, d, n, m vreg) inst { return threeSameInt("add", 0, 0b10000, ar, d, n, m) }
func subInt(ar arrangement, d, n, m vreg) inst { return threeSameInt("sub", 1, 0b10000, ar, d, n, m) }

// shiftImm encodes "Advanced SIMD shift by immediate", Q=1:
// 0 Q U 011110 immh:immb opcode 1 Rn Rd, immh:immb given in full (7 bits).
func shiftImm(mn string, u, opcode, immhb uint32, ar arrangement, d, n vreg, shift int) inst {
	w := 1<<30 | u<<29 | 0b011110<<23 | immhb<<16 | opcode<<11 | 1<<10 | uint32(n)<<5 | uint32(d)
	return inst{w, fmt.Sprintf("%s %s, %s, #%d", mn, d.in(ar), n.in(ar), shift)}
}

// shl shifts each lane left: immh:immb = esize + shift.
func shl(ar arrangement, d, n vreg, shift int) inst {
	return shiftImm("shl", 0, 0b01010, uint32(8*ar.ebytes+shift), ar, d, n, shift)
}

// sshr shifts each lane right arithmetically: immh:immb = 2*esize - shift.
func sshr(ar arrangement, d, n vreg, shift int) inst {
	return shiftImm("sshr", 0, 0b00000, uint32(16*ar.ebytes-shift), ar, d, n, shift)
}

// dupElem encodes DUP (element), "Advanced SIMD copy", Q=1:
// 0 Q 0 01110000 imm5 0 0000 1 Rn Rd; imm5 = index:1000 (d) or index:100 (s).
func dupElem(ar arrangement, d, n vreg, index int) inst {
	imm5 := uint32(index)<<4 | 0b1000
	if ar.ebytes == 4 {
		imm5 = uint32(index)<<3 | 0b100
	}
	w := 1<<30 | 0b01110000<<21 | imm5<<16 | 1<<10 | uint32(n)<<5 | uint32(d)
	return inst{w, fmt.Sprintf("dup %s, v%d.%s[%d]", d.in(ar), n, ar.lane, index)}
}

// byElementFP encodes "Advanced SIMD vector x indexed element" (floating point), Q=1:
// 0 Q U 01111 1 sz L M Rm opcode H 0 Rn Rd. For doubles the index is H (L=0); for
// singles it is H:L. M:Rm is the element's register.
func byElementFP(mn string, u, opcode uint32, ar arrangement, d, n, m vreg, index int) inst {
	var h, l uint32
	if ar.ebytes == 8 {
		h = uint32(index)
	} else {
		h, l = uint32(index)>>1, uint32(index)&1
	}
	w := 1<<30 | u<<29 | 0b01111<<24 | 1<<23 | ar.sz<<22 | l<<21 | uint32(m)<<16 | opcode<<12 | h<<11 | uint32(n)<<5 | uint32(d)
	return inst{w, fmt.Sprintf("%s %s, %s, v%d.%s[%d]", mn, d.in(ar), n.in(ar), m, ar.lane, index)}
}

// fmlaElem is d += n*m[index]; fmlsElem d -= n*m[index]; fmulElem d = n*m[index].
func fmlaElem(ar arrangement, d, n, m vreg, i int) inst {
	return byElementFP("fmla", 0, 0b0001, ar, d, n, m, i)
}
func fmlsElem(ar arrangement, d, n, m vreg, i int) inst {
	return byElementFP("fmls", 0, 0b0101, ar, d, n, m, i)
}
func fmulElem(ar arrangement, d, n, m vreg, i int) inst {
	return byElementFP("fmul", 0, 0b1001, ar, d, n, m, i)
}

func fmaxnm(ar arrangement, d, n, m vreg) inst {
	return threeSameFP("fmaxnm", 0, 0, 0b11000, ar, d, n, m)
}
func fminnm(ar arrangement, d, n, m vreg) inst {
	return threeSameFP("fminnm", 0, 1, 0b11000, ar, d, n, m)
}

// fcmeq, fcmge and fcmgt set a lane to all ones where the comparison holds (false
// for NaN).
func fcmeq(ar arrangement, d, n, m vreg) inst {
	return threeSameFP("fcmeq", 0, 0, 0b11100, ar, d, n, m)
}
func fcmge(ar arrangement, d, n, m vreg) inst {
	return threeSameFP("fcmge", 1, 0, 0b11100, ar, d, n, m)
}
func fcmgt(ar arrangement, d, n, m vreg) inst {
	return threeSameFP("fcmgt", 1, 1, 0b11100, ar, d, n, m)
}

// logical16b encodes the bitwise "Advanced SIMD three same" group, Q=1:
// 0 Q U 01110 opc2 1 Rm 00011 1 Rn Rd.
func logical16b(mn string, u, opc2 uint32, d, n, m vreg) inst {
	w := 1<<30 | u<<29 | 0b01110<<24 | opc2<<22 | 1<<21 | uint32(m)<<16 | 0b00011<<11 | 1<<10 | uint32(n)<<5 | uint32(d)
	return inst{w, fmt.Sprintf("%s v%d.16b, v%d.16b, v%d.16b", mn, d, n, m)}
}

// bsl: d = d ? n : m bitwise (d is the mask). bit: d = m ? n : d. bif: d = m ? d : n.
func bsl(d, n, m vreg) inst    { return logical16b("bsl", 1, 0b01, d, n, m) }
func bit(d, n, m vreg) inst    { return logical16b("bit", 1, 0b10, d, n, m) }
func bif(d, n, m vreg) inst    { return logical16b("bif", 1, 0b11, d, n, m) }
func and16b(d, n, m vreg) inst { return logical16b("and", 0, 0b00, d, n, m) }

// bic16b is d = n &^ m.
func bic16b(d, n, m vreg) inst { return logical16b("bic", 0, 0b01, d, n, m) }

// ushr shifts each lane right logically: immh:immb = 2*esize - shift.
func ushr(ar arrangement, d, n vreg, shift int) inst {
	return shiftImm("ushr", 1, 0b00000, uint32(16*ar.ebytes-shift), ar, d, n, shift)
}

// twoRegMiscFPZero encodes the compare-with-zero forms of "Advanced SIMD
// two-register miscellaneous": 0 Q U 01110 1 sz 10000 opcode 10 Rn Rd, Q=1.
func twoRegMiscFPZero(mn string, u, opcode uint32, ar arrangement, d, n vreg) inst {
	w := 1<<30 | u<<29 | 0b01110<<24 | 1<<23 | ar.sz<<22 | 0b10000<<17 | opcode<<12 | 0b10<<10 | uint32(n)<<5 | uint32(d)
	return inst{w, fmt.Sprintf("%s %s, %s, #0.0", mn, d.in(ar), n.in(ar))}
}

// fcmeqZero and fcmgeZero compare each lane with 0 (false for NaN).
func fcmeqZero(ar arrangement, d, n vreg) inst {
	return twoRegMiscFPZero("fcmeq", 0, 0b01101, ar, d, n)
}
func fcmgeZero(ar arrangement, d, n vreg) inst {
	return twoRegMiscFPZero("fcmge", 1, 0b01100, ar, d, n)
}

// facgt compares absolute values: |n| > |m| (false for NaN).
func facgt(ar arrangement, d, n, m vreg) inst {
	return threeSameFP("facgt", 1, 1, 0b11101, ar, d, n, m)
}

// cmtst sets a lane to all ones where n & m is nonzero ("Advanced SIMD three same",
// integer, U=0, opcode 10001).
func cmtst(ar arrangement, d, n, m vreg) inst { return threeSameInt("cmtst", 0, 0b10001, ar, d, n, m) }

// fcvtl widens the low two singles of n to doubles; fcvtl2 the high two. Encoding
// "Advanced SIMD two-register miscellaneous": 0 Q 0 01110 0 1 10000 10111 10 Rn Rd.
func fcvtl(d, n vreg) inst {
	return inst{0b01110<<24 | 1<<22 | 0b10000<<17 | 0b10111<<12 | 0b10<<10 | uint32(n)<<5 | uint32(d),
		fmt.Sprintf("fcvtl v%d.2d, v%d.2s", d, n)}
}

func fcvtl2(d, n vreg) inst {
	return inst{1<<30 | 0b01110<<24 | 1<<22 | 0b10000<<17 | 0b10111<<12 | 0b10<<10 | uint32(n)<<5 | uint32(d),
		fmt.Sprintf("fcvtl2 v%d.2d, v%d.4s", d, n)}
}

// fcvtn narrows the two doubles of n to singles in the low half of d (zeroing the
// high half); fcvtn2 writes the high half and keeps the low one. Encoding:
// 0 Q 0 01110 0 1 10000 10110 10 Rn Rd.
func fcvtn(d, n vreg) inst {
	return inst{0b01110<<24 | 1<<22 | 0b10000<<17 | 0b10110<<12 | 0b10<<10 | uint32(n)<<5 | uint32(d),
		fmt.Sprintf("fcvtn v%d.2s, v%d.2d", d, n)}
}

func fcvtn2(d, n vreg) inst {
	return inst{1<<30 | 0b01110<<24 | 1<<22 | 0b10000<<17 | 0b10110<<12 | 0b10<<10 | uint32(n)<<5 | uint32(d),
		fmt.Sprintf("fcvtn2 v%d.4s, v%d.2d", d, n)}
}

// facge compares absolute values: |n| >= |m| (false for NaN).
func facge(ar arrangement, d, n, m vreg) inst {
	return threeSameFP("facge", 1, 0, 0b11101, ar, d, n, m)
}

// orn16b is d = n | ^m.
func orn16b(d, n, m vreg) inst { return logical16b("orn", 0, 0b11, d, n, m) }

// ldrQ encodes LDR (immediate, SIMD&FP), 128-bit, unsigned offset:
// 00 111 1 01 11 imm12 Rn Rt with the offset imm12*16.
func ldrQ(t vreg, n xreg, off int) inst {
	if off < 0 || off%16 != 0 || off/16 > 4095 {
		panic(fmt.Sprintf("ldr q%d: bad offset %d", t, off))
	}
	w := 0b00111101<<24 | 0b11<<22 | uint32(off/16)<<10 | uint32(n)<<5 | uint32(t)
	if off == 0 { // the disassembler omits a zero offset
		return inst{w, fmt.Sprintf("ldr q%d, [x%d]", t, n)}
	}
	return inst{w, fmt.Sprintf("ldr q%d, [x%d, #%d]", t, n, off)}
}
