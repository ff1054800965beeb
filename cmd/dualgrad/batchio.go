package main

import (
	"encoding/csv"
	"io"
	"strings"

	"github.com/dualgrad/dualgrad/expr"
)

// batchBlockRows is the number of rows evaluated at once: large enough for
// the batch kernels to run at full speed, small enough to stay in cache.
const batchBlockRows = 4096

// inputBlock is up to batchBlockRows parsed CSV rows, as one column per
// variable of the program.
type inputBlock struct {
	cols   [][]float64 // cols[k][row]: variable k
	view   [][]float64 // cols trimmed to n rows
	lines  []int       // the input line of each row, for messages
	n      int
	offset int64 // input bytes consumed after the block, for the progress line
	err    error // why reading stopped within this block; its rows are not used
}

func newInputBlock(numVars int) *inputBlock {
	b := &inputBlock{cols: make([][]float64, numVars), view: make([][]float64, numVars), lines: make([]int, 0, batchBlockRows)}
	for k := range b.cols {
		b.cols[k] = make([]float64, batchBlockRows)
	}
	return b
}

// columns returns the block's columns trimmed to its rows.
func (b *inputBlock) columns() [][]float64 {
	for k, c := range b.cols {
		b.view[k] = c[:b.n]
	}
	return b.view
}

// readBlocks fills blocks taken from free with rows of r and sends them on
// parsed, in order, until the input ends or a row is bad (that block then
// carries the error). It closes parsed when done, and gives up early when
// stop is closed.
func readBlocks(r *csv.Reader, plan *batchPlan, file string, free <-chan *inputBlock, parsed chan<- *inputBlock, stop <-chan struct{}) {
	defer close(parsed)
	for {
		var b *inputBlock
		select {
		case b = <-free:
		case <-stop:
			return
		}
		b.n, b.lines, b.err = 0, b.lines[:0], nil
		end := false
		for b.n < batchBlockRows && b.err == nil {
			rec, err := r.Read()
			if err == io.EOF {
				end = true
				break
			}
			if err != nil {
				b.err = csvError(file, err)
				break
			}
			b.err = plan.fillRow(b, rec, r, file)
		}
		b.offset = r.InputOffset()
		select {
		case parsed <- b:
		case <-stop:
			return
		}
		if end || b.err != nil {
			return
		}
	}
}

// fillRow parses one CSV record into the next row of b; the constants bound
// on the command line fill the variables that are not columns.
func (plan *batchPlan) fillRow(b *inputBlock, rec []string, r *csv.Reader, file string) error {
	row := b.n
	for k, col := range plan.column {
		if col < 0 {
			b.cols[k][row] = plan.constant[k]
			continue
		}
		v, err := parseNumber(strings.TrimSpace(rec[col]))
		if err != nil {
			line, column := r.FieldPos(col)
			return badInput("%s:%d:%d: column %s: %v", file, line, column, plan.vars[k], err)
		}
		b.cols[k][row] = v
	}
	line, _ := r.FieldPos(0)
	b.lines = append(b.lines, line)
	b.n++
	return nil
}

// outputBlock holds the results of one block, allocated once and reused.
type outputBlock struct {
	values   [][]float64   // values[i][row]: output i
	partials [][][]float64 // partials[i][k][row]: ∂f_i/∂x_{wrt[k]}
	line     []byte        // the output line being built

	// Views trimmed to the rows of the current block.
	valView  [][]float64
	partView [][][]float64
}

func newOutputBlock(numOut, numWrt int) *outputBlock {
	b := &outputBlock{
		values:   make([][]float64, numOut),
		partials: make([][][]float64, numOut),
		valView:  make([][]float64, numOut),
		partView: make([][][]float64, numOut),
	}
	for i := range b.values {
		b.values[i] = make([]float64, batchBlockRows)
		b.partials[i] = make([][]float64, numWrt)
		b.partView[i] = make([][]float64, numWrt)
		for k := range b.partials[i] {
			b.partials[i][k] = make([]float64, batchBlockRows)
		}
	}
	return b
}

func (b *outputBlock) outputs(n int) [][]float64 {
	for i, c := range b.values {
		b.valView[i] = c[:n]
	}
	return b.valView
}

func (b *outputBlock) partialsOf(n int) [][][]float64 {
	for i, row := range b.partials {
		for k, c := range row {
			b.partView[i][k] = c[:n]
		}
	}
	return b.partView
}

// appendRow formats one output row into a buffer reused for every row and
// returns it. With a direction, the directional derivative Σ_k v_k ∂f/∂x_k
// is written instead of the partials.
func (b *outputBlock) appendRow(row int, direction []float64, wrt []int) []byte {
	line := b.line[:0]
	for i, vs := range b.values {
		if i > 0 {
			line = append(line, ',')
		}
		line = appendFloat(line, vs[row])
	}
	for i := range b.values {
		if direction != nil {
			jvp := 0.0
			for k, j := range wrt {
				jvp += direction[j] * b.partials[i][k][row]
			}
			line = append(line, ',')
			line = appendFloat(line, jvp)
			continue
		}
		for k := range wrt {
			line = append(line, ',')
			line = appendFloat(line, b.partials[i][k][row])
		}
	}
	line = append(line, '\n')
	b.line = line
	return line
}

// rowFinite reports whether every output and partial of row is finite.
func (b *outputBlock) rowFinite(row int) bool {
	for i, vs := range b.values {
		if !isFinite(vs[row]) {
			return false
		}
		for _, p := range b.partials[i] {
			if !isFinite(p[row]) {
				return false
			}
		}
	}
	return true
}

// nonFiniteRows counts rows with a NaN or infinity in their results and
// remembers where the first came from.
type nonFiniteRows struct {
	count     int64
	firstLine int
	firstOp   string
}

func (nf *nonFiniteRows) note(prog *expr.Program, in *inputBlock, row int) {
	nf.count++
	if nf.count > 1 {
		return
	}
	nf.firstLine = in.lines[row]
	x := make([]float64, len(in.cols))
	for k, c := range in.cols {
		x[k] = c[row]
	}
	if op, ok := prog.NonFinite(x); ok {
		nf.firstOp = op
	}
}

func (nf *nonFiniteRows) message() string {
	msg := plural(nf.count, "row has", "rows have") + " a NaN or infinite result; the first is on input line " + itoa(int64(nf.firstLine))
	if nf.firstOp != "" {
		return msg + ", from " + nf.firstOp
	}
	return msg + ", where a derivative is not finite"
}
