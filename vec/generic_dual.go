package vec

import (
	"math"
	"unsafe"

	"github.com/dualgrad/dualgrad/internal/libm"
)

// Dual kernels are built from a level's float kernels: each chunk of scratchLen
// elements computes the values and the local derivatives into scratch columns with the
// (possibly SIMD) float kernels, then scales every tangent column by the derivatives
// with the level's tangent loops (scaleTangent, combineTangents; assembly on the SIMD
// levels). Computing into scratch first is what makes dst == input safe.

// unaryRule computes the values v and local derivatives d of one chunk of x. v and d
// never alias x.
type unaryRule[T Float] func(t *floatKernels[T], v, d, x []T)

// binaryRule computes the values v and partials da, db of one chunk. v, da and db
// never alias a or b.
type binaryRule[T Float] func(t *floatKernels[T], v, da, db, a, b []T)

// dualKernels builds the dual kernels of a level from its float kernels t.
func dualKernels[T Float](t *floatKernels[T]) *floatKernels[T] {
	return &floatKernels[T]{
		dualAdd:       func(dst, a, b Dual[T]) { dualLinear(t.add, dst, a, b) },
		dualSub:       func(dst, a, b Dual[T]) { dualLinear(t.sub, dst, a, b) },
		dualMul:       dualBinary(t, mulRule[T]),
		dualDiv:       dualBinary(t, divRule[T]),
		dualDivAlt:    dualBinary(t, divRule[T]),
		dualMin:       dualBinary(t, minRule[T]),
		dualMax:       dualBinary(t, maxRule[T]),
		dualAtan2:     dualBinary(t, atan2Rule[T]),
		dualPow:       dualBinary(t, powRule[T]),
		dualHypot:     dualBinary(t, hypotRule[T]),
		dualNeg:       func(dst, x Dual[T]) { dualNeg(t, dst, x) },
		dualSqrt:      dualUnary(t, sqrtRule[T]),
		dualRecip:     dualUnary(t, recipRule[T]),
		dualAbs:       dualUnary(t, absRule[T]),
		dualExp:       dualUnary(t, expRule[T]),
		dualExp2:      dualUnary(t, exp2Rule[T]),
		dualExpm1:     dualUnary(t, expm1Rule[T]),
		dualLog:       dualUnary(t, logRule[T]),
		dualLog2:      dualUnary(t, log2Rule[T]),
		dualLog10:     dualUnary(t, log10Rule[T]),
		dualLog1p:     dualUnary(t, log1pRule[T]),
		dualSin:       dualUnary(t, sinRule[T]),
		dualCos:       dualUnary(t, cosRule[T]),
		dualTan:       dualUnary(t, tanRule[T]),
		dualAsin:      dualUnary(t, asinRule[T]),
		dualAcos:      dualUnary(t, acosRule[T]),
		dualAtan:      dualUnary(t, atanRule[T]),
		dualSinh:      dualUnary(t, sinhRule[T]),
		dualCosh:      dualUnary(t, coshRule[T]),
		dualTanh:      dualUnary(t, tanhRule[T]),
		dualCbrt:      dualUnary(t, cbrtRule[T]),
		dualErf:       dualUnary(t, erfRule[T]),
		dualAsinh:     dualUnary(t, asinhRule[T]),
		dualAcosh:     dualUnary(t, acoshRule[T]),
		dualAtanh:     dualUnary(t, atanhRule[T]),
		dualSincos:    func(s, c, x Dual[T]) { dualSincos(t, s, c, x) },
		dualScale:     func(dst, x Dual[T], c T) { dualScale(t, dst, x, c) },
		dualAddScalar: func(dst, x Dual[T], c T) { dualAddScalar(t, dst, x, c) },
		dualFMA:       func(dst, a, b, c Dual[T]) { dualFMA(t, dst, a, b, c) },
		dualAxpy:      func(dst Dual[T], a T, x, y Dual[T]) { dualAxpy(t, dst, a, x, y) },
	}
}

// scaleNaNSafe returns d*tan, or +0 when tan is 0: a zero tangent stays zero even
// where the local derivative d is infinite or NaN.
func scaleNaNSafe[T Float](d, tan T) T {
	if tan == 0 {
		return 0
	}
	return d * tan
}

