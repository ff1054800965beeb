package vec

import (
	"fmt"
	"slices"
	"unsafe"
)

// A Sequence records calls of the package's functions on columns of one length and
// runs them piece by piece: every call on the first elements, then every call on the
// next, and so on. With its intermediate columns declared Scratch, a computation of
// several steps over long columns keeps them in the L1 cache instead of carrying them
// through L2 or memory. Package expr evaluates its batches with one.
//
// Record the calls with the methods, which have the names, arguments and checks of
// the package's functions, then call Run. Each call sees the results of the calls
// recorded before it as if they had run one after another over the whole columns,
// and the results are the same bits. Elementwise, that is: a call may read a column
// another call writes only at the same elements (no shifted views of one column).
//
// The pieces pay where the calls are the level's fused dual kernels and float Add,
// Sub, Mul and Sincos, which a Sequence calls directly (every dual function on the
// amd64 levels but Tan in place; Neg, Scale by a finite constant and AddScalar as a
// float kernel per column, one step each); the others it calls through the package's
// functions on each piece, which costs more per call. A
// Sequence runs whole columns, as the package's functions would, on levels without
// fused kernels or when its columns are too many for pieces of 32 elements
// (Piecewise reports which). A dual call's results with Stream set are written with
// the streaming stores where the level has them and every result column starts on a
// vector boundary at every piece; RunShifted orders those stores once at its end.
//
// The zero value is an empty Sequence. A Sequence keeps its storage, so recording
// the same calls again allocates nothing; it must not be used by two goroutines at
// once.
type Sequence[T Float] struct {
	n       int           // recorded length (of the first call)
	steps   []*seqStep[T] // recorded: steps[:used]
	used    int
	ncalls  int       // recorded calls (some record a step per column)
	calls   bool      // some step calls a function of the package instead of a kernel
	scratch []uintptr // starts of the columns declared Scratch
	uniform []uintptr // starts of the columns declared Uniform
	slots   []seqSlot[T]
	moves   []seqMove[T] // Run: the views that move with the pieces
	cols    []uintptr    // PieceLen: distinct columns
	buf     []T          // the pieces of the scratch columns
	piece   int          // the piece length, 0 until computed
}

// seqKind is what a recorded step calls.
type seqKind uint8

const (
	seqRawUnary    seqKind = iota // a fused dual kernel, one input
	seqRawBinary                  // a fused dual kernel, two inputs
	seqRawSincos                  // the fused dual sincos kernel
	seqRawTernary                 // the fused dual FMA kernel
	seqRawTan                     // the fused dual tan kernel, not in place
	seqFloat2                     // a float kernel dst, a, b
	seqFloat1                     // a float kernel dst, x
	seqFloatConst                 // a float kernel dst, x with a constant
	seqFloatSincos                // the float sincos kernel
	seqCopy                       // copy(dst, src)
	seqUnary                      // a dual function, one input
	seqBinary                     // a dual function, two inputs
	seqTernary                    // the dual FMA
	seqSincos                     // the dual sincos function
	seqConst                      // a dual function with a constant
)

// seqStep is one recorded call on its operands' views, which Run points at each
// piece in turn.
type seqStep[T Float] struct {
	kind      seqKind
	views     [4]Dual[T]
	k         T
	rawUnary  rawUnary[T]
	rawBinary binaryAsm[T]
	rawSincos sincosAsm[T]
	// The streaming variants, which a piecewise run calls instead (nt) where the
	// results asked for them (stream) and every result column allows them.
	stream, nt               bool
	rawUnaryNT               unaryAsm[T]
	rawBinaryNT              binaryAsm[T]
	rawSincosNT              sincosAsm[T]
	rawTernary, rawTernaryNT ternaryAsm[T]
	fixSincos                func(s, c Dual[T])
	fixTan                   func(dst Dual[T], x []T)
	float2                   func(dst, a, b []T)
	float1                   func(dst, x []T)
	floatConst               func(dst, x []T, c T)
	sincos                   func(s, c, x []T)
	unary                    func(dst, x Dual[T])
	binary                   func(dst, a, b Dual[T])
	ternary                  func(dst, a, b, c Dual[T])
	dualSc                   func(s, c, x Dual[T])
	withConst                func(dst, x Dual[T], c T)
}

