package bench

import (
	"testing"
)

// wideN is the number of points of the wide workload: ten input and ten partial
// columns of 1<<18 float64 each, 40 MiB in all.
const wideN = 1 << 18

// BenchmarkWideBatch measures f(x0, …, x9) (WideExprSource) at wideN points: value
// and all ten partials ("gradient": ten tangents per point), and one directional
// derivative ("jvp": one tangent per point), reporting ns/point.
func BenchmarkWideBatch(b *testing.B) {
	w, err := NewWideColumns(wideN, DefaultSeed)
	if err != nil {
		b.Fatal(err)
	}
	direction := make([]float64, WideVars)
	for i := range direction {
		direction[i] = 1
	}
	for _, impl := range []struct {
		name string
		eval func() error
	}{
		{"gradient/analytic", func() error { w.EvalAnalytic(); return nil }},
		{"gradient/expr", func() error { return w.EvalExpr(1) }},
		{"gradient/expr-parallel", func() error { return w.EvalExpr(0) }},
		{"jvp/expr", func() error { _, _, err := w.JVP(direction, 1); return err }},
		{"jvp/expr-parallel", func() error { _, _, err := w.JVP(direction, 0); return err }},
	} {
		b.Run(impl.name, func(b *testing.B) {
			b.ReportAllocs()
			if err := impl.eval(); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for range b.N {
				if err := impl.eval(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/(float64(b.N)*wideN), "ns/point")
		})
	}
}

// TestWideBatchAgrees checks the compiled program's values, gradients and JVPs
// against the hand-written gradient at every point.
func TestWideBatchAgrees(t *testing.T) {
	const n = 1031
	w, err := NewWideColumns(n, DefaultSeed)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.EvalExpr(0); err != nil {
		t.Fatal(err)
	}
	direction := []float64{1, -2, 0.5, 0, 3, -1, 0.25, 2, -0.5, 1}
	values, jvps, err := w.JVP(direction, 0)
	if err != nil {
		t.Fatal(err)
	}
	var x, g [WideVars]float64
	for k := range n {
		for i := range WideVars {
			x[i] = w.X[i][k]
		}
		f := WideAnalytic(g[:], x[:])
		var jvp float64
		for i := range WideVars {
			jvp += g[i] * direction[i]
			if !closeTo(w.Partials[i][k], g[i], 1e-12) {
				t.Fatalf("point %d: ∂f/∂x%d = %v, hand-written %v", k, i, w.Partials[i][k], g[i])
			}
		}
		if !closeTo(w.F[k], f, 1e-12) || !closeTo(values[0].Data[k], f, 1e-12) {
			t.Fatalf("point %d: f = %v (gradient path), %v (JVP path), hand-written %v", k, w.F[k], values[0].Data[k], f)
		}
		if !closeTo(jvps[0].Data[k], jvp, 1e-11) {
			t.Fatalf("point %d: JVP = %v, hand-written %v", k, jvps[0].Data[k], jvp)
		}
	}
}
