package main

import (
	"errors"
	"math"
	"strings"

	"github.com/dualgrad/dualgrad/expr"
)

// parseExpression parses the EXPR argument, turning a syntax error into a
// message with a caret under the offending column.
func parseExpression(src string) (*expr.Func, error) {
	f, err := expr.Parse(src)
	if err != nil {
		var se *expr.SyntaxError
		if errors.As(err, &se) {
			return nil, badInput("in the expression, column %d: %s", se.Col, se.Msg).withCaret(se.Src, se.Offset)
		}
		return nil, badInput("in the expression: %v", err)
	}
	return f, nil
}

// bindInputs orders the bound values like vars. Every variable needs a
// value, and every binding must name a variable of the expression.
func bindInputs(vars []string, bindings []binding) ([]value, error) {
	inputs := make([]value, len(vars))
	bound := make([]bool, len(vars))
	for _, b := range bindings {
		k := indexOf(vars, b.name)
		if k < 0 {
			return nil, unusedBinding(b.name, vars)
		}
		inputs[k], bound[k] = b.val, true
	}
	var missing []string
	for k, ok := range bound {
		if !ok {
			missing = append(missing, vars[k])
		}
	}
	if len(missing) > 0 {
		return nil, missingBindings(missing)
	}
	return inputs, nil
}

func unusedBinding(name string, vars []string) error {
	if name == "pi" || name == "e" {
		return badInput("%s is a constant in expressions and cannot be bound", name)
	}
	if len(vars) == 0 {
		return badInput("%s is bound but the expression does not use it (it has no variables)", name)
	}
	return badInput("%s is bound but the expression does not use it (its variables: %s)", name, strings.Join(vars, ", "))
}

func missingBindings(names []string) error {
	if len(names) == 1 {
		return badInput("no value for %s: add %s=VALUE", names[0], names[0])
	}
	return badInput("no values for %s: add %s=VALUE", strings.Join(names, ", "), strings.Join(names, "=VALUE "))
}

// resolveWrt returns the indices into vars of the --wrt names, or every
// index when names is nil.
func resolveWrt(names, vars []string) ([]int, error) {
	if names == nil {
		all := make([]int, len(vars))
		for k := range all {
			all[k] = k
		}
		return all, nil
	}
	wrt := make([]int, 0, len(names))
	for i, name := range names {
		k := indexOf(vars, name)
		if k < 0 {
			return nil, badInput("--wrt: %s is not a variable of the expression (its variables: %s)", name, strings.Join(vars, ", "))
		}
		if indexOf(names[:i], name) >= 0 {
			return nil, badInput("--wrt: %s is given twice", name)
		}
		wrt = append(wrt, k)
	}
	return wrt, nil
}

// checkFlagCombination refuses flags that do not make sense together.
func checkFlagCombination(o *options, numOut int) error {
	switch {
	case o.hasJVP && o.wrt != nil:
		return badInput("--wrt and --jvp do not go together: --jvp differentiates along one direction over all variables")
	case o.hasJVP && o.hessian:
		return badInput("--hessian and --jvp do not go together")
	case o.hasJVP && o.check:
		return badInput("--check compares partial derivatives and does not go with --jvp")
	case o.hessian && numOut > 1:
		return badInput("--hessian needs an expression with one output (this one has %d)", numOut)
	case o.in != "" && o.hessian:
		return badInput("--hessian is not available in batch mode (--in)")
	case o.in != "" && o.json:
		return badInput("--json is not available in batch mode (--in writes CSV)")
	case o.in != "" && o.check:
		return badInput("--check is not available in batch mode (--in)")
	}
	return nil
}

