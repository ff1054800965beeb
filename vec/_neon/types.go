package main

import (
	"fmt"
	"math"
)

// ftype is one float type the kernels are generated for.
type ftype struct {
	goName string // "float64"
	suffix string // symbol suffix: "F64"
	ar     arrangement
	size   int    // bytes per element
	fmov   string // Go scalar move: FMOVD or FMOVS
	fadd   string // Go scalar add
	fmul   string // Go scalar multiply
}

var (
	f64 = ftype{goName: "float64", suffix: "F64", ar: arr2D, size: 8, fmov: "FMOVD", fadd: "FADDD", fmul: "FMULD"}
	f32 = ftype{goName: "float32", suffix: "F32", ar: arr4S, size: 4, fmov: "FMOVS", fadd: "FADDS", fmul: "FMULS"}
)

// bits returns the bit pattern of v in this type.
func (t ftype) bits(v float64) uint64 {
	if t.size == 4 {
		return uint64(math.Float32bits(float32(v)))
	}
	return math.Float64bits(v)
}

// lanes is the number of elements in one 128-bit vector.
func (t ftype) lanes() int { return 16 / t.size }

// param is one argument of a kernel: a slice or a scalar of the float type.
type param struct {
	name  string
	slice bool
}

// frame lays out params (and a scalar result if ret) as Go's ABI0 does and returns
// the offset of each param, the result offset and the total size.
func frame(t ftype, params []param, ret bool) (offs []int, retOff, size int) {
	off := 0
	for _, p := range params {
		if p.slice {
			off = (off + 7) &^ 7
			offs = append(offs, off)
			off += 24
		} else {
			off = (off + t.size - 1) &^ (t.size - 1)
			offs = append(offs, off)
			off += t.size
		}
	}
	if ret {
		off = (off + 7) &^ 7
		retOff = off
		off += t.size
	}
	return offs, retOff, off
}

// signature returns the Go parameter list, e.g. "(dst []float64, x []float64, c float64)".
func signature(t ftype, params []param, ret bool) string {
	s := "("
	for i, p := range params {
		if i > 0 {
			s += ", "
		}
		if p.slice {
			s += fmt.Sprintf("%s []%s", p.name, t.goName)
		} else {
			s += fmt.Sprintf("%s %s", p.name, t.goName)
		}
	}
	s += ")"
	if ret {
		s += " " + t.goName
	}
	return s
}

// sliceParams returns slice params with the given names.
func sliceParams(names ...string) []param {
	var ps []param
	for _, n := range names {
		ps = append(ps, param{name: n, slice: true})
	}
	return ps
}
