package dual

import (
	"fmt"
	"maps"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// Tests of the special-function rules (hyperbolic, error, gamma, Bessel, rounding,
// Hypot and the piecewise linear functions): (a) against the calculus formulas
// written plainly, (b) against the mpmath references in testdata/special.txt (made
// by testdata/refs_special.py), (c) against central finite differences; the values
// against package math bit for bit; the float32 rules against the float64 ones; the
// generated methods against the rules; and the documented conventions at special
// points.

// specialUnary is one unary special function instantiated for T.
type specialUnary[T Float] struct {
	d      func(T) (T, T)
	d2     func(T) (T, T, T)
	value  func(float64) float64     // the value function of the rule (math's or libm's), bit for bit
	number func(Number[T]) Number[T] // the generated method on Number; nil for Lgamma
	// plain returns the derivatives written as in a calculus book, using only
	// package math; nil where math lacks the ingredients (digamma).
	plain  func(x float64) (d, dd float64)
	lo, hi float64 // ordinary domain for random points
	// Error bounds in ulps of T against the exact references for d and dd.
	ulp [2]float64
	// absScale, if not nil, returns the size of the terms d and dd are formed
	// from at x, or 0 where relative accuracy is expected. Where the exact
	// derivative is small against it (near its zeros) an error of ulp[i] ulps of
	// that size is accepted instead.
	absScale func(x float64) (sd, sdd float64)
	// inheritsValue marks derivatives formed from the value (Γ' = Γψ): their
	// bound is ulp plus the error of math's value at that point.
	inheritsValue bool
}

// float32 derivatives are computed in float64 and rounded once: within half an ulp
// plus the float64 error.
const f32Bound = 0.501

// specialBounds returns the float64 bounds b for T, or f32Bound for float32.
func specialBounds[T Float](d, dd float64) [2]float64 {
	if bitSize[T]() == 32 {
		return [2]float64{f32Bound, f32Bound}
	}
	return [2]float64{d, dd}
}

// besselScale returns the size of the terms the derivatives of a Bessel function
// pair (f0, f1) are formed from: f0, f1, f1/x and f0/x.
func besselScale(f0, f1 func(float64) float64) func(float64) (float64, float64) {
	return func(x float64) (float64, float64) {
		a, b := math.Abs(f0(x)), math.Abs(f1(x))
		s := a + b
		if x != 0 {
			s += (a + b) / math.Abs(x) * (1 + 2/math.Abs(x))
		}
		return s, s
	}
}

// reflectionScale returns, for x < 0, the size |ψ(1-x)| + π|cot πx| of the two
// terms of the reflection formula for ψ (bounded with ln(2-x) ≥ |ψ(1-x)|), and 0
// for x > 0 where ψ is accurate relatively.
func reflectionScale(x float64) float64 {
	if x >= 0 {
		return 0
	}
	return math.Log(2-x) + math.Pi/math.Abs(math.Tan(math.Pi*x))
}

// specialValueBounds are the float64 value bounds of the package doc, in ulps, for
// the functions it bounds in relative terms (Lgamma and the Bessel functions are
// accurate in absolute terms near their zeros).
var specialValueBounds = map[string]float64{
	"sinh": 2.4, "cosh": 1.5, "tanh": 1.2, "asinh": 1.2, "acosh": 1.9, "atanh": 1.9,
	"erf": 1.9, "erfc": 1.5, "erfinv": 3, "erfcinv": 3, "gamma": 12,
}

func specialUnaryRules[T Float]() map[string]specialUnary[T] {
	sq := func(x float64) float64 { return x * x }
	lgammaV := func(x float64) float64 { v, _ := math.Lgamma(x); return v }
	lgD := func(x T) (T, T) { v, d, _ := lgammaSignD(x); return v, d }
	lgD2 := func(x T) (T, T, T) { v, d, dd, _ := lgammaSignD2(x); return v, d, dd }
	j0s, j1s := besselScale(math.J0, math.J1), besselScale(math.J0, math.J1)
	y0s, y1s := besselScale(math.Y0, math.Y1), besselScale(math.Y0, math.Y1)
	return map[string]specialUnary[T]{
		"sinh": {sinhD[T], sinhD2[T], sinhValue, Number[T].Sinh,
			func(x float64) (float64, float64) { return math.Cosh(x), math.Sinh(x) },
			-5, 5, specialBounds[T](2, 2), nil, false},
		"cosh": {coshD[T], coshD2[T], coshValue, Number[T].Cosh,
			func(x float64) (float64, float64) { return math.Sinh(x), math.Cosh(x) },
			-5, 5, specialBounds[T](2, 2), nil, false},
		"tanh": {tanhD[T], tanhD2[T], math.Tanh, Number[T].Tanh,
			func(x float64) (float64, float64) {
				t := math.Tanh(x)
				return 1 - t*t, -2 * t * (1 - t*t)
			},
			-3, 3, specialBounds[T](4, 4), nil, false},
		"asinh": {asinhD[T], asinhD2[T], math.Asinh, Number[T].Asinh,
			func(x float64) (float64, float64) {
				return 1 / math.Sqrt(1+x*x), -x / math.Pow(1+x*x, 1.5)
			},
			-10, 10, specialBounds[T](2, 3), nil, false},
		"acosh": {acoshD[T], acoshD2[T], math.Acosh, Number[T].Acosh,
			func(x float64) (float64, float64) {
				return 1 / math.Sqrt(x*x-1), -x / math.Pow(x*x-1, 1.5)
			},
			1.1, 10, specialBounds[T](2, 3), nil, false},
		"atanh": {atanhD[T], atanhD2[T], math.Atanh, Number[T].Atanh,
			func(x float64) (float64, float64) { return 1 / (1 - x*x), 2 * x / sq(1-x*x) },
			-0.9, 0.9, specialBounds[T](2, 3), nil, false},
		"erf": {erfD[T], erfD2[T], math.Erf, Number[T].Erf,
			func(x float64) (float64, float64) {
				d := 2 / math.Sqrt(math.Pi) * math.Exp(-x*x)
				return d, -2 * x * d
			},
			-3, 3, specialBounds[T](2, 3), nil, false},
		"erfc": {erfcD[T], erfcD2[T], math.Erfc, Number[T].Erfc,
			func(x float64) (float64, float64) {
				d := -2 / math.Sqrt(math.Pi) * math.Exp(-x*x)
				return d, -2 * x * d
			},
			-3, 3, specialBounds[T](2, 3), nil, false},
		"erfinv": {erfinvD[T], erfinvD2[T], func(x float64) float64 { y, _, _ := erfinvRule(x); return y }, Number[T].Erfinv,
			func(x float64) (float64, float64) {
				y := math.Erfinv(x)
				d := math.Sqrt(math.Pi) / 2 * math.Exp(y*y)
				return d, 2 * y * d * d
			},
			-0.95, 0.95, specialBounds[T](3, 8), nil, false},
		"erfcinv": {erfcinvD[T], erfcinvD2[T], func(x float64) float64 { y, _, _ := erfcinvRule(x); return y }, Number[T].Erfcinv,
			func(x float64) (float64, float64) {
				y := math.Erfcinv(x)
				d := -math.Sqrt(math.Pi) / 2 * math.Exp(y*y)
				return d, 2 * y * d * d
			},
			0.05, 1.95, specialBounds[T](3, 8), nil, false},
		"gamma": {gammaD[T], gammaD2[T], math.Gamma, Number[T].Gamma, nil,
			0.1, 6, specialBounds[T](4, 6), func(x float64) (float64, float64) {
				s, g := reflectionScale(x), math.Abs(math.Gamma(x))
				return g * s, g * ((2*s+1)*s + sq(math.Pi/math.Sin(math.Pi*x)))
			}, true},
		"lgamma": {lgD, lgD2, lgammaV, nil, nil,
			0.1, 20, specialBounds[T](8, 8), func(x float64) (float64, float64) {
				return reflectionScale(x), 0
			}, false},
		"j0": {j0D[T], j0D2[T], math.J0, Number[T].J0,
			func(x float64) (float64, float64) { return -math.J1(x), math.J1(x)/x - math.J0(x) },
			-10, 10, specialBounds[T](4, 4), j0s, false},
		"j1": {j1D[T], j1D2[T], math.J1, Number[T].J1,
			func(x float64) (float64, float64) {
				return math.J0(x) - math.J1(x)/x, 2*math.J1(x)/(x*x) - math.J0(x)/x - math.J1(x)
			},
			// the plain J1″ cancels for small |x|; the references cover that range
			0.5, 10, specialBounds[T](4, 4), j1s, false},
		"y0": {y0D[T], y0D2[T], math.Y0, Number[T].Y0,
			func(x float64) (float64, float64) { return -math.Y1(x), math.Y1(x)/x - math.Y0(x) },
			0.2, 15, specialBounds[T](4, 4), y0s, false},
		"y1": {y1D[T], y1D2[T], math.Y1, Number[T].Y1,
			func(x float64) (float64, float64) {
				return math.Y0(x) - math.Y1(x)/x, 2*math.Y1(x)/(x*x) - math.Y0(x)/x - math.Y1(x)
			},
			0.2, 15, specialBounds[T](4, 4), y1s, false},
	}
}

// specialName returns "f64" or "f32" for T, the type names of the reference files.
func specialName[T Float]() string {
	if bitSize[T]() == 32 {
		return "f32"
	}
	return "f64"
}

// sameBits reports whether a and b are the same float, with all NaNs equal and
// -0 different from +0.
func sameBits[T Float](a, b T) bool {
	if a != a || b != b {
		return a != a && b != b
	}
	return a == b && math.Signbit(float64(a)) == math.Signbit(float64(b))
}

// exactRef parses a finite reference output; ok is false for "-", inf and nan.
func exactRef(ref string) (*big.Float, bool) {
	switch strings.ToLower(ref) {
	case "-", "inf", "+inf", "-inf", "nan":
		return nil, false
	}
	f, err := parseExact(ref)
	if err != nil {
		panic(err)
	}
	return f, true
}

// absULPError returns |got - exact| in ulps of T at the magnitude scale. The
// quotient is formed in big.Float: a difference below the smallest subnormal would
// round to 0 in float64.
func absULPError[T Float](got T, exact *big.Float, scale float64) float64 {
	diff := new(big.Float).SetPrec(300).Sub(new(big.Float).SetFloat64(float64(got)), exact)
	diff.Abs(diff).Quo(diff, new(big.Float).SetFloat64(ulpOf[T](new(big.Float).SetFloat64(scale))))
	e, _ := diff.Float64()
	return e
}

// specialULPError is ulpError, with the error of finite results recomputed in
// big.Float so that errors below one subnormal ulp keep their size.
func specialULPError[T Float](got T, ref string) float64 {
	e := ulpError(got, ref)
	exact, ok := exactRef(ref)
	if !ok || math.IsInf(e, 0) || math.IsInf(float64(got), 0) || exact.Sign() == 0 {
		return e // special values and overflows are exact matches or not
	}
	ulp, _ := new(big.Float).Abs(exact).Float64()
	return absULPError(got, exact, ulp)
}

// isFiniteNonzero reports whether every x is finite and not zero.
func isFiniteNonzero[T Float](xs ...T) bool {
	for _, x := range xs {
		if x == 0 || math.IsInf(float64(x), 0) || x != x {
			return false
		}
	}
	return true
}

// relULP returns ulp(x)/|x|, the relative size of an ulp of T at x.
func relULP[T Float](x T) float64 {
	return ulpOf[T](new(big.Float).SetFloat64(float64(x))) / math.Abs(float64(x))
}

// worstErrors records the largest error per function and quantity, logged so that
// the documented bounds can be compared with what is measured.
type worstErrors map[string]float64

func (w worstErrors) note(key string, e float64) {
	if !math.IsInf(e, 1) && e > w[key] {
		w[key] = e
	}
}

func (w worstErrors) String() string {
	keys := make([]string, 0, len(w))
	for k := range w {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "\n\t%-14s %.3g", k, w[k])
	}
	return b.String()
}

