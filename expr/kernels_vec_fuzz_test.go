package expr

import (
	"math"
	"testing"

	"github.com/dualgrad/dualgrad/vec"
)

// vecFuzzSources are one-instruction programs whose batch instruction runs on one of
// vec's dual kernels (see kernels_vec.go).
var vecFuzzSources = []string{
	"sin(x)", "cos(x)", "tan(x)", "asin(x)", "acos(x)", "atan(x)",
	"sinh(x)", "cosh(x)", "tanh(x)", "asinh(x)", "acosh(x)", "atanh(x)", "exp(x)", "exp2(x)", "expm1(x)",
	"log(x)", "log2(x)", "log10(x)", "log1p(x)", "sqrt(x)", "cbrt(x)", "abs(x)", "erf(x)", "-x",
	"x + y", "x - y", "x * y", "x / y", "x ^ y", "atan2(x, y)", "min(x, y)", "max(x, y)", "hypot(x, y)",
}

// fuzzTolerance is looser than vecTolerance, and absolute below 1, because point and
// batch evaluation use different algorithms for many values (package dual takes some
// from Go's math, within 2.4 ulps, vec's are within 1) and form some derivatives
// differently, and fuzzed arguments reach ill-conditioned places where those
// differences grow. The differences this target looks for are qualitative (NaN
// against 0, 0 against e^x, -Inf against +Inf), and those fail any tolerance.
const fuzzTolerance = 1e-10

// vecClose reports whether a result of vec's kernels matches point evaluation: NaN
// exactly where point evaluation has NaN; the same infinity (or a finite value at the
// edge of overflow, a last-ulp difference); zero only where the other is zero or
// subnormal, which catches a derivative lost to cancellation or underflow; and
// otherwise within fuzzTolerance, relative above 1 and absolute below, as agree in
// batch_test.go.
func vecClose(got, want float64) bool {
	return closeAtScale(got, want, fuzzTolerance, math.MaxFloat64, 0x1p-1020)
}

