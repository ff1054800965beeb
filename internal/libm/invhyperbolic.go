package libm

import "math"

// Inverse hyperbolic functions, float64.
//
// Each is a logarithm of an argument formed as a double-double (u, c), evaluated as
// log u + c/u with logCore, so that only the final addition rounds:
//
//	asinh |x| = log(|x| + sqrt(x² + 1))             x² + 1 and its root in double-double
//	acosh x   = log(x + sqrt((x - 1)(x + 1)))       x² - 1 from an exact product, no cancellation
//	atanh |x| = log((1 + |x|)/(1 - |x|)) / 2        1 ± |x| exact, the quotient in double-double
//
// Tiny arguments return the leading terms of the series (x, x³ terms) and huge ones
// log 2|x| (the root is |x| to the last bit). Errors stay within 1 ULP (measured against
// mpmath in the reference tests).

// sqrtDD returns sqrt(h + l) as a double-double, for h > 0 and |l| tiny against h.
func sqrtDD(h, l float64) (rh, rl float64) {
	rh = math.Sqrt(h)
	rl = (math.FMA(-rh, rh, h) + l) / (2 * rh)
	return rh, rl
}

// logDD returns log(u + c) rounded once, for u > 0 finite and |c| tiny against u.
func logDD(u, c float64) float64 {
	e, hi, lo := logCore(u)
	return addLn2(e, hi, lo+c/u)
}

func Asinh(x float64) float64 {
	ax := math.Abs(x)
	switch {
	case x != x || math.IsInf(x, 0) || x == 0:
		return x
	case ax < 0x1p-26: // x - x³/6 rounds to x
		return x
	case ax > 0x1p28: // sqrt(x² + 1) = |x| to the last bit: log 2|x|
		e, hi, lo := logCore(ax)
		return math.Copysign(addLn2(e+1, hi, lo), x)
	}
	ph, pl := twoProd(ax, ax)
	sh, sl := twoSum(1, ph)
	rh, rl := sqrtDD(sh, sl+pl)
	uh, ul := twoSum(ax, rh)
	return math.Copysign(logDD(uh, ul+rl), x)
}

func Acosh(x float64) float64 {
	switch {
	case x != x || x == math.Inf(1):
		return x
	case x < 1:
		return math.NaN()
	case x == 1:
		return 0
	case x > 0x1p28:
		e, hi, lo := logCore(x)
		return addLn2(e+1, hi, lo)
	}
	// x² - 1 = ph + pl - 1 with ph - 1 exact (Sterbenz near 1, and ph >= 1 above).
	ph, pl := twoProd(x, x)
	sh, sl := twoSum(ph-1, pl)
	rh, rl := sqrtDD(sh, sl)
	uh, ul := twoSum(x, rh)
	return logDD(uh, ul+rl)
}

func Atanh(x float64) float64 {
	ax := math.Abs(x)
	switch {
	case x != x || x == 0:
		return x
	case ax > 1:
		return math.NaN()
	case ax == 1:
		return math.Copysign(math.Inf(1), x)
	case ax < 0x1p-27: // x + x³/3 rounds to x
		return x
	}
	// (1 + |x|)/(1 - |x|) with both sums exact as double-doubles.
	nh, nl := twoSum(1, ax)
	dh, dl := twoSum(1, -ax)
	qh := nh / dh
	ql := (math.FMA(-qh, dh, nh) + nl - qh*dl) / dh
	return math.Copysign(0.5*logDD(qh, ql), x)
}