// checkSpecialRef checks got against the reference ref within bound ulps, or within
// bound ulps of scale when scale > 0 (absolute accuracy near a zero).
func checkSpecialRef[T Float](t *testing.T, c refCase, what string, got T, ref string, bound, scale float64, worst worstErrors) {
	t.Helper()
	if ref == "-" {
		return
	}
	e := specialULPError(got, ref)
	if exact, ok := exactRef(ref); ok && scale > 0 && e > bound {
		e = math.Min(e, absULPError(got, exact, scale))
	}
	worst.note(c.Func+" "+what, e)
	if !(e <= bound) {
		t.Errorf("%s: %s(%v) %s = %v, want %s (%.3g ulp > %g)", c.Pos, c.Func, c.In, what, got, ref, e, bound)
	}
}

func TestSpecialUnaryReferences(t *testing.T) {
	cases := loadRefs(t, "special.txt")
	t.Run("float64", func(t *testing.T) { testSpecialUnaryRefs[float64](t, cases) })
	t.Run("float32", func(t *testing.T) { testSpecialUnaryRefs[float32](t, cases) })
}

func testSpecialUnaryRefs[T Float](t *testing.T, cases []refCase) {
	rules := specialUnaryRules[T]()
	rules64 := specialUnaryRules[float64]()
	seen := map[string]int{}
	worst := worstErrors{}
	for _, c := range cases {
		r, ok := rules[c.Func]
		if !ok || c.Type != specialName[T]() {
			continue
		}
		if len(c.In) != 1 || len(c.Out) != 3 {
			t.Fatalf("%s: want 1 input and 3 outputs", c.Pos)
		}
		seen[c.Func]++
		x := T(c.In[0])
		v, d, dd := r.d2(x)
		if want := T(r.value(float64(x))); !sameBits(v, want) {
			t.Errorf("%s: %s(%v) = %v, its value function gives %v", c.Pos, c.Func, x, v, want)
		}
		if v1, d1 := r.d(x); !sameBits(v1, v) || !sameBits(d1, d) {
			t.Errorf("%s: %sD(%v) = %v, %v but %sD2 gives %v, %v", c.Pos, c.Func, x, v1, d1, c.Func, v, d)
		}
		// float32 rules are the float64 rules rounded once.
		_, d64, dd64 := rules64[c.Func].d2(float64(x))
		if !sameBits(d, T(d64)) || !sameBits(dd, T(dd64)) {
			t.Errorf("%s: %s(%v) derivatives %v, %v are not the float64 ones %v, %v rounded", c.Pos, c.Func, x, d, dd, d64, dd64)
		}
		ve := specialULPError(v, c.Out[0])
		worst.note(c.Func+" value", ve)
		if b, ok := specialValueBounds[c.Func]; ok && c.Out[0] != "-" {
			if specialName[T]() == "f32" {
				b = 0.501
			}
			if !(ve <= b) {
				t.Errorf("%s: %s(%v) = %v, want %s (%.3g ulps > %g)", c.Pos, c.Func, x, v, c.Out[0], ve, b)
			}
		}
		var sd, sdd, extraD, extraDD float64
		if r.absScale != nil {
			sd, sdd = r.absScale(float64(x))
		}
		if r.inheritsValue && isFiniteNonzero(v, d, dd) && !math.IsInf(ve, 1) {
			// the relative error of the value, in ulps of each derivative
			extraD = ve * relULP(v) / relULP(d)
			extraDD = ve * relULP(v) / relULP(dd)
		}
		checkSpecialRef(t, c, "d", d, c.Out[1], r.ulp[0]+extraD, sd, worst)
		checkSpecialRef(t, c, "dd", dd, c.Out[2], r.ulp[1]+extraDD, sdd, worst)
		if r.number != nil {
			checkUnaryMethod(t, c, r.number, x, v, d)
		}
	}
	for name := range rules {
		if seen[name] < 10 {
			t.Errorf("%s: only %d reference cases for %s", specialName[T](), seen[name], name)
		}
	}
	t.Logf("largest errors in ulps:%v", worst)
}

