package dual

import (
	"math"
	"testing"
	"time"
)

// The seed's task: the value and both partials of f(x, y) = sin(xy)/sin(x).
// BenchmarkSeedJet2 measures Jet2 against the same computation written by hand;
// the official comparison lives in bench/, this one is for quick checks while
// tuning the templates. The point moves every iteration (x in [0.1, 3.1),
// y in [-4, 4)) so nothing is hoisted out of the loop.

// seedSink keeps the benchmark results alive.
var seedSink float64

// seedJet2 evaluates f with Jet2, seeding x and y with unit tangents.
func seedJet2(x, y float64) (f, dfdx, dfdy float64) {
	X := Jet2[float64]{V: x, D0: 1}
	Y := Jet2[float64]{V: y, D1: 1}
	r := X.Mul(Y).Sin().Div(X.Sin())
	return r.V, r.D0, r.D1
}

// seedAnalytic evaluates f and its partials from the hand-derived formulas.
func seedAnalytic(x, y float64) (f, dfdx, dfdy float64) {
	sxy, cxy := math.Sincos(x * y)
	sx, cx := math.Sincos(x)
	f = sxy / sx
	dfdx = (y*cxy*sx - sxy*cx) / (sx * sx)
	dfdy = x * cxy / sx
	return f, dfdx, dfdy
}

// nextSeedPoint advances the benchmark point within its box.
func nextSeedPoint(x, y float64) (float64, float64) {
	x += 0.001
	if x >= 3.1 {
		x = 0.1
	}
	y += 0.0007
	if y >= 4 {
		y = -4
	}
	return x, y
}

func BenchmarkSeedJet2(b *testing.B) {
	b.Run("analytic", func(b *testing.B) {
		x, y, s := 0.1, -4.0, 0.0
		for b.Loop() {
			f, dx, dy := seedAnalytic(x, y)
			s += f + dx + dy
			x, y = nextSeedPoint(x, y)
		}
		seedSink = s
	})
	b.Run("jet2", func(b *testing.B) {
		x, y, s := 0.1, -4.0, 0.0
		for b.Loop() {
			f, dx, dy := seedJet2(x, y)
			s += f + dx + dy
			x, y = nextSeedPoint(x, y)
		}
		seedSink = s
	})
}

// BenchmarkSeedJet2Ratio times the two bodies alternately in short rounds and
// reports the ratio of their best rounds (metric jet2/analytic). On a shared,
// loaded machine the best round of each is the one least disturbed by other
// processes, so this ratio is steadier than comparing two separate
// sub-benchmarks run seconds apart.
func BenchmarkSeedJet2Ratio(b *testing.B) {
	const calls = 2000
	round := func(eval func(x, y float64) (float64, float64, float64)) time.Duration {
		x, y, s := 0.1, -4.0, 0.0
		start := time.Now()
		for range calls {
			f, dx, dy := eval(x, y)
			s += f + dx + dy
			x, y = nextSeedPoint(x, y)
		}
		seedSink += s
		return time.Since(start)
	}
	bestA, bestJ := time.Duration(math.MaxInt64), time.Duration(math.MaxInt64)
	for b.Loop() {
		bestA = min(bestA, round(seedAnalytic))
		bestJ = min(bestJ, round(seedJet2))
	}
	b.ReportMetric(float64(bestA.Nanoseconds())/calls, "analytic-ns/call")
	b.ReportMetric(float64(bestJ.Nanoseconds())/calls, "jet2-ns/call")
	b.ReportMetric(float64(bestJ)/float64(bestA), "jet2/analytic")
}

// TestSeedJet2MatchesAnalytic checks that the benchmarked bodies agree, and
// the seed task's values at (2, 3) and (1.5, -1.5) against the closed forms.
func TestSeedJet2MatchesAnalytic(t *testing.T) {
	x, y := 0.1, -4.0
	for range 5000 {
		f, dx, dy := seedJet2(x, y)
		g, gx, gy := seedAnalytic(x, y)
		for _, p := range [][2]float64{{f, g}, {dx, gx}, {dy, gy}} {
			if math.Abs(p[0]-p[1]) > 1e-12*math.Max(1, math.Abs(p[1])) {
				t.Fatalf("at (%v, %v): jet2 %v, analytic %v", x, y, p[0], p[1])
			}
		}
		x, y = nextSeedPoint(x, y)
	}
	if allocs := testing.AllocsPerRun(100, func() { seedSink, _, _ = seedJet2(2, 3) }); allocs != 0 {
		t.Errorf("seedJet2 allocates %v times per call", allocs)
	}
}
