// Command targets checks the speed targets of dualgrad's issues against benchmark
// output: it reads the output of go test -bench (any -count; medians are used) and,
// optionally, the output of the C peers in bench/peers, and prints a Markdown table of
// every target with its measured ratio and PASS, FAIL or "not measured". Where a
// benchmark reports median-ns/point next to ns/point (BenchmarkSeedBatch), the median
// over its evaluations is what is compared.
//
// Usage:
//
//	go test -run '^$' -bench 'SeedPoint|SeedBatch|Kernel' -count 10 > go.txt
//	bench/peers/bin/sleef_kernels > peers.txt; bench/peers/bin/sleef_seed >> peers.txt
//	go run ./cmd/targets -peers peers.txt go.txt
//
// It exits with status 1 if a measured target fails. Targets that need numbers
// missing from the input are listed as not measured and do not fail.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// samples maps a benchmark name without "Benchmark" and the -GOMAXPROCS suffix, e.g.
// "SeedPoint/dual", to each unit's values over the runs, e.g. "ns/op" → [...].
type samples map[string]map[string][]float64

// benchLine matches one result line of go test -bench.
var benchLine = regexp.MustCompile(`^Benchmark(\S+?)(?:-\d+)?\s+\d+\s+(.*)$`)

// parseBench reads go test -bench output and collects every value per unit.
func parseBench(r io.Reader, into samples) error {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		m := benchLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		fields := strings.Fields(m[2])
		for i := 0; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				return fmt.Errorf("benchmark %s: value %q: %v", m[1], fields[i], err)
			}
			if into[m[1]] == nil {
				into[m[1]] = map[string][]float64{}
			}
			into[m[1]][fields[i+1]] = append(into[m[1]][fields[i+1]], v)
		}
	}
	return sc.Err()
}

// parsePeers reads the "kernel <func> <type> <level> <ns/elem> <err>" and
// "seed <variant> <ns/point> ..." lines of the C peers, storing them under the names
// "sleef/kernel/<func>/<type>/<level>" (ns/elem) and "sleef/seed/<variant>" (ns/point).
func parsePeers(r io.Reader, into samples) error {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		var name, unit, value string
		switch {
		case len(f) >= 5 && f[0] == "kernel":
			name, unit, value = "sleef/kernel/"+f[1]+"/"+f[2]+"/"+f[3], "ns/elem", f[4]
		case len(f) >= 3 && f[0] == "seed":
			name, unit, value = "sleef/seed/"+f[1], "ns/point", f[2]
		default:
			continue
		}
		if value == "-" || value == "unsupported" {
			continue
		}
		v, err := strconv.ParseFloat(value, 64)
		if err != nil {
			return fmt.Errorf("peer line %q: %v", sc.Text(), err)
		}
		if into[name] == nil {
			into[name] = map[string][]float64{}
		}
		into[name][unit] = append(into[name][unit], v)
	}
	return sc.Err()
}

// median returns the median of the values of name in unit, and whether there are any.
func (s samples) median(name, unit string) (float64, bool) {
	v := slices.Clone(s[name][unit])
	if len(v) == 0 {
		return 0, false
	}
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2], true
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2, true
}

// preferMedian returns median-ns/point for a benchmark that reports it next to
// ns/point (BenchmarkSeedBatch: the median of its evaluations, the statistic the C
// peers report for their samples), else unit.
func (s samples) preferMedian(name, unit string) string {
	if unit == "ns/point" && len(s[name]["median-ns/point"]) > 0 {
		return "median-ns/point"
	}
	return unit
}

// result is the outcome of one target.
type result struct {
	issue, target string
	measured      string // the measured ratio or value, "" if not measured
	pass          bool
}

// ratio is a target "num/den ≤ limit" (atMost) or "num/den ≥ limit" on medians.
type ratio struct {
	issue, what  string
	num, numUnit string
	den, denUnit string
	limit        float64
	atMost       bool
}

// check computes the ratio of the medians and compares it with the limit.
func (r ratio) check(s samples) result {
	op := "≥"
	if r.atMost {
		op = "≤"
	}
	res := result{issue: r.issue, target: fmt.Sprintf("%s: %s %s", r.what, op, strconv.FormatFloat(r.limit, 'g', -1, 64))}
	n, ok1 := s.median(r.num, s.preferMedian(r.num, r.numUnit))
	d, ok2 := s.median(r.den, s.preferMedian(r.den, r.denUnit))
	if !ok1 || !ok2 || d == 0 {
		return res
	}
	q := n / d
	res.measured = fmt.Sprintf("%.3f", q)
	res.pass = q <= r.limit
	if !r.atMost {
		res.pass = q >= r.limit
	}
	return res
}

