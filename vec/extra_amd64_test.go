//go:build !purego

package vec

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// Accuracy of the assembly kernels of vec/_asm/extra.go (expm1, log1p, the hyperbolic
// and inverse trigonometric functions, float64 log2 and log10) against math/big
// references, and their special values against Go's math, on every assembly level.

// extraCase is one unary kernel under test: inputs, Go's math (the special-value
// oracle), a high-precision reference for finite non-special inputs, and the kernels.
type extraCase struct {
	name   string
	math   func(float64) float64
	ref    func(float64) *big.Float
	inputs func(r *rand.Rand) []float64
	k64    func(k *kernels) func(dst, x []float64)
	k32    func(k *kernels) func(dst, x []float32)
	// overflows: math's infinite results at finite x are overflows, to be checked
	// against the reference (otherwise they are poles, to match exactly)
	overflows bool
}

// bigp returns a new big.Float of precision refPrec holding x.
func bigp(x float64) *big.Float { return bf(refPrec, x) }

// refSeries returns sum_{k>=0} c_k x^(2k+odd) ... for small |x|: terms are given as
// the coefficients of x, x^2, x^3, ... (nil skips a power).
func refSeries(x float64, coef ...float64) *big.Float {
	p := uint(refPrec)
	sum := bf(p, 0)
	pow := bigp(x)
	for _, c := range coef {
		if c != 0 {
			sum.Add(sum, new(big.Float).SetPrec(p).Mul(pow, bf(p, c)))
		}
		pow.Mul(pow, bigp(x))
	}
	return sum
}

// refExpm1 returns e^x - 1: a series for tiny x (where e^x - 1 would cancel 2^-30 of
// the working precision away), refExpBig otherwise.
func refExpm1(x float64) *big.Float {
	if math.Abs(x) < 0x1p-30 {
		return refSeries(x, 1, 1.0/2, 1.0/6, 1.0/24, 1.0/120)
	}
	e := refExpBig(bigp(x))
	return e.Sub(e, bigp(1))
}

// refLogBig returns log(v) for v > 0 at refPrec bits.
func refLogBig(v *big.Float) *big.Float {
	refConsts()
	p := uint(refPrec)
	m := new(big.Float).SetPrec(p).Set(v)
	e := m.MantExp(m) // v = m * 2^e, m in [0.5, 1)
	if m.Cmp(bf(p, math.Sqrt2/2)) < 0 {
		m.Mul(m, bf(p, 2))
		e--
	}
	t := new(big.Float).SetPrec(p).Quo(new(big.Float).SetPrec(p).Sub(m, bf(p, 1)), new(big.Float).SetPrec(p).Add(m, bf(p, 1)))
	l := atanhSeries(t, p)
	l.Mul(l, bf(p, 2))
	return l.Add(l, new(big.Float).SetPrec(p).Mul(bf(p, float64(e)), refLn2))
}

// refLog1p returns log(1 + x) for x > -1: 1 + x is formed exactly (2200 bits hold any
// float64 sum), a series covers tiny x.
func refLog1p(x float64) *big.Float {
	if math.Abs(x) < 0x1p-30 {
		return refSeries(x, 1, -1.0/2, 1.0/3, -1.0/4, 1.0/5)
	}
	u := new(big.Float).SetPrec(2200).Add(bf(2200, 1), bf(2200, x))
	return refLogBig(u)
}

// refSinh, refCosh and refTanh come from e^|x| and e^-|x|, with series for tiny x.
func refSinh(x float64) *big.Float {
	if math.Abs(x) < 0x1p-30 {
		return refSeries(x, 1, 0, 1.0/6, 0, 1.0/120)
	}
	a, b := refExpBig(bigp(x)), refExpBig(bigp(-x))
	a.Sub(a, b)
	return a.Quo(a, bigp(2))
}

func refCosh(x float64) *big.Float {
	a, b := refExpBig(bigp(x)), refExpBig(bigp(-x))
	a.Add(a, b)
	return a.Quo(a, bigp(2))
}

func refTanh(x float64) *big.Float {
	if math.Abs(x) < 0x1p-30 {
		return refSeries(x, 1, 0, -1.0/3, 0, 2.0/15)
	}
	a, b := refExpBig(bigp(x)), refExpBig(bigp(-x))
	num := new(big.Float).SetPrec(refPrec).Sub(a, b)
	return num.Quo(num, a.Add(a, b))
}

