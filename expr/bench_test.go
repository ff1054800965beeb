package expr

import (
	"fmt"
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
	seedWorkers(b, n, func(opt BatchOptions) error { return p.EvalColumns(cols, values, partials, opt) })
}

// seedWorkers runs eval over the seed's n points as sub-benchmarks on one goroutine
// (expr) and on all cores (expr-parallel).
func seedWorkers(b *testing.B, n int64, eval func(BatchOptions) error) {
	for _, bc := range []struct {
		name    string
		workers int
	}{{"expr", 1}, {"expr-parallel", 0}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(n * 8 * 5) // two inputs read, three outputs written
			for b.Loop() {
				if err := eval(BatchOptions{Workers: bc.workers}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSeedBackward is the PyTorch view of BenchmarkSeedBatch: Backward's value
// and the gradient of sum(f) with respect to x and y at 1<<20 points, on one
// goroutine and on all cores, the result tensors allocated by each call as Backward
// does. The allocation dominates: about 20 ms a call on one goroutine on the Zen 5 VM
// of bench/README (session 15), where EvalColumns into the same columns each time
// takes under 3 ms; for inputs of one shape its partials are these gradients.
func BenchmarkSeedBackward(b *testing.B) {
	p := mustCompile(b, "sin(x*y)/sin(x)")
	rng := rand.New(rand.NewPCG(1, 1))
	const n = 1 << 20
	inputs := []Tensor{randomTensor(rng, []int{n}, 0.5, 2.5), randomTensor(rng, []int{n}, -3, 3)}
	seedWorkers(b, n, func(opt BatchOptions) error {
		_, _, err := p.Backward(inputs, opt)
		return err
	})
}

// BenchmarkSeedBatch32 is BenchmarkSeedBatch in float32 (EvalColumns32), at 1<<20
// points and at 1<<14, whose columns stay in cache, next to float64 at the same sizes.
func BenchmarkSeedBatch32(b *testing.B) {
	p := mustCompile(b, "sin(x*y)/sin(x)")
	rng := rand.New(rand.NewPCG(1, 1))
	for _, n := range []int{1 << 14, 1 << 20} {
		x, y := randomTensor(rng, []int{n}, 0.5, 2.5), randomTensor(rng, []int{n}, -3, 3)
		cols := [][]float64{x.Data, y.Data}
		values := [][]float64{make([]float64, n)}
		partials := [][][]float64{{make([]float64, n), make([]float64, n)}}
		cols32 := [][]float32{make([]float32, n), make([]float32, n)}
		for j := range cols32 {
			for i, v := range cols[j] {
				cols32[j][i] = float32(v)
			}
		}
		values32 := [][]float32{make([]float32, n)}
		partials32 := [][][]float32{{make([]float32, n), make([]float32, n)}}
		for _, workers := range []int{1, 0} {
			b.Run(fmt.Sprintf("n=%d/workers=%d/float64", n, workers), func(b *testing.B) {
				for b.Loop() {
					if err := p.EvalColumns(cols, values, partials, BatchOptions{Workers: workers}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/(float64(b.N)*float64(n)), "ns/point")
			})
			b.Run(fmt.Sprintf("n=%d/workers=%d/float32", n, workers), func(b *testing.B) {
				for b.Loop() {
					if err := p.EvalColumns32(cols32, values32, partials32, BatchOptions{Workers: workers}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/(float64(b.N)*float64(n)), "ns/point")
			})
		}
	}
}

// BenchmarkBatchWorkers evaluates the seed task on batches of a few blocks to a few
// hundred, on one goroutine, on two, and on the count Workers 0 picks (autoWorkers):
// the batch sizes at which a second goroutine starts to pay for its wake-up.
func BenchmarkBatchWorkers(b *testing.B) {
	p := mustCompile(b, "sin(x*y)/sin(x)")
	rng := rand.New(rand.NewPCG(1, 1))
	for _, n := range []int{1 << 14, 1 << 16, 1 << 18} {
		x, y := randomTensor(rng, []int{n}, 0.5, 2.5), randomTensor(rng, []int{n}, -3, 3)
		cols := [][]float64{x.Data, y.Data}
		values := [][]float64{make([]float64, n)}
		partials := [][][]float64{{make([]float64, n), make([]float64, n)}}
		for _, workers := range []int{1, 2, 0} {
			b.Run(fmt.Sprintf("n=%d/workers=%d", n, workers), func(b *testing.B) {
				for b.Loop() {
					if err := p.EvalColumns(cols, values, partials, BatchOptions{Workers: workers}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/(float64(b.N)*float64(n)), "ns/point")
			})
		}
	}
}

func BenchmarkGradientPoint(b *testing.B) {
	p := mustCompile(b, "sin(x*y)/sin(x)")
	x := []float64{2, 3}
	for b.Loop() {
		p.Gradient(x)
	}
}

func BenchmarkGradientToPoint(b *testing.B) {
	p := mustCompile(b, "sin(x*y)/sin(x)")
	x := []float64{2, 3}
	grad := make([]float64, 2)
	for b.Loop() {
		p.GradientTo(grad, x)
	}
}

func BenchmarkJVPPoint(b *testing.B) {
	p := mustCompile(b, "sin(x*y)/sin(x)")
	x, v := []float64{2, 3}, []float64{1, 0.5}
	for b.Loop() {
		p.JVP(x, v)
	}
}

func BenchmarkEvalPoint(b *testing.B) {
	p := mustCompile(b, "sin(x*y)/sin(x)")
	x := []float64{2, 3}
	for b.Loop() {
		p.Eval(x)
	}
}

// BenchmarkBatchLinearOps evaluates a program with a negation, scales and added
// constants, exp(-(x² + y²)·0.5)·(1 - 3xy), with both partials at 1<<20 points on
// one goroutine, through the blocks and through a vec.Sequence (which runs those
// operations as a float kernel per column).
func BenchmarkBatchLinearOps(b *testing.B) {
	blocksAndSequence(b, "exp(-(x*x + y*y)*0.5) * (1 - 3*x*y)", -2, 2)
}

// BenchmarkBatchTan is BenchmarkBatchLinearOps for tan(x)·y + x, x in [-1.5, 1.5]: a
// Sequence calls vec's fused tan kernel directly where its result is not its input.
func BenchmarkBatchTan(b *testing.B) { blocksAndSequence(b, "tan(x)*y + x", -1.5, 1.5) }

// blocksAndSequence evaluates src of x and y, both uniform in [lo, hi), with both
// partials at 1<<20 points on one goroutine, through the blocks and through a
// vec.Sequence.
func blocksAndSequence(b *testing.B, src string, lo, hi float64) {
	p := mustCompile(b, src)
	rng := rand.New(rand.NewPCG(1, 1))
	const n = 1 << 20
	x, y := randomTensor(rng, []int{n}, lo, hi), randomTensor(rng, []int{n}, lo, hi)
	cols := [][]float64{x.Data, y.Data}
	values := [][]float64{make([]float64, n)}
	partials := [][][]float64{{make([]float64, n), make([]float64, n)}}
	for _, sequence := range []bool{false, true} {
		name := map[bool]string{false: "blocks", true: "sequence"}[sequence]
		b.Run(name, func(b *testing.B) {
			defer func(saved bool) { useSequence = saved }(useSequence)
			useSequence = sequence
			b.SetBytes(n * 8 * 5)
			_ = p.EvalColumns(cols, values, partials, BatchOptions{Workers: 1}) // pages faulted in, workspace pooled
			for b.Loop() {
				if err := p.EvalColumns(cols, values, partials, BatchOptions{Workers: 1}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBatchConstOperands evaluates programs whose powers and divisions have a
// constant operand, which vec's pow and division kernels run with the constant as a
// register, with both partials at 1<<18 points on one goroutine (ns/point); x*y + y
// and pow(x, y)*y, two registers, for comparison.
func BenchmarkBatchConstOperands(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	const n = 1 << 18
	x, y := randomTensor(rng, []int{n}, 0.5, 2), randomTensor(rng, []int{n}, -2, 2)
	cols := [][]float64{x.Data, y.Data}
	values := [][]float64{make([]float64, n)}
	partials := [][][]float64{{make([]float64, n), make([]float64, n)}}
	for _, src := range []string{"x*y + y", "pow(x, y)*y", "x^3*y", "x^2.5*y", "2^x*y", "x/3*y", "2/x*y"} {
		p := mustCompile(b, src)
		b.Run(src, func(b *testing.B) {
			_ = p.EvalColumns(cols, values, partials, BatchOptions{Workers: 1}) // pages faulted in, workspace pooled
			for b.Loop() {
				if err := p.EvalColumns(cols, values, partials, BatchOptions{Workers: 1}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/point")
		})
	}
}
