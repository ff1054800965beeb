package main

import (
	"bufio"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// function is a row group of the table: a transcendental kernel of package vec.
type function struct {
	name  string // vec's kernel name, as in BenchmarkKernel and TestULPTable
	sleef string // the function's name in sleef_kernels' output
}

// functions lists the kernels in the README's order.
var functions = func() []function {
	var fs []function
	for _, name := range strings.Fields("Exp Exp2 Expm1 Log Log2 Log10 Log1p Sin Cos Sincos Tan " +
		"Asin Acos Atan Atan2 Sinh Cosh Tanh Asinh Acosh Atanh Pow Cbrt Erf Hypot") {
		fs = append(fs, function{name: name, sleef: strings.ToLower(name)})
	}
	return fs
}()

// types are the float types, as named in the benchmarks.
var types = []string{"f64", "f32"}

// cell identifies one number: a kernel, a float type and a level (a vec level, or a
// SLEEF instruction set; empty for Go's math).
type cell struct{ fn, typ, level string }

// measurements are the samples of one run.
type measurements struct {
	kernel map[cell][]float64 // ns/elem of vec's kernels, one sample per round
	gomath map[cell][]float64 // ns/elem of Go's math
	sleef  map[cell][]float64 // ns/elem of SLEEF
	// variant is the SLEEF accuracy variant timed per function: u10, or u05 for hypot.
	variant map[string]string
	levels  []string // vec levels in the order BenchmarkKernel ran them
	ulp     ulpReport
}

func newMeasurements() *measurements {
	return &measurements{
		kernel:  map[cell][]float64{},
		gomath:  map[cell][]float64{},
		sleef:   map[cell][]float64{},
		variant: map[string]string{},
	}
}

// benchLine matches one result line of go test -bench: the name without "Benchmark"
// and the -GOMAXPROCS suffix, and the measurements.
var benchLine = regexp.MustCompile(`^Benchmark(\S+?)(?:-\d+)?\s+\d+\s+(.*)$`)

// addBench adds the ns/elem results of BenchmarkKernel/<Func>/<type>/<level> and
// BenchmarkGoMath/<Func>/<type> lines; other lines are ignored.
func (m *measurements) addBench(text string) {
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		match := benchLine.FindStringSubmatch(sc.Text())
		if match == nil {
			continue
		}
		value, ok := unitValue(match[2], "ns/elem")
		if !ok {
			continue
		}
		parts := strings.Split(match[1], "/")
		switch {
		case len(parts) == 4 && parts[0] == "Kernel":
			c := cell{parts[1], parts[2], parts[3]}
			m.kernel[c] = append(m.kernel[c], value)
			if !slices.Contains(m.levels, c.level) {
				m.levels = append(m.levels, c.level)
			}
		case len(parts) == 3 && parts[0] == "GoMath":
			c := cell{parts[1], parts[2], ""}
			m.gomath[c] = append(m.gomath[c], value)
		}
	}
}

// unitValue returns the value reported in unit among a benchmark line's "value unit" pairs.
func unitValue(fields, unit string) (float64, bool) {
	f := strings.Fields(fields)
	for i := 0; i+1 < len(f); i += 2 {
		if f[i+1] == unit {
			v, err := strconv.ParseFloat(f[i], 64)
			return v, err == nil
		}
	}
	return 0, false
}

// addSLEEF adds the lines "kernel <func> <type> <level> <ns/elem> <err> <variant>" of
// sleef_kernels; "unsupported" rows (a CPU without the instruction set) are skipped.
func (m *measurements) addSLEEF(text string) error {
	byName := map[string]string{}
	for _, f := range functions {
		byName[f.sleef] = f.name
	}
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 7 || f[0] != "kernel" {
			continue
		}
		name, ok := byName[f[1]]
		if !ok || f[4] == "unsupported" {
			continue
		}
		v, err := strconv.ParseFloat(f[4], 64)
		if err != nil {
			return fmt.Errorf("line %q: %v", sc.Text(), err)
		}
		c := cell{name, f[2], f[3]}
		m.sleef[c] = append(m.sleef[c], v)
		m.variant[name] = f[6]
	}
	return sc.Err()
}

// median returns the median of samples, or false if there are none.
func median(samples []float64) (float64, bool) {
	if len(samples) == 0 {
		return 0, false
	}
	s := slices.Clone(samples)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2], true
	}
	return (s[n/2-1] + s[n/2]) / 2, true
}

// ulpReport mirrors the JSON of vec's TestULPTable.
type ulpReport struct {
	Levels   []string  `json:"levels"`
	Stride32 uint64    `json:"stride32"`
	Rows     []*ulpRow `json:"rows"`
}

// ulpRow is the error of one kernel, type and level (or "math").
type ulpRow struct {
	Kernel      string                   `json:"kernel"`
	Type        string                   `json:"type"`
	Level       string                   `json:"level"`
	MaxULP      float64                  `json:"max_ulp"`
	Points      int                      `json:"points"`
	Bad         int                      `json:"bad"`
	WorstX      string                   `json:"worst_x"`
	WorstY      string                   `json:"worst_y"`
	WorstSource string                   `json:"worst_source"`
	Sources     map[string]ulpSourceStat `json:"sources"`
}

// ulpSourceStat is the error over the points of one reference.
type ulpSourceStat struct {
	Points int     `json:"points"`
	MaxULP float64 `json:"max_ulp"`
	Bad    int     `json:"bad"`
}

// find returns the row of kernel, type and level, or nil.
func (r ulpReport) find(kernel, typ, level string) *ulpRow {
	for _, row := range r.Rows {
		if row.Kernel == kernel && row.Type == typ && row.Level == level {
			return row
		}
	}
	return nil
}
