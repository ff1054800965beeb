//go:build !purego

package vec

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestTangentAsm checks the assembly tangent kernels bit for bit against their
// definition (a zero tangent gives +0 even against an infinite or NaN derivative;
// products and the sum round separately) for every length 0..maxLen, unaligned starts,
// guard zones, and dst aliasing a tangent input.
func TestTangentAsm(t *testing.T) {
	tangentsOf := map[string]func() (tangents[float64], tangents[float32]){
		levelAVX2: func() (tangents[float64], tangents[float32]) {
			return tangents[float64]{scaleTanF64AVX2, combineTanF64AVX2}, tangents[float32]{scaleTanF32AVX2, combineTanF32AVX2}
		},
		levelAVX512: func() (tangents[float64], tangents[float32]) {
			return tangents[float64]{scaleTanF64AVX512, combineTanF64AVX512}, tangents[float32]{scaleTanF32AVX512, combineTanF32AVX512}
		},
	}
	for _, l := range asmLevels(t) {
		t64, t32 := tangentsOf[l.name]()
		t.Run(l.name+"/f64", func(t *testing.T) { testTangents(t, t64) })
		t.Run(l.name+"/f32", func(t *testing.T) { testTangents(t, t32) })
	}
}

// nanSafe returns tan == 0 ? 0 : d*tan.
func nanSafe[T Float](d, tan T) T {
	if tan == 0 {
		return 0
	}
	return d * tan
}

func testTangents[T Float](t *testing.T, tg tangents[T]) {
	r := rand.New(rand.NewPCG(13, 14))
	// Derivatives include infinities and NaN; tangents are zero one time in three.
	deriv := func() T {
		switch r.IntN(6) {
		case 0:
			return T(math.Inf(1 - 2*r.IntN(2)))
		case 1:
			return T(math.NaN())
		}
		return T(r.NormFloat64() * 10)
	}
	tangent := func() T {
		switch r.IntN(3) {
		case 0:
			return T(math.Copysign(0, float64(1-2*r.IntN(2))))
		}
		return T(r.NormFloat64())
	}
	for n := 0; n <= maxLen; n++ {
		for _, off := range offsets {
			for _, inPlace := range []bool{false, true} {
				what := fmt.Sprintf("n=%d off=%d inPlace=%v", n, off, inPlace)
				bufs := make([]*buffer[T], 4)
				for j := range bufs {
					bufs[j] = newBuffer[T](n, (off+j)%4)
				}
				da, ta, db, tb := bufs[0].s(), bufs[1].s(), bufs[2].s(), bufs[3].s()
				for i := range n {
					da[i], ta[i], db[i], tb[i] = deriv(), tangent(), deriv(), tangent()
				}
				wantScale, wantComb := make([]T, n), make([]T, n)
				for i := range n {
					wantScale[i] = nanSafe(da[i], ta[i])
					wantComb[i] = nanSafe(da[i], ta[i]) + nanSafe(db[i], tb[i])
				}
				// combine, then scale, each into a fresh dst or in place over ta.
				for _, op := range []string{"combine", "scale"} {
					out := newBuffer[T](n, off+1)
					if inPlace {
						out = newBuffer[T](n, (off+1)%4)
						copy(out.s(), ta)
					}
					dst, tan := out.s(), ta
					if inPlace {
						tan = dst
					}
					want := wantScale
					if op == "combine" {
						tg.combine(dst, da, tan, db, tb)
						want = wantComb
					} else {
						tg.scale(dst, da, tan)
					}
					out.checkGuards(t, op+" "+what)
					for i := range n {
						if !sameFloat(dst[i], want[i]) {
							t.Fatalf("%s %s: element %d: got %v, want %v", op, what, i, dst[i], want[i])
						}
					}
				}
			}
		}
	}
}
