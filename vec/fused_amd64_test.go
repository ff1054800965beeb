//go:build !purego

package vec

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
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
	cases := []fusedCase[T]{
		u("Sin", f.dualSin, c.dualSin), u("Cos", f.dualCos, c.dualCos),
		u("Exp", f.dualExp, c.dualExp), u("Log", f.dualLog, c.dualLog),
		u("Sqrt", f.dualSqrt, c.dualSqrt), u("Recip", f.dualRecip, c.dualRecip),
		u("Expm1", f.dualExpm1, c.dualExpm1), u("Log1p", f.dualLog1p, c.dualLog1p),
		u("Sinh", f.dualSinh, c.dualSinh), u("Cosh", f.dualCosh, c.dualCosh), u("Tanh", f.dualTanh, c.dualTanh),
		u("Atan", f.dualAtan, c.dualAtan), u("Asin", f.dualAsin, c.dualAsin), u("Acos", f.dualAcos, c.dualAcos),
		u("Erf", f.dualErf, c.dualErf), u("Cbrt", f.dualCbrt, c.dualCbrt),
		b("Mul", f.dualMul, c.dualMul), b("Div", f.dualDiv, c.dualDiv),
		b("Pow", f.dualPow, c.dualPow), b("Min", f.dualMin, c.dualMin), b("Max", f.dualMax, c.dualMax),
		u("Abs", f.dualAbs, c.dualAbs), b("Atan2", f.dualAtan2, c.dualAtan2), b("Hypot", f.dualHypot, c.dualHypot),
		u("Tan", f.dualTan, c.dualTan), u("Exp2", f.dualExp2, c.dualExp2),
		u("Log2", f.dualLog2, c.dualLog2), u("Log10", f.dualLog10, c.dualLog10),
		u("Asinh", f.dualAsinh, c.dualAsinh), u("Acosh", f.dualAcosh, c.dualAcosh), u("Atanh", f.dualAtanh, c.dualAtanh),
		{"Sincos", 1, 2,
			func(d, in []Dual[T]) { f.dualSincos(d[0], d[1], in[0]) },
			func(d, in []Dual[T]) { c.dualSincos(d[0], d[1], in[0]) }},
	}
	// The division this processor does not use (composed where there is one only).
	return append(cases, b("DivAlt", f.dualDivAlt, c.dualDiv))
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
				// A queue spanning the inputs (two ranges) takes every kernel through
				// its prefetch steps and from one range to the next; it must not
				// change a bit.
				var ahead Prefetcher
				for _, d := range in[:1] {
					AddPrefetch(&ahead, d.V)
					for _, col := range d.D {
						AddPrefetch(&ahead, col)
					}
				}
				got[0].Ahead = &ahead
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

// aheadStepLines is the number of cache lines each step of a fused kernel requests
// from a Prefetcher on the named level: vec/_asm/fused.go's aheadLines, per loop of two
// vectors on AVX-512 and of one on either level.
func aheadStepLines(level string, vectors int) int {
	bytes := 32
	if level == levelAVX512 {
		bytes = 64
	}
	return max(1, 2*vectors*bytes/64)
}

