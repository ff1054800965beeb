package expr

import (
	"github.com/dualgrad/dualgrad/dual"
	"github.com/dualgrad/dualgrad/vec"
)

// This file holds the batch kernels: one function per instruction, over blocks of
// dual numbers stored as structure of arrays. They are plain Go loops that take each
// element's value and local derivative from package dual (rules.go), so a batch
// agrees with point evaluation to the last bit (up to the sign of zero tangents). Their names and signatures follow package
// vec's Dual kernels (vec.DualAdd(dst, a, b vec.Dual[float64]) ...) so that each body
// can become a call into vec's SIMD kernels.

// duals is a block of dual numbers in structure-of-arrays form: V holds the values
// and D[k] the k-th tangent of each, all columns of equal length. It has the layout
// of vec.Dual[T].
type duals[T vec.Float] struct {
	V      []T
	D      [][]T
	Stream bool            // see vec.Dual.Stream
	Ahead  *vec.Prefetcher // see vec.Dual.Ahead
}

// scaleTangent multiplies tangent component t by local derivative d, keeping a zero
// tangent zero even where d is infinite or NaN, as package dual does.
func scaleTangent[T vec.Float](d, t T) T {
	if t == 0 {
		return 0
	}
	return d * t
}

func dualConst[T vec.Float](dst duals[T], k float64) {
	for i := range dst.V {
		dst.V[i] = T(k)
	}
	for _, t := range dst.D {
		clear(t)
	}
}

func dualAdd[T vec.Float](dst, a, b duals[T]) {
	for i := range dst.V {
		dst.V[i] = a.V[i] + b.V[i]
	}
	for k, t := range dst.D {
		ta, tb := a.D[k][:len(t)], b.D[k][:len(t)]
		for i := range t {
			t[i] = ta[i] + tb[i]
		}
	}
}

func dualSub[T vec.Float](dst, a, b duals[T]) {
	for i := range dst.V {
		dst.V[i] = a.V[i] - b.V[i]
	}
	for k, t := range dst.D {
		ta, tb := a.D[k][:len(t)], b.D[k][:len(t)]
		for i := range t {
			t[i] = ta[i] - tb[i]
		}
	}
}

func dualNeg[T vec.Float](dst, a duals[T]) {
	for i := range dst.V {
		dst.V[i] = -a.V[i]
	}
	for k, t := range dst.D {
		ta := a.D[k][:len(t)]
		for i := range t {
			t[i] = -ta[i]
		}
	}
}

// dualMul computes the tangents before the values, so dst may alias a or b.
func dualMul[T vec.Float](dst, a, b duals[T]) {
	for k, t := range dst.D {
		ta, tb := a.D[k][:len(t)], b.D[k][:len(t)]
		av, bv := a.V[:len(t)], b.V[:len(t)]
		for i := range t {
			t[i] = scaleTangent(bv[i], ta[i]) + scaleTangent(av[i], tb[i])
		}
	}
	for i := range dst.V {
		dst.V[i] = a.V[i] * b.V[i]
	}
}

// dualFMA sets dst to a*b + c with the value rounded once, like vec.DualFMA.
func dualFMA[T vec.Float](dst, a, b, c duals[T]) {
	for k, t := range dst.D {
		ta, tb, tc := a.D[k][:len(t)], b.D[k][:len(t)], c.D[k][:len(t)]
		av, bv := a.V[:len(t)], b.V[:len(t)]
		for i := range t {
			t[i] = scaleTangent(bv[i], ta[i]) + scaleTangent(av[i], tb[i]) + tc[i]
		}
	}
	for i := range dst.V {
		dst.V[i] = dual.Number[T]{V: a.V[i]}.Fma(dual.Number[T]{V: b.V[i]}, dual.Number[T]{V: c.V[i]}).V
	}
}

func dualAddScalar[T vec.Float](dst, a duals[T], k float64) {
	kt := T(k)
	for i := range dst.V {
		dst.V[i] = a.V[i] + kt
	}
	for j, t := range dst.D {
		copy(t, a.D[j])
	}
}

// dualConstSub sets dst to k - a.
func dualConstSub[T vec.Float](dst, a duals[T], k float64) {
	kt := T(k)
	for i := range dst.V {
		dst.V[i] = kt - a.V[i]
	}
	for j, t := range dst.D {
		ta := a.D[j][:len(t)]
		for i := range t {
			t[i] = -ta[i]
		}
	}
}

func dualScale[T vec.Float](dst, a duals[T], k float64) {
	kt := T(k)
	for j, t := range dst.D {
		ta := a.D[j][:len(t)]
		for i := range t {
			t[i] = scaleTangent(kt, ta[i])
		}
	}
	for i := range dst.V {
		dst.V[i] = a.V[i] * kt
	}
}

// dualUnary applies a one-operand instruction: a function such as sin, or a form
// with constant operand k such as opDivConst. deriv is scratch
// space of the block's length for the local derivatives.
func dualUnary[T vec.Float](op opcode, k float64, dst, a duals[T], deriv []T) {
	deriv = deriv[:len(dst.V)]
	for i, x := range a.V[:len(dst.V)] {
		dst.V[i], deriv[i] = unaryD(op, k, x)
	}
	for j, t := range dst.D {
		ta := a.D[j][:len(t)]
		for i := range t {
			t[i] = scaleTangent(deriv[i], ta[i])
		}
	}
}

// dualSincos sets s to sin a and c to cos a. s and c must not alias a.
func dualSincos[T vec.Float](s, c, a duals[T]) {
	for i, x := range a.V[:len(s.V)] {
		sx, cx := dual.Number[T]{V: x}.Sincos()
		s.V[i], c.V[i] = sx.V, cx.V
	}
	for j, t := range s.D {
		ta, tc := a.D[j][:len(t)], c.D[j][:len(t)]
		sv, cv := s.V[:len(t)], c.V[:len(t)]
		for i := range t {
			t[i] = scaleTangent(cv[i], ta[i])
			tc[i] = scaleTangent(-sv[i], ta[i])
		}
	}
}

// dualBinary applies a two-argument operation other than + - *, with scratch
// columns for the two local partials.
func dualBinary[T vec.Float](op opcode, dst, a, b duals[T], da, db []T) {
	da, db = da[:len(dst.V)], db[:len(dst.V)]
	for i := range dst.V {
		dst.V[i], da[i], db[i] = binaryD(op, a.V[i], b.V[i])
	}
	for j, t := range dst.D {
		ta, tb := a.D[j][:len(t)], b.D[j][:len(t)]
		for i := range t {
			t[i] = scaleTangent(da[i], ta[i]) + scaleTangent(db[i], tb[i])
		}
	}
}
