package dual

import "math"

// Rules for the piecewise linear functions of two arguments: Dim, Mod, Remainder and
// Copysign. Their second partials are all 0. Where the value is NaN every partial is
// NaN, so that a NaN never hides behind a finite slope.

// nanPartials returns v with NaN partials when v is NaN, and v, dx, dy otherwise.
func nanPartials(v, dx, dy float64) (float64, float64, float64) {
	if math.IsNaN(v) {
		return v, v, v
	}
	return v, dx, dy
}

// linearD2 extends a first-order rule of a piecewise linear function with zero
// second partials (NaN when the value is NaN).
func linearD2[T Float](v, dx, dy T) (T, T, T, T, T, T) {
	var zero T
	if v != v {
		zero = v
	}
	return v, dx, dy, zero, zero, zero
}

// dimSlope returns max(x-y, 0) and its partials (1, -1) where x > y and (0, 0)
// elsewhere; at x = y, where no derivative exists, they are 0 as for PyTorch's relu.
func dimSlope(x, y float64) (v, dx, dy float64) {
	v = math.Dim(x, y)
	if x > y {
		return nanPartials(v, 1, -1)
	}
	return nanPartials(v, 0, 0)
}

func dimD[T Float](x, y T) (v, dx, dy T) {
	a, b, c := dimSlope(float64(x), float64(y))
	return T(a), T(b), T(c)
}

func dimD2[T Float](x, y T) (v, dx, dy, dxx, dxy, dyy T) {
	return linearD2(dimD(x, y))
}

// quotientOf returns the integer n with x = n·y + r, given the remainder r of Mod or
// Remainder. x - r and the division round, but n is an integer and the rounding
// error is below 1/2 while |n| < 2⁵¹; above that every float is an integer anyway.
func quotientOf(x, y, r float64) float64 {
	return math.Round((x - r) / y)
}

// negate returns -n, with +0 rather than -0 for n = 0 so that a zero partial is
// the same zero a sum of scaled tangents produces.
func negate(n float64) float64 { return 0 - n }

// modSlope returns math.Mod(x, y) = x - n·y, n = trunc(x/y), and its partials 1 and
// -n, as for PyTorch's fmod. Across the jumps of Mod, the partial with respect to x
// stays 1 (the slope on either side), again as in PyTorch.
func modSlope(x, y float64) (v, dx, dy float64) {
	v = math.Mod(x, y)
	return nanPartials(v, 1, negate(quotientOf(x, y, v)))
}

func modD[T Float](x, y T) (v, dx, dy T) {
	a, b, c := modSlope(float64(x), float64(y))
	return T(a), T(b), T(c)
}

func modD2[T Float](x, y T) (v, dx, dy, dxx, dxy, dyy T) {
	return linearD2(modD(x, y))
}

// remainderSlope returns math.Remainder(x, y) = x - n·y, n = x/y rounded to even,
// and its partials 1 and -n.
func remainderSlope(x, y float64) (v, dx, dy float64) {
	v = math.Remainder(x, y)
	return nanPartials(v, 1, negate(quotientOf(x, y, v)))
}

func remainderD[T Float](x, y T) (v, dx, dy T) {
	a, b, c := remainderSlope(float64(x), float64(y))
	return T(a), T(b), T(c)
}

func remainderD2[T Float](x, y T) (v, dx, dy, dxx, dxy, dyy T) {
	return linearD2(remainderD(x, y))
}

// copysignSlope returns |x| with the sign of y and its partials: ±1 with respect to
// x (+1 when x and y have the same sign bit) and 0 with respect to y. At x = ±0, where
// no derivative exists, the partial with respect to x is 0, as in PyTorch.
func copysignSlope(x, y float64) (v, dx, dy float64) {
	v = math.Copysign(x, y)
	switch {
	case x == 0:
		return v, 0, 0
	case math.Signbit(x) == math.Signbit(y):
		return nanPartials(v, 1, 0)
	}
	return nanPartials(v, -1, 0)
}

func copysignD[T Float](x, y T) (v, dx, dy T) {
	a, b, c := copysignSlope(float64(x), float64(y))
	return T(a), T(b), T(c)
}

func copysignD2[T Float](x, y T) (v, dx, dy, dxx, dxy, dyy T) {
	return linearD2(copysignD(x, y))
}
