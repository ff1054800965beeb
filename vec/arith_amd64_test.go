//go:build !purego

package vec

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
)

// arithCase is one exact arithmetic kernel and its definition, element by element.
type arithCase[T Float] struct {
	name  string
	arity int
	run   func(k *floatKernels[T], dst []T, in [][]T)
	want  func(in []T) T
}

// exactFMA returns a*b+c rounded once to T, computed exactly with math/big.
func exactFMA[T Float](a, b, c T) T {
	fa, fb, fc := float64(a), float64(b), float64(c)
	if math.IsNaN(fa) || math.IsNaN(fb) || math.IsNaN(fc) || math.IsInf(fa, 0) || math.IsInf(fb, 0) || math.IsInf(fc, 0) {
		return T(math.FMA(fa, fb, fc)) // no rounding question: the IEEE special-value rules apply
	}
	x := new(big.Float).SetPrec(4000).SetFloat64(fa)
	x.Mul(x, new(big.Float).SetPrec(4000).SetFloat64(fb))
	x.Add(x, new(big.Float).SetPrec(4000).SetFloat64(fc))
	if x.Sign() == 0 {
		return T(math.FMA(fa, fb, fc)) // exact zero: math.FMA knows its sign
	}
	var zero T
	if _, ok := any(zero).(float32); ok {
		f, _ := x.Float32()
		return T(f)
	}
	f, _ := x.Float64()
	return T(f)
}

func arithCases[T Float]() []arithCase[T] {
	const c = 0.8125 // a scalar with a short mantissa, exact in both float types
	return []arithCase[T]{
		{"add", 2, func(k *floatKernels[T], d []T, in [][]T) { k.add(d, in[0], in[1]) }, func(in []T) T { return in[0] + in[1] }},
		{"sub", 2, func(k *floatKernels[T], d []T, in [][]T) { k.sub(d, in[0], in[1]) }, func(in []T) T { return in[0] - in[1] }},
		{"mul", 2, func(k *floatKernels[T], d []T, in [][]T) { k.mul(d, in[0], in[1]) }, func(in []T) T { return in[0] * in[1] }},
		{"div", 2, func(k *floatKernels[T], d []T, in [][]T) { k.div(d, in[0], in[1]) }, func(in []T) T { return in[0] / in[1] }},
		{"min", 2, func(k *floatKernels[T], d []T, in [][]T) { k.min(d, in[0], in[1]) }, func(in []T) T { return T(math.Min(float64(in[0]), float64(in[1]))) }},
		{"max", 2, func(k *floatKernels[T], d []T, in [][]T) { k.max(d, in[0], in[1]) }, func(in []T) T { return T(math.Max(float64(in[0]), float64(in[1]))) }},
		{"neg", 1, func(k *floatKernels[T], d []T, in [][]T) { k.neg(d, in[0]) }, func(in []T) T { return -in[0] }},
		{"abs", 1, func(k *floatKernels[T], d []T, in [][]T) { k.abs(d, in[0]) }, func(in []T) T { return T(math.Abs(float64(in[0]))) }},
		{"sqrt", 1, func(k *floatKernels[T], d []T, in [][]T) { k.sqrt(d, in[0]) }, func(in []T) T { return T(math.Sqrt(float64(in[0]))) }},
		{"recip", 1, func(k *floatKernels[T], d []T, in [][]T) { k.recip(d, in[0]) }, func(in []T) T { return 1 / in[0] }},
		{"scale", 1, func(k *floatKernels[T], d []T, in [][]T) { k.scale(d, in[0], c) }, func(in []T) T { return in[0] * c }},
		{"addScalar", 1, func(k *floatKernels[T], d []T, in [][]T) { k.addScalar(d, in[0], c) }, func(in []T) T { return in[0] + c }},
		{"fma", 3, func(k *floatKernels[T], d []T, in [][]T) { k.fma(d, in[0], in[1], in[2]) }, func(in []T) T { return exactFMA(in[0], in[1], in[2]) }},
		{"axpy", 2, func(k *floatKernels[T], d []T, in [][]T) { k.axpy(d, c, in[0], in[1]) }, func(in []T) T { return exactFMA(c, in[0], in[1]) }},
	}
}

// TestArithAsm checks every exact arithmetic kernel of every assembly level bit for bit
// against its definition, for every length 0..maxLen at unaligned starts, with guard
// zones around the output, and in place (dst aliasing the first input).
func TestArithAsm(t *testing.T) {
	for _, l := range asmLevels(t) {
		t.Run(l.name+"/f64", func(t *testing.T) { testArith(t, &l.k.f64, 64) })
		t.Run(l.name+"/f32", func(t *testing.T) { testArith(t, &l.k.f32, 8) })
	}
}

