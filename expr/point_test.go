package expr

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func mustCompile(t testing.TB, src string, vars ...string) *Program {
	t.Helper()
	p, err := mustParse(t, src).Compile(vars)
	if err != nil {
		t.Fatalf("Compile(%q): %v", src, err)
	}
	return p
}

// closeTo reports whether got is within rel relative (or abs absolute) error of want.
func closeTo(got, want, rel float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) <= rel*math.Max(1, math.Abs(want))
}

func TestNotebookScalar(t *testing.T) {
	p := mustCompile(t, "x^3 + y^2")
	v, g := p.Gradient([]float64{2, 4})
	if v != 24 || g[0] != 12 || g[1] != 8 {
		t.Errorf("f = x^3 + y^2 at (2, 4): value %v grad %v, want 24 [12 8]", v, g)
	}
}

// TestNotebookTask checks the seed's task, the partials of sin(xy)/sin(x), against
// the closed forms ∂f/∂x = (y cos(xy) sin x - sin(xy) cos x)/sin²x and
// ∂f/∂y = x cos(xy)/sin x.
func TestNotebookTask(t *testing.T) {
	p := mustCompile(t, "sin(x*y)/sin(x)")
	for _, pt := range [][2]float64{{2, 3}, {1.5, -1.5}} {
		x, y := pt[0], pt[1]
		v, g := p.Gradient(pt[:])
		wantV := math.Sin(x*y) / math.Sin(x)
		wantX := (y*math.Cos(x*y)*math.Sin(x) - math.Sin(x*y)*math.Cos(x)) / (math.Sin(x) * math.Sin(x))
		wantY := x * math.Cos(x*y) / math.Sin(x)
		if !closeTo(v, wantV, 1e-15) || !closeTo(g[0], wantX, 1e-14) || !closeTo(g[1], wantY, 1e-14) {
			t.Errorf("at (%v, %v): %v %v, want %v [%v %v]", x, y, v, g, wantV, wantX, wantY)
		}
	}
}

// funcCases lists every function with a point inside its domain and the closed
// form of its derivative.
var funcCases = []struct {
	name string
	x    float64
	d    func(x float64) float64
}{
	{"sin", 0.7, math.Cos},
	{"cos", 0.7, func(x float64) float64 { return -math.Sin(x) }},
	{"tan", 0.7, func(x float64) float64 { return 1 / (math.Cos(x) * math.Cos(x)) }},
	{"asin", 0.3, func(x float64) float64 { return 1 / math.Sqrt(1-x*x) }},
	{"acos", 0.3, func(x float64) float64 { return -1 / math.Sqrt(1-x*x) }},
	{"atan", 0.7, func(x float64) float64 { return 1 / (1 + x*x) }},
	{"sinh", 0.7, math.Cosh},
	{"cosh", 0.7, math.Sinh},
	{"tanh", 0.7, func(x float64) float64 { return 1 / (math.Cosh(x) * math.Cosh(x)) }},
	{"asinh", 0.7, func(x float64) float64 { return 1 / math.Sqrt(x*x+1) }},
	{"acosh", 1.7, func(x float64) float64 { return 1 / math.Sqrt(x*x-1) }},
	{"atanh", 0.3, func(x float64) float64 { return 1 / (1 - x*x) }},
	{"exp", 0.7, math.Exp},
	{"exp2", 0.7, func(x float64) float64 { return math.Ln2 * math.Exp2(x) }},
	{"expm1", 0.7, math.Exp},
	{"log", 0.7, func(x float64) float64 { return 1 / x }},
	{"log2", 0.7, func(x float64) float64 { return 1 / (x * math.Ln2) }},
	{"log10", 0.7, func(x float64) float64 { return 1 / (x * math.Ln10) }},
	{"log1p", 0.7, func(x float64) float64 { return 1 / (1 + x) }},
	{"sqrt", 0.7, func(x float64) float64 { return 0.5 / math.Sqrt(x) }},
	{"cbrt", 0.7, func(x float64) float64 { return 1 / (3 * math.Cbrt(x*x)) }},
	{"abs", -0.7, func(x float64) float64 { return -1 }},
	{"erf", 0.7, func(x float64) float64 { return 2 / math.SqrtPi * math.Exp(-x*x) }},
	{"erfc", 0.7, func(x float64) float64 { return -2 / math.SqrtPi * math.Exp(-x*x) }},
}

