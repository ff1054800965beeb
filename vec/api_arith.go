package vec

// Add sets dst[i] = a[i] + b[i].
func Add[T Float](dst, a, b []T) {
	check3("Add", dst, a, b, "a", "b")
	table[T]().add(dst, a, b)
}

// Sub sets dst[i] = a[i] - b[i].
func Sub[T Float](dst, a, b []T) {
	check3("Sub", dst, a, b, "a", "b")
	table[T]().sub(dst, a, b)
}

// Mul sets dst[i] = a[i] * b[i].
func Mul[T Float](dst, a, b []T) {
	check3("Mul", dst, a, b, "a", "b")
	table[T]().mul(dst, a, b)
}

// Div sets dst[i] = a[i] / b[i].
func Div[T Float](dst, a, b []T) {
	check3("Div", dst, a, b, "a", "b")
	table[T]().div(dst, a, b)
}

// Min sets dst[i] = min(a[i], b[i]) with the special cases of math.Min: -Inf if either
// is -Inf (even if the other is NaN), otherwise NaN if either is NaN, and -0 is less
// than +0.
func Min[T Float](dst, a, b []T) {
	check3("Min", dst, a, b, "a", "b")
	table[T]().min(dst, a, b)
}

// Max sets dst[i] = max(a[i], b[i]) with the special cases of math.Max: +Inf if either
// is +Inf (even if the other is NaN), otherwise NaN if either is NaN, and +0 is greater
// than -0.
func Max[T Float](dst, a, b []T) {
	check3("Max", dst, a, b, "a", "b")
	table[T]().max(dst, a, b)
}

// Neg sets dst[i] = -x[i].
func Neg[T Float](dst, x []T) {
	check2("Neg", dst, x, "dst", "x")
	table[T]().neg(dst, x)
}

// Sqrt sets dst[i] to the correctly rounded square root of x[i].
func Sqrt[T Float](dst, x []T) {
	check2("Sqrt", dst, x, "dst", "x")
	table[T]().sqrt(dst, x)
}

// Recip sets dst[i] = 1 / x[i], correctly rounded.
func Recip[T Float](dst, x []T) {
	check2("Recip", dst, x, "dst", "x")
	table[T]().recip(dst, x)
}

// Abs sets dst[i] = |x[i]|, clearing the sign bit as math.Abs does.
func Abs[T Float](dst, x []T) {
	check2("Abs", dst, x, "dst", "x")
	table[T]().abs(dst, x)
}

// Scale sets dst[i] = x[i] * c.
func Scale[T Float](dst, x []T, c T) {
	check2("Scale", dst, x, "dst", "x")
	table[T]().scale(dst, x, c)
}

// AddScalar sets dst[i] = x[i] + c.
func AddScalar[T Float](dst, x []T, c T) {
	check2("AddScalar", dst, x, "dst", "x")
	table[T]().addScalar(dst, x, c)
}

// FMA sets dst[i] = a[i]*b[i] + c[i] computed with a single rounding.
func FMA[T Float](dst, a, b, c []T) {
	check3("FMA", dst, a, b, "a", "b")
	check2("FMA", dst, c, "dst", "c")
	table[T]().fma(dst, a, b, c)
}

// Axpy sets dst[i] = a*x[i] + y[i] computed with a single rounding (fused).
func Axpy[T Float](dst []T, a T, x, y []T) {
	check3("Axpy", dst, x, y, "x", "y")
	table[T]().axpy(dst, a, x, y)
}

// Sum returns the sum of x. The order of additions is unspecified (levels add
// lane-wise partial sums), so results may differ between levels by rounding.
func Sum[T Float](x []T) T {
	return table[T]().sum(x)
}

// Dot returns the dot product of x and y. Like [Sum], the order of additions is
// unspecified.
func Dot[T Float](x, y []T) T {
	check2("Dot", x, y, "x", "y")
	return table[T]().dot(x, y)
}
