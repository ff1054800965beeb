package expr

import (
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/dualgrad/dualgrad/dual"
)

// run executes the program on dual numbers of type D. x holds the inputs; regs is
// scratch with room for every register; the outputs are written to out.
func run[D dual.Scalar[D, float64]](p *Program, regs, x, out []D) {
	copy(regs, x)
	for i := range p.instrs {
		step(&p.instrs[i], regs)
	}
	for i, r := range p.outputs {
		out[i] = regs[r]
	}
}

func (p *Program) checkPoint(name string, x []float64) {
	if len(x) != len(p.vars) {
		panic(fmt.Sprintf("expr.Program.%s: got %d inputs, want %d (%v)", name, len(x), len(p.vars), p.vars))
	}
}

func (p *Program) checkScalar(name string) {
	if len(p.outputs) != 1 {
		panic(fmt.Sprintf("expr.Program.%s: the program has %d outputs, want 1", name, len(p.outputs)))
	}
}

// Eval returns the values of the outputs at x, which holds one value per input in the
// order of Vars. Eval and the other point methods panic if len(x) != len(p.Vars()).
func (p *Program) Eval(x []float64) []float64 {
	p.checkPoint("Eval", x)
	var job pointJob // fields set one by one: see partialsTo
	job.x, job.values = x, make([]float64, len(p.outputs))
	evalNumber(p, &p.fieldPools[0], &job)
	return job.values
}

// JVP returns the outputs at x and their directional derivatives along v (the
// Jacobian-vector product J·v), from one forward pass with dual.Number.
func (p *Program) JVP(x, v []float64) (values, tangents []float64) {
	p.checkPoint("JVP", x)
	if len(v) != len(x) {
		panic(fmt.Sprintf("expr.Program.JVP: direction has length %d, point has length %d", len(v), len(x)))
	}
	var job pointJob // fields set one by one: see partialsTo
	job.x, job.dir = x, v
	job.values, job.tangents = make([]float64, len(p.outputs)), make([]float64, len(p.outputs))
	evalNumber(p, &p.fieldPools[0], &job)
	return job.values, job.tangents
}

// Gradient returns the value and gradient at x of a program with one output.
func (p *Program) Gradient(x []float64) (value float64, grad []float64) {
	p.checkScalar("Gradient")
	grad = make([]float64, len(x))
	return p.GradientTo(grad, x), grad
}

// GradientTo writes the gradient at x of a program with one output into grad and
// returns the value. Once it has run it does not allocate (it keeps scratch in pools
// of the Program); it panics if len(grad) != len(x).
func (p *Program) GradientTo(grad, x []float64) float64 {
	p.checkScalar("GradientTo")
	p.checkPoint("GradientTo", x)
	if len(grad) != len(x) {
		panic(fmt.Sprintf("expr.Program.GradientTo: len(grad) = %d, len(x) = %d", len(grad), len(x)))
	}
	var value [1]float64
	jac := [1][]float64{grad}
	p.partialsTo(value[:], jac[:], x, p.inputs)
	return value[0]
}

// Jacobian returns the outputs at x and the Jacobian, jac[i][j] = ∂f_i/∂x_j, with
// dual numbers carrying up to three partials in registers, or with dual.Jacobian in
// chunks of up to 8 inputs.
func (p *Program) Jacobian(x []float64) (values []float64, jac [][]float64) {
	p.checkPoint("Jacobian", x)
	return p.Partials(x, nil)
}

// Partials returns the outputs at x and their partial derivatives with respect to
// the inputs listed in wrt only (all inputs if wrt is nil): jac[i][k] =
// ∂f_i/∂x_{wrt[k]}. It panics if an index in wrt is out of range or repeated.
func (p *Program) Partials(x []float64, wrt []int) (values []float64, jac [][]float64) {
	p.checkPoint("Partials", x)
	if wrt == nil {
		wrt = p.inputs
	}
	for k, w := range wrt {
		if w < 0 || w >= len(x) {
			panic(fmt.Sprintf("expr.Program.Partials: wrt index %d out of range [0, %d)", w, len(x)))
		}
		if slices.Contains(wrt[:k], w) {
			panic(fmt.Sprintf("expr.Program.Partials: wrt lists input %d twice: %v", w, wrt))
		}
	}
	values = make([]float64, len(p.outputs))
	jac = make([][]float64, len(p.outputs))
	flat := make([]float64, len(p.outputs)*len(wrt))
	for i := range jac {
		jac[i] = flat[i*len(wrt) : (i+1)*len(wrt) : (i+1)*len(wrt)]
	}
	p.partialsTo(values, jac, x, wrt)
	return values, jac
}

// partialsTo writes the outputs at x into values and their partials with respect to
// the inputs wrt into jac. Up to three partials travel in the fields of dual.Number,
// Jet2 and Jet3, which the compiler keeps in registers; more in dual.Jet chunks. All
// of them round as package vec's generic kernels do, so point and batch agree bit for
// bit.
func (p *Program) partialsTo(values []float64, jac [][]float64, x []float64, wrt []int) {
	// Set field by field: a composite literal is built in a temporary and copied with
	// 16-byte moves, each of which waits for the two 8-byte stores it reads (the seed's
	// GradientTo: 66.5 -> 64 ns).
	var job pointJob
	job.x, job.wrt, job.values, job.jac = x, wrt, values, jac
	switch n := len(wrt); {
	case n <= 1:
		evalNumber(p, &p.fieldPools[0], &job)
	case n == 2:
		evalJet2(p, &p.fieldPools[1], &job)
	case n == 3:
		evalJet3(p, &p.fieldPools[2], &job)
	case n == 4:
		jetPartials[[4]float64](p, &p.jetPools[0], values, jac, x, wrt)
	default:
		jetPartials[[8]float64](p, &p.jetPools[1], values, jac, x, wrt)
	}
}