func TestFunctionDerivatives(t *testing.T) {
	for _, c := range funcCases {
		p := mustCompile(t, c.name+"(x)")
		_, g := p.Gradient([]float64{c.x})
		if !closeTo(g[0], c.d(c.x), 1e-14) {
			t.Errorf("d/dx %s(x) at %v = %v, want %v", c.name, c.x, g[0], c.d(c.x))
		}
	}
	two := []struct {
		src    string
		x, y   float64
		dx, dy float64
	}{
		{"atan2(x, y)", 0.3, 0.8, 0.8 / (0.09 + 0.64), -0.3 / (0.09 + 0.64)},
		{"hypot(x, y)", 3, 4, 0.6, 0.8},
		{"pow(x, y)", 1.5, 2.5, 2.5 * math.Pow(1.5, 1.5), math.Pow(1.5, 2.5) * math.Log(1.5)},
		{"x^y", 1.5, 2.5, 2.5 * math.Pow(1.5, 1.5), math.Pow(1.5, 2.5) * math.Log(1.5)},
		{"min(x, y)", 1, 2, 1, 0},
		{"min(x, y)", 3, 2, 0, 1},
		{"max(x, y)", 1, 2, 0, 1},
		{"min(x, y)", 2, 2, 0.5, 0.5}, // a tie splits the gradient, as in PyTorch
		{"x / y", 3, 4, 0.25, -3.0 / 16},
		{"x - y", 3, 4, 1, -1},
	}
	for _, c := range two {
		p := mustCompile(t, c.src)
		_, g := p.Gradient([]float64{c.x, c.y})
		if !closeTo(g[0], c.dx, 1e-14) || !closeTo(g[1], c.dy, 1e-14) {
			t.Errorf("gradient of %s at (%v, %v) = %v, want [%v %v]", c.src, c.x, c.y, g, c.dx, c.dy)
		}
	}
}

// compositeCases are multi-variable programs used for consistency checks, with a
// point where every one is smooth.
var compositeCases = []string{
	"sin(x*y)/sin(x)",
	"x^3 + y^2",
	"x*y + z",
	"exp(-x^2 - y^2) * cos(z) + sin(z)",
	"atan2(y, x) * hypot(x, z) - 2^x",
	"log(1 + x^2) / sqrt(y^2 + 1) + tanh(z)",
	"min(x, y) * max(y, z) + abs(x - z)",
	"3 / x + x / 3 - 1 - (2 - y) * z^-1.5",
	"erf(x) + erfc(y) * cbrt(z) + log1p(x*y) + expm1(-z)",
	"sinh(x/4) * cosh(y/4) + asinh(z) + acosh(2 + x^2) + atanh(y/10) + asin(z/3) + acos(x/3) + atan(y)",
	"exp2(x) + log2(y + 2) + log10(z + 2) + tan(x/2) + pi * e",
}

var compositePoint = []float64{0.6, 1.3, 0.9}

// pointFor returns the coordinates of compositePoint for p's variables (named x, y, z).
func pointFor(p *Program) []float64 {
	pt := make([]float64, len(p.Vars()))
	for i, v := range p.Vars() {
		if j := strings.Index("xyz", v); len(v) == 1 && j >= 0 {
			pt[i] = compositePoint[j]
		} else {
			pt[i] = 0.5 + 0.1*float64(i)
		}
	}
	return pt
}

func TestGradientMatchesFiniteDifferences(t *testing.T) {
	for _, src := range compositeCases {
		p := mustCompile(t, src)
		x := pointFor(p)
		v, g := p.Gradient(x)
		if ev := p.Eval(x)[0]; ev != v {
			t.Errorf("%s: Eval %v != Gradient value %v", src, ev, v)
		}
		for j := range x {
			h := 1e-6
			xp, xm := append([]float64{}, x...), append([]float64{}, x...)
			xp[j] += h
			xm[j] -= h
			fd := (p.Eval(xp)[0] - p.Eval(xm)[0]) / (2 * h)
			if !closeTo(g[j], fd, 1e-6) {
				t.Errorf("%s: ∂/∂%s = %v, central difference %v", src, p.Vars()[j], g[j], fd)
			}
		}
	}
}

