package dual

import (
	"github.com/dualgrad/dualgrad/internal/libm"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// Tests of the elementary rules: (a) against the calculus formula written
// plainly, (b) against the high-precision references in testdata/elementary.txt
// (made by testdata/refs_elementary.py), (c) against central finite
// differences; the values against their documented bounds; and the generated
// methods against the rules, for float32 and float64.

// elemUnary is one unary table entry instantiated for T.
type elemUnary[T Float] struct {
	d      func(T) (T, T)
	d2     func(T) (T, T, T)
	value  func(float64) float64           // the value function of the rule (math's or libm's), bit for bit
	number func(Number[T]) Number[T]       // the generated method on Number
	jet3   func(Jet3[T]) Jet3[T]           // the generated method on Jet3
	plain  func(x float64) (d, dd float64) // the derivatives written as in a calculus book
	lo, hi float64                         // ordinary domain for random points
	// Error bounds in ulps against the exact reference for the value, d and dd.
	// float64 value bounds are the package doc's; derivative bounds are the
	// rounding errors of the formulas, a few ulps at most. float32 results are
	// computed in float64 and rounded once, so they are within half an ulp plus
	// the float64 error (0.501).
	ulp64, ulp32 [3]float64
}

func elemUnaryRules[T Float]() map[string]elemUnary[T] {
	sq := func(x float64) float64 { return x * x }
	return map[string]elemUnary[T]{
		"sin": {sinD[T], sinD2[T], func(x float64) float64 { s, _ := sincosValue(x); return s }, Number[T].Sin, Jet3[T].Sin,
			func(x float64) (float64, float64) { return math.Cos(x), -math.Sin(x) },
			-10, 10, [3]float64{1.7, 1, 1}, [3]float64{0.501, 0.501, 0.501}},
		"cos": {cosD[T], cosD2[T], func(x float64) float64 { _, c := sincosValue(x); return c }, Number[T].Cos, Jet3[T].Cos,
			func(x float64) (float64, float64) { return -math.Sin(x), -math.Cos(x) },
			-10, 10, [3]float64{1.7, 1.5, 1}, [3]float64{0.501, 0.501, 0.501}},
		"tan": {tanD[T], tanD2[T], libm.Tan, Number[T].Tan, Jet3[T].Tan,
			func(x float64) (float64, float64) {
				c := math.Cos(x)
				return 1 / (c * c), 2 * math.Sin(x) / (c * c * c)
			},
			-1.5, 1.5, [3]float64{0.8, 5, 8}, [3]float64{0.501, 0.501, 0.501}},
		"asin": {asinD[T], asinD2[T], libm.Asin, Number[T].Asin, Jet3[T].Asin,
			func(x float64) (float64, float64) {
				return 1 / math.Sqrt(1-x*x), x / math.Pow(1-x*x, 1.5)
			},
			-0.99, 0.99, [3]float64{0.8, 1.5, 4}, [3]float64{0.501, 0.501, 0.501}},
		"acos": {acosD[T], acosD2[T], libm.Acos, Number[T].Acos, Jet3[T].Acos,
			func(x float64) (float64, float64) {
				return -1 / math.Sqrt(1-x*x), -x / math.Pow(1-x*x, 1.5)
			},
			-0.99, 0.99, [3]float64{0.8, 1.5, 4.5}, [3]float64{0.501, 0.501, 0.501}},
		"atan": {atanD[T], atanD2[T], math.Atan, Number[T].Atan, Jet3[T].Atan,
			func(x float64) (float64, float64) { return 1 / (1 + x*x), -2 * x / sq(1+x*x) },
			-20, 20, [3]float64{1.1, 2, 4}, [3]float64{0.501, 0.501, 0.501}},
		"exp": {expD[T], expD2[T], expValue, Number[T].Exp, Jet3[T].Exp,
			func(x float64) (float64, float64) { return math.Exp(x), math.Exp(x) },
			-30, 30, [3]float64{1.6, 1, 1}, [3]float64{0.501, 0.501, 0.501}},
		"exp2": {exp2D[T], exp2D2[T], math.Exp2, Number[T].Exp2, Jet3[T].Exp2,
			func(x float64) (float64, float64) {
				return math.Ln2 * math.Exp2(x), math.Ln2 * math.Ln2 * math.Exp2(x)
			},
			-40, 40, [3]float64{1.1, 1.5, 2}, [3]float64{0.501, 0.501, 0.501}},
		"expm1": {expm1D[T], expm1D2[T], math.Expm1, Number[T].Expm1, Jet3[T].Expm1,
			func(x float64) (float64, float64) { return math.Exp(x), math.Exp(x) },
			-3, 3, [3]float64{1, 1, 1}, [3]float64{0.501, 0.501, 0.501}},
		"log": {logD[T], logD2[T], logValue, Number[T].Log, Jet3[T].Log,
			func(x float64) (float64, float64) { return 1 / x, -1 / (x * x) },
			1e-3, 50, [3]float64{1, 0.5, 1.5}, [3]float64{0.501, 0.501, 0.501}},
		"log2": {log2D[T], log2D2[T], libm.Log2, Number[T].Log2, Jet3[T].Log2,
			func(x float64) (float64, float64) { return 1 / (x * math.Ln2), -1 / (x * x * math.Ln2) },
			1e-3, 50, [3]float64{0.8, 1, 1.5}, [3]float64{0.501, 0.501, 0.501}},
		"log10": {log10D[T], log10D2[T], libm.Log10, Number[T].Log10, Jet3[T].Log10,
			func(x float64) (float64, float64) { return 1 / (x * math.Ln10), -1 / (x * x * math.Ln10) },
			1e-3, 50, [3]float64{0.8, 1, 1.5}, [3]float64{0.501, 0.501, 0.501}},
		"log1p": {log1pD[T], log1pD2[T], math.Log1p, Number[T].Log1p, Jet3[T].Log1p,
			func(x float64) (float64, float64) { return 1 / (1 + x), -1 / sq(1+x) },
			-0.9, 20, [3]float64{1.1, 1.5, 2.5}, [3]float64{0.501, 0.501, 0.501}},
		"sqrt": {sqrtD[T], sqrtD2[T], math.Sqrt, Number[T].Sqrt, Jet3[T].Sqrt,
			func(x float64) (float64, float64) {
				return 1 / (2 * math.Sqrt(x)), -1 / (4 * x * math.Sqrt(x))
			},
			1e-3, 100, [3]float64{0.5, 1, 4}, [3]float64{0.501, 0.501, 0.501}},
		"cbrt": {cbrtD[T], cbrtD2[T], math.Cbrt, Number[T].Cbrt, Jet3[T].Cbrt,
			func(x float64) (float64, float64) {
				return 1 / (3 * math.Pow(math.Abs(x), 2.0/3)), -2 / (9 * x * math.Pow(math.Abs(x), 2.0/3))
			},
			-100, 100, [3]float64{1, 2, 4}, [3]float64{0.501, 0.501, 0.501}},
		"abs": {absD[T], absD2[T], math.Abs, Number[T].Abs, Jet3[T].Abs,
			func(x float64) (float64, float64) { return math.Copysign(1, x), 0 },
			-10, 10, [3]float64{1e-20, 0, 0}, [3]float64{0, 0, 0}},
		"inv": {invD[T], invD2[T], func(x float64) float64 { return 1 / x }, Number[T].Inv, Jet3[T].Inv,
			func(x float64) (float64, float64) { return -1 / (x * x), 2 / (x * x * x) },
			-10, 10, [3]float64{0.5, 2, 3}, [3]float64{0.501, 0.501, 0.501}},
	}
}

// sameFloat reports whether a and b are the same float, NaNs equal, -0 != +0.
func sameFloat[T Float](a, b T) bool {
	if a != a || b != b {
		return a != a && b != b
	}
	return a == b && math.Signbit(float64(a)) == math.Signbit(float64(b))
}

// sameValue is sameFloat but treats -0 and +0 as equal, for derivatives, whose
// sign of zero package dual does not specify.
func sameValue[T Float](a, b T) bool {
	return a == b || (a != a && b != b)
}

// typeName returns "f32" or "f64" for T, as in the reference files.
func typeName[T Float]() string {
	if bitSize[T]() == 32 {
		return "f32"
	}
	return "f64"
}

func TestUnaryRulesAgainstReferences(t *testing.T) {
	cases := loadRefs(t, "elementary.txt")
	t.Run("float64", func(t *testing.T) { testUnaryRefs[float64](t, cases) })
	t.Run("float32", func(t *testing.T) { testUnaryRefs[float32](t, cases) })
}

func testUnaryRefs[T Float](t *testing.T, cases []refCase) {
	rules := elemUnaryRules[T]()
	seen := map[string]int{}
	worst := map[string]*[3]float64{}
	for _, c := range cases {
		r, ok := rules[c.Func]
		if !ok || c.Type != typeName[T]() {
			continue
		}
		if len(c.In) != 1 || len(c.Out) != 3 {
			t.Fatalf("%s: want 1 input and 3 outputs", c.Pos)
		}
		seen[c.Func]++
		x := T(c.In[0])
		v, d, dd := r.d2(x)
		tol := r.ulp64
		if typeName[T]() == "f32" {
			tol = r.ulp32
		}
		if want := T(r.value(float64(x))); !sameFloat(v, want) {
			t.Errorf("%s: %s(%v) = %v, its value function gives %v", c.Pos, c.Func, x, v, want)
		}
		checkRef(t, c, "value", v, c.Out[0], tol[0])
		ve := ulpError(v, c.Out[0])
		w := worst[c.Func]
		if w == nil {
			w = new([3]float64)
			worst[c.Func] = w
		}
		if c.Out[0] != "-" && !math.IsInf(ve, 1) {
			w[0] = max(w[0], ve)
		}
		checkRef(t, c, "derivative", d, c.Out[1], tol[1])
		checkRef(t, c, "second derivative", dd, c.Out[2], tol[2])
		if c.Out[1] != "-" && !math.IsInf(ulpError(d, c.Out[1]), 1) {
			w[1] = max(w[1], ulpError(d, c.Out[1]))
		}
		if c.Out[2] != "-" && !math.IsInf(ulpError(dd, c.Out[2]), 1) {
			w[2] = max(w[2], ulpError(dd, c.Out[2]))
		}
		// The first-order rule agrees with the second-order one.
		if v1, d1 := r.d(x); !sameFloat(v1, v) || !sameValue(d1, d) {
			t.Errorf("%s: %sD(%v) = %v, %v but %sD2 gives %v, %v", c.Pos, c.Func, x, v1, d1, c.Func, v, d)
		}
		checkUnaryMethods(t, c, r, x, v, d)
	}
	for name := range rules {
		if seen[name] < 20 {
			t.Errorf("%s: only %d reference cases for %s", typeName[T](), seen[name], name)
		}
		if w := worst[name]; w != nil {
			t.Logf("%s %-6s max error in ulps: value %-8.3g d %-6.3g dd %-6.3g", typeName[T](), name, w[0], w[1], w[2])
		}
	}
}

// checkUnaryMethods checks the generated methods against the rule: the tangent
// is the derivative times the seed, and a zero tangent stays exactly zero even
// where the derivative is infinite or NaN.
func checkUnaryMethods[T Float](t *testing.T, c refCase, r elemUnary[T], x, v, d T) {
	t.Helper()
	n := r.number(Number[T]{V: x, D: 1})
	if !sameFloat(n.V, v) || !sameValue(n.D, d) {
		t.Errorf("%s: Number.%s at %v = {%v %v}, rule gives %v, %v", c.Pos, c.Func, x, n.V, n.D, v, d)
	}
	j := r.jet3(Jet3[T]{V: x, D0: 1, D2: -0.5})
	if !sameValue(j.D0, d) || j.D1 != 0 || !sameValue(j.D2, d*-0.5) {
		t.Errorf("%s: Jet3.%s at %v has tangents %v %v %v, want %v 0 %v", c.Pos, c.Func, x, j.D0, j.D1, j.D2, d, d*-0.5)
	}
}

func TestUnaryRulesAgainstCalculus(t *testing.T) {
	t.Run("float64", func(t *testing.T) { testUnaryCalculus[float64](t, 2e-13) })
	t.Run("float32", func(t *testing.T) { testUnaryCalculus[float32](t, 3e-7) })
}

// testUnaryCalculus compares the rules with the plain formulas at random
// ordinary points, with relative tolerance rel, and with central finite
// differences of the value (for d) and of d (for dd).
func testUnaryCalculus[T Float](t *testing.T, rel float64) {
	rng := rand.New(rand.NewPCG(1, 2))
	rules := elemUnaryRules[T]()
	for _, name := range slices.Sorted(maps.Keys(rules)) {
		r := rules[name]
		for range 200 {
			x := T(r.lo + (r.hi-r.lo)*rng.Float64())
			if name == "inv" && math.Abs(float64(x)) < 0.05 {
				continue
			}
			v, d, dd := r.d2(x)
			wd, wdd := r.plain(float64(x))
			if !closeRel(float64(d), wd, rel) || !closeRel(float64(dd), wdd, 4*rel) {
				t.Errorf("%s at %v: d, dd = %v, %v; formula gives %v, %v", name, x, d, dd, wd, wdd)
			}
			// Finite differences in float64 around the same point, with a step
			// that balances truncation and rounding errors.
			xf := float64(x)
			h := 1e-6 * math.Max(0.01, math.Abs(xf))
			_, d64 := elemUnaryRules[float64]()[name].d(xf)
			fd := (elemUnaryRules[float64]()[name].value(xf+h) - elemUnaryRules[float64]()[name].value(xf-h)) / (2 * h)
			if !closeRel(fd, d64, 1e-6) {
				t.Errorf("%s at %v: derivative %v, central difference %v", name, xf, d64, fd)
			}
			_, dp := elemUnaryRules[float64]()[name].d(xf + h)
			_, dm := elemUnaryRules[float64]()[name].d(xf - h)
			if fdd := (dp - dm) / (2 * h); !closeRel(fdd, wdd, 1e-5) && math.Abs(fdd-wdd) > 1e-8 {
				t.Errorf("%s at %v: second derivative %v, central difference %v", name, xf, wdd, fdd)
			}
			_ = v
		}
	}
}

// closeRel reports whether got is within rel of want relatively (absolutely
// near zero), NaNs and infinities equal to themselves.
func closeRel(got, want, rel float64) bool {
	if got == want || (got != got && want != want) {
		return true
	}
	return math.Abs(got-want) <= rel*math.Max(math.Abs(want), 1e-300)
}
