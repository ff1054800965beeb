package bench

import (
	"fmt"
	"math"
	"slices"
	"testing"
	"time"
)

// BenchmarkSeedBatch measures the value and both partials of f = sin(xy)/sin(x) at
// SeedBatchN points prepared outside the timed loop, reporting ns/point (the mean over
// the b.N evaluations) and median-ns/point (their median: the statistic the C peers of
// bench/peers report for their samples, which bench/peers/run compares it with).
func BenchmarkSeedBatch(b *testing.B) {
	c := NewSeedColumns(SeedBatchN, DefaultSeed)
	e, err := NewSeedExpr(c)
	if err != nil {
		b.Fatal(err)
	}
	e32, err := NewSeedExpr32(NewSeedColumns32(c))
	if err != nil {
		b.Fatal(err)
	}
	noError := func(eval func()) func() error { return func() error { eval(); return nil } }
	for _, impl := range []struct {
		name string
		eval func() error
	}{
		{"analytic", noError(c.EvalAnalytic)},
		{"dual", noError(c.EvalDual)},
		{"gonum-dual", noError(c.EvalGonumDual)},
		{"expr", func() error { return e.Eval(1) }},          // one goroutine
		{"expr-parallel", func() error { return e.Eval(0) }}, // GOMAXPROCS goroutines
		{"expr-float32", func() error { return e32.Eval(1) }},
		{"expr-float32-parallel", func() error { return e32.Eval(0) }},
	} {
		b.Run(impl.name, func(b *testing.B) { timeEvals(b, SeedBatchN, impl.eval) })
	}
}

// timeEvals times b.N calls of eval over n points each, after one untimed call that
// faults in the outputs, and reports ns/point (the mean) and median-ns/point.
func timeEvals(b *testing.B, n int, eval func() error) {
	b.ReportAllocs()
	times := make([]time.Duration, b.N)
	if err := eval(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range b.N {
		start := time.Now()
		err := eval()
		times[i] = time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/(float64(b.N)*float64(n)), "ns/point")
	b.ReportMetric(float64(median(times).Nanoseconds())/float64(n), "median-ns/point")
}

// TestSeedPointsMatchPeers pins the inputs to the fingerprints that the C peer
// (bench/peers/sleef_seed.c) and the Python peer (bench/peers/torch_seed.py) print for
// their own implementations of the generator: all three evaluate identical points.
func TestSeedPointsMatchPeers(t *testing.T) {
	const wantX, wantY = 0xd204a4e9b2f5fc22, 0x4241e75c5f48db10
	xs, ys := SeedPoints(SeedBatchN, DefaultSeed)
	if gx, gy := BitsSum(xs), BitsSum(ys); gx != wantX || gy != wantY {
		t.Errorf("input fingerprints = %016x %016x, the peers print %016x %016x", gx, gy, uint64(wantX), uint64(wantY))
	}
}

// TestSeedBatchAgrees checks that every batch loop writes, at every point, what the
// point-wise analytic function returns.
func TestSeedBatchAgrees(t *testing.T) {
	const n = 4099 // not a multiple of any block or vector size
	c := NewSeedColumns(n, DefaultSeed)
	e, err := NewSeedExpr(c)
	if err != nil {
		t.Fatal(err)
	}
	for name, eval := range map[string]func() error{
		"analytic":      func() error { c.EvalAnalytic(); return nil },
		"dual":          func() error { c.EvalDual(); return nil },
		"gonum-dual":    func() error { c.EvalGonumDual(); return nil },
		"expr":          func() error { return e.Eval(1) },
		"expr-parallel": func() error { return e.Eval(0) },
	} {
		clear(c.F)
		clear(c.DFDX)
		clear(c.DFDY)
		if err := eval(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i := range n {
			f, dx, dy := SeedAnalytic(c.X[i], c.Y[i])
			if !closeTo(c.F[i], f, 1e-12) || !closeTo(c.DFDX[i], dx, 1e-12) || !closeTo(c.DFDY[i], dy, 1e-12) {
				t.Fatalf("%s at (%v, %v) wrote (%v, %v, %v), SeedAnalytic gives (%v, %v, %v)",
					name, c.X[i], c.Y[i], c.F[i], c.DFDX[i], c.DFDY[i], f, dx, dy)
			}
		}
	}
}

// TestSeedBatch32Agrees checks expr's float32 evaluation at every point against
// SeedAnalytic at the same float32 point, within a bound from the function's
// conditioning: the float32 rounding of xy (up to 12.4) moves sin's argument by up to
// 2^-24·|xy|, which dividing by sin x and, for ∂f/∂x, by sin² x magnifies.
func TestSeedBatch32Agrees(t *testing.T) {
	const n = 4099
	c := NewSeedColumns32(NewSeedColumns(n, DefaultSeed))
	e, err := NewSeedExpr32(c)
	if err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{1, 0} {
		clear(c.F)
		if err := e.Eval(workers); err != nil {
			t.Fatal(err)
		}
		for i := range n {
			x, y := float64(c.X[i]), float64(c.Y[i])
			f, dx, dy := SeedAnalytic(x, y)
			s := math.Sin(x)
			tol := 8 * 0x1p-24 * (1 + math.Abs(x*y)) / (s * s)
			if !closeTo(float64(c.F[i]), f, tol) || !closeTo(float64(c.DFDX[i]), dx, tol) || !closeTo(float64(c.DFDY[i]), dy, tol) {
				t.Fatalf("workers %d at (%v, %v): float32 (%v, %v, %v), SeedAnalytic (%v, %v, %v)",
					workers, x, y, c.F[i], c.DFDX[i], c.DFDY[i], f, dx, dy)
			}
		}
	}
}

// TestSeedColumnsPanicsOnRaggedColumns checks the programmer-error panic names the lengths.
func TestSeedColumnsPanicsOnRaggedColumns(t *testing.T) {
	c := NewSeedColumns(4, DefaultSeed)
	c.DFDY = c.DFDY[:3]
	defer func() {
		want := "bench: EvalAnalytic: column lengths differ: X 4, Y 4, F 4, DFDX 4, DFDY 3"
		if msg, _ := recover().(string); msg != want {
			t.Errorf("panic message = %q, want %q", msg, want)
		}
	}()
	c.EvalAnalytic()
}

// median returns the median of times (the mean of the middle two for an even count),
// sorting them.
func median(times []time.Duration) time.Duration {
	slices.Sort(times)
	n := len(times)
	if n%2 == 1 {
		return times[n/2]
	}
	return (times[n/2-1] + times[n/2]) / 2
}

// BenchmarkSeedBatchSize runs the seed's compiled program (expr, one goroutine) over
// 3264 points (one of expr's blocks for this program, all of it held in the cache),
// 16 such blocks, and the 1<<20 points of BenchmarkSeedBatch, which come from and go
// to main memory: the differences are what the caches and the memory cost. It reports
// what BenchmarkSeedBatch does.
func BenchmarkSeedBatchSize(b *testing.B) {
	for _, n := range []int{3264, 16 * 3264, SeedBatchN} {
		c := NewSeedColumns(n, DefaultSeed)
		e, err := NewSeedExpr(c)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) { timeEvals(b, n, func() error { return e.Eval(1) }) })
	}
}