// checkUnaryMethod checks a generated method against its rule: the tangent is the
// derivative times the seed, and a zero tangent stays exactly zero even where the
// derivative is infinite or NaN.
func checkUnaryMethod[T Float](t *testing.T, c refCase, m func(Number[T]) Number[T], x, v, d T) {
	t.Helper()
	n := m(Number[T]{V: x, D: 1})
	if !sameBits(n.V, v) || !sameBits(n.D, d) {
		t.Errorf("%s: Number.%s at %v = {%v %v}, rule gives %v, %v", c.Pos, c.Func, x, n.V, n.D, v, d)
	}
	if z := m(Number[T]{V: x}); !sameBits(z.V, v) || z.D != 0 {
		t.Errorf("%s: Number.%s at %v with a zero tangent has tangent %v, want 0", c.Pos, c.Func, x, z.D)
	}
}

// TestDigammaReference checks digamma and trigamma, the float64 functions behind
// the derivatives of Gamma and Lgamma, directly: relative error at most 4 ulps for
// x > 0 and for trigamma everywhere; for ψ at x < 0, at most 4 ulps of the size of
// the two terms of the reflection formula.
func TestDigammaReference(t *testing.T) {
	worst := worstErrors{}
	n := 0
	for _, c := range loadRefs(t, "special.txt") {
		if c.Func != "digamma" || c.Type != "f64" {
			continue
		}
		n++
		x := c.In[0]
		checkSpecialRef(t, c, "psi", digamma(x), c.Out[0], 4, reflectionScale(x), worst)
		checkSpecialRef(t, c, "psi'", trigamma(x), c.Out[1], 4, 0, worst)
	}
	if n < 40 {
		t.Errorf("only %d digamma reference cases", n)
	}
	t.Logf("largest errors in ulps:%v", worst)
}

