package dual

import "fmt"

// Hyper2, Hyper4, Hyper8 and Hyper16 are the [Hyper] numbers with 2, 4, 8 and 16
// variables per sweep and the matching packed Hessian length.
type (
	// Hyper2 gives the value, gradient and Hessian of up to 2 variables in one sweep.
	Hyper2[T Float] = Hyper[T, [2]T, [3]T]
	// Hyper4 gives the value, gradient and Hessian of up to 4 variables in one sweep.
	Hyper4[T Float] = Hyper[T, [4]T, [10]T]
	// Hyper8 gives the value, gradient and Hessian of up to 8 variables in one sweep.
	Hyper8[T Float] = Hyper[T, [8]T, [36]T]
	// Hyper16 gives the value, gradient and Hessian of up to 16 variables in one sweep.
	Hyper16[T Float] = Hyper[T, [16]T, [136]T]
)

// HyperWorkspace stores the partials of the [Hyper] numbers made during one
// evaluation of a function, like [Workspace] does for [Jet]. The zero value is ready
// to use; [HyperWorkspace.Reset] invalidates every Hyper computed with it. A
// HyperWorkspace must not be used by two goroutines at once.
type HyperWorkspace[T Float, P, Q Partials[T]] struct {
	slots arena[HyperPartials[T, P, Q]]
	vars  []Hyper[T, P, Q]         // inputs handed to the function by Hessian
	seeds []HyperPartials[T, P, Q] // seeds[j] has G = j-th unit vector, H = 0
	index []int                    // variables seeded in one evaluation of Hessian
}

// Reset makes all storage reusable. Every Hyper computed with w before the call, other
// than the variables made by Var, is invalid afterwards.
func (w *HyperWorkspace[T, P, Q]) Reset() { w.slots.reset() }

// Var returns the variable with value v and first partial 1 with respect to
// direction i, 0 <= i < len(P). It panics if len(Q) != len(P)*(len(P)+1)/2.
func (w *HyperWorkspace[T, P, Q]) Var(v T, i int) Hyper[T, P, Q] {
	n := checkHyperShape[T, P, Q]()
	if i < 0 || i >= n {
		panic(fmt.Sprintf("dual: Var direction %d out of range [0, %d)", i, n))
	}
	return Hyper[T, P, Q]{V: v, D: w.seed(i), ws: w}
}

// alloc returns storage for one set of partials. A nil workspace allocates on the heap.
func (w *HyperWorkspace[T, P, Q]) alloc() *HyperPartials[T, P, Q] {
	if w == nil {
		return new(HyperPartials[T, P, Q])
	}
	return w.slots.alloc()
}

// constants returns w's input buffer holding x as constants.
func (w *HyperWorkspace[T, P, Q]) constants(x []T) []Hyper[T, P, Q] {
	if cap(w.vars) < len(x) {
		w.vars = make([]Hyper[T, P, Q], len(x))
	}
	w.vars = w.vars[:len(x)]
	for i, v := range x {
		w.vars[i] = Hyper[T, P, Q]{V: v, ws: w}
	}
	return w.vars
}

// seed returns the partials of a variable seeded in direction j.
func (w *HyperWorkspace[T, P, Q]) seed(j int) *HyperPartials[T, P, Q] {
	if w.seeds == nil {
		var p P
		w.seeds = make([]HyperPartials[T, P, Q], len(p))
		for i := range w.seeds {
			w.seeds[i].G[i] = 1
		}
	}
	return &w.seeds[j]
}

// checkHyperShape returns len(P) after checking that Q can hold the packed Hessian.
func checkHyperShape[T Float, P, Q Partials[T]]() int {
	var p P
	var q Q
	if n := len(p); len(q) != n*(n+1)/2 {
		panic(fmt.Sprintf("dual: Hyper with len(P) = %d needs len(Q) = %d, not %d", n, n*(n+1)/2, len(q)))
	}
	return len(p)
}

