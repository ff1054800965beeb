package main

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Number format shared by every output form (text, JSON, CSV):
//
//   - the shortest decimal that parses back to the same float64;
//   - plain notation for 1e-6 <= |v| < 1e21 and exponent notation outside
//     that range (the rule JSON and JavaScript use, so 1234567 never turns
//     into 1.234567e+06), with exponents written without padding ("1e-7");
//   - "NaN", "Inf" and "-Inf" for the non-finite values.
//
// Inside a tensor an integral value keeps a trailing dot ("12."), as PyTorch
// prints it; a lone scalar is printed without one ("12").

// appendFloat appends the shortest round-trip form of v to dst.
func appendFloat(dst []byte, v float64) []byte {
	switch {
	case math.IsNaN(v):
		return append(dst, "NaN"...)
	case math.IsInf(v, 1):
		return append(dst, "Inf"...)
	case math.IsInf(v, -1):
		return append(dst, "-Inf"...)
	}
	format := byte('f')
	if abs := math.Abs(v); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	start := len(dst)
	dst = strconv.AppendFloat(dst, v, format, -1, 64)
	if format == 'e' {
		// strconv pads exponents to two digits: 1e-07. Drop the padding zero.
		n := len(dst)
		if n-start >= 4 && dst[n-4] == 'e' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}

// formatFloat returns the shortest round-trip form of v.
func formatFloat(v float64) string {
	return string(appendFloat(nil, v))
}

// formatTensorElement formats v as an element of a tensor: integral finite
// values get a trailing dot, as in PyTorch's "tensor([12., 27.])".
func formatTensorElement(v float64) string {
	s := formatFloat(v)
	if !math.IsNaN(v) && !math.IsInf(v, 0) && !strings.ContainsAny(s, ".e") {
		s += "."
	}
	return s
}

// formatValue formats a scalar (nil shape) as a plain number and a tensor in
// PyTorch's nested-rows style. column is the column, counted in runes, at which
// the text starts on its line, so that continuation rows line up under the
// first one.
func formatValue(v value, column int) string {
	if v.isScalar() {
		return formatFloat(v.data[0])
	}
	cells := make([]string, len(v.data))
	for i, x := range v.data {
		cells[i] = formatTensorElement(x)
	}
	alignOnDecimalPoint(cells)
	const open = "tensor("
	var b strings.Builder
	b.WriteString(open)
	writeRows(&b, v.shape, cells, 0, column+len(open))
	b.WriteString(")")
	return b.String()
}

// writeRows writes cells (row-major, the given shape) as nested bracketed
// rows. depth is the current dimension; indent is the column of the
// outermost '['.
func writeRows(b *strings.Builder, shape []int, cells []string, depth, indent int) {
	b.WriteByte('[')
	last := depth == len(shape)-1
	n := shape[depth]
	stride := 1
	for _, d := range shape[depth+1:] {
		stride *= d
	}
	for i := range n {
		if i > 0 {
			if last {
				b.WriteString(", ")
			} else {
				// One line break between rows, one more per extra dimension,
				// as PyTorch separates the matrices of a 3-d tensor by a blank line.
				b.WriteString(",\n")
				b.WriteString(strings.Repeat("\n", len(shape)-depth-2))
				b.WriteString(strings.Repeat(" ", indent+depth+1))
			}
		}
		if last {
			b.WriteString(cells[i])
		} else {
			writeRows(b, shape, cells[i*stride:(i+1)*stride], depth+1, indent)
		}
	}
	b.WriteByte(']')
}

// alignOnDecimalPoint pads cells in place so that their decimal points line
// up, the way NumPy aligns "[ 0.5, 12. ]": the part up to and including '.'
// is right-aligned, the fraction left-aligned. A cell without a '.' (NaN,
// Inf) counts as all integer part. When any cell is in exponent form there
// is no common decimal point, and all cells are right-aligned.
func alignOnDecimalPoint(cells []string) {
	exponents := false
	for _, c := range cells {
		exponents = exponents || strings.ContainsRune(c, 'e')
	}
	intWidth, fracWidth := 0, 0
	split := func(s string) (string, string) {
		if i := strings.IndexByte(s, '.'); i >= 0 && !exponents {
			return s[:i+1], s[i+1:]
		}
		return s, ""
	}
	for _, c := range cells {
		ip, fp := split(c)
		intWidth = max(intWidth, utf8.RuneCountInString(ip))
		fracWidth = max(fracWidth, len(fp))
	}
	for i, c := range cells {
		ip, fp := split(c)
		cells[i] = strings.Repeat(" ", intWidth-utf8.RuneCountInString(ip)) + ip + fp + strings.Repeat(" ", fracWidth-len(fp))
	}
}
