package dual

import (
	"fmt"
	"unsafe"
)

// Workspace stores the partial derivatives of the [Jet] numbers made during one
// evaluation of a function, so that a chunked gradient or Jacobian allocates nothing
// once the workspace has grown to the size the function needs.
//
// Storage is handed out in blocks that never move; [Workspace.Reset] makes all of it
// reusable at once, which invalidates every Jet computed since the previous reset
// (the variables made by [Workspace.Var] stay valid). The zero value is ready to use.
// A Workspace must not be used by two goroutines at once.
type Workspace[T Float, P Partials[T]] struct {
	slots arena[P]

	vars  []Jet[T, P] // inputs handed to the function by Gradient and Jacobian
	outs  []Jet[T, P] // outputs written by the function given to Jacobian
	seeds []P         // seeds[j] is the j-th unit vector
}

// Reset makes all storage reusable. Every Jet computed with w before the call, other
// than the variables made by Var, is invalid afterwards.
func (w *Workspace[T, P]) Reset() { w.slots.reset() }

// Var returns the variable with value v and partial derivative 1 with respect to
// direction i, 0 <= i < len(P).
func (w *Workspace[T, P]) Var(v T, i int) Jet[T, P] {
	var p P
	if i < 0 || i >= len(p) {
		panic(fmt.Sprintf("dual: Var direction %d out of range [0, %d)", i, len(p)))
	}
	return Jet[T, P]{V: v, D: w.seed(i), ws: w}
}

// allocSlow returns storage for one set of partials when the operations on Jets cannot
// take it in line: from the heap for a nil w, else from a new block of the arena.
//
//go:noinline
func (w *Workspace[T, P]) allocSlow() *P {
	if w == nil {
		return new(P)
	}
	return w.slots.grow()
}

// constants returns x as constants of w, in a buffer reused from call to call.
func (w *Workspace[T, P]) constants(x []T) []Jet[T, P] {
	if cap(w.vars) < len(x) {
		w.vars = make([]Jet[T, P], len(x))
	}
	w.vars = w.vars[:len(x)]
	for i, v := range x {
		w.vars[i] = Jet[T, P]{V: v, ws: w}
	}
	return w.vars
}

// seedChunk makes vars[lo:hi] the variables of one chunk, seeded with the unit
// vectors 0, 1, ...; unseedChunk makes them constants again. Moving the seeds from
// chunk to chunk, rather than rebuilding every input, keeps the cost of a chunk
// proportional to the chunk (measured: rebuilding took 12% of a 100-input gradient).
func (w *Workspace[T, P]) seedChunk(vars []Jet[T, P], lo, hi int) {
	seeds := w.unitSeeds()[:hi-lo]
	for i := range seeds {
		vars[lo+i].D = &seeds[i]
	}
}

// unseedChunk undoes seedChunk.
func unseedChunk[T Float, P Partials[T]](vars []Jet[T, P], lo, hi int) {
	for i := lo; i < hi; i++ {
		vars[i].D = nil
	}
}

// seed returns the partials of a variable seeded in direction j: the j-th unit
// vector, kept outside the arena so that it survives Reset.
func (w *Workspace[T, P]) seed(j int) *P { return &w.unitSeeds()[j] }

// unitSeeds returns the unit vectors of the partials, seeds[j] for direction j, made
// on first use.
func (w *Workspace[T, P]) unitSeeds() []P {
	if w.seeds == nil {
		var p P
		w.seeds = make([]P, len(p))
		for i := range w.seeds {
			w.seeds[i][i] = 1
		}
	}
	return w.seeds
}

// arena hands out slots of type S from blocks that never move, so pointers to slots
// stay valid until reset makes every slot reusable.
type arena[S any] struct {
	blocks [][]S // storage blocks, kept across resets
	block  int   // index of cur in blocks
	cur    []S   // the block slots are taken from
	used   int   // slots taken from cur
}

// blockBytes is the size of one storage block: large enough that growing is rare,
// small enough that the blocks one evaluation touches stay in cache.
const blockBytes = 32 << 10

// blockLen is the number of slots in a block for slots of the given size in bytes.
func blockLen(size int) int { return max(16, blockBytes/max(size, 1)) }

// reset makes every slot reusable.
func (a *arena[S]) reset() {
	a.block, a.used = 0, 0
	if len(a.blocks) > 0 {
		a.cur = a.blocks[0]
	}
}

// alloc returns an unused slot; its contents are whatever the slot held last.
func (a *arena[S]) alloc() *S {
	if a.used < len(a.cur) {
		p := &a.cur[a.used]
		a.used++
		return p
	}
	return a.grow()
}

// grow moves to the next block, making one if the arena has not been this large
// before, and returns its first slot. It is kept out of line so that alloc inlines.
//
//go:noinline
func (a *arena[S]) grow() *S {
	if len(a.cur) > 0 {
		a.block++
	}
	if a.block == len(a.blocks) {
		var slot S
		a.blocks = append(a.blocks, make([]S, blockLen(int(unsafe.Sizeof(slot)))))
	}
	a.cur = a.blocks[a.block]
	a.used = 1
	return &a.cur[0]
}

// isFinite reports whether d is neither infinite nor NaN.
func isFinite[T Float](d T) bool { return d-d == 0 }

// tangentProduct returns a·b, and 0 where either is 0: a second-order term along a
// direction with a zero tangent stays zero when the other tangent is infinite or
// NaN, as first-order terms do (NaN-safe mode).
func tangentProduct[T Float](a, b T) T {
	if a == 0 || b == 0 {
		return 0
	}
	return a * b
}
