//go:build (amd64 || arm64) && !purego

package vec

import (
	"math"

	"github.com/dualgrad/dualgrad/internal/libm"
)

// The assembly levels reduce trigonometric arguments with Cody-Waite up to trigBound
// and leave larger lanes to the generic code's Payne-Hanek reduction; these wrappers,
// shared by every architecture's assembly, find those lanes after the call.

// trigBound is the |x| above which the sin/cos/tan assembly leaves a lane to the generic
// code (Payne-Hanek reduction): it writes x itself there and returns nonzero. Sin and
// cos results of the other lanes are in [-1, 1], so the left lanes are exactly those
// with |dst[i]| > trigBound, even when dst and x are the same slice. Keep in sync with
// vec/_asm/trig.go and vec/_neon/trig.go.
const trigBound = 0x1p20

// trig64 wraps a float64 sin or cos kernel with the fallback for huge arguments.
func trig64(asm func(dst, x []float64) int, f func(float64) float64) func(dst, x []float64) {
	return func(dst, x []float64) {
		if asm(dst, x) == 0 {
			return
		}
		for i, v := range dst {
			if math.Abs(v) > trigBound {
				dst[i] = f(v)
			}
		}
	}
}

// trig32 is trig64 for float32: the fallback rounds the float64 result once.
func trig32(asm func(dst, x []float32) int, f func(float64) float64) func(dst, x []float32) {
	return func(dst, x []float32) {
		if asm(dst, x) == 0 {
			return
		}
		for i, v := range dst {
			if math.Abs(float64(v)) > trigBound {
				dst[i] = float32(f(float64(v)))
			}
		}
	}
}

// Some assembly kernels handle the common range of their argument and leave the rest
// (special values, arguments where the generic algorithm switches to another formula)
// to the generic scalar code: such a kernel writes something to those lanes and
// returns nonzero, and its wrapper recomputes every lane whose argument satisfies the
// kernel's "left" predicate. The predicate may include more lanes than the assembly
// flags (they get the generic answer, within the same bounds), never fewer.

// withFallback wraps a kernel that leaves the lanes with left(x) to f, the generic
// float64 function (rounded once to T for float32, as the generic level does). In
// place (dst is x), x is first copied chunk by chunk into a pooled buffer so that the
// left lanes can still be found from x.
func withFallback[T Float](asm func(dst, x []T) int, left func(float64) bool, f func(float64) float64) func(dst, x []T) {
	fix := func(dst, x []T) {
		for i, v := range x {
			if left(float64(v)) {
				dst[i] = T(f(float64(v)))
			}
		}
	}
	return func(dst, x []T) {
		if len(x) == 0 {
			return
		}
		if &dst[0] != &x[0] {
			if asm(dst, x) != 0 {
				fix(dst, x)
			}
			return
		}
		tmp := getScratch[T]()
		for i := 0; i < len(x); i += scratchLen {
			j := min(i+scratchLen, len(x))
			xs := tmp.v[:j-i]
			copy(xs, x[i:j])
			if asm(dst[i:j], xs) != 0 {
				fix(dst[i:j], xs)
			}
		}
		putScratch(tmp)
	}
}

// beyondTrigBound is the left predicate of the tan kernels: the lanes the Cody-Waite
// reduction does not cover, and infinities.
func beyondTrigBound(x float64) bool { return math.Abs(x) > trigBound }

// sincos64With wraps a float64 sincos kernel with the fallback for huge arguments
// (the assembly writes x to both outputs of such lanes).
func sincos64With(asm func(s, c, x []float64) int) func(s, c, x []float64) {
	return func(s, c, x []float64) {
		if asm(s, c, x) == 0 {
			return
		}
		for i, v := range s {
			if math.Abs(v) > trigBound {
				s[i], c[i] = libm.Sincos(v)
			}
		}
	}
}

// sincos32With is sincos64With for float32.
func sincos32With(asm func(s, c, x []float32) int) func(s, c, x []float32) {
	return func(s, c, x []float32) {
		if asm(s, c, x) == 0 {
			return
		}
		for i, v := range s {
			if math.Abs(float64(v)) > trigBound {
				sv, cv := libm.Sincos(float64(v))
				s[i], c[i] = float32(sv), float32(cv)
			}
		}
	}
}