func testArith[T Float](t *testing.T, k *floatKernels[T], expSpan int) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, tc := range arithCases[T]() {
		for n := 0; n <= maxLen; n++ {
			for _, off := range offsets {
				for _, inPlace := range []bool{false, true} {
					what := fmt.Sprintf("%s n=%d off=%d inPlace=%v", tc.name, n, off, inPlace)
					ins := make([]*buffer[T], tc.arity)
					in := make([][]T, tc.arity)
					for j := range ins {
						ins[j] = newBuffer[T](n, (off+j)%4)
						in[j] = ins[j].s()
						fill(r, in[j], expSpan)
					}
					want := make([]T, n)
					args := make([]T, tc.arity)
					for i := range want {
						for j := range in {
							args[j] = in[j][i]
						}
						want[i] = tc.want(args)
					}
					out := newBuffer[T](n, off)
					dst := out.s()
					if inPlace {
						out = ins[0]
						dst = in[0]
					}
					tc.run(k, dst, in)
					out.checkGuards(t, what)
					for i := range want {
						if !sameFloat(dst[i], want[i]) {
							t.Fatalf("%s: element %d: got %v (%#x), want %v (%#x)", what, i, dst[i], bitsOf(dst[i]), want[i], bitsOf(want[i]))
						}
					}
				}
			}
		}
	}
}

// TestReduceAsm checks Sum and Dot of every assembly level against the exact result
// (math/big) within the worst-case rounding bound of recursive summation,
// n*eps*sum|terms|, for every length 0..maxLen and unaligned starts.
func TestReduceAsm(t *testing.T) {
	for _, l := range asmLevels(t) {
		t.Run(l.name+"/f64", func(t *testing.T) { testReduce(t, &l.k.f64, 0x1p-53) })
		t.Run(l.name+"/f32", func(t *testing.T) { testReduce(t, &l.k.f32, 0x1p-24) })
	}
}

func testReduce[T Float](t *testing.T, k *floatKernels[T], eps float64) {
	r := rand.New(rand.NewPCG(3, 4))
	for n := 0; n <= maxLen; n++ {
		for _, off := range offsets {
			x, y := newBuffer[T](n, off).s(), newBuffer[T](n, off+1).s()
			for i := range x {
				x[i] = T(r.NormFloat64())
				y[i] = T(r.NormFloat64())
			}
			for _, op := range []string{"sum", "dot"} {
				exact := new(big.Float).SetPrec(2000)
				abs := 0.0
				var got T
				for i := range x {
					term := new(big.Float).SetFloat64(float64(x[i]))
					if op == "dot" {
						term.Mul(term, new(big.Float).SetFloat64(float64(y[i])))
					}
					exact.Add(exact, term)
					tf, _ := term.Float64()
					abs += math.Abs(tf)
				}
				if op == "sum" {
					got = k.sum(x)
				} else {
					got = k.dot(x, y)
				}
				e, _ := exact.Float64()
				if bound := float64(n+1) * eps * abs; math.Abs(float64(got)-e) > bound {
					t.Fatalf("%s n=%d off=%d: got %v, exact %v, error %g > bound %g", op, n, off, got, e, math.Abs(float64(got)-e), bound)
				}
			}
		}
	}
}

// TestStreamingAsm covers the non-temporal store path of the arithmetic kernels, taken
// for outputs of at least 4 MiB: a masked head up to the aligned address, aligned
// streaming stores and the masked tail, at several misalignments, in place or not.
func TestStreamingAsm(t *testing.T) {
	skipUnderRace(t)
	if testing.Short() {
		t.Skip("large slices")
	}
	for _, l := range asmLevels(t) {
		t.Run(l.name+"/f64", func(t *testing.T) { testStreaming(t, &l.k.f64, 64, 4<<20/8) })
		t.Run(l.name+"/f32", func(t *testing.T) { testStreaming(t, &l.k.f32, 8, 4<<20/4) })
	}
}

func testStreaming[T Float](t *testing.T, k *floatKernels[T], expSpan, minLen int) {
	r := rand.New(rand.NewPCG(9, 10))
	cases := arithCases[T]()
	for _, name := range []string{"add", "neg", "scale", "sqrt"} {
		i := slices.IndexFunc(cases, func(c arithCase[T]) bool { return c.name == name })
		tc := cases[i]
		for _, n := range []int{minLen + 37} {
			for _, off := range []int{0, 3} {
				for _, inPlace := range []bool{false, true} {
					what := fmt.Sprintf("%s n=%d off=%d inPlace=%v", tc.name, n, off, inPlace)
					ins := make([]*buffer[T], tc.arity)
					in := make([][]T, tc.arity)
					for j := range ins {
						ins[j] = newBuffer[T](n, off+j)
						in[j] = ins[j].s()
						fill(r, in[j], expSpan)
					}
					want := make([]T, n)
					args := make([]T, tc.arity)
					for i := range want {
						for j := range in {
							args[j] = in[j][i]
						}
						want[i] = tc.want(args)
					}
					out := newBuffer[T](n, off)
					if inPlace {
						out = ins[0]
					}
					dst := out.s()
					tc.run(k, dst, in)
					out.checkGuards(t, what)
					for i := range want {
						if !sameFloat(dst[i], want[i]) {
							t.Fatalf("%s: element %d: got %v, want %v", what, i, dst[i], want[i])
						}
					}
				}
			}
		}
	}
}
