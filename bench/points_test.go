package bench

import "testing"

// TestSplitMix64KnownAnswer pins the generator to the published SplitMix64 outputs for
// seed 1234567, which the C and Python peers must reproduce too.
func TestSplitMix64KnownAnswer(t *testing.T) {
	want := []uint64{6457827717110365317, 3203168211198807973, 9817491932198370423,
		4593380528125082431, 16408922859458223821}
	state := uint64(1234567)
	for i, w := range want {
		if got := splitmix64(&state); got != w {
			t.Fatalf("output %d = %d, want %d", i, got, w)
		}
	}
}

// TestSeedPointsDomainAndSpread checks the points stay in the seed domain, are the
// same for the same seed, and fill the domain: every tenth of each axis gets close to
// its share of the points.
func TestSeedPointsDomainAndSpread(t *testing.T) {
	const n = 100000
	xs, ys := SeedPoints(n, DefaultSeed)
	xs2, ys2 := SeedPoints(n, DefaultSeed)
	var xBins, yBins [10]int
	for i := range n {
		x, y := xs[i], ys[i]
		if x < SeedXMin || x >= SeedXMax || y < SeedYMin || y >= SeedYMax {
			t.Fatalf("point %d = (%v, %v) is outside the seed domain", i, x, y)
		}
		if x != xs2[i] || y != ys2[i] {
			t.Fatalf("point %d differs between two calls with the same seed", i)
		}
		xBins[int((x-SeedXMin)/(SeedXMax-SeedXMin)*10)]++
		yBins[int((y-SeedYMin)/(SeedYMax-SeedYMin)*10)]++
	}
	for b := range 10 {
		// n/10 = 10000 expected per bin, standard deviation about 95.
		if xBins[b] < 9500 || xBins[b] > 10500 || yBins[b] < 9500 || yBins[b] > 10500 {
			t.Fatalf("bin %d holds %d x and %d y values, want about %d", b, xBins[b], yBins[b], n/10)
		}
	}
	other, _ := SeedPoints(1, DefaultSeed+1)
	if other[0] == xs[0] {
		t.Errorf("seeds %d and %d give the same first x %v", DefaultSeed, DefaultSeed+1, xs[0])
	}
}
