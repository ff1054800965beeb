package dual

import (
	"fmt"
	"math"
	"testing"
)

// The out-of-line partial paths of Jet (mul, sub, negated, div) have fast loops for
// finite local derivatives and fall back to scale, which keeps zero partials zero, for
// infinite or NaN ones. These tests drive both branches through every kind of
// operand (constant, heap partials, Workspace partials).

// TestJetNonFiniteKeepsZeroPartialsZero checks that a partial that is zero in every
// operand stays exactly zero when the local derivative is infinite or NaN, while the
// nonzero partials follow IEEE 754 (d·t for the local derivative d).
func TestJetNonFiniteKeepsZeroPartialsZero(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	var ws Workspace[float64, [4]float64]
	// x depends on directions 0 and 1 only; the partials 2 and 3 are zero.
	x := jetOperands(0, [4]float64{1, -2, 0, 0})
	for _, xo := range x[1:] { // heap and Workspace partials
		cases := []struct {
			name string
			op   func(x jet4) jet4
			d    float64 // the local derivative applied to x's partials
		}{
			{"Mul(const Inf)", func(x jet4) jet4 { return x.Mul(jet4{V: inf}) }, inf},
			{"const Inf.Mul", func(x jet4) jet4 { return jet4{V: inf}.Mul(x) }, inf},
			{"Mul(const NaN)", func(x jet4) jet4 { return x.Mul(jet4{V: nan}) }, nan},
			{"Scale(Inf)", func(x jet4) jet4 { return x.Scale(inf) }, inf},
			{"Scale(-Inf)", func(x jet4) jet4 { return x.Scale(-inf) }, -inf},
			{"DivConst(0)", func(x jet4) jet4 { return x.DivConst(0) }, inf},
			{"Div(const 0)", func(x jet4) jet4 { return x.Div(jet4{V: 0}) }, inf},
		}
		for _, c := range cases {
			ws.Reset()
			name := fmt.Sprintf("%s on %s", c.name, xo.name)
			r := c.op(xo.make(&ws))
			for i := range 4 {
				got, want := r.Partial(i), c.d*xo.d[i]
				if xo.d[i] == 0 {
					want = 0
				}
				if !sameFloat(got, want) {
					t.Errorf("%s: partial %d = %v, want %v", name, i, got, want)
				}
			}
		}
	}
	// A product of two variables with an infinite value: the partials that are zero
	// on both sides stay zero, the others are Inf or NaN as IEEE 754 has it.
	ws.Reset()
	a := jet4{V: inf, D: &[4]float64{1, 0, 0, 0}}
	b := ws.Var(2, 1)
	r := a.Mul(b) // partials 2·a' + Inf·b'
	want := [4]float64{2, inf, 0, 0}
	for i := range 4 {
		if got := r.Partial(i); !sameFloat(got, want[i]) {
			t.Errorf("Inf·y: partial %d = %v, want %v", i, got, want[i])
		}
	}
}

// TestJetZeroPartialsArePositive checks that Sub, Neg, ConstSub and Mul write +0,
// never -0, for partials that cancel or are zero, as the field types and scale do.
func TestJetZeroPartialsArePositive(t *testing.T) {
	var ws Workspace[float64, [4]float64]
	x := ws.Var(3, 0).Add(ws.Var(1, 1).Scale(0)) // partials {1, 0, 0, 0}
	y := x.Scale(-1)                             // partials {-1, -0 or +0, ...}
	for name, r := range map[string]jet4{
		"x - x":     x.Sub(x),
		"-x":        x.Neg(),
		"2 - x":     x.ConstSub(2),
		"const - x": jet4{V: 1}.Sub(x),
		"x * -1":    x.Mul(jet4{V: -1}),
		"x * y":     x.Mul(y),
	} {
		for i := 1; i < 4; i++ {
			if p := r.Partial(i); p != 0 || math.Signbit(p) {
				t.Errorf("%s: partial %d = %v, want +0", name, i, p)
			}
		}
	}
	if p := x.Sub(x).Partial(0); p != 0 || math.Signbit(p) {
		t.Errorf("x - x: partial 0 = %v, want +0", p)
	}
}

// TestGradientToSeedsOneChunkPerEvaluation records the inputs f receives in each
// evaluation: exactly the chunk's inputs carry partials, the unit vectors 0, 1, ...
// in order, every other input is a constant with its value, and the workspace gives
// the same answer when reused for a shorter and then a longer x.
func TestGradientToSeedsOneChunkPerEvaluation(t *testing.T) {
	var ws Workspace[float64, [4]float64]
	for _, n := range []int{11, 3, 9} {
		x := make([]float64, n)
		for i := range x {
			x[i] = float64(i) + 0.5
		}
		calls := 0
		f := func(in []jet4) jet4 {
			lo := 4 * calls
			calls++
			for i, v := range in {
				if v.V != x[i] {
					t.Errorf("n=%d call %d: input %d has value %v, want %v", n, calls, i, v.V, x[i])
				}
				seeded := i >= lo && i < lo+4
				if !seeded {
					if v.D != nil {
						t.Errorf("n=%d call %d: input %d outside the chunk has partials %v", n, calls, i, *v.D)
					}
					continue
				}
				for k := range 4 {
					if want := float64(boolToInt(k == i-lo)); v.Partial(k) != want {
						t.Errorf("n=%d call %d: input %d partial %d = %v, want %v", n, calls, i, k, v.Partial(k), want)
					}
				}
			}
			// f = Σ (i+1)·x_i², gradient 2(i+1)x_i.
			var s jet4
			for i, v := range in {
				s = s.Add(v.Mul(v).Scale(float64(i + 1)))
			}
			return s
		}
		grad := make([]float64, n)
		GradientTo(grad, f, x, &ws)
		if want := (n + 3) / 4; calls != want {
			t.Errorf("n=%d: %d evaluations, want %d", n, calls, want)
		}
		for i, g := range grad {
			if want := 2 * float64(i+1) * x[i]; g != want {
				t.Errorf("n=%d: grad[%d] = %v, want %v", n, i, g, want)
			}
		}
	}
}

func boolToInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestJetPartialsEveryLength runs the operations whose partials loops are generated
// (straight-line code up to 16 partials, a loop beyond) on partials arrays of many
// lengths, for results taken from a Workspace and from the heap. Every partial must
// equal the rule applied to that partial alone, bit for bit, with +0 for zeros.
func TestJetPartialsEveryLength(t *testing.T) {
	t.Run("1", checkPartialsLoops[float64, [1]float64])
	t.Run("3", checkPartialsLoops[float64, [3]float64])
	t.Run("5", checkPartialsLoops[float64, [5]float64])
	t.Run("8", checkPartialsLoops[float64, [8]float64])
	t.Run("13", checkPartialsLoops[float64, [13]float64])
	t.Run("16", checkPartialsLoops[float64, [16]float64])
	t.Run("21", checkPartialsLoops[float64, [21]float64])
	t.Run("36", checkPartialsLoops[float64, [36]float64])
	t.Run("float32/8", checkPartialsLoops[float32, [8]float32])
	t.Run("float32/21", checkPartialsLoops[float32, [21]float32])
}

// checkPartialsLoops is TestJetPartialsEveryLength for one partials type.
func checkPartialsLoops[T Float, P Partials[T]](t *testing.T) {
	// Partials with zeros of both signs, so that the +0 rule is exercised, and values
	// whose products and sums round.
	var dx, dy P
	for i := range len(dx) {
		dx[i] = T(i%5) - 2 + T(i)/7
		dy[i] = T(3) / T(i+2)
		switch i % 4 {
		case 1:
			dx[i] = T(math.Copysign(0, -1))
		case 2:
			dy[i] = 0
		}
	}
	const xv, yv = 1.75, -0.625
	plusZero := func(v T) T { // the rule: a zero partial is +0
		if v == 0 {
			return 0
		}
		return v
	}
	type rule struct {
		name string
		op   func(x, y Jet[T, P]) Jet[T, P]
		v    T
		d    func(a, b T) T // the partial from the operands' partials a and b
	}
	rules := []rule{
		{"Add", Jet[T, P].Add, xv + yv, func(a, b T) T { return a + b }},
		{"Sub", Jet[T, P].Sub, xv - yv, func(a, b T) T { return plusZero(a - b) }},
		{"Neg", func(x, _ Jet[T, P]) Jet[T, P] { return x.Neg() }, -xv, func(a, _ T) T { return plusZero(-a) }},
		{"ConstSub", func(x, _ Jet[T, P]) Jet[T, P] { return x.ConstSub(2) }, 2 - xv, func(a, _ T) T { return plusZero(-a) }},
		{"Scale", func(x, _ Jet[T, P]) Jet[T, P] { return x.Scale(-3) }, -3 * xv, func(a, _ T) T { return plusZero(-3 * a) }},
		{"Mul", Jet[T, P].Mul, xv * yv, func(a, b T) T { return plusZero(T(T(yv)*a) + T(T(xv)*b)) }},
		{"Mul(x, x)", func(x, _ Jet[T, P]) Jet[T, P] { return x.Mul(x) }, xv * xv, func(a, _ T) T { return plusZero(2 * (T(xv) * a)) }},
		{"Mul(x, const)", func(x, _ Jet[T, P]) Jet[T, P] { return x.Mul(Jet[T, P]{V: yv}) }, xv * yv, func(a, _ T) T { return plusZero(T(yv) * a) }},
	}
	var ws Workspace[T, P]
	for _, storage := range []string{"heap", "workspace"} {
		for _, r := range rules {
			ws.Reset()
			px, py := dx, dy
			x, y := Jet[T, P]{V: xv, D: &px}, Jet[T, P]{V: yv, D: &py}
			if storage == "workspace" {
				x.ws, y.ws = &ws, &ws
			}
			got := r.op(x, y)
			if got.V != r.v {
				t.Errorf("%s %s: value %v, want %v", storage, r.name, got.V, r.v)
			}
			if got.D == &px || got.D == &py {
				t.Errorf("%s %s: the result shares the partials of an operand", storage, r.name)
			}
			if px != dx || py != dy {
				t.Errorf("%s %s: an operand's partials changed", storage, r.name)
			}
			for i := range len(dx) {
				p, want := got.Partial(i), r.d(dx[i], dy[i])
				if r.name == "Mul" && !sameFloat(p, want) {
					// Go lets a compiler fuse x*y + z (arm64's does), and the
					// library's sum of two products may fuse either one.
					for _, w := range contractions(T(yv), dx[i], T(xv), dy[i]) {
						if sameFloat(p, plusZero(w)) {
							want = p
						}
					}
				}
				if !sameFloat(p, want) {
					t.Errorf("%s %s: partial %d = %v, want %v", storage, r.name, i, p, want)
				}
			}
		}
	}
}

// contractions returns p*q + r*s as Go may evaluate it: the rounded products summed,
// or one product fused with the addition (for float32, the fused form is computed in
// float64 and rounded, which the small test values keep exact before that rounding).
func contractions[T Float](p, q, r, s T) [2]T {
	pq, rs := T(p*q), T(r*s) // the conversions forbid fusing
	return [2]T{
		T(math.FMA(float64(p), float64(q), float64(rs))),
		T(math.FMA(float64(r), float64(s), float64(pq))),
	}
}
