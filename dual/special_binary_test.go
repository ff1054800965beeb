package dual

import (
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// Tests of the binary special rules (hypot, dim, mod, remainder, copysign), as
// special_test.go does for the unary ones.

// specialBinary is one binary special rule instantiated for T.
type specialBinary[T Float] struct {
	d     func(T, T) (T, T, T)
	d2    func(T, T) (T, T, T, T, T, T)
	value func(x, y float64) float64     // the math function the value must equal bit for bit
	jet2  func(Jet2[T], Jet2[T]) Jet2[T] // the generated method on Jet2
	// plain returns dx, dy, dxx, dxy, dyy as in a calculus book.
	plain  func(x, y float64) [5]float64
	sample func(r *rand.Rand) (x, y float64) // an ordinary point
	// Error bounds in ulps of T against the exact references of dx … dyy.
	ulp [5]float64
}

func specialBinaryRules[T Float]() map[string]specialBinary[T] {
	f32 := [5]float64{f32Bound, f32Bound, f32Bound, f32Bound, f32Bound}
	bounds := func(b [5]float64) [5]float64 {
		if bitSize[T]() == 32 {
			return f32
		}
		return b
	}
	// linear is the plain form of a function x - n·y whose n is given by quotient.
	linear := func(quotient func(float64) float64) func(x, y float64) [5]float64 {
		return func(x, y float64) [5]float64 { return [5]float64{1, -quotient(x / y), 0, 0, 0} }
	}
	uniform := func(r *rand.Rand) (float64, float64) { return -10 + 20*r.Float64(), -10 + 20*r.Float64() }
	return map[string]specialBinary[T]{
		"hypot": {hypotD[T], hypotD2[T], math.Hypot, Jet2[T].Hypot,
			func(x, y float64) [5]float64 {
				h := math.Sqrt(x*x + y*y)
				h3 := h * h * h
				return [5]float64{x / h, y / h, y * y / h3, -x * y / h3, x * x / h3}
			}, uniform, bounds([5]float64{2, 2, 4, 4, 4})},
		"dim": {dimD[T], dimD2[T], math.Dim, Jet2[T].Dim,
			func(x, y float64) [5]float64 {
				if x > y {
					return [5]float64{1, -1, 0, 0, 0}
				}
				return [5]float64{}
			}, uniform, bounds([5]float64{})},
		"mod": {modD[T], modD2[T], math.Mod, Jet2[T].Mod, linear(math.Trunc), uniform, bounds([5]float64{1e-9, 0.5})},
		"remainder": {remainderD[T], remainderD2[T], math.Remainder, Jet2[T].Remainder,
			linear(math.RoundToEven), uniform, bounds([5]float64{1e-9, 0.5})},
		"copysign": {copysignD[T], copysignD2[T], math.Copysign, Jet2[T].Copysign,
			func(x, y float64) [5]float64 {
				if (x < 0) == (y < 0) {
					return [5]float64{1, 0, 0, 0, 0}
				}
				return [5]float64{-1, 0, 0, 0, 0}
			}, uniform, bounds([5]float64{})},
	}
}

func TestSpecialBinaryReferences(t *testing.T) {
	cases := loadRefs(t, "special.txt")
	t.Run("float64", func(t *testing.T) { testSpecialBinaryRefs[float64](t, cases) })
	t.Run("float32", func(t *testing.T) { testSpecialBinaryRefs[float32](t, cases) })
}

func testSpecialBinaryRefs[T Float](t *testing.T, cases []refCase) {
	rules := specialBinaryRules[T]()
	seen := map[string]int{}
	worst := worstErrors{}
	names := [5]string{"dx", "dy", "dxx", "dxy", "dyy"}
	for _, c := range cases {
		r, ok := rules[c.Func]
		if !ok || c.Type != specialName[T]() {
			continue
		}
		if len(c.In) != 2 || len(c.Out) != 6 {
			t.Fatalf("%s: want 2 inputs and 6 outputs", c.Pos)
		}
		seen[c.Func]++
		x, y := T(c.In[0]), T(c.In[1])
		v, dx, dy, dxx, dxy, dyy := r.d2(x, y)
		if want := T(r.value(float64(x), float64(y))); !sameBits(v, want) {
			t.Errorf("%s: %s(%v, %v) = %v, math gives %v", c.Pos, c.Func, x, y, v, want)
		}
		if c.Func == "hypot" {
			worst.note("hypot value(math)", specialULPError(v, c.Out[0]))
		} else {
			// Mod, Remainder and Copysign are exact (to the 45 digits of the file);
			// Dim rounds x - y.
			bound := 1e-9
			if c.Func == "dim" {
				bound = 0.5
			}
			checkSpecialRef(t, c, "value", v, c.Out[0], bound, 0, worst)
		}
		for i, got := range [5]T{dx, dy, dxx, dxy, dyy} {
			checkSpecialRef(t, c, names[i], got, c.Out[i+1], r.ulp[i], 0, worst)
		}
		if v1, dx1, dy1 := r.d(x, y); !sameBits(v1, v) || !sameBits(dx1, dx) || !sameBits(dy1, dy) {
			t.Errorf("%s: %sD(%v, %v) = %v, %v, %v but %sD2 gives %v, %v, %v", c.Pos, c.Func, x, y, v1, dx1, dy1, c.Func, v, dx, dy)
		}
		// The method seeds x along the first tangent and y along the second.
		j := r.jet2(Jet2[T]{V: x, D0: 1}, Jet2[T]{V: y, D1: 1})
		if !sameBits(j.V, v) || !sameValue(j.D0, dx) || !sameValue(j.D1, dy) {
			t.Errorf("%s: Jet2.%s = {%v %v %v}, rule gives %v, %v, %v", c.Pos, c.Func, j.V, j.D0, j.D1, v, dx, dy)
		}
	}
	for name := range rules {
		if seen[name] < 5 {
			t.Errorf("%s: only %d reference cases for %s", specialName[T](), seen[name], name)
		}
	}
	t.Logf("largest errors in ulps:%v", worst)
}

func TestSpecialBinaryCalculus(t *testing.T) {
	t.Run("float64", func(t *testing.T) { testSpecialBinaryCalculus[float64](t, 4e-13) })
	t.Run("float32", func(t *testing.T) { testSpecialBinaryCalculus[float32](t, 3e-7) })
}

// testSpecialBinaryCalculus compares the rules with the plain formulas at random
// points and the float64 partials with central finite differences of the value
// (away from the jumps of the piecewise functions, where differences are
// meaningless).
func testSpecialBinaryCalculus[T Float](t *testing.T, rel float64) {
	rng := rand.New(rand.NewPCG(5, 6))
	rules := specialBinaryRules[T]()
	// Sorted, so the random points each function gets are the same on every run.
	for _, name := range slices.Sorted(maps.Keys(rules)) {
		r := rules[name]
		for range 300 {
			xf, yf := r.sample(rng)
			x, y := T(xf), T(yf)
			xf, yf = float64(x), float64(y)
			_, dx, dy, dxx, dxy, dyy := r.d2(x, y)
			want := r.plain(xf, yf)
			for i, got := range [5]T{dx, dy, dxx, dxy, dyy} {
				if !closeRel(float64(got), want[i], rel) {
					t.Errorf("%s(%v, %v): partial %d = %v, formula gives %v", name, x, y, i, got, want[i])
				}
			}
			const h = 1e-6
			f := r.value
			v := f(xf, yf)
			fx := (f(xf+h, yf) - f(xf-h, yf)) / (2 * h)
			fy := (f(xf, yf+h) - f(xf, yf-h)) / (2 * h)
			// A jump of a piecewise function inside the stencil shows up as a
			// difference far from every slope; skip those points.
			jump := math.Abs(f(xf+h, yf)-v) > 1e-3 || math.Abs(f(xf-h, yf)-v) > 1e-3 ||
				math.Abs(f(xf, yf+h)-v) > 1e-3 || math.Abs(f(xf, yf-h)-v) > 1e-3
			if jump {
				continue
			}
			if math.Abs(fx-float64(dx)) > 1e-5*math.Max(1, math.Abs(fx)) || math.Abs(fy-float64(dy)) > 1e-5*math.Max(1, math.Abs(fy)) {
				t.Errorf("%s(%v, %v): partials %v, %v; central differences %v, %v", name, x, y, dx, dy, fx, fy)
			}
		}
	}
}
