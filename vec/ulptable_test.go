package vec

import (
	"encoding/json"
	"flag"
	"math"
	"math/big"
	"os"
	"strconv"
	"testing"
)

// The accuracy table of the README (issue #3): the largest error in ULPs of every
// transcendental kernel, per float type and level, next to Go's math. It is a report,
// not an assertion (TestAccuracy and the tests beside it assert the 1-ULP bound):
//
//	go test ./vec/ -run '^TestULPTable$' -count=1 -v -args -ulptable=ulp.json
//
// bench/cmd/vectable runs it and merges the JSON with the kernel benchmarks.
//
// Every error is measured against a reference the tests already use:
//   - mpmath: the committed points of testdata/ref.txt.gz (every function, both types);
//   - bigfloat: the math/big series of the amd64 tests at the inputs of
//     TestTranscendentalAccuracyAsm and TestExtraAccuracyAsm (float64, the functions
//     those tests cover; see ulptable_amd64_test.go);
//   - sweep32: one float32 bit pattern in ulptable.stride against the generic level's
//     float64 kernel, as TestSweep32 does (float32; the reference is within 1 float64
//     ULP, about 2^-29 float32 ULP).
var (
	ulpTableOut    = flag.String("ulptable", "", "write the max ULP error of every transcendental kernel per float type and level, and of Go's math, as JSON to this file")
	ulpTableStride = flag.Uint64("ulptable.stride", 4093, "with -ulptable, check every n-th float32 bit pattern against the float64 reference")
)

// mathLevel names Go's math package in the table, beside the vec levels.
const mathLevel = "math"

// refValue is a reference result as (hi + lo) * 2^-scale, hi + lo the unevaluated sum
// of two float64s with hi rounded to nearest: about 106 bits, enough to measure the
// error of a float64 result to 2^-50 ULP with float64 arithmetic instead of math/big.
// scale is 0 except for results so small that lo would underflow.
type refValue struct {
	hi, lo float64
	scale  int
}

// tinyRefExp and tinyRefScale: exact values below 2^tinyRefExp are stored scaled by
// 2^tinyRefScale so that their lo part stays a normal float64.
const (
	tinyRefExp   = -900
	tinyRefScale = 200
)

// refFromBig splits an exact value into hi + lo.
func refFromBig(exact *big.Float) refValue {
	scale := 0
	if exact.Sign() != 0 && exact.MantExp(nil) < tinyRefExp {
		scale = tinyRefScale
		exact = new(big.Float).SetMantExp(exact, scale)
	}
	hi, _ := exact.Float64()
	if math.IsInf(hi, 0) {
		return refValue{hi: hi}
	}
	// exact - hi needs no more bits than exact has: new(big.Float) takes the larger
	// precision of the operands.
	lo, _ := new(big.Float).Sub(exact, new(big.Float).SetFloat64(hi)).Float64()
	return refValue{hi, lo, scale}
}

// floatFormat is the float type a result is measured in.
type floatFormat struct {
	name     string                // "f64" or "f32", as in the benchmark names
	mantBits int                   // significand bits, the implicit one included
	minExp   int                   // exponent of the smallest normal number
	round    func(float64) float64 // rounds to the nearest value of the type
}

var (
	format64 = floatFormat{"f64", 53, -1022, func(v float64) float64 { return v }}
	format32 = floatFormat{"f32", 24, -126, func(v float64) float64 { return float64(float32(v)) }}
)

// ulpDistance returns |got - ref| in units of the last place of ref's binade in format
// f (the binade of the smallest normal for subnormal results), as ulpError does with
// math/big. bad reports a result that has no finite distance: NaN where ref is not,
// a number where ref is NaN, or an infinity where ref rounds to a finite value or the
// reverse. A result equal to ref's infinite rounding is exact.
func ulpDistance(got float64, ref refValue, f floatFormat) (ulps float64, bad bool) {
	if math.IsNaN(ref.hi) || math.IsNaN(got) {
		return 0, math.IsNaN(ref.hi) != math.IsNaN(got)
	}
	if want := f.round(math.Ldexp(ref.hi, -ref.scale)); math.IsInf(want, 0) || math.IsInf(got, 0) {
		return 0, got != want
	}
	e := f.minExp
	if ref.hi != 0 {
		frac, exp := math.Frexp(ref.hi)
		e = exp - 1
		// hi may have rounded up to a power of two from the binade below.
		if math.Abs(frac) == 0.5 && ref.lo != 0 && (ref.lo < 0) == (ref.hi > 0) {
			e--
		}
		e = max(e-ref.scale, f.minExp)
	}
	// Scaling by a power of two is exact for results near ref; a result so far off
	// that the difference overflows saturates at MaxFloat64 ULPs.
	d := (math.Ldexp(got, ref.scale) - ref.hi) - ref.lo
	ulps = math.Abs(d) / math.Ldexp(1, e-(f.mantBits-1)+ref.scale)
	return min(ulps, math.MaxFloat64), false
}

