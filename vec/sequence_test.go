package vec

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"unsafe"
)

// seqCalls are the calls seqProgram makes: a Sequence records them, directCalls runs
// them with the package's functions.
type seqCalls[T Float] interface {
	Mul(dst, a, b []T)
	Sincos(s, c, x []T)
	Copy(dst, src []T)
	DualSin(dst, x Dual[T])
	DualExp(dst, x Dual[T])
	DualTan(dst, x Dual[T])
	DualDiv(dst, a, b Dual[T])
	DualAdd(dst, a, b Dual[T])
	DualPow(dst, a, b Dual[T])
	DualSincos(s, c, x Dual[T])
	DualScale(dst, x Dual[T], c T)
	DualNeg(dst, x Dual[T])
	DualAddScalar(dst, x Dual[T], c T)
}

type directCalls[T Float] struct{}

func (directCalls[T]) Mul(dst, a, b []T)             { Mul(dst, a, b) }
func (directCalls[T]) Sincos(s, c, x []T)            { Sincos(s, c, x) }
func (directCalls[T]) Copy(dst, src []T)             { copy(dst, src) }
func (directCalls[T]) DualSin(dst, x Dual[T])        { DualSin(dst, x) }
func (directCalls[T]) DualExp(dst, x Dual[T])        { DualExp(dst, x) }
func (directCalls[T]) DualTan(dst, x Dual[T])        { DualTan(dst, x) }
func (directCalls[T]) DualDiv(dst, a, b Dual[T])     { DualDiv(dst, a, b) }
func (directCalls[T]) DualAdd(dst, a, b Dual[T])     { DualAdd(dst, a, b) }
func (directCalls[T]) DualPow(dst, a, b Dual[T])     { DualPow(dst, a, b) }
func (directCalls[T]) DualSincos(s, c, x Dual[T])    { DualSincos(s, c, x) }
func (directCalls[T]) DualScale(dst, x Dual[T], c T) { DualScale(dst, x, c) }
func (directCalls[T]) DualNeg(dst, x Dual[T])        { DualNeg(dst, x) }
func (directCalls[T]) DualAddScalar(dst, x Dual[T], c T) {
	DualAddScalar(dst, x, c)
}

// seqColumns are the columns of seqProgram over n points: inputs x and y, the zeros
// and ones of their seeds, temporaries and results.
type seqColumns[T Float] struct {
	x, y, zeros, ones []T
	tmp               [][]T
	out               [][]T
}

func newSeqColumns[T Float](r *rand.Rand, n, outLen int) *seqColumns[T] {
	c := &seqColumns[T]{x: make([]T, n), y: make([]T, n), zeros: make([]T, n), ones: make([]T, n)}
	for i := range n {
		c.x[i] = T(0.1 + 3*r.Float64())
		c.y[i] = T(-4 + 8*r.Float64())
		c.ones[i] = 1
		if i%97 == 5 { // beyond the trig kernels' range: their lanes left to Go
			c.x[i] = T(1e30)
		}
	}
	for range 15 {
		c.tmp = append(c.tmp, make([]T, n))
	}
	for range 9 {
		c.out = append(c.out, make([]T, outLen))
	}
	return c
}

// seqOperands are the operands of seqProgram's calls on some columns.
type seqOperands[T Float] struct {
	c                                    *seqColumns[T]
	out                                  [][]T
	sxy, xy, sx, f, e, xd, p, sc, cc, tn Dual[T]
}

func newSeqOperands[T Float](c *seqColumns[T], out [][]T) *seqOperands[T] {
	t := c.tmp
	return &seqOperands[T]{
		c: c, out: out,
		sxy: Dual[T]{V: t[1], D: [][]T{t[2], t[3]}},
		xy:  Dual[T]{V: t[0], D: [][]T{c.y, c.x}},
		sx:  Dual[T]{V: t[4], D: [][]T{t[5], c.zeros}},
		f:   Dual[T]{V: out[0], D: [][]T{out[1], out[2]}, Stream: true},
		e:   Dual[T]{V: t[6], D: [][]T{t[7], t[8]}},
		xd:  Dual[T]{V: c.x, D: [][]T{c.ones, c.zeros}},
		p:   Dual[T]{V: t[9], D: [][]T{t[10], t[11]}},
		sc:  Dual[T]{V: out[3], D: [][]T{out[4], out[5]}, Stream: true},
		cc:  Dual[T]{V: out[6], D: [][]T{out[7], out[8]}, Stream: true},
		tn:  Dual[T]{V: t[12], D: [][]T{t[13], t[14]}},
	}
}

