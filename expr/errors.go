package expr

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// SyntaxError is the error Parse returns. It locates the problem in the source so that
// a tool can print the expression with a caret under the offending column.
type SyntaxError struct {
	Src    string // the whole input
	Offset int    // byte offset of the problem in Src (0-based)
	Line   int    // 1-based line of Offset (inputs are usually one line)
	Col    int    // 1-based column of Offset within its line, in runes, for people
	Msg    string // what is wrong, e.g. `expected ")" but found end of input`
}

func newSyntaxError(src string, offset int, format string, args ...any) *SyntaxError {
	if offset > len(src) {
		offset = len(src)
	}
	lineStart := strings.LastIndexByte(src[:offset], '\n') + 1
	return &SyntaxError{
		Src:    src,
		Offset: offset,
		Line:   strings.Count(src[:lineStart], "\n") + 1,
		Col:    utf8.RuneCountInString(src[lineStart:offset]) + 1,
		Msg:    fmt.Sprintf(format, args...),
	}
}

// Error returns the message on one line, prefixed with line and column: `1:7: expected ")" but found end of input`.
func (e *SyntaxError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

// Caret returns two lines: the source line that holds the problem, then spaces and a
// '^' under its column. Tabs in the source are kept in the second line so the caret
// lines up in a terminal.
func (e *SyntaxError) Caret() string {
	lineStart := strings.LastIndexByte(e.Src[:e.Offset], '\n') + 1
	lineEnd := strings.IndexByte(e.Src[e.Offset:], '\n')
	if lineEnd < 0 {
		lineEnd = len(e.Src)
	} else {
		lineEnd += e.Offset
	}
	var pad strings.Builder
	for _, r := range e.Src[lineStart:e.Offset] {
		if r == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	return e.Src[lineStart:lineEnd] + "\n" + pad.String() + "^"
}

// unknownFunctionMsg names an unknown function and suggests the closest known one.
func unknownFunctionMsg(name string) string {
	msg := fmt.Sprintf("unknown function %q", name)
	if s := closestName(name, functionNames()); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return msg
}

// arityMsg says how many arguments a function takes.
func arityMsg(name string, want, got int) string {
	plural := "s"
	if want == 1 {
		plural = ""
	}
	return fmt.Sprintf("%s takes %d argument%s, got %d", name, want, plural, got)
}

// functionNames returns the names of all known functions, sorted, so that ties in
// closestName are broken the same way on every run.
func functionNames() []string {
	names := make([]string, 0, len(functions))
	for n := range functions {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// closestName returns the candidate with the smallest edit distance to name, if that
// distance is small enough for the suggestion to be plausible; otherwise "".
func closestName(name string, candidates []string) string {
	best, bestDist := "", len(name)/2+1
	if bestDist > 3 {
		bestDist = 3
	}
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(name), c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance returns the Levenshtein distance between a and b, counting an
// exchange of two adjacent letters as one edit (sni -> sin).
func editDistance(a, b string) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