// refAtanBig returns atan(v) for any finite v: atan v = pi/2 - atan(1/v) above 1, then
// halvings atan v = 2 atan(v / (1 + sqrt(1 + v^2))) down to |v| < 2^-8 and the Taylor
// series.
func refAtanBig(v *big.Float) *big.Float {
	refConsts()
	p := uint(refPrec + 32)
	a := new(big.Float).SetPrec(p).Abs(v)
	neg := v.Sign() < 0
	var base *big.Float // result = base - atan(a) or atan(a)
	if a.Cmp(bf(p, 1)) > 0 {
		base = new(big.Float).SetPrec(p).Quo(refPi, bf(p, 2))
		a.Quo(bf(p, 1), a)
	}
	doublings := 0
	for a.Cmp(bf(p, 0x1p-8)) > 0 {
		s := new(big.Float).SetPrec(p).Mul(a, a)
		s.Add(s, bf(p, 1))
		s.Sqrt(s)
		a.Quo(a, s.Add(s, bf(p, 1)))
		doublings++
	}
	// atan a = sum (-1)^k a^(2k+1)/(2k+1)
	sum := bf(p, 0)
	a2 := new(big.Float).SetPrec(p).Mul(a, a)
	pow := new(big.Float).SetPrec(p).Set(a)
	eps := new(big.Float).SetMantExp(bf(p, 1), -int(p)-8)
	for k := int64(0); pow.Sign() != 0; k++ {
		term := new(big.Float).SetPrec(p).Quo(pow, new(big.Float).SetPrec(p).SetInt64(2*k+1))
		if k%2 == 0 {
			sum.Add(sum, term)
		} else {
			sum.Sub(sum, term)
		}
		if term.Cmp(new(big.Float).SetPrec(p).Mul(eps, new(big.Float).Abs(sum))) < 0 {
			break
		}
		pow.Mul(pow, a2)
	}
	sum.SetMantExp(sum, doublings)
	if base != nil {
		sum.Sub(base, sum)
	}
	if neg {
		sum.Neg(sum)
	}
	return sum.SetPrec(refPrec)
}

func refAtan(x float64) *big.Float { return refAtanBig(bigp(x)) }

// refAsin returns asin x = atan(x / sqrt((1-x)(1+x))) for |x| < 1 (pi/2 at |x| = 1).
func refAsin(x float64) *big.Float {
	refConsts()
	p := uint(refPrec + 64)
	if math.Abs(x) == 1 {
		h := new(big.Float).SetPrec(refPrec).Quo(refPi, bigp(2))
		if x < 0 {
			h.Neg(h)
		}
		return h
	}
	d := new(big.Float).SetPrec(p).Mul(new(big.Float).SetPrec(p).Sub(bf(p, 1), bf(p, x)), new(big.Float).SetPrec(p).Add(bf(p, 1), bf(p, x)))
	d.Sqrt(d)
	return refAtanBig(d.Quo(bf(p, x), d))
}

// refAcos returns acos x = 2 atan(sqrt((1-x)/(1+x))), which does not cancel near 1.
func refAcos(x float64) *big.Float {
	p := uint(refPrec + 64)
	if x == -1 {
		refConsts()
		return new(big.Float).SetPrec(refPrec).Set(refPi)
	}
	q := new(big.Float).SetPrec(p).Quo(new(big.Float).SetPrec(p).Sub(bf(p, 1), bf(p, x)), new(big.Float).SetPrec(p).Add(bf(p, 1), bf(p, x)))
	a := refAtanBig(q.Sqrt(q))
	return a.Mul(a, bigp(2))
}

// refAtan2 returns atan2(y, x) for finite y, x not both zero.
func refAtan2(y, x float64) *big.Float {
	refConsts()
	p := uint(refPrec)
	if x == 0 {
		h := new(big.Float).SetPrec(p).Quo(refPi, bf(p, 2))
		if y < 0 {
			h.Neg(h)
		}
		return h
	}
	a := refAtanBig(new(big.Float).SetPrec(p+64).Quo(bf(p+64, y), bf(p+64, x)))
	if x < 0 {
		pi := new(big.Float).SetPrec(p).Set(refPi)
		if math.Signbit(y) {
			a.Sub(a, pi)
		} else {
			a.Add(a, pi)
		}
	}
	return a
}

// log1pInputs, hyperbolic inputs and so on: uniform and log-uniform samples over the
// domain, the neighbourhoods of the branch points of the kernels, overflow thresholds.
func expm1Inputs(r *rand.Rand) []float64 {
	v := append(uniform(r, 2000, -1, 1), uniform(r, 1500, -50, 712)...)
	v = append(v, logUniform(r, 1000, -1074, 0)...)
	v = withNegatives(v)
	for _, x := range []float64{709.782712893384, math.Ln2 / 2, math.Ln2, 1.5 * math.Ln2, 0x1p-54, 0x1p-53, -37.5, -36.7, -38} {
		v = append(v, neighbours(x, 3)...)
		v = append(v, neighbours(-x, 3)...)
	}
	for k := -60.0; k <= 60; k++ { // near n*ln2 where the reduction switches n
		v = append(v, neighbours((k+0.5)*math.Ln2, 1)...)
	}
	return v
}

