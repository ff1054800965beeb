package vec

import (
	"bufio"
	"compress/gzip"
	"math"
	"math/big"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// refCase is one point of the high-precision reference (testdata/ref.txt.gz, made by
// testdata/gen_ref.py with mpmath).
type refCase struct {
	x, y  float64    // inputs (y only for atan2 and pow)
	exact *big.Float // exact result, 40 significant digits
}

var (
	refOnce  sync.Once
	refCases map[string][]refCase // key: name + "/" + bits
	refErr   error
)

// loadRef reads the reference file once.
func loadRef(t *testing.T) map[string][]refCase {
	t.Helper()
	refOnce.Do(func() {
		refCases = map[string][]refCase{}
		f, err := os.Open("testdata/ref.txt.gz")
		if err != nil {
			refErr = err
			return
		}
		defer f.Close()
		z, err := gzip.NewReader(f)
		if err != nil {
			refErr = err
			return
		}
		sc := bufio.NewScanner(z)
		for sc.Scan() {
			fields := strings.Fields(sc.Text())
			var c refCase
			c.x, err = strconv.ParseFloat(fields[2], 64)
			if err == nil && len(fields) == 5 {
				c.y, err = strconv.ParseFloat(fields[3], 64)
			}
			if err != nil {
				refErr = err
				return
			}
			c.exact, _, err = big.ParseFloat(fields[len(fields)-1], 10, 200, big.ToNearestEven)
			if err != nil {
				refErr = err
				return
			}
			key := fields[0] + "/" + fields[1]
			refCases[key] = append(refCases[key], c)
		}
		refErr = sc.Err()
	})
	if refErr != nil {
		t.Fatalf("reading testdata/ref.txt.gz: %v", refErr)
	}
	return refCases
}

// ulpError returns |got - exact| in units of the last place of exact's binade in a
// float type with the given significand bits (53 or 24) and minimum normal exponent.
func ulpError(got float64, exact *big.Float, mantBits, minExp int) float64 {
	if math.IsNaN(got) || math.IsInf(got, 0) {
		return math.Inf(1)
	}
	e := minExp
	if exact.Sign() != 0 {
		e = max(exact.MantExp(nil)-1, minExp)
	}
	ulp := new(big.Float).SetPrec(200).SetMantExp(big.NewFloat(1), e-(mantBits-1))
	d := new(big.Float).SetPrec(200).Sub(new(big.Float).SetPrec(200).SetFloat64(got), exact)
	d.Quo(d.Abs(d), ulp)
	r, _ := d.Float64()
	return r
}

// unaryKernels64 and unaryKernels32 name the public unary kernels by reference name.
var unaryKernels64 = map[string]func(dst, x []float64){
	"exp": Exp[float64], "exp2": Exp2[float64], "expm1": Expm1[float64],
	"log": Log[float64], "log2": Log2[float64], "log10": Log10[float64], "log1p": Log1p[float64],
	"sin": Sin[float64], "cos": Cos[float64], "tan": Tan[float64],
	"asin": Asin[float64], "acos": Acos[float64], "atan": Atan[float64],
	"sinh": Sinh[float64], "cosh": Cosh[float64], "tanh": Tanh[float64],
	"cbrt": Cbrt[float64], "erf": Erf[float64],
	"asinh": Asinh[float64], "acosh": Acosh[float64], "atanh": Atanh[float64],
	"sincos.sin": func(dst, x []float64) { Sincos(dst, make([]float64, len(x)), x) },
	"sincos.cos": func(dst, x []float64) { Sincos(make([]float64, len(x)), dst, x) },
}

var unaryKernels32 = map[string]func(dst, x []float32){
	"exp": Exp[float32], "exp2": Exp2[float32], "expm1": Expm1[float32],
	"log": Log[float32], "log2": Log2[float32], "log10": Log10[float32], "log1p": Log1p[float32],
	"sin": Sin[float32], "cos": Cos[float32], "tan": Tan[float32],
	"asin": Asin[float32], "acos": Acos[float32], "atan": Atan[float32],
	"sinh": Sinh[float32], "cosh": Cosh[float32], "tanh": Tanh[float32],
	"cbrt": Cbrt[float32], "erf": Erf[float32],
	"asinh": Asinh[float32], "acosh": Acosh[float32], "atanh": Atanh[float32],
	"sincos.sin": func(dst, x []float32) { Sincos(dst, make([]float32, len(x)), x) },
	"sincos.cos": func(dst, x []float32) { Sincos(make([]float32, len(x)), dst, x) },
}

var binaryKernels64 = map[string]func(dst, a, b []float64){"atan2": Atan2[float64], "pow": Pow[float64], "hypot": Hypot[float64]}
var binaryKernels32 = map[string]func(dst, a, b []float32){"atan2": Atan2[float32], "pow": Pow[float32], "hypot": Hypot[float32]}

// maxULP is the accuracy bound every transcendental kernel must meet on every level.
const maxULP = 1.0

// refName maps a kernel name to the reference data it is checked against.
func refName(name string) string {
	if ref, ok := strings.CutPrefix(name, "sincos."); ok {
		return ref
	}
	return name
}

// forEachLevel runs f once per available level, switched in-process, and restores the
// level in use afterwards.
func forEachLevel(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	orig := Level()
	defer func() {
		if err := SetLevel(orig); err != nil {
			t.Fatal(err)
		}
	}()
	for _, l := range Levels() {
		if err := SetLevel(l); err != nil {
			t.Fatal(err)
		}
		t.Run(l, f)
	}
}

// TestAccuracy asserts the maximum ULP error of every transcendental kernel, for both
// float types and on every level, against the mpmath reference.
func TestAccuracy(t *testing.T) {
	ref := loadRef(t)
	forEachLevel(t, func(t *testing.T) {
		for name, kernel := range unaryKernels64 {
			cases := ref[refName(name)+"/64"]
			x := make([]float64, len(cases))
			for i, c := range cases {
				x[i] = c.x
			}
			got := make([]float64, len(x))
			kernel(got, x)
			checkULP(t, name+"/float64", cases, func(i int) float64 { return got[i] }, 53, -1022)
		}
		for name, kernel := range unaryKernels32 {
			cases := ref[refName(name)+"/32"]
			x := make([]float32, len(cases))
			for i, c := range cases {
				x[i] = float32(c.x)
			}
			got := make([]float32, len(x))
			kernel(got, x)
			checkULP(t, name+"/float32", cases, func(i int) float64 { return float64(got[i]) }, 24, -126)
		}
		for name, kernel := range binaryKernels64 {
			cases := ref[name+"/64"]
			x, y := make([]float64, len(cases)), make([]float64, len(cases))
			for i, c := range cases {
				x[i], y[i] = c.x, c.y
			}
			got := make([]float64, len(x))
			kernel(got, x, y)
			checkULP(t, name+"/float64", cases, func(i int) float64 { return got[i] }, 53, -1022)
		}
		for name, kernel := range binaryKernels32 {
			cases := ref[name+"/32"]
			x, y := make([]float32, len(cases)), make([]float32, len(cases))
			for i, c := range cases {
				x[i], y[i] = float32(c.x), float32(c.y)
			}
			got := make([]float32, len(x))
			kernel(got, x, y)
			checkULP(t, name+"/float32", cases, func(i int) float64 { return float64(got[i]) }, 24, -126)
		}
	})
}

// checkULP reports the worst error over cases and fails above maxULP.
func checkULP(t *testing.T, name string, cases []refCase, got func(int) float64, mantBits, minExp int) {
	t.Helper()
	if len(cases) == 0 {
		t.Errorf("%s: no reference points", name)
		return
	}
	worst, at := 0.0, 0
	for i, c := range cases {
		if e := ulpError(got(i), c.exact, mantBits, minExp); e > worst || math.IsNaN(e) {
			worst, at = e, i
		}
	}
	c := cases[at]
	if worst > maxULP {
		t.Errorf("%s: max error %.3f ULP > %.1f at x=%v y=%v: got %v, want %s", name, worst, maxULP, c.x, c.y, got(at), c.exact.Text('g', 20))
	} else {
		t.Logf("%s: max error %.3f ULP (%d points; worst at x=%v y=%v)", name, worst, len(cases), c.x, c.y)
	}
}