// seqSlot is one column of a step's operands: view is where the step reads it, col
// the column as recorded.
type seqSlot[T Float] struct {
	view    *[]T
	col     []T
	scratch int32 // index among the scratch columns, or -1
	uniform bool
	step    int32 // the step's index
	result  bool  // a result column of the step
}

// seqMove is a view that a piecewise Run points at each piece of a column: base is
// the column's element for the first piece.
type seqMove[T Float] struct {
	view *[]T
	base unsafe.Pointer
}

// pieceBytes is the L1 budget of a piece: every distinct column a sequence touches
// takes pieceBytes / columns bytes of it. For the seed's twelve columns that is 128
// float64 elements; pieces of 96 to 128 measured fastest on Zen 5 (256 about 15%
// slower; session 14, README).
const pieceBytes = 12 << 10

// minPiece is the shortest piece: below it the calls cost more than the cache saves,
// and the sequence runs whole columns. Pieces are multiples of it, so that pieces of
// aligned columns stay aligned.
const minPiece = 32

// scratchPad separates the piece buffers of scratch columns by a cache line, so that
// no two of them are a multiple of 4 KiB apart.
const scratchPad = 64

// Reset forgets the recorded calls and declarations.
func (s *Sequence[T]) Reset() {
	for _, sl := range s.slots { // keep nothing of the caller's alive
		*sl.view = nil
	}
	clear(s.slots)
	clear(s.moves)
	s.slots, s.moves = s.slots[:0], s.moves[:0]
	s.used, s.ncalls, s.n, s.calls, s.piece = 0, 0, 0, false, 0
	s.scratch, s.uniform = s.scratch[:0], s.uniform[:0]
}

// Len returns the number of recorded calls.
func (s *Sequence[T]) Len() int { return s.ncalls }

// Scratch declares cols as scratch: calls recorded after it may pass results to
// later calls through them, but their contents are undefined after Run. A piecewise
// Run keeps such columns in small buffers of its own, which stay in the L1 cache,
// and never touches their memory. Only the start of each column matters.
func (s *Sequence[T]) Scratch(cols ...[]T) {
	for _, c := range cols {
		if len(c) > 0 {
			s.scratch = append(s.scratch, uintptr(unsafe.Pointer(&c[0])))
		}
	}
}

// Uniform declares cols, which calls recorded after it only read, as columns whose
// elements are all equal (zeros, ones): a piecewise Run reads every piece of them
// from their first elements.
func (s *Sequence[T]) Uniform(cols ...[]T) {
	for _, c := range cols {
		if len(c) > 0 {
			s.uniform = append(s.uniform, uintptr(unsafe.Pointer(&c[0])))
		}
	}
}

// next returns a fresh step for a call named op on columns of length n.
func (s *Sequence[T]) next(op string, n int) *seqStep[T] {
	s.ncalls++
	return s.step(op, n)
}

// step returns a fresh step for a call named op on columns of length n: the first of
// the call if next counted it, else a further one.
func (s *Sequence[T]) step(op string, n int) *seqStep[T] {
	if s.used == 0 {
		s.n = n
	} else if n != s.n {
		panicLen("Sequence."+op, "the sequence's columns", s.n, "dst", n)
	}
	if s.used == len(s.steps) {
		s.steps = append(s.steps, new(seqStep[T]))
	}
	st := s.steps[s.used]
	s.used++
	s.piece = 0
	views := st.views
	*st = seqStep[T]{}
	for i := range views { // keep the tangent lists' storage
		st.views[i].D = views[i].D[:0]
	}
	return st
}

// slot records column c, viewed at *view by the last step; result says whether the
// step writes it.
func (s *Sequence[T]) slot(view *[]T, c []T, result bool) {
	sl := seqSlot[T]{view: view, col: c, scratch: -1, step: int32(s.used - 1), result: result}
	if len(c) > 0 {
		p := uintptr(unsafe.Pointer(&c[0]))
		if i := slices.Index(s.scratch, p); i >= 0 {
			sl.scratch = int32(i)
		}
		sl.uniform = slices.Contains(s.uniform, p)
	}
	s.slots = append(s.slots, sl)
}

