package dual

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// The test functions below are written once against Scalar and checked against
// closed forms derived by hand (rosenbrockGrad, logisticGrad, ...), which share no
// code with the dual types.

// rosenbrock is Σ_{i<n-1} 100 (x_{i+1} - x_i²)² + (1 - x_i)².
func rosenbrock[D Scalar[D, T], T Float](x []D) D {
	var s D
	for i := 0; i+1 < len(x); i++ {
		t := x[i+1].Sub(x[i].Mul(x[i]))
		u := x[i].Neg().AddConst(1)
		s = s.Add(t.Mul(t).Scale(100)).Add(u.Mul(u))
	}
	return s
}

func rosenbrockGrad(x []float64) (v float64, g []float64, h [][]float64) {
	n := len(x)
	g, h = make([]float64, n), newSquare(n)
	for i := 0; i+1 < n; i++ {
		t, u := x[i+1]-x[i]*x[i], 1-x[i]
		v += 100*t*t + u*u
		g[i] += -400*t*x[i] - 2*u
		g[i+1] += 200 * t
		h[i][i] += 1200*x[i]*x[i] - 400*x[i+1] + 2
		h[i+1][i+1] += 200
		h[i][i+1] += -400 * x[i]
		h[i+1][i] += -400 * x[i]
	}
	return v, g, h
}

// logisticData returns the features a_k and labels y_k = ±1 of a small fixed data set.
func logisticData(n int) (a [][]float64, y []float64) {
	for k := range 5 {
		row := make([]float64, n)
		for j := range row {
			row[j] = math.Sin(float64(3*k+j+1)) / 2
		}
		a = append(a, row)
		y = append(y, float64(1-2*(k%2)))
	}
	return a, y
}

// logistic is the logistic loss Σ_k log(1 + exp(-y_k a_k·w)).
func logistic[D Scalar[D, T], T Float](w []D) D {
	a, y := logisticData(len(w))
	var s D
	for k := range a {
		var m D
		for j, wj := range w {
			m = m.Add(wj.Scale(T(y[k] * a[k][j])))
		}
		s = s.Add(m.Neg().Exp().AddConst(1).Log())
	}
	return s
}

func logisticGrad(w []float64) (v float64, g []float64, h [][]float64) {
	n := len(w)
	a, y := logisticData(n)
	g, h = make([]float64, n), newSquare(n)
	for k := range a {
		m := 0.0
		for j := range w {
			m += y[k] * a[k][j] * w[j]
		}
		v += math.Log(1 + math.Exp(-m))
		sig := 1 / (1 + math.Exp(m)) // σ(-m)
		for i := range w {
			g[i] -= y[k] * a[k][i] * sig
			for j := range w {
				h[i][j] += sig * (1 - sig) * a[k][i] * a[k][j]
			}
		}
	}
	return v, g, h
}

// polynomial is Σ_i (i+1) x_i³ + Σ_i x_i x_{(i+1) mod n}.
func polynomial[D Scalar[D, T], T Float](x []D) D {
	var s D
	for i, xi := range x {
		s = s.Add(xi.Mul(xi).Mul(xi).Scale(T(i + 1))).Add(xi.Mul(x[(i+1)%len(x)]))
	}
	return s
}

func polynomialGrad(x []float64) (v float64, g []float64, h [][]float64) {
	n := len(x)
	g, h = make([]float64, n), newSquare(n)
	for i := range x {
		c, j := float64(i+1), (i+1)%n
		v += c*x[i]*x[i]*x[i] + x[i]*x[j]
		g[i] += 3 * c * x[i] * x[i]
		h[i][i] += 6 * c * x[i]
		g[i] += x[j]
		g[j] += x[i]
		h[i][j]++
		h[j][i]++
	}
	return v, g, h
}

func newSquare(n int) [][]float64 {
	h := make([][]float64, n)
	for i := range h {
		h[i] = make([]float64, n)
	}
	return h
}

// testPoint returns a point of n coordinates spread over [-1.2, 1.3].
func testPoint(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = -1.2 + 2.5*float64((7*i)%11)/10
	}
	return x
}

type closedForm struct {
	name  string
	exact func(x []float64) (float64, []float64, [][]float64)
}

var closedForms = []closedForm{
	{"rosenbrock", rosenbrockGrad},
	{"logistic", logisticGrad},
	{"polynomial", polynomialGrad},
}

