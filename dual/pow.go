package dual

import (
	"math"

	"github.com/dualgrad/dualgrad/internal/libm"
)

// This file holds the rules of the power functions. Where x**y has no
// derivative the rules follow PyTorch's conventions:
//
//   - ∂/∂x x**y = y·x**(y-1), taken as 0 when y = 0 (so 0**0 has slope 0);
//   - ∂/∂y x**y = x**y·ln x, taken as 0 when x = 0 and y >= 0;
//   - for x < 0, ∂/∂y is NaN: x**y is not real-valued on any interval of y.
//
// Second partials keep the same masks: a term whose coefficient is a zero
// exponent is 0, and a term x**a·ln x or x**a·ln² x with x = 0 and a >= 0 is 0.
// Where x**a is 0 for x > 0 (underflow, or x = +Inf with a < 0) the log terms
// are 0, their limit, rather than 0·Inf = NaN.

// powMinusOne returns x**(y-1) given p = x**y. Where p is a normal float and x
// is not zero, p/x is within about an ulp, as a second call to libm.Pow, and
// several times cheaper; elsewhere (x = 0, overflow, underflow, NaN) it calls
// libm.Pow.
func powMinusOne(x, y, p float64) float64 {
	if a := math.Abs(p); x != 0 && a >= 0x1p-1022 && a <= math.MaxFloat64 {
		return p / x
	}
	return libm.Pow(x, y-1)
}

// powSlopeX returns ∂/∂x x**y = y·x**(y-1), 0 when y = 0. Where x**y is
// subnormal and |x| >= 1, y·x**y/x keeps the bits that x**(y-1), smaller still, may
// lose to underflow (for |x| < 1 x**(y-1) is the larger, and computed itself);
// where x**y is normal but x**(y-1) = x**y/x overflows, (y·x**y)/x is finite when
// |y| is small enough (x = y = 2^-1074: 1, not +Inf).
func powSlopeX(x, y, p float64) float64 {
	if y == 0 {
		return 0
	}
	a := math.Abs(p)
	switch {
	case a != 0 && a < 0x1p-1022 && math.Abs(x) >= 1 && !math.IsInf(x, 0):
		return y * p / x
	case x != 0 && a >= 0x1p-1022 && a <= math.MaxFloat64:
		if q := p / x; !math.IsInf(q, 0) {
			return y * q
		}
		return y * p / x
	}
	return y * libm.Pow(x, y-1)
}

// powLog returns x**a·ln x given q = x**a: 0 when x = 0 and a >= 0 (the mask),
// and 0 when x > 0 and q is 0, which is the limit where q underflows or
// x = +Inf with a < 0 (where the product would be 0·Inf = NaN).
func powLog(x, a, q float64) float64 {
	if (x == 0 && a >= 0) || (x > 0 && q == 0) {
		return 0
	}
	return q * logValue(x)
}

// powD returns x**y and its partials y·x**(y-1) and x**y·ln x, with the masks
// described at the top of this file.
func powD[T Float](x, y T) (v, dx, dy T) {
	xf, yf := float64(x), float64(y)
	p := powValue(xf, yf)
	return T(p), T(powSlopeX(xf, yf, p)), T(powLog(xf, yf, p))
}

// powD2 returns x**y, its partials, and the second partials
// ∂²/∂x² = y(y-1)·x**(y-2), ∂²/∂x∂y = x**(y-1)·(1 + y ln x),
// ∂²/∂y² = x**y·ln² x, with the masks described at the top of this file.
func powD2[T Float](x, y T) (v, dx, dy, dxx, dxy, dyy T) {
	xf, yf := float64(x), float64(y)
	p := powValue(xf, yf)
	pm1 := powMinusOne(xf, yf, p)
	dxf := powSlopeX(xf, yf, p)
	dyf := powLog(xf, yf, p)
	// x**(y-1)·(1 + y ln x) = x**(y-1) + y·(x**(y-1)·ln x), formed from the
	// slope where it is finite and not zero (then it has kept the bits that
	// x**(y-1) loses to underflow), else from x**(y-1) with the masks.
	var dxyf float64
	if yf != 0 && xf > 0 && dxf != 0 && !math.IsInf(dxf, 0) && dxf == dxf {
		dxyf = dxf/yf + dxf*logValue(xf)
	} else {
		dxyf = pm1
		if yf != 0 {
			dxyf += yf * powLog(xf, yf-1, pm1)
		}
	}
	// x**y·ln² x = (x**y·ln x)·ln x, with the same masks.
	dyyf := powLog(xf, yf, dyf)
	return T(p), T(dxf), T(dyf), T(powCurvatureX(xf, yf, dxf)), T(dxyf), T(dyyf)
}

// powCurvatureX returns ∂²/∂x² x**y = y(y-1)·x**(y-2), 0 when y is 0 or 1,
// given the slope s = y·x**(y-1). Where s is finite and not zero, (y-1)·s/x is
// as accurate as a call to libm.Pow and also right where x**(y-2) underflows.
func powCurvatureX(x, y, s float64) float64 {
	c := y * (y - 1)
	if c == 0 {
		return 0
	}
	if s != 0 && !math.IsInf(s, 0) && x != 0 && !math.IsInf(x, 0) && s == s {
		return (y - 1) * s / x
	}
	return c * libm.Pow(x, y-2)
}

// powRealD returns x**p for a constant exponent p and its derivative
// p·x**(p-1), 0 when p = 0.
func powRealD[T Float](x, p T) (v, d T) {
	return powConst[T](float64(x), float64(p))
}

// powRealD2 returns x**p and its derivatives p·x**(p-1) and p(p-1)·x**(p-2),
// each 0 when its coefficient is 0.
func powRealD2[T Float](x, p T) (v, d, dd T) {
	return powConst2[T](float64(x), float64(p))
}

// powIntD returns x**n and its derivative n·x**(n-1), 0 when n = 0. The value
// is powValue(x, n), bit for bit.
func powIntD[T Float](x T, n int) (v, d T) {
	return powConst[T](float64(x), float64(n))
}

// powIntD2 returns x**n and its derivatives n·x**(n-1) and n(n-1)·x**(n-2),
// each 0 when its coefficient is 0.
func powIntD2[T Float](x T, n int) (v, d, dd T) {
	return powConst2[T](float64(x), float64(n))
}

// powConst returns x**p and its derivative, computed in float64.
func powConst[T Float](x, p float64) (v, d T) {
	r := powValue(x, p)
	return T(r), T(powSlopeX(x, p, r))
}

// powConst2 returns x**p and its first and second derivatives, computed in
// float64.
func powConst2[T Float](x, p float64) (v, d, dd T) {
	r := powValue(x, p)
	s := powSlopeX(x, p, r)
	return T(r), T(s), T(powCurvatureX(x, p, s))
}
