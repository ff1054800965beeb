package expr

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkSeedBatch evaluates the seed task, sin(xy)/sin(x) with both partials,
// at 1<<20 points, on one goroutine and on GOMAXPROCS goroutines.
func BenchmarkSeedBatch(b *testing.B) {
	p := mustCompile(b, "sin(x*y)/sin(x)")
	rng := rand.New(rand.NewPCG(1, 1))
	const n = 1 << 20
	x, y := randomTensor(rng, []int{n}, 0.5, 2.5), randomTensor(rng, []int{n}, -3, 3)
	cols := [][]float64{x.Data, y.Data}
	values := [][]float64{make([]float64, n)}
	partials := [][][]float64{{make([]float64, n), make([]float64, n)}}
	for _, bc := range []struct {
		name    string
		workers int
	}{{"expr", 1}, {"expr-parallel", 0}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(n * 8 * 5) // two inputs read, three outputs written
			for b.Loop() {
				if err := p.EvalColumns(cols, values, partials, BatchOptions{Workers: bc.workers}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkGradientPoint(b *testing.B) {
	p := mustCompile(b, "sin(x*y)/sin(x)")
	x := []float64{2, 3}
	for b.Loop() {
		p.Gradient(x)
	}
}