// pointJob is one evaluation at a point on a dual type that holds its partials in
// fields: inputs x with either partials seeded at the inputs wrt (partial k of input
// wrt[k] is 1) or, for dual.Number, the tangents dir; results into values and, where
// not nil, jac (jac[i][k], output i, partial k) and tangents (dual.Number's tangent of
// each output).
type pointJob struct {
	x, dir   []float64
	wrt      []int
	values   []float64
	jac      [][]float64
	tangents []float64
}

// pointScratch is the reusable memory of one point evaluation with dual numbers D,
// pooled per Program so that repeated calls do not regrow dual's workspace.
type pointScratch[D any, W any] struct {
	ws   W
	regs []D
	in   []D
	xw   []float64
}

func getScratch[D any, W any](pool *sync.Pool, p *Program) *pointScratch[D, W] {
	if s, ok := pool.Get().(*pointScratch[D, W]); ok {
		return s
	}
	return &pointScratch[D, W]{regs: make([]D, p.numRegs), in: make([]D, len(p.vars)), xw: make([]float64, len(p.vars))}
}

// jetPartials differentiates with respect to x[wrt[k]], holding the other inputs
// constant, with dual.JacobianTo in chunks of len(P) partials.
func jetPartials[P dual.Partials[float64]](p *Program, pool *sync.Pool, values []float64, jac [][]float64, x []float64, wrt []int) {
	type jet = dual.Jet[float64, P]
	s := getScratch[jet, dual.Workspace[float64, P]](pool, p)
	defer pool.Put(s)
	xw := s.xw[:len(wrt)]
	for k, w := range wrt {
		xw[k] = x[w]
	}
	f := func(y, vars []jet) {
		for i, xi := range x {
			s.in[i] = dual.Const[jet](xi)
		}
		for k, w := range wrt {
			s.in[w] = vars[k]
		}
		run(p, s.regs, s.in, y)
	}
	dual.JacobianTo(values, jac, f, xw, &s.ws)
	clear(s.regs) // drop pointers into the workspace
	clear(s.in)
}

// Hessian returns the value, gradient and Hessian at x of a program with one output,
// hess[i][j] = ∂²f/∂x_i∂x_j, exact, with dual.Hessian (second-order dual numbers).
func (p *Program) Hessian(x []float64) (value float64, grad []float64, hess [][]float64) {
	p.checkScalar("Hessian")
	p.checkPoint("Hessian", x)
	switch n := len(x); {
	case n <= 1:
		return hessian[[1]float64, [1]float64](p, &p.hyperPools[0], x)
	case n <= 2:
		return hessian[[2]float64, [3]float64](p, &p.hyperPools[1], x)
	case n <= 4:
		return hessian[[4]float64, [10]float64](p, &p.hyperPools[2], x)
	case n <= 8:
		return hessian[[8]float64, [36]float64](p, &p.hyperPools[3], x)
	default:
		return hessian[[16]float64, [136]float64](p, &p.hyperPools[4], x)
	}
}

func hessian[P, Q dual.Partials[float64]](p *Program, pool *sync.Pool, x []float64) (float64, []float64, [][]float64) {
	type hyper = dual.Hyper[float64, P, Q]
	s := getScratch[hyper, dual.HyperWorkspace[float64, P, Q]](pool, p)
	defer pool.Put(s)
	out := make([]hyper, 1)
	f := func(vars []hyper) hyper {
		run(p, s.regs, vars, out)
		return out[0]
	}
	n := len(x)
	grad := make([]float64, n)
	hess := make([][]float64, n)
	flat := make([]float64, n*n)
	for i := range hess {
		hess[i] = flat[i*n : (i+1)*n : (i+1)*n]
	}
	v := dual.HessianTo(grad, hess, f, x, &s.ws)
	clear(s.regs)
	return v, grad, hess
}

// NonFinite reports the first operation, in evaluation order, whose value at x is
// NaN or ±Inf although its operands are finite, as text such as "log(x)"; ok is false
// if there is none. Command-line tools use it to explain a NaN in their output.
func (p *Program) NonFinite(x []float64) (op string, ok bool) {
	p.checkPoint("NonFinite", x)
	regs := make([]dual.Number[float64], p.numRegs)
	for i, xi := range x {
		regs[i].V = xi
	}
	finite := func(r int32) bool { return r < 0 || !math.IsNaN(regs[r].V) && !math.IsInf(regs[r].V, 0) }
	for i := range p.instrs {
		in := &p.instrs[i]
		step(in, regs)
		if !finite(in.a) || !finite(in.b) || !finite(in.c) {
			continue
		}
		if !finite(in.dst) {
			return in.src.String(), true
		}
		if in.dst2 >= 0 && !finite(in.dst2) {
			return in.src2.String(), true
		}
	}
	return "", false
}
