package dual

import "math"

// Rules for the error function, its complement and their inverses. The derivatives
// involve exp(∓x²); x² is split into an exact sum hi + lo with a fused multiply-add,
// because rounding x² alone would cost up to |x²| ulps of relative error in the
// exponential (about 700 ulps at x = 26).

const (
	twoOverSqrtPi = 1.1283791670955125738961589031215451716881003951356 // 2/√π = erf'(0)
	sqrtPiOverTwo = 0.8862269254527580136490837416705725913987771924830 // √π/2 = erfinv'(0)
	oneOverSqrtPi = 0.5641895835477562869480794515607725858440501975678 // 1/√π
	expMinus64    = 1.603810890548638e-28                               // e⁻⁶⁴, rounded
)

// expSquare returns exp(x²) with a relative error of a few ulps, for |x| < 26.
func expSquare(x float64) float64 {
	hi := x * x
	lo := math.FMA(x, x, -hi)
	return math.Exp(hi) * (1 + lo)
}

// erfSlope returns the derivative 2/√π·exp(-x²) of erf and its second derivative
// -2x times that. For x² > 700 the exponential is formed as e^(64-x²)·e⁻⁶⁴, so that
// the second derivative is rounded once, not from a first derivative that has
// already lost bits to underflow (64 - x² is exact there: both lie in [512, 1024)).
// Where the derivatives underflow to 0 (including x = ±Inf) the second is a zero
// with the sign of -x, never the NaN of -2·Inf·0.
func erfSlope(x float64) (d, dd float64) {
	hi := x * x
	switch {
	case math.IsNaN(x):
		return x, x
	case hi > 750:
		return 0, math.Copysign(0, -x)
	}
	// exp(-x²) = exp(-hi)·exp(-lo) ≈ exp(-hi)·(1 - lo), |lo| ≤ 2⁻⁵³·hi.
	lo := math.FMA(x, x, -hi)
	if hi > 700 {
		e := math.Exp(64-hi) * (1 - lo) * twoOverSqrtPi
		return e * expMinus64, (-2 * x * e) * expMinus64
	}
	d = twoOverSqrtPi * math.Exp(-hi) * (1 - lo)
	return d, -2 * x * d
}

func erfD[T Float](x T) (v, d T) {
	s, _ := erfSlope(float64(x))
	return T(math.Erf(float64(x))), T(s)
}

func erfD2[T Float](x T) (v, d, dd T) {
	s, ss := erfSlope(float64(x))
	return T(math.Erf(float64(x))), T(s), T(ss)
}

func erfcD[T Float](x T) (v, d T) {
	s, _ := erfSlope(float64(x))
	return T(math.Erfc(float64(x))), T(-s)
}

func erfcD2[T Float](x T) (v, d, dd T) {
	s, ss := erfSlope(float64(x))
	return T(math.Erfc(float64(x))), T(-s), T(-ss)
}

// The inverse functions. erfinv'(x) = √π/2·exp(y²) with y = erfinv x, and
// erfinv''(x) = 2y·erfinv'(x)². Written that way the derivative's relative error is
// 2y² times that of y: up to 70 times near ±1. Instead, for |x| ≥ 1/2 the derivative
// is computed as √π/2·erfcx(y)/(1-|x|), where erfcx(y) = exp(y²)·erfc(y) varies
// slowly (its relative sensitivity to y is about 1/y) and 1-|x| is exact. The same
// holds for erfcinv with t = x or 2-x. In both, y is first refined by Newton's method
// on erfc(y) = t: math.Erfcinv(t) computes erfinv(1-t) and so loses the low bits of a
// small t (it is +Inf for t < 2⁻⁵³), and even math.Erfinv's few ulps would cost a
// few more in the derivative.

// erfcx returns exp(y²)·erfc(y) for y ≥ 0.4, with a relative error of a few ulps,
// given e = erfc(y).
func erfcx(y, e float64) float64 {
	if y < 26 {
		return e * expSquare(y)
	}
	// Asymptotic series 1/(√π y) Σ (-1)ⁿ (2n-1)!!/(2y²)ⁿ; at y ≥ 26 the ninth term
	// is below 2⁻⁶⁰. (expSquare would overflow.)
	z := 1 / (2 * y * y)
	s, term := 1.0, 1.0
	for n := 1.0; n <= 8; n++ {
		term *= -(2*n - 1) * z
		s += term
	}
	return oneOverSqrtPi / y * s
}

