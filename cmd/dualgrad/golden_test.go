package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// goldenCase is one command line whose stdout is kept in testdata/NAME.golden.
type goldenCase struct {
	name string
	args []string
}

// The notebook's four examples and its task, each for people and as JSON.
var notebookCases = []goldenCase{
	{"cube_square_scalar", []string{"x^3 + y^2", "x=2", "y=4"}},
	{"cube_square_tensor", []string{"x**3 + y**2", "x=[[2., 3., 2.], [2., 3., 3.]]", "y=[[4., 5., 5.], [4., 5., 5.]]"}},
	{"product_tensor", []string{"x*y", "x=[[1., 2., 3.], [2., 4., 6.]]", "y=[[3., 6., 9.], [-1., 1., 2.]]"}},
	{"cube_square_one_element", []string{"x**3 + y**2", "x=[2.]", "y=[4.]"}},
	{"task_at_2_3", []string{"sin(x*y)/sin(x)", "x=2", "y=3"}},
	{"task_at_1.5_-1.5", []string{"sin(x*y)/sin(x)", "x=1.5", "y=-1.5"}},
}

// More output shapes: a vector function, --wrt, --jvp, --hessian,
// broadcasting, non-finite results.
var featureCases = []goldenCase{
	{"vector_function", []string{"x*y; x+y", "x=2", "y=3"}},
	{"wrt_y", []string{"--wrt", "y", "sin(x*y)/sin(x)", "x=1.5", "y=-1.5"}},
	{"jvp", []string{"sin(x*y)/sin(x)", "x=2", "y=3", "--jvp", "x=1,y=1"}},
	{"hessian", []string{"--hessian", "x^3*y^2", "x=2", "y=3"}},
	{"broadcast", []string{"x*y", "x=[1., 2., 3.]", "y=[[1.], [10.]]"}},
	{"broadcast_scalar", []string{"x*y", "x=2", "y=[1., 2., 3.]"}},
	{"log_negative", []string{"log(x)", "x=-1"}},
}

func runCLI(t *testing.T, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	var out, errb bytes.Buffer
	status = run(args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), status
}

func TestGolden(t *testing.T) {
	for _, c := range append(append([]goldenCase(nil), notebookCases...), featureCases...) {
		for _, form := range []string{"text", "json"} {
			args := c.args
			name := c.name + ".txt"
			if form == "json" {
				args = append([]string{"--json"}, args...)
				name = c.name + ".json"
			}
			t.Run(name, func(t *testing.T) {
				stdout, stderr, status := runCLI(t, args...)
				if status != exitOK {
					t.Fatalf("dualgrad %q: status %d, stderr %s", args, status, stderr)
				}
				path := filepath.Join("testdata", name+".golden")
				if *update {
					if err := os.WriteFile(path, []byte(stdout), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test -update to create it)", err)
				}
				if stdout != string(want) {
					t.Errorf("dualgrad %q output:\n%s\nwant (%s):\n%s", args, stdout, path, want)
				}
			})
		}
	}
}

// The goldens' numbers are checked against values worked out independently:
// the notebook's printed gradients and closed-form partials of the task.

// goldenJSON reads testdata/NAME.json.golden.
func goldenJSON(t *testing.T, name string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name+".json.golden"))
	if err != nil {
		t.Fatal(err)
	}
	var obj map[string]any
	if err := json.Unmarshal(data, &obj); err != nil {
		t.Fatalf("%s.json.golden is not JSON: %v", name, err)
	}
	return obj
}

// flatten returns the numbers of a JSON number or nested array, in order.
func flatten(t *testing.T, v any) []float64 {
	t.Helper()
	switch v := v.(type) {
	case float64:
		return []float64{v}
	case []any:
		var out []float64
		for _, x := range v {
			out = append(out, flatten(t, x)...)
		}
		return out
	}
	t.Fatalf("unexpected JSON value %v", v)
	return nil
}

