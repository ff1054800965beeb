package main

import (
	"strings"
	"testing"
)

// Whatever the expression and values, dualgrad answers with status 0 or 2,
// never a panic (status 3); on status 2 stdout stays empty and stderr holds a
// dualgrad: message.
func FuzzRun(f *testing.F) {
	f.Add("sin(x*y)/sin(x)", "2", "[3., 4.]", false)
	f.Add("x^3 + y^2", "[[2., 3.], [2., 3.]]", "[[4., 5.], [4., 5.]]", true)
	f.Add("log(x) - atan2(y, x)", "-1", "nan", false)
	f.Add("x*y; x/y", "[1, 2, 3]", "[[1], [0]]", true)
	f.Add("min(x, y) ** -x", "inf", "1e308", false)
	f.Fuzz(func(t *testing.T, src, x, y string, json bool) {
		args := []string{src, "x=" + x, "y=" + y}
		if json {
			args = append(args, "--json")
		}
		// Keep tensors small so that one input cannot take long.
		if strings.Count(x+y, ",") > 64 {
			return
		}
		stdout, stderr, status := runCLI(t, args...)
		switch status {
		case exitOK:
		case exitBadInput:
			if stdout != "" || !strings.HasPrefix(stderr, "dualgrad: ") {
				t.Fatalf("dualgrad %q: status 2 with stdout %q stderr %q", args, stdout, stderr)
			}
		default:
			t.Fatalf("dualgrad %q: status %d, stderr %q", args, status, stderr)
		}
	})
}