// seqProgram makes the calls of a small program: sin(xy)/sin(x) with both partials
// as package expr runs it, then exp, tan (in place and not), a power, sums, sincos,
// scales (one by infinity, whose zero tangents stay zero), a negation, an added
// constant and a copy of its results.
func seqProgram[T Float](calls seqCalls[T], o *seqOperands[T]) {
	c := o.c
	calls.Mul(o.xy.V, c.x, c.y)
	calls.DualSin(o.sxy, o.xy)
	calls.Sincos(o.sx.V, o.sx.D[0], c.x)
	calls.DualDiv(o.f, o.sxy, o.sx)
	calls.DualExp(o.e, o.f)
	calls.DualTan(o.e, o.e)
	calls.DualPow(o.p, o.xd, o.e)
	calls.DualAdd(o.p, o.p, o.f)
	calls.DualSincos(o.sc, o.cc, o.p)
	calls.DualTan(o.tn, o.xd) // not in place, lanes beyond the kernel's range
	calls.DualAdd(o.cc, o.cc, o.tn)
	calls.DualScale(o.sc, o.sc, 3)
	calls.DualNeg(o.cc, o.cc)
	calls.DualAddScalar(o.sc, o.sc, -0.5)
	calls.DualScale(o.f, o.f, T(math.Inf(1)))
	calls.Copy(o.out[0], o.out[3])
}

// TestSequenceMatchesCalls checks that a Sequence gives the bits of the same calls
// over whole columns, run in shifted blocks of a longer batch, on every level.
func TestSequenceMatchesCalls(t *testing.T) {
	orig := Level()
	defer func() { _ = SetLevel(orig) }()
	for _, level := range Levels() {
		if err := SetLevel(level); err != nil {
			t.Fatal(err)
		}
		t.Run(level+"/float64", func(t *testing.T) { testSequenceMatches[float64](t) })
		t.Run(level+"/float32", func(t *testing.T) { testSequenceMatches[float32](t) })
	}
}

func testSequenceMatches[T Float](t *testing.T) {
	const n, block = 2000, 320 // blocks of several pieces and a short last one
	r := rand.New(rand.NewPCG(1, 2))
	c := newSeqColumns[T](r, n, n)
	want := make([][]T, len(c.out))
	for i := range want {
		want[i] = make([]T, n)
	}
	seqProgram[T](directCalls[T]{}, newSeqOperands(c, want))

	// The sequence records the first block of every moving column and declares the
	// temporaries scratch, as package expr does.
	var s Sequence[T]
	cut := func(col []T) []T { return col[:block] }
	rec := &seqColumns[T]{x: cut(c.x), y: cut(c.y), zeros: cut(c.zeros), ones: cut(c.ones)}
	for range c.tmp { // fresh columns, which a piecewise run must not touch
		rec.tmp = append(rec.tmp, make([]T, block))
	}
	got := make([][]T, len(c.out))
	for i := range got {
		got[i] = make([]T, n)
		rec.out = append(rec.out, got[i][:block])
	}
	s.Scratch(rec.tmp...)
	s.Uniform(rec.zeros, rec.ones)
	seqProgram[T](&s, newSeqOperands(rec, rec.out))
	if want := Level() != levelGeneric && Level() != "neon"; s.Piecewise() != want {
		t.Fatalf("Piecewise() = %v on level %s", s.Piecewise(), Level())
	}
	if tan := s.steps[9]; s.Piecewise() && tan.kind != seqRawTan {
		t.Fatalf("the tan not in place records kind %d, not its fused kernel", tan.kind)
	}
	for lo := 0; lo < n; lo += block {
		s.RunShifted(lo, min(block, n-lo))
		// The division and the sincos stream their results where the level has
		// streaming kernels and the columns are aligned.
		if div, sc := s.steps[3], s.steps[8]; s.Piecewise() && (!div.nt || !sc.nt) && aligned(got[0][lo:]) {
			t.Fatalf("block at %d: the division and sincos streamed: %v, %v", lo, div.nt, sc.nt)
		}
	}
	for k := range want {
		for i := range want[k] {
			if math.Float64bits(float64(got[k][i])) != math.Float64bits(float64(want[k][i])) && !(got[k][i] != got[k][i] && want[k][i] != want[k][i]) {
				t.Fatalf("column %d, point %d (x = %v, y = %v): %v, the calls gave %v", k, i, c.x[i], c.y[i], got[k][i], want[k][i])
			}
		}
	}
	if s.Piecewise() { // scratch columns stay in the sequence's buffers
		for i, v := range rec.tmp[0] {
			if v != 0 {
				t.Fatalf("scratch column written at %d: %v", i, v)
			}
		}
	}
}