// scaleTangentGeneric sets dst[i] = d[i]*tan[i], NaN-safe.
func scaleTangentGeneric[T Float](dst, d, tan []T) {
	d, tan = d[:len(dst)], tan[:len(dst)]
	for i := range dst {
		dst[i] = scaleNaNSafe(d[i], tan[i])
	}
}

// combineTangentsGeneric sets dst[i] = da[i]*ta[i] + db[i]*tb[i], NaN-safe in each
// term.
func combineTangentsGeneric[T Float](dst, da, ta, db, tb []T) {
	da, ta, db, tb = da[:len(dst)], ta[:len(dst)], db[:len(dst)], tb[:len(dst)]
	for i := range dst {
		dst[i] = scaleNaNSafe(da[i], ta[i]) + scaleNaNSafe(db[i], tb[i])
	}
}

// dualUnary lifts a rule to a dual kernel.
func dualUnary[T Float](t *floatKernels[T], rule unaryRule[T]) func(dst, x Dual[T]) {
	return func(dst, x Dual[T]) {
		s := getScratch[T]()
		for i := 0; i < len(x.V); i += scratchLen {
			j := min(i+scratchLen, len(x.V))
			v, d := s.v[:j-i], s.d[:j-i]
			rule(t, v, d, x.V[i:j])
			for k := range dst.D {
				t.scaleTangent(dst.D[k][i:j], d, x.D[k][i:j])
			}
			copy(dst.V[i:j], v)
		}
		putScratch(s)
	}
}

// dualBinary lifts a rule to a dual kernel.
func dualBinary[T Float](t *floatKernels[T], rule binaryRule[T]) func(dst, a, b Dual[T]) {
	return func(dst, a, b Dual[T]) {
		s := getScratch[T]()
		for i := 0; i < len(a.V); i += scratchLen {
			j := min(i+scratchLen, len(a.V))
			v, da, db := s.v[:j-i], s.d[:j-i], s.e[:j-i]
			rule(t, v, da, db, a.V[i:j], b.V[i:j])
			for k := range dst.D {
				t.combineTangents(dst.D[k][i:j], da, a.D[k][i:j], db, b.D[k][i:j])
			}
			copy(dst.V[i:j], v)
		}
		putScratch(s)
	}
}

// dualLinear handles Add and Sub, whose partials are ±1: the same float kernel applies
// to the values and to every tangent column.
func dualLinear[T Float](op func(dst, a, b []T), dst, a, b Dual[T]) {
	op(dst.V, a.V, b.V)
	for k := range dst.D {
		op(dst.D[k], a.D[k], b.D[k])
	}
}

func dualNeg[T Float](t *floatKernels[T], dst, x Dual[T]) {
	t.neg(dst.V, x.V)
	for k := range dst.D {
		t.neg(dst.D[k], x.D[k])
	}
}

func dualAddScalar[T Float](t *floatKernels[T], dst, x Dual[T], c T) {
	t.addScalar(dst.V, x.V, c)
	for k := range dst.D {
		copy(dst.D[k], x.D[k])
	}
}

// isFinite reports whether c is neither infinite nor NaN.
func isFinite[T Float](c T) bool { return c-c == 0 }

func dualScale[T Float](t *floatKernels[T], dst, x Dual[T], c T) {
	t.scale(dst.V, x.V, c)
	for k := range dst.D {
		if isFinite(c) {
			t.scale(dst.D[k], x.D[k], c)
			continue
		}
		col, tan := dst.D[k], x.D[k][:len(dst.D[k])]
		for i := range col {
			col[i] = scaleNaNSafe(c, tan[i])
		}
	}
}

// dualAxpy: d(a*x + y) = a*dx + dy, fused like Axpy.
func dualAxpy[T Float](t *floatKernels[T], dst Dual[T], a T, x, y Dual[T]) {
	t.axpy(dst.V, a, x.V, y.V)
	for k := range dst.D {
		if isFinite(a) {
			t.axpy(dst.D[k], a, x.D[k], y.D[k])
			continue
		}
		col, tx, ty := dst.D[k], x.D[k][:len(dst.D[k])], y.D[k][:len(dst.D[k])]
		for i := range col {
			var ax T
			if tx[i] != 0 {
				ax = a * tx[i]
			}
			col[i] = ax + ty[i]
		}
	}
}

