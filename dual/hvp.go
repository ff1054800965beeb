package dual

import "fmt"

// DirWorkspace stores the partials of the [DirJet] numbers made during one
// evaluation of a function, like [Workspace] does for [Jet]. The zero value is ready
// to use; [DirWorkspace.Reset] invalidates every DirJet computed with it. A DirWorkspace
// must not be used by two goroutines at once.
type DirWorkspace[T Float, P Partials[T]] struct {
	slots arena[DirPartials[T, P]]
	vars  []DirJet[T, P]      // inputs handed to the function by HVP
	seeds []DirPartials[T, P] // seeds[j] has G = j-th unit vector, Gv = 0
}

// Reset makes all storage reusable. Every DirJet computed with w before the call, other
// than the variables made by Var, is invalid afterwards.
func (w *DirWorkspace[T, P]) Reset() { w.slots.reset() }

// Var returns the variable with value v, derivative dv along the direction and
// partial 1 with respect to chunk direction i, 0 <= i < len(P). A variable outside the
// chunk is DirJet[T, P]{V: v, Dv: dv}.
func (w *DirWorkspace[T, P]) Var(v, dv T, i int) DirJet[T, P] {
	var p P
	if i < 0 || i >= len(p) {
		panic(fmt.Sprintf("dual: Var direction %d out of range [0, %d)", i, len(p)))
	}
	return DirJet[T, P]{V: v, Dv: dv, D: w.seed(i), ws: w}
}

// alloc returns storage for one set of partials. A nil workspace allocates on the heap.
func (w *DirWorkspace[T, P]) alloc() *DirPartials[T, P] {
	if w == nil {
		return new(DirPartials[T, P])
	}
	return w.slots.alloc()
}

// seed returns the partials of a variable seeded in chunk direction j.
func (w *DirWorkspace[T, P]) seed(j int) *DirPartials[T, P] {
	if w.seeds == nil {
		var p P
		w.seeds = make([]DirPartials[T, P], len(p))
		for i := range w.seeds {
			w.seeds[i].G[i] = 1
		}
	}
	return &w.seeds[j]
}

// HVP returns f(x), the gradient of f: R^n -> R at x and the Hessian-vector product
// H v, without forming H.
//
// f receives x as DirJets differentiated along v, with the partials of a chunk of
// len(P) variables seeded; the derivative along v of each partial is an entry of H v.
// f is evaluated ceil(n/len(P)) times, each operation costing O(len(P)), and terms
// that depend on no variable of the chunk cost about as much as [Number] arithmetic.
// HVP allocates its results and a workspace; [HVPTo] does not allocate in steady
// state.
func HVP[T Float, P Partials[T]](f func(x []DirJet[T, P]) DirJet[T, P], x, v []T) (fx T, grad, hv []T) {
	grad = make([]T, len(x))
	hv = make([]T, len(x))
	var ws DirWorkspace[T, P]
	fx = HVPTo(grad, hv, f, x, v, &ws)
	return fx, grad, hv
}

// HVPTo writes the gradient of f at x into grad and H v into hv and returns f(x); see
// [HVP]. It panics unless grad, hv and v all have len(x) elements. A nil ws allocates
// a temporary workspace.
func HVPTo[T Float, P Partials[T]](grad, hv []T, f func(x []DirJet[T, P]) DirJet[T, P], x, v []T, ws *DirWorkspace[T, P]) T {
	n := len(x)
	if len(grad) != n || len(hv) != n || len(v) != n {
		panic(fmt.Sprintf("dual: HVPTo with len(grad) = %d, len(hv) = %d, len(v) = %d, want len(x) = %d",
			len(grad), len(hv), len(v), n))
	}
	if ws == nil {
		ws = new(DirWorkspace[T, P])
	}
	if cap(ws.vars) < n {
		ws.vars = make([]DirJet[T, P], n)
	}
	xs := ws.vars[:n]
	var p P
	chunk := len(p)
	var fx T
	for lo := 0; lo < n || lo == 0; lo += chunk { // once even when n == 0
		hi := min(lo+chunk, n)
		ws.Reset()
		for k := range xs {
			xs[k] = DirJet[T, P]{V: x[k], Dv: v[k], ws: ws}
		}
		for k := lo; k < hi; k++ {
			xs[k].D = ws.seed(k - lo)
		}
		r := f(xs)
		fx = r.V
		for k := lo; k < hi; k++ {
			grad[k] = r.Partial(k - lo)
			hv[k] = r.PartialV(k - lo)
		}
	}
	ws.Reset()
	return fx
}
