package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// benchOutput is go test -bench output in the format of Go 1.26: two rounds of Sin,
// one of Hypot, a Go math line and lines the table does not use.
const benchOutput = `goos: linux
goarch: amd64
pkg: github.com/dualgrad/dualgrad/bench
BenchmarkKernel/Sin/f64/generic-2       	   69206	     17000 ns/op	         9.000 ns/elem
BenchmarkKernel/Sin/f64/avx512-2        	 1000000	      4096 ns/op	         1.000 ns/elem
BenchmarkKernel/Sin/f64/avx512-2        	 1000000	      4096 ns/op	         3.000 ns/elem
BenchmarkKernel/Sin/f64/avx512-2        	 1000000	      4096 ns/op	         2.000 ns/elem
BenchmarkKernel/Hypot/f32/avx512-2      	 1000000	      4096 ns/op	         1.500 ns/elem
BenchmarkGoMath/Sin/f64-2               	   69206	     17000 ns/op	        20.00 ns/elem
BenchmarkKernelStream/copy/f64-2        	      20	   1781286 ns/op	37674.38 MB/s	         0.4246 ns/elem
BenchmarkSeedPoint/dual-2               	 7847368	        22.00 ns/op
PASS
`

// sleefOutput is sleef_kernels output: u10 and u05 rows, an unsupported row and a
// line of another peer.
const sleefOutput = `kernel sin f64 avx512 1.250 2.20e-16 u10
kernel hypot f32 avx512 0.750 5.80e-08 u05
kernel sin f64 avx2 unsupported - u10
seed sleef-avx512 4.229 1 2 3
`

func TestParseMeasurements(t *testing.T) {
	m := newMeasurements()
	m.addBench(benchOutput)
	if err := m.addSLEEF(sleefOutput); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		samples []float64
		want    float64
	}{
		{m.kernel[cell{"Sin", "f64", "avx512"}], 2}, // median of 1, 3, 2
		{m.kernel[cell{"Sin", "f64", "generic"}], 9},
		{m.kernel[cell{"Hypot", "f32", "avx512"}], 1.5},
		{m.gomath[cell{"Sin", "f64", ""}], 20},
		{m.sleef[cell{"Sin", "f64", "avx512"}], 1.25},
		{m.sleef[cell{"Hypot", "f32", "avx512"}], 0.75},
	} {
		if got, ok := median(c.samples); !ok || got != c.want {
			t.Errorf("median(%v) = %v, %v; want %v", c.samples, got, ok, c.want)
		}
	}
	if _, ok := m.sleef[cell{"Sin", "f64", "avx2"}]; ok {
		t.Error("an unsupported SLEEF row was recorded")
	}
	if len(m.kernel) != 3 || len(m.gomath) != 1 || len(m.sleef) != 2 {
		t.Errorf("recorded %d kernel, %d Go math and %d SLEEF cells; want 3, 1, 2 (stream and seed lines ignored)",
			len(m.kernel), len(m.gomath), len(m.sleef))
	}
	if m.variant["Hypot"] != "u05" || m.variant["Sin"] != "u10" {
		t.Errorf("variants %v: want Hypot u05, Sin u10", m.variant)
	}
	if strings.Join(m.levels, ",") != "generic,avx512" {
		t.Errorf("levels %v: want generic, avx512 in order of appearance", m.levels)
	}
	if err := m.addSLEEF("kernel sin f64 avx512 fast 0 u10\n"); err == nil {
		t.Error("a malformed SLEEF time was accepted")
	}
}

// ulpJSON is TestULPTable's output format for two kernels on two levels and Go's math.
const ulpJSON = `{
  "levels": ["generic", "avx512", "math"],
  "stride32": 4093,
  "rows": [
    {"kernel": "Sin", "type": "f64", "level": "generic", "max_ulp": 0.559, "points": 8946, "bad": 0,
     "worst_x": "3.25e+167", "worst_source": "mpmath", "sources": {"mpmath": {"points": 700, "max_ulp": 0.559, "bad": 0}}},
    {"kernel": "Sin", "type": "f64", "level": "avx512", "max_ulp": 0.672, "points": 8946, "bad": 0,
     "worst_x": "-8.625", "worst_source": "bigfloat", "sources": {"mpmath": {"points": 700, "max_ulp": 0.6, "bad": 0}}},
    {"kernel": "Sin", "type": "f64", "level": "math", "max_ulp": 4926244.6, "points": 8946, "bad": 0,
     "worst_x": "1.5e9", "worst_source": "mpmath", "sources": {"mpmath": {"points": 700, "max_ulp": 4926244.6, "bad": 0}}},
    {"kernel": "Hypot", "type": "f32", "level": "avx512", "max_ulp": 1.25, "points": 700, "bad": 3,
     "worst_x": "2", "worst_y": "3", "worst_source": "mpmath", "sources": {"mpmath": {"points": 700, "max_ulp": 1.25, "bad": 3}}}
  ]
}`

