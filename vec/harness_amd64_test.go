//go:build !purego

package vec

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/klauspost/cpuid/v2"
)

// asmLevel is one assembly level this CPU can run, with its kernel table as built by
// impl_amd64.go (before register completes the nil fields).
type asmLevel struct {
	name string
	k    *kernels
}

// asmLevels returns the assembly levels the CPU supports; the test is skipped (with a
// log line) for levels it does not.
func asmLevels(t *testing.T) []asmLevel {
	var out []asmLevel
	if cpuid.CPU.Supports(avx2Features...) {
		out = append(out, asmLevel{levelAVX2, avx2Kernels()})
	} else {
		t.Logf("CPU lacks avx2 features; avx2 kernels not tested")
	}
	if cpuid.CPU.Supports(avx512Features...) {
		out = append(out, asmLevel{levelAVX512, avx512Kernels()})
	} else {
		t.Logf("CPU lacks avx512 features; avx512 kernels not tested")
	}
	return out
}

// maxLen is the longest slice the harness tries: every length 0..maxLen covers the
// unrolled loop, the one-vector loop and every tail length on both levels.
const maxLen = 260

// offsets are slice starts within the backing array, so unaligned starts are covered.
var offsets = []int{0, 1, 3}

// guard is the number of sentinel elements on each side of every output slice.
const guard = 17

// sentinel fills the guard zones; kernels must never write there.
var sentinel = math.Float64frombits(0x7ff4dead0000beef) // a signalling-NaN pattern nothing computes

// special64 are inputs every kernel must handle exactly as Go's math does.
var special64 = []float64{
	0, math.Copysign(0, -1), 1, -1, 0.5, -0.5, 2, math.Inf(1), math.Inf(-1), math.NaN(),
	math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64,
	0x1p-1022, -0x1p-1022, 0x1.fffffffffffffp-1023, 1e-300, 1e300, 3, -7.25,
}

// randFloat64 draws a value with a random sign and exponent spread over [-expSpan, expSpan],
// or (one time in eight) a special value.
func randFloat64(r *rand.Rand, expSpan int) float64 {
	if r.IntN(8) == 0 {
		return special64[r.IntN(len(special64))]
	}
	v := math.Ldexp(1+r.Float64(), r.IntN(2*expSpan+1)-expSpan)
	if r.IntN(2) == 0 {
		v = -v
	}
	return v
}

// buffer is a slice of n elements at offset off inside a larger array with sentinel
// guard zones before and after it.
type buffer[T Float] struct {
	all []T
	off int
	n   int
}

func newBuffer[T Float](n, off int) *buffer[T] {
	b := &buffer[T]{all: make([]T, off+n+2*guard), off: off + guard, n: n}
	for i := range b.all {
		b.all[i] = T(sentinel)
	}
	return b
}

// s returns the slice under test.
func (b *buffer[T]) s() []T { return b.all[b.off : b.off+b.n] }

// checkGuards fails the test if anything outside the slice changed.
func (b *buffer[T]) checkGuards(t *testing.T, what string) {
	t.Helper()
	want := T(sentinel)
	for i, v := range b.all {
		if i >= b.off && i < b.off+b.n {
			continue
		}
		if bitsOf(v) != bitsOf(want) {
			t.Fatalf("%s: wrote outside the slice at index %d (slice is [%d, %d))", what, i, b.off, b.off+b.n)
		}
	}
}

// bitsOf returns the IEEE bits of v widened to 64 bits, for exact comparison.
func bitsOf[T Float](v T) uint64 {
	if x, ok := any(v).(float32); ok {
		return uint64(math.Float32bits(x))
	}
	return math.Float64bits(float64(v))
}

// sameFloat reports whether got and want are the same value: equal bits, or both NaN.
func sameFloat[T Float](got, want T) bool {
	if got != got && want != want {
		return true
	}
	return bitsOf(got) == bitsOf(want)
}

// fill writes random values (see randFloat64) into s, rounded to T.
func fill[T Float](r *rand.Rand, s []T, expSpan int) {
	for i := range s {
		s[i] = T(randFloat64(r, expSpan))
	}
}
