package expr

import (
	"github.com/dualgrad/dualgrad/dual"
	"github.com/dualgrad/dualgrad/vec"
)

// This file and apply_gen.go map every instruction onto package dual. Point
// evaluation runs the program on dual numbers (dual.Number, Jet2, Jet3, Jet, Hyper);
// the pure-Go batch kernels ask a dual.Number for each element's value and local
// derivative; so both follow dual's derivative rules and conventions exactly.

//go:generate go run ./internal/gen -o apply_gen.go

// isBinaryInstr reports whether op is an instruction with two register operands.
func isBinaryInstr(op opcode) bool { return op >= opAdd && op <= opPow || op.isBinaryFunc() }

// unaryD returns the value and local derivative of a one-operand instruction at x.
// In float32 the constant operand k is rounded to float32 first.
func unaryD[T vec.Float](op opcode, k float64, x T) (v, d T) {
	if sizeOf[T]() == 4 { // float32; unlike a type switch on any(x), folded per instantiation
		r := apply1Number32(op, float32(k), dual.Number[float32]{V: float32(x), D: 1})
		return T(r.V), T(r.D)
	}
	r := apply1Number(op, k, dual.Number[float64]{V: float64(x), D: 1})
	return T(r.V), T(r.D)
}

// binaryD returns the value and local partials of a two-operand instruction at (x, y).
func binaryD[T vec.Float](op opcode, x, y T) (v, dx, dy T) {
	if sizeOf[T]() == 4 {
		x32, y32 := float32(x), float32(y)
		rx := apply2Number32(op, dual.Number[float32]{V: x32, D: 1}, dual.Number[float32]{V: y32})
		ry := apply2Number32(op, dual.Number[float32]{V: x32}, dual.Number[float32]{V: y32, D: 1})
		return T(rx.V), T(rx.D), T(ry.D)
	}
	x64, y64 := float64(x), float64(y)
	rx := apply2Number(op, dual.Number[float64]{V: x64, D: 1}, dual.Number[float64]{V: y64})
	ry := apply2Number(op, dual.Number[float64]{V: x64}, dual.Number[float64]{V: y64, D: 1})
	return T(rx.V), T(rx.D), T(ry.D)
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
