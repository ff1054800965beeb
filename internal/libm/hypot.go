package libm

import "math"

// Hypot, float64.
//
// With p = max(|x|, |y|) = 2^e m (1 <= m < 2) and q = min(|x|, |y|), both are scaled
// by 2^-e (exact, except for q's bits below 2^-1074, which cannot reach the result),
// the sum of squares is formed exactly as a double-double from two FMA products, its
// root as a double-double, and the scaling back rounds once (scaleDD, also when the
// result is subnormal). Errors stay within 0.51 ULP.

func Hypot(x, y float64) float64 {
	switch {
	case math.IsInf(x, 0) || math.IsInf(y, 0): // even against NaN, as math.Hypot
		return math.Inf(1)
	case x != x || y != y:
		return math.NaN()
	}
	p, q := math.Abs(x), math.Abs(y)
	if p < q {
		p, q = q, p
	}
	if p == 0 {
		return 0
	}
	bias := 0
	if p < 0x1p-1000 { // bring subnormal p into the normal range first
		p, q = p*0x1p60, q*0x1p60
		bias = -60
	}
	e := int(math.Float64bits(p)>>52) - 1023
	ps, qs := scaleByPow2(p, -e), scaleByPow2(q, -e) // ps in [1, 2); e may be 1023
	ah, al := twoProd(ps, ps)
	bh, bl := twoProd(qs, qs)
	sh, sl := fastTwoSum(ah, bh) // ah >= bh
	rh, rl := sqrtDD(sh, sl+al+bl)
	return scaleDD(rh, rl, e+bias)
}
