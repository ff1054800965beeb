package libm

import "math"

// Hyperbolic functions, float64.
//
// Sinh: for |x| <= 1, sinh x = x + x^3 H(x^2) (H: degree 7 fit sinhPoly). Above, and for
// cosh everywhere, e^|x| = 2^k (mh + ml) comes from the exp core as a double-double,
// and (e^|x| -/+ e^-|x|)/2 is formed from it and its double-double reciprocal; for
// k >= 40 the reciprocal is below the last bit and is skipped, and the final scaling
// by 2^(k-1) rounds once, so results just below the overflow threshold stay finite.
// Tanh: for |x| <= 0.625, tanh x = x + x^3 K(x^2) (K: degree 13 fit tanhPoly); above,
// tanh |x| = 1 - 2/(e^2|x| + 1) in double-double, and 1 from |x| >= 22. Errors stay
// below 0.63 ULP (measured).

// expDD returns k, mh, ml with e^x = 2^k (mh + ml), 0.7 < mh < 1.42, for |x| < 746.
func expDD(x float64) (k int, mh, ml float64) {
	kf, rh, rl := reduceLn2(x)
	mh, ml = fastTwoSum(expCore(rh, rl))
	return int(kf), mh, ml
}

// recipDD returns 1/(h + l) as a double-double.
func recipDD(h, l float64) (rh, rl float64) {
	rh = 1 / h
	rl = (math.FMA(-rh, h, 1) - rh*l) / h
	return rh, rl
}

// sinhCosh returns sinh |x| (sign = -1) or cosh x (sign = +1) for |x| > 0 finite.
func sinhCosh(ax, sign float64) float64 {
	if ax > 711 {
		return math.Inf(1)
	}
	k, mh, ml := expDD(ax)
	if k >= 40 { // e^-|x| is far below the last bit of e^|x|
		return scaleByPow2(mh+ml, k-1)
	}
	// 2^(k-1) (m + sign 2^-2k / m), with 2^-2k/m as a double-double.
	ih, il := recipDD(mh, ml)
	f := sign * pow2(-2*k)
	h, l := twoSum(mh, f*ih)
	l += ml + f*il
	return (h + l) * pow2(k-1)
}

func Sinh(x float64) float64 {
	ax := math.Abs(x)
	switch {
	case x != x || math.IsInf(x, 0) || x == 0:
		return x
	case ax <= 1:
		z := x * x
		return x + x*z*horner(z, sinhPoly[:])
	}
	return math.Copysign(sinhCosh(ax, -1), x)
}

func Cosh(x float64) float64 {
	switch {
	case x != x:
		return x
	case math.IsInf(x, 0):
		return math.Inf(1)
	}
	return sinhCosh(math.Abs(x), 1)
}

func Tanh(x float64) float64 {
	ax := math.Abs(x)
	switch {
	case x != x || x == 0:
		return x
	case ax >= 22: // 1 - tanh x < 2^-63
		return math.Copysign(1, x)
	case ax <= 0.625:
		z := x * x
		return x + x*z*horner(z, tanhPoly[:])
	}
	// 1 - 2/(E + 1) with E = e^2|x| = 2^k (mh + ml).
	k, mh, ml := expDD(2 * ax)
	s := pow2(k)
	dh, dl := fastTwoSum(mh*s, 1)
	dl += ml * s
	qh, ql := recipDD(dh, dl)
	h, l := fastTwoSum(1, -2*qh)
	return math.Copysign(h+(l-2*ql), x)
}
