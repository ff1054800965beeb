package dual

import "golang.org/x/exp/constraints"

// Float is the set of element types a dual number can carry: float32 and float64.
type Float = constraints.Float

// Partials is the set of fixed-size arrays that hold the partial derivatives of a [Jet].
// The length of the array is the number of partials carried through every operation;
// lengths 1 to 16 cover chunked gradients, and the triangular numbers up to 136 hold a
// packed Hessian of up to 16 variables for [Hyper].
type Partials[T Float] interface {
	~[1]T | ~[2]T | ~[3]T | ~[4]T | ~[5]T | ~[6]T | ~[7]T | ~[8]T |
		~[9]T | ~[10]T | ~[11]T | ~[12]T | ~[13]T | ~[14]T | ~[15]T | ~[16]T |
		~[21]T | ~[28]T | ~[36]T | ~[45]T | ~[55]T | ~[66]T | ~[78]T | ~[91]T |
		~[105]T | ~[120]T | ~[136]T
}

// scale multiplies a tangent component t by the local derivative d, keeping a zero
// tangent zero even where d is infinite or NaN. This is what makes every operation
// NaN-safe: a partial with respect to a variable the operand does not depend on stays
// exactly zero, as in ForwardDiff.jl's NaN-safe mode.
func scale[T Float](d, t T) T {
	if t == 0 {
		return 0
	}
	return d * t
}