func log1pInputs(r *rand.Rand) []float64 {
	v := append(logUniform(r, 2000, -1074, 1024), uniform(r, 1000, -1, 2)...)
	v = append(v, withNegatives(logUniform(r, 1000, -1074, -1))...)
	v = append(v, withNegatives(logUniform(r, 500, -60, -25))...)
	for _, x := range []float64{-1, math.Sqrt2 - 1, math.Sqrt2/2 - 1, 0x1p-53, -0x1p-53, 0x1p-52, 1.1 * 0x1p-53, -0.5, 1, 0x1p53} {
		v = append(v, neighbours(x, 3)...)
	}
	return append(v, -2, -1e300)
}

func hyperbolicInputs(r *rand.Rand) []float64 {
	v := append(uniform(r, 2000, -2, 2), uniform(r, 1000, -30, 30)...)
	v = append(v, uniform(r, 500, -712, 712)...)
	v = append(v, withNegatives(logUniform(r, 800, -1074, 1))...)
	for _, x := range []float64{0.625, 1, 22, 710.4758600739439, 709.782712893384, 0x1p-27} {
		v = append(v, neighbours(x, 3)...)
		v = append(v, neighbours(-x, 3)...)
	}
	return v
}

func atanInputs(r *rand.Rand) []float64 {
	v := append(uniform(r, 2000, -4, 4), withNegatives(logUniform(r, 2000, -1074, 1023))...)
	for _, x := range []float64{7.0 / 16, 11.0 / 16, 19.0 / 16, 39.0 / 16, 1, 0x1p900} {
		v = append(v, neighbours(x, 3)...)
		v = append(v, neighbours(-x, 3)...)
	}
	return v
}

func asinInputs(r *rand.Rand) []float64 {
	v := append(uniform(r, 3000, -1, 1), withNegatives(logUniform(r, 1000, -1074, -1))...)
	for _, x := range []float64{0.5, 1, 0.75} {
		v = append(v, neighbours(x, 3)...)
		v = append(v, neighbours(-x, 3)...)
	}
	for range 500 { // 1 - tiny, where the square-root branch has its smallest s
		d := math.Exp2(-1 - 52*r.Float64())
		v = append(v, 1-d, d-1)
	}
	return append(v, 1.5, -2)
}

// refCbrt returns the cube root of x by Newton's iteration in math/big from the float64
// estimate.
func refCbrt(x float64) *big.Float {
	p := uint(refPrec)
	bx := bigp(x)
	t := bigp(math.Cbrt(x))
	for range 4 { // quadratic convergence from 2^-50: far beyond refPrec bits
		t2 := new(big.Float).SetPrec(p).Mul(t, t)
		d := new(big.Float).SetPrec(p).Quo(bx, t2)
		t.Add(new(big.Float).SetPrec(p).Mul(t, bigp(2)), d)
		t.Quo(t, bigp(3))
	}
	return t
}

func cbrtInputs(r *rand.Rand) []float64 {
	v := withNegatives(logUniform(r, 4000, -1074, 1024))
	v = append(v, uniform(r, 1000, -10, 10)...)
	for k := -1074; k <= 1023; k += 37 { // powers of two: every exponent residue mod 3
		v = append(v, neighbours(math.Exp2(float64(k)), 1)...)
	}
	for _, c := range []float64{8, 27, 1000, 0x1p-1022, 0x1p-1074} {
		v = append(v, neighbours(c, 2)...)
	}
	return v
}

// refErf returns erf x = 2/sqrt(pi) sum (-1)^n x^(2n+1)/(n! (2n+1)), at 400 bits: the
// terms grow to e^(x^2) before they cancel, about 2^52 at x = 6.
func refErf(x float64) *big.Float {
	refConsts()
	const p = 400
	if math.Abs(x) > 7 {
		return bigp(math.Copysign(1, x))
	}
	bx := bf(p, x)
	x2 := new(big.Float).SetPrec(p).Mul(bx, bx)
	term := new(big.Float).SetPrec(p).Set(bx) // (-1)^n x^(2n+1)/n!
	sum := new(big.Float).SetPrec(p)
	eps := new(big.Float).SetMantExp(bf(p, 1), -p)
	for n := int64(0); ; n++ {
		t := new(big.Float).SetPrec(p).Quo(term, new(big.Float).SetPrec(p).SetInt64(2*n+1))
		sum.Add(sum, t)
		if n > 2 && new(big.Float).Abs(t).Cmp(eps) < 0 {
			break
		}
		term.Mul(term, x2)
		term.Quo(term, new(big.Float).SetPrec(p).SetInt64(n+1))
		term.Neg(term)
	}
	sqrtPi := new(big.Float).SetPrec(p).Sqrt(new(big.Float).SetPrec(p).Set(refPi))
	sum.Mul(sum, bf(p, 2))
	return sum.Quo(sum, sqrtPi).SetPrec(refPrec)
}

