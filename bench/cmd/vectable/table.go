package main

import (
	"fmt"
	"slices"
	"strings"
)

// runEnv describes the machine and the run in the table's header.
type runEnv struct {
	date, command, cpu, goVersion, gcc, sleef, load string
	cpus, rounds                                    int
	benchtime                                       string
}

// sleefLevels are SLEEF's instruction sets in the order of the table's columns.
var sleefLevels = []string{"avx2", "avx512"}

// levelOrder ranks vec's levels for the columns; unknown ones go last.
var levelOrder = []string{"generic", "avx2", "avx512", "neon"}

// mathLevel is Go's math in TestULPTable's rows.
const mathLevel = "math"

// sourceOrder lists TestULPTable's references in the order of the notes.
var sourceOrder = []string{"mpmath", "bigfloat", "sweep32"}

// sourceDescriptions explain TestULPTable's references, by source name.
var sourceDescriptions = map[string]string{
	"mpmath":   "the committed mpmath points of vec/testdata/ref.txt.gz (exact to 40 digits)",
	"bigfloat": "the math/big series of vec's amd64 tests at the inputs of TestTranscendentalAccuracyAsm and TestExtraAccuracyAsm",
	"sweep32": "one float32 bit pattern in %d (all signs and binades, subnormals included; binary kernels pair it " +
		"with a scrambled second pattern) against vec's generic float64 kernel, itself within 1 float64 ULP " +
		"(2^-29 float32 ULP)",
}

// vecLevels returns the vec levels measured, by speed or accuracy, in column order.
func vecLevels(m *measurements) []string {
	var levels []string
	for _, l := range append(slices.Clone(m.levels), m.ulp.Levels...) {
		if l != mathLevel && !slices.Contains(levels, l) {
			levels = append(levels, l)
		}
	}
	rank := func(l string) int {
		if i := slices.Index(levelOrder, l); i >= 0 {
			return i
		}
		return len(levelOrder)
	}
	slices.SortStableFunc(levels, func(a, b string) int { return rank(a) - rank(b) })
	return levels
}

// render returns the Markdown report: the header, the table, the comparisons and the
// notes.
func render(m *measurements, env runEnv, notes, failures []string) string {
	levels := vecLevels(m)
	var b strings.Builder
	fmt.Fprintf(&b, "## vec kernels: ns/elem and max ULP, %s\n\n", env.date)
	fmt.Fprintf(&b, "- Command: `%s`\n", env.command)
	fmt.Fprintf(&b, "- CPU: %s (%d logical CPUs); load average at the start (1, 5, 15 min): %s\n", env.cpu, env.cpus, env.load)
	fmt.Fprintf(&b, "- %s; %s; SLEEF %s\n", env.goVersion, env.gcc, env.sleef)
	fmt.Fprintf(&b, "- ns/elem: n = 4096 elements (L1-resident), the inputs of bench/kernel_test.go for every "+
		"program; medians over %d round(s), each running BenchmarkKernel, BenchmarkGoMath (-test.benchtime %s, "+
		"-test.count 1) and bench/peers/bin/sleef_kernels once, in turn\n", env.rounds, env.benchtime)
	b.WriteString("- Go math: a scalar loop calling package math; float32 through float64 and back\n")
	b.WriteString("- max ULP: the largest error, in units in the last place of the exact result, over all points of " +
		"vec's TestULPTable (sources below); \"bad\" counts the points where a finite result came out NaN or " +
		"infinite or the reverse (wrong overflow or underflow thresholds)\n\n")

	head := []string{"function", "type"}
	for _, l := range levels {
		head = append(head, "ns "+l)
	}
	for _, l := range sleefLevels {
		head = append(head, "ns SLEEF "+l)
	}
	head = append(head, "ns Go math")
	for _, l := range levels {
		head = append(head, "ULP "+l)
	}
	head = append(head, "ULP Go math", "points")
	var rows [][]string
	for _, f := range functions {
		for _, typ := range types {
			row := []string{f.name, typ}
			for _, l := range levels {
				row = append(row, fmtNS(m.kernel[cell{f.name, typ, l}]))
			}
			for _, l := range sleefLevels {
				s := fmtNS(m.sleef[cell{f.name, typ, l}])
				if v := m.variant[f.name]; s != "-" && v != "u10" {
					s += " (" + v + ")"
				}
				row = append(row, s)
			}
			row = append(row, fmtNS(m.gomath[cell{f.name, typ, ""}]))
			points := "-"
			for _, l := range append(slices.Clone(levels), mathLevel) {
				r := m.ulp.find(f.name, typ, l)
				row = append(row, fmtULP(r))
				if r != nil {
					points = fmt.Sprint(r.Points)
				}
			}
			rows = append(rows, append(row, points))
		}
	}
	b.WriteString(table(head, rows))
	b.WriteString("\n")

	b.WriteString("### Against SLEEF\n\n")
	for _, l := range sleefLevels {
		if slices.Contains(levels, l) {
			b.WriteString(compareSLEEF(m, l))
		}
	}
	if v := nonU10(m); v != "" {
		fmt.Fprintf(&b, "- SLEEF's u10 (1-ULP) functions throughout, except %s: SLEEF 3.5 has no u10 variant there\n", v)
	}
	b.WriteString("\n### Accuracy\n\n")
	b.WriteString(accuracySummary(m, levels))
	b.WriteString(sourceSummary(m))

	if len(notes) > 0 {
		b.WriteString("\n### Could not run\n\n")
		for _, n := range notes {
			fmt.Fprintf(&b, "- %s\n", n)
		}
	}
	if len(failures) > 0 {
		b.WriteString("\n### FAILED\n\n")
		for _, f := range failures {
			fmt.Fprintf(&b, "- %s\n", f)
		}
	}
	return b.String()
}

