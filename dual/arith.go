package dual

import (
	"math"
	"unsafe"

	"github.com/dualgrad/dualgrad/internal/fma"
)

// This file holds the rules of the arithmetic operations that are not a single
// line in the templates: division, reciprocal, absolute value and fused
// multiply-add. Each rule returns the value and the local derivatives that the
// dual types multiply into their tangents (see the package documentation).

// divD returns x/y and its partials 1/y and -x/y².
// The second partial is computed as -(x/y)·(1/y) so it neither overflows nor
// underflows where x/y² would but the quotient does not. Derivatives are
// computed in float64 and rounded once, which makes them nearly correctly
// rounded for float32; the quotient itself is the same either way, since a
// float64 quotient of float32s rounds to the float32 quotient.
func divD[T Float](x, y T) (v, dx, dy T) {
	xf, yf := float64(x), float64(y)
	vf := xf / yf
	r := 1 / yf
	return T(vf), T(r), T(-vf * r)
}

// divD2 returns x/y, its partials, and the second partials
// ∂²/∂x² = 0, ∂²/∂x∂y = -1/y², ∂²/∂y² = 2x/y³.
func divD2[T Float](x, y T) (v, dx, dy, dxx, dxy, dyy T) {
	xf, yf := float64(x), float64(y)
	vf := xf / yf
	r := 1 / yf
	dyf := -vf * r
	return T(vf), T(r), T(dyf), 0, T(-r * r), T(-2 * dyf * r)
}

// invD returns 1/x and its derivative -1/x².
func invD[T Float](x T) (v, d T) {
	vf := 1 / float64(x)
	return T(vf), T(-vf * vf)
}

// invD2 returns 1/x and its first and second derivatives -1/x² and 2/x³.
func invD2[T Float](x T) (v, d, dd T) {
	vf := 1 / float64(x)
	df := -vf * vf
	return T(vf), T(df), T(-2 * df * vf)
}

// absD returns |x| and its derivative: the sign of x, 0 at x = ±0 (PyTorch's
// convention for the subgradient at the kink), NaN for NaN.
func absD[T Float](x T) (v, d T) {
	v = T(math.Abs(float64(x)))
	switch {
	case x > 0:
		d = 1
	case x < 0:
		d = -1
	case x == 0:
		d = 0
	default:
		d = x // NaN
	}
	return v, d
}

// absD2 returns |x|, its derivative as absD does, and the second derivative,
// which is 0 everywhere (NaN for NaN).
func absD2[T Float](x T) (v, d, dd T) {
	v, d = absD(x)
	return v, d, d - d
}

// fmaD returns x*y + z computed with one rounding, and its partials y, x and 1.
func fmaD[T Float](x, y, z T) (v, dx, dy, dz T) {
	if unsafe.Sizeof(x) == 4 { // float32; the size, unlike a type switch, folds away
		return T(fma.Float32(float32(x), float32(y), float32(z))), y, x, 1
	}
	return T(math.FMA(float64(x), float64(y), float64(z))), y, x, 1
}
