package main

import (
	"math"
)

// --check compares each automatic derivative with a central finite
// difference (f(x+h) - f(x-h)) / 2h. The step h = cbrt(ε)·max(1, |x|)
// balances the O(h²) truncation error against the O(ε/h) rounding error,
// which makes the difference quotient good to roughly 1e-10 relative for a
// smooth function. The difference reported is |AD − FD| / max(1, |AD|)
// (relative for derivatives above 1, absolute below).

// suspiciousDifference is the relative difference above which --check warns:
// well beyond what a finite difference of a smooth function gets wrong.
const suspiciousDifference = 1e-5

// finiteDifferenceCheck compares partials (partials[i][k] is ∂f_i/∂x_{wrt[k]},
// elementwise over the broadcast shape) with central differences. eval
// returns the value of every output at the given inputs, elementwise. Because
// the function is elementwise, one evaluation per side gives the difference
// quotient of every element at once: each input element gets its own step.
func finiteDifferenceCheck(eval func([]value) ([]value, error), inputs []value, wrt []int, partials [][]value, outputs, vars []string) (*checkReport, error) {
	cbrtEps := math.Cbrt(0x1p-52)
	rep := &checkReport{}
	shifted := append([]value(nil), inputs...)
	for k, j := range wrt {
		x := inputs[j]
		plus := value{shape: x.shape, data: make([]float64, len(x.data))}
		minus := value{shape: x.shape, data: make([]float64, len(x.data))}
		step := make([]float64, len(x.data))
		for m, xm := range x.data {
			h := cbrtEps * max(1, math.Abs(xm))
			plus.data[m], minus.data[m] = xm+h, xm-h
			step[m] = plus.data[m] - minus.data[m] // the step actually taken, after rounding
		}
		shifted[j] = plus
		up, err := eval(shifted)
		if err != nil {
			return nil, err
		}
		shifted[j] = minus
		down, err := eval(shifted)
		if err != nil {
			return nil, err
		}
		shifted[j] = x
		for i, out := range outputs {
			ad := partials[i][k]
			src := sourceIndices(ad.shape, x.shape)
			for e, d := range ad.data {
				hi, lo := up[i].data[e], down[i].data[e]
				fd := (hi - lo) / step[src[e]]
				if !isFinite(d) || !isFinite(fd) {
					continue
				}
				rep.compared++
				scale := max(1, math.Abs(d))
				diff := math.Abs(d-fd) / scale
				// Rounding in f(x±h) alone can move the quotient this much.
				rounding := 64 * 0x1p-52 * (math.Abs(hi) + math.Abs(lo)) / step[src[e]] / scale
				if diff > rep.maxDiff || rep.where == "" {
					rep.maxDiff = diff
					rep.where = partialLabel(out, vars[j])
					if name := elementName(ad.shape, e); name != "" {
						rep.where += " at " + name
					}
				}
				if diff > suspiciousDifference+rounding {
					rep.suspicious = true
				}
			}
		}
	}
	return rep, nil
}

// isFinite reports whether x is neither NaN nor an infinity.
func isFinite(x float64) bool {
	return !math.IsNaN(x) && !math.IsInf(x, 0)
}
