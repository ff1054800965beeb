//go:build !purego

package vec

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"
)

// fusedCase is one fused dual kernel and its composed counterpart on one level.
type fusedCase[T Float] struct {
	name            string
	arity, outs     int
	fused, composed func(dst []Dual[T], in []Dual[T])
}

// fusedCases returns the dual kernels of a level's table f that have a fused form on
// some level, each next to the kernel composed from f's float kernels (where f has
// no fused form, the two are the same composition).
func fusedCases[T Float](f *floatKernels[T]) []fusedCase[T] {
	c := dualKernels(f)
	u := func(name string, fu, co func(dst, x Dual[T])) fusedCase[T] {
		return fusedCase[T]{name, 1, 1,
			func(d, in []Dual[T]) { fu(d[0], in[0]) }, func(d, in []Dual[T]) { co(d[0], in[0]) }}
	}
	b := func(name string, fu, co func(dst, a, b Dual[T])) fusedCase[T] {
		return fusedCase[T]{name, 2, 1,
			func(d, in []Dual[T]) { fu(d[0], in[0], in[1]) }, func(d, in []Dual[T]) { co(d[0], in[0], in[1]) }}
	}
	return []fusedCase[T]{
		u("Sin", f.dualSin, c.dualSin), u("Cos", f.dualCos, c.dualCos),
		u("Exp", f.dualExp, c.dualExp), u("Log", f.dualLog, c.dualLog),
		u("Sqrt", f.dualSqrt, c.dualSqrt), u("Recip", f.dualRecip, c.dualRecip),
		u("Expm1", f.dualExpm1, c.dualExpm1), u("Log1p", f.dualLog1p, c.dualLog1p),
		u("Sinh", f.dualSinh, c.dualSinh), u("Cosh", f.dualCosh, c.dualCosh), u("Tanh", f.dualTanh, c.dualTanh),
		u("Atan", f.dualAtan, c.dualAtan), u("Asin", f.dualAsin, c.dualAsin), u("Acos", f.dualAcos, c.dualAcos),
		u("Erf", f.dualErf, c.dualErf), u("Cbrt", f.dualCbrt, c.dualCbrt),
		b("Mul", f.dualMul, c.dualMul), b("Div", f.dualDiv, c.dualDiv),
		{"Sincos", 1, 2,
			func(d, in []Dual[T]) { f.dualSincos(d[0], d[1], in[0]) },
			func(d, in []Dual[T]) { c.dualSincos(d[0], d[1], in[0]) }},
	}
}

// fusedValues mixes ordinary values with every special class the kernels treat
// apart: zeros, infinities, NaN, subnormals, trig arguments beyond the Cody-Waite
// bound, and overflow/underflow arguments of exp.
var fusedValues = []float64{0, math.Copysign(0, -1), 1, -1, math.Inf(1), math.Inf(-1), math.NaN(),
	5e-324, -2.5e-310, 0x1p20, 0x1p20 + 1, -0x1p21, 1e22, -1e300, 709.8, -745.2, 3.141592653589793}

// fusedTangents are tangents: zeros must stay zero whatever the local derivative.
var fusedTangents = []float64{0, 0, 1, -0.5, math.NaN(), math.Inf(1), 1e-310}

func fusedBatch[T Float](r *rand.Rand, n, ntan int) Dual[T] {
	d := Dual[T]{V: make([]T, n), D: make([][]T, ntan)}
	for i := range d.V {
		switch r.IntN(4) {
		case 0:
			d.V[i] = T(fusedValues[r.IntN(len(fusedValues))])
		case 1: // inside the domain of asin, acos and atanh
			d.V[i] = T(2*r.Float64() - 1)
		default:
			d.V[i] = T((r.Float64() - 0.3) * 20)
		}
	}
	for k := range d.D {
		d.D[k] = make([]T, n)
		for i := range d.D[k] {
			if r.IntN(3) == 0 {
				d.D[k][i] = T(fusedTangents[r.IntN(len(fusedTangents))])
			} else {
				d.D[k][i] = T(r.NormFloat64())
			}
		}
	}
	return d
}

