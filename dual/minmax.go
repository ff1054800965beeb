package dual

import "math"

// This file holds the rules of Min and Max. Both are piecewise linear: the
// partial is 1 with respect to the selected argument and 0 with respect to the
// other, and every second partial is 0. At a tie (x == y, including -0 == +0)
// there is no derivative; as in PyTorch's minimum and maximum, the gradient is
// split evenly, 0.5 to each argument. Where the value is NaN so are both
// partials; where math returns an infinity over a NaN, the infinity's
// partial is 1.

// selectSlopes returns the partials of v = min(x, y) or max(x, y): (1, 0) if
// v is x only, (0, 1) if v is y only, (0.5, 0.5) at a tie and NaN when v is NaN.
// Comparing with v rather than x with y handles math's special cases, where an
// infinity beats a NaN: Min(-Inf, NaN) = -Inf has partials (1, 0).
func selectSlopes[T Float](x, y, v T) (dx, dy T) {
	isX, isY := x == v, y == v
	switch {
	case isX && isY:
		return 0.5, 0.5
	case isX:
		return 1, 0
	case isY:
		return 0, 1
	}
	return v, v // NaN
}

// minD returns the smaller of x and y, as math.Min, and its partials.
func minD[T Float](x, y T) (v, dx, dy T) {
	v = T(math.Min(float64(x), float64(y)))
	dx, dy = selectSlopes(x, y, v)
	return v, dx, dy
}

// minD2 returns minD's results and the second partials, all 0 (NaN for NaN
// arguments).
func minD2[T Float](x, y T) (v, dx, dy, dxx, dxy, dyy T) {
	v, dx, dy = minD(x, y)
	z := dx - dx
	return v, dx, dy, z, z, z
}

// maxD returns the larger of x and y, as math.Max, and its partials.
func maxD[T Float](x, y T) (v, dx, dy T) {
	v = T(math.Max(float64(x), float64(y)))
	dx, dy = selectSlopes(x, y, v)
	return v, dx, dy
}

// maxD2 returns maxD's results and the second partials, all 0 (NaN for NaN
// arguments).
func maxD2[T Float](x, y T) (v, dx, dy, dxx, dxy, dyy T) {
	v, dx, dy = maxD(x, y)
	z := dx - dx
	return v, dx, dy, z, z, z
}
