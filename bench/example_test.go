package bench_test

import (
	"fmt"

	"github.com/dualgrad/dualgrad/bench"
)

// The seed notebook's task, the partials of sin(xy)/sin(x) at (2, 3) and (1.5, −1.5),
// from the hand-written baseline and from dualgrad's one-pass dual number.
func ExampleSeedDual() {
	for _, p := range [][2]float64{{2, 3}, {1.5, -1.5}} {
		f, dfdx, dfdy := bench.SeedDual(p[0], p[1])
		fa, dxa, dya := bench.SeedAnalytic(p[0], p[1])
		fmt.Printf("(%g, %g): f = %.6f, df/dx = %.6f, df/dy = %.6f\n", p[0], p[1], f, dfdx, dfdy)
		fmt.Printf("analytic: f = %.6f, df/dx = %.6f, df/dy = %.6f\n", fa, dxa, dya)
	}
	// Output:
	// (2, 3): f = -0.307287, df/dx = 3.027210, df/dy = 2.111895
	// analytic: f = -0.307287, df/dx = 3.027210, df/dy = 2.111895
	// (1.5, -1.5): f = -0.780027, df/dx = 0.999942, df/dy = -0.944627
	// analytic: f = -0.780027, df/dx = 0.999942, df/dy = -0.944627
}

// The points every batch benchmark and peer evaluates: the same bits in Go, C and Python.
func ExampleSeedPoints() {
	xs, ys := bench.SeedPoints(bench.SeedBatchN, bench.DefaultSeed)
	fmt.Printf("%d points, fingerprint %016x %016x\n", len(xs), bench.BitsSum(xs), bench.BitsSum(ys))
	// Output:
	// 1048576 points, fingerprint d204a4e9b2f5fc22 4241e75c5f48db10
}
