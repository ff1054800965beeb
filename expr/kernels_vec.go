package expr

import "github.com/dualgrad/dualgrad/vec"

// This file connects batch evaluation to package vec's SIMD dual kernels. Every
// instruction vec has a kernel for runs there, powers and divisions with a constant
// operand on vec's two-register kernels with the constant as a register
// (constOperandOp); the rest (constant registers, and erfc, which vec lacks) run the
// pure-Go kernels of kernels.go, which follow package dual exactly.

// useVec selects vec's kernels; tests turn it off to check the pure-Go kernels
// against point evaluation bit for bit.
var useVec = true

func toVec[T vec.Float](d duals[T]) vec.Dual[T] { return vec.Dual[T](d) }

// kernelCalls are the vec calls of batch evaluation: vecCalls makes them, a
// vec.Sequence records them to run piece by piece (see batch.sequence).
type kernelCalls[T vec.Float] interface {
	DualNeg(dst, x vec.Dual[T])
	DualRecip(dst, x vec.Dual[T])
	DualFMA(dst, a, b, c vec.Dual[T])
	DualSincos(s, c, x vec.Dual[T])
	DualScale(dst, x vec.Dual[T], c T)
	DualAddScalar(dst, x vec.Dual[T], c T)
	Mul(dst, a, b []T)
	Add(dst, a, b []T)
	Sub(dst, a, b []T)
	Sincos(s, c, x []T)
	Copy(dst, src []T)
}

// vecCalls makes the calls of kernelCalls with vec's functions.
type vecCalls[T vec.Float] struct{}

func (vecCalls[T]) DualNeg(dst, x vec.Dual[T])            { vec.DualNeg(dst, x) }
func (vecCalls[T]) DualRecip(dst, x vec.Dual[T])          { vec.DualRecip(dst, x) }
func (vecCalls[T]) DualFMA(dst, a, b, c vec.Dual[T])      { vec.DualFMA(dst, a, b, c) }
func (vecCalls[T]) DualSincos(s, c, x vec.Dual[T])        { vec.DualSincos(s, c, x) }
func (vecCalls[T]) DualScale(dst, x vec.Dual[T], c T)     { vec.DualScale(dst, x, c) }
func (vecCalls[T]) DualAddScalar(dst, x vec.Dual[T], c T) { vec.DualAddScalar(dst, x, c) }
func (vecCalls[T]) Mul(dst, a, b []T)                     { vec.Mul(dst, a, b) }
func (vecCalls[T]) Add(dst, a, b []T)                     { vec.Add(dst, a, b) }
func (vecCalls[T]) Sub(dst, a, b []T)                     { vec.Sub(dst, a, b) }
func (vecCalls[T]) Sincos(s, c, x []T)                    { vec.Sincos(s, c, x) }
func (vecCalls[T]) Copy(dst, src []T)                     { copy(dst, src) }

// kernelTable is the kernel of every instruction vec provides, resolved once per
// opcode so that the per-block loop does no map lookups.
type kernelTable[T vec.Float] struct {
	unary  [numOps]func(dst, x vec.Dual[T])
	binary [numOps]func(dst, a, b vec.Dual[T])
	// The same calls recorded in a vec.Sequence.
	seqUnary  [numOps]func(s *vec.Sequence[T], dst, x vec.Dual[T])
	seqBinary [numOps]func(s *vec.Sequence[T], dst, a, b vec.Dual[T])
}

