package dual

import "math"

func divD[T Float](x, y T) (v, dx, dy T) {
	v = x / y
	dx = 1 / y
	return v, dx, -v * dx
}

func sinD[T Float](x T) (v, d T) {
	s, c := math.Sincos(float64(x))
	return T(s), T(c)
}

func cosD[T Float](x T) (v, d T) {
	s, c := math.Sincos(float64(x))
	return T(c), T(-s)
}

func expD[T Float](x T) (v, d T) {
	e := T(math.Exp(float64(x)))
	return e, e
}

func logD[T Float](x T) (v, d T) {
	return T(math.Log(float64(x))), 1 / x
}

func sqrtD[T Float](x T) (v, d T) {
	s := T(math.Sqrt(float64(x)))
	return s, 1 / (2 * s)
}

func powD[T Float](x, y T) (v, dx, dy T) {
	p := math.Pow(float64(x), float64(y))
	return T(p), T(float64(y) * math.Pow(float64(x), float64(y)-1)), T(p * math.Log(float64(x)))
}
