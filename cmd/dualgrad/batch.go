package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"strings"

	"github.com/dualgrad/dualgrad/expr"
)

// Batch mode (--in): the input is a CSV file whose header names variables and
// whose rows are points. The output is a CSV with a header and, per input
// row, the value of each output then one column per partial (or the
// directional derivative with --jvp). Rows are read, evaluated through the
// compiled batch path (Program.EvalColumns) and written in blocks of
// batchBlockRows, so memory does not grow with the number of rows.

// batchPlan says where each input of the program comes from.
type batchPlan struct {
	vars     []string
	column   []int     // column[k] is the CSV column of variable k, or -1
	constant []float64 // constant[k] is the bound value when column[k] < 0
	wrt      []int     // partials to compute (all variables with a nonzero direction under --jvp)
}

// runBatch streams the CSV in to out.
func runBatch(o *options, f *expr.Func, in io.Reader, inSize int64, out io.Writer, progress *progress) error {
	if err := checkFlagCombination(o, f.NumOut()); err != nil {
		return err
	}
	name := o.in
	if name == "-" {
		name = "stdin"
	}
	r := csv.NewReader(bufio.NewReaderSize(in, 1<<16))
	r.ReuseRecord = true
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err == io.EOF {
		return badInput("%s: empty input; expected a header line naming the variables", name)
	}
	if err != nil {
		return csvError(name, err)
	}
	plan, err := planBatch(o, name, f, header)
	if err != nil {
		return err
	}
	prog, err := f.Compile(plan.vars)
	if err != nil {
		return badInput("%v", err)
	}
	var direction []float64
	if o.hasJVP {
		if direction, err = parseTangent(o.jvp, plan.vars); err != nil {
			return err
		}
		plan.wrt = plan.wrt[:0]
		for k, d := range direction {
			if d != 0 {
				plan.wrt = append(plan.wrt, k)
			}
		}
	}
	wrtNames := make([]string, len(plan.wrt))
	for k, j := range plan.wrt {
		wrtNames[k] = plan.vars[j]
	}
	outHeader := batchHeader(prog.NumOut(), wrtNames, o.hasJVP)

	w := bufio.NewWriterSize(out, 1<<16)
	if _, err := w.WriteString(strings.Join(outHeader, ",") + "\n"); err != nil {
		return ioFailure("writing output: %v", err)
	}

	// Parsing runs in its own goroutine, a block ahead of evaluation and
	// formatting; a fixed set of blocks circulates between the two, so
	// memory stays constant.
	const blocksInFlight = 3
	free := make(chan *inputBlock, blocksInFlight)
	for range blocksInFlight {
		free <- newInputBlock(len(plan.vars))
	}
	parsed := make(chan *inputBlock)
	stop := make(chan struct{})
	defer close(stop)
	go readBlocks(r, plan, name, free, parsed, stop)

	outBlk := newOutputBlock(prog.NumOut(), len(plan.wrt))
	opt := expr.BatchOptions{Workers: o.workers, Wrt: plan.wrt}
	var (
		rows      int64
		nonFinite nonFiniteRows
	)
	for in := range parsed {
		if in.err != nil {
			return in.err
		}
		if err := prog.EvalColumns(in.columns(), outBlk.outputs(in.n), outBlk.partialsOf(in.n), opt); err != nil {
			return badInput("%s: %v", name, err)
		}
		for row := range in.n {
			line := outBlk.appendRow(row, direction, plan.wrt)
			if !outBlk.rowFinite(row) {
				nonFinite.note(prog, in, row)
			}
			if _, err := w.Write(line); err != nil {
				return ioFailure("writing output: %v", err)
			}
		}
		rows += int64(in.n)
		progress.update(rows, in.offset, inSize)
		free <- in
	}
	progress.done()
	if err := w.Flush(); err != nil {
		return ioFailure("writing output: %v", err)
	}
	if nonFinite.count > 0 {
		progress.warn(nonFinite.message())
	}
	return nil
}

// planBatch matches the CSV header and the NAME=VALUE bindings with the
// variables of f, and resolves --wrt.
func planBatch(o *options, file string, f *expr.Func, header []string) (*batchPlan, error) {
	vars := f.Vars()
	plan := &batchPlan{vars: vars, column: make([]int, len(vars)), constant: make([]float64, len(vars))}
	bound := make([]bool, len(vars))
	for c, name := range header {
		if c == 0 {
			name = strings.TrimPrefix(name, "\ufeff") // the byte-order mark some spreadsheets write
		}
		name = strings.TrimSpace(name)
		if !isIdentifier(name) {
			return nil, badInput("%s:1: column %d of the header is %q, which is not a variable name", file, c+1, name)
		}
		k := indexOf(vars, name)
		if k < 0 {
			return nil, unusedColumn(file, name, vars)
		}
		if bound[k] {
			return nil, badInput("%s:1: column %s appears twice in the header", file, name)
		}
		plan.column[k], bound[k] = c, true
	}
	for _, b := range o.bindings {
		k := indexOf(vars, b.name)
		if k < 0 {
			return nil, unusedBinding(b.name, vars)
		}
		if bound[k] {
			return nil, badInput("%s is bound twice: as a column of %s and as %s", b.name, file, b.arg)
		}
		if !b.val.isScalar() {
			return nil, badInput("%s: in batch mode a binding must be a number, not a tensor", b.arg)
		}
		plan.column[k], plan.constant[k], bound[k] = -1, b.val.data[0], true
	}
	var missing []string
	for k, ok := range bound {
		if !ok {
			missing = append(missing, vars[k])
		}
	}
	if len(missing) > 0 {
		return nil, badInput("no value for %s: add a column to %s or a binding %s=VALUE", strings.Join(missing, ", "), file, missing[0])
	}
	wrt, err := resolveWrt(o.wrt, vars)
	if err != nil {
		return nil, err
	}
	plan.wrt = wrt
	return plan, nil
}

func unusedColumn(file, name string, vars []string) error {
	if name == "pi" || name == "e" {
		return badInput("%s:1: column %s: %s is a constant in expressions and cannot be a column", file, name, name)
	}
	return badInput("%s:1: column %s is not a variable of the expression (its variables: %s)", file, name, strings.Join(vars, ", "))
}

// batchHeader returns the output CSV header: f then df/dx, df/dy, ...; f1, f2,
// df1/dx, ... for a vector function; f, df/dv with --jvp. The header is
// ASCII so that any CSV tool reads it.
func batchHeader(numOut int, wrt []string, jvp bool) []string {
	outs := outputNames(numOut)
	header := append([]string(nil), outs...)
	for _, out := range outs {
		if jvp {
			header = append(header, "d"+out+"/dv")
			continue
		}
		for _, v := range wrt {
			header = append(header, "d"+out+"/d"+v)
		}
	}
	return header
}

// csvError reports a CSV syntax problem with its line, as exit status 2, and
// any other read failure as exit status 1.
func csvError(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			return badInput("%s:%d: wrong number of fields (the header has a different number)", file, pe.Line)
		}
		return badInput("%s:%d:%d: %v", file, pe.Line, pe.Column, pe.Err)
	}
	return ioFailure("reading %s: %v", file, err)
}

// openInput opens the --in file ("-" is stdin) and returns its size when
// known (for the progress line), or -1.
func openInput(name string, stdin io.Reader) (io.Reader, func() error, int64, error) {
	if name == "-" {
		return stdin, func() error { return nil }, -1, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, 0, ioFailure("%v", err)
	}
	size := int64(-1)
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	return f, f.Close, size, nil
}