// TestPrefetcherQueue runs fused kernels with a Prefetcher and checks how far its
// queue got against the steps the kernel's loops take: across ranges, over several
// calls, and to the end of the queue, after which the kernels leave it alone.
func TestPrefetcherQueue(t *testing.T) {
	for _, lv := range asmLevels(t) {
		t.Run(lv.name, func(t *testing.T) {
			lanes := 4
			pair := 1
			if lv.name == levelAVX512 {
				lanes, pair = 8, 2
			}
			// stepSizes lists the lines of each step of a call over n float64 elements.
			stepSizes := func(n int) []int {
				var sizes []int
				if pair == 2 {
					for ; n >= 16; n -= 16 {
						sizes = append(sizes, aheadStepLines(lv.name, 2))
					}
				}
				for ; n >= lanes; n -= lanes {
					sizes = append(sizes, aheadStepLines(lv.name, 1))
				}
				return sizes
			}
			// Three ranges of 16, 24 and 40 lines; the model below walks them as the
			// kernels do: a step past a range's end loses the lines beyond it.
			buf := make([]float64, 8*(16+24+40)+16)
			for len(buf) > 0 && uintptr(unsafe.Pointer(&buf[0]))%64 != 0 {
				buf = buf[1:]
			}
			lens := []int{16, 24, 40}
			var p Prefetcher
			AddPrefetch(&p, buf[:8*16])
			AddPrefetch(&p, buf[8*16:8*40])
			AddPrefetch(&p, buf[8*40:8*80])
			rng, pos := -1, 0 // the model's range and lines into it
			x := fusedBatch[float64](rand.New(rand.NewPCG(3, 4)), 200, 1)
			dst := NewDual[float64](200, 1)
			for _, n := range []int{24, 56, 8, 200, 200} {
				lv.k.f64.dualSin(Dual[float64]{V: dst.V[:n], D: [][]float64{dst.D[0][:n]}, Ahead: &p},
					Dual[float64]{V: x.V[:n], D: [][]float64{x.D[0][:n]}})
				for _, lines := range stepSizes(n) {
					if rng < 0 || pos >= lens[rng] {
						if rng == len(lens)-1 {
							break
						}
						rng, pos = rng+1, 0
					}
					pos += lines
				}
				if p.head != rng+1 || int(p.cursor[0]-p.ranges[rng][0]) != 64*pos {
					t.Fatalf("after a call over %d elements the queue is at range %d, %d bytes in; want range %d, line %d",
						n, p.head-1, int(p.cursor[0]-p.ranges[max(p.head-1, 0)][0]), rng, pos)
				}
				if done := rng == len(lens)-1 && pos >= lens[rng]; p.Pending() == done {
					t.Fatalf("after a call over %d elements Pending() = %v", n, p.Pending())
				}
			}
			if p.Pending() {
				t.Fatal("the queue is not done after 488 elements")
			}
			p.Reset()
			if p.Pending() {
				t.Fatal("Pending() after Reset")
			}
		})
	}
}

// TestPrefetcherFlush checks Flush and AddPrefetch's limit of prefetchRanges ranges.
func TestPrefetcherFlush(t *testing.T) {
	var p Prefetcher
	if p.Pending() {
		t.Fatal("the zero Prefetcher is pending")
	}
	x := make([]float32, 1000)
	for range prefetchRanges + 3 {
		AddPrefetch(&p, x[1:999])
	}
	AddPrefetch(&p, x[:0])
	if p.n != prefetchRanges || !p.Pending() {
		t.Fatalf("queued %d ranges (pending %v), want %d", p.n, p.Pending(), prefetchRanges)
	}
	// Part of the way into the second range, as a kernel leaves it.
	p.arm()
	p.head, p.cursor[0], p.cursor[1] = 2, p.ranges[1][0]+128, p.ranges[1][1]
	p.Flush()
	if p.Pending() || p.n != 0 {
		t.Fatal("pending after Flush")
	}
	var nilP *Prefetcher
	if c := nilP.arm(); c != nil {
		t.Fatalf("a nil Prefetcher's cursor is %v", *c)
	}
	nilP.disarm()
	if c := p.arm(); c != nil {
		t.Fatalf("an empty Prefetcher's cursor is %v", *c)
	}
	p.disarm()
}

// BenchmarkFused compares each fused dual kernel with the dual kernel composed from
// the same level's float kernels, on 1024 elements with two tangent columns (the
// seed's shape) in L1, for float64 and float32:
//
//	go test -run '^$' -bench Fused -count 5 ./vec/
func BenchmarkFused(b *testing.B) {
	b.Run("float64", func(b *testing.B) { benchFused[float64](b) })
	b.Run("float32", func(b *testing.B) { benchFused[float32](b) })
}

