package dual

import "math"

// Rules for the hyperbolic functions and their inverses. Every rule evaluates in
// float64 and rounds once to T, so a float32 result carries the float64 rule's error
// plus one rounding.

// hyperbolicBig is the |x| above which cosh x and |sinh x| are computed here as
// (e^(|x|/2)/2)·e^(|x|/2). math.Exp, and so math.Sinh and math.Cosh, returns +Inf on
// amd64 from x ≈ 709.44, a little below ln(MaxFloat64) ≈ 709.78, while cosh x stays
// finite up to ln(2·MaxFloat64) ≈ 710.48.
const hyperbolicBig = 700

// coshSinh returns cosh x and sinh x for the derivatives, within 2 ulps and finite
// up to |x| ≈ 710.48, beyond the point where math.Sinh and math.Cosh return ±Inf.
func coshSinh(x float64) (c, s float64) {
	if math.Abs(x) <= hyperbolicBig {
		return math.Cosh(x), math.Sinh(x)
	}
	e := math.Exp(math.Abs(x) / 2)
	c = (0.5 * e) * e
	return c, math.Copysign(c, x)
}

func sinhD[T Float](x T) (v, d T) {
	c, _ := coshSinh(float64(x))
	return T(sinhValue(float64(x))), T(c)
}

func sinhD2[T Float](x T) (v, d, dd T) {
	c, s := coshSinh(float64(x))
	return T(sinhValue(float64(x))), T(c), T(s)
}

func coshD[T Float](x T) (v, d T) {
	_, s := coshSinh(float64(x))
	return T(coshValue(float64(x))), T(s)
}

func coshD2[T Float](x T) (v, d, dd T) {
	c, s := coshSinh(float64(x))
	return T(coshValue(float64(x))), T(s), T(c)
}

// tanhSlope returns tanh x and its derivative sech² x. The derivative is computed as
// (1/cosh x)² rather than 1 - tanh² x, which rounds to 0 as soon as tanh x rounds
// to ±1 (|x| > 19) although the true slope is still about 4e-17.
func tanhSlope(x float64) (t, d float64) {
	sech := 1 / math.Cosh(x)
	return math.Tanh(x), sech * sech
}

func tanhD[T Float](x T) (v, d T) {
	t, s := tanhSlope(float64(x))
	return T(t), T(s)
}

func tanhD2[T Float](x T) (v, d, dd T) {
	t, s := tanhSlope(float64(x))
	return T(t), T(s), T(-2 * t * s)
}

// asinhSlope returns asinh x, its derivative 1/√(1+x²) and its second derivative
// -x/(1+x²)^(3/2). Below |x| = 2⁵⁰⁰ the sum 1+x² is formed from the exact split
// x² = hi + lo, so it carries one rounding; above, where x² would overflow, the
// derivative is 1/Hypot(1, x) and the second derivative (x·d)·d², which does not
// underflow early.
func asinhSlope(x float64) (v, d, dd float64) {
	v = math.Asinh(x)
	switch {
	case math.IsInf(x, 0):
		return v, 0, math.Copysign(0, -x)
	case math.Abs(x) < 0x1p500:
		hi := x * x
		s := (1 + hi) + math.FMA(x, x, -hi)
		r := math.Sqrt(s)
		return v, 1 / r, -x / (s * r)
	}
	d = 1 / math.Hypot(1, x)
	return v, d, -(x * d) * (d * d)
}

func asinhD[T Float](x T) (v, d T) {
	a, s, _ := asinhSlope(float64(x))
	return T(a), T(s)
}

func asinhD2[T Float](x T) (v, d, dd T) {
	a, s, ss := asinhSlope(float64(x))
	return T(a), T(s), T(ss)
}

// acoshSlope returns acosh x, its derivative 1/√(x²-1) and its second derivative
// -x/(x²-1)^(3/2). x²-1 is formed as (x-1)(x+1): x-1 is exact near 1, where x²-1
// would cancel. Above x = 2⁵⁰⁰, where that product would overflow, the square root
// is split as √(x-1)·√(x+1) instead.
func acoshSlope(x float64) (v, d, dd float64) {
	v = math.Acosh(x)
	switch {
	case math.IsNaN(v):
		return v, v, v
	case math.IsInf(x, 1):
		return v, 0, math.Copysign(0, -1)
	case x < 0x1p500:
		s := (x - 1) * (x + 1)
		r := math.Sqrt(s)
		return v, 1 / r, -x / (s * r)
	}
	d = 1 / (math.Sqrt(x-1) * math.Sqrt(x+1))
	return v, d, -(x * d) * (d * d)
}

func acoshD[T Float](x T) (v, d T) {
	a, s, _ := acoshSlope(float64(x))
	return T(a), T(s)
}

func acoshD2[T Float](x T) (v, d, dd T) {
	a, s, ss := acoshSlope(float64(x))
	return T(a), T(s), T(ss)
}

// atanhSlope returns atanh x, its derivative 1/(1-x²) and its second derivative
// 2x/(1-x²)². The factored form (1-x)(1+x) is exact enough near ±1, where 1-x²
// would cancel. Outside [-1, 1] the value is NaN and so are the derivatives.
func atanhSlope(x float64) (v, d, dd float64) {
	v = math.Atanh(x)
	if math.IsNaN(v) {
		return v, v, v
	}
	d = 1 / ((1 - x) * (1 + x))
	return v, d, 2 * x * d * d
}

func atanhD[T Float](x T) (v, d T) {
	a, s, _ := atanhSlope(float64(x))
	return T(a), T(s)
}

func atanhD2[T Float](x T) (v, d, dd T) {
	a, s, ss := atanhSlope(float64(x))
	return T(a), T(s), T(ss)
}