// testFunc returns the generic test function called name, instantiated for D.
func testFunc[D Scalar[D, T], T Float](name string) func([]D) D {
	switch name {
	case "rosenbrock":
		return rosenbrock[D]
	case "logistic":
		return logistic[D]
	case "polynomial":
		return polynomial[D]
	}
	panic("unknown test function " + name)
}

var testSizes = []int{1, 2, 12, 13, 100}

// tolerance is the relative error allowed for type T.
func tolerance[T Float]() float64 {
	var t T
	if _, ok := any(t).(float32); ok {
		return 2e-4
	}
	return 1e-12
}

// near reports whether got is within tol of want, relative to max(1, |want|).
func near[T Float](got T, want, tol float64) bool {
	return math.Abs(float64(got)-want) <= tol*math.Max(1, math.Abs(want))
}

func convert[T Float](x []float64) []T {
	r := make([]T, len(x))
	for i, v := range x {
		r[i] = T(v)
	}
	return r
}

func testGradient[T Float, P Partials[T]](t *testing.T) {
	var p P
	var zero T
	for _, cf := range closedForms {
		for _, n := range testSizes {
			t.Run(fmt.Sprintf("%T/P=%d/%s/n=%d", zero, len(p), cf.name, n), func(t *testing.T) {
				x := testPoint(n)
				wantV, wantG, _ := cf.exact(x)
				tol := tolerance[T]()
				v, g := Gradient(testFunc[Jet[T, P]](cf.name), convert[T](x))
				if !near(v, wantV, tol) {
					t.Errorf("value = %v, want %v", v, wantV)
				}
				for i := range g {
					if !near(g[i], wantG[i], tol) {
						t.Errorf("grad[%d] = %v, want %v", i, g[i], wantG[i])
					}
				}
				// A reused workspace must give the same answer.
				var ws Workspace[T, P]
				g2 := make([]T, n)
				for range 2 {
					if v2 := GradientTo(g2, testFunc[Jet[T, P]](cf.name), convert[T](x), &ws); v2 != v {
						t.Errorf("GradientTo value = %v, Gradient gave %v", v2, v)
					}
					for i := range g2 {
						if g2[i] != g[i] {
							t.Fatalf("GradientTo grad[%d] = %v, Gradient gave %v", i, g2[i], g[i])
						}
					}
				}
			})
		}
	}
}

func TestGradient(t *testing.T) {
	testGradient[float64, [1]float64](t)
	testGradient[float64, [4]float64](t)
	testGradient[float64, [12]float64](t)
	testGradient[float64, [16]float64](t)
	testGradient[float32, [8]float32](t)
	testGradient[float32, [13]float32](t)
}

func testHessian[T Float, P, Q Partials[T]](t *testing.T) {
	var p P
	var zero T
	for _, cf := range closedForms {
		for _, n := range testSizes {
			t.Run(fmt.Sprintf("%T/P=%d/%s/n=%d", zero, len(p), cf.name, n), func(t *testing.T) {
				x := testPoint(n)
				wantV, wantG, wantH := cf.exact(x)
				tol := tolerance[T]()
				f := testFunc[Hyper[T, P, Q]](cf.name)
				v, g, h := Hessian(f, convert[T](x))
				if !near(v, wantV, tol) {
					t.Errorf("value = %v, want %v", v, wantV)
				}
				for i := range n {
					if !near(g[i], wantG[i], tol) {
						t.Errorf("grad[%d] = %v, want %v", i, g[i], wantG[i])
					}
					for j := range n {
						if !near(h[i][j], wantH[i][j], tol) {
							t.Errorf("hess[%d][%d] = %v, want %v", i, j, h[i][j], wantH[i][j])
						}
					}
				}
				// H v with v = (1, -2, 3, ...)/n against the closed-form Hessian.
				dir := make([]float64, n)
				for i := range dir {
					dir[i] = float64((i+1)*(1-2*(i%2))) / float64(n)
				}
				fx, g2, hv := HVP(testFunc[DirJet[T, P]](cf.name), convert[T](x), convert[T](dir))
				if !near(fx, wantV, tol) {
					t.Errorf("HVP value = %v, want %v", fx, wantV)
				}
				for i := range n {
					want := 0.0
					for j := range n {
						want += wantH[i][j] * dir[j]
					}
					if !near(hv[i], want, tol) {
						t.Errorf("hv[%d] = %v, want %v", i, hv[i], want)
					}
					if !near(g2[i], wantG[i], tol) {
						t.Errorf("HVP grad[%d] = %v, want %v", i, g2[i], wantG[i])
					}
				}
			})
		}
	}
}

