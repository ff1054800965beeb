package vec

// Dual kernels: value and tangents of a batch in one pass. dst may be the same batch as
// an input. The value column of dst gets the same result as the float kernel of the
// same name, so dual and float evaluation agree bit for bit.

// DualNeg sets dst to -x elementwise; tangents are negated.
func DualNeg[T Float](dst, x Dual[T]) {
	checkDual("DualNeg", "dst", dst, dst)
	checkDual("DualNeg", "x", dst, x)
	table[T]().dualNeg(dst, x)
}

// DualSqrt sets dst to sqrt(x) elementwise; derivative 1/(2 sqrt x), +Inf at x = 0.
func DualSqrt[T Float](dst, x Dual[T]) {
	checkDual("DualSqrt", "dst", dst, dst)
	checkDual("DualSqrt", "x", dst, x)
	table[T]().dualSqrt(dst, x)
}

// DualRecip sets dst to 1/x elementwise; derivative -1/x².
func DualRecip[T Float](dst, x Dual[T]) {
	checkDual("DualRecip", "dst", dst, dst)
	checkDual("DualRecip", "x", dst, x)
	table[T]().dualRecip(dst, x)
}

// DualAbs sets dst to |x| elementwise; derivative sign(x), 0 at x = ±0.
func DualAbs[T Float](dst, x Dual[T]) {
	checkDual("DualAbs", "dst", dst, dst)
	checkDual("DualAbs", "x", dst, x)
	table[T]().dualAbs(dst, x)
}

// DualExp sets dst to e^x elementwise; derivative e^x.
func DualExp[T Float](dst, x Dual[T]) {
	checkDual("DualExp", "dst", dst, dst)
	checkDual("DualExp", "x", dst, x)
	table[T]().dualExp(dst, x)
}

// DualExp2 sets dst to 2^x elementwise; derivative 2^x ln 2.
func DualExp2[T Float](dst, x Dual[T]) {
	checkDual("DualExp2", "dst", dst, dst)
	checkDual("DualExp2", "x", dst, x)
	table[T]().dualExp2(dst, x)
}

// DualExpm1 sets dst to e^x - 1 elementwise; derivative e^x, computed directly so it
// stays nonzero where e^x - 1 rounds to -1.
func DualExpm1[T Float](dst, x Dual[T]) {
	checkDual("DualExpm1", "dst", dst, dst)
	checkDual("DualExpm1", "x", dst, x)
	table[T]().dualExpm1(dst, x)
}

// DualLog sets dst to log x elementwise; derivative 1/x.
func DualLog[T Float](dst, x Dual[T]) {
	checkDual("DualLog", "dst", dst, dst)
	checkDual("DualLog", "x", dst, x)
	table[T]().dualLog(dst, x)
}

// DualLog2 sets dst to log2 x elementwise; derivative 1/(x ln 2).
func DualLog2[T Float](dst, x Dual[T]) {
	checkDual("DualLog2", "dst", dst, dst)
	checkDual("DualLog2", "x", dst, x)
	table[T]().dualLog2(dst, x)
}

// DualLog10 sets dst to log10 x elementwise; derivative 1/(x ln 10).
func DualLog10[T Float](dst, x Dual[T]) {
	checkDual("DualLog10", "dst", dst, dst)
	checkDual("DualLog10", "x", dst, x)
	table[T]().dualLog10(dst, x)
}

// DualLog1p sets dst to log(1 + x) elementwise; derivative 1/(1 + x).
func DualLog1p[T Float](dst, x Dual[T]) {
	checkDual("DualLog1p", "dst", dst, dst)
	checkDual("DualLog1p", "x", dst, x)
	table[T]().dualLog1p(dst, x)
}

// DualSin sets dst to sin x elementwise; derivative cos x; one range reduction gives both.
func DualSin[T Float](dst, x Dual[T]) {
	checkDual("DualSin", "dst", dst, dst)
	checkDual("DualSin", "x", dst, x)
	table[T]().dualSin(dst, x)
}

// DualCos sets dst to cos x elementwise; derivative -sin x.
func DualCos[T Float](dst, x Dual[T]) {
	checkDual("DualCos", "dst", dst, dst)
	checkDual("DualCos", "x", dst, x)
	table[T]().dualCos(dst, x)
}

// DualTan sets dst to tan x elementwise; derivative 1 + tan² x.
func DualTan[T Float](dst, x Dual[T]) {
	checkDual("DualTan", "dst", dst, dst)
	checkDual("DualTan", "x", dst, x)
	table[T]().dualTan(dst, x)
}

