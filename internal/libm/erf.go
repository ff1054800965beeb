package libm

import "math"

// Error function, float64. For |x| <= 1/2, erf x = x + x F(x^2) (F: degree 10 fit
// erfPoly; x F is at most 0.13 x, so its rounding costs little). Above, piecewise
// polynomials in t = x - mid (erfPieces, absolute error below 1e-19, the constant term
// in double-double): erf itself on
// [1/2, 1], and erfc on [1, 6] with erf x = 1 - erfc x, where only absolute accuracy
// matters next to 1. From 6 on, erf x rounds to ±1. Measured errors stay below 0.65 ULP.

func Erf(x float64) float64 {
	ax := math.Abs(x)
	switch {
	case x != x || x == 0:
		return x
	case ax >= 6:
		return math.Copysign(1, x)
	case ax <= 0.5:
		return x + x*horner(x*x, erfPoly[:])
	}
	i := 0
	for ax > erfBreaks[i+1] {
		i++
	}
	mid := (erfBreaks[i] + erfBreaks[i+1]) / 2
	c := erfPieces[i]
	t := ax - mid
	// The constant term carries its low part: near 0.8 its rounding alone would cost
	// a quarter ULP.
	tail := t*horner(t, c[1:]) + erfPiecesLow[i]
	if erfBreaks[i] >= 1 {
		h, l := fastTwoSum(1, -c[0]) // 1 - c[0] exactly, so only the last step rounds
		return math.Copysign(h+(l-tail), x)
	}
	return math.Copysign(c[0]+tail, x)
}