func TestHessian(t *testing.T) {
	testHessian[float64, [2]float64, [3]float64](t)
	testHessian[float64, [4]float64, [10]float64](t)
	testHessian[float64, [13]float64, [91]float64](t)
	testHessian[float64, [16]float64, [136]float64](t)
	testHessian[float32, [8]float32, [36]float32](t)
	testHessian[float32, [12]float32, [78]float32](t)
}

// TestHessianNaNSafeCrossTerms checks second-order NaN-safety in Hyper and DirJet: where one partial is
// infinite (√x at 0), a cross term with a variable the value does not depend on stays
// exact. exp(√x) + x·y at (0, 2): ∂²/∂x∂y is 1, not 0·Inf = NaN, through a unary
// rule (Exp) and a binary one (Mul by y's constant 3).
func TestHessianNaNSafeCrossTerms(t *testing.T) {
	type h = Hyper[float64, [2]float64, [3]float64]
	for name, f := range map[string]func(x []h) h{
		"unary":  func(x []h) h { return x[0].Sqrt().Exp().Add(x[0].Mul(x[1])) },
		"binary": func(x []h) h { return x[0].Sqrt().Mul(x[1].Mul(x[1]).Scale(0).AddConst(3)).Add(x[0].Mul(x[1])) },
	} {
		_, g, hess := Hessian(f, []float64{0, 2})
		if !math.IsInf(g[0], 1) || g[1] != 0 {
			t.Errorf("%s: gradient %v, want [+Inf 0]", name, g)
		}
		if hess[0][1] != 1 || hess[1][0] != 1 || hess[1][1] != 0 {
			t.Errorf("%s: Hessian %v, want ∂²/∂x∂y = 1 and ∂²/∂y² = 0", name, hess)
		}
	}
	// The same through HVP: H·(0, 1) = (1, 0), and the y entry of H·(1, 0) is 1.
	type d = DirJet[float64, [2]float64]
	for name, f := range map[string]func(x []d) d{
		"unary":  func(x []d) d { return x[0].Sqrt().Exp().Add(x[0].Mul(x[1])) },
		"binary": func(x []d) d { return x[0].Sqrt().Mul(x[1].Mul(x[1]).Scale(0).AddConst(3)).Add(x[0].Mul(x[1])) },
	} {
		if _, _, hv := HVP(f, []float64{0, 2}, []float64{0, 1}); hv[0] != 1 || hv[1] != 0 {
			t.Errorf("%s: H·(0, 1) = %v, want [1 0]", name, hv)
		}
		if _, _, hv := HVP(f, []float64{0, 2}, []float64{1, 0}); hv[1] != 1 {
			t.Errorf("%s: H·(1, 0) = %v, want 1 in the y entry", name, hv)
		}
	}
}

func TestHessianOneDirection(t *testing.T) {
	// With a single partial only a single variable fits; the closed form of x³ at 2.
	_, g, h := Hessian(func(x []Hyper[float64, [1]float64, [1]float64]) Hyper[float64, [1]float64, [1]float64] {
		return x[0].Mul(x[0]).Mul(x[0])
	}, []float64{2})
	if g[0] != 12 || h[0][0] != 12 {
		t.Errorf("d/dx x³ = %v, d²/dx² x³ = %v at 2, want 12 and 12", g[0], h[0][0])
	}
}

// vectorField is y_i = x_i x_{(i+1) mod n} + sin x_i for i < n, and y_n = Σ x_i².
func vectorField[D Scalar[D, T], T Float](y, x []D) {
	var s D
	for i, xi := range x {
		y[i] = xi.Mul(x[(i+1)%len(x)]).Add(xi.Sin())
		s = s.Add(xi.Mul(xi))
	}
	y[len(x)] = s
}

