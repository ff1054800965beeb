package libm

import "math"

// Exponentials and logarithms, float64.
//
// Exp family: x = k ln2 + r with k = round(x/ln2) and |r| <= ln2/2. ln2 is a
// double-double; k*ln2hi is subtracted with one FMA, which is exact because the result
// is a multiple of 2^-53 below 1 in magnitude. e^r = 1 + r + r^2 P(r) with P the
// degree 10 fit expPoly (testdata/coeffs.py) and 1 + r exact; the double-double result
// is scaled by 2^k with a single rounding, subnormal results included (scaleDD). Exp2
// reduces x = k + r exactly and feeds r*ln2 (as a double-double) to the same core;
// Expm1 adds 1 - 2^-k before scaling so that nothing cancels. The rounding of the
// small polynomial term is all that adds to the final one: measured errors stay below
// 0.6 ULP.
//
// Log family: x = 2^e m with sqrt(2)/2 <= m < sqrt(2), f = m-1, s = f/(2+f), and
// log(1+f) = 2 atanh(s) = f - f^2/2 + s (f^2/2 + R(s^2)) where R is the degree 7 fit
// logPoly times s^2. f^2 is kept exact with an FMA, so log(m) comes out as a
// double-double; e*ln2, 1/ln2 (log2), 1/ln10 and log10(2) (log10) are double-doubles
// too, and only the final addition rounds. Measured errors stay below 0.55 ULP.

const (
	// expOverflow is the largest x with e^x finite; expUnderflow the smallest with
	// e^x > 0 after rounding (the same thresholds as math.Exp).
	expOverflow  = 7.09782712893383973096e+02
	expUnderflow = -7.45133219101941108420e+02
)

// expCore returns e^(rh+rl) as a double-double (h, l), for |rh+rl| <= ln2/2 + small
// with |rl| tiny against rh; h is 1 + r exactly, so h + l rounds only once.
func expCore(rh, rl float64) (h, l float64) {
	r := rh + rl
	rr := (rh - r) + rl // what rounding r dropped
	q := r * r * horner(r, expPoly[:])
	h, e := fastTwoSum(1, r)
	return h, e + (q + rr)
}

// scaleDD returns (h + l) 2^k rounded once, for 0.5 <= h < 2 and k > -1100, also when
// the result is subnormal: there the double-double is rounded directly to a multiple
// of 2^-1074 instead of first to 53 bits.
func scaleDD(h, l float64, k int) float64 {
	if k >= -1021 { // the result is normal
		return scaleByPow2(h+l, k)
	}
	h, l = fastTwoSum(h, l) // normalise: |l| <= half an ULP of h
	s := pow2(k + 1074)     // exact: k+1074 > -30
	uh, ul := h*s, l*s      // the result in units of 2^-1074: uh < 2^53, |ul| <= 1/2
	n := math.RoundToEven(uh)
	switch d := (uh - n) + ul; {
	case d > 0.5, d == 0.5 && math.Mod(n, 2) != 0:
		n++
	case d < -0.5, d == -0.5 && math.Mod(n, 2) != 0:
		n--
	}
	return n * 0x1p-1074
}

// reduceLn2 splits x = k ln2 + rh + rl.
func reduceLn2(x float64) (k, rh, rl float64) {
	k = math.RoundToEven(x * invLn2DD[0])
	rh = math.FMA(-k, ln2DD[0], x)
	rl = -k * ln2DD[1]
	return k, rh, rl
}

func Exp(x float64) float64 {
	switch {
	case x != x:
		return x
	case x > expOverflow:
		return math.Inf(1)
	case x < expUnderflow:
		return 0
	}
	k, rh, rl := reduceLn2(x)
	h, l := expCore(rh, rl)
	return scaleDD(h, l, int(k))
}

func Exp2(x float64) float64 {
	switch {
	case x != x:
		return x
	case x >= 1024:
		return math.Inf(1)
	case x < -1075:
		return 0
	}
	k := math.RoundToEven(x)
	r := x - k // exact
	th, tl := twoProd(r, ln2DD[0])
	tl += r * ln2DD[1]
	h, l := expCore(th, tl)
	return scaleDD(h, l, int(k))
}

