package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

func runWithStdin(t *testing.T, stdin string, args ...string) (stdout, stderr string, status int) {
	t.Helper()
	var out, errb bytes.Buffer
	status = run(args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), status
}

// parseCSVFloats splits one output row into numbers.
func parseCSVFloats(t *testing.T, row string) []float64 {
	t.Helper()
	var out []float64
	for _, field := range strings.Split(row, ",") {
		v, err := parseNumber(field)
		if err != nil {
			t.Fatalf("row %q: %v", row, err)
		}
		out = append(out, v)
	}
	return out
}

func TestBatchSmall(t *testing.T) {
	stdout, stderr, status := runWithStdin(t, "x,y\n2,3\n1.5,-1.5\n", "--in", "-", "sin(x*y)/sin(x)")
	if status != exitOK {
		t.Fatalf("status %d: %s", status, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != 3 || lines[0] != "f,df/dx,df/dy" {
		t.Fatalf("output:\n%s\nwant a header f,df/dx,df/dy and 2 rows", stdout)
	}
	for i, pt := range [][2]float64{{2, 3}, {1.5, -1.5}} {
		f, fx, fy := taskPartials(pt[0], pt[1])
		got := parseCSVFloats(t, lines[i+1])
		for j, want := range []float64{f, fx, fy} {
			if math.Abs(got[j]-want) > 1e-14*math.Abs(want) {
				t.Errorf("row %d column %d = %v, closed form gives %v", i+1, j+1, got[j], want)
			}
		}
	}
}

func TestBatchOptions(t *testing.T) {
	tests := []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"binding fills a variable", "x\n2\n3\n", []string{"x*y", "y=10"}, "f,df/dx,df/dy\n20,10,2\n30,10,3\n"},
		{"wrt", "x,y\n2,5\n", []string{"--wrt", "y", "x*y"}, "f,df/dy\n10,2\n"},
		{"jvp", "x,y\n2,5\n", []string{"--jvp", "x=1,y=-1", "x*y"}, "f,df/dv\n10,3\n"},
		{"vector function", "x,y\n2,5\n", []string{"x*y; x+y"}, "f1,f2,df1/dx,df1/dy,df2/dx,df2/dy\n10,7,5,2,1,1\n"},
		{"columns in any order, spaces, CRLF", "y , x\r\n 5, 2\r\n", []string{"x-y"}, "f,df/dx,df/dy\n-3,1,-1\n"},
		{"non-finite values are written", "x\n0\n", []string{"1/x"}, "f,df/dx\nInf,-Inf\n"},
		{"header only", "x\n", []string{"x"}, "f,df/dx\n"},
		{"byte-order mark", "\ufeffx\n2\n", []string{"x^2"}, "f,df/dx\n4,4\n"},
		{"zero direction", "x\n2\n", []string{"--jvp", "x=0", "x^2"}, "f,df/dv\n4,0\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, status := runWithStdin(t, tt.stdin, append([]string{"--in", "-"}, tt.args...)...)
			if status != exitOK || stdout != tt.want {
				t.Errorf("status %d, output:\n%s\nwant:\n%s\nstderr: %s", status, stdout, tt.want, stderr)
			}
		})
	}
}

func TestBatchBadInput(t *testing.T) {
	tests := []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"unreadable row", "x,y\n1,2\n3,abc\n", []string{"x*y"}, `stdin:3:3: column y: "abc" is not a number`},
		{"number out of range", "x\n1e999\n", []string{"x"}, "stdin:2:1: column x: 1e999 is outside float64's range"},
		{"wrong field count", "x,y\n1,2\n3\n", []string{"x*y"}, "stdin:3: wrong number of fields"},
		{"bad quoting", "x\n\"1\n", []string{"x"}, "stdin:2:"},
		{"unused column", "x,z\n1,2\n", []string{"x"}, "column z is not a variable of the expression"},
		{"missing column", "x\n1\n", []string{"x*y"}, "no value for y"},
		{"duplicate column", "x,x\n1,2\n", []string{"x"}, "column x appears twice"},
		{"column and binding", "x\n1\n", []string{"x", "x=2"}, "x is bound twice"},
		{"tensor binding", "x\n1\n", []string{"x*y", "y=[1, 2]"}, "must be a number"},
		{"empty input", "", []string{"x"}, "empty input"},
		{"bad header", "x,2y\n1,2\n", []string{"x"}, `"2y", which is not a variable name`},
		{"--hessian", "x\n1\n", []string{"--hessian", "x"}, "not available in batch mode"},
		{"--json", "x\n1\n", []string{"--json", "x"}, "not available in batch mode"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, status := runWithStdin(t, tt.stdin, append([]string{"--in", "-"}, tt.args...)...)
			if status != exitBadInput || !strings.HasPrefix(stderr, "dualgrad: ") || !strings.Contains(stderr, tt.want) || strings.Count(stderr, "\n") != 1 {
				t.Errorf("status %d, stderr %q; want status %d and one line containing %q", status, stderr, exitBadInput, tt.want)
			}
		})
	}
}