func assertNumbers(t *testing.T, what string, got any, want []float64) {
	t.Helper()
	g := flatten(t, got)
	if len(g) != len(want) {
		t.Fatalf("%s = %v, want %v", what, g, want)
	}
	for i := range want {
		if g[i] != want[i] {
			t.Errorf("%s = %v, want %v", what, g, want)
			return
		}
	}
}

func TestGoldenNotebookNumbers(t *testing.T) {
	// In [4], In [5]: x.grad = tensor([12.]), y.grad = tensor([8.]).
	for _, name := range []string{"cube_square_scalar", "cube_square_one_element"} {
		g := goldenJSON(t, name)
		grad := g["gradient"].(map[string]any)
		assertNumbers(t, name+" value", g["value"], []float64{2*2*2 + 4*4})
		assertNumbers(t, name+" x.grad", grad["x"], []float64{12})
		assertNumbers(t, name+" y.grad", grad["y"], []float64{8})
	}
	// In [7], In [8].
	g := goldenJSON(t, "cube_square_tensor")
	grad := g["gradient"].(map[string]any)
	assertNumbers(t, "x.grad", grad["x"], []float64{12, 27, 12, 12, 27, 27})
	assertNumbers(t, "y.grad", grad["y"], []float64{8, 10, 10, 8, 10, 10})
	// In [9]: x.grad is y, and y.grad is x.
	g = goldenJSON(t, "product_tensor")
	grad = g["gradient"].(map[string]any)
	assertNumbers(t, "x.grad", grad["x"], []float64{3, 6, 9, -1, 1, 2})
	assertNumbers(t, "y.grad", grad["y"], []float64{1, 2, 3, 2, 4, 6})

	// The text goldens print the same tensors as the notebook, up to the
	// indentation of the second row.
	text, err := os.ReadFile(filepath.Join("testdata", "cube_square_tensor.txt.golden"))
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(text)), " ")
	for _, want := range []string{
		"∂f/∂x = tensor([[12., 27., 12.], [12., 27., 27.]])",
		"∂f/∂y = tensor([[ 8., 10., 10.], [ 8., 10., 10.]])",
	} {
		if !strings.Contains(flat, strings.Join(strings.Fields(want), " ")) {
			t.Errorf("cube_square_tensor.txt.golden lacks %q:\n%s", want, text)
		}
	}
}

// taskPartials returns f = sin(xy)/sin(x) and its partials by the quotient
// rule: ∂f/∂x = (y cos(xy) sin x − sin(xy) cos x) / sin²x, ∂f/∂y = x cos(xy) / sin x.
func taskPartials(x, y float64) (f, fx, fy float64) {
	s, c := math.Sincos(x)
	sxy, cxy := math.Sincos(x * y)
	return sxy / s, (y*cxy*s - sxy*c) / (s * s), x * cxy / s
}

// ulpsApart returns how many float64 steps separate a and b (same sign).
func ulpsApart(a, b float64) int64 {
	d := int64(math.Float64bits(a)) - int64(math.Float64bits(b))
	return max(d, -d)
}

