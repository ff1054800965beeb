package main

import (
	"math"
	"strconv"
)

// JSON output is one object on one line:
//
//	{"value": V, "gradient": {"x": G, ...}}                 one output
//	{"value": [V1, V2], "jacobian": {"x": [G1, G2], ...}}   a vector function
//	{"value": V, "direction": {"x": 1, ...}, "jvp": T}      with --jvp
//
// plus "hessian": {"x": {"x": H, "y": H}, ...} with --hessian and
// "check": {...} with --check. A number is a JSON number, or one of the
// strings "NaN", "Inf", "-Inf"; a tensor is nested arrays of its shape.

// appendJSON appends r as one JSON object and a newline.
func (r *result) appendJSON(dst []byte) []byte {
	vector := len(r.outputs) > 1
	// perOutput writes one value, or an array of one per output.
	perOutput := func(dst []byte, vs []value) []byte {
		if !vector {
			return appendJSONValue(dst, vs[0])
		}
		dst = append(dst, '[')
		for i, v := range vs {
			if i > 0 {
				dst = append(dst, ", "...)
			}
			dst = appendJSONValue(dst, v)
		}
		return append(dst, ']')
	}
	dst = append(dst, `{"value": `...)
	dst = perOutput(dst, r.values)
	if r.jvp != nil {
		dst = append(dst, `, "direction": {`...)
		for k, name := range r.vars {
			if k > 0 {
				dst = append(dst, ", "...)
			}
			dst = strconv.AppendQuote(dst, name)
			dst = append(dst, ": "...)
			dst = appendJSONNumber(dst, r.direction[k])
		}
		dst = append(dst, `}, "jvp": `...)
		dst = perOutput(dst, r.jvp)
	}
	if r.partials != nil {
		if vector {
			dst = append(dst, `, "jacobian": {`...)
		} else {
			dst = append(dst, `, "gradient": {`...)
		}
		column := make([]value, len(r.outputs))
		for k, name := range r.wrt {
			if k > 0 {
				dst = append(dst, ", "...)
			}
			dst = strconv.AppendQuote(dst, name)
			dst = append(dst, ": "...)
			for i := range r.outputs {
				column[i] = r.partials[i][k]
			}
			dst = perOutput(dst, column)
		}
		dst = append(dst, '}')
	}
	if r.hessian != nil {
		dst = append(dst, `, "hessian": {`...)
		for j, a := range r.wrt {
			if j > 0 {
				dst = append(dst, ", "...)
			}
			dst = strconv.AppendQuote(dst, a)
			dst = append(dst, ": {"...)
			for k, b := range r.wrt {
				if k > 0 {
					dst = append(dst, ", "...)
				}
				dst = strconv.AppendQuote(dst, b)
				dst = append(dst, ": "...)
				dst = appendJSONNumber(dst, r.hessian[j][k])
			}
			dst = append(dst, '}')
		}
		dst = append(dst, '}')
	}
	if c := r.check; c != nil {
		dst = append(dst, `, "check": {"compared": `...)
		dst = strconv.AppendInt(dst, int64(c.compared), 10)
		if c.compared > 0 {
			dst = append(dst, `, "max_relative_difference": `...)
			dst = appendJSONNumber(dst, c.maxDiff)
			dst = append(dst, `, "at": `...)
			dst = strconv.AppendQuote(dst, c.where)
		}
		dst = append(dst, `, "ok": `...)
		dst = strconv.AppendBool(dst, !c.suspicious)
		dst = append(dst, '}')
	}
	return append(dst, "}\n"...)
}

// appendJSONNumber appends v as a JSON number, or as the string "NaN", "Inf"
// or "-Inf", which JSON has no number for.
func appendJSONNumber(dst []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		dst = append(dst, '"')
		dst = appendFloat(dst, v)
		return append(dst, '"')
	}
	return appendFloat(dst, v)
}

// appendJSONValue appends a scalar as a number and a tensor as nested arrays.
func appendJSONValue(dst []byte, v value) []byte {
	if v.isScalar() {
		return appendJSONNumber(dst, v.data[0])
	}
	return appendJSONRows(dst, v.shape, v.data)
}

func appendJSONRows(dst []byte, shape []int, data []float64) []byte {
	dst = append(dst, '[')
	stride := shapeSize(shape[1:])
	for i := range shape[0] {
		if i > 0 {
			dst = append(dst, ", "...)
		}
		if len(shape) == 1 {
			dst = appendJSONNumber(dst, data[i])
		} else {
			dst = appendJSONRows(dst, shape[1:], data[i*stride:(i+1)*stride])
		}
	}
	return append(dst, ']')
}
