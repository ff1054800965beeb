package vec

import (
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
)

// TestLevelFromEnv asserts that a level forced with DUALGRAD_VEC is the one in use, so
// a CI run that asks for a level cannot silently test another one.
func TestLevelFromEnv(t *testing.T) {
	t.Logf("vec level: %s (available: %v)", Level(), Levels())
	want := os.Getenv(envLevel)
	if want == "" {
		levels := Levels()
		if got := Level(); got != levels[len(levels)-1] {
			t.Errorf("default level %q, want the highest available %q", got, levels[len(levels)-1])
		}
		return
	}
	if got := Level(); got != want {
		t.Fatalf("%s=%s but the level in use is %q (available: %v)", envLevel, want, got, Levels())
	}
}

func TestLevels(t *testing.T) {
	levels := Levels()
	if len(levels) == 0 || levels[0] != levelGeneric {
		t.Fatalf("Levels() = %v, want generic first", levels)
	}
	for _, l := range levels {
		if _, ok := levelRank[l]; !ok {
			t.Errorf("Levels() lists unknown level %q", l)
		}
	}
	if !slices.IsSortedFunc(levels, func(a, b string) int { return levelRank[a] - levelRank[b] }) {
		t.Errorf("Levels() = %v, not lowest first", levels)
	}
}

func TestSetLevel(t *testing.T) {
	orig := Level()
	defer func() {
		if err := SetLevel(orig); err != nil {
			t.Fatal(err)
		}
	}()
	for _, l := range Levels() {
		if err := SetLevel(l); err != nil {
			t.Errorf("SetLevel(%q): %v", l, err)
		}
		if Level() != l {
			t.Errorf("after SetLevel(%q), Level() = %q", l, Level())
		}
	}
	if err := SetLevel("sse9"); err == nil || !strings.Contains(err.Error(), "unknown") {
		t.Errorf("SetLevel(sse9) error = %v, want an unknown-level error", err)
	}
	for _, r := range registry {
		if !r.available {
			if err := SetLevel(r.name); err == nil {
				t.Errorf("SetLevel(%q) succeeded on a CPU without it", r.name)
			}
			if Level() == r.name {
				t.Errorf("unavailable level %q became active", r.name)
			}
		}
	}
}

// TestEveryKernelFilled asserts that register completed every field of every level.
func TestEveryKernelFilled(t *testing.T) {
	for _, l := range registry {
		for _, missing := range nilFields(&l.k.f64) {
			t.Errorf("%s float64: %s is nil", l.name, missing)
		}
		for _, missing := range nilFields(&l.k.f32) {
			t.Errorf("%s float32: %s is nil", l.name, missing)
		}
	}
}

// crossLevelInputs returns n inputs mixing ordinary values over many binades with
// special values (±0, ±Inf, NaN, subnormals, extremes).
func crossLevelInputs(r *rand.Rand, n int) []float64 {
	special := []float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(), 1, -1, 0.5,
		math.SmallestNonzeroFloat64, -math.MaxFloat64, 2.2250738585072014e-308, 1e300, -745.2, 710, 1e-8}
	x := make([]float64, n)
	for i := range x {
		switch r.IntN(8) {
		case 0:
			x[i] = special[r.IntN(len(special))]
		case 1, 2:
			x[i] = math.Ldexp(r.Float64(), r.IntN(80)-40) * float64(1-2*r.IntN(2))
		case 3:
			x[i] = math.Ldexp(r.Float64(), r.IntN(2100)-1075) * float64(1-2*r.IntN(2))
		default:
			x[i] = (r.Float64()*2 - 1) * 10
		}
	}
	return x
}

// agree reports whether a level's result matches generic's: bit for bit when exact is
// set, otherwise within tol ULP (both NaN counts as agreement; infinities and zeros
// must match exactly, sign included).
func agree(got, want float64, exact bool, tol float64, mantBits int) bool {
	if math.IsNaN(got) || math.IsNaN(want) {
		return math.IsNaN(got) && math.IsNaN(want)
	}
	if exact || math.IsInf(want, 0) || want == 0 || math.IsInf(got, 0) || got == 0 {
		return math.Float64bits(got) == math.Float64bits(want)
	}
	_, e := math.Frexp(want)
	ulp := math.Ldexp(1, max(e-1, -1022)-(mantBits-1))
	if mantBits == 24 {
		ulp = math.Ldexp(1, max(e-1, -126)-23)
	}
	return math.Abs(got-want) <= tol*ulp
}

func TestChooseLevel(t *testing.T) {
	avail := []string{"generic", "avx2"}
	cases := []struct {
		want, choice, warning string
	}{
		{"", "avx2", ""},
		{"generic", "generic", ""},
		{"avx2", "avx2", ""},
		{"avx512", "avx2", "not available"},
		{"sse9", "avx2", "not a level"},
	}
	for _, c := range cases {
		choice, warning := chooseLevel(avail, c.want)
		if choice != c.choice || (c.warning == "") != (warning == "") || !strings.Contains(warning, c.warning) {
			t.Errorf("chooseLevel(%v, %q) = %q, %q; want %q and a warning containing %q", avail, c.want, choice, warning, c.choice, c.warning)
		}
	}
}
