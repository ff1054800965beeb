package dual

import (
	"fmt"
	"testing"
	"unsafe"
)

// The arithmetic methods of Jet handle constant operands in line and partials out of
// line (see the notes in internal/gen/template_array.go). These tests pin down that
// every mix of constant and variable operands, with and without a Workspace, gives
// the partials derived by hand, and that a chunked gradient made of such mixes stays
// exact and allocation-free.

type jet4 = Jet[float64, [4]float64]

// jetOperand is one operand of the mixed-path tests: a constant, a variable with heap
// partials (no Workspace) or a variable made by a Workspace.
type jetOperand struct {
	name string
	make func(ws *Workspace[float64, [4]float64]) jet4
	d    [4]float64 // its partials, zero for a constant
}

func jetOperands(v float64, d [4]float64) []jetOperand {
	return []jetOperand{
		{"const", func(*Workspace[float64, [4]float64]) jet4 { return jet4{V: v} }, [4]float64{}},
		{"heap", func(*Workspace[float64, [4]float64]) jet4 { p := d; return jet4{V: v, D: &p} }, d},
		{"ws", func(ws *Workspace[float64, [4]float64]) jet4 {
			return ws.Var(0, 0).Scale(d[0]).Add(ws.Var(0, 1).Scale(d[1])).
				Add(ws.Var(0, 2).Scale(d[2])).Add(ws.Var(0, 3).Scale(d[3])).AddConst(v)
		}, d},
	}
}

func TestJetMixedOperands(t *testing.T) {
	const xv, yv, c = 3.0, -2.0, 0.5
	xs := jetOperands(xv, [4]float64{1, 2, 0, -4})
	ys := jetOperands(yv, [4]float64{0, 5, 7, 0.25})
	type binary struct {
		name string
		op   func(x, y jet4) jet4
		v    float64
		d    func(dx, dy float64) float64 // the partial from the operands' partials
	}
	binaries := []binary{
		{"Add", jet4.Add, xv + yv, func(dx, dy float64) float64 { return dx + dy }},
		{"Sub", jet4.Sub, xv - yv, func(dx, dy float64) float64 { return dx - dy }},
		{"Mul", jet4.Mul, xv * yv, func(dx, dy float64) float64 { return yv*dx + xv*dy }},
		{"Div", jet4.Div, xv / yv, func(dx, dy float64) float64 { return dx/yv - xv*dy/(yv*yv) }},
	}
	var ws Workspace[float64, [4]float64]
	for _, x := range xs {
		for _, y := range ys {
			for _, b := range binaries {
				ws.Reset()
				name := fmt.Sprintf("%s(%s,%s)", b.name, x.name, y.name)
				r := b.op(x.make(&ws), y.make(&ws))
				checkJet(t, name, r, b.v, func(i int) float64 { return b.d(x.d[i], y.d[i]) })
				if x.name == "const" && y.name == "const" && r.D != nil {
					t.Errorf("%s: constant operands gave partials %v, want nil", name, *r.D)
				}
			}
		}
		type unary struct {
			name string
			op   func(x jet4) jet4
			v    float64
			d    func(dx float64) float64
		}
		for _, u := range []unary{
			{"Neg", jet4.Neg, -xv, func(dx float64) float64 { return -dx }},
			{"Scale", func(x jet4) jet4 { return x.Scale(c) }, c * xv, func(dx float64) float64 { return c * dx }},
			{"ConstSub", func(x jet4) jet4 { return x.ConstSub(c) }, c - xv, func(dx float64) float64 { return -dx }},
			{"AddConst", func(x jet4) jet4 { return x.AddConst(c) }, xv + c, func(dx float64) float64 { return dx }},
		} {
			ws.Reset()
			name := fmt.Sprintf("%s(%s)", u.name, x.name)
			checkJet(t, name, u.op(x.make(&ws)), u.v, func(i int) float64 { return u.d(x.d[i]) })
		}
	}
}

// checkJet reports a mismatch between r and the value v and partials want(i). The
// expected partials are sums of exactly representable products, so they compare
// exactly; -0 and +0 are treated alike.
func checkJet(t *testing.T, name string, r jet4, v float64, want func(i int) float64) {
	t.Helper()
	if r.V != v {
		t.Errorf("%s: value %v, want %v", name, r.V, v)
	}
	for i := range 4 {
		if got, w := r.Partial(i), want(i); got != w {
			t.Errorf("%s: partial %d = %v, want %v", name, i, got, w)
		}
	}
}

// chainedProducts is f(x) = sum_i (x_i*x_{i+1} - x_i) + x_0 (x_{n-1} - 2): most terms
// are constants in any one chunk, and the constant x_0 carries the Workspace into the
// product with a variable x_{n-1} in the later chunks.
func chainedProducts(x []jet4) jet4 {
	var f jet4
	for i := 0; i+1 < len(x); i++ {
		f = f.Add(x[i].Mul(x[i+1]).Sub(x[i]))
	}
	return f.Add(x[0].Mul(x[len(x)-1].SubConst(2)))
}

func TestGradientToChunksMixedConstants(t *testing.T) {
	for _, n := range []int{1, 4, 5, 11, 400} {
		x := make([]float64, n)
		for i := range x {
			x[i] = float64(i%5) - 1.5
		}
		// The gradient by hand.
		want := make([]float64, n)
		wantV := x[0] * (x[n-1] - 2)
		for i := 0; i+1 < n; i++ {
			wantV += x[i]*x[i+1] - x[i]
			want[i] += x[i+1] - 1
			want[i+1] += x[i]
		}
		want[0] += x[n-1] - 2
		want[n-1] += x[0]

		var ws Workspace[float64, [4]float64]
		grad := make([]float64, n)
		run := func() {
			if v := GradientTo(grad, chainedProducts, x, &ws); v != wantV {
				t.Errorf("n=%d: value %v, want %v", n, v, wantV)
			}
		}
		run()
		for i := range grad {
			if grad[i] != want[i] {
				t.Errorf("n=%d: grad[%d] = %v, want %v", n, i, grad[i], want[i])
			}
		}
		if a := testing.AllocsPerRun(5, run); a != 0 {
			t.Errorf("n=%d: %v allocations per GradientTo, want 0", n, a)
		}
	}
}

// TestGradientToAcrossBlocks evaluates f(x, y) = x y^k with k large enough that one
// evaluation takes more partials than an arena block holds, so storage comes from
// several blocks, and again after Reset from the same blocks.
func TestGradientToAcrossBlocks(t *testing.T) {
	var p [4]float64
	k := 3 * blockLen(int(unsafe.Sizeof(p)))
	f := func(x []jet4) jet4 {
		r := x[0]
		for range k {
			r = r.Mul(x[1])
		}
		return r
	}
	// At y = 1: f = x, df/dx = 1, df/dy = k x, all exact.
	x := []float64{2, 1}
	var ws Workspace[float64, [4]float64]
	grad := make([]float64, 2)
	for pass := range 2 {
		v := GradientTo(grad, f, x, &ws)
		if v != 2 || grad[0] != 1 || grad[1] != float64(2*k) {
			t.Errorf("pass %d: f = %v, grad = %v, want 2, [1 %d]", pass, v, grad, 2*k)
		}
	}
	if a := testing.AllocsPerRun(3, func() { GradientTo(grad, f, x, &ws) }); a != 0 {
		t.Errorf("%v allocations per GradientTo after growing, want 0", a)
	}
}
