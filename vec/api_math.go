package vec

// Transcendental kernels: within 1 ULP of the correctly rounded result, with the
// special values of the math function of the same name.

// Exp sets dst[i] to e^x for x = x[i], with the special cases of math.Exp.
func Exp[T Float](dst, x []T) {
	check2("Exp", dst, x, "dst", "x")
	table[T]().exp(dst, x)
}

// Exp2 sets dst[i] to 2^x for x = x[i], with the special cases of math.Exp2.
func Exp2[T Float](dst, x []T) {
	check2("Exp2", dst, x, "dst", "x")
	table[T]().exp2(dst, x)
}

// Expm1 sets dst[i] to e^x - 1 for x = x[i], accurate also for x near 0, with the
// special cases of math.Expm1.
func Expm1[T Float](dst, x []T) {
	check2("Expm1", dst, x, "dst", "x")
	table[T]().expm1(dst, x)
}

// Log sets dst[i] to the natural logarithm of x for x = x[i], with the special cases of
// math.Log.
func Log[T Float](dst, x []T) {
	check2("Log", dst, x, "dst", "x")
	table[T]().log(dst, x)
}

// Log2 sets dst[i] to the base-2 logarithm of x for x = x[i], with the special cases of
// math.Log2.
func Log2[T Float](dst, x []T) {
	check2("Log2", dst, x, "dst", "x")
	table[T]().log2(dst, x)
}

// Log10 sets dst[i] to the base-10 logarithm of x for x = x[i], with the special cases of
// math.Log10.
func Log10[T Float](dst, x []T) {
	check2("Log10", dst, x, "dst", "x")
	table[T]().log10(dst, x)
}

// Log1p sets dst[i] to log(1 + x) for x = x[i], accurate also for x near 0, with the
// special cases of math.Log1p.
func Log1p[T Float](dst, x []T) {
	check2("Log1p", dst, x, "dst", "x")
	table[T]().log1p(dst, x)
}

// Sin sets dst[i] to the sine of x = x[i] (radians), correct for every finite x, with
// the special cases of math.Sin.
func Sin[T Float](dst, x []T) {
	check2("Sin", dst, x, "dst", "x")
	table[T]().sin(dst, x)
}

// Cos sets dst[i] to the cosine of x = x[i] (radians), correct for every finite x, with
// the special cases of math.Cos.
func Cos[T Float](dst, x []T) {
	check2("Cos", dst, x, "dst", "x")
	table[T]().cos(dst, x)
}

// Tan sets dst[i] to the tangent of x = x[i] (radians), correct for every finite x,
// with the special cases of math.Tan.
func Tan[T Float](dst, x []T) {
	check2("Tan", dst, x, "dst", "x")
	table[T]().tan(dst, x)
}

// Asin sets dst[i] to the arcsine of x for x = x[i], with the special cases of
// math.Asin.
func Asin[T Float](dst, x []T) {
	check2("Asin", dst, x, "dst", "x")
	table[T]().asin(dst, x)
}

// Acos sets dst[i] to the arccosine of x for x = x[i], with the special cases of
// math.Acos.
func Acos[T Float](dst, x []T) {
	check2("Acos", dst, x, "dst", "x")
	table[T]().acos(dst, x)
}

// Atan sets dst[i] to the arctangent of x for x = x[i], with the special cases of
// math.Atan.
func Atan[T Float](dst, x []T) {
	check2("Atan", dst, x, "dst", "x")
	table[T]().atan(dst, x)
}

// Sinh sets dst[i] to the hyperbolic sine of x for x = x[i], with the special cases of
// math.Sinh.
func Sinh[T Float](dst, x []T) {
	check2("Sinh", dst, x, "dst", "x")
	table[T]().sinh(dst, x)
}

// Cosh sets dst[i] to the hyperbolic cosine of x for x = x[i], with the special cases of
// math.Cosh.
func Cosh[T Float](dst, x []T) {
	check2("Cosh", dst, x, "dst", "x")
	table[T]().cosh(dst, x)
}

// Tanh sets dst[i] to the hyperbolic tangent of x for x = x[i], with the special cases of
// math.Tanh.
func Tanh[T Float](dst, x []T) {
	check2("Tanh", dst, x, "dst", "x")
	table[T]().tanh(dst, x)
}

// Cbrt sets dst[i] to the cube root of x for x = x[i], with the special cases of
// math.Cbrt.
func Cbrt[T Float](dst, x []T) {
	check2("Cbrt", dst, x, "dst", "x")
	table[T]().cbrt(dst, x)
}

// Erf sets dst[i] to the error function of x for x = x[i], with the special cases of
// math.Erf.
func Erf[T Float](dst, x []T) {
	check2("Erf", dst, x, "dst", "x")
	table[T]().erf(dst, x)
}

// Sincos sets s[i] and c[i] to the sine and cosine of x[i], sharing one range
// reduction.
func Sincos[T Float](s, c, x []T) {
	check3Named("Sincos", s, c, x, "s", "c", "x")
	table[T]().sincos(s, c, x)
}

// Atan2 sets dst[i] to the arctangent of y[i]/x[i], using the signs of both to pick the
// quadrant, with the special cases of math.Atan2.
func Atan2[T Float](dst, y, x []T) {
	check3("Atan2", dst, y, x, "y", "x")
	table[T]().atan2(dst, y, x)
}

// Pow sets dst[i] = x[i]**y[i], with the special cases of math.Pow.
func Pow[T Float](dst, x, y []T) {
	check3("Pow", dst, x, y, "x", "y")
	table[T]().pow(dst, x, y)
}

// Hypot sets dst[i] to sqrt(x² + y²) for x = x[i], y = y[i], without overflow or
// underflow in the squares, with the special cases of math.Hypot (+Inf if either is
// infinite, even if the other is NaN).
func Hypot[T Float](dst, x, y []T) {
	check3("Hypot", dst, x, y, "x", "y")
	table[T]().hypot(dst, x, y)
}

// Asinh sets dst[i] to the inverse hyperbolic sine of x = x[i], with the special cases
// of math.Asinh.
func Asinh[T Float](dst, x []T) {
	check2("Asinh", dst, x, "dst", "x")
	table[T]().asinh(dst, x)
}

// Acosh sets dst[i] to the inverse hyperbolic cosine of x = x[i], with the special
// cases of math.Acosh (NaN below 1).
func Acosh[T Float](dst, x []T) {
	check2("Acosh", dst, x, "dst", "x")
	table[T]().acosh(dst, x)
}

// Atanh sets dst[i] to the inverse hyperbolic tangent of x = x[i], with the special
// cases of math.Atanh (±Inf at ±1, NaN outside [-1, 1]).
func Atanh[T Float](dst, x []T) {
	check2("Atanh", dst, x, "dst", "x")
	table[T]().atanh(dst, x)
}
