package bench

import (
	"fmt"
	"testing"
)

// rosenbrockSizes are the input counts BenchmarkRosenbrockGradient measures.
var rosenbrockSizes = []int{10, 100, 1000}

// BenchmarkRosenbrockGradient measures the value and gradient of the n-dimensional
// Rosenbrock function by hand, with dualgrad's Jet, and with gonum's num/dual.
func BenchmarkRosenbrockGradient(b *testing.B) {
	for _, n := range rosenbrockSizes {
		x := RosenbrockStart(n)
		grad := make([]float64, n)
		b.Run(fmt.Sprintf("n=%d/hand", n), func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				sink += RosenbrockHand(grad, x)
			}
		})
		b.Run(fmt.Sprintf("n=%d/dual", n), func(b *testing.B) {
			b.ReportAllocs()
			var g DualGradient
			g.Rosenbrock(grad, x) // size the workspace outside the timed loop
			b.ResetTimer()
			for range b.N {
				sink += g.Rosenbrock(grad, x)
			}
		})
		b.Run(fmt.Sprintf("n=%d/gonum-dual", n), func(b *testing.B) {
			b.ReportAllocs()
			var g GonumGradient
			g.Rosenbrock(grad, x)
			b.ResetTimer()
			for range b.N {
				sink += g.Rosenbrock(grad, x)
			}
		})
	}
}

// TestRosenbrockGradientsAgree checks that the dual and gonum gradients equal the
// hand-written one, at sizes that exercise partial chunks, and that the workspaces
// give the same answer when reused for a different size.
func TestRosenbrockGradientsAgree(t *testing.T) {
	var dg DualGradient
	var gg GonumGradient
	for _, n := range []int{1, 2, 7, 8, 9, 17, 100, 1000, 10} {
		x := RosenbrockStart(n)
		for i := range x {
			x[i] += 0.01 * float64(i%7) // break the two-value pattern
		}
		want := make([]float64, n)
		fWant := RosenbrockHand(want, x)
		for name, eval := range map[string]func(grad, x []float64) float64{
			"dual": dg.Rosenbrock, "gonum-dual": gg.Rosenbrock,
		} {
			got := make([]float64, n)
			for i := range got {
				got[i] = 12345 // stale content must be overwritten
			}
			if f := eval(got, x); !closeTo(f, fWant, 1e-12) {
				t.Errorf("n=%d %s: f = %v, hand gives %v", n, name, f, fWant)
			}
			for i := range got {
				if !closeTo(got[i], want[i], 1e-12) {
					t.Errorf("n=%d %s: grad[%d] = %v, hand gives %v", n, name, i, got[i], want[i])
					break
				}
			}
		}
	}
}

// TestRosenbrockHandMatchesFiniteDifferences guards the baseline: its gradient must
// match central differences of its own value, and it must be zero at the minimum.
func TestRosenbrockHandMatchesFiniteDifferences(t *testing.T) {
	const n = 6
	x := []float64{-1.2, 1, 0.5, -0.3, 2, 0.7}
	grad := make([]float64, n)
	RosenbrockHand(grad, x)
	scratch := make([]float64, n)
	for i := range n {
		const h = 1e-6
		xp := append([]float64(nil), x...)
		xm := append([]float64(nil), x...)
		xp[i] += h
		xm[i] -= h
		fd := (RosenbrockHand(scratch, xp) - RosenbrockHand(scratch, xm)) / (2 * h)
		if !closeTo(grad[i], fd, 1e-6) {
			t.Errorf("grad[%d] = %v, central difference gives %v", i, grad[i], fd)
		}
	}
	ones := []float64{1, 1, 1, 1}
	g := make([]float64, len(ones))
	if f := RosenbrockHand(g, ones); f != 0 || g[0] != 0 || g[1] != 0 || g[2] != 0 || g[3] != 0 {
		t.Errorf("at the minimum (1,1,1,1): f = %v, grad = %v; want 0 and zeros", f, g)
	}
}

// TestRosenbrockPanicsOnLengthMismatch checks the programmer-error panic names both lengths.
func TestRosenbrockPanicsOnLengthMismatch(t *testing.T) {
	defer func() {
		msg, _ := recover().(string)
		if msg != "bench: RosenbrockHand: len(grad) = 2, len(x) = 3" {
			t.Errorf("panic message = %q", msg)
		}
	}()
	RosenbrockHand(make([]float64, 2), make([]float64, 3))
}
