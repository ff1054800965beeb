package libm

import "math"

// Sine, cosine and tangent, float64.
//
// After reducePio2 (x = q pi/2 + r, r a double-double with |r| <= pi/4), both
//
//	sin r = r + r^3 S(r^2)              (S: degree 7 fit sinPoly)
//	cos r = 1 - r^2/2 + r^4 C(r^2)      (C: degree 7 fit cosPoly)
//
// are formed as double-doubles: the leading terms r, -r^3/6 and 1 - r^2/2 in
// double-double (products via FMA), the small polynomial tails in float64. The
// quadrant q mod 4 then picks (sin, cos), (cos, -sin), (-sin, -cos) or (-cos, sin);
// sin and cos alone evaluate only the polynomial they need. Tan divides the
// double-doubles with an FMA remainder step. All three round once at the end:
// measured errors stay below 0.56 ULP, for every finite x.

// r2DD returns r^2 for r = rh + rl as a double-double.
func r2DD(rh, rl float64) (zh, zl float64) {
	zh, zl = twoProd(rh, rh)
	return zh, zl + 2*rh*rl
}

// sinDD returns sin(rh+rl) as a double-double; zh, zl is r^2 from r2DD.
func sinDD(rh, rl, zh, zl float64) (sh, sl float64) {
	// r^3 S(z) = -r^3/6 + r^3 z S'(z); the first term, near 0.07 r, in double-double.
	uh, ul := twoProd(rh, zh)
	ul += rh * zl
	th, tl := mulDD(uh, ul, minusSixthDD[0], minusSixthDD[1])
	rest := uh * zh * horner(zh, sinPoly[1:])
	sh, sl = fastTwoSum(rh, th)
	sl += tl + rest + rl*(1-0.5*zh) // rl cos rh
	return fastTwoSum(sh, sl)
}

// cosDD returns cos(rh+rl) as a double-double; zh, zl is r^2 from r2DD.
func cosDD(zh, zl float64) (ch, cl float64) {
	ch, cl = fastTwoSum(1, -0.5*zh) // 1 >= r^2/2
	cl += zh*zh*horner(zh, cosPoly[:]) - 0.5*zl
	return fastTwoSum(ch, cl)
}

// sincosDD returns sin(rh+rl) and cos(rh+rl) as double-doubles.
func sincosDD(rh, rl float64) (sh, sl, ch, cl float64) {
	zh, zl := r2DD(rh, rl)
	sh, sl = sinDD(rh, rl, zh, zl)
	ch, cl = cosDD(zh, zl)
	return sh, sl, ch, cl
}

// sincosQuadrant reduces x and returns its sine and cosine as double-doubles.
func sincosQuadrant(x float64) (sh, sl, ch, cl float64) {
	q, rh, rl := reducePio2(x)
	sh, sl, ch, cl = sincosDD(rh, rl)
	switch q & 3 {
	case 1:
		sh, sl, ch, cl = ch, cl, -sh, -sl
	case 2:
		sh, sl, ch, cl = -sh, -sl, -ch, -cl
	case 3:
		sh, sl, ch, cl = -ch, -cl, sh, sl
	}
	return sh, sl, ch, cl
}

// Sincos returns sin x and cos x with the special cases of math.Sincos: ±0 gives
// (±0, 1); ±Inf and NaN give NaN.
func Sincos(x float64) (s, c float64) {
	if x-x != 0 { // ±Inf or NaN
		return math.NaN(), math.NaN()
	}
	if x == 0 {
		return x, 1
	}
	sh, sl, ch, cl := sincosQuadrant(x)
	return sh + sl, ch + cl
}

// Sin evaluates only the one polynomial the quadrant needs.
func Sin(x float64) float64 {
	if x-x != 0 {
		return math.NaN()
	}
	if x == 0 {
		return x
	}
	q, rh, rl := reducePio2(x)
	zh, zl := r2DD(rh, rl)
	var h, l float64
	if q&1 == 0 {
		h, l = sinDD(rh, rl, zh, zl)
	} else {
		h, l = cosDD(zh, zl)
	}
	if q&2 != 0 {
		return -(h + l)
	}
	return h + l
}

// Cos evaluates only the one polynomial the quadrant needs.
func Cos(x float64) float64 {
	if x-x != 0 {
		return math.NaN()
	}
	q, rh, rl := reducePio2(x)
	zh, zl := r2DD(rh, rl)
	var h, l float64
	if q&1 == 0 {
		h, l = cosDD(zh, zl)
	} else {
		h, l = sinDD(rh, rl, zh, zl)
	}
	if (q+1)&2 != 0 {
		return -(h + l)
	}
	return h + l
}

func Tan(x float64) float64 {
	if x-x != 0 {
		return math.NaN()
	}
	if x == 0 {
		return x
	}
	q, rh, rl := reducePio2(x)
	sh, sl, ch, cl := sincosDD(rh, rl)
	nh, nl, dh, dl := sh, sl, ch, cl
	if q&1 == 1 { // tan(r + pi/2) = -cos r / sin r
		nh, nl, dh, dl = -ch, -cl, sh, sl
	}
	t := nh / dh
	rem := math.FMA(-t, dh, nh) + nl - t*dl
	return t + rem/dh
}