// dualFMA: d(a*b + c) = b*da + a*db + dc.
func dualFMA[T Float](t *floatKernels[T], dst, a, b, c Dual[T]) {
	s := getScratch[T]()
	for i := 0; i < len(a.V); i += scratchLen {
		j := min(i+scratchLen, len(a.V))
		av, bv := s.d[:j-i], s.e[:j-i]
		copy(av, a.V[i:j])
		copy(bv, b.V[i:j])
		for k := range dst.D {
			col, tc := dst.D[k][i:j], c.D[k][i:j]
			t.combineTangents(s.v[:j-i], bv, a.D[k][i:j], av, b.D[k][i:j])
			t.add(col, s.v[:j-i], tc)
		}
		t.fma(dst.V[i:j], av, bv, c.V[i:j])
	}
	putScratch(s)
}

// dualSincos: sin' = cos, cos' = -sin, one range reduction for both.
func dualSincos[T Float](t *floatKernels[T], s, c, x Dual[T]) {
	buf := getScratch[T]()
	for i := 0; i < len(x.V); i += scratchLen {
		j := min(i+scratchLen, len(x.V))
		sv, cv, negSin := buf.v[:j-i], buf.d[:j-i], buf.e[:j-i]
		t.sincos(sv, cv, x.V[i:j])
		t.neg(negSin, sv)
		for k := range s.D {
			sd, cd, tan := s.D[k][i:j], c.D[k][i:j], x.D[k][i:j]
			// Write first the output that does not alias x, so both read x's tangents.
			if &cd[0] == &tan[0] {
				t.scaleTangent(sd, cv, tan)
				t.scaleTangent(cd, negSin, tan)
			} else {
				t.scaleTangent(cd, negSin, tan)
				t.scaleTangent(sd, cv, tan)
			}
		}
		copy(s.V[i:j], sv)
		copy(c.V[i:j], cv)
	}
	putScratch(buf)
}

// Unary rules.

func sinRule[T Float](t *floatKernels[T], v, d, x []T) { t.sincos(v, d, x) }

func cosRule[T Float](t *floatKernels[T], v, d, x []T) {
	t.sincos(d, v, x)
	t.neg(d, d)
}

// tanRule: tan' = 1 + tan².
func tanRule[T Float](t *floatKernels[T], v, d, x []T) {
	t.tan(v, x)
	for i, y := range v {
		d[i] = tanSlope(y)
	}
}

// tanSlope returns 1 + y² for y = tan x, rounding y² first: the conversion keeps the
// compiler from fusing it into an FMA, which the assembly does not use.
func tanSlope[T Float](y T) T { return 1 + T(y*y) }

func expRule[T Float](t *floatKernels[T], v, d, x []T) {
	t.exp(v, x)
	copy(d, v)
}

func exp2Rule[T Float](t *floatKernels[T], v, d, x []T) {
	t.exp2(v, x)
	t.scale(d, v, T(math.Ln2))
}

// expm1Rule: expm1' = exp, computed directly: expm1 + 1 cancels to 0 below x ≈ -37
// (float64), where exp(x) is still a nonzero number.
func expm1Rule[T Float](t *floatKernels[T], v, d, x []T) {
	t.expm1(v, x)
	t.exp(d, x)
}

func logRule[T Float](t *floatKernels[T], v, d, x []T) {
	t.log(v, x)
	t.recip(d, x)
}

func log2Rule[T Float](t *floatKernels[T], v, d, x []T) {
	t.log2(v, x)
	t.scale(d, x, T(math.Ln2))
	t.recip(d, d)
}

func log10Rule[T Float](t *floatKernels[T], v, d, x []T) {
	t.log10(v, x)
	t.scale(d, x, T(math.Ln10))
	t.recip(d, d)
}

func log1pRule[T Float](t *floatKernels[T], v, d, x []T) {
	t.log1p(v, x)
	t.addScalar(d, x, 1)
	t.recip(d, d)
}

