package main

import (
	"fmt"
	"strconv"
	"strings"
)

// NumPy broadcasting, as the command line needs it: to check that the bound
// tensors fit together (naming the variables when they do not), to find which
// input element a result element came from, and to sum a gradient back to an
// input's shape as PyTorch's f.sum().backward() does.

// broadcastShapes returns the shape that tensors of the given shapes
// broadcast to: shapes are aligned on their last dimension and each
// dimension must be equal or 1. names label the shapes in the error.
func broadcastShapes(names []string, shapes [][]int) ([]int, error) {
	rank := 0
	for _, s := range shapes {
		rank = max(rank, len(s))
	}
	out := make([]int, rank)
	from := make([]int, rank) // which input set out[d], for the error message
	for d := range out {
		out[d] = 1
		from[d] = -1
	}
	for i, s := range shapes {
		off := rank - len(s)
		for d, n := range s {
			switch {
			case n == out[off+d]:
			case out[off+d] == 1:
				out[off+d], from[off+d] = n, i
			case n != 1:
				j := from[off+d]
				return nil, fmt.Errorf("shapes do not broadcast: %s has shape %s and %s has shape %s (dimensions must be equal or 1, counted from the last)",
					names[j], formatShape(shapes[j]), names[i], formatShape(s))
			}
		}
	}
	return out, nil
}

// sourceIndices returns, for each element of a tensor of shape full in
// row-major order, the index of the element of a tensor of shape shape
// (which broadcasts to full) that it was computed from.
func sourceIndices(full, shape []int) []int {
	rank := len(full)
	off := rank - len(shape)
	// stride[d] is the step in the source for a step along dimension d of
	// full: zero where the source is broadcast.
	stride := make([]int, rank)
	step := 1
	for d := len(shape) - 1; d >= 0; d-- {
		if shape[d] != 1 {
			stride[off+d] = step
		}
		step *= shape[d]
	}
	n := shapeSize(full)
	idx := make([]int, n)
	counter := make([]int, rank)
	src := 0
	for i := range n {
		idx[i] = src
		for d := rank - 1; d >= 0; d-- {
			counter[d]++
			src += stride[d]
			if counter[d] < full[d] {
				break
			}
			src -= stride[d] * counter[d]
			counter[d] = 0
		}
	}
	return idx
}

// sumToShape sums the elements of v, whose shape is the broadcast of shape
// with others, back to shape: the gradient of sum(f) with respect to an
// input that was broadcast.
func sumToShape(v value, shape []int) value {
	if equalShapes(v.shape, shape) {
		return v
	}
	out := make([]float64, shapeSize(shape))
	for i, src := range sourceIndices(v.shape, shape) {
		out[src] += v.data[i]
	}
	return value{shape: shape, data: out}
}

// elementName returns "[1, 2]" for the element at row-major index i of a
// tensor of the given shape, or "" for a scalar.
func elementName(shape []int, i int) string {
	if len(shape) == 0 {
		return ""
	}
	idx := make([]string, len(shape))
	for d := len(shape) - 1; d >= 0; d-- {
		n := max(shape[d], 1)
		idx[d] = strconv.Itoa(i % n)
		i /= n
	}
	return "[" + strings.Join(idx, ", ") + "]"
}
