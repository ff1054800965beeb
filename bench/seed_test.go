package bench

import (
	"math"
	"testing"
)

// sink receives every benchmark's result so the compiler cannot drop the work.
var sink float64

// BenchmarkSeedPoint measures the value and both partials of f = sin(xy)/sin(x) at a
// point that moves every iteration, identically in every sub-benchmark. Each loop calls
// its implementation directly (not through SeedImpls' func values) so the compiler may
// inline it, as a user's code would.
func BenchmarkSeedPoint(b *testing.B) {
	b.Run("analytic", func(b *testing.B) {
		b.ReportAllocs()
		w := newPointWalk()
		acc := 0.0
		for range b.N {
			f, dx, dy := SeedAnalytic(w.next())
			acc += f + dx + dy
		}
		sink = acc
	})
	b.Run("dual", func(b *testing.B) {
		b.ReportAllocs()
		w := newPointWalk()
		acc := 0.0
		for range b.N {
			f, dx, dy := SeedDual(w.next())
			acc += f + dx + dy
		}
		sink = acc
	})
	b.Run("expr", func(b *testing.B) {
		b.ReportAllocs()
		w := newPointWalk()
		acc := 0.0
		for range b.N {
			f, dx, dy := SeedExprPoint(w.next())
			acc += f + dx + dy
		}
		sink = acc
	})
	b.Run("gonum-dual", func(b *testing.B) {
		b.ReportAllocs()
		w := newPointWalk()
		acc := 0.0
		for range b.N {
			f, dx, dy := SeedGonumDual(w.next())
			acc += f + dx + dy
		}
		sink = acc
	})
	b.Run("gonum-hyperdual", func(b *testing.B) {
		b.ReportAllocs()
		w := newPointWalk()
		acc := 0.0
		for range b.N {
			f, dx, dy := SeedGonumHyperdual(w.next())
			acc += f + dx + dy
		}
		sink = acc
	})
}

// closeTo reports whether got is within tol of want, relative to max(1, |want|).
func closeTo(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// TestSeedImplsAgree checks that every body BenchmarkSeedPoint times computes the same
// value and partials, along the very walk the benchmark takes.
func TestSeedImplsAgree(t *testing.T) {
	w := newPointWalk()
	for range 5000 {
		x, y := w.next()
		f0, dx0, dy0 := SeedAnalytic(x, y)
		for _, impl := range SeedImpls[1:] {
			f, dx, dy := impl.Eval(x, y)
			if !closeTo(f, f0, 1e-12) || !closeTo(dx, dx0, 1e-12) || !closeTo(dy, dy0, 1e-12) {
				t.Fatalf("%s(%v, %v) = (%v, %v, %v), analytic gives (%v, %v, %v)",
					impl.Name, x, y, f, dx, dy, f0, dx0, dy0)
			}
		}
	}
}

// TestSeedAnalyticMatchesFiniteDifferences guards the baseline itself: its partials
// must match central differences of its own value, an independent route to them.
func TestSeedAnalyticMatchesFiniteDifferences(t *testing.T) {
	value := func(x, y float64) float64 { return math.Sin(x*y) / math.Sin(x) }
	for _, p := range [][2]float64{{2, 3}, {1.5, -1.5}, {0.3, 3.9}, {3.0, -0.7}} {
		x, y := p[0], p[1]
		f, dx, dy := SeedAnalytic(x, y)
		const h = 1e-6
		fdx := (value(x+h, y) - value(x-h, y)) / (2 * h)
		fdy := (value(x, y+h) - value(x, y-h)) / (2 * h)
		if f != value(x, y) || !closeTo(dx, fdx, 1e-6) || !closeTo(dy, fdy, 1e-6) {
			t.Errorf("SeedAnalytic(%v, %v) = (%v, %v, %v), central differences give (%v, %v, %v)",
				x, y, f, dx, dy, value(x, y), fdx, fdy)
		}
	}
}

// TestPointWalkStaysInDomain checks the benchmark walk never leaves the seed domain,
// where sin(x) is bounded away from zero.
func TestPointWalkStaysInDomain(t *testing.T) {
	w := newPointWalk()
	for range 100000 {
		x, y := w.next()
		if x < SeedXMin || x >= SeedXMax || y < SeedYMin || y >= SeedYMax {
			t.Fatalf("walk left the domain at (%v, %v)", x, y)
		}
	}
}
