package dual

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Tests of the hand-written methods of the field template (arithmetic, the
// constant forms, Sincos, PowReal, PowInt, Fma) on Number, Jet2 and Jet3.

// seedJet3 returns a Jet3 with value v and tangents d.
func seedJet3[T Float](v T, d [3]T) Jet3[T] { return Jet3[T]{V: v, D0: d[0], D1: d[1], D2: d[2]} }

// tangents returns the tangents of a Jet3 as an array.
func tangents[T Float](x Jet3[T]) [3]T { return [3]T{x.D0, x.D1, x.D2} }

func TestArithmeticMethods(t *testing.T) {
	t.Run("float64", func(t *testing.T) { testArithmeticMethods[float64](t) })
	t.Run("float32", func(t *testing.T) { testArithmeticMethods[float32](t) })
}

// testArithmeticMethods checks every arithmetic method against the rules of
// calculus written per tangent, at random points with random tangents, one of
// them zero. Sums, differences and scalings must match exactly (they are the
// same IEEE operations); products and quotients, which the methods evaluate in another order, within
// a few roundings of the terms of the quotient rule (the terms may cancel, so
// the bound is relative to their size, not to the result).
func testArithmeticMethods[T Float](t *testing.T) {
	eps := math.Ldexp(1, -52)
	if bitSize[T]() == 32 {
		eps = math.Ldexp(1, -23)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	rnd := func() T { return T(-4 + 8*rng.Float64()) }
	for range 500 {
		xd, yd := [3]T{rnd(), 0, rnd()}, [3]T{rnd(), rnd(), 0}
		x, y, c := seedJet3(rnd(), xd), seedJet3(rnd(), yd), rnd()
		type want struct {
			name string
			got  Jet3[T]
			v    T
			d    func(i int) T
			// size returns the sum of the magnitudes of the terms of tangent i,
			// for quotients; nil means the tangent must match exactly.
			size func(i int) float64
		}
		quotientSize := func(i int) float64 {
			return math.Abs(float64(xd[i]/y.V)) + math.Abs(float64(x.V*yd[i]/(y.V*y.V)))
		}
		for _, w := range []want{
			{"Add", x.Add(y), x.V + y.V, func(i int) T { return xd[i] + yd[i] }, nil},
			{"Sub", x.Sub(y), x.V - y.V, func(i int) T { return xd[i] - yd[i] }, nil},
			{"Neg", x.Neg(), -x.V, func(i int) T { return -xd[i] }, nil},
			{"Mul", x.Mul(y), x.V * y.V, func(i int) T { return y.V*xd[i] + x.V*yd[i] },
				// Compilers may fuse a product and a sum (the Go spec allows it,
				// and GOAMD64=v3 or arm64 do), so the product rule gets a bound too.
				func(i int) float64 { return math.Abs(float64(y.V*xd[i])) + math.Abs(float64(x.V*yd[i])) }},
			{"Div", x.Div(y), x.V / y.V, func(i int) T { return xd[i]/y.V - x.V*yd[i]/(y.V*y.V) }, quotientSize},
			{"AddConst", x.AddConst(c), x.V + c, func(i int) T { return xd[i] }, nil},
			{"SubConst", x.SubConst(c), x.V - c, func(i int) T { return xd[i] }, nil},
			{"ConstSub", x.ConstSub(c), c - x.V, func(i int) T { return -xd[i] }, nil},
			{"Scale", x.Scale(c), c * x.V, func(i int) T { return c * xd[i] }, nil},
			{"DivConst", x.DivConst(c), x.V / c, func(i int) T { return xd[i] / c }, func(i int) float64 { return math.Abs(float64(xd[i] / c)) }},
			{"ConstDiv", x.ConstDiv(c), c / x.V, func(i int) T { return -c * xd[i] / (x.V * x.V) },
				func(i int) float64 { return math.Abs(float64(c * xd[i] / (x.V * x.V))) }},
		} {
			if !sameFloat(w.got.V, w.v) {
				t.Errorf("%s(%v, %v, %v) value = %v, want %v", w.name, x, y, c, w.got.V, w.v)
			}
			for i, g := range tangents(w.got) {
				want := w.d(i)
				if w.size == nil && sameFloat(g, want) || sameValue(g, want) {
					continue
				}
				if w.size == nil || math.Abs(float64(g-want)) > 4*eps*w.size(i) {
					t.Errorf("%s(%v, %v, %v) tangent %d = %v, want %v", w.name, x, y, c, i, g, want)
				}
			}
		}
	}
}

func TestSincosMatchesSinAndCos(t *testing.T) {
	for _, v := range []float64{0, math.Copysign(0, -1), 1, -2.5, 1e22, math.Inf(1), math.NaN()} {
		x := Jet2[float64]{V: v, D0: 1}
		s, c := x.Sincos()
		if !sameFloat(s.V, x.Sin().V) || !sameValue(s.D0, x.Sin().D0) || s.D1 != 0 ||
			!sameFloat(c.V, x.Cos().V) || !sameValue(c.D0, x.Cos().D0) || c.D1 != 0 {
			t.Errorf("Sincos(%v) = %v, %v; Sin, Cos give %v, %v", v, s, c, x.Sin(), x.Cos())
		}
		x32 := Number[float32]{V: float32(v), D: 1}
		s32, c32 := x32.Sincos()
		if !sameFloat(s32.V, x32.Sin().V) || !sameValue(s32.D, x32.Sin().D) || !sameFloat(c32.V, x32.Cos().V) || !sameValue(c32.D, x32.Cos().D) {
			t.Errorf("float32 Sincos(%v) = %v, %v; Sin, Cos give %v, %v", v, s32, c32, x32.Sin(), x32.Cos())
		}
	}
}

func TestPowIntAndPowReal(t *testing.T) {
	xs := []float64{2, -2, 0.5, 0, math.Copysign(0, -1), 3.7, -1e-3, 1e100, math.Inf(1), math.NaN(),
		20.003968253968253} // libm.Pow(x, 2) is an ulp from x*x there
	for _, x := range xs {
		for _, n := range []int{-3, -2, -1, 0, 1, 2, 3, 7, 1 << 20} {
			p := float64(n)
			got := Number[float64]{V: x, D: 1}.PowInt(n)
			real := Number[float64]{V: x, D: 1}.PowReal(p)
			// The exponent as a constant dual number (zero tangent) through Pow.
			viaPow := Number[float64]{V: x, D: 1}.Pow(Number[float64]{V: p})
			if !sameFloat(got.V, powValue(x, p)) {
				t.Errorf("PowInt(%v, %d) = %v, powValue gives %v", x, n, got.V, powValue(x, p))
			}
			// x^2 is x*x, correctly rounded, as expr compiles it.
			if n == 2 && !sameFloat(got.V, x*x) {
				t.Errorf("PowInt(%v, 2) = %v, x*x = %v", x, got.V, x*x)
			}
			if !sameFloat(got.V, real.V) || !sameValue(got.D, real.D) || !sameFloat(got.V, viaPow.V) || !sameValue(got.D, viaPow.D) {
				t.Errorf("x = %v, n = %d: PowInt %v, PowReal %v, Pow %v disagree", x, n, got, real, viaPow)
			}
			// The calculus rule n·x**(n-1) wherever it is finite and not masked.
			if want := p * math.Pow(x, p-1); n != 0 && !math.IsInf(want, 0) && want == want &&
				ulpDistance(got.D, want) > 2 {
				t.Errorf("PowInt(%v, %d) derivative = %v, want %v", x, n, got.D, want)
			}
			if n == 0 && got.D != 0 {
				t.Errorf("PowInt(%v, 0) derivative = %v, want 0 (PyTorch's mask)", x, got.D)
			}
		}
	}
	// float32 computes in float64 and rounds once.
	if got := (Number[float32]{V: 3, D: 1}).PowInt(5); got.V != 243 || got.D != 405 {
		t.Errorf("float32 3**5 = %v, want {243 405}", got)
	}
	if got := (Number[float32]{V: 4, D: 1}).PowReal(0.5); got.V != 2 || got.D != 0.25 {
		t.Errorf("float32 4**0.5 = %v, want {2 0.25}", got)
	}
}

func TestFma(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for range 200 {
		x := Jet3[float64]{V: rng.NormFloat64(), D0: 1}
		y := Jet3[float64]{V: rng.NormFloat64(), D1: 1}
		z := Jet3[float64]{V: rng.NormFloat64(), D2: 1}
		got := x.Fma(y, z)
		if got.V != math.FMA(x.V, y.V, z.V) || got.D0 != y.V || got.D1 != x.V || got.D2 != 1 {
			t.Errorf("Fma(%v, %v, %v) = %v, want value %v and partials %v %v 1", x.V, y.V, z.V, got, math.FMA(x.V, y.V, z.V), y.V, x.V)
		}
	}
	// One rounding: x*y + z with x*y = 1 - 2**-60 exactly representable only fused.
	a := 1 + 0x1p-30
	b := 1 - 0x1p-30
	if got := (Number[float64]{V: a}).Fma(Number[float64]{V: b}, Number[float64]{V: -1}); got.V != -0x1p-60 {
		t.Errorf("Fma(1+2**-30, 1-2**-30, -1) = %v, want -2**-60", got.V)
	}
	// float32: computed in float64, rounded once.
	if got := (Number[float32]{V: 3, D: 1}).Fma(Number[float32]{V: 4}, Number[float32]{V: 5, D: 2}); got.V != 17 || got.D != 6 {
		t.Errorf("float32 Fma(3, 4, 5) = %v, want {17 6}", got)
	}
}

// TestZeroTangentsStayZero checks NaN-safety at the points where the local
// derivative is infinite or NaN: a tangent that is zero stays exactly zero.
func TestZeroTangentsStayZero(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	// The brief's example: d/dy of sqrt(x) + y at x = 0 is 1, not NaN.
	x, y := Jet2[float64]{V: 0, D0: 1}, Jet2[float64]{V: 3, D1: 1}
	if r := x.Sqrt().Add(y); r.V != 3 || !math.IsInf(r.D0, 1) || r.D1 != 1 {
		t.Errorf("sqrt(x)+y at (0, 3) = %v, want {3 +Inf 1}", r)
	}
	only0 := Jet2[float64]{V: 0, D0: 1}
	for name, r := range map[string]Jet2[float64]{
		"Scale(Inf)":       only0.Scale(inf),
		"Scale(NaN)":       only0.Scale(nan),
		"DivConst(0)":      only0.DivConst(0),
		"ConstDiv(1) at 0": only0.ConstDiv(1),
		"Inv at 0":         only0.Inv(),
		"Log at 0":         only0.Log(),
		"Cbrt at 0":        only0.Cbrt(),
		"Div by 0":         only0.Div(Jet2[float64]{V: 0, D0: 1}),
		"Mul by Inf":       only0.Mul(Jet2[float64]{V: inf}),
		"Pow(0, 0.5)":      only0.Pow(Jet2[float64]{V: 0.5}),
		"PowReal(-1) at 0": only0.PowReal(-1),
		"Fma with Inf":     only0.Fma(Jet2[float64]{V: inf}, Jet2[float64]{V: 1}),
		"Atan2 at origin":  only0.Atan2(Jet2[float64]{V: 0, D0: 1}),
		"Asin at 1":        Jet2[float64]{V: 1, D0: 1}.Asin(),
	} {
		if r.D1 != 0 {
			t.Errorf("%s: D1 = %v, want 0", name, r.D1)
		}
	}
}

// TestSeedNotebook reproduces the gradients printed by the seed's PyTorch
// notebook, element by element: f = x**3 + y**2 and f = x*y.
func TestSeedNotebook(t *testing.T) {
	cube := func(x, y float64) Jet2[float64] {
		X, Y := Jet2[float64]{V: x, D0: 1}, Jet2[float64]{V: y, D1: 1}
		return X.PowInt(3).Add(Y.PowInt(2))
	}
	if r := cube(2, 4); r.V != 24 || r.D0 != 12 || r.D1 != 8 {
		t.Errorf("x**3 + y**2 at (2, 4) = %v, want {24 12 8}", r)
	}
	xs := [][]float64{{2, 3, 2}, {2, 3, 3}}
	ys := [][]float64{{4, 5, 5}, {4, 5, 5}}
	xGrad := [][]float64{{12, 27, 12}, {12, 27, 27}}
	yGrad := [][]float64{{8, 10, 10}, {8, 10, 10}}
	for i := range xs {
		for j := range xs[i] {
			if r := cube(xs[i][j], ys[i][j]); r.D0 != xGrad[i][j] || r.D1 != yGrad[i][j] {
				t.Errorf("x**3 + y**2 at [%d][%d]: partials %v %v, want %v %v", i, j, r.D0, r.D1, xGrad[i][j], yGrad[i][j])
			}
		}
	}
	px := [][]float64{{1, 2, 3}, {2, 4, 6}}
	py := [][]float64{{3, 6, 9}, {-1, 1, 2}}
	for i := range px {
		for j := range px[i] {
			r := Jet2[float64]{V: px[i][j], D0: 1}.Mul(Jet2[float64]{V: py[i][j], D1: 1})
			if r.D0 != py[i][j] || r.D1 != px[i][j] {
				t.Errorf("x*y at [%d][%d]: partials %v %v, want %v %v", i, j, r.D0, r.D1, py[i][j], px[i][j])
			}
		}
	}
}
