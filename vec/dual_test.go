package vec

import (
	"math"
	"math/rand/v2"
	"testing"
)

// dualUnaryCase pairs a dual kernel with its float kernel, the derivative written out
// with Go's math package, and an input domain.
type dualUnaryCase struct {
	name   string
	dual   func(dst, x Dual[float64])
	float  func(dst, x []float64)
	deriv  func(x float64) float64
	lo, hi float64
}

var dualUnaryCases = []dualUnaryCase{
	{"Neg", DualNeg[float64], Neg[float64], func(float64) float64 { return -1 }, -5, 5},
	{"Sqrt", DualSqrt[float64], Sqrt[float64], func(x float64) float64 { return 0.5 / math.Sqrt(x) }, 0.01, 9},
	{"Recip", DualRecip[float64], Recip[float64], func(x float64) float64 { return -1 / (x * x) }, 0.1, 9},
	{"Abs", DualAbs[float64], Abs[float64], func(x float64) float64 { return math.Copysign(1, x) }, -5, 5},
	{"Exp", DualExp[float64], Exp[float64], math.Exp, -5, 5},
	{"Exp2", DualExp2[float64], Exp2[float64], func(x float64) float64 { return math.Exp2(x) * math.Ln2 }, -5, 5},
	{"Expm1", DualExpm1[float64], Expm1[float64], math.Exp, -5, 5},
	{"Log", DualLog[float64], Log[float64], func(x float64) float64 { return 1 / x }, 0.01, 9},
	{"Log2", DualLog2[float64], Log2[float64], func(x float64) float64 { return 1 / (x * math.Ln2) }, 0.01, 9},
	{"Log10", DualLog10[float64], Log10[float64], func(x float64) float64 { return 1 / (x * math.Ln10) }, 0.01, 9},
	{"Log1p", DualLog1p[float64], Log1p[float64], func(x float64) float64 { return 1 / (1 + x) }, -0.9, 9},
	{"Sin", DualSin[float64], Sin[float64], math.Cos, -7, 7},
	{"Cos", DualCos[float64], Cos[float64], func(x float64) float64 { return -math.Sin(x) }, -7, 7},
	{"Tan", DualTan[float64], Tan[float64], func(x float64) float64 { c := math.Cos(x); return 1 / (c * c) }, -1.5, 1.5},
	{"Asin", DualAsin[float64], Asin[float64], func(x float64) float64 { return 1 / math.Sqrt(1-x*x) }, -0.99, 0.99},
	{"Acos", DualAcos[float64], Acos[float64], func(x float64) float64 { return -1 / math.Sqrt(1-x*x) }, -0.99, 0.99},
	{"Atan", DualAtan[float64], Atan[float64], func(x float64) float64 { return 1 / (1 + x*x) }, -9, 9},
	{"Sinh", DualSinh[float64], Sinh[float64], math.Cosh, -5, 5},
	{"Cosh", DualCosh[float64], Cosh[float64], math.Sinh, -5, 5},
	{"Tanh", DualTanh[float64], Tanh[float64], func(x float64) float64 { c := math.Cosh(x); return 1 / (c * c) }, -5, 5},
	{"Cbrt", DualCbrt[float64], Cbrt[float64], func(x float64) float64 { return math.Pow(math.Abs(x), -2.0/3) / 3 }, -9, 9},
	{"Erf", DualErf[float64], Erf[float64], func(x float64) float64 { return 2 / math.SqrtPi * math.Exp(-x*x) }, -3, 3},
	{"Asinh", DualAsinh[float64], Asinh[float64], func(x float64) float64 { return 1 / math.Sqrt(x*x+1) }, -9, 9},
	{"Acosh", DualAcosh[float64], Acosh[float64], func(x float64) float64 { return 1 / math.Sqrt(x*x-1) }, 1.01, 9},
	{"Atanh", DualAtanh[float64], Atanh[float64], func(x float64) float64 { return 1 / (1 - x*x) }, -0.99, 0.99},
}