// TestDigammaTaylorCoefficients checks the embedded Taylor coefficients of ψ at
// its zero against the ones refs_special.py prints into special.txt.
func TestDigammaTaylorCoefficients(t *testing.T) {
	want := readDigammaCoefficients(t)
	if len(want) != len(digammaTaylor) {
		t.Fatalf("special.txt lists %d coefficients, digamma.go has %d", len(want), len(digammaTaylor))
	}
	for i, w := range want {
		if digammaTaylor[i] != w {
			t.Errorf("coefficient %d = %v, special.txt says %v", i+1, digammaTaylor[i], w)
		}
	}
	// The split root: hi + lo is x₀ to double-double precision, and ψ(hi) ≈ -lo·ψ'(x₀).
	if got := digamma(digammaRootHi); math.Abs(got+digammaRootLo*digammaTaylor[0]) > 1e-31 {
		t.Errorf("ψ(x₀ rounded) = %v, want %v", got, -digammaRootLo*digammaTaylor[0])
	}
}

// TestLgammaSign checks that the sign returned with Lgamma's rules is math's, and,
// between the poles, the sign of Γ: negative on (-1, 0), (-3, -2), … where floor(x)
// is odd.
func TestLgammaSign(t *testing.T) {
	for _, x := range []float64{0.5, 3, -0.5, -1.5, -2.5, -3.5, -1e-300, -170.5, -171.5, math.Copysign(0, -1), 0, -2, math.Inf(1), math.Inf(-1), math.NaN()} {
		_, want := math.Lgamma(x)
		if x < 0 && x != math.Floor(x) {
			if odd := int64(math.Floor(x))%2 != 0; (want < 0) != odd {
				t.Errorf("math.Lgamma(%v) sign = %d, but Γ has sign %v there", x, want, map[bool]int{true: -1, false: 1}[odd])
			}
		}
		if _, _, s := lgammaSignD(x); s != want {
			t.Errorf("lgammaSignD(%v) sign = %d, want %d", x, s, want)
		}
		x32 := float32(x)
		_, want32 := math.Lgamma(float64(x32))
		if _, _, _, s := lgammaSignD2(x32); s != want32 {
			t.Errorf("lgammaSignD2(float32 %v) sign = %d, want %d", x32, s, want32)
		}
	}
}

