package dual

import (
	"fmt"
	"math"
	"testing"
)

// benchSink keeps benchmark results alive.
var benchSink float64

// rosenbrockHand is the hand-written Rosenbrock value and gradient, the baseline.
func rosenbrockHand(x, grad []float64) float64 {
	clear(grad)
	var s float64
	for i := 0; i+1 < len(x); i++ {
		t, u := x[i+1]-x[i]*x[i], 1-x[i]
		s += 100*t*t + u*u
		grad[i] += -400*t*x[i] - 2*u
		grad[i+1] += 200 * t
	}
	return s
}

// rosenbrockJet is rosenbrock written for one concrete Jet type, so its method calls
// inline; the generic rosenbrock measures the cost of calls through a type parameter.
func rosenbrockJet[P Partials[float64]](x []Jet[float64, P]) Jet[float64, P] {
	var s Jet[float64, P]
	for i := 0; i+1 < len(x); i++ {
		t := x[i+1].Sub(x[i].Mul(x[i]))
		u := x[i].Neg().AddConst(1)
		s = s.Add(t.Mul(t).Scale(100)).Add(u.Mul(u))
	}
	return s
}

func benchGradient[P Partials[float64]](b *testing.B, n int, generic bool) {
	var p P
	name := fmt.Sprintf("n=%d/jet%d", n, len(p))
	f := rosenbrockJet[P]
	if generic {
		name += "-generic"
		f = rosenbrock[Jet[float64, P]]
	}
	b.Run(name, func(b *testing.B) {
		x, grad := testPoint(n), make([]float64, n)
		var ws Workspace[float64, P]
		GradientTo(grad, f, x, &ws) // grow the workspace outside the measurement
		b.ReportAllocs()
		for b.Loop() {
			x[0] += 1e-9
			benchSink += GradientTo(grad, f, x, &ws)
		}
	})
}

// BenchmarkGradientRosenbrock compares the chunked Jet gradient with the hand-written
// gradient for several chunk sizes.
func BenchmarkGradientRosenbrock(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("n=%d/hand", n), func(b *testing.B) {
			x, grad := testPoint(n), make([]float64, n)
			for b.Loop() {
				x[0] += 1e-9
				benchSink += rosenbrockHand(x, grad)
			}
		})
		benchGradient[[4]float64](b, n, false)
		benchGradient[[8]float64](b, n, false)
		benchGradient[[12]float64](b, n, false)
		benchGradient[[16]float64](b, n, false)
		benchGradient[[36]float64](b, n, false)
		benchGradient[[136]float64](b, n, false)
		benchGradient[[16]float64](b, n, true)
	}
}

// BenchmarkSeedJet measures the seed's sin(xy)/sin(x) with a two-partial Jet, against
// the hand-written quotient rule.
func BenchmarkSeedJet(b *testing.B) {
	b.Run("analytic", func(b *testing.B) {
		x, y := 2.0, 3.0
		for b.Loop() {
			x += 1e-9
			sxy, cxy := math.Sincos(x * y)
			sx, cx := math.Sincos(x)
			benchSink += sxy/sx + (y*cxy*sx-sxy*cx)/(sx*sx) + x*cxy/sx
		}
	})
	b.Run("jet", func(b *testing.B) {
		x, y := 2.0, 3.0
		var ws Workspace[float64, [2]float64]
		b.ReportAllocs()
		for b.Loop() {
			x += 1e-9
			ws.Reset()
			X, Y := ws.Var(x, 0), ws.Var(y, 1)
			r := X.Mul(Y).Sin().Div(X.Sin())
			benchSink += r.V + r.Partial(0) + r.Partial(1)
		}
	})
	b.Run("gradient", func(b *testing.B) {
		x := []float64{2, 3}
		grad := make([]float64, 2)
		var ws Workspace[float64, [2]float64]
		f := func(v []Jet[float64, [2]float64]) Jet[float64, [2]float64] {
			return v[0].Mul(v[1]).Sin().Div(v[0].Sin())
		}
		b.ReportAllocs()
		for b.Loop() {
			x[0] += 1e-9
			benchSink += GradientTo(grad, f, x, &ws) + grad[0] + grad[1]
		}
	})
}

