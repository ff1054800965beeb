package main

import (
	"math"
	"strings"
	"testing"
)

func TestParseLiteral(t *testing.T) {
	tests := []struct {
		src   string
		shape []int
		data  []float64
	}{
		{"2", nil, []float64{2}},
		{"-1.5e-3", nil, []float64{-0.0015}},
		{" 2. ", nil, []float64{2}},
		{".5", nil, []float64{0.5}},
		{"+7", nil, []float64{7}},
		{"[2.]", []int{1}, []float64{2}},
		{"[[2., 3., 2.], [2., 3., 3.]]", []int{2, 3}, []float64{2, 3, 2, 2, 3, 3}},
		{"[[1,2],[3,4],]", []int{2, 2}, []float64{1, 2, 3, 4}},
		{"[ [ [1] ] , [ [2] ] ]", []int{2, 1, 1}, []float64{1, 2}},
		{"[]", []int{0}, nil},
		{"[[], []]", []int{2, 0}, nil},
		{"[1e308, -1e-300]", []int{2}, []float64{1e308, -1e-300}},
	}
	for _, tt := range tests {
		v, err := parseLiteral(tt.src)
		if err != nil {
			t.Errorf("parseLiteral(%q): %v", tt.src, err)
			continue
		}
		if !equalShapes(v.shape, tt.shape) || len(v.data) != len(tt.data) {
			t.Errorf("parseLiteral(%q) = shape %v data %v, want %v %v", tt.src, v.shape, v.data, tt.shape, tt.data)
			continue
		}
		for i := range v.data {
			if v.data[i] != tt.data[i] {
				t.Errorf("parseLiteral(%q).data[%d] = %v, want %v", tt.src, i, v.data[i], tt.data[i])
			}
		}
	}
}

func TestParseLiteralSpecialValues(t *testing.T) {
	for src, want := range map[string]float64{"inf": math.Inf(1), "-Inf": math.Inf(-1), "+INF": math.Inf(1)} {
		v, err := parseLiteral(src)
		if err != nil || v.data[0] != want {
			t.Errorf("parseLiteral(%q) = %v, %v; want %v", src, v.data, err, want)
		}
	}
	v, err := parseLiteral("nan")
	if err != nil || !math.IsNaN(v.data[0]) {
		t.Errorf("parseLiteral(nan) = %v, %v", v.data, err)
	}
}

func TestParseLiteralErrors(t *testing.T) {
	tests := []struct {
		src  string
		pos  int    // byte offset the error must point at
		want string // substring of the message
	}{
		{"abc", 0, `"abc" is not a number`},
		{"0x10", 0, "not a number"},
		{"1_000", 0, "not a number"},
		{"2..", 0, "not a number"},
		{"1e", 0, "not a number"},
		{"", 0, "missing value"},
		{"1e400", 0, "outside float64's range"},
		{"-1e400", 0, "outside float64's range"},
		{"1e-400", 0, "too small for float64"},
		{"[1, 2", 5, "missing ']'"},
		{"[1, 2,", 6, "missing ']'"},
		{"[1 2]", 3, "expected ',' or ']'"},
		{"[1, x]", 4, `"x" is not a number`},
		{"[[2., 3.], [2.]]", 11, "ragged tensor: element 2 is a list of 1 but element 1 is a list of 2"},
		{"[[1], 2]", 6, "ragged tensor: element 2 is a number but element 1 is a list of 1"},
		{"[1, [2]]", 4, "ragged tensor: element 2 is a list of 1 but element 1 is a number"},
		{"[[[1, 2]], [[1], [2]]]", 11, "element 2 is a tensor of shape (2, 1) but element 1 is a tensor of shape (1, 2)"},
		{"[1] 2", 4, "unexpected"},
		{"[1, 1e999]", 4, "outside float64's range"},
		{"[,]", 1, "expected a number"},
	}
	for _, tt := range tests {
		_, err := parseLiteral(tt.src)
		le, ok := err.(*literalError)
		if !ok {
			t.Errorf("parseLiteral(%q) error = %v, want a *literalError", tt.src, err)
			continue
		}
		if le.pos != tt.pos || !strings.Contains(le.msg, tt.want) {
			t.Errorf("parseLiteral(%q) = error at %d %q, want at %d containing %q", tt.src, le.pos, le.msg, tt.pos, tt.want)
		}
	}
}

func FuzzParseLiteral(f *testing.F) {
	for _, s := range []string{"[[2., 3.], [4., 5.]]", "1e5", "[[1],[2,3]]", "[[[", "nan", "[1,]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := parseLiteral(s)
		if err != nil {
			le, ok := err.(*literalError)
			if !ok || le.pos < 0 || le.pos > len(s) {
				t.Fatalf("parseLiteral(%q): bad error %#v", s, err)
			}
			return
		}
		if shapeSize(v.shape) != len(v.data) && !(len(v.shape) == 0 && len(v.data) == 1) {
			t.Fatalf("parseLiteral(%q): shape %v does not match %d elements", s, v.shape, len(v.data))
		}
	})
}
