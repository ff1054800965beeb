// Command seedcheck prints the input fingerprints and output checksums of the Go
// implementations of the seed batch (f = sin(xy)/sin(x) and both partials at
// bench.SeedBatchN points), in the line format of the peers in bench/peers, so that
// bench/peers/run can check that every peer evaluated the same points and agrees.
//
// Output lines:
//
//	inputs <bits-sum of xs> <bits-sum of ys>
//	seed <variant> - <sum f> <sum df/dx> <sum df/dy>
//
// The "-" stands for the time, which only go test -bench measures.
package main

import (
	"fmt"
	"os"

	"github.com/dualgrad/dualgrad/bench"
)

func main() {
	c := bench.NewSeedColumns(bench.SeedBatchN, bench.DefaultSeed)
	e, err := bench.NewSeedExpr(c)
	if err != nil {
		fmt.Fprintln(os.Stderr, "seedcheck:", err)
		os.Exit(1)
	}
	fmt.Printf("inputs %016x %016x\n", bench.BitsSum(c.X), bench.BitsSum(c.Y))
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
			fmt.Fprintf(os.Stderr, "seedcheck: %s: %v\n", v.name, err)
			os.Exit(1)
		}
		f, dx, dy := c.Sums()
		fmt.Printf("seed %s - %.17g %.17g %.17g\n", v.name, f, dx, dy)
	}
}