// closeRel reports whether got is within rel of want, relative to |want| (or absolutely
// near zero).
func closeRel(got, want, rel float64) bool {
	return math.Abs(got-want) <= rel*math.Max(math.Abs(want), 1e-300)
}

// randomDual fills a batch with values in [lo, hi] and random tangents, a third of
// them zero.
func randomDual(r *rand.Rand, n, tangents int, lo, hi float64) Dual[float64] {
	d := NewDual[float64](n, tangents)
	for i := range d.V {
		d.V[i] = lo + (hi-lo)*r.Float64()
	}
	for _, col := range d.D {
		for i := range col {
			if r.IntN(3) > 0 {
				col[i] = r.Float64()*4 - 2
			}
		}
	}
	return d
}

func cloneDual(d Dual[float64]) Dual[float64] {
	c := NewDual[float64](d.Len(), d.Tangents())
	copy(c.V, d.V)
	for k := range d.D {
		copy(c.D[k], d.D[k])
	}
	return c
}

// TestDualUnary checks, on every level, that each dual kernel's values equal the float
// kernel's bit for bit and its tangents equal derivative times input tangent, also when
// dst is the input itself, for lengths that cross the chunk size.
func TestDualUnary(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	forEachLevel(t, func(t *testing.T) {
		for _, c := range dualUnaryCases {
			for _, n := range []int{0, 1, 7, 300} {
				x := randomDual(r, n, 3, c.lo, c.hi)
				dst := NewDual[float64](n, 3)
				c.dual(dst, x)
				want := make([]float64, n)
				c.float(want, x.V)
				aliased := cloneDual(x)
				c.dual(aliased, aliased)
				for i := range n {
					if !sameResult(dst.V[i], want[i]) || !sameResult(aliased.V[i], want[i]) {
						t.Fatalf("Dual%s n=%d value %d: got %v (aliased %v), float kernel %v", c.name, n, i, dst.V[i], aliased.V[i], want[i])
					}
					d := c.deriv(x.V[i])
					for k := range dst.D {
						w := d * x.D[k][i]
						if !closeRel(dst.D[k][i], w, 1e-13) || !sameResult(aliased.D[k][i], dst.D[k][i]) {
							t.Fatalf("Dual%s n=%d x=%v tangent %d: got %v (aliased %v), want %v", c.name, n, x.V[i], k, dst.D[k][i], aliased.D[k][i], w)
						}
					}
				}
			}
		}
	})
}

// dualBinaryCase is a two-argument dual kernel with its partials.
type dualBinaryCase struct {
	name     string
	dual     func(dst, a, b Dual[float64])
	float    func(dst, a, b []float64)
	partials func(a, b float64) (da, db float64)
	lo, hi   float64
}

var dualBinaryCases = []dualBinaryCase{
	{"Add", DualAdd[float64], Add[float64], func(a, b float64) (float64, float64) { return 1, 1 }, -5, 5},
	{"Sub", DualSub[float64], Sub[float64], func(a, b float64) (float64, float64) { return 1, -1 }, -5, 5},
	{"Mul", DualMul[float64], Mul[float64], func(a, b float64) (float64, float64) { return b, a }, -5, 5},
	{"Div", DualDiv[float64], Div[float64], func(a, b float64) (float64, float64) { return 1 / b, -a / (b * b) }, 0.5, 5},
	{"Min", DualMin[float64], Min[float64], func(a, b float64) (float64, float64) {
		if a < b {
			return 1, 0
		}
		return 0, 1
	}, -5, 5},
	{"Max", DualMax[float64], Max[float64], func(a, b float64) (float64, float64) {
		if a > b {
			return 1, 0
		}
		return 0, 1
	}, -5, 5},
	{"Atan2", DualAtan2[float64], Atan2[float64], func(y, x float64) (float64, float64) {
		r := x*x + y*y
		return x / r, -y / r
	}, -5, 5},
	{"Pow", DualPow[float64], Pow[float64], func(x, y float64) (float64, float64) {
		return y * math.Pow(x, y-1), math.Pow(x, y) * math.Log(x)
	}, 0.2, 4},
	{"Hypot", DualHypot[float64], Hypot[float64], func(x, y float64) (float64, float64) {
		h := math.Sqrt(x*x + y*y)
		return x / h, y / h
	}, -5, 5},
}

