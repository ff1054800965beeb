package bench

import (
	"fmt"
	"math"

	"github.com/dualgrad/dualgrad/expr"
)

// SeedBatchN is the number of points BenchmarkSeedBatch and the peers in bench/peers
// evaluate: 1<<20.
const SeedBatchN = 1 << 20

// SeedColumns holds the inputs and outputs of a batch evaluation of the seed function:
// one column per input (X, Y) and per output (F, DFDX, DFDY), all the same length.
type SeedColumns struct {
	X, Y          []float64 // the points
	F, DFDX, DFDY []float64 // value and partials at each point
}

// NewSeedColumns returns n points from SeedPoints(n, seed) with zeroed output columns.
func NewSeedColumns(n int, seed uint64) *SeedColumns {
	xs, ys := SeedPoints(n, seed)
	return &SeedColumns{X: xs, Y: ys, F: make([]float64, n), DFDX: make([]float64, n), DFDY: make([]float64, n)}
}

// check panics unless every column has the same length.
func (c *SeedColumns) check(op string) {
	n := len(c.X)
	if len(c.Y) != n || len(c.F) != n || len(c.DFDX) != n || len(c.DFDY) != n {
		panic(fmt.Sprintf("bench: %s: column lengths differ: X %d, Y %d, F %d, DFDX %d, DFDY %d",
			op, n, len(c.Y), len(c.F), len(c.DFDX), len(c.DFDY)))
	}
}

// EvalAnalytic fills the output columns with the hand-written loop: SeedAnalytic at
// every point.
func (c *SeedColumns) EvalAnalytic() {
	c.check("EvalAnalytic")
	f, dx, dy, ys := c.F, c.DFDX, c.DFDY, c.Y
	for i, x := range c.X {
		y := ys[i]
		sxy, cxy := math.Sincos(x * y)
		sx, cx := math.Sincos(x)
		f[i] = sxy / sx
		dx[i] = (y*cxy*sx - sxy*cx) / (sx * sx)
		dy[i] = x * cxy / sx
	}
}

// EvalDual fills the output columns with SeedDual (dualgrad's Jet2) at every point.
func (c *SeedColumns) EvalDual() {
	c.check("EvalDual")
	f, dx, dy, ys := c.F, c.DFDX, c.DFDY, c.Y
	for i, x := range c.X {
		f[i], dx[i], dy[i] = SeedDual(x, ys[i])
	}
}

// EvalGonumDual fills the output columns with SeedGonumDual (gonum's num/dual, one
// pass per partial) at every point.
func (c *SeedColumns) EvalGonumDual() {
	c.check("EvalGonumDual")
	f, dx, dy, ys := c.F, c.DFDX, c.DFDY, c.Y
	for i, x := range c.X {
		f[i], dx[i], dy[i] = SeedGonumDual(x, ys[i])
	}
}

// SeedSource is the seed function as text for package expr.
const SeedSource = "sin(x*y)/sin(x)"

// SeedExpr evaluates the seed function over SeedColumns with a compiled expr.Program,
// holding the column slices EvalColumns takes so that steady-state calls do not
// allocate.
type SeedExpr struct {
	prog     *expr.Program
	cols     [][]float64
	values   [][]float64
	partials [][][]float64
}

// compileSeed parses and compiles SeedSource for inputs (x, y).
func compileSeed() (*expr.Program, error) {
	f, err := expr.Parse(SeedSource)
	if err != nil {
		return nil, err
	}
	return f.Compile([]string{"x", "y"})
}

// NewSeedExpr parses and compiles SeedSource for inputs (x, y) and binds it to c.
func NewSeedExpr(c *SeedColumns) (*SeedExpr, error) {
	c.check("NewSeedExpr")
	prog, err := compileSeed()
	if err != nil {
		return nil, err
	}
	return &SeedExpr{
		prog:     prog,
		cols:     [][]float64{c.X, c.Y},
		values:   [][]float64{c.F},
		partials: [][][]float64{{c.DFDX, c.DFDY}},
	}, nil
}

// Eval fills the output columns with expr's batch evaluation on the given number of
// goroutines (0 means up to GOMAXPROCS; the 1<<20 points of the benchmark use them all).
func (e *SeedExpr) Eval(workers int) error {
	return e.prog.EvalColumns(e.cols, e.values, e.partials, expr.BatchOptions{Workers: workers})
}

// Sums returns the sums of the output columns in index order: the checksum the peers
// in bench/peers print for the same points.
func (c *SeedColumns) Sums() (f, dfdx, dfdy float64) {
	for i := range c.F {
		f += c.F[i]
		dfdx += c.DFDX[i]
		dfdy += c.DFDY[i]
	}
	return f, dfdx, dfdy
}

// BitsSum returns the wrapping sum of the IEEE 754 bit patterns of v: an exact,
// order-independent fingerprint that shows two programs used identical inputs.
func BitsSum(v []float64) uint64 {
	var s uint64
	for _, x := range v {
		s += math.Float64bits(x)
	}
	return s
}

// SeedColumns32 is SeedColumns in float32: the same points, each coordinate rounded
// once to float32, with float32 output columns.
type SeedColumns32 struct {
	X, Y          []float32
	F, DFDX, DFDY []float32
}

// NewSeedColumns32 returns the points of c rounded to float32, with zeroed outputs.
func NewSeedColumns32(c *SeedColumns) *SeedColumns32 {
	c.check("NewSeedColumns32")
	n := len(c.X)
	c32 := &SeedColumns32{X: make([]float32, n), Y: make([]float32, n),
		F: make([]float32, n), DFDX: make([]float32, n), DFDY: make([]float32, n)}
	for i := range n {
		c32.X[i], c32.Y[i] = float32(c.X[i]), float32(c.Y[i])
	}
	return c32
}

// EvalAnalytic fills the output columns with SeedAnalytic computed in float64 at the
// float32 points and rounded: the reference the float32 evaluations are checked
// against.
func (c *SeedColumns32) EvalAnalytic() {
	for i, x := range c.X {
		f, dx, dy := SeedAnalytic(float64(x), float64(c.Y[i]))
		c.F[i], c.DFDX[i], c.DFDY[i] = float32(f), float32(dx), float32(dy)
	}
}

// Sums returns the sums of the output columns in index order, added in float64.
func (c *SeedColumns32) Sums() (f, dfdx, dfdy float64) {
	for i := range c.F {
		f += float64(c.F[i])
		dfdx += float64(c.DFDX[i])
		dfdy += float64(c.DFDY[i])
	}
	return f, dfdx, dfdy
}

// SeedExpr32 evaluates the seed function over SeedColumns32 with EvalColumns32.
type SeedExpr32 struct {
	prog     *expr.Program
	cols     [][]float32
	values   [][]float32
	partials [][][]float32
}

// NewSeedExpr32 parses and compiles SeedSource for inputs (x, y) and binds it to c.
func NewSeedExpr32(c *SeedColumns32) (*SeedExpr32, error) {
	prog, err := compileSeed()
	if err != nil {
		return nil, err
	}
	return &SeedExpr32{
		prog:     prog,
		cols:     [][]float32{c.X, c.Y},
		values:   [][]float32{c.F},
		partials: [][][]float32{{c.DFDX, c.DFDY}},
	}, nil
}

// Eval fills the output columns with expr's float32 batch evaluation on the given
// number of goroutines (0 means up to GOMAXPROCS).
func (e *SeedExpr32) Eval(workers int) error {
	return e.prog.EvalColumns32(e.cols, e.values, e.partials, expr.BatchOptions{Workers: workers})
}
