package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// run is the whole command: it parses args, does the work, writes results
// to stdout and messages to stderr, and returns the exit status. On an error
// nothing is written to stdout (in batch mode, rows already streamed stay
// written; --out FILE is only replaced by a complete result).
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (status int) {
	defer func() {
		// A panic is a bug in dualgrad, never the user's fault: say so in one
		// line instead of a stack trace.
		if p := recover(); p != nil {
			fmt.Fprintf(stderr, "dualgrad: internal error: %v (this is a bug; please report it with the command line)\n", p)
			status = exitInternal
		}
	}()
	err := execute(args, stdin, stdout, stderr)
	if err == nil {
		return exitOK
	}
	var ce *cliError
	if !errors.As(err, &ce) {
		ce = ioFailure("%v", err)
	}
	fmt.Fprintf(stderr, "dualgrad: %s\n", ce.msg)
	if ce.context != "" {
		fmt.Fprintln(stderr, ce.context)
	}
	return ce.status
}

func execute(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	o, err := parseArgs(args)
	if err != nil {
		return err
	}
	switch {
	case o.help:
		return writeTo(stdout, []byte(usageText))
	case o.version:
		return writeTo(stdout, []byte(versionText()))
	}
	f, err := parseExpression(o.expr)
	if err != nil {
		return err
	}
	if o.in != "" {
		in, closeIn, size, err := openInput(o.in, stdin)
		if err != nil {
			return err
		}
		defer closeIn()
		prog := newProgress(stderr, (o.out == "" || o.out == "-") && isTerminal(stdout))
		defer prog.done() // clear the progress line before any error message
		return withOutput(o.out, stdout, func(w io.Writer) error {
			return runBatch(o, f, in, size, w, prog)
		})
	}
	r, warnings, err := evaluate(o, f)
	if err != nil {
		return err
	}
	var text []byte
	if o.json {
		text = r.appendJSON(nil)
	} else {
		var b strings.Builder
		r.writeText(&b)
		text = []byte(b.String())
	}
	if err := withOutput(o.out, stdout, func(w io.Writer) error { return writeTo(w, text) }); err != nil {
		return err
	}
	if c := r.check; c != nil && c.suspicious {
		warnings = append(warnings, fmt.Sprintf("automatic and finite-difference derivatives differ by %s (%s): the function may not be smooth there, or a derivative is wrong", formatFloat(c.maxDiff), c.where))
	}
	for _, w := range warnings {
		fmt.Fprintf(stderr, "dualgrad: warning: %s\n", w)
	}
	return nil
}

// writeTo writes text to w, reporting a failure as an I/O error.
func writeTo(w io.Writer, text []byte) error {
	if _, err := w.Write(text); err != nil {
		return ioFailure("writing output: %v", err)
	}
	return nil
}

// withOutput calls write with stdout, or, when name is not empty, with a
// temporary file next to name that replaces name only if write succeeds, so
// that a failed run never leaves a truncated result behind.
func withOutput(name string, stdout io.Writer, write func(io.Writer) error) error {
	if name == "" || name == "-" {
		return write(stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return ioFailure("%v", err)
	}
	if err := write(tmp); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return ioFailure("writing %s: %v", name, err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		os.Remove(tmp.Name())
		return ioFailure("%v", err)
	}
	return nil
}