func TestDualBinary(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	forEachLevel(t, func(t *testing.T) {
		for _, c := range dualBinaryCases {
			for _, n := range []int{0, 5, 300} {
				a, b := randomDual(r, n, 2, c.lo, c.hi), randomDual(r, n, 2, c.lo, c.hi)
				dst := NewDual[float64](n, 2)
				c.dual(dst, a, b)
				want := make([]float64, n)
				c.float(want, a.V, b.V)
				aliased := cloneDual(a)
				c.dual(aliased, aliased, b)
				for i := range n {
					if !sameResult(dst.V[i], want[i]) || !sameResult(aliased.V[i], want[i]) {
						t.Fatalf("Dual%s value %d: got %v (aliased %v), float kernel %v", c.name, i, dst.V[i], aliased.V[i], want[i])
					}
					da, db := c.partials(a.V[i], b.V[i])
					for k := range dst.D {
						w := da*a.D[k][i] + db*b.D[k][i]
						if math.Abs(dst.D[k][i]-w) > 1e-13*(math.Abs(da*a.D[k][i])+math.Abs(db*b.D[k][i])+1e-300) ||
							!sameResult(aliased.D[k][i], dst.D[k][i]) {
							t.Fatalf("Dual%s (%v, %v) tangent %d: got %v (aliased %v), want %v", c.name, a.V[i], b.V[i], k, dst.D[k][i], aliased.D[k][i], w)
						}
					}
				}
			}
		}
	})
}

// TestDualConventions pins the conventions shared with package dual: NaN-safe zero
// tangents, abs'(0) = 0, sqrt'(0) = +Inf, min/max ties split evenly, and the pow masks.
func TestDualConventions(t *testing.T) {
	one := func(v float64, tangents ...float64) Dual[float64] {
		d := Dual[float64]{V: []float64{v}}
		for _, tn := range tangents {
			d.D = append(d.D, []float64{tn})
		}
		return d
	}
	forEachLevel(t, func(t *testing.T) {
		dst := NewDual[float64](1, 2)
		DualSqrt(dst, one(0, 1, 0))
		if !math.IsInf(dst.D[0][0], 1) || dst.D[1][0] != 0 {
			t.Errorf("DualSqrt at 0: tangents %v, %v; want +Inf and 0 (NaN-safe)", dst.D[0][0], dst.D[1][0])
		}
		DualLog(dst, one(0, 0, 2))
		if dst.D[0][0] != 0 || !math.IsInf(dst.D[1][0], 1) {
			t.Errorf("DualLog at 0: tangents %v, %v; want 0 (NaN-safe) and +Inf", dst.D[0][0], dst.D[1][0])
		}
		DualAbs(dst, one(0, 3, -1))
		if dst.D[0][0] != 0 || dst.D[1][0] != 0 {
			t.Errorf("DualAbs at 0: tangents %v, %v; want 0, 0", dst.D[0][0], dst.D[1][0])
		}
		DualMin(dst, one(2, 1, 0), one(2, 0, 1))
		if dst.D[0][0] != 0.5 || dst.D[1][0] != 0.5 {
			t.Errorf("DualMin tie: tangents %v, %v; want 0.5, 0.5", dst.D[0][0], dst.D[1][0])
		}
		DualMax(dst, one(2, 4, 0), one(2, 0, 4))
		if dst.D[0][0] != 2 || dst.D[1][0] != 2 {
			t.Errorf("DualMax tie: tangents %v, %v; want 2, 2", dst.D[0][0], dst.D[1][0])
		}
		DualPow(dst, one(0, 1, 0), one(2, 0, 1)) // d/dy 0^y at y > 0 is 0, not NaN
		if dst.V[0] != 0 || dst.D[0][0] != 0 || dst.D[1][0] != 0 {
			t.Errorf("DualPow(0, 2): %v, tangents %v, %v; want 0, 0, 0", dst.V[0], dst.D[0][0], dst.D[1][0])
		}
		DualPow(dst, one(0, 1, 0), one(0, 0, 1)) // x^0: the x partial is masked to 0
		if dst.V[0] != 1 || dst.D[0][0] != 0 {
			t.Errorf("DualPow(0, 0): %v, x tangent %v; want 1, 0", dst.V[0], dst.D[0][0])
		}
		DualScale(dst, one(3, 0, 1), math.Inf(1))
		if dst.D[0][0] != 0 || !math.IsInf(dst.D[1][0], 1) {
			t.Errorf("DualScale by +Inf: tangents %v, %v; want 0 (NaN-safe), +Inf", dst.D[0][0], dst.D[1][0])
		}
	})
}

