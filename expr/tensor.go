package expr

import (
	"fmt"
	"slices"

	"github.com/dualgrad/dualgrad/vec"
)

// TensorOf is an n-dimensional array of float32 or float64 in row-major order: the
// last index varies fastest. A scalar has an empty (or nil) Shape and one element.
type TensorOf[T vec.Float] struct {
	Shape []int
	Data  []T
}

// Tensor is a tensor of float64, the precision of EvalBatch, Backward and JVPBatch.
type Tensor = TensorOf[float64]

// Tensor32 is a tensor of float32, the precision of EvalBatch32, Backward32 and
// JVPBatch32.
type Tensor32 = TensorOf[float32]

// Scalar returns the 0-dimensional tensor holding v.
func Scalar(v float64) Tensor { return Tensor{Data: []float64{v}} }

// NewTensor returns a zero tensor of the given shape. It panics on a negative
// dimension.
func NewTensor(shape ...int) Tensor {
	n, err := numElements(shape)
	if err != nil {
		panic("expr.NewTensor: " + err.Error())
	}
	return Tensor{Shape: slices.Clone(shape), Data: make([]float64, n)}
}

// Len returns the number of elements the shape calls for.
func (t TensorOf[T]) Len() int {
	n, _ := numElements(t.Shape)
	return n
}

// At returns the element at the given indices (one per dimension).
func (t TensorOf[T]) At(index ...int) T {
	if len(index) != len(t.Shape) {
		panic(fmt.Sprintf("expr.Tensor.At: %d indices for shape %v", len(index), t.Shape))
	}
	off := 0
	for d, i := range index {
		if i < 0 || i >= t.Shape[d] {
			panic(fmt.Sprintf("expr.Tensor.At: index %v out of range for shape %v", index, t.Shape))
		}
		off = off*t.Shape[d] + i
	}
	return t.Data[off]
}

// numElements returns the product of the dimensions, or an error for a negative one.
func numElements(shape []int) (int, error) {
	n := 1
	for _, d := range shape {
		if d < 0 {
			return 0, fmt.Errorf("shape %v has a negative dimension", shape)
		}
		n *= d
	}
	return n, nil
}

// validate checks that t's data matches its shape; what names the tensor in errors.
func (t TensorOf[T]) validate(what string) error {
	n, err := numElements(t.Shape)
	if err != nil {
		return fmt.Errorf("expr: %s: %v", what, err)
	}
	if len(t.Data) != n {
		return fmt.Errorf("expr: %s: shape %v holds %d elements but the data has %d (ragged or truncated data)",
			what, t.Shape, n, len(t.Data))
	}
	return nil
}

// Broadcast returns the shape that tensors of the given shapes broadcast to under
// NumPy's rules: shapes are aligned at their last dimension, missing leading
// dimensions count as 1, and in each dimension the sizes must be equal or 1. The
// error names two shapes that conflict.
func Broadcast(shapes ...[]int) ([]int, error) {
	rank := 0
	for _, s := range shapes {
		rank = max(rank, len(s))
	}
	out := make([]int, rank)
	owner := make([]int, rank) // which shape set each dimension, for the error
	for d := range out {
		out[d], owner[d] = 1, -1
	}
	for j, s := range shapes {
		for i, size := range s {
			if size < 0 {
				return nil, fmt.Errorf("expr: shape %v has a negative dimension", s)
			}
			d := rank - len(s) + i
			switch {
			case size == out[d] || size == 1:
			case out[d] == 1:
				out[d], owner[d] = size, j
			default:
				return nil, fmt.Errorf("expr: shapes %v and %v do not broadcast: sizes %d and %d in dimension %d from the end",
					shapes[owner[d]], s, out[d], size, len(s)-i)
			}
		}
	}
	return out, nil
}

// broadcastsTo reports whether shape broadcasts to target without changing it.
func broadcastsTo(shape, target []int) bool {
	b, err := Broadcast(shape, target)
	return err == nil && slices.Equal(b, target)
}

// indexKind says how the flat indices of a broadcast batch map to an input's elements.
type indexKind uint8

const (
	sameShape indexKind = iota // index i is element i
	oneValue                   // every index is element 0
	strided                    // general broadcasting
)

// bcastMap maps flat indices in a broadcast shape to flat indices of one tensor
// whose shape broadcasts to it.
type bcastMap struct {
	kind    indexKind
	shape   []int // the broadcast shape
	strides []int // the tensor's stride in each dimension of shape, 0 where broadcast
}

func newBcastMap(from, to []int) bcastMap {
	n, _ := numElements(from)
	switch {
	case slices.Equal(from, to):
		return bcastMap{kind: sameShape}
	case n == 1:
		return bcastMap{kind: oneValue}
	}
	m := bcastMap{kind: strided, shape: to, strides: make([]int, len(to))}
	stride := 1
	for i := len(from) - 1; i >= 0; i-- {
		d := len(to) - len(from) + i
		if from[i] != 1 {
			m.strides[d] = stride
		}
		stride *= from[i]
	}
	return m
}

// walk calls run(pos, off, length, stride) for consecutive runs covering the flat
// indices [start, start+count): indices pos..pos+length-1 map to elements off,
// off+stride, ..., within one innermost row. coord is scratch of len(m.shape).
func (m *bcastMap) walk(start, count int, coord []int, run func(pos, off, length, stride int)) {
	last := len(m.shape) - 1
	rem, off := start, 0
	for d := last; d >= 0; d-- {
		coord[d] = rem % m.shape[d]
		rem /= m.shape[d]
		off += coord[d] * m.strides[d]
	}
	for pos := 0; pos < count; {
		length := min(m.shape[last]-coord[last], count-pos)
		run(pos, off, length, m.strides[last])
		pos += length
		off += length * m.strides[last]
		coord[last] += length
		for d := last; d > 0 && coord[d] == m.shape[d]; d-- {
			off -= coord[d] * m.strides[d]
			coord[d] = 0
			coord[d-1]++
			off += m.strides[d-1]
		}
	}
}

// gather sets dst[i] to the element of src at flat index start+i of the broadcast
// shape, for i < len(dst). It returns dst, or for sameShape a subslice of src.
func gather[T vec.Float](m *bcastMap, dst, src []T, start int, coord []int) []T {
	switch m.kind {
	case sameShape:
		return src[start : start+len(dst)]
	case oneValue:
		for i := range dst {
			dst[i] = src[0]
		}
		return dst
	}
	m.walk(start, len(dst), coord, func(pos, off, length, stride int) {
		if stride == 0 {
			v := src[off]
			for i := range length {
				dst[pos+i] = v
			}
			return
		}
		copy(dst[pos:pos+length], src[off:off+length])
	})
	return dst
}

// scatterAdd adds src[i] into the element of dst that flat index start+i maps to:
// the reduction that sums a gradient over broadcast dimensions.
func scatterAdd[T vec.Float](m *bcastMap, dst, src []T, start int, coord []int) {
	switch m.kind {
	case sameShape:
		d := dst[start : start+len(src)]
		for i, v := range src {
			d[i] += v
		}
		return
	case oneValue:
		var s T
		for _, v := range src {
			s += v
		}
		dst[0] += s
		return
	}
	m.walk(start, len(src), coord, func(pos, off, length, stride int) {
		if stride == 0 {
			s := dst[off]
			for _, v := range src[pos : pos+length] {
				s += v
			}
			dst[off] = s
			return
		}
		d := dst[off : off+length]
		for i, v := range src[pos : pos+length] {
			d[i] += v
		}
	})
}