func benchHessian[P, Q Partials[float64]](b *testing.B, n int) {
	var p P
	b.Run(fmt.Sprintf("n=%d/hessian/hyper%d", n, len(p)), func(b *testing.B) {
		x, grad, hess := testPoint(n), make([]float64, n), newSquare(n)
		var ws HyperWorkspace[float64, P, Q]
		HessianTo(grad, hess, rosenbrock[Hyper[float64, P, Q]], x, &ws)
		b.ReportAllocs()
		for b.Loop() {
			x[0] += 1e-9
			benchSink += HessianTo(grad, hess, rosenbrock[Hyper[float64, P, Q]], x, &ws)
		}
	})
	b.Run(fmt.Sprintf("n=%d/hvp/dirjet%d", n, len(p)), func(b *testing.B) {
		x, v, grad, hv := testPoint(n), testPoint(n + 1)[1:], make([]float64, n), make([]float64, n)
		var ws DirWorkspace[float64, P]
		HVPTo(grad, hv, rosenbrock[DirJet[float64, P]], x, v, &ws)
		b.ReportAllocs()
		for b.Loop() {
			x[0] += 1e-9
			benchSink += HVPTo(grad, hv, rosenbrock[DirJet[float64, P]], x, v, &ws)
		}
	})
}

// BenchmarkHessianByColumns measures the alternative to Hyper for full Hessians: one
// HVP with DirJet per column, v = e_j.
func BenchmarkHessianByColumns(b *testing.B) {
	for _, n := range []int{10, 100} {
		b.Run(fmt.Sprintf("n=%d/dirjet16", n), func(b *testing.B) {
			x, v, grad, col := testPoint(n), make([]float64, n), make([]float64, n), make([]float64, n)
			var ws DirWorkspace[float64, [16]float64]
			f := rosenbrock[DirJet[float64, [16]float64]]
			_, _, want := rosenbrockGrad(x)
			b.ReportAllocs()
			for b.Loop() {
				for j := range n {
					v[j] = 1
					benchSink += HVPTo(grad, col, f, x, v, &ws)
					v[j] = 0
				}
			}
			if !near(col[n-1], want[n-1][n-1], 1e-12) {
				b.Fatalf("last column: H[n-1][n-1] = %v, want %v", col[n-1], want[n-1][n-1])
			}
		})
	}
}

// BenchmarkHessianRosenbrock measures Hessian (Hyper) and HVP (DirJet) for several
// numbers of partials.
func BenchmarkHessianRosenbrock(b *testing.B) {
	for _, n := range []int{10, 100} {
		benchHessian[[2]float64, [3]float64](b, n)
		benchHessian[[4]float64, [10]float64](b, n)
		benchHessian[[8]float64, [36]float64](b, n)
		benchHessian[[16]float64, [136]float64](b, n)
	}
}

// valueJet is the rejected design for Jet, kept here to measure against: the partials
// held by value in an array. Go keeps such arrays in memory rather than registers, and
// every operation copies them (see the Jet template in internal/gen).
type valueJet[P Partials[float64]] struct {
	V float64
	D P
}

func (x valueJet[P]) Add(y valueJet[P]) (r valueJet[P]) {
	r.V = x.V + y.V
	for i := range len(r.D) {
		r.D[i] = x.D[i] + y.D[i]
	}
	return r
}

func (x valueJet[P]) Sub(y valueJet[P]) (r valueJet[P]) {
	r.V = x.V - y.V
	for i := range len(r.D) {
		r.D[i] = x.D[i] - y.D[i]
	}
	return r
}