func TestHessian(t *testing.T) {
	p := mustCompile(t, "x^3 * y + sin(x*y)")
	x, y := 0.7, 1.1
	v, g, h := p.Hessian([]float64{x, y})
	s, c := math.Sin(x*y), math.Cos(x*y)
	want := [][]float64{
		{6*x*y - y*y*s, 3*x*x + c - x*y*s},
		{3*x*x + c - x*y*s, -x * x * s},
	}
	if !closeTo(v, x*x*x*y+s, 1e-15) || !closeTo(g[0], 3*x*x*y+y*c, 1e-14) || !closeTo(g[1], x*x*x+x*c, 1e-14) {
		t.Errorf("value/gradient %v %v", v, g)
	}
	for i := range 2 {
		for j := range 2 {
			if !closeTo(h[i][j], want[i][j], 1e-13) {
				t.Errorf("hess[%d][%d] = %v, want %v", i, j, h[i][j], want[i][j])
			}
		}
	}
	// Against finite differences of the gradient, for every composite case, including
	// ones with more variables than one chunk.
	for _, src := range append(compositeCases, "a*b*c*d*e1*f*g*h*i*j + sin(a*j) + b^2*c") {
		p := mustCompile(t, src)
		x := pointFor(p)
		_, g, h := p.Hessian(x)
		_, g0 := p.Gradient(x)
		for i := range x {
			if !closeTo(g[i], g0[i], 1e-14) {
				t.Errorf("%s: Hessian's gradient %v != Gradient %v", src, g, g0)
			}
			hstep := 1e-5
			xp, xm := append([]float64{}, x...), append([]float64{}, x...)
			xp[i] += hstep
			xm[i] -= hstep
			_, gp := p.Gradient(xp)
			_, gm := p.Gradient(xm)
			for j := range x {
				fd := (gp[j] - gm[j]) / (2 * hstep)
				if !closeTo(h[i][j], fd, 1e-5) {
					t.Errorf("%s: hess[%d][%d] = %v, finite difference %v", src, i, j, h[i][j], fd)
				}
				if h[i][j] != h[j][i] {
					t.Errorf("%s: Hessian not symmetric at %d,%d", src, i, j)
				}
			}
		}
	}
}

func TestJacobianJVPPartials(t *testing.T) {
	p := mustCompile(t, "x*y*z; sin(x) + z; y")
	x := []float64{0.5, 2, 3}
	vals, jac := p.Jacobian(x)
	want := [][]float64{{6, 1.5, 1}, {math.Cos(0.5), 0, 1}, {0, 1, 0}}
	for i := range want {
		for j := range want[i] {
			if !closeTo(jac[i][j], want[i][j], 1e-15) {
				t.Errorf("jac[%d][%d] = %v, want %v", i, j, jac[i][j], want[i][j])
			}
		}
	}
	if vals[0] != 3 || vals[2] != 2 {
		t.Errorf("values %v", vals)
	}
	v := []float64{1, -2, 0.5}
	jvals, jv := p.JVP(x, v)
	for i := range want {
		dot := 0.0
		for j := range v {
			dot += jac[i][j] * v[j]
		}
		if !closeTo(jv[i], dot, 1e-15) || jvals[i] != vals[i] {
			t.Errorf("JVP[%d] = %v (value %v), want J·v = %v (value %v)", i, jv[i], jvals[i], dot, vals[i])
		}
	}
	_, part := p.Partials(x, []int{2, 0})
	for i := range want {
		if part[i][0] != jac[i][2] || part[i][1] != jac[i][0] {
			t.Errorf("Partials row %d = %v, want columns 2 and 0 of %v", i, part[i], jac[i])
		}
	}
	// Many variables: more than one chunk of partials.
	vars := make([]string, 19)
	terms := make([]string, 19)
	pt := make([]float64, 19)
	for i := range vars {
		vars[i] = fmt.Sprintf("v%d", i)
		terms[i] = fmt.Sprintf("%d*v%d^2", i+1, i)
		pt[i] = float64(i) / 10
	}
	big := mustCompile(t, strings.Join(terms, " + "))
	_, g := big.Gradient(pt)
	for i := range g {
		if want := 2 * float64(i+1) * pt[i]; !closeTo(g[i], want, 1e-15) {
			t.Errorf("∂/∂v%d = %v, want %v", i, g[i], want)
		}
	}
}

func TestNonFinite(t *testing.T) {
	p := mustCompile(t, "sqrt(y) + log(x) * 2")
	if op, ok := p.NonFinite([]float64{1, 2}); ok {
		t.Errorf("NonFinite at a regular point = %q", op)
	}
	if op, ok := p.NonFinite([]float64{4, 0}); !ok || op != "log(x)" {
		t.Errorf("NonFinite at x=0 = %q, %v; want log(x)", op, ok)
	}
	q := mustCompile(t, "sin(x*y)/sin(x)")
	if op, ok := q.NonFinite([]float64{0, 1}); !ok || op != "sin(x * y) / sin(x)" {
		t.Errorf("NonFinite = %q, %v; want the division", op, ok)
	}
}

