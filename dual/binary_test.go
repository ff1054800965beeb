package dual

import (
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// Tests of the binary elementary rules (pow, atan2, div, min, max), as
// elementary_test.go does for the unary ones.

// elemBinary is one binary rule instantiated for T.
type elemBinary[T Float] struct {
	d      func(T, T) (T, T, T)
	d2     func(T, T) (T, T, T, T, T, T)
	value  func(x, y float64) float64        // the value function of the rule, bit for bit
	jet2   func(Jet2[T], Jet2[T]) Jet2[T]    // the generated method on Jet2
	plain  func(x, y float64) [5]float64     // dx, dy, dxx, dxy, dyy as in a calculus book
	sample func(r *rand.Rand) (x, y float64) // an ordinary point
	// Error bounds in ulps against the exact references of dx, dy, dxx, dxy, dyy.
	ulp64, ulp32 [5]float64
	// methodUlps is how far the method's tangents may be from the rule's partials:
	// 0 where the method calls the rule, 1 for Div, which is written out.
	methodUlps uint64
}

// binaryValueBounds are the float64 value bounds of the package doc, in ulps.
var binaryValueBounds = map[string]float64{"pow": 0.8, "atan2": 1.1, "div": 0.5, "min": 1e-20, "max": 1e-20}

func elemBinaryRules[T Float]() map[string]elemBinary[T] {
	f32 := [5]float64{0.501, 0.501, 0.501, 0.501, 0.501}
	return map[string]elemBinary[T]{
		"pow": {powD[T], powD2[T], powValue, Jet2[T].Pow,
			func(x, y float64) [5]float64 {
				l := math.Log(x)
				return [5]float64{y * math.Pow(x, y-1), math.Pow(x, y) * l, y * (y - 1) * math.Pow(x, y-2),
					math.Pow(x, y-1) * (1 + y*l), math.Pow(x, y) * l * l}
			},
			func(r *rand.Rand) (float64, float64) { return 0.1 + 4*r.Float64(), -4 + 8*r.Float64() },
			[5]float64{4, 4, 4, 4, 4}, f32, 0},
		"atan2": {atan2D[T], atan2D2[T], atan2Value, Jet2[T].Atan2,
			func(y, x float64) [5]float64 {
				q := x*x + y*y
				return [5]float64{x / q, -y / q, -2 * x * y / (q * q), (y*y - x*x) / (q * q), 2 * x * y / (q * q)}
			},
			func(r *rand.Rand) (float64, float64) { return 0.5 + 4*r.Float64(), -5 + 10*r.Float64() },
			[5]float64{2, 2, 4, 4, 4}, f32, 0},
		"div": {divD[T], divD2[T], func(x, y float64) float64 { return x / y }, Jet2[T].Div,
			func(x, y float64) [5]float64 {
				return [5]float64{1 / y, -x / (y * y), 0, -1 / (y * y), 2 * x / (y * y * y)}
			},
			func(r *rand.Rand) (float64, float64) { return -10 + 20*r.Float64(), 0.5 + 10*r.Float64() },
			[5]float64{0.5, 1.5, 0, 1.5, 2.5}, f32, 4},
		"min": {minD[T], minD2[T], math.Min, Jet2[T].Min,
			func(x, y float64) [5]float64 {
				if x < y {
					return [5]float64{1, 0, 0, 0, 0}
				}
				return [5]float64{0, 1, 0, 0, 0}
			},
			func(r *rand.Rand) (float64, float64) { return -10 + 20*r.Float64(), -10 + 20*r.Float64() },
			[5]float64{}, [5]float64{}, 0},
		"max": {maxD[T], maxD2[T], math.Max, Jet2[T].Max,
			func(x, y float64) [5]float64 {
				if x > y {
					return [5]float64{1, 0, 0, 0, 0}
				}
				return [5]float64{0, 1, 0, 0, 0}
			},
			func(r *rand.Rand) (float64, float64) { return -10 + 20*r.Float64(), -10 + 20*r.Float64() },
			[5]float64{}, [5]float64{}, 0},
	}
}

func TestBinaryRulesAgainstReferences(t *testing.T) {
	cases := loadRefs(t, "elementary.txt")
	t.Run("float64", func(t *testing.T) { testBinaryRefs[float64](t, cases) })
	t.Run("float32", func(t *testing.T) { testBinaryRefs[float32](t, cases) })
}

func testBinaryRefs[T Float](t *testing.T, cases []refCase) {
	rules := elemBinaryRules[T]()
	seen := map[string]int{}
	worst := map[string]*[5]float64{}
	names := [5]string{"dx", "dy", "dxx", "dxy", "dyy"}
	worstValue := map[string]float64{}
	for _, c := range cases {
		r, ok := rules[c.Func]
		if !ok || c.Type != typeName[T]() {
			continue
		}
		if len(c.In) != 2 || len(c.Out) != 6 {
			t.Fatalf("%s: want 2 inputs and 6 outputs", c.Pos)
		}
		seen[c.Func]++
		x, y := T(c.In[0]), T(c.In[1])
		v, dx, dy, dxx, dxy, dyy := r.d2(x, y)
		if want := T(r.value(float64(x), float64(y))); !sameFloat(v, want) {
			t.Errorf("%s: %s(%v, %v) = %v, its value function gives %v", c.Pos, c.Func, x, y, v, want)
		}
		tol := r.ulp64
		vtol := binaryValueBounds[c.Func]
		if typeName[T]() == "f32" {
			tol, vtol = r.ulp32, 0.501
		}
		checkRef(t, c, "value", v, c.Out[0], vtol)
		if ve := ulpError(v, c.Out[0]); c.Out[0] != "-" && !math.IsInf(ve, 1) {
			worstValue[c.Func] = max(worstValue[c.Func], ve)
		}
		w := worst[c.Func]
		if w == nil {
			w = new([5]float64)
			worst[c.Func] = w
		}
		for i, got := range [5]T{dx, dy, dxx, dxy, dyy} {
			ref := c.Out[i+1]
			checkRef(t, c, names[i], got, ref, tol[i])
			if ref == "-" {
				continue
			}
			if e := ulpError(got, ref); !math.IsInf(e, 1) {
				w[i] = max(w[i], e)
			}
		}
		if v1, dx1, dy1 := r.d(x, y); !sameFloat(v1, v) || !sameValue(dx1, dx) || !sameValue(dy1, dy) {
			t.Errorf("%s: %sD = %v, %v, %v but %sD2 gives %v, %v, %v", c.Pos, c.Func, v1, dx1, dy1, c.Func, v, dx, dy)
		}
		checkBinaryMethod(t, c, r, x, y, v, dx, dy)
	}
	for name := range rules {
		if seen[name] < 20 {
			t.Errorf("%s: only %d reference cases for %s", typeName[T](), seen[name], name)
		}
		if w := worst[name]; w != nil {
			t.Logf("%s %-5s max error in ulps: value %-6.3g dx %-6.3g dy %-6.3g dxx %-6.3g dxy %-6.3g dyy %-6.3g",
				typeName[T](), name, worstValue[name], w[0], w[1], w[2], w[3], w[4])
		}
	}
}

// checkBinaryMethod checks the generated Jet2 method against the rule, with x
// seeded in D0 and y in D1, so the tangents are the partials; zero tangents stay
// zero (Jet3's D2).
func checkBinaryMethod[T Float](t *testing.T, c refCase, r elemBinary[T], x, y, v, dx, dy T) {
	t.Helper()
	got := r.jet2(Jet2[T]{V: x, D0: 1}, Jet2[T]{V: y, D1: 1})
	near := func(a, b T) bool { return sameValue(a, b) || ulpDistance(a, b) <= r.methodUlps }
	if !sameFloat(got.V, v) || !near(got.D0, dx) || !near(got.D1, dy) {
		t.Errorf("%s: Jet2 %s = {%v %v %v}, rule gives %v, %v, %v", c.Pos, c.Func, got.V, got.D0, got.D1, v, dx, dy)
	}
	if c.Func == "div" {
		// NaN-safety of the written-out Div: tangents that are zero on both sides
		// stay zero even where 1/y is infinite.
		if q := (Jet3[T]{V: x, D0: 1}).Div(Jet3[T]{V: y, D1: 1}); q.D2 != 0 {
			t.Errorf("%s: Jet3 div(%v, %v) has D2 = %v, want 0", c.Pos, x, y, q.D2)
		}
	}
}

func TestBinaryRulesAgainstCalculus(t *testing.T) {
	t.Run("float64", func(t *testing.T) { testBinaryCalculus[float64](t, 1e-12) })
	t.Run("float32", func(t *testing.T) { testBinaryCalculus[float32](t, 3e-6) })
}

// testBinaryCalculus compares the rules with the plain formulas at random
// ordinary points, and the float64 rules with central finite differences.
func testBinaryCalculus[T Float](t *testing.T, rel float64) {
	rng := rand.New(rand.NewPCG(3, 4))
	r64 := elemBinaryRules[float64]()
	rules := elemBinaryRules[T]()
	for _, name := range slices.Sorted(maps.Keys(rules)) {
		r := rules[name]
		for range 200 {
			xf, yf := r.sample(rng)
			x, y := T(xf), T(yf)
			_, dx, dy, dxx, dxy, dyy := r.d2(x, y)
			want := r.plain(float64(x), float64(y))
			for i, got := range [5]T{dx, dy, dxx, dxy, dyy} {
				if !closeRel(float64(got), want[i], rel) && math.Abs(float64(got)-want[i]) > rel {
					t.Errorf("%s at (%v, %v): partial %d = %v, formula gives %v", name, x, y, i, got, want[i])
				}
			}
			// Central differences of the value give the first partials, and of
			// the first partials the second ones.
			xf, yf = float64(x), float64(y)
			hx, hy := 1e-6*math.Max(1, math.Abs(xf)), 1e-6*math.Max(1, math.Abs(yf))
			f := r64[name]
			fdx := (f.value(xf+hx, yf) - f.value(xf-hx, yf)) / (2 * hx)
			fdy := (f.value(xf, yf+hy) - f.value(xf, yf-hy)) / (2 * hy)
			_, px, py := f.d(xf+hx, yf)
			_, mx, my := f.d(xf-hx, yf)
			_, _, qy := f.d(xf, yf+hy)
			_, _, ny := f.d(xf, yf-hy)
			fdxx, fdxy, fdyy := (px-mx)/(2*hx), (py-my)/(2*hx), (qy-ny)/(2*hy)
			for i, p := range [][2]float64{{fdx, want[0]}, {fdy, want[1]}, {fdxx, want[2]}, {fdxy, want[3]}, {fdyy, want[4]}} {
				if math.Abs(p[0]-p[1]) > 1e-5*math.Max(1, math.Abs(p[1])) {
					t.Errorf("%s at (%v, %v): partial %d = %v, central difference %v", name, xf, yf, i, p[1], p[0])
				}
			}
		}
	}
}

// TestConstantExponentRules checks the rules of PowReal and PowInt against
// pow's at every pow reference point: with a constant exponent they are pow's
// value, ∂/∂x and ∂²/∂x², bit for bit.
func TestConstantExponentRules(t *testing.T) {
	n := 0
	for _, c := range loadRefs(t, "elementary.txt") {
		if c.Func != "pow" || c.Type != "f64" {
			continue
		}
		x, y := c.In[0], c.In[1]
		v, dx, _, dxx, _, _ := powD2(x, y)
		if rv, rd, rdd := powRealD2(x, y); !sameFloat(rv, v) || !sameValue(rd, dx) || !sameValue(rdd, dxx) {
			t.Errorf("%s: powRealD2(%v, %v) = %v, %v, %v; powD2 gives %v, %v, %v", c.Pos, x, y, rv, rd, rdd, v, dx, dxx)
		}
		if rv, rd := powRealD(x, y); !sameFloat(rv, v) || !sameValue(rd, dx) {
			t.Errorf("%s: powRealD(%v, %v) = %v, %v; powD2 gives %v, %v", c.Pos, x, y, rv, rd, v, dx)
		}
		if k := int(y); float64(k) == y {
			n++
			if iv, id, idd := powIntD2(x, k); !sameFloat(iv, v) || !sameValue(id, dx) || !sameValue(idd, dxx) {
				t.Errorf("%s: powIntD2(%v, %d) = %v, %v, %v; powD2 gives %v, %v, %v", c.Pos, x, k, iv, id, idd, v, dx, dxx)
			}
			if iv, id := powIntD[float32](float32(x), k); float64(float32(x)) == x &&
				(!sameFloat(iv, float32(math.Pow(x, y))) || !sameValue(id, float32(powSlopeX(x, y, math.Pow(x, y))))) {
				t.Errorf("%s: float32 powIntD(%v, %d) = %v, %v", c.Pos, x, k, iv, id)
			}
		}
	}
	if n < 10 {
		t.Errorf("only %d integer exponents among the pow references", n)
	}
}

// TestPowSlopeWhereQuotientOverflows checks ∂/∂x x**y where x**y is normal but
// x**y/x overflows: at x = y = 2^-1074, x**y rounds to 1 and y·x**(y-1) = 1; at
// y = -1/1000 the slope overflows indeed.
func TestPowSlopeWhereQuotientOverflows(t *testing.T) {
	x := Number[float64]{V: 0x1p-1074, D: 1}
	if got := x.Pow(Number[float64]{V: 0x1p-1074}); got.V != 1 || got.D != 1 {
		t.Errorf("Pow(2^-1074, 2^-1074) = %v with slope %v, want 1 and 1", got.V, got.D)
	}
	if got := x.Pow(Number[float64]{V: -0.001}); !math.IsInf(got.D, -1) {
		t.Errorf("Pow(2^-1074, -0.001) slope %v, want -Inf", got.D)
	}
	if got := (Jet2[float64]{V: 0x1p-1074, D0: 1}).Pow(Jet2[float64]{V: 0x1p-1074, D1: 1}); got.D0 != 1 {
		t.Errorf("Jet2 Pow(2^-1074, 2^-1074) x partial %v, want 1", got.D0)
	}
}

// TestAtan2TinyArguments checks atan2's partials where 1/(x²+y²) overflows: at y = 0
// the x partial is 0, not 0·Inf = NaN, and -y/(x²+y²) = -2^986 at y = 2^-1074,
// x = 2^-1030 is finite; the y partials 1/x overflow indeed.
func TestAtan2TinyArguments(t *testing.T) {
	for _, c := range []struct{ y, x, dy, dx float64 }{
		{0, 0x1p-1074, math.Inf(1), 0},
		{0x1p-1074, 0x1p-1030, math.Inf(1), -0x1p986},
	} {
		r := (Jet2[float64]{V: c.y, D0: 1}).Atan2(Jet2[float64]{V: c.x, D1: 1})
		if r.D0 != c.dy || math.Abs(r.D1-c.dx) > 1e-15*math.Abs(c.dx) {
			t.Errorf("Atan2(%v, %v) partials %v, %v; want %v, %v", c.y, c.x, r.D0, r.D1, c.dy, c.dx)
		}
	}
}