func (x valueJet[P]) Mul(y valueJet[P]) (r valueJet[P]) {
	r.V = x.V * y.V
	for i := range len(r.D) {
		r.D[i] = scale(y.V, x.D[i]) + scale(x.V, y.D[i])
	}
	return r
}

func (x valueJet[P]) Scale(c float64) (r valueJet[P]) {
	r.V = x.V * c
	for i := range len(r.D) {
		r.D[i] = scale(c, x.D[i])
	}
	return r
}

func (x valueJet[P]) Neg() valueJet[P] { return x.Scale(-1) }

func (x valueJet[P]) AddConst(c float64) valueJet[P] {
	x.V += c
	return x
}

func rosenbrockValueJet[P Partials[float64]](x []valueJet[P]) valueJet[P] {
	var s valueJet[P]
	for i := 0; i+1 < len(x); i++ {
		t := x[i+1].Sub(x[i].Mul(x[i]))
		u := x[i].Neg().AddConst(1)
		s = s.Add(t.Mul(t).Scale(100)).Add(u.Mul(u))
	}
	return s
}

// gradientValueJet is GradientTo for valueJet.
func gradientValueJet[P Partials[float64]](grad []float64, f func([]valueJet[P]) valueJet[P], x []float64, xs []valueJet[P]) float64 {
	var p P
	var v float64
	for lo := 0; lo < len(x); lo += len(p) {
		hi := min(lo+len(p), len(x))
		for i := range x {
			xs[i] = valueJet[P]{V: x[i]}
		}
		for i := lo; i < hi; i++ {
			xs[i].D[i-lo] = 1
		}
		r := f(xs)
		v = r.V
		for i := lo; i < hi; i++ {
			grad[i] = r.D[i-lo]
		}
	}
	return v
}

// rosenbrockJet3 is rosenbrockJet over the register-held Jet3.
func rosenbrockJet3(x []Jet3[float64]) Jet3[float64] {
	var s Jet3[float64]
	for i := 0; i+1 < len(x); i++ {
		t := x[i+1].Sub(x[i].Mul(x[i]))
		u := x[i].Neg().AddConst(1)
		s = s.Add(t.Mul(t).Scale(100)).Add(u.Mul(u))
	}
	return s
}

// plainJet3 is Jet3 without NaN safety (no zero tests): every method inlines. It
// measures what NaN safety costs a register-held jet, not a design dual could ship.
type plainJet3 struct{ V, D0, D1, D2 float64 }

func (x plainJet3) Add(y plainJet3) plainJet3 {
	return plainJet3{x.V + y.V, x.D0 + y.D0, x.D1 + y.D1, x.D2 + y.D2}
}

func (x plainJet3) Sub(y plainJet3) plainJet3 {
	return plainJet3{x.V - y.V, x.D0 - y.D0, x.D1 - y.D1, x.D2 - y.D2}
}

func (x plainJet3) Mul(y plainJet3) plainJet3 {
	return plainJet3{x.V * y.V, y.V*x.D0 + x.V*y.D0, y.V*x.D1 + x.V*y.D1, y.V*x.D2 + x.V*y.D2}
}

func (x plainJet3) Scale(c float64) plainJet3 {
	return plainJet3{x.V * c, c * x.D0, c * x.D1, c * x.D2}
}

func (x plainJet3) Neg() plainJet3 { return plainJet3{-x.V, -x.D0, -x.D1, -x.D2} }

func (x plainJet3) AddConst(c float64) plainJet3 {
	x.V += c
	return x
}

func rosenbrockPlainJet3(x []plainJet3) plainJet3 {
	var s plainJet3
	for i := 0; i+1 < len(x); i++ {
		t := x[i+1].Sub(x[i].Mul(x[i]))
		u := x[i].Neg().AddConst(1)
		s = s.Add(t.Mul(t).Scale(100)).Add(u.Mul(u))
	}
	return s
}

