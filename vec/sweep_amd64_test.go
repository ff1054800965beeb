//go:build !purego

package vec

import (
	"math"
	"testing"
)

// ordinal32 maps float32 bits to integers that are consecutive for consecutive floats
// (so the difference of two ordinals is the distance in ULPs).
func ordinal32(f float32) int64 {
	b := int64(math.Float32bits(f))
	if b&(1<<31) != 0 {
		return -(b &^ (1 << 31))
	}
	return b
}

// TestStrided32Asm runs every 4093rd float32 bit pattern (about a million inputs: all
// signs, exponents and many mantissas, including subnormals, infinities and NaNs)
// through the float32 transcendental kernels of each assembly level and requires them
// to be within 1 ULP of the generic level, which rounds a float64 result within 1 ULP
// once (so it is within 0.5 + 2^-28 ULP of the truth); NaN must match NaN.
func TestStrided32Asm(t *testing.T) {
	const stride = 4093
	var x []float32
	for b := uint64(0); b < 1<<32; b += stride {
		x = append(x, math.Float32frombits(uint32(b)))
	}
	gen := genericKernels()
	for _, l := range asmLevels(t) {
		for _, tc := range transCases() {
			t.Run(l.name+"/"+tc.name, func(t *testing.T) {
				got, want := make([]float32, len(x)), make([]float32, len(x))
				tc.k32(l.k)(got, x)
				tc.k32(gen)(want, x)
				bad := 0
				for i := range x {
					g, w := got[i], want[i]
					if g != g || w != w {
						if (g != g) != (w != w) {
							t.Errorf("%s(%v): got %v, generic %v", tc.name, x[i], g, w)
							bad++
						}
						continue
					}
					if d := ordinal32(g) - ordinal32(w); d > 1 || d < -1 {
						t.Errorf("%s(%v): got %v, generic %v (%d ULP apart)", tc.name, x[i], g, w, d)
						bad++
					}
					if bad > 10 {
						t.FailNow()
					}
				}
			})
		}
	}
}