// ulpOutput is one result of a transcendental kernel, measured for the table: most
// kernels have one, Sincos two.
type ulpOutput struct {
	id     string // reference name as in unaryKernels64: "exp", "sincos.sin"
	kernel string // the exported kernel, a row of the table
	binary bool
	f64    func(dst, x, y []float64)
	f32    func(dst, x, y []float32)
	math   func(x, y float64) float64 // Go's math
}

// ulpTableRows lists the table's outputs in the README's order, with Go's math for
// each; the kernels come from the tables of ref_test.go.
var ulpTableRows = []struct {
	id, kernel string
	math       func(x, y float64) float64
}{
	{"exp", "Exp", unaryMath(math.Exp)},
	{"exp2", "Exp2", unaryMath(math.Exp2)},
	{"expm1", "Expm1", unaryMath(math.Expm1)},
	{"log", "Log", unaryMath(math.Log)},
	{"log2", "Log2", unaryMath(math.Log2)},
	{"log10", "Log10", unaryMath(math.Log10)},
	{"log1p", "Log1p", unaryMath(math.Log1p)},
	{"sin", "Sin", unaryMath(math.Sin)},
	{"cos", "Cos", unaryMath(math.Cos)},
	{"sincos.sin", "Sincos", unaryMath(func(x float64) float64 { s, _ := math.Sincos(x); return s })},
	{"sincos.cos", "Sincos", unaryMath(func(x float64) float64 { _, c := math.Sincos(x); return c })},
	{"tan", "Tan", unaryMath(math.Tan)},
	{"asin", "Asin", unaryMath(math.Asin)},
	{"acos", "Acos", unaryMath(math.Acos)},
	{"atan", "Atan", unaryMath(math.Atan)},
	{"atan2", "Atan2", math.Atan2},
	{"sinh", "Sinh", unaryMath(math.Sinh)},
	{"cosh", "Cosh", unaryMath(math.Cosh)},
	{"tanh", "Tanh", unaryMath(math.Tanh)},
	{"asinh", "Asinh", unaryMath(math.Asinh)},
	{"acosh", "Acosh", unaryMath(math.Acosh)},
	{"atanh", "Atanh", unaryMath(math.Atanh)},
	{"pow", "Pow", math.Pow},
	{"cbrt", "Cbrt", unaryMath(math.Cbrt)},
	{"erf", "Erf", unaryMath(math.Erf)},
	{"hypot", "Hypot", math.Hypot},
}

func unaryMath(f func(float64) float64) func(x, y float64) float64 {
	return func(x, _ float64) float64 { return f(x) }
}

// ulpOutputs resolves ulpTableRows against the kernel tables of ref_test.go, failing
// the test for a name that has no kernel.
func ulpOutputs(t *testing.T) []ulpOutput {
	t.Helper()
	var out []ulpOutput
	for _, r := range ulpTableRows {
		o := ulpOutput{id: r.id, kernel: r.kernel, math: r.math}
		u64, ok64 := unaryKernels64[r.id]
		u32, ok32 := unaryKernels32[r.id]
		if ok64 && ok32 {
			o.f64 = func(dst, x, _ []float64) { u64(dst, x) }
			o.f32 = func(dst, x, _ []float32) { u32(dst, x) }
		} else if b64, b32 := binaryKernels64[r.id], binaryKernels32[r.id]; b64 != nil && b32 != nil {
			o.binary, o.f64, o.f32 = true, b64, b32
		} else {
			t.Fatalf("ulpTableRows: %q is in neither the unary nor the binary kernel tables of ref_test.go", r.id)
		}
		out = append(out, o)
	}
	return out
}

// ulpSample is a set of inputs with their reference results for one output and type.
type ulpSample struct {
	source string
	format floatFormat
	x, y   []float64 // y only for binary kernels; exact float32 values in float32 samples
	ref    []refValue
}

// mpmathSample returns the committed mpmath points of o in format f.
func mpmathSample(t *testing.T, o ulpOutput, f floatFormat) ulpSample {
	bits := map[string]string{"f64": "64", "f32": "32"}[f.name]
	cases := loadRef(t)[refName(o.id)+"/"+bits]
	if len(cases) == 0 {
		t.Fatalf("%s/%s: no reference points in testdata/ref.txt.gz", o.id, bits)
	}
	s := ulpSample{source: "mpmath", format: f}
	for _, c := range cases {
		s.x = append(s.x, f.round(c.x))
		s.y = append(s.y, f.round(c.y))
		s.ref = append(s.ref, refFromBig(c.exact))
	}
	return s
}