// evaluate computes everything the options ask for at the bound point or
// tensors. It returns the result and warnings for stderr.
func evaluate(o *options, f *expr.Func) (*result, []string, error) {
	vars := f.Vars()
	if err := checkFlagCombination(o, f.NumOut()); err != nil {
		return nil, nil, err
	}
	inputs, err := bindInputs(vars, o.bindings)
	if err != nil {
		return nil, nil, err
	}
	prog, err := f.Compile(vars)
	if err != nil {
		return nil, nil, badInput("%v", err)
	}
	wrt, err := resolveWrt(o.wrt, vars)
	if err != nil {
		return nil, nil, err
	}
	var direction []float64
	if o.hasJVP {
		if direction, err = parseTangent(o.jvp, vars); err != nil {
			return nil, nil, err
		}
	}
	r := &result{outputs: outputNames(prog.NumOut()), vars: vars, direction: direction}
	if !o.hasJVP {
		r.wrt = make([]string, len(wrt))
		for k, j := range wrt {
			r.wrt[k] = vars[j]
		}
	}
	for k, in := range inputs {
		if !in.isScalar() {
			if o.hessian {
				return nil, nil, badInput("--hessian needs number inputs, but %s is a tensor", vars[k])
			}
			return evaluateTensors(o, prog, inputs, wrt, r)
		}
	}
	return evaluatePoint(o, prog, inputs, wrt, r)
}

// evaluatePoint evaluates at a point of numbers, through package dual.
func evaluatePoint(o *options, prog *expr.Program, inputs []value, wrt []int, r *result) (*result, []string, error) {
	x := make([]float64, len(inputs))
	for k, in := range inputs {
		x[k] = in.data[0]
	}
	scalars := func(vs []float64) []value {
		out := make([]value, len(vs))
		for i, v := range vs {
			out[i] = scalarValue(v)
		}
		return out
	}
	if r.direction != nil {
		values, tangents := prog.JVP(x, r.direction)
		r.values, r.jvp = scalars(values), scalars(tangents)
	} else {
		values, jac := prog.Partials(x, wrt)
		r.values = scalars(values)
		r.partials = make([][]value, len(jac))
		for i, row := range jac {
			r.partials[i] = scalars(row)
		}
	}
	if o.hessian {
		_, _, hess := prog.Hessian(x)
		r.hessian = make([][]float64, len(wrt))
		for j, a := range wrt {
			r.hessian[j] = make([]float64, len(wrt))
			for k, b := range wrt {
				r.hessian[j][k] = hess[a][b]
			}
		}
	}
	if o.check {
		eval := func(in []value) ([]value, error) {
			xs := make([]float64, len(in))
			for k, v := range in {
				xs[k] = v.data[0]
			}
			return scalars(prog.Eval(xs)), nil
		}
		rep, err := finiteDifferenceCheck(eval, inputs, wrt, r.partials, r.outputs, r.vars)
		if err != nil {
			return nil, nil, err
		}
		r.check = rep
	}
	return r, nonFiniteWarnings(prog, r, inputs, nil), nil
}

