package libm

import "math"

// Inverse trigonometric functions, float64.
//
// Atan: for |x| <= 7/16, atan x = x + x^3 T(x^2) (T: degree 11 fit atanPoly). Above,
// atan x = atan c + atan t with t = (x - c)/(1 + c x) and c = 1/2, 1, 3/2 or infinity
// (t = -1/x) for x up to 11/16, 19/16, 39/16 and beyond, which keeps |t| <= 7/16; atan c
// is a double-double and t is carried with its division remainder, so only the final
// addition rounds. Atan2 divides the smaller of |y|, |x| by the larger (no overflow,
// no lost underflow) and places the result in its octant with pi/2 and pi as
// double-doubles.
//
// Asin and acos: for |x| <= 1/2, asin x = x + x^3 A(x^2) (A: degree 15 fit asinPoly).
// Above, with z = (1-|x|)/2 (exact) and s = sqrt(z) as a double-double,
// asin |x| = pi/2 - 2 asin s, acos x = 2 asin s (x > 0) or pi - 2 asin s (x < 0), and
// asin s = s + s z A(z) uses the exact z. Measured errors stay below 0.52 ULP.

// atanDD returns atan(th + tl) as a double-double for th >= 0 and |tl| tiny.
func atanDD(th, tl float64) (h, l float64) {
	var ch, cl float64 // atan c
	var t, tt float64  // reduced argument t + tt
	switch {
	case th <= 7.0/16:
		t, tt = th, tl
	case th > 39.0/16: // t = -1/x
		ch, cl = pio2DD[0], pio2DD[1]
		t = -1 / th
		tt = -(math.FMA(t, th, 1) + t*tl) / th // -(1 + t x)/x: the division's remainder
	default:
		var c float64
		switch {
		case th <= 11.0/16:
			c, ch, cl = 0.5, atan0_5DD[0], atan0_5DD[1]
		case th <= 19.0/16:
			c, ch, cl = 1, atan1DD[0], atan1DD[1]
		default:
			c, ch, cl = 1.5, atan1_5DD[0], atan1_5DD[1]
		}
		num := th - c // exact (Sterbenz)
		dh, dl := twoProd(c, th)
		dh, dl2 := fastTwoSum(1, dh)
		dl += dl2 + c*tl
		t = num / dh
		tt = (math.FMA(-t, dh, num) + tl - t*dl) / dh
	}
	z := t * t
	tail := tt/(1+z) + t*z*horner(z, atanPoly[:])
	h, l = twoSum(ch, t)
	l += cl + tail
	return fastTwoSum(h, l)
}

func Atan(x float64) float64 {
	switch {
	case x != x || x == 0:
		return x
	case math.IsInf(x, 0):
		return math.Copysign(math.Pi/2, x)
	}
	h, l := atanDD(math.Abs(x), 0)
	return math.Copysign(h+l, x)
}

// Atan2 has the special cases of math.Atan2.
func Atan2(y, x float64) float64 {
	switch {
	case y != y || x != x:
		return math.NaN()
	case y == 0:
		if x > 0 || (x == 0 && !math.Signbit(x)) {
			return y // ±0
		}
		return math.Copysign(math.Pi, y)
	case x == 0:
		return math.Copysign(math.Pi/2, y)
	case math.IsInf(x, 0):
		switch {
		case math.IsInf(y, 0) && x > 0:
			return math.Copysign(math.Pi/4, y)
		case math.IsInf(y, 0):
			return math.Copysign(3*math.Pi/4, y)
		case x > 0:
			return math.Copysign(0, y)
		}
		return math.Copysign(math.Pi, y)
	case math.IsInf(y, 0):
		return math.Copysign(math.Pi/2, y)
	}
	ax, ay := math.Abs(x), math.Abs(y)
	var h, l float64
	if ay <= ax {
		q := ay / ax
		h, l = atanDD(q, math.FMA(-q, ax, ay)/ax)
	} else { // atan(y/x) = pi/2 - atan(x/y)
		q := ax / ay
		h, l = atanDD(q, math.FMA(-q, ay, ax)/ay)
		h, l = subDD(pio2DD[0], pio2DD[1], h, l)
	}
	if x < 0 {
		h, l = subDD(piDD[0], piDD[1], h, l)
	}
	return math.Copysign(h+l, y)
}

// subDD returns (ah + al) - (bh + bl) as a double-double.
func subDD(ah, al, bh, bl float64) (h, l float64) {
	h, l = twoSum(ah, -bh)
	l += al - bl
	return fastTwoSum(h, l)
}

// asinSqrtDD returns s = sqrt((1-ax)/2) and asin s as a double-double, for
// 1/2 < ax <= 1.
func asinSqrtDD(ax float64) (h, l float64) {
	z := (1 - ax) * 0.5 // exact
	sh := math.Sqrt(z)
	sl := math.FMA(-sh, sh, z) / (2 * sh)
	if sh == 0 {
		return 0, 0
	}
	tail := sl + sh*z*horner(z, asinPoly[:])
	return fastTwoSum(sh, tail)
}

func Asin(x float64) float64 {
	ax := math.Abs(x)
	switch {
	case x != x || ax > 1:
		return math.NaN()
	case ax <= 0.5:
		z := x * x
		return x + x*z*horner(z, asinPoly[:])
	}
	h, l := asinSqrtDD(ax)
	h, l = subDD(pio2DD[0], pio2DD[1], 2*h, 2*l)
	return math.Copysign(h+l, x)
}

func Acos(x float64) float64 {
	ax := math.Abs(x)
	switch {
	case x != x || ax > 1:
		return math.NaN()
	case ax <= 0.5:
		z := x * x
		h, l := subDD(pio2DD[0], pio2DD[1], x, x*z*horner(z, asinPoly[:]))
		return h + l
	}
	h, l := asinSqrtDD(ax)
	if x > 0 {
		return 2*h + 2*l
	}
	h, l = subDD(piDD[0], piDD[1], 2*h, 2*l)
	return h + l
}
