//go:build !purego

package vec

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestStreamingEveryArithAsm runs every exact arithmetic kernel of each assembly level
// on its streaming path (outputs of at least 4 MiB: a masked head up to the aligned
// address of dst, the non-temporal loop, which AVX-512 runs at the AVX2 width except
// for the square roots, and the masked tail), at an aligned and a misaligned start, in
// place and not, and compares every element with the kernel's definition; nothing
// outside dst may be written.
func TestStreamingEveryArithAsm(t *testing.T) {
	skipUnderRace(t)
	if testing.Short() {
		t.Skip("large slices")
	}
	for _, l := range asmLevels(t) {
		t.Run(l.name+"/f64", func(t *testing.T) { testStreamingEvery(t, &l.k.f64, 64, 4<<20/8) })
		t.Run(l.name+"/f32", func(t *testing.T) { testStreamingEvery(t, &l.k.f32, 8, 4<<20/4) })
	}
}

func testStreamingEvery[T Float](t *testing.T, k *floatKernels[T], expSpan, minLen int) {
	r := rand.New(rand.NewPCG(21, 22))
	n := minLen + 45 // a tail on both levels
	for _, tc := range arithCases[T]() {
		for _, off := range []int{0, 5} {
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
			for _, inPlace := range []bool{false, true} {
				what := fmt.Sprintf("%s n=%d off=%d inPlace=%v", tc.name, n, off, inPlace)
				out := newBuffer[T](n, off)
				if inPlace {
					out = newBuffer[T](n, off)
					copy(out.s(), in[0])
					in[0] = out.s()
				}
				dst := out.s()
				tc.run(k, dst, in)
				in[0] = ins[0].s()
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
