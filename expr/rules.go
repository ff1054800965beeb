package expr

import (
	"fmt"

	"github.com/dualgrad/dualgrad/dual"
)

// This file maps every instruction onto package dual. Point evaluation runs the
// program on dual numbers (dual.Number, dual.Jet, dual.Hyper); the pure-Go batch
// kernels ask a dual.Number for each element's value and local derivative; so both
// follow dual's derivative rules and conventions exactly.

// apply1 applies the one-operand instruction op (with constant operand k for the
// constant forms) to x.
func apply1[D dual.Scalar[D, float64]](op opcode, k float64, x D) D {
	switch op {
	case opNeg:
		return x.Neg()
	case opAddConst:
		return x.AddConst(k)
	case opScale:
		return x.Scale(k)
	case opConstSub:
		return x.ConstSub(k)
	case opDivConst:
		return x.DivConst(k)
	case opConstDiv:
		return x.ConstDiv(k)
	case opPowConst:
		return x.PowReal(k)
	case opConstPow:
		return dual.Const[D](k).Pow(x)
	case opSin:
		return x.Sin()
	case opCos:
		return x.Cos()
	case opTan:
		return x.Tan()
	case opAsin:
		return x.Asin()
	case opAcos:
		return x.Acos()
	case opAtan:
		return x.Atan()
	case opSinh:
		return x.Sinh()
	case opCosh:
		return x.Cosh()
	case opTanh:
		return x.Tanh()
	case opAsinh:
		return x.Asinh()
	case opAcosh:
		return x.Acosh()
	case opAtanh:
		return x.Atanh()
	case opExp:
		return x.Exp()
	case opExp2:
		return x.Exp2()
	case opExpm1:
		return x.Expm1()
	case opLog:
		return x.Log()
	case opLog2:
		return x.Log2()
	case opLog10:
		return x.Log10()
	case opLog1p:
		return x.Log1p()
	case opSqrt:
		return x.Sqrt()
	case opCbrt:
		return x.Cbrt()
	case opAbs:
		return x.Abs()
	case opErf:
		return x.Erf()
	case opErfc:
		return x.Erfc()
	}
	panic(fmt.Sprintf("expr: apply1 called with %s", instrName(op)))
}

// apply2 applies the two-operand instruction op to x and y.
func apply2[D dual.Scalar[D, float64]](op opcode, x, y D) D {
	switch op {
	case opAdd:
		return x.Add(y)
	case opSub:
		return x.Sub(y)
	case opMul:
		return x.Mul(y)
	case opDiv:
		return x.Div(y)
	case opPow:
		return x.Pow(y)
	case opAtan2:
		return x.Atan2(y) // atan2(x, y): x is the ordinate
	case opHypot:
		return x.Hypot(y)
	case opMin:
		return x.Min(y)
	case opMax:
		return x.Max(y)
	}
	panic(fmt.Sprintf("expr: apply2 called with %s", instrName(op)))
}

// isBinaryInstr reports whether op is an instruction with two register operands.
func isBinaryInstr(op opcode) bool { return op >= opAdd && op <= opPow || op.isBinaryFunc() }

// unaryD returns the value and local derivative of a one-operand instruction at x.
func unaryD(op opcode, k, x float64) (v, d float64) {
	r := apply1(op, k, dual.Number[float64]{V: x, D: 1})
	return r.V, r.D
}

// binaryD returns the value and local partials of a two-operand instruction at (x, y).
func binaryD(op opcode, x, y float64) (v, dx, dy float64) {
	rx := apply2(op, dual.Number[float64]{V: x, D: 1}, dual.Number[float64]{V: y})
	ry := apply2(op, dual.Number[float64]{V: x}, dual.Number[float64]{V: y, D: 1})
	return rx.V, rx.D, ry.D
}

// evalFloat computes the value of a node-level operation on plain floats, for
// constant folding: a folded constant equals what evaluation would produce.
func evalFloat(op opcode, x, y float64) float64 {
	if op.arity() == 1 {
		v, _ := unaryD(op, 0, x)
		return v
	}
	v, _, _ := binaryD(op, x, y)
	return v
}