func erfInputs(r *rand.Rand) []float64 {
	v := append(uniform(r, 3000, -6.5, 6.5), uniform(r, 1000, -2, 2)...)
	v = append(v, withNegatives(logUniform(r, 800, -1074, 0))...)
	for _, b := range []float64{0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4, 6, 5.9} {
		v = append(v, neighbours(b, 3)...)
		v = append(v, neighbours(-b, 3)...)
	}
	return append(v, 7, 30, -1e300)
}

// refAsinh, refAcosh and refAtanh form the argument of the logarithm at 2200 bits
// (squares of any float64 are exact there) and take refLogBig of it; series cover tiny
// arguments of asinh and atanh.
func refAsinh(x float64) *big.Float {
	if math.Abs(x) < 0x1p-20 {
		return refSeries(x, 1, 0, -1.0/6, 0, 3.0/40)
	}
	const p = 2200
	a := bf(p, math.Abs(x))
	s := new(big.Float).SetPrec(p).Mul(a, a)
	s.Add(s, bf(p, 1)).Sqrt(s)
	r := refLogBig(s.Add(s, a))
	if x < 0 {
		r.Neg(r)
	}
	return r
}

func refAcosh(x float64) *big.Float {
	const p = 2200
	a := bf(p, x)
	s := new(big.Float).SetPrec(p).Mul(a, a)
	s.Sub(s, bf(p, 1)).Sqrt(s)
	return refLogBig(s.Add(s, a))
}

func refAtanh(x float64) *big.Float {
	if math.Abs(x) < 0x1p-20 {
		return refSeries(x, 1, 0, 1.0/3, 0, 1.0/5)
	}
	const p = 400
	q := new(big.Float).SetPrec(p).Quo(new(big.Float).SetPrec(p).Add(bf(p, 1), bf(p, x)), new(big.Float).SetPrec(p).Sub(bf(p, 1), bf(p, x)))
	r := refLogBig(q)
	return r.Quo(r, bigp(2))
}

func invHypInputs(r *rand.Rand) []float64 {
	v := withNegatives(logUniform(r, 3000, -1074, 1024))
	v = append(v, uniform(r, 2000, -4, 4)...)
	for _, b := range []float64{0x1p-26, 0x1p28, 1, 0x1p511, 0x1p512} {
		v = append(v, neighbours(b, 2)...)
		v = append(v, neighbours(-b, 2)...)
	}
	return v
}

func acoshInputs(r *rand.Rand) []float64 {
	v := append(logUniform(r, 3000, 0, 1024), uniform(r, 1000, 1, 3)...)
	for range 1000 { // 1 + tiny, where x^2 - 1 is smallest
		v = append(v, 1+math.Exp2(-52+50*r.Float64()))
	}
	for _, b := range []float64{1, 0x1p28, 0x1p511, 0x1p512} {
		v = append(v, neighbours(b, 2)...)
	}
	return append(v, 0.5, -1, -3, 0)
}