// evaluateTensors evaluates over broadcast tensors, through the batch path.
// Gradients are summed back to each input's shape, as PyTorch's
// f.sum().backward() leaves them in x.grad.
func evaluateTensors(o *options, prog *expr.Program, inputs []value, wrt []int, r *result) (*result, []string, error) {
	shapes := make([][]int, len(inputs))
	tensors := make([]expr.Tensor, len(inputs))
	for k, in := range inputs {
		shapes[k] = in.shape
		tensors[k] = expr.Tensor{Shape: in.shape, Data: in.data}
	}
	full, err := broadcastShapes(r.vars, shapes)
	if err != nil {
		return nil, nil, badInput("%v", err)
	}
	if r.direction != nil {
		tangents := make([]expr.Tensor, len(inputs))
		for k, d := range r.direction {
			tangents[k] = expr.Tensor{Data: []float64{d}}
		}
		values, jvps, err := prog.JVPBatch(tensors, tangents, expr.BatchOptions{Workers: o.workers})
		if err != nil {
			return nil, nil, badInput("%v", err)
		}
		r.values, r.jvp = fromTensors(values, full), fromTensors(jvps, full)
		return r, nonFiniteWarnings(prog, r, inputs, full), nil
	}
	values, partials, err := prog.EvalBatch(tensors, expr.BatchOptions{Workers: o.workers, Wrt: wrt})
	if err != nil {
		return nil, nil, badInput("%v", err)
	}
	r.values = fromTensors(values, full)
	elementwise := make([][]value, len(partials))
	r.partials = make([][]value, len(partials))
	for i, row := range partials {
		elementwise[i] = fromTensors(row, full)
		r.partials[i] = make([]value, len(row))
		for k, p := range elementwise[i] {
			r.partials[i][k] = sumToShape(p, inputs[wrt[k]].shape)
		}
	}
	if o.check {
		eval := func(in []value) ([]value, error) {
			ts := make([]expr.Tensor, len(in))
			for k, v := range in {
				ts[k] = expr.Tensor{Shape: v.shape, Data: v.data}
			}
			values, _, err := prog.EvalBatch(ts, expr.BatchOptions{Workers: o.workers, Wrt: []int{}})
			return fromTensors(values, full), err
		}
		rep, err := finiteDifferenceCheck(eval, inputs, wrt, elementwise, r.outputs, r.vars)
		if err != nil {
			return nil, nil, badInput("%v", err)
		}
		r.check = rep
	}
	return r, nonFiniteWarnings(prog, r, inputs, full), nil
}

// fromTensors converts batch results to values of the broadcast shape full.
func fromTensors(ts []expr.Tensor, full []int) []value {
	out := make([]value, len(ts))
	for i, t := range ts {
		out[i] = value{shape: full, data: t.Data}
	}
	return out
}

// nonFiniteWarnings returns a warning when a printed result holds a NaN or an
// infinity, naming those results and the operation that first produced a
// non-finite number at the first point concerned. full is the broadcast shape
// in tensor mode, nil at a point.
func nonFiniteWarnings(prog *expr.Program, r *result, inputs []value, full []int) []string {
	var labels []string
	element := -1 // the first broadcast element concerned
	note := func(label string, v value, shape []int) {
		bad := firstNonFinite(v.data)
		if bad < 0 {
			return
		}
		labels = append(labels, label)
		if element >= 0 || full == nil {
			return
		}
		// v may be a gradient summed to an input's shape: take the first
		// broadcast element that contributed to the bad entry.
		for e, src := range sourceIndices(full, shape) {
			if src == bad {
				element = e
				break
			}
		}
	}
	for i, out := range r.outputs {
		note(out, r.values[i], full)
	}
	for i, out := range r.outputs {
		if r.jvp != nil {
			note(partialLabel(out, "v"), r.jvp[i], full)
		}
		for k, v := range r.wrt {
			if r.partials != nil {
				note(partialLabel(out, v), r.partials[i][k], r.partials[i][k].shape)
			}
		}
	}
	if labels == nil {
		return nil
	}
	x := make([]float64, len(inputs))
	at := ""
	for k, in := range inputs {
		x[k] = in.data[0]
		if full != nil {
			x[k] = in.data[sourceIndices(full, in.shape)[max(element, 0)]]
		}
	}
	if full != nil {
		at = " at element " + elementName(full, max(element, 0))
	}
	msg := "not finite: " + strings.Join(labels, ", ")
	if k := firstNonFinite(x); k >= 0 {
		msg += "; the input " + prog.Vars()[k] + at + " is " + formatFloat(x[k])
	} else if op, ok := prog.NonFinite(x); ok {
		msg += "; the first NaN or infinity" + at + " comes from " + op
	} else {
		msg += "; every operation is finite" + at + " but a derivative is not (the function is not differentiable there, " +
			"or the derivative is beyond float64's range)"
	}
	return []string{msg}
}

// firstNonFinite returns the index of the first NaN or infinity in xs, or -1.
func firstNonFinite(xs []float64) int {
	for i, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return i
		}
	}
	return -1
}
