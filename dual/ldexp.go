package dual

import "math"

// Helpers for the functions of math that split or scale a float by a power of two
// (Ldexp, Frexp, Modf). They take or return an int, so they are not in the generator's
// tables; internal/gen/SPECIAL_NOTES.md describes the methods they are meant for.
// Scaling by 2ⁿ is linear: the tangents are scaled exactly like the value, with
// ldexpOf applied to each one rather than multiplying by 2ⁿ, which would overflow to
// +Inf (or underflow to 0) for |n| > 1023 even where the scaled tangent is finite.

// ldexpOf returns x·2ⁿ, as math.Ldexp does, rounded once to T.
func ldexpOf[T Float](x T, n int) T { return T(math.Ldexp(float64(x), n)) }

// frexpOf returns the fraction and exponent of x as math.Frexp does; the fraction
// of a float32 is a float32. The tangents of the fraction are ldexpOf(t, -exp).
func frexpOf[T Float](x T) (frac T, exp int) {
	f, e := math.Frexp(float64(x))
	return T(f), e
}

// modfOf returns the integer and fractional parts of x as math.Modf does. The
// integer part has zero tangents (it is piecewise constant, as Trunc), the fraction
// the tangents of x.
func modfOf[T Float](x T) (ipart, frac T) {
	i, f := math.Modf(float64(x))
	return T(i), T(f)
}