// TestSequenceReuse checks that recording the same calls again after Reset allocates
// nothing, and that a run after Reset does nothing.
func TestSequenceReuse(t *testing.T) {
	const n = 500
	c := newSeqColumns[float64](rand.New(rand.NewPCG(3, 4)), n, n)
	o := newSeqOperands(c, c.out)
	var s Sequence[float64]
	record := func() {
		s.Reset()
		s.Scratch(c.tmp...)
		s.Uniform(c.zeros, c.ones)
		seqProgram[float64](&s, o)
	}
	record()
	s.Run()
	if allocs := testing.AllocsPerRun(10, func() { record(); s.Run() }); allocs != 0 && !raceEnabled {
		t.Errorf("recording again and running allocates %v times", allocs)
	}
	if s.Len() != 16 {
		t.Errorf("Len() = %d, want 16", s.Len())
	}
	s.Reset()
	s.Run()
	if s.Len() != 0 {
		t.Errorf("Len() = %d after Reset", s.Len())
	}
}

// TestSequencePanics checks the messages of the programmer errors a Sequence reports.
func TestSequencePanics(t *testing.T) {
	a, b := make([]float64, 100), make([]float64, 90)
	for _, tc := range []struct {
		name, want string
		f          func()
	}{
		{"length", "len(the sequence's columns)=100, len(dst)=90", func() {
			var s Sequence[float64]
			s.Mul(a, a, a)
			s.Mul(b, b, b)
		}},
		{"operands", "len(dst)=100, len(b)=90", func() {
			var s Sequence[float64]
			s.Mul(a, a, b)
		}},
		{"shift", "shift = 5, n = 100 beyond a column of capacity 100", func() {
			var s Sequence[float64]
			s.Mul(a, a, a)
			s.RunShifted(5, 100)
		}},
		{"long", "shift = 0, n = 101 for a sequence of length 100", func() {
			var s Sequence[float64]
			s.Mul(a, a, a)
			s.RunShifted(0, 101)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				msg, _ := recover().(string)
				if !strings.Contains(msg, tc.want) {
					t.Errorf("panic %q, want it to contain %q", msg, tc.want)
				}
			}()
			tc.f()
		})
	}
}

// TestSequenceNaN checks that NaN inputs stay NaN through a piecewise run.
func TestSequenceNaN(t *testing.T) {
	x := make([]float64, 300)
	x[7] = math.NaN()
	dst := make([]float64, 300)
	var s Sequence[float64]
	s.Mul(dst, x, x)
	s.Run()
	if !math.IsNaN(dst[7]) || dst[8] != 0 {
		t.Errorf("dst[7], dst[8] = %v, %v", dst[7], dst[8])
	}
}

// aligned reports whether every result column starts on a 64-byte boundary.
func aligned[T Float](col []T) bool { return uintptr(unsafe.Pointer(&col[0]))%64 == 0 }
