package dual

import "fmt"

// Jacobian returns y = f(x) and the m×n Jacobian of f: R^n -> R^m at x, with
// jac[i][j] = ∂y_i/∂x_j. f writes its m outputs into y; an output f leaves unwritten
// is the constant 0.
//
// Like [Gradient], f is evaluated once when n <= len(P) and ceil(n/len(P)) times
// otherwise, each time for a chunk of len(P) columns. Jacobian allocates its results
// and a fresh [Workspace]; [JacobianTo] does not allocate in steady state.
func Jacobian[T Float, P Partials[T]](f func(y, x []Jet[T, P]), x []T, m int) (y []T, jac [][]T) {
	y = make([]T, m)
	jac = make([][]T, m)
	flat := make([]T, m*len(x))
	for i := range jac {
		jac[i] = flat[i*len(x) : (i+1)*len(x) : (i+1)*len(x)]
	}
	var ws Workspace[T, P]
	JacobianTo(y, jac, f, x, &ws)
	return y, jac
}

// JacobianTo writes f(x) into y and the Jacobian of f at x into jac; see [Jacobian].
// The number of outputs is len(y). It panics unless len(jac) == len(y) and every row
// has len(x) elements. A nil ws allocates a temporary workspace. f must not change the
// elements of x it receives: the same slice is passed to every evaluation.
func JacobianTo[T Float, P Partials[T]](y []T, jac [][]T, f func(y, x []Jet[T, P]), x []T, ws *Workspace[T, P]) {
	if len(jac) != len(y) {
		panic(fmt.Sprintf("dual: JacobianTo with len(jac) = %d != len(y) = %d", len(jac), len(y)))
	}
	for i, row := range jac {
		if len(row) != len(x) {
			panic(fmt.Sprintf("dual: JacobianTo with len(jac[%d]) = %d != len(x) = %d", i, len(row), len(x)))
		}
	}
	if ws == nil {
		ws = new(Workspace[T, P])
	}
	if cap(ws.outs) < len(y) {
		ws.outs = make([]Jet[T, P], len(y))
	}
	outs := ws.outs[:len(y)]
	var p P
	chunk := len(p)
	vars := ws.constants(x)
	for lo := 0; lo < len(x) || lo == 0; lo += chunk { // once even when len(x) == 0
		hi := min(lo+chunk, len(x))
		ws.Reset()
		clear(outs)
		ws.seedChunk(vars, lo, hi)
		f(outs, vars)
		unseedChunk(vars, lo, hi)
		for i, r := range outs {
			y[i] = r.V
			for j := lo; j < hi; j++ {
				jac[i][j] = r.Partial(j - lo)
			}
		}
	}
	clear(outs) // drop pointers into the workspace
	ws.Reset()
}

// JVP returns y = f(x) and the Jacobian-vector product J v of f: R^n -> R^m at x, in
// one evaluation of f with [Number]: each x_j carries the tangent v_j. f writes its m
// outputs into y. JVP allocates its results; [JVPTo] does not.
func JVP[T Float](f func(y, x []Number[T]), x, v []T, m int) (y, jv []T) {
	y = make([]T, m)
	jv = make([]T, m)
	JVPTo(y, jv, f, x, v, nil)
	return y, jv
}

// JVPTo writes f(x) into y and the Jacobian-vector product J v into jv; see [JVP].
// scratch, if it has capacity for len(x)+len(y) Numbers, holds f's arguments so that
// JVPTo does not allocate; otherwise JVPTo allocates them. It panics unless
// len(v) == len(x) and len(jv) == len(y).
func JVPTo[T Float](y, jv []T, f func(y, x []Number[T]), x, v []T, scratch []Number[T]) {
	if len(v) != len(x) {
		panic(fmt.Sprintf("dual: JVPTo with len(v) = %d != len(x) = %d", len(v), len(x)))
	}
	if len(jv) != len(y) {
		panic(fmt.Sprintf("dual: JVPTo with len(jv) = %d != len(y) = %d", len(jv), len(y)))
	}
	if cap(scratch) < len(x)+len(y) {
		scratch = make([]Number[T], len(x)+len(y))
	}
	xs, ys := scratch[:len(x)], scratch[len(x):len(x)+len(y)]
	for i := range xs {
		xs[i] = Number[T]{V: x[i], D: v[i]}
	}
	clear(ys)
	f(ys, xs)
	for i, r := range ys {
		y[i], jv[i] = r.V, r.D
	}
}
