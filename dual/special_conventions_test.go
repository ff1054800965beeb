package dual

import (
	"math"
	"testing"
)

// TestSpecialConventions checks the special cases listed in the doc comments of the
// special functions, at the points PyTorch cannot tell us about (torch_special.txt
// covers the others): Gamma, Erfcinv and the Bessel functions, Hypot with infinite
// arguments, Remainder, and the rounding functions at their jumps.
func TestSpecialConventions(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	negZero := math.Copysign(0, -1)
	unaries := specialUnaryRules[float64]()
	for _, c := range []struct {
		name       string
		x          float64
		v, d, dd   float64
		whyAtPoint string
	}{
		{"gamma", 0, inf, -inf, inf, "Γ ~ 1/x: Γ' → -Inf and Γ″ → +Inf from the right"},
		{"gamma", negZero, -inf, -inf, -inf, "Γ ~ 1/x: Γ' → -Inf and Γ″ → -Inf from the left"},
		{"gamma", inf, inf, inf, inf, "Γ grows faster than any power"},
		{"gamma", -1, nan, nan, nan, "pole"},
		{"gamma", -inf, nan, nan, nan, "math.Gamma(-Inf) is NaN"},
		{"gamma", -200.5, negZero, 0, 0, "Γ underflows to -0 between the poles"},
		{"lgamma", 0, inf, -inf, inf, "ln|Γ| ~ -ln x"},
		{"lgamma", negZero, inf, inf, inf, "ln|Γ| ~ -ln|x| from the left"},
		{"lgamma", -3, inf, nan, inf, "the one-sided slopes are +Inf and -Inf"},
		{"lgamma", -inf, -inf, nan, nan, "math.Lgamma(-Inf) = -Inf"},
		{"erfcinv", 0, inf, -inf, inf, "erfcinv → +Inf at 0"},
		{"erfcinv", 2, -inf, -inf, -inf, "erfcinv → -Inf at 2"},
		{"erfcinv", 1, 0, -math.Sqrt(math.Pi) / 2, 0, "the centre"},
		{"erfcinv", 2.5, nan, nan, nan, "outside [0, 2]"},
		{"erfcinv", -0.5, nan, nan, nan, "outside [0, 2]"},
		{"erfinv", 2, nan, nan, nan, "outside [-1, 1]"},
		{"j0", 0, 1, 0, -0.5, "J0 = 1 - x²/4 + …"},
		{"j0", inf, 0, 0, 0, "J0 decays like x^-1/2"},
		{"j0", -inf, 0, 0, 0, "J0 is even"},
		{"j1", 0, 0, 0.5, 0, "J1 = x/2 - x³/16 + …"},
		{"j1", inf, 0, 0, 0, "J1 decays like x^-1/2"},
		{"y0", 0, -inf, inf, -inf, "Y0 ~ (2/π) ln x"},
		{"y0", inf, 0, 0, 0, "Y0 decays like x^-1/2"},
		{"y0", -1, nan, nan, nan, "Y0 is not real for x < 0"},
		{"y1", 0, -inf, inf, -inf, "Y1 ~ -2/(πx)"},
		{"y1", inf, 0, 0, 0, "Y1 decays like x^-1/2"},
		{"y1", -1, nan, nan, nan, "Y1 is not real for x < 0"},
		{"sinh", nan, nan, nan, nan, "NaN"},
		{"tanh", nan, nan, nan, nan, "NaN"},
		{"erf", nan, nan, nan, nan, "NaN"},
		{"gamma", nan, nan, nan, nan, "NaN"},
		{"j1", nan, nan, nan, nan, "NaN"},
	} {
		r := unaries[c.name]
		v, d, dd := r.d2(c.x)
		// the expected derivatives are formulas rounded in float64: 2 ulps apart at most
		near := func(a, b float64) bool { return sameValue(a, b) || ulpDistance(a, b) <= 2 }
		if !sameFloat(v, c.v) || !near(d, c.d) || !near(dd, c.dd) {
			t.Errorf("%s(%v) = %v, %v, %v; want %v, %v, %v (%s)", c.name, c.x, v, d, dd, c.v, c.d, c.dd, c.whyAtPoint)
		}
	}

	binaries := specialBinaryRules[float64]()
	s := math.Sqrt2 / 2
	for _, c := range []struct {
		name string
		x, y float64
		want [6]float64
		why  string
	}{
		{"hypot", inf, -inf, [6]float64{inf, s, -s, 0, 0, 0}, "both infinite: the limit along the diagonal"},
		{"hypot", -inf, nan, [6]float64{inf, -1, 0, 0, 0, 0}, "Hypot is +Inf whatever y is"},
		{"hypot", nan, 2, [6]float64{nan, nan, nan, nan, nan, nan}, "NaN"},
		{"hypot", 0, 3, [6]float64{3, 0, 1, 1.0 / 3, 0, 0}, "on an axis"},
		{"hypot", 1e308, 1e308, [6]float64{math.Hypot(1e308, 1e308), s, s, s * s / math.Hypot(1e308, 1e308),
			-s * s / math.Hypot(1e308, 1e308), s * s / math.Hypot(1e308, 1e308)}, "near overflow"},
		{"hypot", 1.7e308, 1.7e308, [6]float64{inf, s, s, s / 1.7e308 / 2, -s / 1.7e308 / 2, s / 1.7e308 / 2},
			"the hypotenuse overflows, the slopes and the curvatures (x²/h³ = 1/(2√2·x)) do not"},
		{"remainder", 5, inf, [6]float64{5, 1, 0, 0, 0, 0}, "Remainder(x, ±Inf) = x"},
		{"remainder", 5, 0, [6]float64{nan, nan, nan, nan, nan, nan}, "NaN value"},
		{"remainder", 7, 2, [6]float64{-1, 1, -4, 0, 0, 0}, "the quotient 3.5 rounds to even"},
		{"remainder", 5, 2, [6]float64{1, 1, -2, 0, 0, 0}, "the quotient 2.5 rounds to even"},
		{"mod", 1e300, 1e-300, [6]float64{math.Mod(1e300, 1e-300), 1, -inf, 0, 0, 0}, "the quotient overflows"},
		{"dim", 3, nan, [6]float64{nan, nan, nan, nan, nan, nan}, "NaN value"},
	} {
		v, dx, dy, dxx, dxy, dyy := binaries[c.name].d2(c.x, c.y)
		got := [6]float64{v, dx, dy, dxx, dxy, dyy}
		for i := range got {
			if !sameValue(got[i], c.want[i]) && ulpDistance(got[i], c.want[i]) > 2 {
				t.Errorf("%s(%v, %v) = %v, want %v (%s)", c.name, c.x, c.y, got, c.want, c.why)
				break
			}
		}
	}
}

