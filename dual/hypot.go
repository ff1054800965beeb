package dual

import "math"

// hypotScale is 2⁵⁴: inputs whose hypotenuse is below hypotTiny are scaled up by it
// before the partials are formed, so that subnormal x and y keep their precision, and
// inputs whose hypotenuse is above hypotHuge (or overflows) are scaled down by it.
const (
	hypotScale = 0x1p54
	hypotTiny  = 0x1p-969
	hypotHuge  = 0x1p1000
)

// hypotSlope returns √(x²+y²), its partials x/h and y/h, and its second partials
// y²/h³, -xy/h³ and x²/h³. Conventions where the calculus gives no answer:
//   - at (0, 0) all partials are 0 (PyTorch gives NaN; NaN-safety is our contract,
//     and 0 is the subgradient of least norm, like Abs at 0);
//   - with one infinite argument its partial is its sign and the other's is 0, even
//     when the other is NaN (Hypot is then +Inf whatever it is);
//   - with both infinite the partials are their signs over √2, the limit along the
//     diagonal.
func hypotSlope(x, y float64) (h, dx, dy, dxx, dxy, dyy float64) {
	h = math.Hypot(x, y)
	xInf, yInf := math.IsInf(x, 0), math.IsInf(y, 0)
	switch {
	case xInf && yInf:
		return h, math.Copysign(math.Sqrt2/2, x), math.Copysign(math.Sqrt2/2, y), 0, 0, 0
	case xInf:
		return h, math.Copysign(1, x), 0, 0, 0, 0
	case yInf:
		return h, 0, math.Copysign(1, y), 0, 0, 0
	case math.IsNaN(h):
		return h, h, h, h, h, h
	case h == 0:
		return h, 0, 0, 0, 0, 0
	case h < hypotTiny:
		return hypotScaled(x, y, h, hypotScale)
	case h > hypotHuge:
		return hypotScaled(x, y, h, 1/hypotScale)
	}
	dx, dy = x/h, y/h
	return h, dx, dy, dy * dy / h, -dx * dy / h, dx * dx / h
}

func hypotD[T Float](x, y T) (v, dx, dy T) {
	h, a, b, _, _, _ := hypotSlope(float64(x), float64(y))
	return T(h), T(a), T(b)
}

func hypotD2[T Float](x, y T) (v, dx, dy, dxx, dxy, dyy T) {
	h, a, b, aa, ab, bb := hypotSlope(float64(x), float64(y))
	return T(h), T(a), T(b), T(aa), T(ab), T(bb)
}

// hypotScaled is hypotSlope for finite x and y scaled by the power of two s, so that
// neither the hypotenuse nor the partials lose precision to underflow or overflow.
func hypotScaled(x, y, h, s float64) (_, dx, dy, dxx, dxy, dyy float64) {
	xs, ys := x*s, y*s
	hs := math.Hypot(xs, ys)
	dx, dy = xs/hs, ys/hs
	return h, dx, dy, dy * dy / hs * s, -dx * dy / hs * s, dx * dx / hs * s
}
