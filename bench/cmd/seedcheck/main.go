// Command seedcheck prints the input fingerprints and output checksums of the Go
// implementations of the peer workloads, in the line format of the peers in
// bench/peers, so that bench/peers/run can check that every peer evaluated the same
// inputs and agrees with Go:
//
//	inputs <bits-sum of xs> <bits-sum of ys>
//	point <variant> - <f dfdx dfdy at (2,3)> <f dfdx dfdy at (1.5,-1.5)>
//	seed <variant> - <sum f> <sum df/dx> <sum df/dy>
//	seed32 <variant> - <sum f> <sum df/dx> <sum df/dy>
//	rosen <variant> <n> - <f> <sum of grad> <sum of (i+1)*grad[i]>
//
// point is f = sin(xy)/sin(x) with both partials at the seed notebook's two points,
// seed the same at bench.SeedBatchN points, seed32 in float32 at those points rounded
// to float32 (outputs summed in float64), rosen the Rosenbrock gradient at
// bench.RosenbrockStart(n). The "-" stands for the time, which only go test -bench
// measures.
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/dualgrad/dualgrad/bench"
)

// rosenbrockSizes are the sizes of BenchmarkRosenbrockGradient.
var rosenbrockSizes = []int{10, 100, 1000}

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "seedcheck:", err)
		os.Exit(1)
	}
}

// run writes the check lines of every Go implementation to w.
func run(w io.Writer) error {
	for _, impl := range bench.SeedImpls {
		f1, dx1, dy1 := impl.Eval(2, 3)
		f2, dx2, dy2 := impl.Eval(1.5, -1.5)
		fmt.Fprintf(w, "point go-%s - %.17g %.17g %.17g %.17g %.17g %.17g\n", impl.Name, f1, dx1, dy1, f2, dx2, dy2)
	}

	c := bench.NewSeedColumns(bench.SeedBatchN, bench.DefaultSeed)
	e, err := bench.NewSeedExpr(c)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "inputs %016x %016x\n", bench.BitsSum(c.X), bench.BitsSum(c.Y))
	for _, v := range []struct {
		name string
		eval func() error
	}{
		{"go-analytic", func() error { c.EvalAnalytic(); return nil }},
		{"go-dual", func() error { c.EvalDual(); return nil }},
		{"go-gonum-dual", func() error { c.EvalGonumDual(); return nil }},
		{"go-expr", func() error { return e.Eval(0) }},
	} {
		if err := v.eval(); err != nil {
			return fmt.Errorf("%s: %w", v.name, err)
		}
		f, dx, dy := c.Sums()
		fmt.Fprintf(w, "seed %s - %.17g %.17g %.17g\n", v.name, f, dx, dy)
	}

	c32 := bench.NewSeedColumns32(c)
	e32, err := bench.NewSeedExpr32(c32)
	if err != nil {
		return err
	}
	for _, v := range []struct {
		name string
		eval func() error
	}{
		{"go-analytic-f32", func() error { c32.EvalAnalytic(); return nil }},
		{"go-expr-f32", func() error { return e32.Eval(0) }},
	} {
		if err := v.eval(); err != nil {
			return fmt.Errorf("%s: %w", v.name, err)
		}
		f, dx, dy := c32.Sums()
		fmt.Fprintf(w, "seed32 %s - %.17g %.17g %.17g\n", v.name, f, dx, dy)
	}

	for _, n := range rosenbrockSizes {
		x := bench.RosenbrockStart(n)
		grad := make([]float64, n)
		var dg bench.DualGradient
		var gg bench.GonumGradient
		for _, v := range []struct {
			name     string
			gradient func(grad, x []float64) float64
		}{
			{"go-hand", bench.RosenbrockHand},
			{"go-dual", dg.Rosenbrock},
			{"go-gonum-dual", gg.Rosenbrock},
		} {
			f := v.gradient(grad, x)
			sum, weighted := 0.0, 0.0
			for i, g := range grad {
				sum += g
				weighted += float64(i+1) * g
			}
			fmt.Fprintf(w, "rosen %s %d - %.17g %.17g %.17g\n", v.name, n, f, sum, weighted)
		}
	}
	return nil
}