// Hessian returns f(x), the gradient and the Hessian of f: R^n -> R at x, with
// hess[i][j] = ∂²f/∂x_i∂x_j.
//
// With m = len(P), one evaluation of f gives everything when n <= m. For larger n the
// variables are split into blocks of m/2 and f is evaluated once per pair of blocks,
// giving the Hessian entries of both blocks and between them: about (2n/m)²/2
// evaluations, each costing O(m²) per operation. For a Hessian-vector product use
// [HVP], which needs only n/m evaluations. Hessian allocates its results and a
// workspace; [HessianTo] does not allocate in steady state.
func Hessian[T Float, P, Q Partials[T]](f func(x []Hyper[T, P, Q]) Hyper[T, P, Q], x []T) (v T, grad []T, hess [][]T) {
	n := len(x)
	grad = make([]T, n)
	hess = make([][]T, n)
	flat := make([]T, n*n)
	for i := range hess {
		hess[i] = flat[i*n : (i+1)*n : (i+1)*n]
	}
	var ws HyperWorkspace[T, P, Q]
	v = HessianTo(grad, hess, f, x, &ws)
	return v, grad, hess
}

// HessianTo writes the gradient and Hessian of f at x into grad and hess and returns
// f(x); see [Hessian]. It panics unless len(grad) == len(x) and hess is len(x)×len(x),
// if len(Q) != len(P)*(len(P)+1)/2, or if len(x) > len(P) = 1. A nil ws allocates a
// temporary workspace.
func HessianTo[T Float, P, Q Partials[T]](grad []T, hess [][]T, f func(x []Hyper[T, P, Q]) Hyper[T, P, Q], x []T, ws *HyperWorkspace[T, P, Q]) T {
	n := len(x)
	if len(grad) != n {
		panic(fmt.Sprintf("dual: HessianTo with len(grad) = %d != len(x) = %d", len(grad), n))
	}
	if len(hess) != n {
		panic(fmt.Sprintf("dual: HessianTo with len(hess) = %d != len(x) = %d", len(hess), n))
	}
	for i, row := range hess {
		if len(row) != n {
			panic(fmt.Sprintf("dual: HessianTo with len(hess[%d]) = %d != len(x) = %d", i, len(row), n))
		}
	}
	m := checkHyperShape[T, P, Q]()
	if ws == nil {
		ws = new(HyperWorkspace[T, P, Q])
	}
	if n <= m {
		ws.Reset()
		xs := ws.constants(x)
		for i := range xs {
			xs[i].D = ws.seed(i)
		}
		r := f(xs)
		for i := range n {
			grad[i] = r.Partial(i)
			for j := range i + 1 {
				hess[i][j] = r.Partial2(i, j)
				hess[j][i] = hess[i][j]
			}
		}
		ws.Reset()
		return r.V
	}
	block := m / 2
	if block == 0 {
		panic(fmt.Sprintf("dual: HessianTo of %d variables needs len(P) >= 2, have %d", n, m))
	}
	var v T
	// slot returns the direction in which variable k is seeded when blocks I and J
	// are evaluated together.
	slot := func(k, bi int) int {
		if k/block == bi {
			return k - bi*block
		}
		return block + k%block
	}
	blocks := (n + block - 1) / block
	for bi := range blocks {
		for bj := bi + 1; bj < blocks; bj++ {
			ws.Reset()
			xs := ws.constants(x)
			vars := appendBlock(appendBlock(ws.index[:0], bi, block, n), bj, block, n)
			ws.index = vars
			for _, k := range vars {
				xs[k].D = ws.seed(slot(k, bi))
			}
			r := f(xs)
			v = r.V
			for _, p := range vars {
				grad[p] = r.Partial(slot(p, bi))
				for _, q := range vars {
					hess[p][q] = r.Partial2(slot(p, bi), slot(q, bi))
				}
			}
		}
	}
	ws.Reset()
	return v
}

// appendBlock appends the indices of block b of the given size among n variables.
func appendBlock(dst []int, b, size, n int) []int {
	for k := b * size; k < min((b+1)*size, n); k++ {
		dst = append(dst, k)
	}
	return dst
}
