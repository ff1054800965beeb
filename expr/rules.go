package expr

import (
	"github.com/dualgrad/dualgrad/dual"
)

// This file and apply_gen.go map every instruction onto package dual. Point
// evaluation runs the program on dual numbers (dual.Number, Jet2, Jet3, Jet, Hyper);
// the pure-Go batch kernels ask a dual.Number for each element's value and local
// derivative; so both follow dual's derivative rules and conventions exactly.

//go:generate go run ./internal/gen -o apply_gen.go

// isBinaryInstr reports whether op is an instruction with two register operands.
func isBinaryInstr(op opcode) bool { return op >= opAdd && op <= opPow || op.isBinaryFunc() }

// unaryD returns the value and local derivative of a one-operand instruction at x.
func unaryD(op opcode, k, x float64) (v, d float64) {
	r := apply1Number(op, k, dual.Number[float64]{V: x, D: 1})
	return r.V, r.D
}

// binaryD returns the value and local partials of a two-operand instruction at (x, y).
func binaryD(op opcode, x, y float64) (v, dx, dy float64) {
	rx := apply2Number(op, dual.Number[float64]{V: x, D: 1}, dual.Number[float64]{V: y})
	ry := apply2Number(op, dual.Number[float64]{V: x}, dual.Number[float64]{V: y, D: 1})
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