// gradientJet3 is a chunked gradient with Jet3: one evaluation per three inputs.
func gradientJet3(grad []float64, x []float64, xs []Jet3[float64]) float64 {
	var v float64
	for i := range x {
		xs[i] = Jet3[float64]{V: x[i]}
	}
	for lo := 0; lo < len(x); lo += 3 {
		hi := min(lo+3, len(x))
		seedThree(&xs[lo].D0, &xs[min(lo+1, hi-1)].D1, &xs[hi-1].D2, hi-lo, 1)
		r := rosenbrockJet3(xs)
		seedThree(&xs[lo].D0, &xs[min(lo+1, hi-1)].D1, &xs[hi-1].D2, hi-lo, 0)
		v = r.V
		copy(grad[lo:hi], []float64{r.D0, r.D1, r.D2}[:hi-lo])
	}
	return v
}

// gradientPlain3 is gradientJet3 for plainJet3.
func gradientPlain3(grad []float64, x []float64, xs []plainJet3) float64 {
	var v float64
	for i := range x {
		xs[i] = plainJet3{V: x[i]}
	}
	for lo := 0; lo < len(x); lo += 3 {
		hi := min(lo+3, len(x))
		seedThree(&xs[lo].D0, &xs[min(lo+1, hi-1)].D1, &xs[hi-1].D2, hi-lo, 1)
		r := rosenbrockPlainJet3(xs)
		seedThree(&xs[lo].D0, &xs[min(lo+1, hi-1)].D1, &xs[hi-1].D2, hi-lo, 0)
		v = r.V
		copy(grad[lo:hi], []float64{r.D0, r.D1, r.D2}[:hi-lo])
	}
	return v
}

// seedThree sets the seeds of a chunk of k inputs (1 to 3) to s: d0 of its first
// input, d1 of its second and d2 of its third.
func seedThree(d0, d1, d2 *float64, k int, s float64) {
	*d0 = s
	if k > 1 {
		*d1 = s
	}
	if k > 2 {
		*d2 = s
	}
}

// BenchmarkGradientDesign compares the Jet representation with partials held by value
// and with chunked gradients over register-held jets of three partials: Jet3 as
// shipped (NaN-safe; its Mul does not inline) and plainJet3 (not NaN-safe, all
// inlined), which bounds what a register design could reach in Go.
func BenchmarkGradientDesign(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("n=%d/jet3", n), func(b *testing.B) {
			x, grad, xs := testPoint(n), make([]float64, n), make([]Jet3[float64], n)
			for b.Loop() {
				x[0] += 1e-9
				benchSink += gradientJet3(grad, x, xs)
			}
			checkRosenbrockGrad(b, x, grad)
		})
		b.Run(fmt.Sprintf("n=%d/plain3", n), func(b *testing.B) {
			x, grad, xs := testPoint(n), make([]float64, n), make([]plainJet3, n)
			for b.Loop() {
				x[0] += 1e-9
				benchSink += gradientPlain3(grad, x, xs)
			}
			checkRosenbrockGrad(b, x, grad)
		})
		b.Run(fmt.Sprintf("n=%d/value8", n), func(b *testing.B) {
			x, grad, xs := testPoint(n), make([]float64, n), make([]valueJet[[8]float64], n)
			for b.Loop() {
				x[0] += 1e-9
				benchSink += gradientValueJet(grad, rosenbrockValueJet[[8]float64], x, xs)
			}
			checkRosenbrockGrad(b, x, grad)
		})
		benchGradient[[8]float64](b, n, false)
	}
}

// checkRosenbrockGrad fails b unless grad is the Rosenbrock gradient at x.
func checkRosenbrockGrad(b *testing.B, x, grad []float64) {
	b.Helper()
	_, want, _ := rosenbrockGrad(x)
	for i := range want {
		if !near(grad[i], want[i], 1e-12) {
			b.Fatalf("grad[%d] = %v, want %v", i, grad[i], want[i])
		}
	}
}
