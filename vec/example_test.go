package vec_test

import (
	"fmt"
	"math"

	"github.com/dualgrad/dualgrad/vec"
)

func ExampleSin() {
	x := []float64{0, 0.5, 1, 2}
	dst := make([]float64, len(x))
	vec.Sin(dst, x)
	fmt.Printf("%.6f\n", dst)
	// Output: [0.000000 0.479426 0.841471 0.909297]
}

func ExampleSincos() {
	x := []float32{0, 1}
	s, c := make([]float32, 2), make([]float32, 2)
	vec.Sincos(s, c, x)
	fmt.Printf("sin %.5f cos %.5f\n", s, c)
	// Output: sin [0.00000 0.84147] cos [1.00000 0.54030]
}

func ExampleAxpy() {
	x := []float64{1, 2, 3}
	y := []float64{10, 20, 30}
	vec.Axpy(y, 2, x, y) // in place: y = 2x + y
	fmt.Println(y)
	// Output: [12 24 36]
}

func ExampleDot() {
	fmt.Println(vec.Dot([]float64{1, 2, 3}, []float64{4, 5, 6}))
	// Output: 32
}

// The gradient of f = x^3 + y^2 over a batch, as in PyTorch's autograd: tangent
// column 0 carries d/dx, column 1 carries d/dy.
func ExampleDualPow() {
	n := 3
	x := vec.NewDual[float64](n, 2)
	y := vec.NewDual[float64](n, 2)
	three := vec.NewDual[float64](n, 2)
	copy(x.V, []float64{2, 3, 2})
	copy(y.V, []float64{4, 5, 5})
	for i := range n {
		x.D[0][i], y.D[1][i], three.V[i] = 1, 1, 3
	}
	x3, y2, f := vec.NewDual[float64](n, 2), vec.NewDual[float64](n, 2), vec.NewDual[float64](n, 2)
	vec.DualPow(x3, x, three)
	vec.DualMul(y2, y, y)
	vec.DualAdd(f, x3, y2)
	fmt.Println("f     ", f.V)
	fmt.Println("df/dx ", f.D[0])
	fmt.Println("df/dy ", f.D[1])
	// Output:
	// f      [24 52 33]
	// df/dx  [12 27 12]
	// df/dy  [8 10 10]
}

// Partial derivatives of f = sin(x y)/sin(x) at (2, 3) and (1.5, -1.5) in one pass
// (the expected values were checked with mpmath's numerical differentiation).
func ExampleDualSin() {
	x := vec.Dual[float64]{V: []float64{2, 1.5}, D: [][]float64{{1, 1}, {0, 0}}}
	y := vec.Dual[float64]{V: []float64{3, -1.5}, D: [][]float64{{0, 0}, {1, 1}}}
	xy, num, den, f := vec.NewDual[float64](2, 2), vec.NewDual[float64](2, 2), vec.NewDual[float64](2, 2), vec.NewDual[float64](2, 2)
	vec.DualMul(xy, x, y)
	vec.DualSin(num, xy)
	vec.DualSin(den, x)
	vec.DualDiv(f, num, den)
	for i := range f.V {
		fmt.Printf("(%v, %v): df/dx = %.6f, df/dy = %.6f\n", x.V[i], y.V[i], f.D[0][i], f.D[1][i])
	}
	// Output:
	// (2, 3): df/dx = 3.027210, df/dy = 2.111895
	// (1.5, -1.5): df/dx = 0.999942, df/dy = -0.944627
}

func ExampleLevel() {
	fmt.Println(vec.Levels()[0])
	// Output: generic
}

// SetLevel switches kernels in-process, for instance to compare a SIMD level with the
// pure-Go oracle.
func ExampleSetLevel() {
	prev := vec.Level()
	if err := vec.SetLevel("generic"); err != nil {
		fmt.Println(err)
	}
	fmt.Println(vec.Level())
	err := vec.SetLevel("sse9") // unknown: an error, and the level stays
	fmt.Println(err != nil, vec.Level())
	_ = vec.SetLevel(prev)
	// Output:
	// generic
	// true generic
}

// The partials of the distance from the origin, r = hypot(x, y), at (3, 4) and at
// (3e300, 4e300), where x² + y² would overflow: x/r and y/r.
func ExampleDualHypot() {
	x := vec.Dual[float64]{V: []float64{3, 3e300}, D: [][]float64{{1, 1}, {0, 0}}}
	y := vec.Dual[float64]{V: []float64{4, 4e300}, D: [][]float64{{0, 0}, {1, 1}}}
	r := vec.NewDual[float64](2, 2)
	vec.DualHypot(r, x, y)
	fmt.Println(r.V, r.D[0], r.D[1])
	// Output: [5 5e+300] [0.6 0.6] [0.8 0.8]
}

// Min follows math.Min: -Inf wins even against NaN.
func ExampleMin() {
	dst := make([]float64, 3)
	vec.Min(dst, []float64{math.Inf(-1), math.NaN(), 2}, []float64{math.NaN(), 1, 0})
	fmt.Println(dst)
	// Output: [-Inf NaN 0]
}

// A batch computed in blocks: while the kernels of one block run, they request the
// next block's inputs from memory a few cache lines at a time.
func ExamplePrefetcher() {
	const n, block = 1 << 16, 4096
	x, dx := make([]float64, n), make([]float64, n)
	for i := range x {
		x[i], dx[i] = float64(i)/n, 1
	}
	var ahead vec.Prefetcher
	out := vec.NewDual[float64](block, 1)
	out.Ahead = &ahead
	sum := 0.0
	for lo := 0; lo < n; lo += block {
		if next := lo + block; next < n {
			vec.AddPrefetch(&ahead, x[next:next+block])
			vec.AddPrefetch(&ahead, dx[next:next+block])
		}
		vec.DualSin(out, vec.Dual[float64]{V: x[lo : lo+block], D: [][]float64{dx[lo : lo+block]}})
		ahead.Reset() // whatever the kernel did not request is left to the hardware
		sum += vec.Sum(out.D[0])
	}
	fmt.Printf("mean of cos(x) over [0, 1): %.2f\n", sum/n)
	// Output: mean of cos(x) over [0, 1): 0.84
}

// A Sequence runs sin(x*y) with its partials in x and y; over long columns it runs
// them piece by piece, the product held in a scratch column that stays in the cache.
func ExampleSequence() {
	x := []float64{0.5, 1, 1.5, 2}
	y := []float64{2, 3, 4, 5}
	xy := make([]float64, len(x)) // scratch
	f := vec.Dual[float64]{V: make([]float64, 4), D: [][]float64{make([]float64, 4), make([]float64, 4)}}

	var s vec.Sequence[float64]
	s.Scratch(xy)
	s.Mul(xy, x, y)
	// d(xy)/dx = y and d(xy)/dy = x: the tangents of the product are the inputs.
	s.DualSin(f, vec.Dual[float64]{V: xy, D: [][]float64{y, x}})
	s.Run()
	for i := range x {
		fmt.Printf("sin(%g·%g) = %.4f, ∂x = %.4f, ∂y = %.4f\n", x[i], y[i], f.V[i], f.D[0][i], f.D[1][i])
	}
	// Output:
	// sin(0.5·2) = 0.8415, ∂x = 1.0806, ∂y = 0.2702
	// sin(1·3) = 0.1411, ∂x = -2.9700, ∂y = -0.9900
	// sin(1.5·4) = -0.2794, ∂x = 3.8407, ∂y = 1.4403
	// sin(2·5) = -0.5440, ∂x = -4.1954, ∂y = -1.6781
}
