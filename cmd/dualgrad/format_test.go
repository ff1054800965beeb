package main

import (
	"math"
	"strconv"
	"testing"
)

func TestFormatFloat(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{12, "12"},
		{-0.5, "-0.5"},
		{3.027209981231713, "3.027209981231713"},
		{0.1, "0.1"},
		{1234567, "1234567"},
		{1e20, "100000000000000000000"},
		{1e21, "1e+21"},
		{1e-6, "0.000001"},
		{1e-7, "1e-7"},
		{-2.5e-300, "-2.5e-300"},
		{math.MaxFloat64, "1.7976931348623157e+308"},
		{5e-324, "5e-324"},
		{0, "0"},
		{math.Copysign(0, -1), "-0"},
		{math.NaN(), "NaN"},
		{math.Inf(1), "Inf"},
		{math.Inf(-1), "-Inf"},
	}
	for _, tt := range tests {
		if got := formatFloat(tt.in); got != tt.want {
			t.Errorf("formatFloat(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Every printed number must read back to exactly the same float64.
func TestFormatFloatRoundTrips(t *testing.T) {
	values := []float64{math.Pi, -math.E, 1.0 / 3, 2.0 / 3 * 1e-9, 123456789.123, 7e22, 1e-310, math.SmallestNonzeroFloat64}
	for i := range 2000 {
		// A spread of magnitudes and mantissas, deterministic.
		values = append(values, math.Ldexp(1+float64(i)*0.6180339887498949, i%600-300))
	}
	for _, v := range values {
		s := formatFloat(v)
		back, err := strconv.ParseFloat(s, 64)
		if err != nil || back != v {
			t.Fatalf("formatFloat(%v) = %q reads back as %v, %v", v, s, back, err)
		}
	}
}

func TestFormatValueTensor(t *testing.T) {
	tests := []struct {
		name   string
		v      value
		column int
		want   string
	}{
		{"notebook x.grad", value{shape: []int{2, 3}, data: []float64{12, 27, 12, 12, 27, 27}}, 0,
			"tensor([[12., 27., 12.],\n        [12., 27., 27.]])"},
		{"notebook y.grad pads to the widest", value{shape: []int{2, 3}, data: []float64{8, 10, 10, 8, 10, 10}}, 0,
			"tensor([[ 8., 10., 10.],\n        [ 8., 10., 10.]])"},
		{"negative values", value{shape: []int{2, 3}, data: []float64{3, 6, 9, -1, 1, 2}}, 0,
			"tensor([[ 3.,  6.,  9.],\n        [-1.,  1.,  2.]])"},
		{"one element", value{shape: []int{1}, data: []float64{12}}, 0, "tensor([12.])"},
		{"decimal points line up", value{shape: []int{2}, data: []float64{0.5, 12}}, 0, "tensor([ 0.5, 12. ])"},
		{"continuation rows follow the prefix", value{shape: []int{2, 1}, data: []float64{1, 2}}, 8,
			"tensor([[1.],\n                [2.]])"},
		{"3-d tensors separate matrices by a blank line", value{shape: []int{2, 1, 2}, data: []float64{1, 2, 3, 4}}, 0,
			"tensor([[[1., 2.]],\n\n        [[3., 4.]]])"},
		{"non-finite", value{shape: []int{3}, data: []float64{math.NaN(), math.Inf(-1), 1}}, 0, "tensor([ NaN, -Inf,   1.])"},
		{"exponent forms are right-aligned", value{shape: []int{3}, data: []float64{1e-9, 1e30, 0.5}}, 0, "tensor([ 1e-9, 1e+30,   0.5])"},
		{"empty", value{shape: []int{0}}, 0, "tensor([])"},
		{"scalar", scalarValue(12), 0, "12"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := formatValue(tt.v, tt.column); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