// guarded returns a batch of n elements whose columns are views into larger buffers
// filled with a guard value, so that writes past n can be detected.
func guarded[T Float](n, ntan int) (Dual[T], [][]T) {
	const guard = 5
	var bufs [][]T
	col := func() []T {
		buf := make([]T, n+2*guard)
		for i := range buf {
			buf[i] = -7.25
		}
		bufs = append(bufs, buf)
		return buf[guard : guard+n]
	}
	d := Dual[T]{V: col(), D: make([][]T, ntan)}
	for k := range d.D {
		d.D[k] = col()
	}
	return d, bufs
}

func diffDual[T Float](got, want Dual[T]) string {
	for i := range want.V {
		if !sameBits(float64(got.V[i]), float64(want.V[i])) {
			return fmt.Sprintf("value %d: got %v, composed %v", i, got.V[i], want.V[i])
		}
		for k := range want.D {
			if !sameBits(float64(got.D[k][i]), float64(want.D[k][i])) {
				return fmt.Sprintf("tangent %d of element %d: got %v, composed %v", k, i, got.D[k][i], want.D[k][i])
			}
		}
	}
	return ""
}

// TestFusedMatchesComposed checks every fused dual kernel against the dual kernel
// composed from the same level's float kernels, bit for bit: every length through
// three vectors and a long one, zero to three tangent columns, special values, no
// writes outside dst, and dst aliasing the first input.
func TestFusedMatchesComposed(t *testing.T) {
	tested := 0
	for _, lv := range registry {
		if lv.name == levelGeneric || !lv.available {
			continue
		}
		tested++
		t.Run(lv.name+"/float64", func(t *testing.T) { testFused(t, fusedCases(&lv.k.f64)) })
		t.Run(lv.name+"/float32", func(t *testing.T) { testFused(t, fusedCases(&lv.k.f32)) })
	}
	if tested == 0 {
		t.Skip("no assembly level on this CPU")
	}
}

func testFused[T Float](t *testing.T, cases []fusedCase[T]) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, fc := range cases {
		for ntan := range 4 {
			lengths := []int{300}
			for n := 0; n <= 3*16+1; n++ {
				lengths = append(lengths, n)
			}
			for _, n := range lengths {
				in := make([]Dual[T], fc.arity)
				for j := range in {
					in[j] = fusedBatch[T](r, n, ntan)
				}
				want := make([]Dual[T], fc.outs)
				got := make([]Dual[T], fc.outs)
				var bufs [][]T
				for o := range want {
					want[o] = NewDual[T](n, ntan)
					var b [][]T
					got[o], b = guarded[T](n, ntan)
					bufs = append(bufs, b...)
				}
				fc.composed(want, in)
				fc.fused(got, in)
				for o := range want {
					if msg := diffDual(got[o], want[o]); msg != "" {
						t.Fatalf("%s n=%d tangents=%d output %d: %s", fc.name, n, ntan, o, msg)
					}
				}
				for _, buf := range bufs {
					for _, i := range []int{0, 1, 2, 3, 4, len(buf) - 5, len(buf) - 4, len(buf) - 3, len(buf) - 2, len(buf) - 1} {
						if buf[i] != -7.25 {
							t.Fatalf("%s n=%d tangents=%d: wrote outside dst", fc.name, n, ntan)
						}
					}
				}
				// In place: dst is the first input.
				alias := Dual[T]{V: append([]T(nil), in[0].V...), D: make([][]T, ntan)}
				for k := range alias.D {
					alias.D[k] = append([]T(nil), in[0].D[k]...)
				}
				outs := []Dual[T]{alias}
				if fc.outs == 2 {
					outs = append(outs, NewDual[T](n, ntan))
				}
				fc.fused(outs, append([]Dual[T]{alias}, in[1:]...))
				if msg := diffDual(alias, want[0]); msg != "" {
					t.Fatalf("%s n=%d tangents=%d in place: %s", fc.name, n, ntan, msg)
				}
			}
		}
	}
}

