// Package vec provides elementwise kernels over float slices and over batches of dual
// numbers stored as structure of arrays, with run-time selection between a pure-Go
// generic level and SIMD assembly levels.
//
// Every kernel writes its result into dst, which comes first and may be the same slice
// as an input. Slices must have equal lengths; a mismatch is a programmer error and
// panics with a message naming both lengths. Arithmetic kernels are exact as IEEE 754;
// transcendental kernels are within 1 ULP of the correctly rounded result and give the
// special values Go's math package defines.
//
// # Levels
//
// The level in use is reported by [Level]; the environment variable DUALGRAD_VEC
// (generic, avx2, avx512, neon) forces one, and [SetLevel] switches in-process. The
// build tag purego removes all assembly. The generic level is pure Go, runs on every
// GOARCH and is the oracle the other levels are tested against.
//
// # Accuracy
//
// The generic float64 algorithms (package internal/libm, shared with dual's values)
// reduce the argument exactly or in double-double (Cody-Waite with FMA, Payne-Hanek
// for |x| >= 2^20 in sin, cos and tan), evaluate polynomials fitted with mpmath
// (internal/libm/testdata/coeffs.py) and carry the leading terms in double-double, so that only the final addition rounds: on the mpmath
// reference set (testdata/gen_ref.py) every function stays below 0.7 ULP. The generic
// float32 kernels evaluate the float64 algorithm and round once. The amd64 assembly
// computes float32 exp, exp2, expm1, log, log2, log10, log1p, sin, cos, sincos, tan,
// erf, cbrt, hypot, the inverse trigonometric functions and the hyperbolic functions
// and their inverses in float32 lanes, twice as many per instruction, with
// polynomials fitted for float32: swept over every float32 input, they stay below
// 0.95 ULP (exp2 0.87, exp 0.88, tan 0.81, erf 0.75, log 0.64, log2 0.72, log10 0.67);
// hypot is within 0.75 ULP. Float32 pow handles its special cases and splits x in
// float32 lanes around a float64 log and exp (0.55 ULP over 84 million pairs).
//
// Go's math package is less accurate in places (sin, cos and tan beyond 2^29; on
// amd64, log of subnormal numbers and exp above 709.43), so results there can differ
// from math's by more than an ULP; the big-float references show vec's to be the
// right ones.
//
// # Dual numbers
//
// The Dual* kernels take a batch of dual numbers stored as structure of arrays ([Dual])
// and compute values and every tangent column in one pass, the local derivative
// computed once per element. They are what batched forward-mode differentiation (JVPs)
// is built on. Where a function has no derivative they follow package dual's
// conventions (min and max split a tie evenly, pow's masks, atan2's 0 at the origin),
// and a zero tangent stays zero even against an infinite derivative.
//
// # Sequences
//
// A computation of several calls over long columns passes its intermediate columns
// through L2 or memory when each call runs over the whole columns. A [Sequence]
// records the calls once and runs them piece by piece instead (every call on a
// hundred-odd elements, then the next piece), its scratch columns held in L1, the
// fused kernels called without the package's per-call checks, and results marked
// [Dual].Stream written around the cache. Package expr runs its batches so.
package vec

import "golang.org/x/exp/constraints"

// Float is the set of element types the kernels accept: float32 and float64 (and types
// whose underlying type is one of them).
type Float = constraints.Float

// Dual is a batch of dual numbers stored as structure of arrays: V holds the values and
// each D[k] holds the k-th tangent (partial derivative) of every element. Every column
// has the same length as V. The caller owns all buffers; kernels never allocate.
//
// Dual kernels follow the conventions of package dual: a zero tangent stays exactly
// zero even where the local derivative is infinite or NaN (NaN-safe), abs'(0) = 0,
// sqrt'(0) = +Inf, and min/max split a tie evenly (0.5 to each side).
type Dual[T Float] struct {
	V []T   // values
	D [][]T // tangent columns, each len(V)

	// Stream, set on a destination, hints that its columns will not be read again
	// soon (the final results of a large batch): kernels may then write them with
	// non-temporal stores, which bypass the cache and skip reading the old contents
	// first. Results are the same either way. Set it only for data much larger than
	// the caches: streamed data that is read back comes from memory.
	Stream bool

	// Ahead, set on a destination, is memory for the kernel to request from the
	// processor a few cache lines at a time while it computes (see Prefetcher).
	Ahead *Prefetcher
}

// Len returns the number of dual numbers in the batch.
func (d Dual[T]) Len() int { return len(d.V) }

// Tangents returns the number of tangent columns.
func (d Dual[T]) Tangents() int { return len(d.D) }

// NewDual allocates a batch of n dual numbers with the given number of tangent columns,
// all zero.
func NewDual[T Float](n, tangents int) Dual[T] {
	d := Dual[T]{V: make([]T, n), D: make([][]T, tangents)}
	for k := range d.D {
		d.D[k] = make([]T, n)
	}
	return d
}