func vectorFieldJacobian(x []float64) (y []float64, jac [][]float64) {
	n := len(x)
	y, jac = make([]float64, n+1), newSquare(n+1)
	for i := range jac {
		jac[i] = jac[i][:n]
	}
	for i := range x {
		j := (i + 1) % n
		y[i] = x[i]*x[j] + math.Sin(x[i])
		jac[i][i] += math.Cos(x[i])
		jac[i][i] += x[j]
		jac[i][j] += x[i]
		y[n] += x[i] * x[i]
		jac[n][i] = 2 * x[i]
	}
	return y, jac
}

func testJacobian[T Float, P Partials[T]](t *testing.T) {
	var p P
	var zero T
	for _, n := range testSizes {
		t.Run(fmt.Sprintf("%T/P=%d/n=%d", zero, len(p), n), func(t *testing.T) {
			x := testPoint(n)
			wantY, wantJ := vectorFieldJacobian(x)
			tol := tolerance[T]()
			y, jac := Jacobian(vectorField[Jet[T, P]], convert[T](x), n+1)
			for i := range wantY {
				if !near(y[i], wantY[i], tol) {
					t.Errorf("y[%d] = %v, want %v", i, y[i], wantY[i])
				}
				for j := range n {
					if !near(jac[i][j], wantJ[i][j], tol) {
						t.Errorf("jac[%d][%d] = %v, want %v", i, j, jac[i][j], wantJ[i][j])
					}
				}
			}
			// J v through JVP, against the closed-form Jacobian.
			v := testPoint(n + 3)[3:]
			y2, jv := JVP(vectorField[Number[T]], convert[T](x), convert[T](v), n+1)
			for i := range wantY {
				want := 0.0
				for j := range n {
					want += wantJ[i][j] * v[j]
				}
				if !near(jv[i], want, tol) {
					t.Errorf("jv[%d] = %v, want %v", i, jv[i], want)
				}
				if !near(y2[i], wantY[i], tol) {
					t.Errorf("JVP y[%d] = %v, want %v", i, y2[i], wantY[i])
				}
			}
		})
	}
}

func TestJacobian(t *testing.T) {
	testJacobian[float64, [1]float64](t)
	testJacobian[float64, [8]float64](t)
	testJacobian[float64, [12]float64](t)
	testJacobian[float32, [16]float32](t)
}

func TestDerivative(t *testing.T) {
	// d/dx x³ + exp(2x) = 3x² + 2 exp(2x)
	for _, x := range []float64{-1.5, 0, 0.5, 2} {
		v, d := Derivative(func(x Number[float64]) Number[float64] {
			return x.Mul(x).Mul(x).Add(x.Scale(2).Exp())
		}, x)
		if wantV, wantD := x*x*x+math.Exp(2*x), 3*x*x+2*math.Exp(2*x); !near(v, wantV, 1e-15) || !near(d, wantD, 1e-15) {
			t.Errorf("at %v: got (%v, %v), want (%v, %v)", x, v, d, wantV, wantD)
		}
	}
}

func TestGradientNaNSafe(t *testing.T) {
	// f = sqrt(x0) + x1 at x0 = 0: ∂f/∂x0 = +Inf, and ∂f/∂x1 = 1 must not become NaN,
	// whether or not x0 and x1 share a chunk.
	f := func(x []Jet[float64, [2]float64]) Jet[float64, [2]float64] { return x[0].Sqrt().Add(x[1]) }
	_, g := Gradient(f, []float64{0, 3})
	if !math.IsInf(g[0], 1) || g[1] != 1 {
		t.Errorf("gradient of sqrt(x0)+x1 at (0, 3) = %v, want [+Inf 1]", g)
	}
	// Mul by a constant infinity keeps unrelated partials zero.
	h := func(x []Jet[float64, [2]float64]) Jet[float64, [2]float64] {
		return x[0].Mul(Jet[float64, [2]float64]{V: math.Inf(1)}).Add(x[1])
	}
	_, g = Gradient(h, []float64{1, 3})
	if !math.IsInf(g[0], 1) || g[1] != 1 {
		t.Errorf("gradient of x0*Inf+x1 = %v, want [+Inf 1]", g)
	}
}

