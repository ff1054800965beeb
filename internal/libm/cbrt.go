package libm

import "math"

// Cube root, float64: x = 2^(3q+j) m with m in [1, 2) and j in {0, 1, 2}, so that
// y = 2^j m is in [1, 8) and cbrt x = 2^q cbrt y. cbrt y starts from the degree 7 fit
// cbrtPoly (relative error 3e-4), two Newton steps bring it to about 1e-14, and a last
// step computes the residual y - t^3 exactly with FMA, leaving only the final rounding:
// errors stay below about 0.51 ULP.

func Cbrt(x float64) float64 {
	if x == 0 || x != x || math.IsInf(x, 0) {
		return x
	}
	ax := math.Abs(x)
	bits := math.Float64bits(ax)
	e := int(bits>>52) - 1023
	if e == -1023 { // subnormal: scale by 2^54, a power of 2^3
		bits = math.Float64bits(ax * 0x1p54)
		e = int(bits>>52) - 1023 - 54
	}
	q := (e+3000)/3 - 1000 // floor(e/3) for negative e too
	j := e - 3*q
	y := math.Float64frombits(bits&(1<<52-1)|1023<<52) * float64(int(1)<<j)
	t := horner(y, cbrtPoly[:])
	t = (2*t + y/(t*t)) / 3
	t = (2*t + y/(t*t)) / 3
	t2h, t2l := twoProd(t, t)
	t3h, t3l := twoProd(t, t2h)
	t3l += t * t2l
	r := (y - t3h) - t3l // y - t^3, the subtraction exact because t^3 is close to y
	t += r / (3 * t2h)
	return math.Copysign(t*pow2(q), x)
}
