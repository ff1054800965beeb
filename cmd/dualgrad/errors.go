package main

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Exit statuses, as documented in the help text.
const (
	exitOK       = 0
	exitIOError  = 1 // reading or writing a file or stream failed
	exitBadInput = 2 // the command line, the expression or the data is wrong
	exitInternal = 3 // a bug in dualgrad
)

// cliError is an error that knows its exit status. Its message is one line;
// context, if not empty, is shown under it (for example the offending text
// with a caret under the problem).
type cliError struct {
	status  int
	msg     string
	context string
}

func (e *cliError) Error() string { return e.msg }

// badInput returns an error with exit status 2.
func badInput(format string, args ...any) *cliError {
	return &cliError{status: exitBadInput, msg: fmt.Sprintf(format, args...)}
}

// ioFailure returns an error with exit status 1.
func ioFailure(format string, args ...any) *cliError {
	return &cliError{status: exitIOError, msg: fmt.Sprintf(format, args...)}
}

// withCaret returns e with a context block showing src and a caret under
// the byte offset off.
func (e *cliError) withCaret(src string, off int) *cliError {
	e.context = caretBlock(src, off)
	return e
}

// caretBlock returns src and, on the next line, a '^' under byte offset off
// (counted in runes, so that non-ASCII text still lines up), both indented by
// two spaces. Tabs and line breaks in src are shown as spaces so that the
// caret stays under its column.
func caretBlock(src string, off int) string {
	off = min(max(off, 0), len(src))
	col := utf8.RuneCountInString(src[:off])
	shown := strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, src)
	return "  " + shown + "\n  " + strings.Repeat(" ", col) + "^"
}