func extraCases() []extraCase {
	return []extraCase{
		{"expm1", math.Expm1, refExpm1, expm1Inputs,
			func(k *kernels) func(dst, x []float64) { return k.f64.expm1 },
			func(k *kernels) func(dst, x []float32) { return k.f32.expm1 }, true},
		{"log1p", math.Log1p, refLog1p, log1pInputs,
			func(k *kernels) func(dst, x []float64) { return k.f64.log1p },
			func(k *kernels) func(dst, x []float32) { return k.f32.log1p }, false},
		{"log2", math.Log2, func(x float64) *big.Float { return refLogBase(x, 2) }, logInputs,
			func(k *kernels) func(dst, x []float64) { return k.f64.log2 },
			func(k *kernels) func(dst, x []float32) { return k.f32.log2 }, false},
		{"log10", math.Log10, func(x float64) *big.Float { return refLogBase(x, 10) }, logInputs,
			func(k *kernels) func(dst, x []float64) { return k.f64.log10 },
			func(k *kernels) func(dst, x []float32) { return k.f32.log10 }, false},
		{"sinh", math.Sinh, refSinh, hyperbolicInputs,
			func(k *kernels) func(dst, x []float64) { return k.f64.sinh },
			func(k *kernels) func(dst, x []float32) { return k.f32.sinh }, true},
		{"cosh", math.Cosh, refCosh, hyperbolicInputs,
			func(k *kernels) func(dst, x []float64) { return k.f64.cosh },
			func(k *kernels) func(dst, x []float32) { return k.f32.cosh }, true},
		{"tanh", math.Tanh, refTanh, hyperbolicInputs,
			func(k *kernels) func(dst, x []float64) { return k.f64.tanh },
			func(k *kernels) func(dst, x []float32) { return k.f32.tanh }, false},
		{"tan", math.Tan, refTan, trigInputs,
			func(k *kernels) func(dst, x []float64) { return k.f64.tan },
			func(k *kernels) func(dst, x []float32) { return k.f32.tan }, false},
		{"cbrt", math.Cbrt, refCbrt, cbrtInputs,
			func(k *kernels) func(dst, x []float64) { return k.f64.cbrt },
			func(k *kernels) func(dst, x []float32) { return k.f32.cbrt }, false},
		{"erf", math.Erf, refErf, erfInputs,
			func(k *kernels) func(dst, x []float64) { return k.f64.erf },
			func(k *kernels) func(dst, x []float32) { return k.f32.erf }, false},
		{"asinh", math.Asinh, refAsinh, invHypInputs,
			func(k *kernels) func(dst, x []float64) { return k.f64.asinh },
			func(k *kernels) func(dst, x []float32) { return k.f32.asinh }, false},
		{"acosh", math.Acosh, refAcosh, func(r *rand.Rand) []float64 { return acoshInputs(r) },
			func(k *kernels) func(dst, x []float64) { return k.f64.acosh },
			func(k *kernels) func(dst, x []float32) { return k.f32.acosh }, false},
		{"atanh", math.Atanh, refAtanh, asinInputs,
			func(k *kernels) func(dst, x []float64) { return k.f64.atanh },
			func(k *kernels) func(dst, x []float32) { return k.f32.atanh }, false},
		{"atan", math.Atan, refAtan, atanInputs,
			func(k *kernels) func(dst, x []float64) { return k.f64.atan },
			func(k *kernels) func(dst, x []float32) { return k.f32.atan }, false},
		{"asin", math.Asin, refAsin, asinInputs,
			func(k *kernels) func(dst, x []float64) { return k.f64.asin },
			func(k *kernels) func(dst, x []float32) { return k.f32.asin }, false},
		{"acos", math.Acos, refAcos, asinInputs,
			func(k *kernels) func(dst, x []float64) { return k.f64.acos },
			func(k *kernels) func(dst, x []float32) { return k.f32.acos }, false},
	}
}

// TestExtraAccuracyAsm asserts that the kernels of vec/_asm/extra.go are within 1 ULP
// of a math/big reference (float64 and float32) and give Go's math special values, on
// every assembly level, and that each level installs them (a nil field would silently
// test the generic fallback instead).
func TestExtraAccuracyAsm(t *testing.T) {
	skipUnderRace(t)
	levels := asmLevels(t)
	for _, tc := range extraCases() {
		r := rand.New(rand.NewPCG(23, uint64(len(tc.name))))
		x := append(tc.inputs(r), specialInputs...)
		x = append(x, special64...)
		x32 := make([]float32, len(x))
		xr := make([]float64, len(x)) // the float32 inputs, widened
		for i, v := range x {
			x32[i] = float32(v)
			xr[i] = float64(x32[i])
		}
		ref64, ref32 := extraRefs(tc, x, 64), extraRefs(tc, xr, 32)
		for _, l := range levels {
			t.Run(fmt.Sprintf("%s/%s/f64", l.name, tc.name), func(t *testing.T) {
				k := tc.k64(l.k)
				if k == nil {
					t.Fatalf("%s level has no float64 %s kernel", l.name, tc.name)
				}
				got := make([]float64, len(x))
				k(got, x)
				checkExtra(t, tc, x, ref64, func(i int) float64 { return got[i] }, 64)
			})
			t.Run(fmt.Sprintf("%s/%s/f32", l.name, tc.name), func(t *testing.T) {
				k := tc.k32(l.k)
				if k == nil {
					t.Fatalf("%s level has no float32 %s kernel", l.name, tc.name)
				}
				got := make([]float32, len(x))
				k(got, x32)
				checkExtra(t, tc, xr, ref32, func(i int) float64 { return float64(got[i]) }, 32)
			})
		}
	}
}

// extraRefs returns the reference at every x for the float type of the given bits (64
// or 32), nil where the result must instead match Go's math exactly: x infinite, NaN
// or zero, a NaN or infinite result of math (log1p(-1), the pole of atanh; overflow is
// checked against the reference, see isSpecialResult).
func extraRefs(tc extraCase, x []float64, bits int) []*big.Float {
	refs := make([]*big.Float, len(x))
	for i, v := range x {
		m := tc.math(v)
		if bits == 32 {
			m = float64(float32(m))
		}
		if isSpecialResult(v, m) || (math.IsInf(tc.math(v), 0) && !tc.overflows) {
			continue
		}
		refs[i] = tc.ref(v)
	}
	return refs
}