// sweep32Sample returns every stride-th float32 bit pattern (for binary kernels paired
// with a scrambled second pattern) and the generic level's float64 results there.
func sweep32Sample(t *testing.T, o ulpOutput, stride uint64) ulpSample {
	s := ulpSample{source: "sweep32", format: format32}
	for b := uint64(0); b < 1<<32; b += stride {
		s.x = append(s.x, float64(math.Float32frombits(uint32(b))))
		s.y = append(s.y, float64(math.Float32frombits(uint32(b)*0x9e3779b1)))
	}
	ref := make([]float64, len(s.x))
	withLevel(t, levelGeneric, func() { o.f64(ref, s.x, s.y) })
	s.ref = make([]refValue, len(ref))
	for i, v := range ref {
		s.ref[i] = refValue{hi: v}
	}
	return s
}

// denseSamples64, when set (amd64 without purego, where the math/big references live),
// returns the bigfloat sample of the output called id, if it has one.
var denseSamples64 func(id string) (ulpSample, bool)

// withLevel runs f with the vec level set to name, restoring the level in use.
func withLevel(t *testing.T, name string, f func()) {
	t.Helper()
	saved := Level()
	if err := SetLevel(name); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := SetLevel(saved); err != nil {
			t.Fatal(err)
		}
	}()
	f()
}

// evalSample returns o's results at the sample's inputs on level (a vec level or
// mathLevel), in the sample's float type.
func evalSample(t *testing.T, o ulpOutput, s ulpSample, level string) []float64 {
	got := make([]float64, len(s.x))
	switch {
	case level == mathLevel:
		for i := range s.x {
			got[i] = s.format.round(o.math(s.x[i], s.y[i]))
		}
	case s.format.name == "f64":
		withLevel(t, level, func() { o.f64(got, s.x, s.y) })
	default:
		x32, y32, got32 := make([]float32, len(s.x)), make([]float32, len(s.y)), make([]float32, len(s.x))
		for i := range s.x {
			x32[i], y32[i] = float32(s.x[i]), float32(s.y[i])
		}
		withLevel(t, level, func() { o.f32(got32, x32, y32) })
		for i, v := range got32 {
			got[i] = float64(v)
		}
	}
	return got
}

// ulpSourceStat is the error of one row over the points of one reference.
type ulpSourceStat struct {
	Points int     `json:"points"`
	MaxULP float64 `json:"max_ulp"`
	Bad    int     `json:"bad"`
}

// ulpRow is one cell group of the table: a kernel, a float type and a level.
type ulpRow struct {
	Kernel string  `json:"kernel"`
	Type   string  `json:"type"`
	Level  string  `json:"level"`
	MaxULP float64 `json:"max_ulp"` // over the points with a finite distance
	Points int     `json:"points"`
	// Bad counts the points without a finite distance (see ulpDistance): wrong
	// overflow or underflow thresholds, NaN for a real result.
	Bad         int                      `json:"bad"`
	WorstX      string                   `json:"worst_x"`
	WorstY      string                   `json:"worst_y,omitempty"`
	WorstSource string                   `json:"worst_source"`
	Sources     map[string]ulpSourceStat `json:"sources"`
}

// add accounts for got, the results of one output on sample s.
func (r *ulpRow) add(o ulpOutput, s ulpSample, got []float64) {
	src := r.Sources[s.source]
	for i, g := range got {
		e, bad := ulpDistance(g, s.ref[i], s.format)
		src.Points++
		r.Points++
		if bad {
			src.Bad++
			r.Bad++
			continue
		}
		src.MaxULP = max(src.MaxULP, e)
		if e > r.MaxULP || r.WorstX == "" {
			r.MaxULP, r.WorstSource = e, s.source
			r.WorstX = strconv.FormatFloat(s.x[i], 'g', -1, 64)
			if o.binary {
				r.WorstY = strconv.FormatFloat(s.y[i], 'g', -1, 64)
			}
		}
	}
	r.Sources[s.source] = src
}

// ulpReport is the JSON that -ulptable writes.
type ulpReport struct {
	Levels   []string  `json:"levels"` // the vec levels measured, then "math"
	Stride32 uint64    `json:"stride32"`
	Rows     []*ulpRow `json:"rows"` // kernel by kernel, f64 then f32, levels in order
}