// TestRoundingRules checks that the rounding functions return math's values with
// zero derivatives everywhere: between the jumps, at them, and for ±Inf and NaN.
func TestRoundingRules(t *testing.T) {
	rules := []struct {
		name string
		d    func(float64) (float64, float64)
		d2   func(float64) (float64, float64, float64)
		m    func(float64) float64
		num  func(Number[float64]) Number[float64]
	}{
		{"Trunc", truncD[float64], truncD2[float64], math.Trunc, Number[float64].Trunc},
		{"Floor", floorD[float64], floorD2[float64], math.Floor, Number[float64].Floor},
		{"Ceil", ceilD[float64], ceilD2[float64], math.Ceil, Number[float64].Ceil},
		{"Round", roundD[float64], roundD2[float64], math.Round, Number[float64].Round},
		{"RoundToEven", roundToEvenD[float64], roundToEvenD2[float64], math.RoundToEven, Number[float64].RoundToEven},
	}
	xs := []float64{2.5, -2.5, 3.5, 2, -0.5, math.Copysign(0, -1), 0.49999999999999994, 1e300, 5e-324,
		math.Inf(1), math.Inf(-1), math.NaN()}
	for _, r := range rules {
		for _, x := range xs {
			v, d := r.d(x)
			v2, d2, dd := r.d2(x)
			if !sameFloat(v, r.m(x)) || !sameFloat(v2, v) || d != 0 || d2 != 0 || dd != 0 {
				t.Errorf("%s(%v): rules give %v, %v and %v, %v, %v; want %v, 0, 0", r.name, x, v, d, v2, d2, dd, r.m(x))
			}
			if n := r.num(Number[float64]{V: x, D: 3}); !sameFloat(n.V, r.m(x)) || n.D != 0 {
				t.Errorf("Number.%s(%v) = %v", r.name, x, n)
			}
		}
		var f32 float32 = 2.5
		if v, d := floorD(f32); v != 2 || d != 0 {
			t.Errorf("floorD(float32 2.5) = %v, %v", v, d)
		}
	}
}