// checkExtra compares got(i) with the reference at every x[i] and fails above 1 ULP.
// Where refs[i] is nil the result must match math, rounded to the float type of the
// given bits (64 or 32); results that round to zero or infinity must match the
// correctly rounded reference exactly.
func checkExtra(t *testing.T, tc extraCase, x []float64, refs []*big.Float, got func(int) float64, bits int) {
	t.Helper()
	const maxULP = 1.0
	mantBits, minExp := 52, -1022
	round := func(b *big.Float) float64 { v, _ := b.Float64(); return v }
	want := tc.math
	if bits == 32 {
		mantBits, minExp = 23, -126
		round = func(b *big.Float) float64 { v, _ := b.Float32(); return float64(v) }
		want = func(x float64) float64 { return float64(float32(tc.math(x))) }
	}
	fails := 0
	fail := func(format string, args ...any) {
		if fails++; fails <= 10 {
			t.Errorf(format, args...)
		}
	}
	worst, at := 0.0, 0.0
	for i, v := range x {
		g := got(i)
		if refs[i] == nil {
			if w := want(v); !sameFloat(g, w) {
				fail("%s(%v) = %v, want %v (as math)", tc.name, v, g, w)
			}
			continue
		}
		if rw := round(refs[i]); math.IsInf(rw, 0) || rw == 0 {
			if g != rw {
				fail("%s(%v) = %v, want %v", tc.name, v, g, rw)
			}
			continue
		}
		if e := ulpErr(g, refs[i], mantBits, minExp); e > worst || math.IsNaN(e) {
			worst, at = e, v
		}
	}
	t.Logf("max error %.3f ULP at x=%v over %d points", worst, at, len(x))
	if !(worst <= maxULP) {
		t.Errorf("max error %.3f ULP at x=%v exceeds %v", worst, at, maxULP)
	}
}

// atan2Inputs returns (y, x) pairs: every combination of the special values and a set
// of magnitudes (subnormal to huge, both signs), random pairs with each sign and
// a ratio near the atan breakpoints, and pairs in the ratio 1 (the octant border).
func atan2Inputs(r *rand.Rand) (ys, xs []float64) {
	mags := append(append([]float64{}, special64...), specialInputs...)
	for _, e := range []float64{-1074, -1073, -1060, -1022, -1000, -950, -900, -899, -500, -60, -1, 0, 1, 60, 500, 900, 1000, 1023} {
		mags = append(mags, math.Exp2(e), -math.Exp2(e)*1.37)
	}
	for _, y := range mags {
		for _, x := range mags {
			ys, xs = append(ys, y), append(xs, x)
		}
	}
	sign := func(v float64) float64 {
		if r.IntN(2) == 0 {
			return -v
		}
		return v
	}
	for range 4000 {
		ys = append(ys, sign(math.Exp2(-1074+2097*r.Float64())))
		xs = append(xs, sign(math.Exp2(-1074+2097*r.Float64())))
	}
	for range 4000 {
		x := math.Exp2(-60 + 120*r.Float64())
		ys, xs = append(ys, sign(x*4*r.Float64())), append(xs, sign(x))
	}
	for _, q := range []float64{7.0 / 16, 11.0 / 16, 19.0 / 16, 39.0 / 16, 1} {
		for _, v := range neighbours(q, 3) {
			ys, xs = append(ys, v*3, -3), append(xs, 3, v*3)
		}
	}
	return ys, xs
}

// TestExtraAtan2Asm asserts atan2 within 1 ULP of the math/big reference (float64 and
// float32) and with math.Atan2's special values, on every assembly level.
func TestExtraAtan2Asm(t *testing.T) {
	ys, xs := atan2Inputs(rand.New(rand.NewPCG(29, 31)))
	type point struct {
		y, x float64
		ref  *big.Float // nil: must match math exactly
	}
	points := func(narrow bool) []point {
		p := make([]point, len(ys))
		for i := range ys {
			y, x := ys[i], xs[i]
			if narrow {
				y, x = float64(float32(y)), float64(float32(x))
			}
			p[i] = point{y: y, x: x}
			finite := !math.IsNaN(y+x) && !math.IsInf(y, 0) && !math.IsInf(x, 0)
			if finite && y != 0 {
				p[i].ref = refAtan2(y, x)
			}
		}
		return p
	}
	for _, bits := range []int{64, 32} {
		pts := points(bits == 32)
		for _, l := range asmLevels(t) {
			t.Run(fmt.Sprintf("%s/f%d", l.name, bits), func(t *testing.T) {
				got := make([]float64, len(pts))
				if bits == 64 {
					y, x := make([]float64, len(pts)), make([]float64, len(pts))
					for i, p := range pts {
						y[i], x[i] = p.y, p.x
					}
					l.k.f64.atan2(got, y, x)
				} else {
					y, x, g := make([]float32, len(pts)), make([]float32, len(pts)), make([]float32, len(pts))
					for i, p := range pts {
						y[i], x[i] = float32(p.y), float32(p.x)
					}
					l.k.f32.atan2(g, y, x)
					for i, v := range g {
						got[i] = float64(v)
					}
				}
				worst, at := 0.0, point{}
				fails := 0
				for i, p := range pts {
					if p.ref == nil {
						want := math.Atan2(p.y, p.x)
						if bits == 32 {
							want = float64(float32(want))
						}
						if !sameFloat(got[i], want) {
							if fails++; fails <= 10 {
								t.Errorf("atan2(%v, %v) = %v, want %v (as math)", p.y, p.x, got[i], want)
							}
						}
						continue
					}
					var e float64
					if bits == 64 {
						e = ulpErr(got[i], p.ref, 52, -1022)
					} else {
						e = ulpErr(got[i], p.ref, 23, -126)
					}
					if e > worst || math.IsNaN(e) {
						worst, at = e, p
					}
				}
				t.Logf("max error %.3f ULP at (y, x) = (%v, %v) over %d points", worst, at.y, at.x, len(pts))
				if !(worst <= 1) {
					t.Errorf("max error %.3f ULP at (y, x) = (%v, %v) exceeds 1", worst, at.y, at.x)
				}
			})
		}
	}
}