func benchFused[T Float](b *testing.B) {
	const n, ntan = 1024, 2
	r := rand.New(rand.NewPCG(5, 6))
	levels := levelCases[T]()
	for _, lv := range registry {
		for _, fc := range levels[lv.name] {
			in := make([]Dual[T], fc.arity)
			for j := range in {
				src := randomDual(r, n, ntan, 0.1, 3)
				in[j] = NewDual[T](n, ntan)
				for i := range n {
					in[j].V[i] = T(src.V[i])
					for k := range ntan {
						in[j].D[k][i] = T(src.D[k][i])
					}
				}
			}
			out := []Dual[T]{NewDual[T](n, ntan), NewDual[T](n, ntan)}
			for _, way := range []struct {
				name string
				run  func(dst, in []Dual[T])
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

// TestFusedDivQuotient checks the quotient of both fused float64 divisions (DualDiv
// and DualDivAlt: Markstein's division on lanes in range and the division
// instruction elsewhere, or the instruction throughout) against Go's correctly
// rounded a/b, with exponents on both sides of Markstein's range limits 2^±500.
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
		for name, div := range map[string]func(dst, a, b Dual[float64]){"Div": lv.k.f64.dualDiv, "DivAlt": lv.k.f64.dualDivAlt} {
			dst := NewDual[float64](n, 1)
			div(dst, a, b)
			for i := range n {
				if want := a.V[i] / b.V[i]; !sameBits(dst.V[i], want) {
					t.Fatalf("%s %s: %v / %v = %v, want %v", lv.name, name, a.V[i], b.V[i], dst.V[i], want)
				}
			}
		}
	}
}

// alignedDual returns a batch whose columns start on 64-byte boundaries (plus off
// elements), as streaming stores need.
func alignedDual[T Float](n, ntan, off int) Dual[T] {
	col := func() []T {
		buf := make([]T, n+32+off)
		size := unsafe.Sizeof(buf[0])
		skip := int((64 - uintptr(unsafe.Pointer(&buf[0]))%64) % 64 / size)
		return buf[skip+off : skip+off+n]
	}
	d := Dual[T]{V: col(), D: make([][]T, ntan)}
	for k := range d.D {
		d.D[k] = col()
	}
	return d
}

// TestFusedStream checks that the streaming variants (dst.Stream on aligned columns)
// and the fallback for misaligned columns give the same bits as the plain kernels,
// for both float types.
func TestFusedStream(t *testing.T) {
	for _, lv := range registry {
		if lv.name == levelGeneric || !lv.available {
			continue
		}
		t.Run(lv.name+"/f64", func(t *testing.T) { testFusedStream(t, &lv.k.f64) })
		t.Run(lv.name+"/f32", func(t *testing.T) { testFusedStream(t, &lv.k.f32) })
	}
}

func testFusedStream[T Float](t *testing.T, k *floatKernels[T]) {
	r := rand.New(rand.NewPCG(11, 12))
	for _, fc := range fusedCases(k) {
		for _, n := range []int{0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 300} {
			for _, off := range []int{0, 1} { // aligned, and not
				in := make([]Dual[T], fc.arity)
				for j := range in {
					in[j] = fusedBatch[T](r, n, 2)
				}
				want := []Dual[T]{NewDual[T](n, 2), NewDual[T](n, 2)}
				fc.fused(want, in)
				got := []Dual[T]{alignedDual[T](n, 2, off), alignedDual[T](n, 2, off)}
				got[0].Stream, got[1].Stream = true, true
				fc.fused(got, in)
				for o := range fc.outs {
					if msg := diffDual(got[o], want[o]); msg != "" {
						t.Fatalf("%s n=%d offset %d: %s", fc.name, n, off, msg)
					}
				}
			}
		}
	}
}

// fusedPairValues are the arguments the rules of the later fused kernels branch on, for
// every pair to meet: zeros of both signs (min/max ties, pow and atan2 at the origin),
// negative bases with integer and non-integer exponents, pow results that overflow,
// underflow to subnormals or to 0, hypot results that overflow or fall below 2^-100
// (the rescaled partials), pow at the smallest subnormal (x**y normal, x**y/x
// overflowing), tan arguments near a pole and beyond trigBound, asinh
// arguments above 2^26, acosh and atanh at and beyond 1.
var fusedPairValues = append([]float64{0.5, -0.5, 2, -2, 3, -3, 0.75, 1050, -1070, 1e300, -1e300, 0x1p-1074,
	math.MaxFloat64, -math.MaxFloat64, 1e-300, 1e-310, -1e-320, 0x1p-1022, 0x1p-100, 0x1p27, -0x1p27,
	math.Pi / 2, -math.Pi / 2, 1 + 0x1p-52, 1 - 0x1p-53, -1 + 0x1p-53, 1e20, -1e-20, 123.456},
	fusedValues...)

// fusedPairValues32 adds the float32 classes: subnormals and the smallest normal,
// the largest finite value, exp and exp2 arguments around the float32 overflow and
// underflow thresholds (and the exp kernel's clamps, -104 and 89), trig arguments
// around the float32-lane bound 256 and around trigBound, tan arguments next to
// float32 pi/2, and arguments of sinh, cosh and tanh where they overflow or saturate.
var fusedPairValues32 = append([]float64{0x1p-149, -0x1p-149, 0x1p-140, -3e-39, 0x1p-126,
	math.MaxFloat32, -math.MaxFloat32, 88.72283, 88.72284, 88.8, 89, 89.5, -87.3, -103.9, -104, -104.5,
	-150, 127.99, 128, -126, -149, -149.5, 256, -256.01, 257, 1e5, 0x1p20 - 0.0625, 0x1p20 + 0.125, 1e10,
	1.5707964, -1.5707963, 4.712389, 9, -9, 90, -90, 0.625, 1e-8, 1 - 0x1p-24, 1 + 0x1p-23, 0x1p13},
	fusedPairValues...)

// TestFusedSpecialPairs checks the fused kernels against the composed ones of the same
// level, bit for bit, on every pair of fusedPairValues (every value, for the one-input
// kernels; fusedPairValues32 for float32), with two tangent columns (one of them with
// zero, infinite and NaN tangents), out of place and in place on either input.
func TestFusedSpecialPairs(t *testing.T) {
	if !anyAssemblyLevel() {
		t.Skip("no assembly level on this CPU")
	}
	t.Run("float64", func(t *testing.T) { testFusedPairs[float64](t, fusedPairValues) })
	t.Run("float32", func(t *testing.T) { testFusedPairs[float32](t, fusedPairValues32) })
}

// anyAssemblyLevel reports whether some assembly level runs on this CPU.
func anyAssemblyLevel() bool {
	for _, lv := range registry {
		if lv.name != levelGeneric && lv.available {
			return true
		}
	}
	return false
}

// levelCases returns, for every available assembly level, its name and the fused
// cases of its table for T.
func levelCases[T Float]() map[string][]fusedCase[T] {
	m := map[string][]fusedCase[T]{}
	for i := range registry {
		lv := &registry[i]
		if lv.name == levelGeneric || !lv.available {
			continue
		}
		var zero T
		if unsafe.Sizeof(zero) == 8 {
			m[lv.name] = any(fusedCases(&lv.k.f64)).([]fusedCase[T])
		} else {
			m[lv.name] = any(fusedCases(&lv.k.f32)).([]fusedCase[T])
		}
	}
	return m
}

func copyDual[T Float](d Dual[T]) Dual[T] {
	c := Dual[T]{V: append([]T(nil), d.V...)}
	for _, col := range d.D {
		c.D = append(c.D, append([]T(nil), col...))
	}
	return c
}

func testFusedPairs[T Float](t *testing.T, vals []float64) {
	n := len(vals) * len(vals)
	r := rand.New(rand.NewPCG(13, 14))
	a, b := NewDual[T](n, 2), NewDual[T](n, 2)
	for i := range n {
		a.V[i], b.V[i] = T(vals[i/len(vals)]), T(vals[i%len(vals)])
		pairTangents(r, i, a, b)
	}
	for level, cases := range levelCases[T]() {
		for _, fc := range cases {
			in := []Dual[T]{a, b}[:fc.arity]
			want := []Dual[T]{NewDual[T](n, 2), NewDual[T](n, 2)}
			fc.composed(want, in)
			got := []Dual[T]{NewDual[T](n, 2), NewDual[T](n, 2)}
			fc.fused(got, in)
			for o := range fc.outs {
				if msg := diffDual(got[o], want[o]); msg != "" {
					t.Fatalf("%s %s output %d: %s (inputs %v)", level, fc.name, o, msg, pairAt(in, msg))
				}
			}
			if fc.outs != 1 {
				// dst is the input: the sin output, then the cos output.
				for o := range 2 {
					x := copyDual(a)
					outs := []Dual[T]{NewDual[T](n, 2), NewDual[T](n, 2)}
					outs[o] = x
					fc.fused(outs, []Dual[T]{x})
					for p := range 2 {
						if msg := diffDual(outs[p], want[p]); msg != "" {
							t.Fatalf("%s %s in place on output %d, output %d: %s", level, fc.name, o, p, msg)
						}
					}
				}
				continue
			}
			for j := range fc.arity { // dst is input j
				ins := []Dual[T]{copyDual(a), copyDual(b)}[:fc.arity]
				fc.fused([]Dual[T]{ins[j]}, ins)
				if msg := diffDual(ins[j], want[0]); msg != "" {
					t.Fatalf("%s %s in place on input %d: %s", level, fc.name, j, msg)
				}
			}
		}
	}
}

// pairAt returns the input values of the element that a diffDual message names.
func pairAt[T Float](in []Dual[T], msg string) []float64 {
	var i int
	if _, err := fmt.Sscanf(msg, "value %d", &i); err != nil {
		var k int
		if _, err := fmt.Sscanf(msg, "tangent %d of element %d", &k, &i); err != nil {
			return nil
		}
	}
	var xs []float64
	for _, d := range in {
		xs = append(xs, float64(d.V[i]))
	}
	return xs
}

// fusedNames are the dual kernels that have a fused form on every assembly level, by
// float type.
var fusedNames = map[string][]string{
	"float64": {"Sin", "Cos", "Sincos", "Exp", "Log", "Sqrt", "Recip", "Expm1", "Log1p", "Sinh", "Cosh", "Tanh",
		"Atan", "Asin", "Acos", "Erf", "Cbrt", "Mul", "Div", "Pow", "Min", "Max", "Abs", "Atan2", "Hypot",
		"Tan", "Exp2", "Log2", "Log10", "Asinh", "Acosh", "Atanh", "DivAlt"},
	"float32": {"Sin", "Cos", "Sincos", "Exp", "Log", "Sqrt", "Recip", "Expm1", "Log1p", "Sinh", "Cosh", "Tanh",
		"Atan", "Asin", "Acos", "Erf", "Cbrt", "Mul", "Div", "Pow", "Min", "Max", "Abs", "Atan2", "Hypot",
		"Tan", "Exp2", "Log2", "Log10", "Asinh", "Acosh", "Atanh"},
}

// TestFusedInstalled checks that the kernels fusedNames lists are fused on every
// assembly level: a table entry that is still the composed kernel would pass
// TestFusedMatchesComposed without testing anything.
func TestFusedInstalled(t *testing.T) {
	for _, lv := range registry {
		if lv.name == levelGeneric || !lv.available {
			continue
		}
		checkInstalled(t, lv.name, "float64", &lv.k.f64)
		checkInstalled(t, lv.name, "float32", &lv.k.f32)
	}
}

func checkInstalled[T Float](t *testing.T, level, typ string, f *floatKernels[T]) {
	c := dualKernels(f)
	kernels := func(k *floatKernels[T]) map[string]any {
		return map[string]any{
			"Sin": k.dualSin, "Cos": k.dualCos, "Sincos": k.dualSincos, "Exp": k.dualExp, "Log": k.dualLog,
			"Sqrt": k.dualSqrt, "Recip": k.dualRecip, "Expm1": k.dualExpm1, "Log1p": k.dualLog1p,
			"Sinh": k.dualSinh, "Cosh": k.dualCosh, "Tanh": k.dualTanh, "Atan": k.dualAtan, "Asin": k.dualAsin,
			"Acos": k.dualAcos, "Erf": k.dualErf, "Cbrt": k.dualCbrt, "Mul": k.dualMul, "Div": k.dualDiv,
			"Pow": k.dualPow, "Min": k.dualMin, "Max": k.dualMax, "Abs": k.dualAbs, "Atan2": k.dualAtan2,
			"Hypot": k.dualHypot, "Tan": k.dualTan, "Exp2": k.dualExp2, "Log2": k.dualLog2,
			"Log10": k.dualLog10, "Asinh": k.dualAsinh, "Acosh": k.dualAcosh, "Atanh": k.dualAtanh,
			"DivAlt": k.dualDivAlt,
		}
	}
	have, composed := kernels(f), kernels(c)
	for _, name := range fusedNames[typ] {
		got, ok := have[name]
		if !ok {
			t.Fatalf("fusedNames lists %s, which checkInstalled does not know", name)
		}
		// Closures share their code pointer with every closure of the same literal.
		if reflect.ValueOf(got).Pointer() == reflect.ValueOf(composed[name]).Pointer() {
			t.Errorf("%s %s: Dual%s is the composed kernel", level, typ, name)
		}
	}
}

// TestFusedWideRange checks the fused kernels against the composed ones of the same
// level, bit for bit, on arguments with random signs and exponents over the whole
// range of the float type, subnormals included, half of the second arguments small
// integers or halves (negative bases of pow, results that overflow or underflow, hypot
// results that overflow or fall below 2^-100, whose partials are rescaled).
func TestFusedWideRange(t *testing.T) {
	t.Run("float64", func(t *testing.T) { testFusedWide[float64](t, -1075, 1024, 1010) })
	t.Run("float32", func(t *testing.T) { testFusedWide[float32](t, -150, 128, 114) })
}

// testFusedWide draws exponents in [lo, hi) and, for one element in eight, in
// [top, hi).
func testFusedWide[T Float](t *testing.T, lo, hi, top int) {
	const n = 1 << 13
	r := rand.New(rand.NewPCG(15, 16))
	wide := func() float64 {
		v := math.Ldexp(1+r.Float64(), r.IntN(hi-lo)+lo)
		if r.IntN(2) == 0 {
			v = -v
		}
		return v
	}
	a, b := NewDual[T](n, 2), NewDual[T](n, 2)
	for i := range n {
		av, bv := wide(), wide()
		if r.IntN(2) == 0 {
			bv = float64(r.IntN(81)-40) / 2
		}
		if r.IntN(8) == 0 { // near the top of the range
			av = math.Copysign(math.Ldexp(1+r.Float64(), top+r.IntN(hi-top-1)), av)
		}
		if r.IntN(4) == 0 { // the same magnitude: hypot overflows or stays tiny together
			bv = math.Copysign(av*(1+r.Float64()), bv)
		}
		a.V[i], b.V[i] = T(av), T(bv)
		pairTangents(r, i, a, b)
	}
	for level, cases := range levelCases[T]() {
		for _, fc := range cases {
			in := []Dual[T]{a, b}[:fc.arity]
			want := []Dual[T]{NewDual[T](n, 2), NewDual[T](n, 2)}
			got := []Dual[T]{NewDual[T](n, 2), NewDual[T](n, 2)}
			fc.composed(want, in)
			fc.fused(got, in)
			for o := range fc.outs {
				if msg := diffDual(got[o], want[o]); msg != "" {
					t.Fatalf("%s %s output %d: %s (inputs %v)", level, fc.name, o, msg, pairAt(in, msg))
				}
			}
		}
	}
}

// pairTangents sets the two tangents of point i of a and b: a normal deviate and one
// of fusedTangents (zeros included, which must stay zero).
func pairTangents[T Float](r *rand.Rand, i int, a, b Dual[T]) {
	for _, d := range []Dual[T]{a, b} {
		d.D[0][i] = T(r.NormFloat64())
		d.D[1][i] = T(fusedTangents[r.IntN(len(fusedTangents))])
	}
}
