package main

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// result is everything a point or tensor evaluation computed, ready to be
// written as text or JSON.
type result struct {
	outputs []string // "f", or "f1", "f2", ... for a vector function
	wrt     []string // the variables differentiated against, in order

	values   []value   // one per output
	partials [][]value // partials[i][k] = ∂outputs[i]/∂wrt[k]; nil with --jvp

	// With --jvp: the direction, one number per variable of vars, and the
	// directional derivative of each output.
	vars      []string
	direction []float64
	jvp       []value

	hessian [][]float64 // with --hessian: hessian[j][k] = ∂²f/∂wrt[j]∂wrt[k]
	check   *checkReport
}

// checkReport is the outcome of --check.
type checkReport struct {
	maxDiff    float64 // largest relative difference between AD and finite differences
	where      string  // the partial (and element) where it occurs
	compared   int     // number of derivatives compared (finite ones only)
	suspicious bool    // maxDiff is too large to be finite-difference error
}

// outputNames returns "f" for one output and f1, f2, ... for several.
func outputNames(n int) []string {
	if n == 1 {
		return []string{"f"}
	}
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("f%d", i+1)
	}
	return names
}

// partialLabel returns "∂f/∂x".
func partialLabel(out, v string) string {
	return "∂" + out + "/∂" + v
}

// secondPartialLabel returns "∂²f/∂x²" or "∂²f/∂x∂y".
func secondPartialLabel(a, b string) string {
	if a == b {
		return "∂²f/∂" + a + "²"
	}
	return "∂²f/∂" + a + "∂" + b
}

// writeText writes r for people: one "label = value" line per quantity, with
// tensors in PyTorch's nested-rows style aligned under their first row.
func (r *result) writeText(b *strings.Builder) {
	line := func(label string, v value) {
		prefix := label + " = "
		b.WriteString(prefix)
		b.WriteString(formatValue(v, utf8.RuneCountInString(prefix)))
		b.WriteByte('\n')
	}
	for i, out := range r.outputs {
		line(out, r.values[i])
	}
	if r.jvp != nil {
		b.WriteString("direction v: ")
		b.WriteString(r.directionText())
		b.WriteByte('\n')
		for i, out := range r.outputs {
			line(partialLabel(out, "v"), r.jvp[i])
		}
	}
	for i, out := range r.partialsOutputs() {
		for k, v := range r.wrt {
			line(partialLabel(out, v), r.partials[i][k])
		}
	}
	if r.hessian != nil {
		// The Hessian is symmetric: print the upper triangle.
		for j, a := range r.wrt {
			for k := j; k < len(r.wrt); k++ {
				line(secondPartialLabel(a, r.wrt[k]), scalarValue(r.hessian[j][k]))
			}
		}
	}
	if c := r.check; c != nil {
		if c.compared == 0 {
			b.WriteString("check: nothing to compare: the derivatives or their finite differences are not finite here\n")
		} else {
			fmt.Fprintf(b, "check: largest relative difference from central finite differences: %s (%s)\n", formatFloat(c.maxDiff), c.where)
		}
	}
}

// directionText returns the --jvp direction as "x=1, y=0".
func (r *result) directionText() string {
	parts := make([]string, len(r.vars))
	for k, v := range r.vars {
		parts[k] = v + "=" + formatFloat(r.direction[k])
	}
	return strings.Join(parts, ", ")
}

// partialsOutputs returns the outputs whose partials r holds: all of them,
// or none with --jvp.
func (r *result) partialsOutputs() []string {
	if r.partials == nil {
		return nil
	}
	return r.outputs
}