// refPow returns x^y for finite nonzero x and finite y (y an integer when x < 0):
// exp(y log|x|) in math/big, negated for a negative x and an odd y.
func refPow(x, y float64) *big.Float {
	l := refLogBig(bigp(math.Abs(x)))
	l.Mul(l, bigp(y))
	r := refExpBig(l)
	if x < 0 && math.Mod(y, 2) != 0 {
		r.Neg(r)
	}
	return r
}

// powInputs returns (x, y) pairs: every combination of special values and small
// integers and halves, random positive x with y spread so that results cover the
// whole range (overflow, underflow and subnormal results included), negative x with
// integer y, and x near 1 with huge y.
func powInputs(r *rand.Rand) (xs, ys []float64) {
	vals := append([]float64{}, special64...)
	vals = append(vals, 0.5, -0.5, 3, -3, 4, -4, 1.5, -2.5, 0x1p53, 0x1p53+2, -0x1p53, 1e10, -1e10, math.Nextafter(1, 2), math.Nextafter(1, 0))
	for _, x := range vals {
		for _, y := range vals {
			xs, ys = append(xs, x), append(ys, y)
		}
	}
	for range 6000 {
		x := math.Exp2(-1074 + 2097*r.Float64())
		// y*log2(x) uniform over [-1100, 1100]
		y := (-1100 + 2200*r.Float64()) / math.Log2(x)
		xs, ys = append(xs, x), append(ys, y)
	}
	for range 3000 {
		xs, ys = append(xs, 0.5+r.Float64()*2), append(ys, -60+120*r.Float64())
	}
	for range 2000 {
		x := -math.Exp2(-20 + 40*r.Float64())
		xs, ys = append(xs, x), append(ys, float64(r.IntN(101)-50))
	}
	for range 1000 {
		d := math.Exp2(-52 + 30*r.Float64())
		xs, ys = append(xs, 1+d, 1-d), append(ys, 1/d*(r.Float64()*700), -1/d*(r.Float64()*700))
	}
	return xs, ys
}

// TestExtraPowAsm asserts pow within 1 ULP of the math/big reference (float64 and
// float32) and with math.Pow's special values, on every assembly level.
func TestExtraPowAsm(t *testing.T) {
	xs, ys := powInputs(rand.New(rand.NewPCG(37, 41)))
	for _, bits := range []int{64, 32} {
		x, y := slicesRound(xs, bits), slicesRound(ys, bits)
		refs := make([]*big.Float, len(x))
		for i := range x {
			finite := !math.IsNaN(x[i]+y[i]) && !math.IsInf(x[i], 0) && !math.IsInf(y[i], 0)
			if finite && x[i] != 0 && y[i] != 0 && x[i] != 1 && y[i] != 1 && (x[i] > 0 || y[i] == math.Trunc(y[i])) {
				refs[i] = refPow(x[i], y[i])
			}
		}
		for _, l := range asmLevels(t) {
			t.Run(fmt.Sprintf("%s/f%d", l.name, bits), func(t *testing.T) {
				got := make([]float64, len(x))
				if bits == 64 {
					l.k.f64.pow(got, x, y)
				} else {
					x32, y32, g := make([]float32, len(x)), make([]float32, len(x)), make([]float32, len(x))
					for i := range x {
						x32[i], y32[i] = float32(x[i]), float32(y[i])
					}
					l.k.f32.pow(g, x32, y32)
					for i, v := range g {
						got[i] = float64(v)
					}
				}
				mant, minExp := 52, -1022
				round := func(b *big.Float) float64 { v, _ := b.Float64(); return v }
				if bits == 32 {
					mant, minExp = 23, -126
					round = func(b *big.Float) float64 { v, _ := b.Float32(); return float64(v) }
				}
				worst, wx, wy := 0.0, 0.0, 0.0
				fails := 0
				for i := range x {
					if refs[i] == nil {
						want := math.Pow(x[i], y[i])
						if bits == 32 {
							want = float64(float32(want))
						}
						if !sameFloat(got[i], want) {
							if fails++; fails <= 10 {
								t.Errorf("pow(%v, %v) = %v, want %v (as math)", x[i], y[i], got[i], want)
							}
						}
						continue
					}
					if rw := round(refs[i]); math.IsInf(rw, 0) || rw == 0 {
						if got[i] != rw {
							if fails++; fails <= 10 {
								t.Errorf("pow(%v, %v) = %v, want %v", x[i], y[i], got[i], rw)
							}
						}
						continue
					}
					if e := ulpErr(got[i], refs[i], mant, minExp); e > worst || math.IsNaN(e) {
						worst, wx, wy = e, x[i], y[i]
					}
				}
				t.Logf("max error %.3f ULP at (x, y) = (%v, %v) over %d points", worst, wx, wy, len(x))
				if !(worst <= 1) {
					t.Errorf("max error %.3f ULP at (x, y) = (%v, %v) exceeds 1", worst, wx, wy)
				}
			})
		}
	}
}

