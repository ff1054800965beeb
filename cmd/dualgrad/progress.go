package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"time"
)

// progress shows a progress line for a long batch run on stderr, only when
// stderr is a terminal (a log file or a pipe gets no carriage returns) that
// is not also showing the output rows, and only once the run has lasted long
// enough to be worth it.
type progress struct {
	stderr  io.Writer
	enabled bool
	start   time.Time
	last    time.Time
	shown   bool
}

// Progress lines start after progressDelay and repeat every progressEvery.
const (
	progressDelay = time.Second
	progressEvery = 250 * time.Millisecond
)

// newProgress returns a progress reporter writing to stderr. outputOnTerminal
// tells whether the results go to a terminal, where a progress line would be
// mixed into them.
func newProgress(stderr io.Writer, outputOnTerminal bool) *progress {
	now := time.Now()
	return &progress{stderr: stderr, enabled: isTerminal(stderr) && !outputOnTerminal, start: now, last: now}
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// update shows the number of rows done and, when the input size is known,
// the share of it read so far.
func (p *progress) update(rows, offset, size int64) {
	if !p.enabled {
		return
	}
	now := time.Now()
	if now.Sub(p.start) < progressDelay || now.Sub(p.last) < progressEvery {
		return
	}
	p.last = now
	p.shown = true
	line := "\rdualgrad: " + plural(rows, "row", "rows")
	if size > 0 {
		line += fmt.Sprintf(" (%.0f%%)", 100*float64(offset)/float64(size))
	}
	fmt.Fprint(p.stderr, line+"\x1b[K")
}

// done clears the progress line.
func (p *progress) done() {
	if p.shown {
		fmt.Fprint(p.stderr, "\r\x1b[K")
		p.shown = false
	}
}

// warn prints a warning on a line of its own.
func (p *progress) warn(msg string) {
	p.done()
	fmt.Fprintf(p.stderr, "dualgrad: warning: %s\n", msg)
}

// plural returns "1 row" or "3 rows".
func plural(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return itoa(n) + " " + many
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