func TestGoldenTaskNumbers(t *testing.T) {
	for _, tc := range []struct {
		name string
		x, y float64
		// f, ∂f/∂x, ∂f/∂y worked out to 40 digits (mpmath), rounded.
		exact [3]float64
	}{
		{"task_at_2_3", 2, 3, [3]float64{-0.3072872417272238292783, 3.027209981231713005491, 2.111894872511141477990}},
		{"task_at_1.5_-1.5", 1.5, -1.5, [3]float64{-0.7800271754115287050161, 0.9999422424098912411483, -0.9446267367137449124703}},
	} {
		g := goldenJSON(t, tc.name)
		grad := g["gradient"].(map[string]any)
		for i, got := range []any{g["value"], grad["x"], grad["y"]} {
			// A few roundings in the forward sweep: a few ulps at most.
			if v := flatten(t, got)[0]; ulpsApart(v, tc.exact[i]) > 4 {
				t.Errorf("%s: quantity %d = %v is %d ulps from the exact %v", tc.name, i, v, ulpsApart(v, tc.exact[i]), tc.exact[i])
			}
		}
		f, fx, fy := taskPartials(tc.x, tc.y)
		for _, q := range []struct {
			what      string
			got       any
			want, tol float64
		}{
			{"f", g["value"], f, 1e-15},
			{"∂f/∂x", grad["x"], fx, 1e-14},
			{"∂f/∂y", grad["y"], fy, 1e-14},
		} {
			got := flatten(t, q.got)[0]
			if math.Abs(got-q.want) > q.tol*math.Abs(q.want) {
				t.Errorf("%s: %s = %v, closed form gives %v", tc.name, q.what, got, q.want)
			}
			// The text golden shows the same number.
			text, err := os.ReadFile(filepath.Join("testdata", tc.name+".txt.golden"))
			if err != nil {
				t.Fatal(err)
			}
			label := q.what
			if !strings.Contains(string(text), label+" = "+formatFloat(got)+"\n") {
				t.Errorf("%s.txt.golden lacks %q:\n%s", tc.name, label+" = "+formatFloat(got), text)
			}
		}
	}
}

func TestGoldenFeatureNumbers(t *testing.T) {
	// x*y; x+y at (2, 3): values 6, 5; Jacobian [[y, x], [1, 1]].
	g := goldenJSON(t, "vector_function")
	jac := g["jacobian"].(map[string]any)
	assertNumbers(t, "vector value", g["value"], []float64{6, 5})
	assertNumbers(t, "∂/∂x", jac["x"], []float64{3, 1})
	assertNumbers(t, "∂/∂y", jac["y"], []float64{2, 1})

	// x³y² at (2, 3): 3x²y² = 108, 2x³y = 48; 6xy² = 108, 6x²y = 72, 2x³ = 16.
	g = goldenJSON(t, "hessian")
	grad := g["gradient"].(map[string]any)
	hess := g["hessian"].(map[string]any)
	assertNumbers(t, "value", g["value"], []float64{72})
	assertNumbers(t, "∂f/∂x", grad["x"], []float64{108})
	assertNumbers(t, "∂f/∂y", grad["y"], []float64{48})
	assertNumbers(t, "hessian row x", []any{hess["x"].(map[string]any)["x"], hess["x"].(map[string]any)["y"]}, []float64{108, 72})
	assertNumbers(t, "hessian row y", []any{hess["y"].(map[string]any)["x"], hess["y"].(map[string]any)["y"]}, []float64{72, 16})

	// x = [1, 2, 3] times y = [[1], [10]] broadcasts to 2×3; the gradient of
	// the sum is y summed over rows for x (11 each) and x summed for y (6 each).
	g = goldenJSON(t, "broadcast")
	grad = g["gradient"].(map[string]any)
	assertNumbers(t, "broadcast value", g["value"], []float64{1, 2, 3, 10, 20, 30})
	assertNumbers(t, "broadcast x.grad", grad["x"], []float64{11, 11, 11})
	assertNumbers(t, "broadcast y.grad", grad["y"], []float64{6, 6})

	// Along v = (1, 1) the directional derivative is ∂f/∂x + ∂f/∂y.
	g = goldenJSON(t, "jvp")
	_, fx, fy := taskPartials(2, 3)
	if got := flatten(t, g["jvp"])[0]; math.Abs(got-(fx+fy)) > 1e-14*math.Abs(fx+fy) {
		t.Errorf("jvp = %v, closed form gives %v", got, fx+fy)
	}
	// --wrt y gives only ∂f/∂y, the same as the full gradient's.
	g = goldenJSON(t, "wrt_y")
	grad = g["gradient"].(map[string]any)
	full := goldenJSON(t, "task_at_1.5_-1.5")["gradient"].(map[string]any)
	if len(grad) != 1 || grad["y"] != full["y"] {
		t.Errorf("--wrt y gradient = %v, want only y = %v", grad, full["y"])
	}
}