func TestGradientConstantFunction(t *testing.T) {
	// A function that ignores its inputs has a zero gradient, and n = 0 still
	// evaluates f once.
	f := func(x []Jet[float64, [4]float64]) Jet[float64, [4]float64] {
		return Const[Jet[float64, [4]float64]](2.5)
	}
	v, g := Gradient(f, []float64{1, 2, 3, 4, 5, 6})
	if v != 2.5 {
		t.Errorf("value = %v, want 2.5", v)
	}
	for i, gi := range g {
		if gi != 0 {
			t.Errorf("grad[%d] = %v, want 0", i, gi)
		}
	}
	if v, g := Gradient(f, nil); v != 2.5 || len(g) != 0 {
		t.Errorf("Gradient at no variables = %v, %v, want 2.5, []", v, g)
	}
}

func TestJetWithoutWorkspace(t *testing.T) {
	// Jets built by hand, with partials on the heap, follow the same rules.
	x := Jet[float64, [2]float64]{V: 2, D: &[2]float64{1, 0}}
	y := Jet[float64, [2]float64]{V: 3, D: &[2]float64{0, 1}}
	r := x.Mul(y).Sin().Div(x.Sin())
	wantX := (3*math.Cos(6)*math.Sin(2) - math.Sin(6)*math.Cos(2)) / (math.Sin(2) * math.Sin(2))
	wantY := 2 * math.Cos(6) / math.Sin(2)
	if !near(r.Partial(0), wantX, 1e-14) || !near(r.Partial(1), wantY, 1e-14) {
		t.Errorf("partials of sin(xy)/sin(x) at (2, 3) = %v, want [%v %v]", r.Partials(), wantX, wantY)
	}
	if x.D[0] != 1 || x.D[1] != 0 {
		t.Errorf("operands were modified: x.D = %v", *x.D)
	}
}

func TestWorkspaceVar(t *testing.T) {
	var ws Workspace[float64, [3]float64]
	x, y := ws.Var(2, 0), ws.Var(5, 2)
	r := x.Mul(y).Add(x)
	if got, want := r.Partials(), [3]float64{6, 0, 2}; got != want {
		t.Errorf("partials of xy+x = %v, want %v", got, want)
	}
	// Variables survive Reset; a result computed afterwards reuses the storage.
	ws.Reset()
	if got, want := x.Mul(x).Mul(y).Partials(), [3]float64{20, 0, 4}; got != want {
		t.Errorf("after Reset, partials of x²y = %v, want %v", got, want)
	}
	var hw HyperWorkspace[float64, [2]float64, [3]float64]
	a, b := hw.Var(2, 0), hw.Var(5, 1)
	s := a.Mul(a).Mul(b)
	if s.Partial2(0, 0) != 10 || s.Partial2(0, 1) != 4 || s.Partial2(1, 0) != 4 || s.Partial2(1, 1) != 0 {
		t.Errorf("Hessian of x²y at (2, 5) = [%v %v; %v %v], want [10 4; 4 0]",
			s.Partial2(0, 0), s.Partial2(0, 1), s.Partial2(1, 0), s.Partial2(1, 1))
	}
}

func TestWorkspaceGrowth(t *testing.T) {
	// Enough operations to need several storage blocks; reuse must not corrupt them.
	const terms = 5000
	f := func(x []Jet[float64, [4]float64]) Jet[float64, [4]float64] {
		var s Jet[float64, [4]float64]
		for k := range terms {
			s = s.Add(x[k%4].Mul(x[(k+1)%4]))
		}
		return s
	}
	var ws Workspace[float64, [4]float64]
	x := []float64{1, 2, 3, 4}
	g := make([]float64, 4)
	for range 3 {
		GradientTo(g, f, x, &ws)
		// each x_i x_{i+1} pair appears terms/4 times: ∂/∂x_i = (terms/4)(x_{i+1} + x_{i-1})
		for i := range 4 {
			if want := terms / 4 * (x[(i+1)%4] + x[(i+3)%4]); g[i] != want {
				t.Fatalf("grad[%d] = %v, want %v", i, g[i], want)
			}
		}
	}
}

