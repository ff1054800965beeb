package main

import (
	"strings"
	"testing"
)

// splitShellWords splits a command line written with single quotes, as in
// the help text's examples.
func splitShellWords(line string) []string {
	var words []string
	var cur strings.Builder
	inWord, quoted := false, false
	for _, r := range line {
		switch {
		case r == '\'':
			quoted, inWord = !quoted, true
		case r == ' ' && !quoted:
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// Every example in --help runs and succeeds (batch examples, which need a
// file, are only parsed).
func TestHelpExamplesRun(t *testing.T) {
	n := 0
	for _, line := range strings.Split(usageText, "\n") {
		cmd, ok := strings.CutPrefix(line, "  dualgrad ")
		if !ok || strings.Contains(cmd, "[flags]") {
			continue
		}
		// Drop a trailing comment set off by two or more spaces.
		if i := strings.Index(cmd, "   "); i >= 0 {
			cmd = cmd[:i]
		}
		args := splitShellWords(cmd)
		n++
		if strings.Contains(cmd, "--in ") {
			if _, err := parseArgs(args); err != nil {
				t.Errorf("help example %q: %v", cmd, err)
			}
			continue
		}
		if _, stderr, status := runCLI(t, args...); status != exitOK {
			t.Errorf("help example %q: status %d, %s", cmd, status, stderr)
		}
	}
	if n < 8 {
		t.Errorf("found %d examples in the help text, want at least 8", n)
	}
}

func TestVersion(t *testing.T) {
	stdout, _, status := runCLI(t, "--version")
	if status != exitOK || !strings.HasPrefix(stdout, "dualgrad ") || !strings.HasSuffix(stdout, ")\n") {
		t.Errorf("--version: status %d, %q", status, stdout)
	}
}