// BenchmarkFused compares each fused dual kernel with the dual kernel composed from
// the same level's float kernels, on 1024 elements with two tangent columns (the
// seed's shape) in L1:
//
//	go test -run '^$' -bench Fused -count 5 ./vec/
func BenchmarkFused(b *testing.B) {
	const n, ntan = 1024, 2
	r := rand.New(rand.NewPCG(5, 6))
	for _, lv := range registry {
		if lv.name == levelGeneric || !lv.available {
			continue
		}
		for _, fc := range fusedCases(&lv.k.f64) {
			in := make([]Dual[float64], fc.arity)
			for j := range in {
				in[j] = randomDual(r, n, ntan, 0.1, 3)
			}
			out := []Dual[float64]{NewDual[float64](n, ntan), NewDual[float64](n, ntan)}
			for _, way := range []struct {
				name string
				run  func(dst, in []Dual[float64])
			}{{"fused", fc.fused}, {"composed", fc.composed}} {
				b.Run(lv.name+"/"+fc.name+"/"+way.name, func(b *testing.B) {
					for b.Loop() {
						way.run(out, in)
					}
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/elem")
				})
			}
		}
	}
}

// TestFusedDivQuotient checks the quotient of the fused DualDiv (Markstein's division
// on lanes in range, the division instruction elsewhere) against Go's correctly
// rounded a/b, with exponents on both sides of the range limits 2^±500.
func TestFusedDivQuotient(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	const n = 1 << 16
	a, b := NewDual[float64](n, 1), NewDual[float64](n, 1)
	for i := range n {
		a.V[i] = math.Ldexp(1+r.Float64(), r.IntN(1120)-560)
		b.V[i] = math.Ldexp(1+r.Float64(), r.IntN(1120)-560)
		if r.IntN(2) == 0 {
			b.V[i] = -b.V[i]
		}
		if r.IntN(8) == 0 { // mantissas next to a power of two
			b.V[i] = math.Nextafter(math.Ldexp(1, r.IntN(1000)-500), 0)
		}
	}
	for _, lv := range registry {
		if lv.name == levelGeneric || !lv.available {
			continue
		}
		dst := NewDual[float64](n, 1)
		lv.k.f64.dualDiv(dst, a, b)
		for i := range n {
			if want := a.V[i] / b.V[i]; !sameBits(dst.V[i], want) {
				t.Fatalf("%s: %v / %v = %v, want %v", lv.name, a.V[i], b.V[i], dst.V[i], want)
			}
		}
	}
}

// alignedDual returns a batch whose columns start on 64-byte boundaries (plus off
// elements), as streaming stores need.
func alignedDual(n, ntan, off int) Dual[float64] {
	col := func() []float64 {
		buf := make([]float64, n+16+off)
		skip := int((64 - uintptr(unsafe.Pointer(&buf[0]))%64) % 64 / 8)
		return buf[skip+off : skip+off+n]
	}
	d := Dual[float64]{V: col(), D: make([][]float64, ntan)}
	for k := range d.D {
		d.D[k] = col()
	}
	return d
}

// TestFusedStream checks that the streaming variants (dst.Stream on aligned columns)
// and the fallback for misaligned columns give the same bits as the plain kernels.
func TestFusedStream(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for _, lv := range registry {
		if lv.name == levelGeneric || !lv.available {
			continue
		}
		for _, fc := range fusedCases(&lv.k.f64) {
			for _, n := range []int{0, 1, 7, 8, 9, 63, 64, 65, 300} {
				for _, off := range []int{0, 1} { // aligned, and not
					in := make([]Dual[float64], fc.arity)
					for j := range in {
						in[j] = fusedBatch[float64](r, n, 2)
					}
					want := []Dual[float64]{NewDual[float64](n, 2), NewDual[float64](n, 2)}
					fc.fused(want, in)
					got := []Dual[float64]{alignedDual(n, 2, off), alignedDual(n, 2, off)}
					got[0].Stream, got[1].Stream = true, true
					fc.fused(got, in)
					for o := range fc.outs {
						if msg := diffDual(got[o], want[o]); msg != "" {
							t.Fatalf("%s %s n=%d offset %d: %s", lv.name, fc.name, n, off, msg)
						}
					}
				}
			}
		}
	}
}