// TestSpecialNaNSafety checks that a zero tangent stays zero through every special
// method at points where its derivative is infinite or NaN, and that a nonzero
// tangent carries the infinity.
func TestSpecialNaNSafety(t *testing.T) {
	for _, c := range []struct {
		name string
		f    func(Jet2[float64]) Jet2[float64]
		x    float64
	}{
		{"Acosh", Jet2[float64].Acosh, 1},
		{"Atanh", Jet2[float64].Atanh, 1},
		{"Erfinv", Jet2[float64].Erfinv, -1},
		{"Erfcinv", Jet2[float64].Erfcinv, 0},
		{"Gamma", Jet2[float64].Gamma, 0},
		{"Gamma", Jet2[float64].Gamma, -2},
		{"Y0", Jet2[float64].Y0, 0},
		{"Y1", Jet2[float64].Y1, -1},
	} {
		r := c.f(Jet2[float64]{V: c.x, D0: 1})
		if r.D1 != 0 {
			t.Errorf("%s(%v): the unseeded partial is %v, want 0", c.name, c.x, r.D1)
		}
		if !math.IsInf(r.D0, 0) && !math.IsNaN(r.D0) {
			t.Errorf("%s(%v): the seeded partial is %v, want ±Inf or NaN", c.name, c.x, r.D0)
		}
	}
	// Hypot at the origin: both partials 0, so even a seeded tangent gives 0.
	x, y := Jet2[float64]{D0: 1}, Jet2[float64]{D1: 1}
	if h := x.Hypot(y); h.V != 0 || h.D0 != 0 || h.D1 != 0 {
		t.Errorf("Hypot at the origin = %v, want all 0", h)
	}
}

// TestScalingHelpers checks the helpers for Ldexp, Frexp and Modf against math,
// including a tangent that stays finite where 2ⁿ alone would overflow.
func TestScalingHelpers(t *testing.T) {
	if got := ldexpOf(3.0, 2); got != 12 {
		t.Errorf("ldexpOf(3, 2) = %v, want 12", got)
	}
	if got := ldexpOf(0x1p-1074, 1100); got != 0x1p26 {
		t.Errorf("ldexpOf(2⁻¹⁰⁷⁴, 1100) = %v, want 2²⁶", got)
	}
	if got := ldexpOf(float32(1.5), 128); !math.IsInf(float64(got), 1) {
		t.Errorf("ldexpOf(float32 1.5, 128) = %v, want +Inf", got)
	}
	if got := ldexpOf(float32(1.5), -149); got != 0x1p-148 {
		t.Errorf("ldexpOf(float32 1.5, -149) = %v, want 2⁻¹⁴⁸ (1.5 ulps rounded to even)", got)
	}
	for _, x := range []float64{12, -0.375, 5e-324, math.Inf(-1), 0} {
		f, e := frexpOf(x)
		wf, we := math.Frexp(x)
		if !sameFloat(f, wf) || e != we {
			t.Errorf("frexpOf(%v) = %v, %d; math gives %v, %d", x, f, e, wf, we)
		}
		if math.IsInf(x, 0) || x == 0 {
			continue
		}
		if back := ldexpOf(f, e); back != x {
			t.Errorf("ldexpOf(frexpOf(%v)) = %v", x, back)
		}
	}
	if i, f := modfOf(float32(-3.25)); i != -3 || f != -0.25 {
		t.Errorf("modfOf(float32 -3.25) = %v, %v, want -3, -0.25", i, f)
	}
}

// TestSpecialRulesAgreeAtSpecialValues checks that the first- and second-order rule
// of every special function give the same value and first derivatives, bit for bit,
// at the special values (the reference files hold finite points only).
func TestSpecialRulesAgreeAtSpecialValues(t *testing.T) {
	specials := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), 5e-324, -5e-324,
		1, -1, 2, -2, math.MaxFloat64, -math.MaxFloat64}
	for name, r := range specialUnaryRules[float64]() {
		for _, x := range specials {
			v1, d1 := r.d(x)
			v2, d2, _ := r.d2(x)
			if !sameFloat(v1, v2) || !sameFloat(d1, d2) {
				t.Errorf("%s(%v): D gives %v, %v; D2 gives %v, %v", name, x, v1, d1, v2, d2)
			}
		}
	}
	for name, r := range specialBinaryRules[float64]() {
		for _, x := range specials {
			for _, y := range specials {
				v1, dx1, dy1 := r.d(x, y)
				v2, dx2, dy2, _, _, _ := r.d2(x, y)
				if !sameFloat(v1, v2) || !sameFloat(dx1, dx2) || !sameFloat(dy1, dy2) {
					t.Errorf("%s(%v, %v): D gives %v, %v, %v; D2 gives %v, %v, %v", name, x, y, v1, dx1, dy1, v2, dx2, dy2)
				}
			}
		}
	}
}