func TestNoAllocations(t *testing.T) {
	x := testPoint(40)
	v := testPoint(43)[3:]
	grad, hv := make([]float64, 40), make([]float64, 40)
	hess := newSquare(40)
	var ws Workspace[float64, [8]float64]
	var hw HyperWorkspace[float64, [8]float64, [36]float64]
	var dw DirWorkspace[float64, [8]float64]
	f := rosenbrock[Jet[float64, [8]float64]]
	h := rosenbrock[Hyper8[float64]]
	y, jv := make([]float64, 41), make([]float64, 41)
	jac := newSquare(41)
	for i := range jac {
		jac[i] = jac[i][:40]
	}
	scratch := make([]Number[float64], 81)
	for name, run := range map[string]func(){
		"GradientTo": func() { GradientTo(grad, f, x, &ws) },
		"HessianTo":  func() { HessianTo(grad, hess, h, x, &hw) },
		"HVPTo":      func() { HVPTo(grad, hv, rosenbrock[DirJet[float64, [8]float64]], x, v, &dw) },
		"JacobianTo": func() { JacobianTo(y, jac, vectorField[Jet[float64, [8]float64]], x, &ws) },
		"JVPTo":      func() { JVPTo(y, jv, vectorField[Number[float64]], x, v, scratch) },
	} {
		run() // grow the workspace
		if a := testing.AllocsPerRun(5, run); a != 0 {
			t.Errorf("%s: %v allocations per call, want 0", name, a)
		}
	}
}

func TestPanics(t *testing.T) {
	rosen := rosenbrock[Jet[float64, [4]float64]]
	hrosen := rosenbrock[Hyper4[float64]]
	for _, tc := range []struct {
		name, want string
		run        func()
	}{
		{"GradientTo", "len(grad) = 2 != len(x) = 3", func() { GradientTo(make([]float64, 2), rosen, make([]float64, 3), nil) }},
		{"JacobianTo rows", "len(jac) = 1 != len(y) = 2", func() {
			JacobianTo(make([]float64, 2), newSquare(1), vectorField[Jet[float64, [4]float64]], make([]float64, 1), nil)
		}},
		{"JacobianTo cols", "len(jac[0]) = 2 != len(x) = 1", func() {
			JacobianTo(make([]float64, 2), newSquare(2), vectorField[Jet[float64, [4]float64]], make([]float64, 1), nil)
		}},
		{"JVPTo", "len(v) = 1 != len(x) = 2", func() {
			JVPTo(make([]float64, 3), make([]float64, 3), vectorField[Number[float64]], make([]float64, 2), make([]float64, 1), nil)
		}},
		{"HessianTo", "len(hess[1]) = 2 != len(x) = 3", func() {
			h := newSquare(3)
			h[1] = h[1][:2]
			HessianTo(make([]float64, 3), h, hrosen, make([]float64, 3), nil)
		}},
		{"HVPTo", "len(v) = 2, want len(x) = 3", func() {
			HVPTo(make([]float64, 3), make([]float64, 3), rosenbrock[DirJet[float64, [4]float64]], make([]float64, 3), make([]float64, 2), nil)
		}},
		{"Hyper shape", "len(P) = 2 needs len(Q) = 3, not 4", func() {
			Hessian(rosenbrock[Hyper[float64, [2]float64, [4]float64]], make([]float64, 2))
		}},
		{"Var", "direction 4 out of range [0, 4)", func() { new(Workspace[float64, [4]float64]).Var(1, 4) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				msg, _ := recover().(string)
				if !strings.Contains(msg, tc.want) {
					t.Errorf("panic %q, want it to contain %q", msg, tc.want)
				}
			}()
			tc.run()
		})
	}
}

// quotientPower is x²y/(x + z²) + (xy)^(y+z): its Hessian exercises the second
// partials of the binary rules Div and Pow, which products and sums never reach.
func quotientPower[D Scalar[D, T], T Float](v []D) D {
	x, y, z := v[0], v[1], v[2]
	return x.Mul(x).Mul(y).Div(x.Add(z.Mul(z))).Add(x.Mul(y).Pow(y.Add(z)))
}

func quotientPowerGrad(v []float64) []float64 {
	x, y, z := v[0], v[1], v[2]
	u, w := x*x*y, x+z*z
	a, b := x*y, y+z
	p := math.Pow(a, b)
	return []float64{
		(2*x*y*w-u)/(w*w) + p*b/x,
		x*x/w + p*(math.Log(a)+b/y),
		-u*2*z/(w*w) + p*math.Log(a),
	}
}

