package expr

import "github.com/dualgrad/dualgrad/vec"

// This file connects batch evaluation to package vec's SIMD dual kernels. Every
// instruction vec has a kernel for runs there; the rest (constant-operand forms
// whose rounding vec cannot reproduce, and functions vec lacks) run the pure-Go
// kernels of kernels.go, which follow package dual exactly.

// useVec selects vec's kernels; tests turn it off to check the pure-Go kernels
// against point evaluation bit for bit.
var useVec = true

func toVec[T vec.Float](d duals[T]) vec.Dual[T] { return vec.Dual[T](d) }

// kernelTable is the kernel of every instruction vec provides, resolved once per
// opcode so that the per-block loop does no map lookups.
type kernelTable[T vec.Float] struct {
	unary  [numOps]func(dst, x vec.Dual[T])
	binary [numOps]func(dst, a, b vec.Dual[T])
}

// newKernelTable returns vec's kernels for elements of type T.
func newKernelTable[T vec.Float]() *kernelTable[T] {
	t := new(kernelTable[T])
	for op, f := range map[opcode]func(dst, x vec.Dual[T]){
		opSin: vec.DualSin[T], opCos: vec.DualCos[T], opTan: vec.DualTan[T],
		opAsin: vec.DualAsin[T], opAcos: vec.DualAcos[T], opAtan: vec.DualAtan[T],
		opSinh: vec.DualSinh[T], opCosh: vec.DualCosh[T], opTanh: vec.DualTanh[T],
		opAsinh: vec.DualAsinh[T], opAcosh: vec.DualAcosh[T], opAtanh: vec.DualAtanh[T],
		opExp: vec.DualExp[T], opExp2: vec.DualExp2[T], opExpm1: vec.DualExpm1[T],
		opLog: vec.DualLog[T], opLog2: vec.DualLog2[T], opLog10: vec.DualLog10[T],
		opLog1p: vec.DualLog1p[T], opSqrt: vec.DualSqrt[T], opCbrt: vec.DualCbrt[T],
		opAbs: vec.DualAbs[T], opErf: vec.DualErf[T], opNeg: vec.DualNeg[T],
	} {
		t.unary[op] = f
	}
	for op, f := range map[opcode]func(dst, a, b vec.Dual[T]){
		opAdd: vec.DualAdd[T], opSub: vec.DualSub[T], opMul: vec.DualMul[T],
		opDiv: vec.DualDiv[T], opPow: vec.DualPow[T], opAtan2: vec.DualAtan2[T],
		opMin: vec.DualMin[T], opMax: vec.DualMax[T], opHypot: vec.DualHypot[T],
	} {
		t.binary[op] = f
	}
	return t
}

var vecKernels64, vecKernels32 = newKernelTable[float64](), newKernelTable[float32]()

// kernelsOf returns vec's kernels for elements of type T.
func kernelsOf[T vec.Float]() *kernelTable[T] {
	if t, ok := any(vecKernels32).(*kernelTable[T]); ok {
		return t
	}
	return any(vecKernels64).(*kernelTable[T])
}

// execVec runs one instruction with vec if vec has its kernel; it reports whether it
// did. dst2, a, b and c are the zero duals where the instruction has no such register.
func execVec[T vec.Float](in *instr, dst, dst2, a, b, c duals[T]) bool {
	vdst := toVec(dst)
	switch in.op {
	case opFMA:
		vec.DualFMA(vdst, toVec(a), toVec(b), toVec(c))
	case opSincos:
		vec.DualSincos(vdst, toVec(dst2), toVec(a))
	case opAddConst:
		vec.DualAddScalar(vdst, toVec(a), T(in.k))
	case opScale:
		vec.DualScale(vdst, toVec(a), T(in.k))
	case opConstDiv:
		if in.k != 1 {
			return false
		}
		vec.DualRecip(vdst, toVec(a)) // 1/a: the same value, a derivative within vec's bound
	case opConstSub: // k - a == (-a) + k exactly
		vec.DualNeg(vdst, toVec(a))
		vec.DualAddScalar(vdst, vdst, T(in.k))
	default:
		kernels := kernelsOf[T]()
		if f := kernels.unary[in.op]; f != nil {
			f(vdst, toVec(a))
		} else if f := kernels.binary[in.op]; f != nil {
			f(vdst, toVec(a), toVec(b))
		} else {
			return false
		}
	}
	return true
}
