package vec

import (
	"math"

	"github.com/dualgrad/dualgrad/internal/fma"
)

// Generic arithmetic kernels: plain loops, exact as IEEE 754. The re-slicing to len(dst)
// lets the compiler drop bounds checks.

func addGeneric[T Float](dst, a, b []T) {
	a, b = a[:len(dst)], b[:len(dst)]
	for i := range dst {
		dst[i] = a[i] + b[i]
	}
}

func subGeneric[T Float](dst, a, b []T) {
	a, b = a[:len(dst)], b[:len(dst)]
	for i := range dst {
		dst[i] = a[i] - b[i]
	}
}

func mulGeneric[T Float](dst, a, b []T) {
	a, b = a[:len(dst)], b[:len(dst)]
	for i := range dst {
		dst[i] = a[i] * b[i]
	}
}

func divGeneric[T Float](dst, a, b []T) {
	a, b = a[:len(dst)], b[:len(dst)]
	for i := range dst {
		dst[i] = a[i] / b[i]
	}
}

// minGeneric follows math.Min: -Inf if either is -Inf (even against NaN), else NaN
// if either is NaN, and -0 is less than +0. The builtin min gets all but the first
// case right.
func minGeneric[T Float](dst, a, b []T) {
	a, b = a[:len(dst)], b[:len(dst)]
	negInf := T(math.Inf(-1))
	for i := range dst {
		if a[i] == negInf || b[i] == negInf {
			dst[i] = negInf
		} else {
			dst[i] = min(a[i], b[i])
		}
	}
}

// maxGeneric follows math.Max: +Inf if either is +Inf (even against NaN), else NaN
// if either is NaN, and +0 is greater than -0.
func maxGeneric[T Float](dst, a, b []T) {
	a, b = a[:len(dst)], b[:len(dst)]
	posInf := T(math.Inf(1))
	for i := range dst {
		if a[i] == posInf || b[i] == posInf {
			dst[i] = posInf
		} else {
			dst[i] = max(a[i], b[i])
		}
	}
}

func negGeneric[T Float](dst, x []T) {
	x = x[:len(dst)]
	for i := range dst {
		dst[i] = -x[i]
	}
}

// sqrtGeneric rounds once for float64; for float32 the float64 square root rounded to
// float32 is still correctly rounded because 53 >= 2*24+2.
func sqrtGeneric[T Float](dst, x []T) {
	x = x[:len(dst)]
	for i := range dst {
		dst[i] = T(math.Sqrt(float64(x[i])))
	}
}

func recipGeneric[T Float](dst, x []T) {
	x = x[:len(dst)]
	for i := range dst {
		dst[i] = 1 / x[i]
	}
}

// absGeneric clears the sign bit (also of -0 and NaN), as math.Abs does.
func absGeneric[T Float](dst, x []T) {
	x = x[:len(dst)]
	for i := range dst {
		dst[i] = T(math.Abs(float64(x[i])))
	}
}

func scaleGeneric[T Float](dst, x []T, c T) {
	x = x[:len(dst)]
	for i := range dst {
		dst[i] = x[i] * c
	}
}

func addScalarGeneric[T Float](dst, x []T, c T) {
	x = x[:len(dst)]
	for i := range dst {
		dst[i] = x[i] + c
	}
}

func fma64Generic(dst, a, b, c []float64) {
	a, b, c = a[:len(dst)], b[:len(dst)], c[:len(dst)]
	for i := range dst {
		dst[i] = math.FMA(a[i], b[i], c[i])
	}
}

func fma32Generic(dst, a, b, c []float32) {
	a, b, c = a[:len(dst)], b[:len(dst)], c[:len(dst)]
	for i := range dst {
		dst[i] = fma.Float32(a[i], b[i], c[i])
	}
}

// axpy64Generic computes a*x+y with one rounding (fused), like the SIMD levels.
func axpy64Generic(dst []float64, a float64, x, y []float64) {
	x, y = x[:len(dst)], y[:len(dst)]
	for i := range dst {
		dst[i] = math.FMA(a, x[i], y[i])
	}
}

func axpy32Generic(dst []float32, a float32, x, y []float32) {
	x, y = x[:len(dst)], y[:len(dst)]
	for i := range dst {
		dst[i] = fma.Float32(a, x[i], y[i])
	}
}