// writeRandomCSV writes a CSV of n points (x, y) with x in [0.2, 2.9] (away
// from the zeros of sin x) and y in [-3, 3], deterministically.
func writeRandomCSV(t *testing.T, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<16)
	rng := rand.New(rand.NewPCG(1, 2))
	w.WriteString("x,y\n")
	var line []byte
	for range n {
		line = appendFloat(line[:0], 0.2+2.7*rng.Float64())
		line = append(line, ',')
		line = appendFloat(line, -3+6*rng.Float64())
		line = append(line, '\n')
		w.Write(line)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// runBinaryBatch runs the built binary in batch mode and returns its peak
// resident memory in bytes.
func runBinaryBatch(t *testing.T, in, out string) int64 {
	t.Helper()
	cmd := binaryCommand(t, "--in", in, "--out", out, "sin(x*y)/sin(x)")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("dualgrad --in %s: %v\n%s", in, err, stderr.String())
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		t.Skip("peak memory is not available on this system")
	}
	return ru.Maxrss * 1024 // kilobytes on Linux
}

// A million rows: the batch path gives the point-mode numbers on a sample of
// rows, and peak memory does not grow with the number of rows.
func TestBatchMillionRows(t *testing.T) {
	dir := t.TempDir()
	small, large := filepath.Join(dir, "small.csv"), filepath.Join(dir, "large.csv")
	const smallRows, largeRows = 100_000, 1_000_000
	writeRandomCSV(t, small, smallRows)
	writeRandomCSV(t, large, largeRows)

	rssSmall := runBinaryBatch(t, small, filepath.Join(dir, "small.out"))
	rssLarge := runBinaryBatch(t, large, filepath.Join(dir, "large.out"))
	t.Logf("peak RSS: %d rows %.1f MiB, %d rows %.1f MiB", smallRows, float64(rssSmall)/(1<<20), largeRows, float64(rssLarge)/(1<<20))
	// Ten times the rows (the input is ~40 MB) may not cost more than a few
	// MiB of noise from the runtime.
	if rssLarge > rssSmall+8<<20 {
		t.Errorf("peak memory grows with rows: %d rows %d bytes, %d rows %d bytes", smallRows, rssSmall, largeRows, rssLarge)
	}

	inputs, err := os.ReadFile(large)
	if err != nil {
		t.Fatal(err)
	}
	outputs, err := os.ReadFile(filepath.Join(dir, "large.out"))
	if err != nil {
		t.Fatal(err)
	}
	inLines := strings.Split(strings.TrimSuffix(string(inputs), "\n"), "\n")
	outLines := strings.Split(strings.TrimSuffix(string(outputs), "\n"), "\n")
	if len(outLines) != largeRows+1 || outLines[0] != "f,df/dx,df/dy" {
		t.Fatalf("output has %d lines starting %q, want %d and the header", len(outLines), outLines[0], largeRows+1)
	}
	// Rows across block boundaries, and a spread of others.
	sample := []int{1, 2, batchBlockRows, batchBlockRows + 1, largeRows}
	for r := 997; r < largeRows; r += 49_999 {
		sample = append(sample, r)
	}
	for _, row := range sample {
		x, y, _ := strings.Cut(inLines[row], ",")
		stdout, stderr, status := runCLI(t, "--json", "sin(x*y)/sin(x)", "x="+x, "y="+y)
		if status != exitOK {
			t.Fatalf("point mode at row %d: %s", row, stderr)
		}
		var point struct {
			Value    float64
			Gradient struct{ X, Y float64 }
		}
		if err := json.Unmarshal([]byte(stdout), &point); err != nil {
			t.Fatal(err)
		}
		got := parseCSVFloats(t, outLines[row])
		for j, want := range []float64{point.Value, point.Gradient.X, point.Gradient.Y} {
			// Batch kernels may differ from the point path by a few ulps
			// per operation; ∂f/∂x divides a difference by sin²x >= 0.04,
			// which can magnify that to about 1e-13.
			if math.Abs(got[j]-want) > 1e-12*max(1, math.Abs(want)) {
				t.Errorf("row %d (x=%s, y=%s) column %d: batch %v, point %v", row, x, y, j+1, got[j], want)
			}
		}
	}
}

// The progress line goes only to a terminal; with a buffer for stderr a
// large run prints nothing there.
func TestBatchNoProgressWithoutTerminal(t *testing.T) {
	var in strings.Builder
	in.WriteString("x\n")
	for i := range 20000 {
		in.WriteString(strconv.Itoa(i) + "\n")
	}
	_, stderr, status := runWithStdin(t, in.String(), "--in", "-", "x^2")
	if status != exitOK || stderr != "" {
		t.Errorf("status %d, stderr %q; want 0 and nothing", status, stderr)
	}
}

// A bad row after many good ones: status 2, the message names its line, and
// with --out the output file is not created.
func TestBatchLateBadRow(t *testing.T) {
	var in strings.Builder
	in.WriteString("x\n")
	for i := range 3 * batchBlockRows {
		in.WriteString(strconv.Itoa(i) + "\n")
	}
	in.WriteString("1,5\n")
	out := filepath.Join(t.TempDir(), "out.csv")
	_, stderr, status := runWithStdin(t, in.String(), "--in", "-", "--out", out, "x^2")
	wantLine := fmt.Sprintf("stdin:%d:", 3*batchBlockRows+2)
	if status != exitBadInput || !strings.Contains(stderr, wantLine) {
		t.Errorf("status %d, stderr %q; want %d and a message about %s", status, stderr, exitBadInput, wantLine)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("--out file exists after a failed run: %v", err)
	}
}
