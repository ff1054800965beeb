package vec

// Run-time dispatch between kernel levels.
//
// Contract for per-architecture levels (vec/impl_amd64.go, vec/impl_arm64.go):
//
//   - A level is a *kernels value: one floatKernels table per float type (k.f64, k.f32),
//     each with one func field per kernel (k.f64.sin, k.f32.add, k.f64.dualSin, ...).
//     Fill only the fields you implement; nil fields fall back to the generic level.
//     Dual fields left nil are built from the level's own float kernels and tangent
//     loops (scaleTangent, combineTangents), so a level that only provides
//     k.f64.sincos and the tangent loops still gets a fast DualSin.
//   - Call register(name, available, k) from an init function in a file built with
//     `//go:build !purego`. name is one of "avx2", "avx512", "neon"; available is the
//     result of CPU feature detection (github.com/klauspost/cpuid/v2) on exactly the
//     features the code uses. register panics if called after the first kernel call.
//   - Kernels receive slices whose lengths the public API has already checked to be
//     equal (no bounds or length checks needed). dst may be the same slice as an input
//     (same start, same length); partial overlaps are not supported. Lengths are
//     arbitrary (0 included) and starts are not aligned.
//   - Semantics to match bit for bit: arithmetic is IEEE 754 exact; fma and axpy are
//     fused (one rounding); min and max follow math.Min and math.Max (-Inf, for max
//     +Inf, wins even over NaN; otherwise NaN wins; -0 < +0). sum and dot may add in
//     any order.
//   - Transcendental kernels must give the special values of Go's math package and
//     stay within 1 ULP of the correctly rounded result; the tests compare every level
//     with generic (within 2 ULP) and with the mpmath reference (within 1 ULP).
//
// Selection happens lazily on first use: the highest available level, or the one named
// by the environment variable DUALGRAD_VEC if that is known and available (otherwise a
// one-line warning goes to stderr and the default stays). SetLevel switches in-process.

import (
	"fmt"
	"os"
	"reflect"
	"slices"
	"sync"
	"sync/atomic"
	"unsafe"
)

// Level names.
const (
	levelGeneric = "generic"
	levelAVX2    = "avx2"
	levelAVX512  = "avx512"
	levelNEON    = "neon"
)

// levelRank orders levels from lowest to highest; the highest available one is the default.
var levelRank = map[string]int{levelGeneric: 0, levelNEON: 1, levelAVX2: 1, levelAVX512: 2}

// envLevel is the environment variable that forces a level.
const envLevel = "DUALGRAD_VEC"

// floatKernels holds every kernel for one float type. See the contract above.
type floatKernels[T Float] struct {
	// Arithmetic, exact as IEEE 754.
	add, sub, mul, div, min, max func(dst, a, b []T)
	neg, sqrt, recip, abs        func(dst, x []T)
	scale, addScalar             func(dst, x []T, c T)
	fma                          func(dst, a, b, c []T)
	axpy                         func(dst []T, a T, x, y []T)

	// Transcendental, within 1 ULP.
	exp, exp2, expm1, log, log2, log10, log1p func(dst, x []T)
	sin, cos, tan, asin, acos, atan           func(dst, x []T)
	sinh, cosh, tanh, cbrt, erf               func(dst, x []T)
	sincos                                    func(s, c, x []T)
	atan2                                     func(dst, y, x []T)
	pow                                       func(dst, x, y []T)

	// Reductions.
	sum func(x []T) T
	dot func(x, y []T) T

	// Hints, which change no values.
	prefetch func(x []T)

	// Dual (structure of arrays) kernels: value column and tangent columns in one pass.
	dualAdd, dualSub, dualMul, dualDiv, dualMin, dualMax func(dst, a, b Dual[T])
	dualAtan2, dualPow                                   func(dst, a, b Dual[T])
	dualNeg, dualSqrt, dualRecip, dualAbs                func(dst, x Dual[T])
	dualExp, dualExp2, dualExpm1                         func(dst, x Dual[T])
	dualLog, dualLog2, dualLog10, dualLog1p              func(dst, x Dual[T])
	dualSin, dualCos, dualTan                            func(dst, x Dual[T])
	dualAsin, dualAcos, dualAtan                         func(dst, x Dual[T])
	dualSinh, dualCosh, dualTanh, dualCbrt, dualErf      func(dst, x Dual[T])
	dualSincos                                           func(s, c, x Dual[T])
	dualScale, dualAddScalar                             func(dst, x Dual[T], c T)
	dualFMA                                              func(dst, a, b, c Dual[T])
	dualAxpy                                             func(dst Dual[T], a T, x, y Dual[T])

	// dualDivAlt is the fused division of the form this processor does not run (see
	// fastDivider), for the tests to check with the rest; where a level has only one
	// division it is the composed one.
	dualDivAlt func(dst, a, b Dual[T])

	// Tangent loops shared by the dual kernels built from float kernels (see
	// generic_dual.go): scaleTangent sets dst = tan == 0 ? 0 : d*tan, and
	// combineTangents sets dst = da*ta + db*tb with each term NaN-safe that way.
	scaleTangent    func(dst, d, tan []T)
	combineTangents func(dst, da, ta, db, tb []T)

	// Inverse hyperbolic functions (within 1 ULP) and their dual kernels.
	asinh, acosh, atanh             func(dst, x []T)
	dualAsinh, dualAcosh, dualAtanh func(dst, x Dual[T])

	// Hypotenuse sqrt(x² + y²) without overflow (within 1 ULP) and its dual kernel.
	hypot     func(dst, x, y []T)
	dualHypot func(dst, x, y Dual[T])
}