func TestHessianBinaryRules(t *testing.T) {
	x := []float64{1.3, 0.7, 0.4}
	// Reference Hessian: central differences of the hand-derived gradient.
	const step = 1e-5
	want := newSquare(3)
	for j := range x {
		xp, xm := append([]float64{}, x...), append([]float64{}, x...)
		xp[j] += step
		xm[j] -= step
		gp, gm := quotientPowerGrad(xp), quotientPowerGrad(xm)
		for i := range x {
			want[i][j] = (gp[i] - gm[i]) / (2 * step)
		}
	}
	wantG := quotientPowerGrad(x)
	check := func(name string, g []float64, h [][]float64) {
		for i := range x {
			if !near(g[i], wantG[i], 1e-13) {
				t.Errorf("%s: grad[%d] = %v, want %v", name, i, g[i], wantG[i])
			}
			for j := range x {
				if h != nil && !near(h[i][j], want[i][j], 1e-7) {
					t.Errorf("%s: hess[%d][%d] = %v, want %v", name, i, j, h[i][j], want[i][j])
				}
			}
		}
	}
	_, g, h := Hessian(quotientPower[Hyper4[float64]], x)
	check("Hyper4, one sweep", g, h)
	_, g, h = Hessian(quotientPower[Hyper2[float64]], x)
	check("Hyper2, blocks of one", g, h)
	_, g = Gradient(quotientPower[Jet[float64, [2]float64]], x)
	check("Jet, chunks of two", g, nil)
}

func TestHyperNaNSafe(t *testing.T) {
	// x/y at y = 0 has infinite partials in directions 0 and 1; the partials in
	// direction 2, which x/y does not depend on, must stay exact instead of NaN.
	var hw HyperWorkspace[float64, [3]float64, [6]float64]
	x, y, z := hw.Var(3, 0), hw.Var(0, 1), hw.Var(5, 2)
	r := x.Div(y).Add(z.Mul(z))
	if r.Partial(2) != 10 || r.Partial2(2, 2) != 2 || r.Partial2(0, 2) != 0 || r.Partial2(2, 1) != 0 {
		t.Errorf("x/y + z² at (3, 0, 5): ∂z = %v, ∂zz = %v, ∂xz = %v, ∂yz = %v, want 10, 2, 0, 0",
			r.Partial(2), r.Partial2(2, 2), r.Partial2(0, 2), r.Partial2(2, 1))
	}
	if !math.IsInf(r.Partial(0), 1) {
		t.Errorf("∂/∂x (x/y) at y = 0 is %v, want +Inf", r.Partial(0))
	}
	var ws Workspace[float64, [3]float64]
	a, b, c := ws.Var(3, 0), ws.Var(0, 1), ws.Var(5, 2)
	q := a.Div(b).Add(c.Mul(c))
	if q.Partial(2) != 10 || !math.IsInf(q.Partial(0), 1) {
		t.Errorf("Jet x/y + z² at (3, 0, 5): partials %v, want [+Inf -Inf 10]", q.Partials())
	}
	// DirJet along z: the derivatives of the z-partial stay exact.
	var dw DirWorkspace[float64, [3]float64]
	dx, dy, dz := dw.Var(3, 0, 0), dw.Var(0, 0, 1), dw.Var(5, 1, 2)
	d := dx.Div(dy).Add(dz.Mul(dz))
	if d.Partial(2) != 10 || d.PartialV(2) != 2 || d.PartialV(0) != 0 || d.Dv != 10 {
		t.Errorf("DirJet x/y + z² at (3, 0, 5) along z: ∂z = %v, (Hv)_z = %v, (Hv)_x = %v, Dv = %v, want 10, 2, 0, 10",
			d.Partial(2), d.PartialV(2), d.PartialV(0), d.Dv)
	}
}

// Every dual type implements Scalar; these fail to compile if a template drifts.
var (
	_ Scalar[Number[float64], float64]                        = Number[float64]{}
	_ Scalar[Jet2[float32], float32]                          = Jet2[float32]{}
	_ Scalar[Jet3[float64], float64]                          = Jet3[float64]{}
	_ Scalar[Jet[float64, [5]float64], float64]               = Jet[float64, [5]float64]{}
	_ Scalar[Hyper[float32, [3]float32, [6]float32], float32] = Hyper[float32, [3]float32, [6]float32]{}
	_ Scalar[DirJet[float64, [7]float64], float64]            = DirJet[float64, [7]float64]{}
)
