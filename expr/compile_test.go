package expr

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/dualgrad/dualgrad/dual"
)

// countOps returns how many instructions of each kind p has.
func countOps(p *Program) map[opcode]int {
	m := map[opcode]int{}
	for _, in := range p.instrs {
		m[in.op]++
	}
	return m
}

func TestCompileSharesSubexpressions(t *testing.T) {
	p := mustCompile(t, "sin(x*y) + cos(y*x) * (x*y)")
	ops := countOps(p)
	// x*y and y*x are one product; sin and cos of it are one sincos; the last
	// product and the addition are one multiply-add.
	if ops[opMul] != 1 || ops[opSincos] != 1 || ops[opFMA] != 1 || len(p.instrs) != 3 {
		t.Errorf("program:\n%s", p)
	}
	// Shared Go-built nodes are computed once.
	x, y := Var("x"), Var("y")
	s := Sin(Mul(x, y))
	q, err := NewFunc(Add(s, s), Mul(s, s)).Compile(nil)
	if err != nil {
		t.Fatal(err)
	}
	if ops := countOps(q); ops[opSin] != 1 {
		t.Errorf("sin computed %d times:\n%s", ops[opSin], q)
	}
}

func TestCompileFoldsConstants(t *testing.T) {
	for src, want := range map[string][]opcode{
		"2*3*x":         {opScale},
		"x + 2^3":       {opAddConst},
		"x - 1":         {opAddConst},
		"1 - x":         {opConstSub},
		"x / 3":         {opDivConst},
		"x / 4":         {opScale},
		"x / -0.5":      {opScale},
		"x / -1":        {opNeg},
		"4 / x":         {opConstDiv},
		"x^2":           {opMul},
		"x^1.5":         {opPowConst},
		"2^x":           {opConstPow},
		"x * 1":         nil,
		"x ^ 1":         nil,
		"--x":           nil,
		"-1 * x":        {opNeg},
		"sin(pi/2) + x": {opAddConst},
		"sin(2)":        {opConst},
	} {
		p := mustCompile(t, src)
		var got []opcode
		for _, in := range p.instrs {
			got = append(got, in.op)
		}
		if len(got) != len(want) || (len(want) > 0 && got[0] != want[0]) {
			t.Errorf("%s compiled to:\n%s", src, p)
		}
	}
	p := mustCompile(t, "sin(pi/2) + x")
	if p.instrs[0].k != 1 {
		t.Errorf("sin(pi/2) folded to %v, want 1", p.instrs[0].k)
	}
}

func TestCompileFusesOnlySingleUseProducts(t *testing.T) {
	p := mustCompile(t, "x*y + z; x*y")
	if ops := countOps(p); ops[opFMA] != 0 || ops[opMul] != 1 {
		t.Errorf("a product that is also an output must not be fused:\n%s", p)
	}
}

func TestCompileReusesRegisters(t *testing.T) {
	// A long chain needs only a few registers, not one per operation.
	src := "x" + strings.Repeat(" + sin(x)*cos(x)^2", 50)
	p := mustCompile(t, src)
	if p.numRegs > 6 {
		t.Errorf("%d registers for a chain:\n%s", p.numRegs, p)
	}
	x := []float64{0.3}
	want := 0.3
	for range 50 {
		want += 0.29552020666133955 * 0.9126678074548392
	}
	if got := p.Eval(x)[0]; !closeTo(got, want, 1e-13) {
		t.Errorf("value %v, want %v", got, want)
	}
}

func TestCompileVariableErrors(t *testing.T) {
	f := mustParse(t, "x + y")
	for _, tc := range []struct {
		vars []string
		msg  string
	}{
		{[]string{"x"}, `missing variable "y"`},
		{[]string{"x", "y", "z"}, `unused variable "z"`},
		{[]string{"x", "y", "x"}, `"x" appears twice`},
	} {
		_, err := f.Compile(tc.vars)
		if err == nil || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("Compile(%q) error = %v, want one containing %s", tc.vars, err, tc.msg)
		}
	}
	p, err := f.Compile([]string{"y", "x"})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Eval([]float64{1, 10}); got[0] != 11 {
		t.Errorf("reordered inputs: %v", got)
	}
	if got := strings.Join(p.Vars(), ","); got != "y,x" {
		t.Errorf("Vars = %s", got)
	}
}

