//go:build !purego

package vec

import (
	"math/rand/v2"
	"testing"
)

// sequenceCases are the fused kernels only a Sequence calls (the package's Add, Sub
// and FMA stay composed), next to the composed kernels; nt selects the streaming
// variants, which need aligned results and the level's fence.
func sequenceCases[T Float](raw *rawKernels[T], f *floatKernels[T], nt bool) []fusedCase[T] {
	c := dualKernels(f)
	b := func(name string, op rawOp, co func(dst, a, b Dual[T])) fusedCase[T] {
		run := raw.binary[op]
		if nt {
			run = raw.binaryNT[op]
		}
		return fusedCase[T]{name, 2, 1,
			func(d, in []Dual[T]) {
				run(d[0].V, in[0].V, in[1].V, d[0].D, in[0].D, in[1].D, d[0].Ahead.arm())
				d[0].Ahead.disarm()
				raw.fence()
			},
			func(d, in []Dual[T]) { co(d[0], in[0], in[1]) }}
	}
	fma := raw.fma
	if nt {
		fma = raw.fmaNT
	}
	return []fusedCase[T]{
		b("Add", rawAdd, c.dualAdd), b("Sub", rawSub, c.dualSub),
		{"FMA", 3, 1,
			func(d, in []Dual[T]) {
				fma(d[0].V, in[0].V, in[1].V, in[2].V, d[0].D, in[0].D, in[1].D, in[2].D, d[0].Ahead.arm())
				d[0].Ahead.disarm()
				raw.fence()
			},
			func(d, in []Dual[T]) { c.dualFMA(d[0], in[0], in[1], in[2]) }},
	}
}

// TestSequenceKernelsMatchComposed checks the fused Add, Sub and FMA against the
// composed kernels the package's functions run, as TestFusedMatchesComposed does the
// others: every length around the vector sizes, up to three tangents, special values,
// guards around the results, in place.
func TestSequenceKernelsMatchComposed(t *testing.T) {
	for _, lv := range registry {
		if lv.name == levelGeneric || !lv.available {
			continue
		}
		t.Run(lv.name+"/float64", func(t *testing.T) {
			testFused(t, sequenceCases(rawOf[float64](lv.k), &lv.k.f64, false))
		})
		t.Run(lv.name+"/float32", func(t *testing.T) {
			testFused(t, sequenceCases(rawOf[float32](lv.k), &lv.k.f32, false))
		})
	}
}

// TestSequenceKernelsStream checks the streaming variants of the same kernels against
// the regular ones on aligned results.
func TestSequenceKernelsStream(t *testing.T) {
	for _, lv := range registry {
		if lv.name == levelGeneric || !lv.available {
			continue
		}
		t.Run(lv.name+"/float64", func(t *testing.T) { testSequenceStream(t, rawOf[float64](lv.k), &lv.k.f64) })
		t.Run(lv.name+"/float32", func(t *testing.T) { testSequenceStream(t, rawOf[float32](lv.k), &lv.k.f32) })
	}
}

func testSequenceStream[T Float](t *testing.T, raw *rawKernels[T], f *floatKernels[T]) {
	r := rand.New(rand.NewPCG(21, 22))
	regular, streaming := sequenceCases(raw, f, false), sequenceCases(raw, f, true)
	for i, fc := range streaming {
		for _, n := range []int{0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 300} {
			in := make([]Dual[T], fc.arity)
			for j := range in {
				in[j] = fusedBatch[T](r, n, 2)
			}
			want := []Dual[T]{NewDual[T](n, 2)}
			regular[i].fused(want, in)
			got := []Dual[T]{alignedDual[T](n, 2, 0)}
			fc.fused(got, in)
			if msg := diffDual(got[0], want[0]); msg != "" {
				t.Fatalf("%s n=%d: %s", fc.name, n, msg)
			}
		}
	}
}