// newKernelTable returns vec's kernels for elements of type T.
func newKernelTable[T vec.Float]() *kernelTable[T] {
	t := new(kernelTable[T])
	type seq = *vec.Sequence[T]
	for _, op := range []struct {
		op  opcode
		f   func(dst, x vec.Dual[T])
		rec func(s seq, dst, x vec.Dual[T])
	}{
		{opSin, vec.DualSin[T], seq.DualSin}, {opCos, vec.DualCos[T], seq.DualCos},
		{opTan, vec.DualTan[T], seq.DualTan}, {opAsin, vec.DualAsin[T], seq.DualAsin},
		{opAcos, vec.DualAcos[T], seq.DualAcos}, {opAtan, vec.DualAtan[T], seq.DualAtan},
		{opSinh, vec.DualSinh[T], seq.DualSinh}, {opCosh, vec.DualCosh[T], seq.DualCosh},
		{opTanh, vec.DualTanh[T], seq.DualTanh}, {opAsinh, vec.DualAsinh[T], seq.DualAsinh},
		{opAcosh, vec.DualAcosh[T], seq.DualAcosh}, {opAtanh, vec.DualAtanh[T], seq.DualAtanh},
		{opExp, vec.DualExp[T], seq.DualExp}, {opExp2, vec.DualExp2[T], seq.DualExp2},
		{opExpm1, vec.DualExpm1[T], seq.DualExpm1}, {opLog, vec.DualLog[T], seq.DualLog},
		{opLog2, vec.DualLog2[T], seq.DualLog2}, {opLog10, vec.DualLog10[T], seq.DualLog10},
		{opLog1p, vec.DualLog1p[T], seq.DualLog1p}, {opSqrt, vec.DualSqrt[T], seq.DualSqrt},
		{opCbrt, vec.DualCbrt[T], seq.DualCbrt}, {opAbs, vec.DualAbs[T], seq.DualAbs},
		{opErf, vec.DualErf[T], seq.DualErf}, {opNeg, vec.DualNeg[T], seq.DualNeg},
	} {
		t.unary[op.op], t.seqUnary[op.op] = op.f, op.rec
	}
	for _, op := range []struct {
		op  opcode
		f   func(dst, a, b vec.Dual[T])
		rec func(s seq, dst, a, b vec.Dual[T])
	}{
		{opAdd, vec.DualAdd[T], seq.DualAdd}, {opSub, vec.DualSub[T], seq.DualSub},
		{opMul, vec.DualMul[T], seq.DualMul}, {opDiv, vec.DualDiv[T], seq.DualDiv},
		{opPow, vec.DualPow[T], seq.DualPow}, {opAtan2, vec.DualAtan2[T], seq.DualAtan2},
		{opMin, vec.DualMin[T], seq.DualMin}, {opMax, vec.DualMax[T], seq.DualMax},
		{opHypot, vec.DualHypot[T], seq.DualHypot},
	} {
		t.binary[op.op], t.seqBinary[op.op] = op.f, op.rec
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

// execVec runs one instruction through calls if vec has its kernel; it reports
// whether it did. dst2, a, b and c are the zero duals where the instruction has no
// such register.
func execVec[T vec.Float](calls kernelCalls[T], in *instr, dst, dst2, a, b, c duals[T]) bool {
	vdst := toVec(dst)
	switch in.op {
	case opFMA:
		calls.DualFMA(vdst, toVec(a), toVec(b), toVec(c))
	case opSincos:
		calls.DualSincos(vdst, toVec(dst2), toVec(a))
	case opAddConst:
		calls.DualAddScalar(vdst, toVec(a), T(in.k))
	case opScale:
		calls.DualScale(vdst, toVec(a), T(in.k))
	case opConstDiv:
		if in.k != 1 {
			return false
		}
		calls.DualRecip(vdst, toVec(a)) // 1/a: the same value, a derivative within vec's bound
	case opConstSub: // k - a == (-a) + k exactly
		calls.DualNeg(vdst, toVec(a))
		calls.DualAddScalar(vdst, vdst, T(in.k))
	default:
		kernels := kernelsOf[T]()
		rec, recording := calls.(*vec.Sequence[T])
		switch {
		case kernels.binary[in.op] != nil:
			binaryVec(calls, in.op, vdst, toVec(a), toVec(b))
		case kernels.unary[in.op] == nil:
			return false
		case recording:
			kernels.seqUnary[in.op](rec, vdst, toVec(a))
		default: // the usual path calls vec directly
			kernels.unary[in.op](vdst, toVec(a))
		}
	}
	return true
}

// binaryVec runs vec's kernel of the two-register operation op through calls.
func binaryVec[T vec.Float](calls kernelCalls[T], op opcode, dst, a, b vec.Dual[T]) {
	kernels := kernelsOf[T]()
	if rec, recording := calls.(*vec.Sequence[T]); recording {
		kernels.seqBinary[op](rec, dst, a, b)
		return
	}
	kernels.binary[op](dst, a, b)
}

// constOperandOp returns the two-register operation that an instruction with a
// constant operand k is, which vec's kernels run with k as a register (see
// workspace.constant), and whether k is its first operand; ok is false for the other
// instructions. vec's pow and division stay within vec's bounds of the point
// evaluation's; Go's kernels, which follow package dual, took 55 ns/point for x^3*y
// and 5.6 for x/3*y over 1<<18 points on the Zen 5 VM of bench/README, against 8.7
// for pow(x, y)*y on vec's kernels (session 16).
func constOperandOp(in *instr) (op opcode, first, ok bool) {
	switch in.op {
	case opPowConst:
		return opPow, false, true
	case opConstPow:
		return opPow, true, true
	case opDivConst:
		return opDiv, false, true
	case opConstDiv:
		return opDiv, true, in.k != 1 // 1/a is vec's reciprocal (execVec)
	}
	return 0, false, false
}