func TestNoInputs(t *testing.T) {
	p := mustCompile(t, "2 * pi")
	v, g := p.Gradient(nil)
	hv, hg, h := p.Hessian(nil)
	if v != 2*math.Pi || len(g) != 0 || hv != v || len(hg) != 0 || len(h) != 0 {
		t.Errorf("Gradient %v %v, Hessian %v %v %v", v, g, hv, hg, h)
	}
	values, _, err := p.EvalBatch(nil, BatchOptions{})
	if err != nil || len(values[0].Data) != 1 || values[0].Data[0] != v {
		t.Errorf("EvalBatch of a constant: %v, %v", values, err)
	}
}

func TestConstantOutput(t *testing.T) {
	p := mustCompile(t, "2 + 3; x")
	v, jac := p.Jacobian([]float64{7})
	if v[0] != 5 || v[1] != 7 || jac[0][0] != 0 || jac[1][0] != 1 {
		t.Errorf("values %v jac %v", v, jac)
	}
}

// TestCompileDivisionByPowerOfTwo checks that turning x/2^m into a product changes
// no result: value and derivative equal Go's quotient for subnormal, huge, signed
// zero and ordinary x.
func TestCompileDivisionByPowerOfTwo(t *testing.T) {
	xs := []float64{3, -7.25, 0x1p-1070, 5e-324, -0x1.8p-1050, 0x1.fffffffffffffp1023, 0, math.Copysign(0, -1), math.Inf(-1)}
	for _, k := range []float64{2, 0.25, -8, 0x1p-1020, 0x1p1000} {
		p := mustCompile(t, fmt.Sprintf("x / %g", k), "x")
		for _, x := range xs {
			v, g := p.Gradient([]float64{x})
			if math.Float64bits(v) != math.Float64bits(x/k) || math.Float64bits(g[0]) != math.Float64bits(1/k) {
				t.Errorf("x/%g at x=%g: value %g, derivative %g; want %g, %g", k, x, v, g[0], x/k, 1/k)
			}
		}
	}
}

// treeValue evaluates n by walking the expression tree, with the operations the
// compiler folds constants with (evalFloat) and no sharing, registers or fusion: an
// evaluator independent of compilation. It also returns the largest finite magnitude
// of any value on the way.
func treeValue(n *Node, env map[string]float64) (v, size float64) {
	switch n.op {
	case opVar:
		v = env[n.name]
	case opConst:
		v = n.val
	default:
		a, sa := treeValue(n.args[0], env)
		if len(n.args) == 1 {
			v, size = evalFloat(n.op, a, 0), sa
		} else {
			b, sb := treeValue(n.args[1], env)
			v, size = evalFloat(n.op, a, b), max(sa, sb)
		}
	}
	if !math.IsInf(v, 0) && !math.IsNaN(v) {
		size = max(size, math.Abs(v))
	}
	return v, size
}

