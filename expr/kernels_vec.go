package expr

import "github.com/dualgrad/dualgrad/vec"

// This file connects batch evaluation to package vec's SIMD dual kernels. Every
// instruction vec has a kernel for runs there; the rest (constant-operand forms
// whose rounding vec cannot reproduce, and functions vec lacks) run the pure-Go
// kernels of kernels.go, which follow package dual exactly.

// useVec selects vec's kernels; tests turn it off to check the pure-Go kernels
// against point evaluation bit for bit.
var useVec = true

func toVec(d duals) vec.Dual[float64] { return vec.Dual[float64](d) }

// vecUnary holds vec's kernel for each one-argument function it provides.
var vecUnary = map[opcode]func(dst, x vec.Dual[float64]){
	opSin: vec.DualSin[float64], opCos: vec.DualCos[float64], opTan: vec.DualTan[float64],
	opAsin: vec.DualAsin[float64], opAcos: vec.DualAcos[float64], opAtan: vec.DualAtan[float64],
	opSinh: vec.DualSinh[float64], opCosh: vec.DualCosh[float64], opTanh: vec.DualTanh[float64],
	opAsinh: vec.DualAsinh[float64], opAcosh: vec.DualAcosh[float64], opAtanh: vec.DualAtanh[float64],
	opExp: vec.DualExp[float64], opExp2: vec.DualExp2[float64], opExpm1: vec.DualExpm1[float64],
	opLog: vec.DualLog[float64], opLog2: vec.DualLog2[float64], opLog10: vec.DualLog10[float64],
	opLog1p: vec.DualLog1p[float64], opSqrt: vec.DualSqrt[float64], opCbrt: vec.DualCbrt[float64],
	opAbs: vec.DualAbs[float64], opErf: vec.DualErf[float64], opNeg: vec.DualNeg[float64],
}

// vecBinary holds vec's kernel for each two-operand instruction it provides.
var vecBinary = map[opcode]func(dst, a, b vec.Dual[float64]){
	opAdd: vec.DualAdd[float64], opSub: vec.DualSub[float64], opMul: vec.DualMul[float64],
	opDiv: vec.DualDiv[float64], opPow: vec.DualPow[float64], opAtan2: vec.DualAtan2[float64],
	opMin: vec.DualMin[float64], opMax: vec.DualMax[float64], opHypot: vec.DualHypot[float64],
}

// kernelTable is the kernel of every instruction, resolved once per opcode so that
// the per-block loop does no map lookups.
type kernelTable struct {
	unary  [numOps]func(dst, x vec.Dual[float64])
	binary [numOps]func(dst, a, b vec.Dual[float64])
}

var vecKernels = func() (t kernelTable) {
	for op, f := range vecUnary {
		t.unary[op] = f
	}
	for op, f := range vecBinary {
		t.binary[op] = f
	}
	return t
}()

// execVec runs one instruction with vec if vec has its kernel; it reports whether it
// did. dst2, a, b and c are the zero duals where the instruction has no such register.
func execVec(in *instr, dst, dst2, a, b, c duals) bool {
	vdst := toVec(dst)
	switch in.op {
	case opFMA:
		vec.DualFMA(vdst, toVec(a), toVec(b), toVec(c))
	case opSincos:
		vec.DualSincos(vdst, toVec(dst2), toVec(a))
	case opAddConst:
		vec.DualAddScalar(vdst, toVec(a), in.k)
	case opScale:
		vec.DualScale(vdst, toVec(a), in.k)
	case opConstDiv:
		if in.k != 1 {
			return false
		}
		vec.DualRecip(vdst, toVec(a)) // 1/a: the same value, a derivative within vec's bound
	case opConstSub: // k - a == (-a) + k exactly
		vec.DualNeg(vdst, toVec(a))
		vec.DualAddScalar(vdst, vdst, in.k)
	default:
		if f := vecKernels.unary[in.op]; f != nil {
			f(vdst, toVec(a))
		} else if f := vecKernels.binary[in.op]; f != nil {
			f(vdst, toVec(a), toVec(b))
		} else {
			return false
		}
	}
	return true
}