// TestDualNotebook reproduces the seed notebook: f = x^3 + y^2 with gradients
// [3x^2, 2y], and the partials of f = sin(x y)/sin(x) at (2, 3) and (1.5, -1.5).
func TestDualNotebook(t *testing.T) {
	x := Dual[float64]{V: []float64{2, 3, 2, 2, 3, 3}, D: [][]float64{{1, 1, 1, 1, 1, 1}, make([]float64, 6)}}
	y := Dual[float64]{V: []float64{4, 5, 5, 4, 5, 5}, D: [][]float64{make([]float64, 6), {1, 1, 1, 1, 1, 1}}}
	x3, y2, f := NewDual[float64](6, 2), NewDual[float64](6, 2), NewDual[float64](6, 2)
	three, two := NewDual[float64](6, 2), NewDual[float64](6, 2)
	for i := range three.V {
		three.V[i], two.V[i] = 3, 2
	}
	DualPow(x3, x, three)
	DualMul(y2, y, y)
	DualAdd(f, x3, y2)
	wantX := []float64{12, 27, 12, 12, 27, 27}
	wantY := []float64{8, 10, 10, 8, 10, 10}
	for i := range f.V {
		if math.Abs(f.D[0][i]-wantX[i]) > 1e-12 || math.Abs(f.D[1][i]-wantY[i]) > 1e-12 {
			t.Errorf("x^3+y^2 at (%v, %v): grad (%v, %v), want (%v, %v)", x.V[i], y.V[i], f.D[0][i], f.D[1][i], wantX[i], wantY[i])
		}
	}
	// f = sin(x y)/sin(x): df/dx = (y cos(xy) sin x - sin(xy) cos x)/sin^2 x and
	// df/dy = x cos(xy)/sin x.
	p := Dual[float64]{V: []float64{2, 1.5}, D: [][]float64{{1, 1}, {0, 0}}}
	q := Dual[float64]{V: []float64{3, -1.5}, D: [][]float64{{0, 0}, {1, 1}}}
	pq, num, den, g := NewDual[float64](2, 2), NewDual[float64](2, 2), NewDual[float64](2, 2), NewDual[float64](2, 2)
	DualMul(pq, p, q)
	DualSin(num, pq)
	DualSin(den, p)
	DualDiv(g, num, den)
	for i := range g.V {
		xv, yv := p.V[i], q.V[i]
		s, c := math.Sincos(xv)
		wantDx := (yv*math.Cos(xv*yv)*s - math.Sin(xv*yv)*c) / (s * s)
		wantDy := xv * math.Cos(xv*yv) / s
		if !closeRel(g.D[0][i], wantDx, 1e-13) || !closeRel(g.D[1][i], wantDy, 1e-13) {
			t.Errorf("sin(xy)/sin(x) at (%v, %v): grad (%v, %v), want (%v, %v)", xv, yv, g.D[0][i], g.D[1][i], wantDx, wantDy)
		}
	}
}

