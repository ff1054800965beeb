package dual

import "math"

// Rules for the Bessel functions of order 0 and 1 of the first kind (J) and the
// second kind (Y). They use J0' = -J1, J1' = J0 - J1/x, Y0' = -Y1 and
// Y1' = Y0 - Y1/x, and differentiate those once more for the second derivatives:
//
//	J0″ = J1/x - J0            J1″ = 2J1/x² - J0/x - J1
//	Y0″ = Y1/x - Y0            Y1″ = 2Y1/x² - Y0/x - Y1
//
// The derivatives inherit the absolute accuracy of math.J0 and friends: near a zero
// of a derivative only an absolute error bound is meaningful.

func j0D[T Float](x T) (v, d T) {
	return T(math.J0(float64(x))), T(-math.J1(float64(x)))
}

func j0D2[T Float](x T) (v, d, dd T) {
	xf := float64(x)
	j0, j1 := math.J0(xf), math.J1(xf)
	return T(j0), T(-j1), T(j1OverX(xf, j1) - j0)
}

// j1OverX returns J1(x)/x given j1 = J1(x), with its limit 1/2 at x = 0 and its
// limit 0 at ±Inf.
func j1OverX(x, j1 float64) float64 {
	if x == 0 {
		return 0.5
	}
	if math.IsInf(x, 0) {
		return 0
	}
	return j1 / x
}

func j1D[T Float](x T) (v, d T) {
	xf := float64(x)
	j0, j1 := math.J0(xf), math.J1(xf)
	return T(j1), T(j0 - j1OverX(xf, j1))
}

// j1SeriesBound is the |x| below which J1″ is summed from its power series: the
// closed form 2J1/x² - J0/x - J1 cancels terms of size 1/x down to a result of size
// 3x/8, losing about 2·log2(1/|x|) bits.
const j1SeriesBound = 0.5

// j1SecondSeries returns J1″(x) for |x| ≤ 0.5 from the series
// Σ (-1)^k (2k+1)(2k) / (4 k! (k+1)!) (x/2)^(2k-1), k ≥ 1; eight terms reach 2⁻⁶⁰.
func j1SecondSeries(x float64) float64 {
	h := x / 2
	h2 := h * h
	// term is (-1)^k h^(2k-1) / (k! (k+1)!), starting at k = 1.
	sum, term := 0.0, -h/2
	for k := 1.0; k <= 8; k++ {
		sum += term * (2*k + 1) * (2 * k) / 4
		term *= -h2 / ((k + 1) * (k + 2))
	}
	return sum
}

func j1D2[T Float](x T) (v, d, dd T) {
	xf := float64(x)
	j0, j1 := math.J0(xf), math.J1(xf)
	j1x := j1OverX(xf, j1)
	if math.Abs(xf) <= j1SeriesBound {
		dd = T(j1SecondSeries(xf))
	} else if math.IsInf(xf, 0) {
		dd = 0
	} else {
		dd = T((2*j1x-j0)/xf - j1)
	}
	return T(j1), T(j0 - j1x), dd
}

func y0D[T Float](x T) (v, d T) {
	return T(math.Y0(float64(x))), T(-math.Y1(float64(x)))
}

func y0D2[T Float](x T) (v, d, dd T) {
	xf := float64(x)
	y0, y1 := math.Y0(xf), math.Y1(xf)
	if xf == 0 { // Y0 ~ (2/π) ln x: Y0' → +Inf, Y0″ → -Inf.
		return T(y0), T(-y1), T(math.Inf(-1))
	}
	return T(y0), T(-y1), T(y1/xf - y0)
}

// y1Slope returns Y1'(x) and Y1″(x) from y0 = Y0(x) and y1 = Y1(x). At x = 0,
// where Y1 ~ -2/(πx), they are the limits +Inf and -Inf; at +Inf both are 0.
func y1Slope(x, y0, y1 float64) (d, dd float64) {
	switch {
	case x == 0:
		return math.Inf(1), math.Inf(-1)
	case math.IsInf(x, 1):
		return 0, 0
	}
	y1x := y1 / x
	return y0 - y1x, (2*y1x-y0)/x - y1
}

func y1D[T Float](x T) (v, d T) {
	xf := float64(x)
	y0, y1 := math.Y0(xf), math.Y1(xf)
	s, _ := y1Slope(xf, y0, y1)
	return T(y1), T(s)
}

func y1D2[T Float](x T) (v, d, dd T) {
	xf := float64(x)
	y0, y1 := math.Y0(xf), math.Y1(xf)
	s, ss := y1Slope(xf, y0, y1)
	return T(y1), T(s), T(ss)
}

// Rules for the Bessel functions of integer order n, math.Jn and math.Yn. They use
// the recurrences
//
//	Fn' = (F(n-1) - F(n+1))/2       Fn″ = (F(n-2) - 2Fn + F(n+2))/4
//
// which hold for J and Y alike and for negative n, and have no 1/x term to fail at
// x = 0. They take an int order, so they are not in the generator's tables: see
// internal/gen/SPECIAL_NOTES.md for the method they are meant for, x.Jn(n). Like
// powIntD(x, n) the dual argument comes first, unlike math.Jn(n, x).

func jnD[T Float](x T, n int) (v, d T) {
	xf := float64(x)
	return T(math.Jn(n, xf)), T((math.Jn(n-1, xf) - math.Jn(n+1, xf)) / 2)
}

func jnD2[T Float](x T, n int) (v, d, dd T) {
	xf := float64(x)
	jn := math.Jn(n, xf)
	d2 := (math.Jn(n-2, xf) - 2*jn + math.Jn(n+2, xf)) / 4
	return T(jn), T((math.Jn(n-1, xf) - math.Jn(n+1, xf)) / 2), T(d2)
}

// ynSlope returns Yn'(x) and Yn″(x) given yn = Yn(x). At x = 0, where Yn has a pole
// (or a logarithmic singularity for n = 0), they are the limits: Yn' is an infinity
// of the sign opposite to Yn's and Yn″ one of Yn's sign.
func ynSlope(n int, x, yn float64) (d, dd float64) {
	if x == 0 {
		return math.Copysign(math.Inf(1), -yn), math.Copysign(math.Inf(1), yn)
	}
	return (math.Yn(n-1, x) - math.Yn(n+1, x)) / 2, (math.Yn(n-2, x) - 2*yn + math.Yn(n+2, x)) / 4
}

func ynD[T Float](x T, n int) (v, d T) {
	xf := float64(x)
	yn := math.Yn(n, xf)
	s, _ := ynSlope(n, xf, yn)
	return T(yn), T(s)
}

func ynD2[T Float](x T, n int) (v, d, dd T) {
	xf := float64(x)
	yn := math.Yn(n, xf)
	s, ss := ynSlope(n, xf, yn)
	return T(yn), T(s), T(ss)
}