// checkCompiledValues compares every output of f's compiled program at x with
// treeValue. Without fused multiply-adds (exact) the program must give the tree's
// values bit for bit. With them a sum rounds once where the tree rounds twice, which
// shows as a few ulps of the terms when they cancel (x*abs(x) + abs(x*x) is 0 in the
// tree and ulp(x²)/2 fused) and may then turn into anything (x^that is NaN for x < 0),
// so finite results must agree to 1e-12 of the largest value on the way and others
// are not compared; a register that two live values share gives unrelated numbers.
func checkCompiledValues(t *testing.T, f *Func, x map[string]float64, exact bool) {
	t.Helper()
	defer func() { fuseMultiplyAdd = true }()
	fuseMultiplyAdd = !exact
	p, err := f.Compile(nil)
	if err != nil {
		t.Fatal(err)
	}
	pt := make([]float64, len(p.Vars()))
	for i, name := range p.Vars() {
		pt[i] = x[name]
	}
	got := p.Eval(pt)
	for i := range got {
		want, size := treeValue(f.Output(i), x)
		switch {
		case same(got[i], want):
		case exact:
			t.Fatalf("%v at %v: output %d = %v, the expression tree gives %v\n%s", f, x, i, got[i], want, p)
		case isFinite(got[i]) && isFinite(want) && math.Abs(got[i]-want) > 1e-12*max(1, size):
			t.Fatalf("%v at %v (fused): output %d = %v, the expression tree gives %v\n%s", f, x, i, got[i], want, p)
		}
	}
}

func isFinite(v float64) bool { return !math.IsInf(v, 0) && !math.IsNaN(v) }

// TestCompileRepeatedOperands checks programs whose instructions read one register
// twice (sin(x)/sin(x), max(x, x)): the register must be freed once, or two later
// values share it and the results are wrong (dualgrad 'sin(x)/sin(x) *
// (cos(y)/exp(y))' x=1 y=1 printed f = 1 before the fix, instead of 0.1988).
func TestCompileRepeatedOperands(t *testing.T) {
	x := map[string]float64{"x": 1, "y": 1, "z": 0.5}
	for _, src := range []string{
		"sin(x)/sin(x) * (cos(y)/exp(y))",
		"hypot(sin(x), sin(x)) + cos(y)/exp(y)",
		"atan2(x*y, x*y) - exp(z)*log1p(y)",
		"(max(x, x)^max(x, x))^sinh(tanh(y)); (max(x, x)^max(x, x))^sinh(tanh(y)) * y",
		"min(exp(x), exp(x)) * (sin(y) + cos(z)) / (sin(y) - cos(z))",
	} {
		checkCompiledValues(t, mustParse(t, src), x, true)
		checkCompiledValues(t, mustParse(t, src), x, false)
	}
}

// FuzzCompileVsTree checks compiled programs of random expressions, with shared
// subexpressions, against walking the expression tree, bit for bit, without fused
// multiply-adds: with them a cancelling sum keeps a residue that a later function may
// magnify without bound (cbrt(x*abs(x) + abs(x*x)) is 0 in the tree and 3.6e-5 fused
// at x = -49.59), so the fused programs are compared on chosen expressions only.
func FuzzCompileVsTree(f *testing.F) {
	f.Add([]byte("77EE2B8"), 41.6375, 27.40143522644222)
	f.Add([]byte{4, 0, 8, 2, 16}, 0.5, 1.5)
	f.Add([]byte{44, 3, 3, 44, 3, 3, 12, 20}, 1.0, 2.0)
	f.Fuzz(func(t *testing.T, data []byte, a, b float64) {
		e := randomExpr(data, 0)
		f := NewFunc(e, Mul(e, Var("y")))
		x := map[string]float64{"x": a, "y": b, "z": a - b}
		checkCompiledValues(t, f, x, true)
	})
}

// treeTangent is treeValue on dual.Number: the value and the tangent along the
// variable seed of n, walking the tree with the instructions' dual rules, without
// sharing, registers, constant forms or fusion. size is the largest finite magnitude
// of any value or tangent on the way.
func treeTangent(n *Node, env map[string]float64, seed string, flush float64) (r dual.Number[float64], size float64) {
	switch n.op {
	case opVar:
		r = dual.Number[float64]{V: env[n.name]}
		if n.name == seed {
			r.D = 1
		}
	case opConst:
		r = dual.Number[float64]{V: n.val}
	default:
		a, sa := treeTangent(n.args[0], env, seed, flush)
		inputTangent := a.D != 0
		if len(n.args) == 1 {
			r, size = apply1Number(n.op, 0, a), sa
		} else {
			b, sb := treeTangent(n.args[1], env, seed, flush)
			r, size = apply2Number(n.op, a, b), max(sa, sb)
			inputTangent = inputTangent || b.D != 0
		}
		// Another evaluation order may leave a cancelled tangent at zero or a little
		// off it. flush > 0 takes a tangent within flush·size of zero as zero;
		// flush < 0 moves a tangent that cancelled to exactly zero to |flush|·size.
		switch {
		case flush > 0 && math.Abs(r.D) <= flush*size:
			r.D = 0
		case flush < 0 && r.D == 0 && inputTangent:
			r.D = -flush * size
		}
	}
	for _, v := range []float64{r.V, r.D} {
		if isFinite(v) {
			size = max(size, math.Abs(v))
		}
	}
	return r, size
}