// TestDualCompound checks the kernels with a constant or a third operand.
func TestDualCompound(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	forEachLevel(t, func(t *testing.T) {
		n := 300
		a, b, c := randomDual(r, n, 2, -3, 3), randomDual(r, n, 2, -3, 3), randomDual(r, n, 2, -3, 3)
		dst := NewDual[float64](n, 2)
		DualFMA(dst, a, b, c)
		for i := range n {
			if dst.V[i] != math.FMA(a.V[i], b.V[i], c.V[i]) {
				t.Fatalf("DualFMA value %d: %v", i, dst.V[i])
			}
			for k := range 2 {
				w := b.V[i]*a.D[k][i] + a.V[i]*b.D[k][i] + c.D[k][i]
				if math.Abs(dst.D[k][i]-w) > 1e-13*(math.Abs(b.V[i]*a.D[k][i])+math.Abs(a.V[i]*b.D[k][i])+math.Abs(c.D[k][i])) {
					t.Fatalf("DualFMA tangent: got %v, want %v", dst.D[k][i], w)
				}
			}
		}
		DualAxpy(dst, -1.5, a, b)
		DualScale(c, a, 2.5)
		for i := range n {
			for k := range 2 {
				if w := math.FMA(-1.5, a.D[k][i], b.D[k][i]); dst.D[k][i] != w {
					t.Fatalf("DualAxpy tangent: got %v, want %v", dst.D[k][i], w)
				}
				if w := 2.5 * a.D[k][i]; c.D[k][i] != w {
					t.Fatalf("DualScale tangent: got %v, want %v", c.D[k][i], w)
				}
			}
		}
		s, co := NewDual[float64](n, 2), NewDual[float64](n, 2)
		DualSincos(s, co, a)
		for i := range n {
			sv, cv := math.Sincos(a.V[i])
			for k := range 2 {
				if !closeRel(s.D[k][i], cv*a.D[k][i], 1e-13) || !closeRel(co.D[k][i], -sv*a.D[k][i], 1e-13) {
					t.Fatalf("DualSincos tangents at %v: %v, %v", a.V[i], s.D[k][i], co.D[k][i])
				}
			}
		}
		DualAddScalar(dst, a, 4)
		for i := range n {
			if dst.V[i] != a.V[i]+4 || dst.D[1][i] != a.D[1][i] {
				t.Fatalf("DualAddScalar %d: %v %v", i, dst.V[i], dst.D[1][i])
			}
		}
	})
}

// TestDualFloat32 checks the float32 dual kernels against the float64 ones.
func TestDualFloat32(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	x64 := randomDual(r, 50, 1, 0.1, 3)
	x32 := NewDual[float32](50, 1)
	for i := range x64.V {
		x32.V[i], x32.D[0][i] = float32(x64.V[i]), float32(x64.D[0][i])
		x64.V[i], x64.D[0][i] = float64(x32.V[i]), float64(x32.D[0][i])
	}
	d64, d32 := NewDual[float64](50, 1), NewDual[float32](50, 1)
	DualLog(d64, x64)
	DualLog(d32, x32)
	for i := range d32.V {
		if !closeRel(float64(d32.V[i]), d64.V[i], 1e-6) || !closeRel(float64(d32.D[0][i]), d64.D[0][i], 1e-6) {
			t.Errorf("DualLog float32 at %v: (%v, %v), float64 (%v, %v)", x32.V[i], d32.V[i], d32.D[0][i], d64.V[i], d64.D[0][i])
		}
	}
}

// TestDualAllocations asserts that dual kernels do not allocate.
func TestDualAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops items on purpose under the race detector")
	}
	r := rand.New(rand.NewPCG(17, 18))
	x := randomDual(r, 1000, 4, 0.1, 3)
	y := randomDual(r, 1000, 4, 0.1, 3)
	dst := NewDual[float64](1000, 4)
	x32, dst32 := NewDual[float32](1000, 4), NewDual[float32](1000, 4)
	DualSin(dst, x) // warm the scratch pool
	if n := testing.AllocsPerRun(20, func() {
		DualSin(dst, x)
		DualPow(dst, x, y)
		DualMul(dst, x, y)
		DualFMA(dst, x, y, x)
		Exp(x32.V, dst32.V)
		DualExp(dst32, x32)
	}); n != 0 {
		t.Errorf("dual kernels allocate %v times per run, want 0", n)
	}
}