// erfcinvSmall returns y = erfcinv(t) for 0 < t ≤ 1/2 to within an ulp or two, and
// erfcx(y). It starts from y0 (or, for t < 2⁻⁴⁰, where math's value is +Inf or poor,
// from the asymptotic y² ≈ -ln(t·√π·y)) and takes Newton steps on ln erfc(y) = ln t,
// which converge quadratically: the error after a step of size s is about s²/(2y),
// so a step below 2⁻³²·y is the last one needed. From math.Erfinv's value that is
// the first step.
func erfcinvSmall(t, y0 float64) (y, cx float64) {
	y = y0
	var lt float64 // ln t, where t is small
	if t < 0x1p-40 {
		lt = logValue(t)
		y = math.Sqrt(-lt)
		for range 3 {
			y = math.Sqrt(-lt - math.Log(y/oneOverSqrtPi))
		}
	}
	for range 8 {
		var lr float64 // ln(erfc(y)/t)
		if y < 26 {
			e := math.Erfc(y)
			cx = erfcx(y, e)
			r := e / t // the ratio keeps ln away from subnormal arguments
			if r == 0 || math.IsInf(r, 0) {
				break
			}
			lr = math.Log(r)
		} else {
			// erfc(y) nears the subnormals (from y ≈ 26.5) and loses its bits there:
			// ln erfc(y) = -y² + ln erfcx(y), with erfcx's asymptotic series.
			cx = erfcx(y, 0)
			lr = (-y*y - lt) + math.Log(cx)
		}
		// d/dy ln erfc(y) = -2/(√π erfcx(y))
		step := lr * cx / twoOverSqrtPi
		y += step
		if math.Abs(step) <= 0x1p-32*y {
			// erfcx at the new y, to first order: d/dy ln erfcx = 2y - 2/(√π erfcx).
			return y, cx * (1 + (2*y-twoOverSqrtPi/cx)*step)
		}
	}
	return y, cx
}

// erfinvRule returns erfinv x and its derivative and second derivative. For
// |x| >= 1/2 the value is refined (erfcinvSmall) from math.Erfinv's, which is up to
// 3 ulps off there.
func erfinvRule(x float64) (y, d, dd float64) {
	y = math.Erfinv(x)
	ax := math.Abs(x)
	switch {
	case math.IsNaN(y):
		return y, y, y
	case ax == 1:
		return y, math.Inf(1), y // y = ±Inf
	case ax >= 0.5:
		t := 1 - ax // exact, and erfcinv(t) = |y|
		ya, cx := erfcinvSmall(t, math.Abs(y))
		d = sqrtPiOverTwo * cx / t
		return math.Copysign(ya, x), d, math.Copysign(2*ya*d*d, x)
	}
	d = sqrtPiOverTwo * expSquare(y)
	return y, d, 2 * y * d * d
}

func erfinvD[T Float](x T) (v, d T) {
	y, s, _ := erfinvRule(float64(x))
	return T(y), T(s)
}

func erfinvD2[T Float](x T) (v, d, dd T) {
	y, s, ss := erfinvRule(float64(x))
	return T(y), T(s), T(ss)
}

// erfcinvRule returns erfcinv x and its derivative and second derivative. Since
// erfcinv(x) = erfinv(1-x), they are -erfinv'(1-x) and erfinv″(1-x); erfcinv is odd
// about x = 1. For x <= 1/2 or x >= 3/2 the value is refined (erfcinvSmall) from
// math.Erfcinv's, which computes erfinv(1-x) and so loses the low bits of a small x
// (2.4e7 ulps at 1e-10; +Inf below 2⁻⁵³).
func erfcinvRule(x float64) (y, d, dd float64) {
	y = math.Erfcinv(x)
	switch {
	case math.IsNaN(y):
		return y, y, y
	case x == 0 || x == 2:
		return y, math.Inf(-1), y // y = ±Inf
	case x <= 0.5 || x >= 1.5:
		t, sign := x, 1.0
		if x >= 1.5 {
			t, sign = 2-x, -1 // 2-x is exact
		}
		ya, cx := erfcinvSmall(t, math.Abs(y))
		d = sqrtPiOverTwo * cx / t
		return sign * ya, -d, sign * 2 * ya * d * d
	}
	d = sqrtPiOverTwo * expSquare(y)
	return y, -d, 2 * y * d * d
}

func erfcinvD[T Float](x T) (v, d T) {
	y, s, _ := erfcinvRule(float64(x))
	return T(y), T(s)
}

func erfcinvD2[T Float](x T) (v, d, dd T) {
	y, s, ss := erfcinvRule(float64(x))
	return T(y), T(s), T(ss)
}