// slicesRound returns v, rounded to float32 when bits is 32.
func slicesRound(v []float64, bits int) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		if bits == 32 {
			x = float64(float32(x))
		}
		out[i] = x
	}
	return out
}

// refHypot returns sqrt(x^2 + y^2) for finite x, y: the squares and their sum are
// exact at 4400 bits.
func refHypot(x, y float64) *big.Float {
	const p = 4400
	a, b := bf(p, x), bf(p, y)
	s := new(big.Float).SetPrec(p).Mul(a, a)
	s.Add(s, new(big.Float).SetPrec(p).Mul(b, b))
	return new(big.Float).SetPrec(refPrec).Sqrt(s)
}

// TestExtraHypotAsm asserts hypot within 1 ULP of the math/big reference (float64 and
// float32) and with math.Hypot's special values, on every assembly level.
func TestExtraHypotAsm(t *testing.T) {
	ys, xs := atan2Inputs(rand.New(rand.NewPCG(43, 47)))
	for _, bits := range []int{64, 32} {
		x, y := slicesRound(xs, bits), slicesRound(ys, bits)
		refs := make([]*big.Float, len(x))
		for i := range x {
			if !math.IsNaN(x[i]+y[i]) && !math.IsInf(x[i], 0) && !math.IsInf(y[i], 0) && (x[i] != 0 || y[i] != 0) {
				refs[i] = refHypot(x[i], y[i])
			}
		}
		for _, l := range asmLevels(t) {
			t.Run(fmt.Sprintf("%s/f%d", l.name, bits), func(t *testing.T) {
				got := make([]float64, len(x))
				if bits == 64 {
					l.k.f64.hypot(got, x, y)
				} else {
					x32, y32, g := make([]float32, len(x)), make([]float32, len(x)), make([]float32, len(x))
					for i := range x {
						x32[i], y32[i] = float32(x[i]), float32(y[i])
					}
					l.k.f32.hypot(g, x32, y32)
					for i, v := range g {
						got[i] = float64(v)
					}
				}
				mant, minExp := 52, -1022
				round := func(b *big.Float) float64 { v, _ := b.Float64(); return v }
				if bits == 32 {
					mant, minExp = 23, -126
					round = func(b *big.Float) float64 { v, _ := b.Float32(); return float64(v) }
				}
				worst, wx, wy, fails := 0.0, 0.0, 0.0, 0
				for i := range x {
					if refs[i] == nil {
						want := math.Hypot(x[i], y[i])
						if bits == 32 {
							want = float64(float32(want))
						}
						if !sameFloat(got[i], want) {
							if fails++; fails <= 10 {
								t.Errorf("hypot(%v, %v) = %v, want %v (as math)", x[i], y[i], got[i], want)
							}
						}
						continue
					}
					if rw := round(refs[i]); math.IsInf(rw, 0) {
						if got[i] != rw {
							if fails++; fails <= 10 {
								t.Errorf("hypot(%v, %v) = %v, want %v", x[i], y[i], got[i], rw)
							}
						}
						continue
					}
					if e := ulpErr(got[i], refs[i], mant, minExp); e > worst || math.IsNaN(e) {
						worst, wx, wy = e, x[i], y[i]
					}
				}
				t.Logf("max error %.3f ULP at (x, y) = (%v, %v) over %d points", worst, wx, wy, len(x))
				if !(worst <= 1) {
					t.Errorf("max error %.3f ULP at (x, y) = (%v, %v) exceeds 1", worst, wx, wy)
				}
			})
		}
	}
}