// operands records ds as the operands of st, the first results of them results.
func (s *Sequence[T]) operands(st *seqStep[T], results int, ds ...Dual[T]) {
	for i, d := range ds {
		w := &st.views[i]
		if cap(w.D) < len(d.D) {
			w.D = make([][]T, len(d.D))
		}
		w.D = w.D[:len(d.D)]
		s.slot(&w.V, d.V, i < results)
		for k, c := range d.D {
			s.slot(&w.D[k], c, i < results)
		}
	}
}

// floats records float columns as the operands of st.
func (s *Sequence[T]) floats(st *seqStep[T], cols ...[]T) {
	for i, c := range cols {
		s.slot(&st.views[i].V, c, false)
	}
}

// Piecewise reports whether Run runs the recorded calls piece by piece, rather than
// over whole columns: whether the level has the direct kernels and the columns are
// few enough.
func (s *Sequence[T]) Piecewise() bool {
	return s.PieceLen() < s.n
}

// Direct reports whether every recorded call is one a piecewise Run calls directly
// (see Sequence).
func (s *Sequence[T]) Direct() bool { return !s.calls }

// PieceLen returns the length of the pieces Run uses: a multiple of 32 that keeps a
// piece of every distinct column within 12 KiB of L1, or the recorded length where the
// level has no direct kernels or the columns are too many for pieces of 32.
func (s *Sequence[T]) PieceLen() int {
	if s.piece > 0 {
		return s.piece
	}
	s.piece = max(s.n, 1)
	if rawTable[T]() == nil || s.n <= minPiece {
		return s.piece
	}
	s.cols = s.cols[:0]
	for i := range s.slots {
		if c := s.slots[i].col; len(c) > 0 {
			if p := uintptr(unsafe.Pointer(&c[0])); !slices.Contains(s.cols, p) {
				s.cols = append(s.cols, p)
			}
		}
	}
	piece := pieceBytes / (max(len(s.cols), 1) * int(unsafe.Sizeof(T(0))))
	if piece >= minPiece {
		s.piece = min(s.piece, piece&^(minPiece-1))
	}

	return s.piece
}

// Run runs the recorded calls. The recording stays: Run and RunShifted may run it
// again until Reset.
func (s *Sequence[T]) Run() { s.RunShifted(0, s.n) }