// sqrtRule: sqrt' = 1/(2 sqrt x), +Inf at ±0 as in package dual: adding +0 turns
// sqrt(-0) = -0 into +0 before the reciprocal.
func sqrtRule[T Float](t *floatKernels[T], v, d, x []T) {
	t.sqrt(v, x)
	t.addScalar(d, v, 0)
	t.recip(d, d)
	t.scale(d, d, 0.5)
}

// recipRule: (1/x)' = -1/x².
func recipRule[T Float](t *floatKernels[T], v, d, x []T) {
	t.recip(v, x)
	for i, y := range v {
		d[i] = -(y * y)
	}
}

// absRule: abs' = sign x, 0 at ±0, NaN for NaN.
func absRule[T Float](t *floatKernels[T], v, d, x []T) {
	t.abs(v, x)
	for i, y := range x {
		switch {
		case y > 0:
			d[i] = 1
		case y < 0:
			d[i] = -1
		case y == 0:
			d[i] = 0
		default:
			d[i] = y
		}
	}
}

// asinRule: asin' = 1/sqrt((1-x)(1+x)); the factored form keeps accuracy near ±1.
func asinRule[T Float](t *floatKernels[T], v, d, x []T) {
	t.asin(v, x)
	for i, y := range x {
		d[i] = (1 - y) * (1 + y)
	}
	t.sqrt(d, d)
	t.recip(d, d)
}

func acosRule[T Float](t *floatKernels[T], v, d, x []T) {
	t.acos(v, x)
	for i, y := range x {
		d[i] = (1 - y) * (1 + y)
	}
	t.sqrt(d, d)
	for i, y := range d {
		d[i] = -1 / y
	}
}

func atanRule[T Float](t *floatKernels[T], v, d, x []T) {
	t.atan(v, x)
	for i, y := range x {
		d[i] = 1 / (1 + T(y*y)) // the conversion keeps y*y + 1 from fusing, as in the assembly
	}
}

func sinhRule[T Float](t *floatKernels[T], v, d, x []T) {
	t.sinh(v, x)
	t.cosh(d, x)
}

func coshRule[T Float](t *floatKernels[T], v, d, x []T) {
	t.cosh(v, x)
	t.sinh(d, x)
}

// tanhRule: tanh' = 1/cosh², which keeps full relative accuracy where 1 - tanh² would
// cancel (|x| > 1), and underflows to 0 where cosh² overflows.
func tanhRule[T Float](t *floatKernels[T], v, d, x []T) {
	t.tanh(v, x)
	t.cosh(d, x)
	for i, c := range d {
		d[i] = 1 / (c * c)
	}
}

// cbrtRule: cbrt' = 1/(3 cbrt(x)²), +Inf at 0.
func cbrtRule[T Float](t *floatKernels[T], v, d, x []T) {
	t.cbrt(v, x)
	for i, y := range v {
		d[i] = 1 / (3 * y * y)
	}
}

// erfRule: erf' = 2/sqrt(pi) exp(-x²).
func erfRule[T Float](t *floatKernels[T], v, d, x []T) {
	t.erf(v, x)
	for i, y := range x {
		d[i] = -(y * y)
	}
	t.exp(d, d)
	t.scale(d, d, T(2/math.SqrtPi))
}

// asinhRule: asinh' = 1/sqrt(x² + 1), which is 1/|x| to the last bit above 2^26
// (where x² + 1 could overflow).
func asinhRule[T Float](t *floatKernels[T], v, d, x []T) {
	t.asinh(v, x)
	for i, y := range x {
		if ay := abs(y); ay > 0x1p26 {
			d[i] = 1 / ay
		} else {
			d[i] = T(1 / math.Sqrt(float64(T(y*y)+1))) // T(y*y): no fused multiply-add
		}
	}
}

// acoshRule: acosh' = 1/(sqrt(x-1) sqrt(x+1)), the factors kept apart so that nothing
// cancels near 1 or overflows for huge x; +Inf at 1 and NaN below, as in package dual.
func acoshRule[T Float](t *floatKernels[T], v, d, x []T) {
	t.acosh(v, x)
	for i, y := range x {
		d[i] = 1 / (T(math.Sqrt(float64(y-1))) * T(math.Sqrt(float64(y+1))))
	}
}