// closeAtScale is vecClose for a float type whose largest finite value is maxFinite
// and whose subnormals lie below tiny, with relative tolerance tol.
func closeAtScale(got, want, tol, maxFinite, tiny float64) bool {
	if math.IsNaN(got) || math.IsNaN(want) {
		return math.IsNaN(got) && math.IsNaN(want)
	}
	if math.IsInf(got, 0) || math.IsInf(want, 0) {
		finite, inf := got, want
		if math.IsInf(got, 0) {
			finite, inf = want, got
		}
		return finite == inf || math.Signbit(finite) == math.Signbit(inf) && math.Abs(finite) >= maxFinite*(1-tol)
	}
	if got == 0 || want == 0 {
		return math.Abs(got-want) < tiny
	}
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// correctGoMath fixes the point results v (value) and jac (partials) of src at x
// where Go's math, and so package dual, is known to be wrong by more than any
// tolerance:
//   - math.Atan2(y, x) with x < 0 and y/x underflowing to 0 returns π whatever the
//     sign of y (it takes the sign from the quotient); the result is ±π with y's sign.
//   - math.Exp on amd64 returns +Inf above x ≈ 709.436, although e^x is finite up to
//     x ≈ 709.78 (math.Exp(709.5) = +Inf, e^709.5 ≈ 1.35e308).
//   - math.Sinh and math.Cosh overflow to ±Inf for 709.436 < |x| <= 710.47, where
//     e^|x|/2 does not.
func correctGoMath(src string, x []float64, v []float64, jac [][]float64) {
	const lnMax = 709.782712893384 // e^x overflows above
	switch src {
	case "exp(x)":
		if x[0] > 709 && x[0] < lnMax {
			e := math.Exp(x[0]-1) * math.E // within 1e-13 relative, below math.Exp's early overflow
			v[0], jac[0][0] = e, e
		}
	case "atan2(x, y)":
		if y, xx := x[0], x[1]; y != 0 && xx < 0 && y/xx == 0 {
			v[0] = math.Copysign(math.Pi, y)
		}
	case "sinh(x)", "cosh(x)":
		const lnTwiceMax = 710.4758600739439 // ln(2·MaxFloat64)
		if a := math.Abs(x[0]); a > 709 && a < lnTwiceMax {
			half := math.Exp(a-math.Ln2-1) * math.E // e^|x|/2 within 1e-13, below math.Exp's early overflow
			odd := math.Copysign(half, x[0])
			if src == "sinh(x)" {
				v[0], jac[0][0] = odd, half
			} else {
				v[0], jac[0][0] = half, odd
			}
		}
	}
}

// neighbours returns v and values around it that stress special cases: its negation,
// the next floats on either side, and half and double of it.
func neighbours(v float64) []float64 {
	return []float64{v, -v, math.Nextafter(v, math.Inf(1)), math.Nextafter(v, math.Inf(-1)), v / 2, v * 2}
}

// FuzzVecKernelsVsPoint evaluates one function or operator over a batch built around
// the fuzzed arguments with vec's kernels, on every level, and compares values and
// partials with point evaluation (package dual) within vecTolerance. Unlike
// FuzzBatchVsPoint, whose random expressions amplify last-ulp differences, one
// instruction keeps vec's error bound, so special values and derivative conventions
// must agree exactly.
func FuzzVecKernelsVsPoint(f *testing.F) {
	index := func(src string) uint8 {
		for i, s := range vecFuzzSources {
			if s == src {
				return uint8(i)
			}
		}
		panic("no source " + src)
	}
	inf, nan := math.Inf(1), math.NaN()
	f.Add(index("expm1(x)"), -40.0, 0.0)
	f.Add(index("atan2(x, y)"), inf, 2.0)
	f.Add(index("atan2(x, y)"), 1e200, 1e-200)
	f.Add(index("min(x, y)"), -inf, nan)
	f.Add(index("max(x, y)"), nan, inf)
	f.Add(index("x ^ y"), inf, -1.0)
	f.Add(index("x ^ y"), 0.0, 0.0)
	f.Add(index("x ^ y"), 0.5, 1100.0)
	f.Add(index("cos(x)"), 1e8, 0.0)
	f.Add(index("tan(x)"), 1.5707963267948966, 0.0)
	f.Fuzz(func(t *testing.T, op uint8, a, b float64) {
		src := vecFuzzSources[int(op)%len(vecFuzzSources)]
		p := mustCompile(t, src)
		xs, ys := neighbours(a), neighbours(b)
		inputs := []Tensor{{Shape: []int{len(xs), 1}, Data: xs}, {Shape: []int{1, len(ys)}, Data: ys}}
		inputs = inputs[:len(p.Vars())]
		defer func(level string) {
			if err := vec.SetLevel(level); err != nil {
				t.Fatal(err)
			}
		}(vec.Level())
		for _, level := range vec.Levels() {
			if err := vec.SetLevel(level); err != nil {
				t.Fatal(err)
			}
			checkVecAgainstPoint(t, level, src, p, inputs)
		}
	})
}

// checkVecAgainstPoint evaluates p over the batch with vec's kernels and compares
// every value and partial with point evaluation using vecClose.
func checkVecAgainstPoint(t *testing.T, level, src string, p *Program, inputs []Tensor) {
	t.Helper()
	if !useVec {
		t.Fatal("vec kernels are switched off")
	}
	values, partials, err := p.EvalBatch(inputs, BatchOptions{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	shapes := make([][]int, len(inputs))
	for i, in := range inputs {
		shapes[i] = in.Shape
	}
	shape, _ := Broadcast(shapes...)
	n, _ := numElements(shape)
	for i := range n {
		x := pointAt(inputs, shape, i)
		v, jac := p.Partials(x, nil)
		correctGoMath(src, x, v, jac)
		if !vecClose(values[0].Data[i], v[0]) {
			t.Fatalf("%s on %s at %v: batch value %v, point %v", p.outSrc[0], level, x, values[0].Data[i], v[0])
		}
		for k := range jac[0] {
			if !vecClose(partials[0][k].Data[i], jac[0][k]) {
				t.Fatalf("%s on %s at %v: batch partial %d %v, point %v", p.outSrc[0], level, x, k, partials[0][k].Data[i], jac[0][k])
			}
		}
	}
}