// RunShifted runs the recorded calls on every recorded column moved shift elements
// further and cut to n elements: the same computation on the next block of the same
// arrays, without recording it again. The columns declared Scratch or Uniform do not
// move. shift must not be negative, n not more than the recorded length, and every
// moved column must lie within the capacity of the slice recorded for it (a column
// cut from a longer array can move along it); RunShifted panics otherwise.
func (s *Sequence[T]) RunShifted(shift, n int) {
	if shift < 0 || n < 0 || n > s.n {
		panic(fmt.Sprintf("vec.Sequence.RunShifted: shift = %d, n = %d for a sequence of length %d", shift, n, s.n))
	}
	if n == 0 || s.used == 0 {
		return
	}
	piece := s.PieceLen()
	stride := piece + scratchPad/int(unsafe.Sizeof(T(0)))
	piecewise := piece < s.n
	if piecewise {
		if need := stride*len(s.scratch) + minPiece; cap(s.buf) < need {
			s.buf = make([]T, need)
		}
	}
	// The piece buffers start on cache lines: a vector load across two costs more.
	buf := s.buf
	if off := uintptr(unsafe.Pointer(unsafe.SliceData(buf))) % 64; piecewise && off != 0 {
		buf = buf[(64-int(off))/int(unsafe.Sizeof(T(0))):]
	}
	steps := s.steps[:s.used]
	size := unsafe.Sizeof(T(0))
	raw := rawTable[T]()
	for _, st := range steps {
		st.nt = piecewise && st.stream && uintptr(piece)*size%raw.align == 0
	}
	s.moves = s.moves[:0]
	for i := range s.slots {
		sl := &s.slots[i]
		if st := steps[sl.step]; sl.result && st.nt {
			// Streaming stores need every result column to move along the caller's
			// memory, aligned.
			st.nt = len(sl.col) > 0 && sl.scratch < 0 && !sl.uniform &&
				uintptr(unsafe.Pointer(&sl.col[0]))%raw.align == 0 && uintptr(shift)*size%raw.align == 0
		}
		switch {
		case len(sl.col) == 0:
			*sl.view = sl.col
		case sl.scratch >= 0 && piecewise:
			j := int(sl.scratch) * stride
			*sl.view = buf[j : j+piece]
		case sl.uniform && piecewise:
			*sl.view = sl.col[:piece]
		case sl.scratch >= 0 || sl.uniform:
			*sl.view = sl.col[:n]
		default:
			if shift+n > cap(sl.col) {
				panic(fmt.Sprintf("vec.Sequence.RunShifted: shift = %d, n = %d beyond a column of capacity %d", shift, n, cap(sl.col)))
			}
			col := sl.col[shift : shift+n]
			if !piecewise {
				*sl.view = col
				continue
			}
			s.moves = append(s.moves, seqMove[T]{sl.view, unsafe.Pointer(&col[0])})
		}
	}
	if !piecewise {
		for _, st := range steps {
			st.run()
		}
		return
	}
	streams := slices.ContainsFunc(steps, func(st *seqStep[T]) bool { return st.nt })
	// Between pieces only the moving views change, and only their start but for the
	// last piece: stores are what the Go code between the kernels costs most when the
	// results go to memory, as each waits for the results' stores before it.
	for _, mv := range s.moves {
		*mv.view = unsafe.Slice((*T)(mv.base), min(piece, n))
	}
	for lo := 0; lo < n; lo += piece {
		if m := n - lo; m < piece { // the last piece: every view shrinks
			for i := range s.slots {
				if sl := &s.slots[i]; len(sl.col) > 0 {
					*sl.view = (*sl.view)[:m:m] // no view reaches past its column's end
				}
			}
		}
		for i := range s.moves {
			mv := &s.moves[i]
			*(*unsafe.Pointer)(unsafe.Pointer(mv.view)) = unsafe.Add(mv.base, uintptr(lo)*size)
		}
		for _, st := range steps {
			st.run()
		}
	}
	if streams {
		raw.fence()
	}
}

// run runs st on its views.
func (st *seqStep[T]) run() {
	v := &st.views
	switch st.kind {
	case seqRawUnary:
		run := st.rawUnary.asm
		if st.nt {
			run = st.rawUnaryNT
		}
		if run(v[0].V, v[1].V, v[0].D, v[1].D, nil) != 0 {
			st.rawUnary.fix(v[0])
		}
	case seqRawBinary:
		run := st.rawBinary
		if st.nt {
			run = st.rawBinaryNT
		}
		run(v[0].V, v[1].V, v[2].V, v[0].D, v[1].D, v[2].D, nil)
	case seqRawTan:
		run := st.rawUnary.asm
		if st.nt {
			run = st.rawUnaryNT
		}
		if run(v[0].V, v[1].V, v[0].D, v[1].D, nil) != 0 {
			st.fixTan(v[0], v[1].V)
		}
	case seqRawSincos:
		run := st.rawSincos
		if st.nt {
			run = st.rawSincosNT
		}
		if run(v[0].V, v[1].V, v[2].V, v[0].D, v[1].D, v[2].D, nil) != 0 {
			st.fixSincos(v[0], v[1])
		}
	case seqRawTernary:
		run := st.rawTernary
		if st.nt {
			run = st.rawTernaryNT
		}
		run(v[0].V, v[1].V, v[2].V, v[3].V, v[0].D, v[1].D, v[2].D, v[3].D, nil)
	case seqFloat2:
		st.float2(v[0].V, v[1].V, v[2].V)
	case seqFloat1:
		st.float1(v[0].V, v[1].V)
	case seqFloatConst:
		st.floatConst(v[0].V, v[1].V, st.k)
	case seqFloatSincos:
		st.sincos(v[0].V, v[1].V, v[2].V)
	case seqCopy:
		copy(v[0].V, v[1].V)
	case seqUnary:
		st.unary(v[0], v[1])
	case seqBinary:
		st.binary(v[0], v[1], v[2])
	case seqTernary:
		st.ternary(v[0], v[1], v[2], v[3])
	case seqSincos:
		st.dualSc(v[0], v[1], v[2])
	case seqConst:
		st.withConst(v[0], v[1], st.k)
	}
}
