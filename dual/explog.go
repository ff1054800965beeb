package dual

import (
	"math"

	"github.com/dualgrad/dualgrad/internal/libm"
)

// This file holds the rules of the exponential and logarithmic functions.
// Values come from values.go (math or libm; float32 results are the float64
// result rounded); derivatives of the float32 types are computed in float64 and
// rounded once.

// expD returns e**x and its derivative e**x.
func expD[T Float](x T) (v, d T) {
	e := T(expValue(float64(x)))
	return e, e
}

// expD2 returns e**x and its first and second derivatives, both e**x.
func expD2[T Float](x T) (v, d, dd T) {
	e := T(expValue(float64(x)))
	return e, e, e
}

// exp2D returns 2**x and its derivative ln 2 · 2**x.
func exp2D[T Float](x T) (v, d T) {
	e := math.Exp2(float64(x))
	return T(e), T(math.Ln2 * e)
}

// exp2D2 returns 2**x and its derivatives ln 2 · 2**x and ln² 2 · 2**x.
func exp2D2[T Float](x T) (v, d, dd T) {
	e := math.Exp2(float64(x))
	return T(e), T(math.Ln2 * e), T(math.Ln2 * math.Ln2 * e)
}

// expm1Deriv returns e**x given m = e**x - 1. Above -ln 2, 1 + m is within an
// ulp or so of e**x and saves a call to math.Exp; below, 1 + m cancels, so
// e**x is computed afresh.
func expm1Deriv(x, m float64) float64 {
	if x > -math.Ln2 {
		return 1 + m
	}
	return math.Exp(x)
}

// expm1D returns e**x - 1 and its derivative e**x.
func expm1D[T Float](x T) (v, d T) {
	xf := float64(x)
	m := math.Expm1(xf)
	return T(m), T(expm1Deriv(xf, m))
}

// expm1D2 returns e**x - 1 and its first and second derivatives, both e**x.
func expm1D2[T Float](x T) (v, d, dd T) {
	xf := float64(x)
	m := math.Expm1(xf)
	e := T(expm1Deriv(xf, m))
	return T(m), e, e
}

// logD returns ln x and its derivative 1/x (+Inf at x = +0).
func logD[T Float](x T) (v, d T) {
	return T(logValue(float64(x))), 1 / x
}

// logD2 returns ln x and its derivatives 1/x and -1/x².
func logD2[T Float](x T) (v, d, dd T) {
	xf := float64(x)
	df := 1 / xf
	return T(logValue(xf)), T(df), T(-df * df)
}

// log2D returns log₂ x and its derivative 1/(x ln 2).
func log2D[T Float](x T) (v, d T) {
	xf := float64(x)
	return T(libm.Log2(xf)), T(math.Log2E / xf)
}

// log2D2 returns log₂ x and its derivatives 1/(x ln 2) and -1/(x² ln 2).
func log2D2[T Float](x T) (v, d, dd T) {
	xf := float64(x)
	d1 := math.Log2E / xf
	return T(libm.Log2(xf)), T(d1), T(-d1 / xf)
}

// log10D returns log₁₀ x and its derivative 1/(x ln 10).
func log10D[T Float](x T) (v, d T) {
	xf := float64(x)
	return T(libm.Log10(xf)), T(math.Log10E / xf)
}

// log10D2 returns log₁₀ x and its derivatives 1/(x ln 10) and -1/(x² ln 10).
func log10D2[T Float](x T) (v, d, dd T) {
	xf := float64(x)
	d1 := math.Log10E / xf
	return T(libm.Log10(xf)), T(d1), T(-d1 / xf)
}

// log1pD returns ln(1+x) and its derivative 1/(1+x).
func log1pD[T Float](x T) (v, d T) {
	xf := float64(x)
	return T(math.Log1p(xf)), T(1 / (1 + xf))
}

// log1pD2 returns ln(1+x) and its derivatives 1/(1+x) and -1/(1+x)².
func log1pD2[T Float](x T) (v, d, dd T) {
	xf := float64(x)
	d1 := 1 / (1 + xf)
	return T(math.Log1p(xf)), T(d1), T(-d1 * d1)
}

// sqrtD returns sqrt x and its derivative 1/(2 sqrt x): +Inf at x = ±0, as in
// PyTorch at +0 (the one-sided derivative), and 0 at +Inf.
func sqrtD[T Float](x T) (v, d T) {
	s := math.Sqrt(float64(x))
	return T(s), T(0.5 / sqrtMagnitude(s))
}

// sqrtD2 returns sqrt x and its derivatives 1/(2 sqrt x) and -1/(4 x^(3/2)),
// the second formed as -2d³: -Inf at x = ±0.
func sqrtD2[T Float](x T) (v, d, dd T) {
	s := math.Sqrt(float64(x))
	df := 0.5 / sqrtMagnitude(s)
	return T(s), T(df), T(-2 * df * df * df)
}

// sqrtMagnitude returns s with the sign of zero dropped: Sqrt(-0) = -0, but the
// slope of sqrt at 0 is +Inf from the only side where sqrt is defined.
func sqrtMagnitude(s float64) float64 {
	if s == 0 {
		return 0
	}
	return s
}

// cbrtD returns the cube root of x and its derivative 1/(3 cbrt² x): +Inf at
// x = ±0.
func cbrtD[T Float](x T) (v, d T) {
	c := math.Cbrt(float64(x))
	return T(c), T((1.0 / 3) / (c * c))
}

// cbrtD2 returns the cube root of x and its derivatives 1/(3 cbrt² x) and
// -2/(9 x^(5/3)), the second formed as -(2/3)·d/x: -Inf at +0, +Inf at -0.
func cbrtD2[T Float](x T) (v, d, dd T) {
	xf := float64(x)
	c := math.Cbrt(xf)
	d1 := (1.0 / 3) / (c * c)
	return T(c), T(d1), T(-(2.0 / 3) * d1 / xf)
}