func Expm1(x float64) float64 {
	switch {
	case x != x:
		return x
	case x > 40: // e^x - 1 rounds to e^x
		return Exp(x)
	case x < -36: // e^x < 2^-51: -1 + e^x rounds once, and 1 - 2^-k below is not exact
		return Exp(x) - 1
	case math.Abs(x) < 0x1p-54: // x + x^2/2 rounds to x; keeps -0
		return x
	}
	k, rh, rl := reduceLn2(x)
	r := rh + rl
	rr := (rh - r) + rl
	// e^(r+rr) - 1 = r + q, with q small against r.
	q := r*r*horner(r, expPoly[:]) + rr*(1+r)
	if k == 0 {
		return r + q
	}
	// e^x - 1 = 2^k (r + q + (1 - 2^-k)); 1 - 2^-k is exact for |k| <= 53 and the
	// addition to r is done exactly with twoSum.
	h, l := twoSum(1-pow2(-int(k)), r)
	return (h + (l + q)) * pow2(int(k))
}

// logCore splits a positive finite x into x = 2^e (1+f) and returns e and log(1+f) as a
// double-double (hi, lo).
func logCore(x float64) (e, hi, lo float64) {
	bits := math.Float64bits(x)
	exp := int(bits>>52) - 1023
	if exp == -1023 { // subnormal: normalise first
		x *= 0x1p54
		bits = math.Float64bits(x)
		exp = int(bits>>52) - 1023 - 54
	}
	// m in [1, 2); fold to [sqrt(2)/2, sqrt(2)).
	bits = bits&(1<<52-1) | 1023<<52
	if bits > 0x3ff6a09e667f3bcc { // sqrt(2)
		bits -= 1 << 52
		exp++
	}
	f := math.Float64frombits(bits) - 1 // exact
	s := f / (2 + f)
	z := s * s
	R := z * horner(z, logPoly[:])
	ff, ffl := twoProd(f, f)
	hfsq, hfsql := 0.5*ff, 0.5*ffl
	hi = f - hfsq
	lo = (f - hi) - hfsq - hfsql + s*(hfsq+R)
	return float64(exp), hi, lo
}

// logSpecial returns the result of every log-family function for x <= 0, NaN and +Inf,
// and special = false for positive finite x.
func logSpecial(x float64) (r float64, special bool) {
	switch {
	case x != x || x == math.Inf(1):
		return x, true
	case x < 0:
		return math.NaN(), true
	case x == 0:
		return math.Inf(-1), true
	}
	return 0, false
}

// addLn2 returns e ln2 + (hi + lo) rounded once.
func addLn2(e, hi, lo float64) float64 {
	eh, el := twoProd(e, ln2DD[0])
	el += e * ln2DD[1]
	sh, sl := twoSum(eh, hi)
	return sh + (sl + (el + lo))
}

func Log(x float64) float64 {
	if r, special := logSpecial(x); special {
		return r
	}
	e, hi, lo := logCore(x)
	return addLn2(e, hi, lo)
}

func Log2(x float64) float64 {
	if r, special := logSpecial(x); special {
		return r
	}
	e, hi, lo := logCore(x)
	ph, pl := mulDD(hi, lo, invLn2DD[0], invLn2DD[1])
	sh, sl := twoSum(e, ph) // e is exact, so powers of two give exact integers
	return sh + (sl + pl)
}

func Log10(x float64) float64 {
	if r, special := logSpecial(x); special {
		return r
	}
	e, hi, lo := logCore(x)
	ph, pl := mulDD(hi, lo, invLn10DD[0], invLn10DD[1])
	eh, el := mulDD(e, 0, log10Of2DD[0], log10Of2DD[1])
	sh, sl := twoSum(eh, ph)
	return sh + (sl + (el + pl))
}

func Log1p(x float64) float64 {
	switch {
	case x != x || x == math.Inf(1):
		return x
	case x < -1:
		return math.NaN()
	case x == -1:
		return math.Inf(-1)
	case math.Abs(x) < 0x1p-54: // x - x^2/2 rounds to x; keeps -0
		return x
	}
	// 1 + x = u + c exactly; log(u + c) = log(u) + c/u to well below an ULP.
	u, c := twoSum(1, x)
	e, hi, lo := logCore(u)
	return addLn2(e, hi, lo+c/u)
}
