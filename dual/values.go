package dual

import (
	"math"

	"github.com/dualgrad/dualgrad/internal/libm"
)

// Values of the elementary functions. Package math is fast and, for most functions
// and arguments, within about an ulp; where it is not, the value comes from
// internal/libm (within 0.8 ulp everywhere; the algorithms of vec's generic level,
// so point and batch evaluation agree there too). Where math is badly off on a
// range a cheap test finds, math serves the rest; where it is off across its
// domain, or costs no less than libm, libm serves every argument. The package doc
// lists the resulting bound of every function, and the tests assert it against
// 40-digit references.

// expValue returns e**x. math.Exp overflows to +Inf on amd64 from x ≈ 709.44,
// below ln(MaxFloat64) ≈ 709.78.
func expValue(x float64) float64 {
	if x > 709 {
		return libm.Exp(x)
	}
	return math.Exp(x)
}

// logValue returns ln x. math.Log on amd64 is wrong for subnormal x (-709.09 at
// 5e-324, where ln x = -744.44).
func logValue(x float64) float64 {
	if 0 < x && x < 0x1p-1022 {
		return libm.Log(x)
	}
	return math.Log(x)
}

// sinhValue and coshValue return sinh x and cosh x: math's overflow to ±Inf where
// its Exp does, from |x| ≈ 709.44, although both stay finite up to |x| ≈ 710.48.
func sinhValue(x float64) float64 {
	if x > 709 || x < -709 {
		return libm.Sinh(x)
	}
	return math.Sinh(x)
}

func coshValue(x float64) float64 {
	if x > 709 || x < -709 {
		return libm.Cosh(x)
	}
	return math.Cosh(x)
}

// atan2Value returns atan2(y, x). math.Atan2 forms atan(y/x), which loses its
// bits where y/x is subnormal and its sign where y/x underflows to zero
// (atan2(-5e-275, -7e151) = +π instead of -π).
func atan2Value(y, x float64) float64 {
	if q := y / x; q < 0x1p-1022 && q > -0x1p-1022 && y != 0 {
		return libm.Atan2(y, x)
	}
	return math.Atan2(y, x)
}

// powValue returns x**y: x·x for y = 2, correctly rounded (what expr compiles x^2
// to, and what math.Pow returns), libm.Pow elsewhere.
func powValue(x, y float64) float64 {
	if y == 2 {
		return x * x
	}
	return libm.Pow(x, y)
}

// libm serves every argument of Asin, Acos, Log2, Log10, Pow and Tan (the rules
// call it directly): math's error reaches 2.5e7 ulps in Acos and 1000 in Asin
// near ±1, 2.6e14 in Log2 near 1, 1.2 ulps in Log10 (and 1.8e14 at subnormal x),
// 5.9e8 in Pow at large exponents, and grows without bound in Tan near its zeros
// and poles. libm's Log2 and Pow cost what math's do, Asin, Acos and Log10 a few
// nanoseconds more, Tan about 15.