// compareSLEEF counts the rows where vec's level is at least as fast as SLEEF's and
// lists the others with their ratio.
func compareSLEEF(m *measurements, level string) string {
	var slower []string
	faster, total := 0, 0
	for _, f := range functions {
		for _, typ := range types {
			ours, ok1 := median(m.kernel[cell{f.name, typ, level}])
			theirs, ok2 := median(m.sleef[cell{f.name, typ, level}])
			if !ok1 || !ok2 {
				continue
			}
			total++
			if ours <= theirs {
				faster++
			} else {
				slower = append(slower, fmt.Sprintf("%s %s %.2fx", f.name, typ, ours/theirs))
			}
		}
	}
	if total == 0 {
		return fmt.Sprintf("- %s: not compared (no SLEEF or no vec numbers)\n", level)
	}
	s := fmt.Sprintf("- %s: vec at least as fast as SLEEF in %d of %d rows", level, faster, total)
	if len(slower) > 0 {
		s += "; slower (vec time / SLEEF time): " + strings.Join(slower, ", ")
	}
	return s + "\n"
}

// nonU10 lists the functions SLEEF was timed in another variant than u10.
func nonU10(m *measurements) string {
	var out []string
	for _, f := range functions {
		if v, ok := m.variant[f.name]; ok && v != "u10" {
			out = append(out, fmt.Sprintf("%s (%s)", f.name, v))
		}
	}
	return strings.Join(out, ", ")
}

// accuracySummary states the largest error of any vec level and every row above
// 1 ULP or with bad points.
func accuracySummary(m *measurements, levels []string) string {
	if len(m.ulp.Rows) == 0 {
		return "- not measured\n"
	}
	var worst *ulpRow
	var over []string
	for _, r := range m.ulp.Rows {
		if !slices.Contains(levels, r.Level) {
			continue
		}
		if worst == nil || r.MaxULP > worst.MaxULP {
			worst = r
		}
		if r.MaxULP > 1 || r.Bad > 0 {
			over = append(over, fmt.Sprintf("%s %s %s %s", r.Kernel, r.Type, r.Level, fmtULP(r)))
		}
	}
	if worst == nil {
		return "- no vec level measured\n"
	}
	s := fmt.Sprintf("- Largest error of any vec level: %s ULP (%s %s %s at x = %s%s, %s points)\n",
		fmtULPValue(worst.MaxULP), worst.Kernel, worst.Type, worst.Level, worst.WorstX, optionalY(worst.WorstY), worst.WorstSource)
	if len(over) == 0 {
		return s + "- Every vec level is within 1 ULP on every point, with no bad points\n"
	}
	return s + "- Above 1 ULP or with bad points: " + strings.Join(over, ", ") + "\n"
}