// atanhRule: atanh' = 1/((1-x)(1+x)), factored to keep accuracy near ±1; +Inf at ±1,
// and NaN outside [-1, 1] where the value is NaN, as in package dual.
func atanhRule[T Float](t *floatKernels[T], v, d, x []T) {
	t.atanh(v, x)
	for i, y := range x {
		if abs(y) > 1 {
			d[i] = v[i] // NaN
		} else {
			d[i] = 1 / ((1 - y) * (1 + y))
		}
	}
}

// Binary rules.

func mulRule[T Float](t *floatKernels[T], v, da, db, a, b []T) {
	copy(da, b)
	copy(db, a)
	t.mul(v, a, b)
}

// divRule: d(a/b) = da/b - (a/b) db/b.
func divRule[T Float](t *floatKernels[T], v, da, db, a, b []T) {
	t.div(v, a, b)
	t.recip(da, b)
	for i, q := range v {
		db[i] = -q * da[i]
	}
}

// minRule sends the tangent of the smaller argument; a tie splits it evenly and a NaN
// value has NaN partials, as package dual.
func minRule[T Float](t *floatKernels[T], v, da, db, a, b []T) {
	t.min(v, a, b)
	for i := range v {
		da[i], db[i] = selectPartials(a[i], b[i], v[i])
	}
}

// maxRule sends the tangent of the larger argument; a tie splits it evenly and a NaN
// value has NaN partials, as package dual.
func maxRule[T Float](t *floatKernels[T], v, da, db, a, b []T) {
	t.max(v, a, b)
	for i := range v {
		da[i], db[i] = selectPartials(a[i], b[i], v[i])
	}
}

// selectPartials returns the partials of v = min(a, b) or max(a, b): (1, 0) if v is a
// only, (0, 1) if v is b only, (0.5, 0.5) at a tie and NaN where v is NaN. Comparing
// with v rather than a with b covers math.Min's and math.Max's special cases, where an
// infinity beats a NaN: min(-Inf, NaN) = -Inf has partials (1, 0).
func selectPartials[T Float](a, b, v T) (da, db T) {
	isA, isB := a == v, b == v
	switch {
	case isA && isB:
		return 0.5, 0.5
	case isA:
		return 1, 0
	case isB:
		return 0, 1
	}
	return v, v // NaN
}

// atan2Rule: d atan2(y, x) = (x dy - y dx) / (x² + y²), formed as package dual does
// from y/h and x/h with h = max(|y|, |x|), so that x² + y² never overflows or
// underflows. At the origin and where an argument is infinite (even if the other is
// NaN) both partials are 0 (the limit, and dual's choice at the origin).
func atan2Rule[T Float](t *floatKernels[T], v, dy, dx, y, x []T) {
	t.atan2(v, y, x)
	inf := T(math.Inf(1))
	tinyH, scaleH := atan2Scale[T]()
	for i := range v {
		ay, ax := abs(y[i]), abs(x[i])
		h := max(ay, ax)                      // NaN if either is NaN
		if h == 0 || ay == inf || ax == inf { // an infinity wins over NaN, as in dual

			dy[i], dx[i] = 0, 0
			continue
		}
		a, b := y[i]/h, x[i]/h
		// Where h is tiny 1/(h·(a²+b²)) overflows although the partials may not (at
		// y = 0, ∂/∂x is exactly 0): scale h up by a power of two, the partials back.
		sc := T(1)
		if h < tinyH {
			sc = scaleH
		}
		inv := 1 / ((h * sc) * (T(a*a) + T(b*b))) // each square rounded, as in the assembly
		dy[i], dx[i] = b*inv*sc, -a*inv*sc
	}
}

// atan2Scale returns the bound below which atan2Rule scales h, and the scale: 2^-1000
// and 2^600 for float64, 2^-100 and 2^64 for float32 (as package dual's atan2Scaled,
// which works in float64 for both).
func atan2Scale[T Float]() (tinyH, scaleH T) {
	if unsafe.Sizeof(tinyH) == 4 {
		return 0x1p-100, 0x1p64
	}
	small, large := 0x1p-1000, 0x1p600 // variables: the constants do not fit a float32 T
	return T(small), T(large)
}

