package bench

// The seed domain: x stays where sin(x) is well away from zero, y spans a few periods.
const (
	SeedXMin = 0.1  // smallest x of a seed point
	SeedXMax = 3.1  // largest x of a seed point
	SeedYMin = -4.0 // smallest y of a seed point
	SeedYMax = 4.0  // largest y of a seed point
)

// DefaultSeed is the generator seed shared by the Go benchmarks and the peers in
// bench/peers, so that all of them evaluate the same points.
const DefaultSeed = 0x5eed

// splitmix64 advances the state and returns the next output of the SplitMix64
// generator. It uses only wrapping 64-bit integer arithmetic, so C, Python and Go
// produce identical streams.
func splitmix64(state *uint64) uint64 {
	*state += 0x9e3779b97f4a7c15
	z := *state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// SeedPoints returns n points (xs[i], ys[i]) drawn uniformly from
// [SeedXMin, SeedXMax) × [SeedYMin, SeedYMax) by SplitMix64 started at seed.
//
// Each coordinate is a 50-bit random integer k (times 3 for x, still below 2^53 and so
// exact) scaled by a power of two, which is exact, plus one rounded addition:
// x = 0.1 + 3k·2^-50, y = −4 + k·2^-47. The result is the same whether or not a
// compiler fuses the multiply and add, so the C and Python peers get the same bits.
func SeedPoints(n int, seed uint64) (xs, ys []float64) {
	xs = make([]float64, n)
	ys = make([]float64, n)
	state := seed
	for i := range n {
		kx := splitmix64(&state) >> 14
		ky := splitmix64(&state) >> 14
		xs[i] = SeedXMin + float64(3*kx)*0x1p-50 // (SeedXMax-SeedXMin) = 3
		ys[i] = SeedYMin + float64(ky)*0x1p-47   // (SeedYMax-SeedYMin) = 8 = 2^3
	}
	return xs, ys
}

// pointWalk moves a point through the seed domain by a small irrational step per call,
// so a benchmark evaluates at a new point every iteration without a branch the
// predictor learns or a table that costs cache misses.
type pointWalk struct{ x, y float64 }

// newPointWalk starts a walk at the centre of the seed domain.
func newPointWalk() pointWalk { return pointWalk{x: 1.6, y: 0.5} }

// next returns the current point and advances the walk, wrapping at the domain edges.
func (w *pointWalk) next() (x, y float64) {
	x, y = w.x, w.y
	w.x += 0.0012345678901
	if w.x >= SeedXMax {
		w.x -= SeedXMax - SeedXMin
	}
	w.y += 0.0023456789012
	if w.y >= SeedYMax {
		w.y -= SeedYMax - SeedYMin
	}
	return x, y
}

// uniform returns n values uniform in [lo, lo+width) from SplitMix64 started at seed,
// as peers_uniform in bench/peers/peers.h. width must be a power of two, so the
// scaling is exact and only the addition rounds.
func uniform(n int, lo, width float64, seed uint64) []float64 {
	v := make([]float64, n)
	scale := width * 0x1p-53
	state := seed
	for i := range v {
		v[i] = lo + float64(splitmix64(&state)>>11)*scale
	}
	return v
}
