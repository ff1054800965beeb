package main

import (
	"bytes"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/dualgrad/dualgrad/bench"
)

// closeTo reports whether got is within a relative tol of want (absolute below 1).
func closeTo(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// seedClosedForm is f = sin(xy)/sin(x) with its partials by the quotient rule, written
// here independently of package bench.
func seedClosedForm(x, y float64) [3]float64 {
	s, c := math.Sin(x), math.Cos(x)
	sxy, cxy := math.Sin(x*y), math.Cos(x*y)
	return [3]float64{sxy / s, (y*cxy*s - sxy*c) / (s * s), x * cxy / s}
}

// rosenbrockClosedForm returns f, Σ grad and Σ (i+1)·grad at (−1.2, 1, −1.2, 1, …) of
// even length n, worked out by hand: a term starting at −1.2 is 100·(1 − 1.44)² + 2.2² =
// 24.2, one starting at 1 is 100·(−1.2 − 1)² = 484; ∂f/∂x0 = −400·(−1.2)·(−0.44) − 4.4 =
// −215.6, every later even index adds 200·(−2.2) = −440 from the term before, every odd
// index is 200·(−0.44) + 880 = 792 except the last, which has no own term: −88.
func rosenbrockClosedForm(n int) (f, sum, weighted float64) {
	f = float64(n/2)*24.2 + float64(n/2-1)*484
	for i := range n {
		g := 792.0
		switch {
		case i == 0:
			g = -215.6
		case i%2 == 0:
			g = -655.6
		case i == n-1:
			g = -88
		}
		sum += g
		weighted += float64(i+1) * g
	}
	return f, sum, weighted
}

// TestRunOutput checks every line seedcheck prints: the point lines against the closed
// form, the batch sums of every variant against each other, and the Rosenbrock lines
// against a gradient computed here.
func TestRunOutput(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf); err != nil {
		t.Fatal(err)
	}
	want1, want2 := seedClosedForm(2, 3), seedClosedForm(1.5, -1.5)
	counts := map[string]int{}
	var seedRef, seed32Ref []float64
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		f := strings.Fields(line)
		counts[f[0]]++
		nums := func(fields []string) []float64 {
			v := make([]float64, len(fields))
			for i, s := range fields {
				var err error
				if v[i], err = strconv.ParseFloat(s, 64); err != nil {
					t.Fatalf("%q: %v", line, err)
				}
			}
			return v
		}
		switch f[0] {
		case "inputs":
			if len(f) != 3 || len(f[1]) != 16 || len(f[2]) != 16 {
				t.Errorf("malformed inputs line %q", line)
			}
		case "point":
			got := nums(f[3:])
			want := append(want1[:], want2[:]...)
			for i := range want {
				if len(got) != 6 || !closeTo(got[i], want[i], 1e-13) {
					t.Errorf("%s: got %v, want %v", f[1], got, want)
					break
				}
			}
		case "seed":
			got := nums(f[3:])
			if seedRef == nil {
				seedRef = got
			}
			for i := range seedRef {
				if len(got) != 3 || !closeTo(got[i], seedRef[i], 1e-9) {
					t.Errorf("%s sums %v differ from the first variant's %v", f[1], got, seedRef)
					break
				}
			}
		case "seed32":
			got := nums(f[3:])
			if seed32Ref == nil {
				seed32Ref = got
			}
			for i := range seed32Ref {
				if len(got) != 3 || !closeTo(got[i], seed32Ref[i], 1e-5) {
					t.Errorf("%s sums %v differ from the first float32 variant's %v", f[1], got, seed32Ref)
					break
				}
			}
		case "rosen":
			n, err := strconv.Atoi(f[2])
			if err != nil {
				t.Fatalf("%q: %v", line, err)
			}
			wf, ws, ww := rosenbrockClosedForm(n)
			got := nums(f[4:])
			if len(got) != 3 || !closeTo(got[0], wf, 1e-12) || !closeTo(got[1], ws, 1e-12) || !closeTo(got[2], ww, 1e-12) {
				t.Errorf("%s n=%d: got %v, want [%v %v %v]", f[1], n, got, wf, ws, ww)
			}
		default:
			t.Errorf("unknown line %q", line)
		}
	}
	if points := len(bench.SeedImpls); counts["inputs"] != 1 || counts["point"] != points || counts["seed"] != 4 || counts["seed32"] != 2 || counts["rosen"] != 9 {
		t.Errorf("line counts %v, want 1 inputs, %d point, 4 seed, 2 seed32, 9 rosen", counts, points)
	}
}
