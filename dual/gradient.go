package dual

import "fmt"

// Gradient returns f(x) and the gradient of f: R^n -> R at x.
//
// f receives x as Jets whose partials are seeded with unit vectors, and must not change
// them (the same slice serves every evaluation). When n <= len(P), one evaluation of f
// gives the value and the whole gradient; otherwise f is evaluated ceil(n/len(P))
// times, each time for a chunk of len(P) variables while the others are constants, so
// memory stays bounded whatever n. Terms of f that do not depend on a chunk's
// variables cost about as much as plain float arithmetic.
//
// Gradient allocates the result and a fresh [Workspace]; use [GradientTo] to compute
// many gradients without allocating.
func Gradient[T Float, P Partials[T]](f func(x []Jet[T, P]) Jet[T, P], x []T) (v T, grad []T) {
	grad = make([]T, len(x))
	var ws Workspace[T, P]
	v = GradientTo(grad, f, x, &ws)
	return v, grad
}

// GradientTo writes the gradient of f at x into grad and returns f(x); see [Gradient].
// It panics if len(grad) != len(x). The workspace ws keeps its storage from call to
// call, so once it has grown to what f needs GradientTo does not allocate; a nil ws
// allocates a temporary one. The Jets f receives are valid only during the call, and
// f must not change them: the same slice is passed to every evaluation.
func GradientTo[T Float, P Partials[T]](grad []T, f func(x []Jet[T, P]) Jet[T, P], x []T, ws *Workspace[T, P]) T {
	if len(grad) != len(x) {
		panic(fmt.Sprintf("dual: GradientTo with len(grad) = %d != len(x) = %d", len(grad), len(x)))
	}
	if ws == nil {
		ws = new(Workspace[T, P])
	}
	var p P
	chunk := len(p)
	var v T
	vars := ws.constants(x)
	for lo := 0; lo < len(x) || lo == 0; lo += chunk { // once even when len(x) == 0
		hi := min(lo+chunk, len(x))
		ws.Reset()
		ws.seedChunk(vars, lo, hi)
		r := f(vars)
		unseedChunk(vars, lo, hi)
		v = r.V
		if d := r.D; d != nil {
			for i := range hi - lo {
				grad[lo+i] = (*d)[i]
			}
		} else {
			clear(grad[lo:hi])
		}
	}
	ws.Reset()
	return v
}