// FuzzCompileGradientVsTree checks the Jacobian of compiled programs of random
// expressions (on both point dispatches) against treeTangent, an evaluation that shares nothing with
// compilation: a derivative wired to the wrong register (a sincos's cos taking its
// sin's tangent, a folded constant keeping a tangent) gives unrelated numbers. The
// compiled program rewrites x/c as a multiplication by 1/c and so on, which round
// differently, so finite partials must agree to 1e-10 of the largest magnitude on the
// way, and NaN and infinities exactly where both are not finite.
func FuzzCompileGradientVsTree(f *testing.F) {
	f.Add([]byte("77EE2B8"), 41.6375, 27.40143522644222)
	f.Add([]byte{4, 0, 8, 2, 16}, 0.5, 1.5)
	f.Add([]byte{44, 3, 3, 44, 3, 3, 12, 20}, 1.0, 2.0)
	f.Add([]byte{2, 10, 18, 0, 26}, 0.7, -0.3)
	f.Fuzz(func(t *testing.T, data []byte, a, b float64) {
		e := randomExpr(data, 0)
		// With w the program has four inputs, and Jacobian runs dual.Jet chunks through
		// the generic dispatch; Partials with respect to three or fewer runs Number,
		// Jet2 or Jet3 through the generated one.
		fn := NewFunc(e, Mul(e, Var("y")), Sub(Var("w"), e))
		defer func() { fuseMultiplyAdd = true }()
		fuseMultiplyAdd = false
		p, err := fn.Compile(nil)
		if err != nil {
			t.Fatal(err)
		}
		x := map[string]float64{"x": a, "y": b, "z": a - b, "w": 0.5}
		pt := make([]float64, len(p.Vars()))
		for i, name := range p.Vars() {
			pt[i] = x[name]
		}
		_, jac := p.Jacobian(pt)
		wrt := []int{0, len(pt) - 1}
		if len(pt) > 3 {
			wrt = append(wrt, 1)
		}
		_, few := p.Partials(pt, wrt)
		for i := range jac {
			for j, k := range wrt {
				if got, want := few[i][j], jac[i][k]; !same(got, want) && !(isFinite(got) && isFinite(want) && math.Abs(got-want) <= 1e-12*max(1, math.Abs(want))) {
					t.Fatalf("%v at %v: ∂f%d/∂x%d = %v with %d partials, %v with all %d", fn, x, i, k, got, len(wrt), want, len(pt))
				}
			}
			for k, name := range p.Vars() {
				want, size := treeTangent(fn.Output(i), x, name, 0)
				got := jac[i][k]
				switch {
				case same(got, want.D):
				case isFinite(got) && isFinite(want.D):
					if math.Abs(got-want.D) > 1e-10*max(1, size) {
						t.Fatalf("%v at %v: ∂f%d/∂%s = %v, the expression tree gives %v\n%s", fn, x, i, name, got, want.D, p)
					}
				case isFinite(want.V):
					// A non-finite partial in one and not the other, where the value
					// is finite: unless a cancellation decides between 0·Inf and a
					// finite slope, that is a wiring error. A cancellation shows as
					// agreement once the tree's cancelled tangents are taken as zero,
					// or moved off zero: x^((-1.5/x)/(0.5/x)) at x < 0 has an exponent
					// whose tangent is 0 in one evaluation and -1.4e-17 in another,
					// times ∂/∂y = NaN.
					if isFinite(got) {
						if w, _ := treeTangent(fn.Output(i), x, name, 1e-15); isFinite(w.D) &&
							math.Abs(got-w.D) <= 1e-10*max(1, size) {
							break
						}
					} else if w, _ := treeTangent(fn.Output(i), x, name, -1e-15); !isFinite(w.D) {
						break
					}
					t.Fatalf("%v at %v: ∂f%d/∂%s = %v, the expression tree gives %v\n%s", fn, x, i, name, got, want.D, p)
				}
			}
		}
	})
}

