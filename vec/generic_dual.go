package vec

import "math"

// Dual kernels are built from a level's float kernels: each chunk of scratchLen
// elements computes the values and the local derivatives into scratch columns with the
// (possibly SIMD) float kernels, then scales every tangent column by the derivatives.
// Computing into scratch first is what makes dst == input safe.

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
		dualMin:       dualBinary(t, minRule[T]),
		dualMax:       dualBinary(t, maxRule[T]),
		dualAtan2:     dualBinary(t, atan2Rule[T]),
		dualPow:       dualBinary(t, powRule[T]),
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
		dualSincos:    func(s, c, x Dual[T]) { dualSincos(t, s, c, x) },
		dualScale:     func(dst, x Dual[T], c T) { dualScale(t, dst, x, c) },
		dualAddScalar: func(dst, x Dual[T], c T) { dualAddScalar(t, dst, x, c) },
		dualFMA:       func(dst, a, b, c Dual[T]) { dualFMA(t, dst, a, b, c) },
		dualAxpy:      func(dst Dual[T], a T, x, y Dual[T]) { dualAxpy(t, dst, a, x, y) },
	}
}

// scaleTangent sets dst[i] = d[i]*tan[i], keeping a zero tangent zero even where d[i]
// is infinite or NaN.
func scaleTangent[T Float](dst, d, tan []T) {
	d, tan = d[:len(dst)], tan[:len(dst)]
	for i := range dst {
		if tan[i] == 0 {
			dst[i] = 0
		} else {
			dst[i] = d[i] * tan[i]
		}
	}
}

// combineTangents sets dst[i] = da[i]*ta[i] + db[i]*tb[i], NaN-safe in each term.
func combineTangents[T Float](dst, da, ta, db, tb []T) {
	da, ta, db, tb = da[:len(dst)], ta[:len(dst)], db[:len(dst)], tb[:len(dst)]
	for i := range dst {
		var x, y T
		if ta[i] != 0 {
			x = da[i] * ta[i]
		}
		if tb[i] != 0 {
			y = db[i] * tb[i]
		}
		dst[i] = x + y
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
				scaleTangent(dst.D[k][i:j], d, x.D[k][i:j])
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
				combineTangents(dst.D[k][i:j], da, a.D[k][i:j], db, b.D[k][i:j])
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
			if tan[i] == 0 {
				col[i] = 0
			} else {
				col[i] = c * tan[i]
			}
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
			combineTangents(s.v[:j-i], bv, a.D[k][i:j], av, b.D[k][i:j])
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
		sv, cv := buf.v[:j-i], buf.d[:j-i]
		t.sincos(sv, cv, x.V[i:j])
		for k := range s.D {
			sd, cd, tan := s.D[k][i:j], c.D[k][i:j], x.D[k][i:j]
			for n := range sd {
				if tn := tan[n]; tn == 0 {
					sd[n], cd[n] = 0, 0
				} else {
					sd[n], cd[n] = cv[n]*tn, -sv[n]*tn
				}
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
		d[i] = 1 + y*y
	}
}

func expRule[T Float](t *floatKernels[T], v, d, x []T) {
	t.exp(v, x)
	copy(d, v)
}

func exp2Rule[T Float](t *floatKernels[T], v, d, x []T) {
	t.exp2(v, x)
	t.scale(d, v, T(math.Ln2))
}

// expm1Rule: expm1' = exp = expm1 + 1.
func expm1Rule[T Float](t *floatKernels[T], v, d, x []T) {
	t.expm1(v, x)
	t.addScalar(d, v, 1)
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

// sqrtRule: sqrt' = 1/(2 sqrt x), +Inf at 0.
func sqrtRule[T Float](t *floatKernels[T], v, d, x []T) {
	t.sqrt(v, x)
	t.recip(d, v)
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
		d[i] = 1 / (1 + y*y)
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

// minRule sends the tangent of the smaller argument; a tie splits it evenly and NaN
// propagates.
func minRule[T Float](t *floatKernels[T], v, da, db, a, b []T) {
	t.min(v, a, b)
	for i := range v {
		da[i], db[i] = selectPartials(a[i], b[i])
	}
}

// maxRule sends the tangent of the larger argument; a tie splits it evenly and NaN
// propagates.
func maxRule[T Float](t *floatKernels[T], v, da, db, a, b []T) {
	t.max(v, a, b)
	for i := range v {
		db[i], da[i] = selectPartials(a[i], b[i])
	}
}

// selectPartials returns the partials of min(a, b).
func selectPartials[T Float](a, b T) (da, db T) {
	switch {
	case a < b:
		return 1, 0
	case b < a:
		return 0, 1
	case a == b:
		return 0.5, 0.5
	default:
		nan := a + b
		return nan, nan
	}
}

// atan2Rule: d atan2(y, x) = (x dy - y dx) / (x² + y²).
func atan2Rule[T Float](t *floatKernels[T], v, dy, dx, y, x []T) {
	t.atan2(v, y, x)
	for i := range v {
		r := x[i]*x[i] + y[i]*y[i]
		dy[i] = x[i] / r
		dx[i] = -y[i] / r
	}
}

// powRule: d x**y = y x**(y-1) dx + x**y log(x) dy, with PyTorch's masks: the x
// partial is 0 where y == 0, and the y partial is 0 where x == 0 and y >= 0 (the
// limit of x**y log x).
func powRule[T Float](t *floatKernels[T], v, dx, dy, x, y []T) {
	t.pow(v, x, y)
	t.addScalar(dy, y, -1)
	t.pow(dx, x, dy)
	t.log(dy, x)
	for i := range v {
		if y[i] == 0 {
			dx[i] = 0
		} else {
			dx[i] *= y[i]
		}
		if x[i] == 0 && y[i] >= 0 {
			dy[i] = 0
		} else {
			dy[i] *= v[i]
		}
	}
}
