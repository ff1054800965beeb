package main

import (
	"bytes"
	"strings"
	"testing"
)

// goOutput is go test -bench output in the format of Go 1.26, with two counts.
const goOutput = `goos: linux
goarch: amd64
pkg: github.com/dualgrad/dualgrad/bench
cpu: AMD EPYC
BenchmarkSeedPoint/analytic-2         	 8978829	        20.00 ns/op	       0 B/op	       0 allocs/op
BenchmarkSeedPoint/analytic-2         	 8978829	        22.00 ns/op	       0 B/op	       0 allocs/op
BenchmarkSeedPoint/dual-2             	 7847368	        22.00 ns/op	       0 B/op	       0 allocs/op
BenchmarkSeedPoint/dual-2             	 7847368	        24.00 ns/op	       0 B/op	       0 allocs/op
BenchmarkSeedPoint/gonum-dual-2       	 2967346	        74.00 ns/op	       0 B/op	       0 allocs/op
BenchmarkKernel/Sin/f64/avx512-2      	    1860	     3356 ns/op	         0.8193 ns/elem
BenchmarkKernelStream/copy/f64-2      	      20	   1781286 ns/op	37674.38 MB/s	         0.4246 ns/elem
BenchmarkKernelStream/Add/f64/avx2-2  	      20	   4235066 ns/op	33769.00 MB/s	         1.010 ns/elem
BenchmarkKernelStream/Add/f64/avx512-2	      20	   5678464 ns/op	17727.21 MB/s	         1.354 ns/elem
BenchmarkSeedBatch/expr-2             	       1	  46349841 ns/op	         4.40 ns/point
PASS
`

// peerOutput is the output format of sleef_kernels and sleef_seed.
const peerOutput = `kernel sin f64 avx512 1.201 2.20e-16
kernel sin f32 avx512 0.512 1.18e-07
kernel cos f64 avx2 unsupported -
inputs d204a4e9b2f5fc22 4241e75c5f48db10
seed sleef-avx512 4.229 2646.305297167853 18162.143814221014 -20305.478051796021
`

func TestParseBenchMedians(t *testing.T) {
	s := samples{}
	if err := parseBench(strings.NewReader(goOutput), s); err != nil {
		t.Fatal(err)
	}
	if m, ok := s.median("SeedPoint/analytic", "ns/op"); !ok || m != 21 {
		t.Errorf("median of 20 and 22 ns/op = %v, %v; want 21", m, ok)
	}
	if m, ok := s.median("KernelStream/Add/f64/avx512", "MB/s"); !ok || m != 17727.21 {
		t.Errorf("MB/s = %v, %v; want 17727.21", m, ok)
	}
	if _, ok := s.median("SeedPoint/missing", "ns/op"); ok {
		t.Error("a missing benchmark has a median")
	}
}

// TestTargetsPreferMedian checks that the seed batch's ratios use median-ns/point where
// the Go benchmark reports it, and ns/point where it does not.
func TestTargetsPreferMedian(t *testing.T) {
	s := samples{}
	out := "BenchmarkSeedBatch/expr-2 10 3000000 ns/op 2.80 median-ns/point 3.30 ns/point\n" +
		"BenchmarkSeedBatch/expr-parallel-2 10 1500000 ns/op 1.40 median-ns/point 1.50 ns/point\n"
	if err := parseBench(strings.NewReader(out), s); err != nil {
		t.Fatal(err)
	}
	if err := parsePeers(strings.NewReader("seed sleef-avx512 2.80 1 2 3\n"), s); err != nil {
		t.Fatal(err)
	}
	results := targets(s)
	if r := find(t, results, "SeedBatch expr / SLEEF"); r.measured != "1.000" || !r.pass {
		t.Errorf("%s: measured %q pass %v, want 1.000 (2.80/2.80) true", r.target, r.measured, r.pass)
	}
	if r := find(t, results, "SeedBatch expr / expr-parallel"); r.measured != "2.000" || !r.pass {
		t.Errorf("%s: measured %q pass %v, want 2.000 (2.80/1.40) true", r.target, r.measured, r.pass)
	}
}

func TestParseBenchRejectsBadNumber(t *testing.T) {
	err := parseBench(strings.NewReader("BenchmarkX-2 10 1.2.3 ns/op\n"), samples{})
	if err == nil || !strings.Contains(err.Error(), `"1.2.3"`) {
		t.Errorf("err = %v, want one naming the bad value", err)
	}
}

// find returns the result whose target starts with prefix.
func find(t *testing.T, results []result, prefix string) result {
	t.Helper()
	for _, r := range results {
		if strings.HasPrefix(r.target, prefix) {
			return r
		}
	}
	t.Fatalf("no target starting with %q", prefix)
	return result{}
}

func TestTargets(t *testing.T) {
	s := samples{}
	if err := parseBench(strings.NewReader(goOutput), s); err != nil {
		t.Fatal(err)
	}
	if err := parsePeers(strings.NewReader(peerOutput), s); err != nil {
		t.Fatal(err)
	}
	results := targets(s)
	for _, c := range []struct {
		prefix, measured string
		pass             bool
	}{
		{"SeedPoint dual / analytic", "1.095", true}, // 23/21
		{"SeedPoint gonum-dual / dual", "3.217", true},
		{"SeedPoint dual allocs/op", "0", true},
		{"Kernel/Sin/f64/avx512 / SLEEF", "0.682", true},
		{"Kernel/Cos/f64/avx512 / SLEEF", "", false}, // no numbers
		{"KernelStream/Add/f64/avx2 MB/s", "0.896", true},
		{"KernelStream/Add/f64/avx512 MB/s", "0.471", false},
		{"SeedBatch expr / SLEEF", "1.040", true},
		{"SeedBatch expr / expr-parallel", "", false},
	} {
		r := find(t, results, c.prefix)
		if r.measured != c.measured || r.pass != c.pass {
			t.Errorf("%s: measured %q pass %v, want %q %v", r.target, r.measured, r.pass, c.measured, c.pass)
		}
	}
	var out bytes.Buffer
	if report(&out, results) {
		t.Error("report says all passed although KernelStream/Add/f64/avx512 fails")
	}
	if !strings.Contains(out.String(), "| #3 | KernelStream/Add/f64/avx512 MB/s / copy MB/s: ≥ 0.85 | 0.471 | FAIL |") {
		t.Errorf("report lacks the failing row:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "| not measured |") {
		t.Errorf("report lacks a not-measured row:\n%s", out.String())
	}
}
