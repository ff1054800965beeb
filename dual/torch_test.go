package dual

import (
	"fmt"
	"strconv"
	"testing"
)

// torchDeviations lists every point of testdata/torch_conventions.txt where
// package dual deliberately differs from PyTorch 1.13, and why. The keys are
// the rule name and its inputs as fmt prints them. Where PyTorch has a real
// convention (abs'(0) = 0, sqrt'(+0) = +Inf, even split at min/max ties, the
// masks of pow's first partials) dual follows it; the differences below are
// NaN and signed-zero artifacts of PyTorch's formulas, or second partials that
// PyTorch's masked first partials get wrong.
var torchDeviations = map[string]string{
	"abs[NaN]": "dual propagates NaN into the derivative; PyTorch's sign(NaN) = 0 gives 0",
	"sqrt[-0]": "dual gives the one-sided slope +Inf (and -Inf curvature) at -0 as at +0; " +
		"PyTorch's 1/(2·sqrt(-0)) gives -Inf",
	"pow[0 0]": "second partials: dual masks d²/dx² (zero coefficient) and d²/dy² (x = 0, y >= 0) " +
		"to 0 and gives d²/dxdy = 0**-1 = +Inf; PyTorch gives NaN",
	"pow[0 0.5]": "d²/dy² = 0**0.5·ln²0 is masked to 0 like d/dy; PyTorch gives NaN",
	"pow[0 1]":   "d²/dy² is masked to 0 like d/dy; PyTorch gives NaN",
	"pow[0 2]":   "d²/dy² is masked to 0 like d/dy; PyTorch gives NaN",
	"pow[0 3]":   "d²/dy² is masked to 0 like d/dy; PyTorch gives NaN",
	"pow[2 0]": "d²/dxdy at y = 0 is x**-1 = 0.5, the calculus value; PyTorch's masked_fill of the " +
		"first partial cuts the dependence on y and gives 0",
	"min[NaN 1]":    "a NaN value has NaN partials in dual; PyTorch passes 1 to both sides",
	"min[1 NaN]":    "a NaN value has NaN partials in dual; PyTorch passes 1 to both sides",
	"min[-Inf NaN]": "dual follows math.Min: Min(-Inf, NaN) = -Inf, selecting x; PyTorch's minimum is NaN",
	"max[NaN 1]":    "a NaN value has NaN partials in dual; PyTorch passes 1 to both sides",
	"max[+Inf NaN]": "dual follows math.Max: Max(+Inf, NaN) = +Inf, selecting x; PyTorch's maximum is NaN",
	"atan2[0 0]":    "atan2 has no derivative at the origin; dual gives 0 for every partial, PyTorch NaN",
	"atan2[+Inf 1]": "the partials tend to 0 at infinity and dual gives 0; PyTorch's formulas give NaN",
}

func TestTorchConventions(t *testing.T) {
	used := map[string]bool{}
	for _, c := range loadRefs(t, "torch_conventions.txt") {
		key := c.Func + fmt.Sprint(c.In)
		var got []float64
		switch len(c.In) {
		case 1:
			r, ok := elemUnaryRules[float64]()[c.Func]
			if !ok {
				t.Fatalf("%s: no rule %q", c.Pos, c.Func)
			}
			v, d, dd := r.d2(c.In[0])
			got = []float64{v, d, dd}
		case 2:
			r, ok := elemBinaryRules[float64]()[c.Func]
			if !ok {
				t.Fatalf("%s: no rule %q", c.Pos, c.Func)
			}
			v, dx, dy, dxx, dxy, dyy := r.d2(c.In[0], c.In[1])
			got = []float64{v, dx, dy, dxx, dxy, dyy}
		}
		compareWithTorch(t, c, key, got, torchDeviations, used)
	}
	checkDeviationsUsed(t, torchDeviations, used, "torch_conventions.txt")
}

// compareWithTorch checks dual's outputs got for the PyTorch reference line c: an
// output more than a few ulps from PyTorch's (which computes some formulas
// differently, cbrt as |x|**(1/3)) must be a deviation listed, with its reason, in
// deviations under key; a listed deviation must still differ. used records the
// deviations seen.
func compareWithTorch(t *testing.T, c refCase, key string, got []float64, deviations map[string]string, used map[string]bool) {
	t.Helper()
	if len(got) != len(c.Out) {
		t.Fatalf("%s: %d outputs, want %d", c.Pos, len(c.Out), len(got))
	}
	var differs []int
	for i, s := range c.Out {
		if s == "-" {
			continue
		}
		want, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("%s: %v", c.Pos, err)
		}
		if !sameValue(got[i], want) && ulpDistance(got[i], want) > 4 {
			differs = append(differs, i)
		}
	}
	why, deviates := deviations[key]
	switch {
	case len(differs) > 0 && !deviates:
		t.Errorf("%s: %s: dual gives %v, PyTorch %v (outputs %v differ)", c.Pos, key, got, c.Out, differs)
	case len(differs) > 0:
		used[key] = true
		t.Logf("%s: differs from PyTorch in outputs %v: %s", key, differs, why)
	case deviates:
		t.Errorf("%s: %s is listed as a deviation but matches PyTorch: %v", c.Pos, key, got)
	}
}

// checkDeviationsUsed reports every listed deviation that no line of file showed.
func checkDeviationsUsed(t *testing.T, deviations map[string]string, used map[string]bool, file string) {
	t.Helper()
	for key := range deviations {
		if !used[key] {
			t.Errorf("deviation %s has no line in %s", key, file)
		}
	}
}
