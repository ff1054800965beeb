package vec

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// crossKernel is a float kernel called through the public API with dst first and
// arity input slices.
type crossKernel[T Float] struct {
	name  string
	arity int
	exact bool // IEEE-exact: every level must match generic bit for bit
	run   func(dst []T, in [][]T)
}

func crossKernels[T Float]() []crossKernel[T] {
	u := func(name string, exact bool, f func(dst, x []T)) crossKernel[T] {
		return crossKernel[T]{name, 1, exact, func(d []T, in [][]T) { f(d, in[0]) }}
	}
	b := func(name string, exact bool, f func(dst, x, y []T)) crossKernel[T] {
		return crossKernel[T]{name, 2, exact, func(d []T, in [][]T) { f(d, in[0], in[1]) }}
	}
	return []crossKernel[T]{
		b("Add", true, Add[T]), b("Sub", true, Sub[T]), b("Mul", true, Mul[T]), b("Div", true, Div[T]),
		b("Min", true, Min[T]), b("Max", true, Max[T]),
		u("Neg", true, Neg[T]), u("Sqrt", true, Sqrt[T]), u("Recip", true, Recip[T]), u("Abs", true, Abs[T]),
		u("Scale", true, func(d, x []T) { Scale(d, x, -2.5) }),
		u("AddScalar", true, func(d, x []T) { AddScalar(d, x, 1.75) }),
		{"FMA", 3, true, func(d []T, in [][]T) { FMA(d, in[0], in[1], in[2]) }},
		b("Axpy", true, func(d, x, y []T) { Axpy(d, 0.375, x, y) }),
		u("Exp", false, Exp[T]), u("Exp2", false, Exp2[T]), u("Expm1", false, Expm1[T]),
		u("Log", false, Log[T]), u("Log2", false, Log2[T]), u("Log10", false, Log10[T]), u("Log1p", false, Log1p[T]),
		u("Sin", false, Sin[T]), u("Cos", false, Cos[T]), u("Tan", false, Tan[T]),
		u("Sincos.s", false, func(d, x []T) { Sincos(d, make([]T, len(d)), x) }),
		u("Sincos.c", false, func(d, x []T) { Sincos(make([]T, len(d)), d, x) }),
		u("Asin", false, Asin[T]), u("Acos", false, Acos[T]), u("Atan", false, Atan[T]),
		u("Sinh", false, Sinh[T]), u("Cosh", false, Cosh[T]), u("Tanh", false, Tanh[T]),
		u("Cbrt", false, Cbrt[T]), u("Erf", false, Erf[T]),
		u("Asinh", false, Asinh[T]), u("Acosh", false, Acosh[T]), u("Atanh", false, Atanh[T]),
		b("Atan2", false, Atan2[T]), b("Pow", false, Pow[T]), b("Hypot", false, Hypot[T]),
	}
}

const (
	crossMaxLen = 260 // covers every SIMD width, its tails, and the 256-element chunks
	crossGuard  = 9   // guard elements on each side of dst that no kernel may touch
)

// crossOffsets are the starting offsets of the slices, so that loads and stores are
// unaligned.
var crossOffsets = []int{0, 1, 3}

// TestCrossLevel compares every level with generic, for every length 0..260, unaligned
// starts, dst aliasing the first input, and checks that nothing outside dst is written.
func TestCrossLevel(t *testing.T) {
	t.Run("float64", func(t *testing.T) { testCrossLevel[float64](t, 53) })
	t.Run("float32", func(t *testing.T) { testCrossLevel[float32](t, 24) })
}

func testCrossLevel[T Float](t *testing.T, mantBits int) {
	r := rand.New(rand.NewPCG(1, 2))
	inputs := make([][]T, 3)
	for i := range inputs {
		for _, v := range crossLevelInputs(r, crossMaxLen+8) {
			inputs[i] = append(inputs[i], T(v))
		}
	}
	orig := Level()
	defer func() { _ = SetLevel(orig) }()
	for _, k := range crossKernels[T]() {
		// Generic results over the whole input; kernels are elementwise.
		if err := SetLevel(levelGeneric); err != nil {
			t.Fatal(err)
		}
		want := make([]T, crossMaxLen+8)
		k.run(want, inputs[:k.arity])
		for _, level := range Levels() {
			if err := SetLevel(level); err != nil {
				t.Fatal(err)
			}
			if err := crossCheck(k, inputs, want, mantBits); err != nil {
				t.Errorf("%s %T level %s: %v", k.name, want[0], level, err)
			}
		}
	}
}

// crossCheck runs k at every length and offset and compares with want.
func crossCheck[T Float](k crossKernel[T], inputs [][]T, want []T, mantBits int) error {
	sentinel := T(math.Float64frombits(0x7ff4dead0000beef))
	buf := make([]T, crossMaxLen+8+2*crossGuard)
	for n := 0; n <= crossMaxLen; n++ {
		for _, off := range crossOffsets {
			for _, alias := range []bool{false, true} {
				for i := range buf {
					buf[i] = sentinel
				}
				dst := buf[crossGuard+off : crossGuard+off+n]
				in := make([][]T, k.arity)
				for j := range in {
					in[j] = inputs[j][off : off+n]
				}
				if alias { // dst is the same slice as the first input
					copy(dst, in[0])
					in[0] = dst
				}
				k.run(dst, in)
				for i, v := range dst {
					if !agree(float64(v), float64(want[off+i]), k.exact, 2, mantBits) {
						return fmt.Errorf("n=%d off=%d alias=%v: element %d: got %v, generic %v (input %v)",
							n, off, alias, i, v, want[off+i], inputs[0][off+i])
					}
				}
				for i, v := range buf {
					if (i < crossGuard+off || i >= crossGuard+off+n) && math.Float64bits(float64(v)) != math.Float64bits(float64(sentinel)) {
						return fmt.Errorf("n=%d off=%d alias=%v: wrote outside dst at buffer index %d", n, off, alias, i)
					}
				}
			}
		}
	}
	return nil
}

