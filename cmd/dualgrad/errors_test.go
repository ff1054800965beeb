package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every class of bad input: exit status 2, nothing on stdout, one message on
// stderr that says what is wrong and where.
func TestBadInput(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		want  string // substring of the first stderr line
		caret string // if not empty, the context lines under the message
	}{
		{"malformed expression", []string{"sin(x*y", "x=1", "y=2"}, "column 8", "  sin(x*y\n         ^"},
		{"expression over two lines", []string{"x +\n\t* y", "x=1", "y=2"}, "column", "  x +  * y\n       ^"},
		{"operator without operand", []string{"x + * y", "x=1", "y=2"}, "column 5", "  x + * y\n      ^"},
		{"unknown function", []string{"sinn(x)", "x=1"}, `"sin"`, "  sinn(x)\n  ^"},
		{"wrong number of arguments", []string{"atan2(x)", "x=1"}, "atan2", ""},
		{"too many arguments", []string{"sin(x, x)", "x=1"}, "sin", ""},
		{"missing binding", []string{"x*y", "x=1"}, "no value for y: add y=VALUE", ""},
		{"missing bindings", []string{"x*y*z", "x=1"}, "no values for y, z", ""},
		{"unused binding", []string{"x*2", "x=1", "z=3"}, "z is bound but the expression does not use it (its variables: x)", ""},
		{"binding a constant", []string{"x*pi", "x=1", "pi=3"}, "pi is a constant", ""},
		{"duplicate binding", []string{"x", "x=1", "x=2"}, "x is bound twice: x=1 and x=2", ""},
		{"value not a number", []string{"x", "x=two"}, `value of x: "two" is not a number`, "  x=two\n    ^"},
		{"number too large", []string{"x", "x=1e309"}, "1e309 is outside float64's range", ""},
		{"number too small", []string{"x", "x=1e-400"}, "too small for float64", ""},
		{"ragged tensor", []string{"x", "x=[[2., 3., 2.], [2., 3.]]"}, "ragged tensor: element 2 is a list of 2 but element 1 is a list of 3", "  x=[[2., 3., 2.], [2., 3.]]\n                   ^"},
		{"shapes do not broadcast", []string{"x*y", "x=[1, 2, 3]", "y=[1, 2]"}, "x has shape (3,) and y has shape (2,)", ""},
		{"not NAME=VALUE", []string{"x", "3"}, `argument "3" is not NAME=VALUE`, ""},
		{"bad variable name", []string{"x", "x-1=3"}, `"x-1" is not a variable name`, ""},
		{"missing expression", []string{}, "missing expression", ""},
		{"unknown flag", []string{"--jsn", "x", "x=1"}, "did you mean --json?", ""},
		{"unknown --wrt name", []string{"--wrt", "z", "x", "x=1"}, "--wrt: z is not a variable", ""},
		{"bad --jvp", []string{"--jvp", "x=a", "x", "x=1"}, `--jvp: value of x: "a" is not a number`, ""},
		{"--hessian on tensors", []string{"--hessian", "x", "x=[1, 2]"}, "--hessian needs number inputs", ""},
		{"--hessian on a vector function", []string{"--hessian", "x; x", "x=1"}, "one output", ""},
		{"--jvp with --wrt", []string{"--jvp", "x=1", "--wrt", "x", "x", "x=1"}, "do not go together", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, status := runCLI(t, tt.args...)
			if status != exitBadInput {
				t.Errorf("status = %d, want %d", status, exitBadInput)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
			first, context, _ := strings.Cut(strings.TrimSuffix(stderr, "\n"), "\n")
			if !strings.HasPrefix(first, "dualgrad: ") || !strings.Contains(first, tt.want) {
				t.Errorf("stderr = %q, want one line starting with \"dualgrad: \" containing %q", stderr, tt.want)
			}
			if tt.caret != "" && context != tt.caret {
				t.Errorf("context under the message =\n%s\nwant\n%s", context, tt.caret)
			}
		})
	}
}

// A NaN or infinity in a result is not an error: it is printed, with a
// warning naming the operation that produced it.
func TestNonFiniteWarning(t *testing.T) {
	stdout, stderr, status := runCLI(t, "sqrt(x) + y", "x=-4", "y=1")
	if status != exitOK {
		t.Fatalf("status %d: %s", status, stderr)
	}
	if !strings.Contains(stdout, "f = NaN\n") {
		t.Errorf("stdout = %q, want f = NaN", stdout)
	}
	if !strings.Contains(stderr, "warning") || !strings.Contains(stderr, "sqrt(x)") {
		t.Errorf("stderr = %q, want a warning naming sqrt(x)", stderr)
	}

	stdout, stderr, status = runCLI(t, "--json", "1/x", "x=[1, 0]")
	if status != exitOK {
		t.Fatalf("status %d: %s", status, stderr)
	}
	if !strings.Contains(stdout, `"value": [1, "Inf"]`) || !strings.Contains(stderr, "element [1]") {
		t.Errorf("stdout %q stderr %q: want Inf printed as a string and the warning to name element [1]", stdout, stderr)
	}

	// A derivative that is infinite where every value is finite: sqrt at 0 has
	// none, atan2's y partial at (0, 5e-324) is 1/x, beyond float64's range.
	for _, args := range [][]string{{"sqrt(x)", "x=0"}, {"atan2(y, x)", "y=0", "x=5e-324"}} {
		_, stderr, status := runCLI(t, args...)
		if status != exitOK || !strings.Contains(stderr, "not differentiable there, or the derivative is beyond float64's range") {
			t.Errorf("%v: status %d, stderr %q: want the warning on a non-finite derivative", args, status, stderr)
		}
	}

	// A non-finite input is named as the source, not blamed on a derivative.
	_, stderr, status = runCLI(t, "x*y", "x=[1, inf]", "y=2")
	if status != exitOK || !strings.Contains(stderr, "the input x at element [1] is Inf") {
		t.Errorf("status %d, stderr %q: want the warning to name input x at element [1]", status, stderr)
	}
}

// An unwritable --out is an I/O failure (status 1), and a failed run leaves
// an existing --out file untouched.
func TestOutputFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "result.txt")
	if _, stderr, status := runCLI(t, "--out", out, "x^2", "x=3"); status != exitOK {
		t.Fatalf("status %d: %s", status, stderr)
	}
	got, err := os.ReadFile(out)
	if err != nil || string(got) != "f = 9\n∂f/∂x = 6\n" {
		t.Fatalf("--out file = %q, %v", got, err)
	}
	if _, _, status := runCLI(t, "--out", out, "x^2", "x=oops"); status != exitBadInput {
		t.Errorf("bad input with --out: status %d", status)
	}
	if again, _ := os.ReadFile(out); string(again) != string(got) {
		t.Errorf("a failed run changed --out to %q", again)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	_, stderr, status := runCLI(t, "--out", filepath.Join(dir, "no", "such", "dir", "f.txt"), "x", "x=1")
	if status != exitIOError || !strings.HasPrefix(stderr, "dualgrad: ") {
		t.Errorf("unwritable --out: status %d stderr %q, want %d", status, stderr, exitIOError)
	}
	_, stderr, status = runCLI(t, "--in", filepath.Join(dir, "missing.csv"), "x")
	if status != exitIOError || !strings.Contains(stderr, "missing.csv") {
		t.Errorf("missing --in: status %d stderr %q, want %d", status, stderr, exitIOError)
	}
}