// abs returns |x| for any float type (NaN stays NaN).
func abs[T Float](x T) T {
	if x < 0 {
		return -x
	}
	return x + 0 // -0 + 0 = +0
}

// hypotRule: d hypot(x, y) = (x dx + y dy)/h, with package dual's conventions: both
// partials 0 at the origin; with one infinite argument its partial is its sign and the
// other's 0 (even if that one is NaN); with both infinite, their signs over sqrt(2).
func hypotRule[T Float](t *floatKernels[T], v, dx, dy, x, y []T) {
	t.hypot(v, x, y)
	inf := T(math.Inf(1))
	for i, h := range v {
		xi, yi := x[i], y[i]
		xInf, yInf := abs(xi) == inf, abs(yi) == inf
		switch {
		case xInf && yInf:
			dx[i], dy[i] = T(math.Copysign(math.Sqrt2/2, float64(xi))), T(math.Copysign(math.Sqrt2/2, float64(yi)))
		case xInf:
			dx[i], dy[i] = T(math.Copysign(1, float64(xi))), 0
		case yInf:
			dx[i], dy[i] = 0, T(math.Copysign(1, float64(yi)))
		case h == 0:
			dx[i], dy[i] = 0, 0
		case h == inf || h < T(0x1p-100):
			// h overflowed, or x/h would lose the bits h lost to underflow: divide
			// scaled float64 copies instead, as package dual does.
			dx[i], dy[i] = hypotSlopeScaled(xi, yi, h == inf)
		default: // NaN stays NaN
			dx[i], dy[i] = xi/h, yi/h
		}
	}
}

// hypotSlopeScaled returns x/h and y/h for h = hypot(x, y) from copies of x and y
// scaled by 2^-54 (down) or 2^54 (up) in float64, so that h neither overflows nor
// loses precision to underflow.
func hypotSlopeScaled[T Float](x, y T, down bool) (dx, dy T) {
	s := 0x1p54
	if down {
		s = 0x1p-54
	}
	xs, ys := float64(x)*s, float64(y)*s
	hs := libm.Hypot(xs, ys)
	return T(xs / hs), T(ys / hs)
}

// powRule: d x**y = y x**(y-1) dx + x**y log(x) dy, with package dual's conventions:
// the x partial is 0 where y == 0; the y partial is 0 where x == 0 and y >= 0, and
// also where x > 0 and x**y is 0 (its limit, rather than 0·Inf = NaN). As in dual,
// x**(y-1) is p/x from p = x**y where p is normal and x is not 0, which spares a
// second pow; only chunks with other lanes call pow(x, y-1).
func powRule[T Float](t *floatKernels[T], v, dx, dy, x, y []T) {
	t.pow(v, x, y)
	tiny := smallestNormal[T]()
	inf := T(math.Inf(1))
	needPow := false
	for i, p := range v {
		if a := abs(p); x[i] == 0 || !(a >= tiny && a < inf) {
			needPow = true
			break
		}
	}
	if needPow {
		t.addScalar(dy, y, -1)
		t.pow(dx, x, dy)
	}
	for i, p := range v {
		xi, yi := x[i], y[i]
		a := abs(p)
		switch {
		case yi == 0:
			dx[i] = 0
		case a != 0 && a < tiny && abs(xi) >= 1 && abs(xi) != inf:
			dx[i] = yi * p / xi // keeps the bits x**(y-1), smaller still, loses to underflow
		case xi != 0 && a >= tiny && a < inf:
			if q := p / xi; abs(q) < inf {
				dx[i] = yi * q
			} else {
				dx[i] = yi * p / xi // p/x overflows, y*p/x need not (x = y = 2^-149: 1)
			}
		default:
			dx[i] = yi * dx[i] // dx holds pow(x, y-1): needPow was set
		}
	}
	t.log(dy, x)
	for i, p := range v {
		if (x[i] == 0 && y[i] >= 0) || (x[i] > 0 && p == 0) {
			dy[i] = 0
		} else {
			dy[i] *= p
		}
	}
}

// smallestNormal returns the smallest positive normal number of T.
func smallestNormal[T Float]() T {
	var zero T
	if unsafe.Sizeof(zero) == 4 {
		return T(0x1p-126)
	}
	return T(0x1p-1022)
}