// richardson returns the derivative of f at x from central differences with steps h
// and h/2, extrapolated so the truncation error is O(h⁴) rather than O(h²): near an
// extremum of f (Gamma between its poles) the plain central difference is off by
// more than the tolerance.
func richardson(f func(float64) float64, x, h float64) float64 {
	central := func(h float64) float64 { return (f(x+h) - f(x-h)) / (2 * h) }
	return (4*central(h/2) - central(h)) / 3
}

func TestSpecialUnaryCalculus(t *testing.T) {
	t.Run("float64", func(t *testing.T) { testSpecialUnaryCalculus[float64](t, 4e-13) })
	t.Run("float32", func(t *testing.T) { testSpecialUnaryCalculus[float32](t, 3e-7) })
}

// testSpecialUnaryCalculus compares the rules with the plain formulas at random
// ordinary points, with relative tolerance rel, and the float64 rules with central
// finite differences of the value (for d) and of d (for dd).
func testSpecialUnaryCalculus[T Float](t *testing.T, rel float64) {
	rng := rand.New(rand.NewPCG(3, 4))
	rules64 := specialUnaryRules[float64]()
	rules := specialUnaryRules[T]()
	// Sorted, so the random points each function gets are the same on every run.
	for _, name := range slices.Sorted(maps.Keys(rules)) {
		r, r64 := rules[name], rules64[name]
		for i := range 200 {
			x := T(r.lo + (r.hi-r.lo)*rng.Float64())
			if (name == "gamma" || name == "lgamma") && i%2 == 1 {
				// between the poles -4 … 0, away from them
				x = T(-4 + rng.Float64()*4)
				if math.Abs(float64(x)-math.Round(float64(x))) < 0.05 {
					continue
				}
			}
			_, d, dd := r.d2(x)
			xf := float64(x)
			if r.plain != nil {
				wd, wdd := r.plain(xf)
				if !closeRel(float64(d), wd, rel) || !closeRel(float64(dd), wdd, 4*rel) {
					t.Errorf("%s at %v: d, dd = %v, %v; formula gives %v, %v", name, x, d, dd, wd, wdd)
				}
			}
			h := 1e-5 * math.Max(1, math.Abs(xf))
			_, d64 := r64.d(xf)
			fd := richardson(r64.value, xf, h)
			if !closeRel(fd, d64, 1e-6) && math.Abs(fd-d64) > 1e-9 {
				t.Errorf("%s at %v: derivative %v, central difference %v", name, xf, d64, fd)
			}
			_, _, dd64 := r64.d2(xf)
			first := func(x float64) float64 { _, d := r64.d(x); return d }
			if fdd := richardson(first, xf, h); !closeRel(fdd, dd64, 1e-5) && math.Abs(fdd-dd64) > 1e-8 {
				t.Errorf("%s at %v: second derivative %v, central difference %v", name, xf, dd64, fdd)
			}
		}
	}
}

// readDigammaCoefficients reads the "#   k=<k> <coefficient>" comment lines of
// testdata/special.txt.
func readDigammaCoefficients(t *testing.T) []float64 {
	t.Helper()
	text, err := os.ReadFile("testdata/special.txt")
	if err != nil {
		t.Fatal(err)
	}
	var cs []float64
	for line := range strings.Lines(string(text)) {
		rest, ok := strings.CutPrefix(strings.TrimSpace(line), "#   k=")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		c, err := strconv.ParseFloat(f[len(f)-1], 64)
		if err != nil {
			t.Fatalf("coefficient line %q: %v", line, err)
		}
		cs = append(cs, c)
	}
	return cs
}