// TestCrossLevelReductions compares Sum and Dot of every level with an exact
// float64 (for float32) or compensated sum, within a bound that any summation order
// meets.
func TestCrossLevelReductions(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	x := make([]float64, crossMaxLen+3)
	y := make([]float64, crossMaxLen+3)
	for i := range x {
		x[i], y[i] = r.Float64()*2-1, r.Float64()*2-1
	}
	forEachLevel(t, func(t *testing.T) {
		for n := 0; n <= crossMaxLen; n++ {
			for _, off := range crossOffsets {
				xs, ys := x[off:off+n], y[off:off+n]
				sum, sumAbs := 0.0, 0.0
				dot, dotAbs := 0.0, 0.0
				for i := range xs {
					sum += xs[i]
					sumAbs += math.Abs(xs[i])
					dot += xs[i] * ys[i]
					dotAbs += math.Abs(xs[i] * ys[i])
				}
				// |error| <= n eps sum|x_i| for any order; the float64 reference adds
				// its own n eps64 term.
				bound := func(abs float64, eps float64) float64 { return 2*float64(n+1)*eps*abs + 1e-300 }
				if got := Sum(xs); math.Abs(got-sum) > bound(sumAbs, 0x1p-53) {
					t.Errorf("Sum float64 n=%d off=%d: got %v, want %v", n, off, got, sum)
				}
				if got := Dot(xs, ys); math.Abs(got-dot) > bound(dotAbs, 0x1p-53) {
					t.Errorf("Dot float64 n=%d off=%d: got %v, want %v", n, off, got, dot)
				}
				x32, y32 := make([]float32, n), make([]float32, n)
				s32, d32, a32, b32 := 0.0, 0.0, 0.0, 0.0
				for i := range xs {
					x32[i], y32[i] = float32(xs[i]), float32(ys[i])
					s32 += float64(x32[i])
					a32 += math.Abs(float64(x32[i]))
					d32 += float64(x32[i]) * float64(y32[i])
					b32 += math.Abs(float64(x32[i]) * float64(y32[i]))
				}
				if got := Sum(x32); math.Abs(float64(got)-s32) > bound(a32, 0x1p-24) {
					t.Errorf("Sum float32 n=%d off=%d: got %v, want %v", n, off, got, s32)
				}
				if got := Dot(x32, y32); math.Abs(float64(got)-d32) > bound(b32, 0x1p-24) {
					t.Errorf("Dot float32 n=%d off=%d: got %v, want %v", n, off, got, d32)
				}
			}
		}
	})
}

// TestCrossLevelDual compares every level's dual kernels with generic's for every
// length 0..260: values and tangents within 2 ULP of each other (tangents with a small
// absolute slack, since they combine several rounded terms).
func TestCrossLevelDual(t *testing.T) {
	r := rand.New(rand.NewPCG(19, 20))
	const tangents = 2
	orig := Level()
	defer func() { _ = SetLevel(orig) }()
	check := func(name string, run func(dst Dual[float64], n int)) {
		if err := SetLevel(levelGeneric); err != nil {
			t.Fatal(err)
		}
		want := NewDual[float64](crossMaxLen, tangents)
		run(want, crossMaxLen)
		for _, level := range Levels()[1:] {
			if err := SetLevel(level); err != nil {
				t.Fatal(err)
			}
			for n := 0; n <= crossMaxLen; n++ {
				got := NewDual[float64](n, tangents)
				run(got, n)
				for i := range n {
					ok := agree(got.V[i], want.V[i], false, 2, 53)
					for k := range tangents {
						g, w := got.D[k][i], want.D[k][i]
						ok = ok && (agree(g, w, false, 4, 53) || math.Abs(g-w) <= 1e-14*(math.Abs(w)+1))
					}
					if !ok {
						t.Errorf("%s level %s n=%d element %d: got %v %v, generic %v %v", name, level, n, i,
							got.V[i], [2]float64{got.D[0][i], got.D[1][i]}, want.V[i], [2]float64{want.D[0][i], want.D[1][i]})
						return
					}
				}
			}
		}
	}
	for _, c := range dualUnaryCases {
		x := randomDual(r, crossMaxLen, tangents, c.lo, c.hi)
		check("Dual"+c.name, func(dst Dual[float64], n int) { c.dual(dst, sliceDual(x, n)) })
	}
	for _, c := range dualBinaryCases {
		a, b := randomDual(r, crossMaxLen, tangents, c.lo, c.hi), randomDual(r, crossMaxLen, tangents, c.lo, c.hi)
		check("Dual"+c.name, func(dst Dual[float64], n int) { c.dual(dst, sliceDual(a, n), sliceDual(b, n)) })
	}
}

// sliceDual returns the first n elements of a batch.
func sliceDual(d Dual[float64], n int) Dual[float64] {
	s := Dual[float64]{V: d.V[:n], D: make([][]float64, len(d.D))}
	for k := range d.D {
		s.D[k] = d.D[k][:n]
	}
	return s
}
