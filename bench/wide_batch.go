package bench

import (
	"fmt"
	"math"
	"strings"

	"github.com/dualgrad/dualgrad/expr"
)

// WideVars is the number of inputs of the wide batch workload.
const WideVars = 10

// WideExprSource is f(x0, …, x9) = Σ x_i·sin(x_{i+1}) + log1p(x_i²), indices mod 10:
// every input reaches the output through several paths, so all ten partials are dense.
var WideExprSource = wideSource()

func wideSource() string {
	terms := make([]string, WideVars)
	for i := range WideVars {
		terms[i] = fmt.Sprintf("x%d*sin(x%d) + log1p(x%d^2)", i, (i+1)%WideVars, i)
	}
	return strings.Join(terms, " + ")
}

// WideAnalytic is the hand-written value and gradient of the wide workload at x.
func WideAnalytic(grad, x []float64) float64 {
	var f float64
	clear(grad)
	for i := range WideVars {
		j := (i + 1) % WideVars
		s, c := math.Sincos(x[j])
		f += x[i]*s + math.Log1p(x[i]*x[i])
		grad[i] += s + 2*x[i]/(1+x[i]*x[i])
		grad[j] += x[i] * c
	}
	return f
}

// WideColumns holds the wide workload's inputs and outputs as columns.
type WideColumns struct {
	X        [][]float64   // WideVars input columns
	F        []float64     // values
	Partials [][]float64   // WideVars partial columns
	program  *expr.Program // compiled WideExprSource
}

// NewWideColumns draws n points in [-2, 2)^10 and compiles the expression.
func NewWideColumns(n int, seed uint64) (*WideColumns, error) {
	f, err := expr.Parse(WideExprSource)
	if err != nil {
		return nil, err
	}
	vars := make([]string, WideVars)
	for i := range vars {
		vars[i] = fmt.Sprintf("x%d", i)
	}
	p, err := f.Compile(vars)
	if err != nil {
		return nil, err
	}
	w := &WideColumns{F: make([]float64, n), program: p}
	for i := range WideVars {
		w.X = append(w.X, uniform(n, -2, 4, seed+uint64(i)))
		w.Partials = append(w.Partials, make([]float64, n))
	}
	return w, nil
}

// EvalExpr writes values and all ten partials with the compiled program.
func (w *WideColumns) EvalExpr(workers int) error {
	return w.program.EvalColumns(w.X, [][]float64{w.F}, [][][]float64{w.Partials}, expr.BatchOptions{Workers: workers})
}

// EvalAnalytic writes values and all ten partials with the hand-written gradient.
func (w *WideColumns) EvalAnalytic() {
	var x, g [WideVars]float64
	for k := range w.F {
		for i := range WideVars {
			x[i] = w.X[i][k]
		}
		w.F[k] = WideAnalytic(g[:], x[:])
		for i := range WideVars {
			w.Partials[i][k] = g[i]
		}
	}
}

// JVP returns the directional derivatives along v (one tangent per point, the same
// direction everywhere) with the compiled program's batch JVP.
func (w *WideColumns) JVP(v []float64, workers int) (values, jvps []expr.Tensor, err error) {
	n := len(w.F)
	inputs := make([]expr.Tensor, WideVars)
	tangents := make([]expr.Tensor, WideVars)
	for i := range WideVars {
		inputs[i] = expr.Tensor{Shape: []int{n}, Data: w.X[i]}
		tangents[i] = expr.Tensor{Data: []float64{v[i]}}
	}
	return w.program.JVPBatch(inputs, tangents, expr.BatchOptions{Workers: workers})
}
