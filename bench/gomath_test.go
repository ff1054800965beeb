package bench

import (
	"math"
	"testing"
)

// Go's math package as the scalar peer of the transcendental kernels (issue #3): a
// plain loop over the same n = 4096 inputs as BenchmarkKernel, reporting ns/elem.
// float32 goes through float64, the only way math offers.

// goMathCase is one math function with the domains of its BenchmarkKernel case.
type goMathCase struct {
	name   string
	unary  func(float64) float64
	binary func(x, y float64) float64
	d, d2  domain
}

// goMathCases lists the transcendental kernels of package vec with math's counterpart.
var goMathCases = []goMathCase{
	{name: "Exp", unary: math.Exp, d: expDom},
	{name: "Exp2", unary: math.Exp2, d: expDom},
	{name: "Expm1", unary: math.Expm1, d: expDom},
	{name: "Log", unary: math.Log, d: posDom},
	{name: "Log2", unary: math.Log2, d: posDom},
	{name: "Log10", unary: math.Log10, d: posDom},
	{name: "Log1p", unary: math.Log1p, d: posDom},
	{name: "Sin", unary: math.Sin, d: trigDom},
	{name: "Cos", unary: math.Cos, d: trigDom},
	{name: "Sincos", d: trigDom}, // two outputs: its own loop below
	{name: "Tan", unary: math.Tan, d: trigDom},
	{name: "Asin", unary: math.Asin, d: unitDom},
	{name: "Acos", unary: math.Acos, d: unitDom},
	{name: "Atan", unary: math.Atan, d: wideDom},
	{name: "Atan2", binary: math.Atan2, d: wideDom, d2: wideDom2},
	{name: "Sinh", unary: math.Sinh, d: wideDom},
	{name: "Cosh", unary: math.Cosh, d: wideDom},
	{name: "Tanh", unary: math.Tanh, d: wideDom},
	{name: "Asinh", unary: math.Asinh, d: wideDom},
	{name: "Acosh", unary: math.Acosh, d: acoshDom},
	{name: "Atanh", unary: math.Atanh, d: atanhDom},
	{name: "Pow", binary: math.Pow, d: posDom, d2: expoDom},
	{name: "Cbrt", unary: math.Cbrt, d: wideDom},
	{name: "Erf", unary: math.Erf, d: erfDom},
	{name: "Hypot", binary: math.Hypot, d: wideDom, d2: wideDom2},
}

// goMathLoop returns one pass of c over n inputs of type T and the output slice it fills.
func goMathLoop[T float32 | float64](c goMathCase, n int) (pass func(), out []T) {
	x, y, dst := column[T](n, c.d), column[T](n, c.d2), make([]T, n)
	switch {
	case c.unary != nil:
		return func() {
			for i, v := range x {
				dst[i] = T(c.unary(float64(v)))
			}
		}, dst
	case c.binary != nil:
		return func() {
			for i, v := range x {
				dst[i] = T(c.binary(float64(v), float64(y[i])))
			}
		}, dst
	default: // Sincos: sin into dst, cos into y (y is not an input)
		return func() {
			for i, v := range x {
				s, c := math.Sincos(float64(v))
				dst[i], y[i] = T(s), T(c)
			}
		}, dst
	}
}

// BenchmarkGoMath measures Go's math over the inputs of BenchmarkKernel, reporting
// ns/elem. Sub-benchmarks are named <Func>/<f64|f32>, with the kernel names of vec.
func BenchmarkGoMath(b *testing.B) {
	for _, c := range goMathCases {
		b.Run(c.name+"/f64", func(b *testing.B) {
			pass, _ := goMathLoop[float64](c, kernelN)
			timeCall(b, pass, kernelN, 0)
		})
		b.Run(c.name+"/f32", func(b *testing.B) {
			pass, _ := goMathLoop[float32](c, kernelN)
			timeCall(b, pass, kernelN, 0)
		})
	}
}

// TestGoMathCases checks that every case names a transcendental kernel of
// BenchmarkKernel and that its loop writes math's results for every element.
func TestGoMathCases(t *testing.T) {
	for _, c := range goMathCases {
		if _, ok := findKernel(c.name); !ok {
			t.Errorf("goMathCases: %q is not a kernel of BenchmarkKernel", c.name)
		}
		pass, out := goMathLoop[float64](c, 37)
		pass()
		x, y := column[float64](37, c.d), column[float64](37, c.d2)
		for i := range out {
			var want float64
			switch {
			case c.unary != nil:
				want = c.unary(x[i])
			case c.binary != nil:
				want = c.binary(x[i], y[i])
			default:
				want = math.Sin(x[i])
			}
			if math.Float64bits(out[i]) != math.Float64bits(want) {
				t.Errorf("%s: element %d (x=%v) is %v, math gives %v", c.name, i, x[i], out[i], want)
			}
		}
	}
}