// DualAsin sets dst to asin x elementwise; derivative 1/sqrt(1 - x²).
func DualAsin[T Float](dst, x Dual[T]) {
	checkDual("DualAsin", "dst", dst, dst)
	checkDual("DualAsin", "x", dst, x)
	table[T]().dualAsin(dst, x)
}

// DualAcos sets dst to acos x elementwise; derivative -1/sqrt(1 - x²).
func DualAcos[T Float](dst, x Dual[T]) {
	checkDual("DualAcos", "dst", dst, dst)
	checkDual("DualAcos", "x", dst, x)
	table[T]().dualAcos(dst, x)
}

// DualAtan sets dst to atan x elementwise; derivative 1/(1 + x²).
func DualAtan[T Float](dst, x Dual[T]) {
	checkDual("DualAtan", "dst", dst, dst)
	checkDual("DualAtan", "x", dst, x)
	table[T]().dualAtan(dst, x)
}

// DualSinh sets dst to sinh x elementwise; derivative cosh x.
func DualSinh[T Float](dst, x Dual[T]) {
	checkDual("DualSinh", "dst", dst, dst)
	checkDual("DualSinh", "x", dst, x)
	table[T]().dualSinh(dst, x)
}

// DualCosh sets dst to cosh x elementwise; derivative sinh x.
func DualCosh[T Float](dst, x Dual[T]) {
	checkDual("DualCosh", "dst", dst, dst)
	checkDual("DualCosh", "x", dst, x)
	table[T]().dualCosh(dst, x)
}

// DualTanh sets dst to tanh x elementwise; derivative 1/cosh² x.
func DualTanh[T Float](dst, x Dual[T]) {
	checkDual("DualTanh", "dst", dst, dst)
	checkDual("DualTanh", "x", dst, x)
	table[T]().dualTanh(dst, x)
}

// DualHypot sets dst to hypot(a, b) elementwise; d = (a da + b db)/hypot(a, b). As in
// package dual, both partials are 0 at the origin, and with an infinite argument its
// partial is its sign (over sqrt(2) if both are infinite) and the other's is 0.
func DualHypot[T Float](dst, a, b Dual[T]) {
	checkDual("DualHypot", "dst", dst, dst)
	checkDual("DualHypot", "a", dst, a)
	checkDual("DualHypot", "b", dst, b)
	table[T]().dualHypot(dst, a, b)
}

// DualAsinh sets dst to asinh x elementwise; derivative 1/sqrt(x² + 1).
func DualAsinh[T Float](dst, x Dual[T]) {
	checkDual("DualAsinh", "dst", dst, dst)
	checkDual("DualAsinh", "x", dst, x)
	table[T]().dualAsinh(dst, x)
}

// DualAcosh sets dst to acosh x elementwise; derivative 1/sqrt(x² - 1), +Inf at x = 1.
func DualAcosh[T Float](dst, x Dual[T]) {
	checkDual("DualAcosh", "dst", dst, dst)
	checkDual("DualAcosh", "x", dst, x)
	table[T]().dualAcosh(dst, x)
}

// DualAtanh sets dst to atanh x elementwise; derivative 1/(1 - x²), +Inf at x = ±1.
func DualAtanh[T Float](dst, x Dual[T]) {
	checkDual("DualAtanh", "dst", dst, dst)
	checkDual("DualAtanh", "x", dst, x)
	table[T]().dualAtanh(dst, x)
}

// DualCbrt sets dst to cbrt x elementwise; derivative 1/(3 cbrt(x)²), +Inf at x = 0.
func DualCbrt[T Float](dst, x Dual[T]) {
	checkDual("DualCbrt", "dst", dst, dst)
	checkDual("DualCbrt", "x", dst, x)
	table[T]().dualCbrt(dst, x)
}

// DualErf sets dst to erf x elementwise; derivative 2/sqrt(pi) e^(-x²).
func DualErf[T Float](dst, x Dual[T]) {
	checkDual("DualErf", "dst", dst, dst)
	checkDual("DualErf", "x", dst, x)
	table[T]().dualErf(dst, x)
}

// DualAdd sets dst to a + b elementwise; tangents add.
func DualAdd[T Float](dst, a, b Dual[T]) {
	checkDual("DualAdd", "dst", dst, dst)
	checkDual("DualAdd", "a", dst, a)
	checkDual("DualAdd", "b", dst, b)
	table[T]().dualAdd(dst, a, b)
}

// DualSub sets dst to a - b elementwise; tangents subtract.
func DualSub[T Float](dst, a, b Dual[T]) {
	checkDual("DualSub", "dst", dst, dst)
	checkDual("DualSub", "a", dst, a)
	checkDual("DualSub", "b", dst, b)
	table[T]().dualSub(dst, a, b)
}