func optionalY(y string) string {
	if y == "" {
		return ""
	}
	return ", y = " + y
}

// sourceSummary describes each reference and its points per function and type.
func sourceSummary(m *measurements) string {
	if len(m.ulp.Rows) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("- References (points per function; Sincos counts both outputs):\n")
	for _, typ := range types {
		perSource := map[string][]string{}
		counts := map[string]map[int]bool{}
		var order []string
		for _, f := range functions {
			r := m.ulp.find(f.name, typ, mathLevel)
			if r == nil {
				continue
			}
			for _, src := range sortedSources(r.Sources) {
				n := r.Sources[src].Points
				if counts[src] == nil {
					counts[src] = map[int]bool{}
					order = append(order, src)
				}
				counts[src][n] = true
				perSource[src] = append(perSource[src], fmt.Sprintf("%s %d", f.name, n))
			}
		}
		for _, src := range order {
			desc := sourceDescriptions[src]
			if strings.Contains(desc, "%d") {
				desc = fmt.Sprintf(desc, m.ulp.Stride32)
			}
			points := strings.Join(perSource[src], ", ")
			if len(perSource[src]) == len(functions) && len(counts[src]) <= 2 {
				// the same count everywhere but Sincos, which has two outputs
				points = fmt.Sprintf("%d points per function", slices.Min(sortedCounts(counts[src])))
			}
			fmt.Fprintf(&b, "  - %s, %s: %s; %s\n", typ, src, desc, points)
		}
	}
	return b.String()
}

func sortedCounts(set map[int]bool) []int {
	var out []int
	for n := range set {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// sortedSources returns the sources of a row, known ones in sourceOrder, then the
// others by name.
func sortedSources(m map[string]ulpSourceStat) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	rank := func(src string) int {
		if i := slices.Index(sourceOrder, src); i >= 0 {
			return i
		}
		return len(sourceOrder)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if d := rank(a) - rank(b); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	return keys
}

// fmtNS formats the median of samples, or "-" without samples.
func fmtNS(samples []float64) string {
	v, ok := median(samples)
	switch {
	case !ok:
		return "-"
	case v >= 1000:
		return fmt.Sprintf("%.0f", v)
	case v >= 10:
		return fmt.Sprintf("%.1f", v)
	default:
		return fmt.Sprintf("%.2f", v)
	}
}

// fmtULP formats a row's largest error and its bad points, or "-" without a row.
func fmtULP(r *ulpRow) string {
	if r == nil {
		return "-"
	}
	s := fmtULPValue(r.MaxULP)
	if r.Bad > 0 {
		s += fmt.Sprintf(" (%d bad)", r.Bad)
	}
	return s
}

// fmtULPValue formats an error in ULPs: three decimals near 1, fewer digits far above.
func fmtULPValue(v float64) string {
	switch {
	case v < 10:
		return fmt.Sprintf("%.3f", v)
	case v < 1e4:
		return fmt.Sprintf("%.0f", v)
	default:
		return fmt.Sprintf("%.1e", v)
	}
}

// table formats a Markdown table.
func table(head []string, rows [][]string) string {
	var b strings.Builder
	b.WriteString("| " + strings.Join(head, " | ") + " |\n|")
	for range head {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	for _, r := range rows {
		b.WriteString("| " + strings.Join(r, " | ") + " |\n")
	}
	return b.String()
}