func TestRender(t *testing.T) {
	m := newMeasurements()
	m.addBench(benchOutput)
	if err := m.addSLEEF(sleefOutput); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(ulpJSON), &m.ulp); err != nil {
		t.Fatal(err)
	}
	md := render(m, runEnv{date: "2026-11-26 00:00 UTC", rounds: 3, benchtime: "100ms"}, []string{"SLEEF avx2: none"}, nil)
	for _, want := range []string{
		"| function | type | ns generic | ns avx512 | ns SLEEF avx2 | ns SLEEF avx512 | ns Go math | ULP generic | ULP avx512 | ULP Go math | points |",
		"| Sin | f64 | 9.00 | 2.00 | - | 1.25 | 20.0 | 0.559 | 0.672 | 4.9e+06 | 8946 |",
		"| Hypot | f32 | - | 1.50 | - | 0.75 (u05) | - | - | 1.250 (3 bad) | - | 700 |",
		"| Exp | f64 | - | - | - | - | - | - | - | - | - |",
		"avx512: vec at least as fast as SLEEF in 0 of 2 rows; slower (vec time / SLEEF time): Sin f64 1.60x, Hypot f32 2.00x",
		"- SLEEF's u10 (1-ULP) functions throughout, except Hypot (u05): SLEEF 3.5 has no u10 variant there",
		"Largest error of any vec level: 1.250 ULP (Hypot f32 avx512 at x = 2, y = 3, mpmath points)",
		"Above 1 ULP or with bad points: Hypot f32 avx512 1.250 (3 bad)",
		"- SLEEF avx2: none",
	} {
		if !strings.Contains(md, want+"\n") {
			t.Errorf("the report lacks the line %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "FAILED") {
		t.Errorf("a report without failures has a FAILED section:\n%s", md)
	}
	if rows := strings.Count(md, "\n| "); rows != 1+2*len(functions) {
		t.Errorf("the table has %d lines; want a header and %d rows", rows, 2*len(functions))
	}
}

func TestFormat(t *testing.T) {
	for _, c := range []struct {
		samples []float64
		want    string
	}{{nil, "-"}, {[]float64{0.6912}, "0.69"}, {[]float64{12.34}, "12.3"}, {[]float64{1234.5}, "1234"}, {[]float64{1, 2, 3, 4}, "2.50"}} {
		if got := fmtNS(c.samples); got != c.want {
			t.Errorf("fmtNS(%v) = %q, want %q", c.samples, got, c.want)
		}
	}
	for _, c := range []struct {
		row  *ulpRow
		want string
	}{
		{nil, "-"},
		{&ulpRow{MaxULP: 0.5}, "0.500"},
		{&ulpRow{MaxULP: 1021.4}, "1021"},
		{&ulpRow{MaxULP: 3.1e14, Bad: 2}, "3.1e+14 (2 bad)"},
	} {
		if got := fmtULP(c.row); got != c.want {
			t.Errorf("fmtULP(%+v) = %q, want %q", c.row, got, c.want)
		}
	}
}

// TestKernelPattern checks that the -bench pattern, which go test splits at slashes and
// matches part by part, selects exactly the table's kernels of BenchmarkKernel.
func TestKernelPattern(t *testing.T) {
	parts := strings.Split(kernelPattern(), "/")
	if len(parts) != 3 || parts[2] != "" {
		t.Fatalf("pattern %q: want BenchmarkKernel, the kernels and every type/level", kernelPattern())
	}
	top, kernels := regexp.MustCompile(parts[0]), regexp.MustCompile(parts[1])
	if !top.MatchString("BenchmarkKernel") || top.MatchString("BenchmarkKernelStream") {
		t.Errorf("%q must match BenchmarkKernel only", parts[0])
	}
	for _, f := range functions {
		if !kernels.MatchString(f.name) {
			t.Errorf("%q does not select %s", parts[1], f.name)
		}
	}
	for _, other := range []string{"DualSin", "Add", "Sqrt", "SinX"} {
		if kernels.MatchString(other) {
			t.Errorf("%q selects %s, not a row of the table", parts[1], other)
		}
	}
}

func TestAccuracySummary(t *testing.T) {
	m := newMeasurements()
	m.ulp.Rows = []*ulpRow{
		{Kernel: "Tan", Type: "f64", Level: "avx2", MaxULP: 1.07e14, WorstX: "0.785", WorstSource: "bigfloat"},
		{Kernel: "Tan", Type: "f64", Level: "math", MaxULP: 2.7e14, WorstX: "5e255", WorstSource: "mpmath"},
		{Kernel: "Sin", Type: "f32", Level: "avx2", MaxULP: 0.75, Bad: 1, WorstX: "2.4", WorstSource: "sweep32"},
	}
	got := accuracySummary(m, []string{"generic", "avx2"})
	want := "- Largest error of any vec level: 1.1e+14 ULP (Tan f64 avx2 at x = 0.785, bigfloat points)\n" +
		"- Above 1 ULP or with bad points: Tan f64 avx2 1.1e+14, Sin f32 avx2 0.750 (1 bad)\n"
	if got != want {
		t.Errorf("accuracySummary =\n%s\nwant (Go's math left out of the vec levels)\n%s", got, want)
	}
	m.ulp.Rows = m.ulp.Rows[2:]
	m.ulp.Rows[0].Bad = 0
	if got := accuracySummary(m, []string{"avx2"}); !strings.Contains(got, "Every vec level is within 1 ULP on every point") {
		t.Errorf("accuracySummary with every row within 1 ULP = %q", got)
	}
}

func TestCommand(t *testing.T) {
	out, err := command(".", "sh", "-c", "echo out; echo compile error >&2; echo last reason >&2; exit 3")
	if err == nil || !strings.HasSuffix(err.Error(), ": last reason") {
		t.Errorf("error %v: want the last line of standard error", err)
	}
	if out != "out\ncompile error\nlast reason\n" {
		t.Errorf("output of a failed command %q: want standard output, then standard error", out)
	}
	if out, err := command(".", "sh", "-c", "echo fine; echo note >&2"); err != nil || out != "fine\n" {
		t.Errorf("command = %q, %v; want standard output only", out, err)
	}
}
