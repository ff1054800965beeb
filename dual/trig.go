package dual

import (
	"math"

	"github.com/dualgrad/dualgrad/internal/libm"
)

// This file holds the rules of the circular functions and their inverses.
// Values come from sincos.go and values.go (math or libm; float32 results are
// the float64 result rounded).

// sinD returns sin x and its derivative cos x.
func sinD[T Float](x T) (v, d T) {
	s, c := sincosValue(float64(x))
	return T(s), T(c)
}

// sinD2 returns sin x and its derivatives cos x and -sin x.
func sinD2[T Float](x T) (v, d, dd T) {
	s, c := sincosValue(float64(x))
	return T(s), T(c), T(-s)
}

// cosD returns cos x and its derivative -sin x.
func cosD[T Float](x T) (v, d T) {
	s, c := sincosValue(float64(x))
	return T(c), T(-s)
}

// cosD2 returns cos x and its derivatives -sin x and -cos x.
func cosD2[T Float](x T) (v, d, dd T) {
	s, c := sincosValue(float64(x))
	return T(c), T(-s), T(-c)
}

// sincosD returns sin x and cos x; their derivatives are cos x and -sin x, and
// their second derivatives -sin x and -cos x, so the pair is all a rule needs.
func sincosD[T Float](x T) (s, c T) {
	sf, cf := sincosValue(float64(x))
	return T(sf), T(cf)
}

// tanD returns tan x and its derivative 1 + tan² x (= 1/cos² x), which needs
// no second call into libm.
func tanD[T Float](x T) (v, d T) {
	t := libm.Tan(float64(x))
	return T(t), T(1 + t*t)
}

// tanD2 returns tan x and its derivatives 1 + tan² x and 2 tan x (1 + tan² x).
func tanD2[T Float](x T) (v, d, dd T) {
	t := libm.Tan(float64(x))
	d1 := 1 + t*t
	return T(t), T(d1), T(2 * t * d1)
}

// invSqrtOneMinusSq returns 1/sqrt(1-x²), computing 1-x² as (1-x)(1+x) so it
// stays accurate near |x| = 1, where asin and acos have their singularities.
func invSqrtOneMinusSq(x float64) float64 {
	return 1 / math.Sqrt((1-x)*(1+x))
}

// asinD returns asin x and its derivative 1/sqrt(1-x²): +Inf at x = ±1, NaN
// for |x| > 1.
func asinD[T Float](x T) (v, d T) {
	xf := float64(x)
	return T(libm.Asin(xf)), T(invSqrtOneMinusSq(xf))
}

// asinD2 returns asin x and its derivatives 1/sqrt(1-x²) and x/(1-x²)^(3/2).
func asinD2[T Float](x T) (v, d, dd T) {
	xf := float64(x)
	r := invSqrtOneMinusSq(xf)
	return T(libm.Asin(xf)), T(r), T(xf * r * r * r)
}

// acosD returns acos x and its derivative -1/sqrt(1-x²): -Inf at x = ±1, NaN
// for |x| > 1.
func acosD[T Float](x T) (v, d T) {
	xf := float64(x)
	return T(libm.Acos(xf)), T(-invSqrtOneMinusSq(xf))
}

// acosD2 returns acos x and its derivatives -1/sqrt(1-x²) and -x/(1-x²)^(3/2).
func acosD2[T Float](x T) (v, d, dd T) {
	xf := float64(x)
	r := invSqrtOneMinusSq(xf)
	return T(libm.Acos(xf)), T(-r), T(-xf * r * r * r)
}

// atanD returns atan x and its derivative 1/(1+x²).
func atanD[T Float](x T) (v, d T) {
	xf := float64(x)
	return T(math.Atan(xf)), T(1 / (1 + xf*xf))
}

// atanD2 returns atan x and its derivatives 1/(1+x²) and -2x/(1+x²)²; the
// second is formed as -2·(x·d)·d so it does not overflow for large x, and is 0
// where d is (|x| > 1e154 or so, and ±Inf, where x·d would be Inf·0).
func atanD2[T Float](x T) (v, d, dd T) {
	xf := float64(x)
	d1 := 1 / (1 + xf*xf)
	dd1 := 0.0
	if d1 != 0 {
		dd1 = -2 * (xf * d1) * d1
	}
	return T(math.Atan(xf)), T(d1), T(dd1)
}

// atan2Scaled returns a = y/h, b = x/h, c = (y-x)/h, d = (y+x)/h and
// inv = 1/(h·(a²+b²)) for h = max(|y|, |x|), so that ∂atan2/∂y = b·inv and
// ∂atan2/∂x = -a·inv, with no overflow or underflow in y²+x²; c and d give
// y²-x² without the cancellation of a²-b². At the origin inv is 0: atan2 has no
// derivative there and we choose 0 for every partial, keeping gradients finite;
// for infinite arguments the partials tend to 0 and are 0. Where h < 2^-1000, inv
// would overflow although b·inv may not (at y = 0 it is exactly 0): inv is then
// computed for h·2^600 and s = 2^600 (else 1), and each partial is (b·inv)·s, each
// second partial the product of two such factors.
func atan2Scaled(y, x float64) (a, b, c, d, inv, s float64) {
	h := math.Max(math.Abs(y), math.Abs(x))
	if h == 0 || math.IsInf(h, 1) {
		return 0, 0, 0, 0, 0, 1
	}
	s = 1
	if h < 0x1p-1000 {
		s = 0x1p600
	}
	a, b = y/h, x/h
	return a, b, (y - x) / h, (y + x) / h, 1 / ((h * s) * (a*a + b*b)), s
}

// atan2D returns atan2(y, x) and its partials x/(x²+y²) with respect to y and
// -y/(x²+y²) with respect to x; both are 0 at the origin and for infinite
// arguments.
func atan2D[T Float](y, x T) (v, dy, dx T) {
	yf, xf := float64(y), float64(x)
	a, b, _, _, inv, s := atan2Scaled(yf, xf)
	return T(atan2Value(yf, xf)), T(b * inv * s), T(-a * inv * s)
}

// atan2D2 returns atan2(y, x), its partials, and the second partials
// ∂²/∂y² = -2xy/(x²+y²)², ∂²/∂y∂x = (y²-x²)/(x²+y²)², ∂²/∂x² = 2xy/(x²+y²)²,
// all 0 at the origin. Each is a product of two scaled factors, so it
// overflows only where the true result does.
func atan2D2[T Float](y, x T) (v, dy, dx, dyy, dyx, dxx T) {
	yf, xf := float64(y), float64(x)
	a, b, c, d, inv, s := atan2Scaled(yf, xf)
	ai, bi := a*inv*s, b*inv*s
	return T(atan2Value(yf, xf)), T(bi), T(-ai),
		T(-2 * ai * bi), T((c * inv * s) * (d * inv * s)), T(2 * ai * bi)
}
