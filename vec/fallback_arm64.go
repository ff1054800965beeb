//go:build !purego

package vec

import "math"

// The neon kernels wrapped in withFallback (trig_fallback.go) leave some lanes to the
// generic scalar code. Their left predicates follow, with the two-argument wrapper;
// keep them in sync with vec/_neon (expm1.go, logdd.go). Each is written so that NaN
// is left too.

func expm1Left(x float64) bool { return !(x <= 40 && x >= -36) }

func log1pLeft(x float64) bool { return !(x > -1 && x < math.Inf(1) && math.Abs(x) >= 0x1p-54) }

// logLeft is the predicate of the float64 log2 and log10 kernels: subnormal, zero,
// negative, infinite and NaN arguments.
func logLeft(x float64) bool { return !(x >= 0x1p-1022 && x < math.Inf(1)) }

// sinhCoshLeft is the predicate of the sinh and cosh kernels: |x| > 709 (the scaling
// would need two factors), infinities and NaN.
func sinhCoshLeft(x float64) bool { return !(math.Abs(x) <= 709) }

// cbrtLeft is the predicate of the cbrt kernel: subnormal, infinite and NaN
// arguments.
func cbrtLeft(x float64) bool {
	return !(math.Abs(x) >= 0x1p-1022 && math.Abs(x) < math.Inf(1) || x == 0)
}

// The predicates of asinh, acosh and atanh: the generic level's huge arguments,
// where it uses log 2|x|, and the special values.

func asinhLeft(x float64) bool { return !(math.Abs(x) <= 0x1p28) }

func acoshLeft(x float64) bool { return !(x > 1 && x <= 0x1p28) }

func atanhLeft(x float64) bool { return !(math.Abs(x) < 1) }

// withFallback2 is withFallback for kernels of two arguments (a, b in the kernel's
// order): the lanes with left(a[i], b[i]) are recomputed with f. If dst is either
// input, both are first copied chunk by chunk.
func withFallback2[T Float](asm func(dst, a, b []T) int, left func(a, b float64) bool, f func(a, b float64) float64) func(dst, a, b []T) {
	fix := func(dst, a, b []T) {
		for i := range dst {
			if u, v := float64(a[i]), float64(b[i]); left(u, v) {
				dst[i] = T(f(u, v))
			}
		}
	}
	return func(dst, a, b []T) {
		if len(dst) == 0 {
			return
		}
		if &dst[0] != &a[0] && &dst[0] != &b[0] {
			if asm(dst, a, b) != 0 {
				fix(dst, a, b)
			}
			return
		}
		tmp := getScratch[T]()
		for i := 0; i < len(dst); i += scratchLen {
			j := min(i+scratchLen, len(dst))
			as, bs := tmp.v[:j-i], tmp.d[:j-i]
			copy(as, a[i:j])
			copy(bs, b[i:j])
			if asm(dst[i:j], as, bs) != 0 {
				fix(dst[i:j], as, bs)
			}
		}
		putScratch(tmp)
	}
}

// atan2Left is the predicate of the atan2 kernel: a zero, infinite or NaN argument.
func atan2Left(y, x float64) bool {
	return !(x != 0 && y != 0 && math.Abs(x) < math.Inf(1) && math.Abs(y) < math.Inf(1))
}

// hypotLeft is the predicate of the hypot kernel: an infinite or NaN argument, or
// max(|x|, |y|) < 2^-1000 (zero included).
func hypotLeft(x, y float64) bool {
	return !(math.Abs(x) < math.Inf(1) && math.Abs(y) < math.Inf(1) && math.Max(math.Abs(x), math.Abs(y)) >= 0x1p-1000)
}

// powLeft is the predicate of the pow kernel: x <= 0 or subnormal, an infinite or NaN
// argument, and y = 1.
func powLeft(x, y float64) bool {
	return !(x >= 0x1p-1022 && x < math.Inf(1) && math.Abs(y) < math.Inf(1) && y != 1)
}

// tanLeft is the predicate of the float64 tan kernel: |x| >= 2^20 (where the generic
// level reduces with Payne-Hanek), infinities and NaN.
func tanLeft(x float64) bool { return !(math.Abs(x) < 0x1p20) }

// trig32LaneBound is the |x| above which the float32-lane sin and cos kernels leave a
// lane to the float64-lane kernel. Keep in sync with vec/_neon/sin32.go.
const trig32LaneBound = 256

// trig32LanesWith wraps a float32-lane sin or cos kernel. The lanes it leaves
// (|x| > 256 and ±Inf) hold x itself, so they are found from dst (results elsewhere
// are within [-1, 1]), even in place; they are gathered, recomputed with wide (the
// float64-lane kernel, which has its own fallback for huge arguments) and put back.
func trig32LanesWith(lanes func(dst, x []float32) int, wide func(dst, x []float32)) func(dst, x []float32) {
	return func(dst, x []float32) {
		if lanes(dst, x) == 0 {
			return
		}
		s := getScratch[float32]()
		var idx [scratchLen]int32
		n := 0
		flush := func() {
			wide(s.v[:n], s.v[:n])
			for j, i := range idx[:n] {
				dst[i] = s.v[j]
			}
			n = 0
		}
		for i, v := range dst {
			if math.Abs(float64(v)) > trig32LaneBound {
				idx[n], s.v[n] = int32(i), v
				if n++; n == scratchLen {
					flush()
				}
			}
		}
		if n > 0 {
			flush()
		}
		putScratch(s)
	}
}

// sincos32LanesWith is trig32LanesWith for sincos: the left lanes hold x in both
// outputs, and wide recomputes both.
func sincos32LanesWith(lanes func(s, c, x []float32) int, wide func(s, c, x []float32)) func(s, c, x []float32) {
	return func(sin, cos, x []float32) {
		if lanes(sin, cos, x) == 0 {
			return
		}
		b := getScratch[float32]()
		var idx [scratchLen]int32
		n := 0
		flush := func() {
			wide(b.v[:n], b.d[:n], b.v[:n])
			for j, i := range idx[:n] {
				sin[i], cos[i] = b.v[j], b.d[j]
			}
			n = 0
		}
		for i, v := range sin {
			if math.Abs(float64(v)) > trig32LaneBound {
				idx[n], b.v[n] = int32(i), v
				if n++; n == scratchLen {
					flush()
				}
			}
		}
		if n > 0 {
			flush()
		}
		putScratch(b)
	}
}
