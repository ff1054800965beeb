package main

// value is a number or a tensor: a shape and its row-major data. A scalar has
// an empty shape and exactly one datum.
type value struct {
	shape []int
	data  []float64
}

// scalarValue returns v as a scalar value.
func scalarValue(v float64) value {
	return value{data: []float64{v}}
}

// isScalar reports whether v is a plain number rather than a tensor.
func (v value) isScalar() bool {
	return len(v.shape) == 0
}

// shapeSize returns the number of elements of a tensor of the given shape.
func shapeSize(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}