// kernels is one level: a table per float type.
type kernels struct {
	f64 floatKernels[float64]
	f32 floatKernels[float32]

	// The fused dual kernels, for a Sequence to call directly; nil on levels without.
	raw64 *rawKernels[float64]
	raw32 *rawKernels[float32]
}

// level is a registered kernel level.
type level struct {
	name      string
	available bool
	k         *kernels
}

var (
	registry   []level               // every registered level, generic first
	active     atomic.Pointer[level] // level in use; nil until first use
	selectOnce sync.Once             // guards the lazy default selection
	warnOutput = os.Stderr           // where a rejected DUALGRAD_VEC is reported
	selected   atomic.Bool           // set once selection ran; register after that panics
)

func init() {
	register(levelGeneric, true, genericKernels())
}

// register adds a level. Nil fields of k are completed from the generic level (float
// kernels) and from k's own float kernels (dual kernels). It must run from an init
// function, before any kernel is called.
func register(name string, available bool, k *kernels) {
	if selected.Load() {
		panic(fmt.Sprintf("vec: register(%q) after the first kernel call", name))
	}
	if _, ok := levelRank[name]; !ok {
		panic(fmt.Sprintf("vec: register(%q): unknown level name", name))
	}
	if name != levelGeneric {
		g := genericKernels()
		fillNil(&k.f64, &g.f64)
		fillNil(&k.f32, &g.f32)
	}
	fillNil(&k.f64, dualKernels(&k.f64))
	fillNil(&k.f32, dualKernels(&k.f32))
	registry = append(registry, level{name: name, available: available, k: k})
}

// fillNil copies every nil func field of dst from src.
func fillNil[T Float](dst, src *floatKernels[T]) {
	d := reflect.ValueOf(dst).Elem()
	s := reflect.ValueOf(src).Elem()
	for i := range d.NumField() {
		f := d.Field(i)
		if f.IsNil() {
			// The fields are unexported, so reach them through their addresses.
			reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Set(
				reflect.NewAt(f.Type(), unsafe.Pointer(s.Field(i).UnsafeAddr())).Elem())
		}
	}
}

// selectDefault picks the highest available level, or the one DUALGRAD_VEC names.
func selectDefault() {
	selected.Store(true)
	want, _ := os.LookupEnv(envLevel)
	choice, warning := chooseLevel(Levels(), want)
	if warning != "" {
		fmt.Fprintln(warnOutput, warning)
	}
	for i := range registry {
		if registry[i].name == choice {
			active.Store(&registry[i])
		}
	}
}

// chooseLevel returns the level to use given the available ones (lowest first) and the
// value of DUALGRAD_VEC, and a warning when that value cannot be honoured.
func chooseLevel(avail []string, want string) (choice, warning string) {
	best := avail[len(avail)-1]
	switch {
	case want == "":
		return best, ""
	case slices.Contains(avail, want):
		return want, ""
	case levelRank[want] == 0 && want != levelGeneric:
		return best, fmt.Sprintf("vec: %s=%q is not a level (generic, avx2, avx512, neon); using %q", envLevel, want, best)
	}
	return best, fmt.Sprintf("vec: %s=%q is not available on this CPU (available: %v); using %q", envLevel, want, avail, best)
}

// current returns the level in use, selecting the default on first use.
func current() *level {
	if l := active.Load(); l != nil {
		return l
	}
	selectOnce.Do(selectDefault)
	return active.Load()
}

// table returns the active kernels for T. Types whose underlying type is float64
// (or float32) share the float64 (float32) table: their func signatures have the same
// memory layout and calling convention.
func table[T Float]() *floatKernels[T] {
	k := current().k
	var zero T
	if unsafe.Sizeof(zero) == 8 {
		return (*floatKernels[T])(unsafe.Pointer(&k.f64))
	}
	return (*floatKernels[T])(unsafe.Pointer(&k.f32))
}

// Level reports the kernel level in use: "generic", "avx2", "avx512" or "neon".
func Level() string {
	return current().name
}

// Levels lists the levels this CPU can run, lowest first; "generic" is always first.
func Levels() []string {
	var names []string
	for _, l := range registry {
		if l.available {
			names = append(names, l.name)
		}
	}
	slices.SortStableFunc(names, func(a, b string) int { return levelRank[a] - levelRank[b] })
	return names
}

// SetLevel switches the kernel level in use for the whole process. It returns an error
// if the name is unknown or the CPU cannot run that level. It is meant for tests and
// benchmarks and must not run concurrently with kernel calls that expect one level.
func SetLevel(name string) error {
	current() // make sure the default selection has run and cannot overwrite this one
	for i := range registry {
		if registry[i].name == name {
			if !registry[i].available {
				return fmt.Errorf("vec: level %q is not available on this CPU (available: %v)", name, Levels())
			}
			active.Store(&registry[i])
			return nil
		}
	}
	return fmt.Errorf("vec: unknown level %q (available: %v)", name, Levels())
}
