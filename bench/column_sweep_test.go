package bench

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/dualgrad/dualgrad/expr"
)

// sweepColumns are the input column counts of BenchmarkColumnSweep.
var sweepColumns = []int{2, 3, 4, 6, 8}

// BenchmarkColumnSweep measures f = Σ sin(x_i·x_{i+1}) over k input columns (k in
// sweepColumns), value and k partials at 1<<20 points on one goroutine (ns/point):
// the same kind of program read from more and more streams of memory. It is how the
// processor's own prefetchers were weighed against vec's hints
// (vec.HardwarePrefetchStreams, vec.Prefetcher).
func BenchmarkColumnSweep(b *testing.B) {
	const n = 1 << 20
	for _, k := range sweepColumns {
		p, cols, err := sweepProgram(k, n)
		if err != nil {
			b.Fatal(err)
		}
		values := [][]float64{make([]float64, n)}
		partials := [][][]float64{make([][]float64, k)}
		for i := range partials[0] {
			partials[0][i] = make([]float64, n)
		}
		eval := func() {
			if err := p.EvalColumns(cols, values, partials, expr.BatchOptions{Workers: 1}); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(fmt.Sprintf("k=%d", k), func(b *testing.B) {
			eval() // fault in the outputs before timing
			b.ResetTimer()
			for range b.N {
				eval()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/(float64(b.N)*n), "ns/point")
		})
	}
}

// sweepProgram compiles Σ_{i<k-1} sin(x_i·x_{i+1}) over x0 … x{k-1} and returns it
// with k columns of n points uniform in [-2, 2).
func sweepProgram(k, n int) (*expr.Program, [][]float64, error) {
	var terms []string
	vars := make([]string, k)
	for i := range vars {
		vars[i] = fmt.Sprintf("x%d", i)
		if i+1 < k {
			terms = append(terms, fmt.Sprintf("sin(x%d*x%d)", i, i+1))
		}
	}
	f, err := expr.Parse(strings.Join(terms, " + "))
	if err != nil {
		return nil, nil, err
	}
	p, err := f.Compile(vars)
	if err != nil {
		return nil, nil, err
	}
	cols := make([][]float64, k)
	for i := range cols {
		cols[i] = uniform(n, -2, 4, DefaultSeed+uint64(i))
	}
	return p, cols, nil
}

// TestColumnSweepAgrees checks the sweep's programs against the formula at a few
// points: the value and the partial with respect to each x_i.
func TestColumnSweepAgrees(t *testing.T) {
	for _, k := range sweepColumns {
		p, cols, err := sweepProgram(k, 64)
		if err != nil {
			t.Fatal(err)
		}
		v := make([]float64, 64)
		d := make([][]float64, k)
		for i := range d {
			d[i] = make([]float64, 64)
		}
		if err := p.EvalColumns(cols, [][]float64{v}, [][][]float64{d}, expr.BatchOptions{}); err != nil {
			t.Fatal(err)
		}
		for j := range v {
			want, grad := 0.0, make([]float64, k)
			for i := 0; i+1 < k; i++ {
				a, c := cols[i][j], cols[i+1][j]
				want += math.Sin(a * c)
				grad[i] += c * math.Cos(a*c)
				grad[i+1] += a * math.Cos(a*c)
			}
			if !closeTo(v[j], want, 1e-14) {
				t.Fatalf("k=%d point %d: value %v, want %v", k, j, v[j], want)
			}
			for i := range grad {
				if !closeTo(d[i][j], grad[i], 1e-14) {
					t.Fatalf("k=%d point %d: partial %d %v, want %v", k, j, i, d[i][j], grad[i])
				}
			}
		}
	}
}
