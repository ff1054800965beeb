package main

import (
	"strings"
	"testing"
)

func TestBroadcastShapes(t *testing.T) {
	tests := []struct {
		shapes [][]int
		want   []int
	}{
		{[][]int{nil, nil}, []int{}},
		{[][]int{{2, 3}, nil}, []int{2, 3}},
		{[][]int{{2, 3}, {3}}, []int{2, 3}},
		{[][]int{{2, 1}, {1, 3}}, []int{2, 3}},
		{[][]int{{4, 1, 3}, {2, 1}}, []int{4, 2, 3}},
		{[][]int{{0}, {1}}, []int{0}},
	}
	for _, tt := range tests {
		names := make([]string, len(tt.shapes))
		got, err := broadcastShapes(names, tt.shapes)
		if err != nil || !equalShapes(got, tt.want) {
			t.Errorf("broadcastShapes(%v) = %v, %v; want %v", tt.shapes, got, err, tt.want)
		}
	}
	_, err := broadcastShapes([]string{"x", "y", "z"}, [][]int{{2, 3}, {3}, {2}})
	if err == nil || !strings.Contains(err.Error(), "x has shape (2, 3) and z has shape (2,)") {
		t.Errorf("broadcastShapes error = %v, want it to name x and z and their shapes", err)
	}
}

func TestSumToShape(t *testing.T) {
	full := value{shape: []int{2, 3}, data: []float64{1, 2, 3, 4, 5, 6}}
	tests := []struct {
		shape []int
		want  []float64
	}{
		{[]int{2, 3}, []float64{1, 2, 3, 4, 5, 6}},
		{[]int{3}, []float64{5, 7, 9}},
		{[]int{1, 3}, []float64{5, 7, 9}},
		{[]int{2, 1}, []float64{6, 15}},
		{nil, []float64{21}},
		{[]int{1, 1}, []float64{21}},
	}
	for _, tt := range tests {
		got := sumToShape(full, tt.shape)
		if !equalShapes(got.shape, tt.shape) || len(got.data) != len(tt.want) {
			t.Errorf("sumToShape to %v = %v %v", tt.shape, got.shape, got.data)
			continue
		}
		for i := range tt.want {
			if got.data[i] != tt.want[i] {
				t.Errorf("sumToShape to %v = %v, want %v", tt.shape, got.data, tt.want)
				break
			}
		}
	}
}

func TestElementName(t *testing.T) {
	if got := elementName([]int{2, 3}, 4); got != "[1, 1]" {
		t.Errorf("elementName((2, 3), 4) = %q, want [1, 1]", got)
	}
	if got := elementName(nil, 0); got != "" {
		t.Errorf("elementName of a scalar = %q, want empty", got)
	}
}