// treeScalar evaluates n on any dual type by walking the tree with the generic
// instruction rules, for FuzzCompileHessianVsTree.
func treeScalar[D dual.Scalar[D, float64]](n *Node, env map[string]D) D {
	switch n.op {
	case opVar:
		return env[n.name]
	case opConst:
		return dual.Const[D](n.val)
	}
	a := treeScalar(n.args[0], env)
	if len(n.args) == 1 {
		return apply1(n.op, 0, a)
	}
	return apply2(n.op, a, treeScalar(n.args[1], env))
}

// FuzzCompileHessianVsTree checks Program.Hessian of random expressions against
// dual.Hessian of a tree walk (treeScalar): the second-order wiring of compiled
// programs, with the tolerance of FuzzCompileGradientVsTree.
func FuzzCompileHessianVsTree(f *testing.F) {
	f.Add([]byte("77EE2B8"), 1.6375, 0.40143522644222)
	f.Add([]byte{4, 0, 8, 2, 16}, 0.5, 1.5)
	f.Add([]byte{44, 3, 3, 44, 3, 3, 12, 20}, 1.0, 2.0)
	f.Add([]byte{2, 10, 18, 0, 26}, 0.7, -0.3)
	f.Fuzz(func(t *testing.T, data []byte, a, b float64) {
		fn := NewFunc(Add(randomExpr(data, 0), Mul(Var("x"), Var("y")))) // x and y always
		defer func() { fuseMultiplyAdd = true }()
		fuseMultiplyAdd = false
		p, err := fn.Compile(nil)
		if err != nil {
			t.Fatal(err)
		}
		env := map[string]float64{"x": a, "y": b, "z": a - b}
		names := p.Vars()
		pt := make([]float64, len(names))
		for i, name := range names {
			pt[i] = env[name]
		}
		v, grad, hess := p.Hessian(pt)
		type hyper = dual.Hyper[float64, [4]float64, [10]float64]
		wantV, wantGrad, wantHess := dual.Hessian(func(vars []hyper) hyper {
			m := map[string]hyper{}
			for i, name := range names {
				m[name] = vars[i]
			}
			return treeScalar(fn.Output(0), m)
		}, pt)
		size := 1.0
		for _, w := range append(append([]float64{wantV}, wantGrad...), slices.Concat(wantHess...)...) {
			if isFinite(w) {
				size = max(size, math.Abs(w))
			}
		}
		check := func(what string, got, want float64) {
			if same(got, want) || isFinite(got) && isFinite(want) && math.Abs(got-want) <= 1e-10*size {
				return
			}
			if !isFinite(got) && !isFinite(want) || !isFinite(wantV) {
				return // see FuzzCompileGradientVsTree
			}
			t.Fatalf("%v at %v: %s = %v, the expression tree gives %v\n%s", fn, env, what, got, want, p)
		}
		check("f", v, wantV)
		for i := range grad {
			check(fmt.Sprintf("∂f/∂%s", names[i]), grad[i], wantGrad[i])
			for j := range hess[i] {
				check(fmt.Sprintf("∂²f/∂%s∂%s", names[i], names[j]), hess[i][j], wantHess[i][j])
			}
		}
	})
}