func TestPointPanicsOnWrongLength(t *testing.T) {
	p := mustCompile(t, "x + y")
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(fmt.Sprint(r), "got 1 inputs, want 2") {
			t.Errorf("panic = %v", r)
		}
	}()
	p.Eval([]float64{1})
}

// TestGradientTo checks that GradientTo writes what Gradient returns, bit for bit,
// for every chunk size of the point path (1, 2, 4 and 8 partials, and 17 inputs in
// chunks of 8), without allocating once it has run, and that it panics on a gradient slice of
// the wrong length, naming both lengths. (Under the race detector sync.Pool drops
// items on purpose, so the allocation check is off there.)
func TestGradientTo(t *testing.T) {
	for _, src := range []string{
		"sin(x)",
		"sin(x*y)/sin(x)",
		"x*y*z + exp(-x) / (1 + y^2)",
		"a*b + c*d - e/f + g*h*i",
		"a*b + c*d - e/f + g*h*i + j*k - l*m*n + o*p/q",
	} {
		p := mustCompile(t, src)
		x := make([]float64, len(p.Vars()))
		for i := range x {
			x[i] = 0.3 + 0.17*float64(i)
		}
		want, wantGrad := p.Gradient(x)
		grad := make([]float64, len(x))
		if v := p.GradientTo(grad, x); v != want || !slices.Equal(grad, wantGrad) {
			t.Errorf("%s: GradientTo = %v, %v; Gradient = %v, %v", src, v, grad, want, wantGrad)
		}
		if n := testing.AllocsPerRun(20, func() { p.GradientTo(grad, x) }); n != 0 && !raceEnabled {
			t.Errorf("%s: GradientTo allocates %v times per call", src, n)
		}
	}
	p := mustCompile(t, "x + y")
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "len(grad) = 1, len(x) = 2") {
			t.Errorf("panic = %v", r)
		}
	}()
	p.GradientTo(make([]float64, 1), []float64{1, 2})
}

// TestFieldPartialsMatchJet checks that the point path on dual.Number, Jet2 and Jet3
// (up to three partials) gives, bit for bit (see agree for builds that fuse
// multiply-adds), what the dual.Jet path gives, for small programs and for one with
// more registers than the stack holds (40 outputs).
func TestFieldPartialsMatchJet(t *testing.T) {
	long := make([]string, 40)
	for i := range long {
		long[i] = fmt.Sprintf("sin(x*%d + y)/(z + %d) - y^2", i+1, i+2)
	}
	for _, src := range []string{
		"sin(x)",
		"sin(x*y)/sin(x)",
		"x*y*z + exp(-x) / (1 + y^2) + atan2(y, x) - hypot(x, z)^1.5",
		"pow(x, y) + log1p(z) * erf(x) - min(x, y) + max(y, z) / cbrt(x)",
		strings.Join(long, "; "),
	} {
		p := mustCompile(t, src)
		if strings.Contains(src, ";") && p.numRegs <= 32 {
			t.Fatalf("the long program has %d registers, not more than the 32 on the stack", p.numRegs)
		}
		rng := rand.New(rand.NewPCG(7, 8))
		for range 50 {
			x := make([]float64, len(p.Vars()))
			for i := range x {
				x[i] = 0.1 + 2*rng.Float64()
			}
			for n := 0; n <= min(3, len(x)); n++ {
				wrt := p.inputs[:n]
				got, gotJac := make([]float64, p.NumOut()), make([][]float64, p.NumOut())
				want, wantJac := make([]float64, p.NumOut()), make([][]float64, p.NumOut())
				for i := range gotJac {
					gotJac[i], wantJac[i] = make([]float64, n), make([]float64, n)
				}
				p.partialsTo(got, gotJac, x, wrt)
				jetPartials[[4]float64](p, &p.jetPools[0], want, wantJac, x, wrt)
				for i := range got {
					if !agree(got[i], want[i]) || !slices.EqualFunc(gotJac[i], wantJac[i], agree) {
						t.Fatalf("%s at %v, %d partials, output %d: fields %v %v, Jet %v %v", src, x, n, i, got[i], gotJac[i], want[i], wantJac[i])
					}
				}
			}
		}
	}
}