// DualMul sets dst to a * b elementwise; d(ab) = b da + a db.
func DualMul[T Float](dst, a, b Dual[T]) {
	checkDual("DualMul", "dst", dst, dst)
	checkDual("DualMul", "a", dst, a)
	checkDual("DualMul", "b", dst, b)
	table[T]().dualMul(dst, a, b)
}

// DualDiv sets dst to a / b elementwise; d(a/b) = (da - (a/b) db)/b.
func DualDiv[T Float](dst, a, b Dual[T]) {
	checkDual("DualDiv", "dst", dst, dst)
	checkDual("DualDiv", "a", dst, a)
	checkDual("DualDiv", "b", dst, b)
	table[T]().dualDiv(dst, a, b)
}

// DualMin sets dst to min(a, b) elementwise (the value as Min, so min(-Inf, NaN) =
// -Inf); the tangent of the selected argument; a tie gives half of each, and a NaN
// value has NaN tangents, as package dual.
func DualMin[T Float](dst, a, b Dual[T]) {
	checkDual("DualMin", "dst", dst, dst)
	checkDual("DualMin", "a", dst, a)
	checkDual("DualMin", "b", dst, b)
	table[T]().dualMin(dst, a, b)
}

// DualMax sets dst to max(a, b) elementwise (the value as Max, so max(+Inf, NaN) =
// +Inf); the tangent of the selected argument; a tie gives half of each, and a NaN
// value has NaN tangents, as package dual.
func DualMax[T Float](dst, a, b Dual[T]) {
	checkDual("DualMax", "dst", dst, dst)
	checkDual("DualMax", "a", dst, a)
	checkDual("DualMax", "b", dst, b)
	table[T]().dualMax(dst, a, b)
}

// DualAtan2 sets dst to atan2(a, b) (a is y, b is x) elementwise;
// d = (b da - a db)/(a² + b²), without overflow in a² + b². As in package dual, both
// partials are 0 at the origin and where an argument is infinite.
func DualAtan2[T Float](dst, a, b Dual[T]) {
	checkDual("DualAtan2", "dst", dst, dst)
	checkDual("DualAtan2", "a", dst, a)
	checkDual("DualAtan2", "b", dst, b)
	table[T]().dualAtan2(dst, a, b)
}

// DualPow sets dst to a**b elementwise; d = b a**(b-1) da + a**b log(a) db. As in
// package dual (and PyTorch), the first partial is 0 where b = 0 and the second is 0
// where a = 0 and b >= 0; the second is also 0 where a > 0 and a**b is 0 (its limit).
func DualPow[T Float](dst, a, b Dual[T]) {
	checkDual("DualPow", "dst", dst, dst)
	checkDual("DualPow", "a", dst, a)
	checkDual("DualPow", "b", dst, b)
	table[T]().dualPow(dst, a, b)
}

// DualSincos sets s to sin x and c to cos x elementwise, sharing one range reduction;
// the tangents of s are cos x times those of x, the tangents of c are -sin x times them.
func DualSincos[T Float](s, c, x Dual[T]) {
	checkDual("DualSincos", "s", s, s)
	checkDual("DualSincos", "c", s, c)
	checkDual("DualSincos", "x", s, x)
	table[T]().dualSincos(s, c, x)
}

// DualScale sets dst to x*c elementwise for a constant c; tangents are scaled by c.
func DualScale[T Float](dst, x Dual[T], c T) {
	checkDual("DualScale", "dst", dst, dst)
	checkDual("DualScale", "x", dst, x)
	table[T]().dualScale(dst, x, c)
}

// DualAddScalar sets dst to x+c elementwise for a constant c; tangents are copied.
func DualAddScalar[T Float](dst, x Dual[T], c T) {
	checkDual("DualAddScalar", "dst", dst, dst)
	checkDual("DualAddScalar", "x", dst, x)
	table[T]().dualAddScalar(dst, x, c)
}

// DualFMA sets dst to a*b+c elementwise with one rounding of the value; tangents are
// b da + a db + dc.
func DualFMA[T Float](dst, a, b, c Dual[T]) {
	checkDual("DualFMA", "dst", dst, dst)
	checkDual("DualFMA", "a", dst, a)
	checkDual("DualFMA", "b", dst, b)
	checkDual("DualFMA", "c", dst, c)
	table[T]().dualFMA(dst, a, b, c)
}

// DualAxpy sets dst to a*x+y elementwise for a constant a, fused like [Axpy]; tangents
// are a dx + dy.
func DualAxpy[T Float](dst Dual[T], a T, x, y Dual[T]) {
	checkDual("DualAxpy", "dst", dst, dst)
	checkDual("DualAxpy", "x", dst, x)
	checkDual("DualAxpy", "y", dst, y)
	table[T]().dualAxpy(dst, a, x, y)
}
