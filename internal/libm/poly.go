package libm

import "math"

// Building blocks shared by the float64 algorithms: polynomial evaluation and
// double-double (unevaluated sum hi + lo) arithmetic built on math.FMA.
//
// Go may fuse x*y + z into one FMA on architectures that have it (arm64, GOAMD64=v3).
// That only ever removes a rounding, which the algorithms tolerate, except where a
// rounded product must equal the value an error term was computed for; there an
// explicit float64(...) conversion keeps the rounding (see twoProd).

// horner evaluates c[0] + c[1] x + ... + c[n] x^n with one FMA per coefficient.
func horner(x float64, c []float64) float64 {
	r := c[len(c)-1]
	for i := len(c) - 2; i >= 0; i-- {
		r = math.FMA(r, x, c[i])
	}
	return r
}

// twoSum returns s = fl(a+b) and the exact rounding error e, so a+b = s+e (Knuth).
func twoSum(a, b float64) (s, e float64) {
	s = a + b
	bb := s - a
	e = (a - (s - bb)) + (b - bb)
	return s, e
}

// fastTwoSum is twoSum for |a| >= |b| (or a == 0), with three operations (Dekker).
func fastTwoSum(a, b float64) (s, e float64) {
	s = a + b
	e = b - (s - a)
	return s, e
}

// twoProd returns p = fl(a*b) and the exact rounding error e, so a*b = p+e. The
// conversion forces p to be rounded: on arm64 or with GOAMD64=v3 the compiler may
// otherwise fuse a*b into a later addition, which would no longer match e.
func twoProd(a, b float64) (p, e float64) {
	p = float64(a * b)
	return p, math.FMA(a, b, -p)
}

// mulDD multiplies the double-double (ah, al) by the double-double (bh, bl); the result
// is accurate to about 2^-104 relative.
func mulDD(ah, al, bh, bl float64) (h, l float64) {
	h, l = twoProd(ah, bh)
	l += ah*bl + al*bh
	return fastTwoSum(h, l)
}

// pow2 returns 2^k for -1022 <= k <= 1023, built directly from the exponent bits.
func pow2(k int) float64 {
	return math.Float64frombits(uint64(k+1023) << 52)
}

// scaleByPow2 returns y * 2^k for 0.5 <= |y| < 4 and -1100 < k < 1100, rounding once
// even when the result is subnormal: the first multiplication is exact, only the last
// one can round.
func scaleByPow2(y float64, k int) float64 {
	switch {
	case k > 1023:
		return y * pow2(k-1023) * pow2(1023)
	case k < -1020:
		return y * pow2(k+1000) * pow2(-1000)
	}
	return y * pow2(k)
}
