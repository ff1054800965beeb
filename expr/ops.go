package expr

// opcode identifies an operation, both in expression nodes and in compiled instructions.
type opcode uint8

const (
	opInvalid opcode = iota
	opVar            // an input variable
	opConst          // a constant

	// Arithmetic operators.
	opAdd
	opSub
	opMul
	opDiv
	opPow
	opNeg

	// One-argument functions; firstUnary..lastUnary is a contiguous range.
	opSin
	opCos
	opTan
	opAsin
	opAcos
	opAtan
	opSinh
	opCosh
	opTanh
	opAsinh
	opAcosh
	opAtanh
	opExp
	opExp2
	opExpm1
	opLog
	opLog2
	opLog10
	opLog1p
	opSqrt
	opCbrt
	opAbs
	opErf
	opErfc

	// Two-argument functions.
	opAtan2
	opHypot
	opMin
	opMax

	// Instructions that only the compiler creates; k is the instruction's constant.
	opAddConst // a + k (also a - k as a + (-k))
	opScale    // a * k
	opDivConst // a / k
	opConstDiv // k / a
	opConstSub // k - a
	opPowConst // a ^ k
	opConstPow // k ^ a
	opFMA      // a*b + c
	opSincos   // sin a into dst, cos a into dst2

	numOps
)

const (
	firstUnary = opSin
	lastUnary  = opErfc
)

// opNames holds the function name of every callable operation and the printed
// symbol of the operators, for printing and messages. The compiler's own
// instructions are named by instrName.
var opNames = [numOps]string{
	opAdd: "+", opSub: "-", opMul: "*", opDiv: "/", opPow: "^", opNeg: "-",
	opSin: "sin", opCos: "cos", opTan: "tan", opAsin: "asin", opAcos: "acos", opAtan: "atan",
	opSinh: "sinh", opCosh: "cosh", opTanh: "tanh", opAsinh: "asinh", opAcosh: "acosh", opAtanh: "atanh",
	opExp: "exp", opExp2: "exp2", opExpm1: "expm1", opLog: "log", opLog2: "log2", opLog10: "log10",
	opLog1p: "log1p", opSqrt: "sqrt", opCbrt: "cbrt", opAbs: "abs", opErf: "erf", opErfc: "erfc",
	opAtan2: "atan2", opHypot: "hypot", opMin: "min", opMax: "max",
}

// functions maps every name the parser accepts as a call to its operation.
// "pow" is a call spelling of the ^ operator.
var functions = func() map[string]opcode {
	m := map[string]opcode{"pow": opPow}
	for op := firstUnary; op <= lastUnary; op++ {
		m[opNames[op]] = op
	}
	for _, op := range []opcode{opAtan2, opHypot, opMin, opMax} {
		m[opNames[op]] = op
	}
	return m
}()

// isUnaryFunc reports whether op is a one-argument function such as sin.
func (op opcode) isUnaryFunc() bool { return op >= firstUnary && op <= lastUnary }

// isBinaryFunc reports whether op is a two-argument function written as a call.
func (op opcode) isBinaryFunc() bool { return op >= opAtan2 && op <= opMax }

// arity returns the number of operands of an expression-node operation.
func (op opcode) arity() int {
	switch {
	case op == opVar || op == opConst:
		return 0
	case op == opNeg || op.isUnaryFunc():
		return 1
	default:
		return 2
	}
}