// TestULPTable measures the table and writes it to the -ulptable file; it is skipped
// without that flag.
func TestULPTable(t *testing.T) {
	if *ulpTableOut == "" {
		t.Skip("accuracy table for the README: enable with -args -ulptable=out.json")
	}
	stride := max(*ulpTableStride, 1)
	report := ulpReport{Levels: append(Levels(), mathLevel), Stride32: stride}
	rows := map[string]*ulpRow{}
	for _, o := range ulpOutputs(t) {
		samples := []ulpSample{mpmathSample(t, o, format64), mpmathSample(t, o, format32), sweep32Sample(t, o, stride)}
		if denseSamples64 != nil {
			if s, ok := denseSamples64(o.id); ok {
				samples = append(samples, s)
			}
		}
		for _, f := range []floatFormat{format64, format32} {
			for _, level := range report.Levels {
				key := o.kernel + "/" + f.name + "/" + level
				row := rows[key]
				if row == nil {
					row = &ulpRow{Kernel: o.kernel, Type: f.name, Level: level, Sources: map[string]ulpSourceStat{}}
					rows[key] = row
					report.Rows = append(report.Rows, row)
				}
				for _, s := range samples {
					if s.format.name == f.name {
						row.add(o, s, evalSample(t, o, s, level))
					}
				}
			}
		}
	}
	for _, r := range report.Rows {
		t.Logf("%-6s %s %-7s max %.3f ULP over %d points (%d without a finite distance), worst at x=%s %s (%s)",
			r.Kernel, r.Type, r.Level, r.MaxULP, r.Points, r.Bad, r.WorstX, r.WorstY, r.WorstSource)
	}
	data, err := json.MarshalIndent(report, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(*ulpTableOut, append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestULPDistance checks the float64 measure of TestULPTable against ulpError's math/big
// one on the mpmath points of exp (subnormal results included), sin and log1p, for the
// correctly rounded result and its neighbours, in both float types, and its handling
// of values without a finite distance.
func TestULPDistance(t *testing.T) {
	ref := loadRef(t)
	for _, f := range []floatFormat{format64, format32} {
		bits := map[string]string{"f64": "64", "f32": "32"}[f.name]
		minExp := map[string]int{"f64": -1022, "f32": -126}[f.name]
		for _, name := range []string{"exp", "sin", "log1p"} {
			for _, c := range ref[name+"/"+bits] {
				r := refFromBig(c.exact)
				rounded, _ := c.exact.Float64()
				if f.name == "f32" {
					r32, _ := c.exact.Float32()
					rounded = float64(r32)
				}
				if math.IsInf(rounded, 0) {
					continue
				}
				var up, down float64
				if f.name == "f64" {
					up, down = math.Nextafter(rounded, math.Inf(1)), math.Nextafter(rounded, math.Inf(-1))
				} else {
					up = float64(math.Nextafter32(float32(rounded), float32(math.Inf(1))))
					down = float64(math.Nextafter32(float32(rounded), float32(math.Inf(-1))))
				}
				for _, got := range []float64{rounded, up, down} {
					d, bad := ulpDistance(got, r, f)
					want := ulpError(got, c.exact, f.mantBits, minExp)
					if bad || math.Abs(d-want) > 1e-6 {
						t.Fatalf("%s/%s at x=%v: ulpDistance(%v) = %v (bad %v), ulpError gives %v", name, bits, c.x, got, d, bad, want)
					}
				}
				if d, _ := ulpDistance(rounded, r, f); d > 0.5+1e-9 {
					t.Fatalf("%s/%s at x=%v: the correctly rounded %v is %v ULP away", name, bits, c.x, rounded, d)
				}
			}
		}
	}
	one := refValue{hi: 1}
	for _, c := range []struct {
		got  float64
		ref  refValue
		bad  bool
		ulps float64
	}{
		{math.NaN(), one, true, 0},
		{math.Inf(1), one, true, 0},
		{math.Inf(1), refValue{hi: math.Inf(1)}, false, 0},
		{math.MaxFloat64, refValue{hi: math.Inf(1)}, true, 0},
		{math.NaN(), refValue{hi: math.NaN()}, false, 0},
		{0, refValue{hi: math.NaN()}, true, 0},
		{0x1p-1074, refValue{}, false, 1},                            // the smallest subnormal from an exact zero
		{1, refValue{hi: 1, lo: -0x1p-60}, false, 0x1p-60 / 0x1p-53}, // just below 1: ULPs of [0.5, 1)
		{math.MaxFloat64, refValue{hi: -math.MaxFloat64}, false, math.MaxFloat64},
		{1e300, refValue{hi: 0x1p-1000, scale: tinyRefScale}, false, math.MaxFloat64},
	} {
		d, bad := ulpDistance(c.got, c.ref, format64)
		if bad != c.bad || (!bad && d != c.ulps) {
			t.Errorf("ulpDistance(%v, %+v) = %v, bad %v; want %v, bad %v", c.got, c.ref, d, bad, c.ulps, c.bad)
		}
	}
}
