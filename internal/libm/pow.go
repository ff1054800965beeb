package libm

import "math"

// Pow, float64: x^y = 2^e... computed as exp(y log x) with both steps in double-double.
// log x = e ln2 + 2s + 2s^3/3 + 2s^5/5 + s^7 R(s^2) with s = f/(2+f) as a
// double-double (R: degree 8 fit logPoly7), the first three terms in double-double;
// its relative error is below 2^-68, so even y log x near the overflow threshold
// loses less than 0.05 ULP. y log x is then reduced by ln2 and fed to the exp core with
// its low part. Measured errors stay below 0.65 ULP.

// logPreciseDD returns log x as a double-double for positive finite x.
func logPreciseDD(x float64) (h, l float64) {
	bits := math.Float64bits(x)
	exp := int(bits>>52) - 1023
	if exp == -1023 { // subnormal
		x *= 0x1p54
		bits = math.Float64bits(x)
		exp = int(bits>>52) - 1023 - 54
	}
	bits = bits&(1<<52-1) | 1023<<52
	if bits > 0x3ff6a09e667f3bcc {
		bits -= 1 << 52
		exp++
	}
	f := math.Float64frombits(bits) - 1
	// s = f/(2+f) as a double-double.
	dh, dl := twoSum(2, f)
	sh := f / dh
	sl := (math.FMA(-sh, dh, f) - sh*dl) / dh
	// s^2, s^3, s^5 as double-doubles.
	zh, zl := twoProd(sh, sh)
	zl += 2 * sh * sl
	s3h, s3l := mulDD(sh, sl, zh, zl)
	s5h, s5l := mulDD(s3h, s3l, zh, zl)
	t3h, t3l := mulDD(s3h, s3l, twoThirdsDD[0], twoThirdsDD[1])
	t5h, t5l := mulDD(s5h, s5l, twoFifthsDD[0], twoFifthsDD[1])
	rest := s5h * zh * horner(zh, logPoly7[:])
	// 2s + t3 + t5 + rest, then + e ln2.
	h, l = twoSum(2*sh, t3h)
	l += 2*sl + t3l + t5l + rest
	h, l2 := twoSum(h, t5h)
	l += l2
	e := float64(exp)
	eh, el := twoProd(e, ln2DD[0])
	el += e * ln2DD[1]
	h, l2 = twoSum(eh, h)
	return fastTwoSum(h, l+l2+el)
}

// isOddInt reports whether y is an odd integer.
func isOddInt(y float64) bool {
	if math.Abs(y) >= 1<<53 {
		return false // every float this large is even
	}
	i, frac := math.Modf(y)
	return frac == 0 && int64(i)&1 == 1
}

// Pow has the special cases of math.Pow.
func Pow(x, y float64) float64 {
	switch {
	case y == 0 || x == 1:
		return 1
	case y == 1:
		return x
	case x != x || y != y:
		return math.NaN()
	case x == 0:
		switch {
		case y < 0:
			if isOddInt(y) {
				return math.Copysign(math.Inf(1), x)
			}
			return math.Inf(1)
		case isOddInt(y):
			return x
		}
		return 0
	case math.IsInf(y, 0):
		switch {
		case x == -1:
			return 1
		case (math.Abs(x) < 1) == (y > 0):
			return 0
		}
		return math.Inf(1)
	case math.IsInf(x, 0):
		if x < 0 {
			return Pow(1/x, -y) // Pow(-Inf, y) = Pow(-0, -y)
		}
		if y < 0 {
			return 0
		}
		return math.Inf(1)
	}
	sign := 1.0
	if x < 0 {
		if y != math.Trunc(y) {
			return math.NaN()
		}
		if isOddInt(y) {
			sign = -1
		}
		x = -x
	}
	lh, ll := logPreciseDD(x)
	ph, pl := twoProd(y, lh)
	pl += y * ll
	switch {
	case ph > expOverflow+1:
		return sign * math.Inf(1)
	case ph < expUnderflow-1:
		return sign * 0
	}
	ph, pl = fastTwoSum(ph, pl)
	k := math.RoundToEven(ph * invLn2DD[0])
	rh := math.FMA(-k, ln2DD[0], ph)
	rl := pl - k*ln2DD[1]
	h, l := expCore(rh, rl)
	return sign * scaleDD(h, l, int(k))
}
