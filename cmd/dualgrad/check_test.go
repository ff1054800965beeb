package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// f(x, y) = x²y evaluated elementwise, for the checker.
func squareTimes(in []value) ([]value, error) {
	x, y := in[0], in[1]
	out := value{shape: x.shape, data: make([]float64, len(x.data))}
	for i := range x.data {
		out.data[i] = x.data[i] * x.data[i] * y.data[0]
	}
	return []value{out}, nil
}

func TestFiniteDifferenceCheck(t *testing.T) {
	x := value{shape: []int{3}, data: []float64{0.5, 2, -3}}
	y := scalarValue(1.5)
	right := []value{
		{shape: []int{3}, data: []float64{2 * 0.5 * 1.5, 2 * 2 * 1.5, 2 * -3 * 1.5}}, // 2xy
		{shape: []int{3}, data: []float64{0.25, 4, 9}},                               // x²
	}
	rep, err := finiteDifferenceCheck(squareTimes, []value{x, y}, []int{0, 1}, [][]value{right}, []string{"f"}, []string{"x", "y"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.suspicious || rep.maxDiff > 1e-9 || rep.compared != 6 {
		t.Errorf("correct partials: %+v, want a tiny difference over 6 comparisons", *rep)
	}

	wrong := []value{right[0], {shape: []int{3}, data: []float64{0.25, 4.04, 9}}} // 1% off at [1]
	rep, err = finiteDifferenceCheck(squareTimes, []value{x, y}, []int{0, 1}, [][]value{wrong}, []string{"f"}, []string{"x", "y"})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.suspicious || math.Abs(rep.maxDiff-0.04/4.04) > 1e-6 || rep.where != "∂f/∂y at [1]" {
		t.Errorf("wrong partial: %+v, want suspicious, difference 0.04/4.04 at ∂f/∂y at [1]", *rep)
	}
}

func TestCheckFlag(t *testing.T) {
	stdout, stderr, status := runCLI(t, "--json", "--check", "sin(x*y)/sin(x)", "x=2", "y=3")
	if status != exitOK || stderr != "" {
		t.Fatalf("status %d, stderr %q", status, stderr)
	}
	var out struct {
		Check struct {
			Compared int
			MaxDiff  float64 `json:"max_relative_difference"`
			OK       bool
		}
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	if out.Check.Compared != 2 || !out.Check.OK || out.Check.MaxDiff > 1e-8 {
		t.Errorf("check = %+v, want 2 comparisons, ok, a difference below 1e-8", out.Check)
	}
	// Tensors: one comparison per element and partial.
	stdout, _, _ = runCLI(t, "--check", "x*exp(y)", "x=[1, 2, 3]", "y=[[0.5], [-1]]")
	if !strings.Contains(stdout, "check: largest relative difference") {
		t.Errorf("tensor --check output lacks the check line:\n%s", stdout)
	}
	// A kink: abs at 0 has derivative 0 by convention but finite
	// differences see the two slopes; at x = 1e-7 the step straddles it.
	_, stderr, status = runCLI(t, "--check", "abs(x)", "x=1e-7")
	if status != exitOK || !strings.Contains(stderr, "warning: automatic and finite-difference derivatives differ") {
		t.Errorf("abs near 0: status %d, stderr %q; want a warning", status, stderr)
	}
}