// targets returns every target the issues set, checked against s.
func targets(s samples) []result {
	var out []result
	add := func(r ratio) { out = append(out, r.check(s)) }

	// Issue #2: the seed function at a point.
	add(ratio{issue: "#2", what: "SeedPoint dual / analytic (ns/op)", num: "SeedPoint/dual", numUnit: "ns/op",
		den: "SeedPoint/analytic", denUnit: "ns/op", limit: 1.15, atMost: true})
	add(ratio{issue: "#2", what: "SeedPoint gonum-dual / dual (ns/op)", num: "SeedPoint/gonum-dual", numUnit: "ns/op",
		den: "SeedPoint/dual", denUnit: "ns/op", limit: 1.8})
	allocs := result{issue: "#2", target: "SeedPoint dual allocs/op: = 0"}
	if v, ok := s.median("SeedPoint/dual", "allocs/op"); ok {
		allocs.measured = strconv.FormatFloat(v, 'g', -1, 64)
		allocs.pass = slices.Max(s["SeedPoint/dual"]["allocs/op"]) == 0
	}
	out = append(out, allocs)

	// Issue #3: kernels against SLEEF u10 at n = 4096, and streaming bandwidth.
	sleefKernels := []struct{ fn, typ string }{{"sin", "f64"}, {"cos", "f64"}, {"exp", "f64"}, {"log", "f64"}, {"sin", "f32"}}
	for _, level := range []string{"avx512", "avx2"} {
		for _, k := range sleefKernels {
			goName := "Kernel/" + strings.ToUpper(k.fn[:1]) + k.fn[1:] + "/" + k.typ + "/" + level
			add(ratio{issue: "#3", what: fmt.Sprintf("%s / SLEEF %s%s u10 (ns/elem)", goName, k.fn, k.typ),
				num: goName, numUnit: "ns/elem", den: "sleef/kernel/" + k.fn + "/" + k.typ + "/" + level, denUnit: "ns/elem",
				limit: 1, atMost: true})
		}
	}
	for _, typ := range []string{"f64", "f32"} {
		for _, fn := range []string{"Add", "Mul", "FMA"} {
			for _, level := range levelsOf(s, "KernelStream/"+fn+"/"+typ+"/") {
				name := "KernelStream/" + fn + "/" + typ + "/" + level
				add(ratio{issue: "#3", what: name + " MB/s / copy MB/s", num: name, numUnit: "MB/s",
					den: "KernelStream/copy/" + typ, denUnit: "MB/s", limit: 0.85})
			}
		}
	}

	// Issue #5: the seed function over a batch.
	add(ratio{issue: "#5", what: "SeedBatch expr / SLEEF AVX-512 C loop (ns/point)", num: "SeedBatch/expr", numUnit: "ns/point",
		den: "sleef/seed/sleef-avx512", denUnit: "ns/point", limit: 1.1, atMost: true})
	add(ratio{issue: "#5", what: "SeedBatch expr / expr-parallel (ns/point)", num: "SeedBatch/expr", numUnit: "ns/point",
		den: "SeedBatch/expr-parallel", denUnit: "ns/point", limit: 1.8})
	return out
}

// levelsOf lists, sorted, the last path element of every benchmark named prefix+level.
func levelsOf(s samples, prefix string) []string {
	var levels []string
	for name := range s {
		if rest, ok := strings.CutPrefix(name, prefix); ok && !strings.Contains(rest, "/") {
			levels = append(levels, rest)
		}
	}
	slices.Sort(levels)
	return levels
}

// report writes the Markdown table and returns whether every measured target passed.
func report(w io.Writer, results []result) bool {
	ok := true
	fmt.Fprintln(w, "| issue | target | measured | result |")
	fmt.Fprintln(w, "|---|---|---|---|")
	for _, r := range results {
		verdict := "not measured"
		switch {
		case r.measured == "":
		case r.pass:
			verdict = "PASS"
		default:
			verdict, ok = "FAIL", false
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", r.issue, r.target, r.measured, verdict)
	}
	return ok
}

func main() {
	peers := flag.String("peers", "", "file with the output of bench/peers/bin/sleef_kernels and sleef_seed")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: targets [-peers file] [go-bench-output ...]   (default: standard input)")
		flag.PrintDefaults()
	}
	flag.Parse()
	s := samples{}
	if err := readAll(s, flag.Args(), *peers); err != nil {
		fmt.Fprintln(os.Stderr, "targets:", err)
		os.Exit(2)
	}
	if !report(os.Stdout, targets(s)) {
		os.Exit(1)
	}
}

// readAll parses the benchmark files (standard input if none) and the peers file.
func readAll(s samples, files []string, peers string) error {
	if len(files) == 0 {
		if err := parseBench(os.Stdin, s); err != nil {
			return err
		}
	}
	for _, name := range files {
		if err := parseFile(name, s, parseBench); err != nil {
			return err
		}
	}
	if peers != "" {
		return parseFile(peers, s, parsePeers)
	}
	return nil
}

// parseFile opens name and parses it with parse.
func parseFile(name string, s samples, parse func(io.Reader, samples) error) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := parse(f, s); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
