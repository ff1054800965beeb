package expr

import (
	"slices"

	"github.com/dualgrad/dualgrad/vec"
)

// This file plans which tangent columns a batch evaluation actually has to compute.
// An input's tangent with respect to itself is one and with respect to every other
// input zero, and many instructions keep such columns structurally known: sin(x)
// has a zero column for every input but x, and the columns of x*y are just the
// values of y and x. Known columns are never computed: a zero column points at the
// workspace's zeros, a one column at its ones, and a copied column at the value of an
// input (or a copy of another register's value). Kernels run on the remaining
// columns only.

// tanKind says what is structurally known about one tangent column of a register.
type tanKind uint8

const (
	tanGeneral tanKind = iota // computed by the instruction's kernel (or copied)
	tanZero                   // zero at every point
	tanOne                    // one at every point: an input's seed
)

// valueCopy is a result tangent column equal to the value of an operand: column k of
// a*b is b's value where a's column k is one and b's is zero.
type valueCopy struct {
	k    int
	from int32 // the register whose value the column is
}

// sparseStep is the plan of one instruction.
type sparseStep struct {
	kinds, kinds2 []tanKind   // the result columns of dst and dst2
	general       []int       // the columns the kernel computes
	copies        []valueCopy // columns set to an operand's value instead
	dense         bool        // the kernel computes every column: no reduced call needed
	// derivColumn is the only computed column when it is the operand's seed, so that
	// the column is the local derivative itself; else -1.
	derivColumn int
}

// sparsityPlan holds one step per instruction of a Program, for one seeding of the
// inputs' tangent columns.
type sparsityPlan struct {
	steps []sparseStep
}

// sparsity returns the plan for the given seeding, reusing the plan of the usual
// seeding (input i in column i, so that EvalColumns allocates nothing).
func (p *Program) sparsity(seed []int, ntan int) *sparsityPlan {
	if ntan == len(p.vars) && slices.Equal(seed, p.inputs) {
		p.seedPlanOnce.Do(func() { p.seedPlan = p.planSparsity(p.inputs, ntan) })
		return p.seedPlan
	}
	return p.planSparsity(seed, ntan)
}

// planSparsity computes the plan for tangent columns seeded as seed says (input i
// has column seed[i] equal to one and all others zero; seed[i] < 0 means all zero).
// It returns nil when no instruction has a known column, so that the caller runs the
// dense path.
func (p *Program) planSparsity(seed []int, ntan int) *sparsityPlan {
	if ntan == 0 {
		return nil
	}
	kinds := make([][]tanKind, p.numRegs)
	for i := range p.vars {
		kinds[i] = make([]tanKind, ntan)
		for k := range kinds[i] {
			kinds[i][k] = tanZero
			if seed[i] == k {
				kinds[i][k] = tanOne
			}
		}
	}
	plan := &sparsityPlan{steps: make([]sparseStep, len(p.instrs))}
	useful := false
	for i := range p.instrs {
		in := &p.instrs[i]
		st := &plan.steps[i]
		st.kinds = make([]tanKind, ntan)
		for k := range ntan {
			kind, from := resultKind(in, kinds, k)
			st.kinds[k] = kind
			switch {
			case from >= 0:
				st.copies = append(st.copies, valueCopy{k: k, from: from})
			case kind == tanGeneral:
				st.general = append(st.general, k)
			}
		}
		st.dense = len(st.general) == ntan
		st.derivColumn = -1
		if len(st.general) == 1 && len(st.copies) == 0 && in.b < 0 && in.a >= 0 && kinds[in.a][st.general[0]] == tanOne {
			st.derivColumn = st.general[0]
		}
		useful = useful || !st.dense
		if in.dst2 >= 0 { // sincos: cos has the same known columns as sin
			st.kinds2 = st.kinds
			kinds[in.dst2] = st.kinds2
		}
		kinds[in.dst] = st.kinds
	}
	if !useful {
		return nil
	}
	return plan
}

// resultKind returns the kind of tangent column k of in's result, given the kinds of
// its operands' columns, and the register whose value the column copies (or -1).
func resultKind(in *instr, kinds [][]tanKind, k int) (tanKind, int32) {
	kindOf := func(r int32) tanKind {
		if r < 0 {
			return tanZero
		}
		return kinds[r][k]
	}
	a, b, c := kindOf(in.a), kindOf(in.b), kindOf(in.c)
	if a == tanZero && b == tanZero && c == tanZero {
		return tanZero, -1 // every rule keeps zero tangents zero, even at NaN partials
	}
	switch in.op {
	case opAdd:
		if a == tanOne && b == tanZero || a == tanZero && b == tanOne {
			return tanOne, -1 // 1 + 0
		}
	case opSub:
		if a == tanOne && b == tanZero {
			return tanOne, -1 // 1 - 0
		}
	case opAddConst:
		return a, -1 // the tangent is copied
	case opMul:
		switch {
		case a == tanOne && b == tanZero:
			return tanGeneral, in.b // b.V*1 + 0
		case a == tanZero && b == tanOne:
			return tanGeneral, in.a
		}
	}
	return tanGeneral, -1
}

// pointColumns points register r's tangent columns at its backing columns or, where
// kinds says they are known, at the workspace's zeros or ones.
func (ws *workspace[T]) pointColumns(r int32, kinds []tanKind, m int) {
	d := ws.regs[r].D
	for k, kind := range kinds {
		switch kind {
		case tanZero:
			d[k] = ws.zeros[:m]
		case tanOne:
			d[k] = ws.ones[:m]
		default:
			d[k] = ws.backing[r][k]
		}
	}
}

// reduced returns d restricted to the tangent columns cols, in scratch slot slot.
func (ws *workspace[T]) reduced(slot int, d duals[T], cols []int) duals[T] {
	red := ws.reducedCols[slot][:0]
	for _, k := range cols {
		red = append(red, d.D[k])
	}
	ws.reducedCols[slot] = red
	return duals[T]{V: d.V, D: red, Stream: d.Stream, Ahead: d.Ahead}
}

// execSparse runs instruction in as planned by st: known columns are set without
// arithmetic and the kernel runs over the general columns only.
func (ws *workspace[T]) execSparse(p *Program, in *instr, st *sparseStep) {
	regs := ws.regs
	dst := regs[in.dst]
	for _, c := range st.copies {
		src := regs[c.from].V
		if int(c.from) < len(p.vars) { // inputs are never written: share the column
			dst.D[c.k] = src
		} else {
			ws.calls.Copy(dst.D[c.k], src)
		}
	}
	if len(st.general) == 0 && valuesOnly(ws.calls, in, dst.V, regs) {
		return
	}
	if st.derivColumn >= 0 && useVec && in.op == opSin {
		// sin's dual kernel computes sin and cos with vec's sincos and scales the
		// seed column by cos: times one, that column is cos itself.
		ws.calls.Sincos(dst.V, dst.D[st.derivColumn], regs[in.a].V)
		return
	}
	operand := func(slot int, r int32) duals[T] {
		if r < 0 {
			return duals[T]{}
		}
		return ws.reduced(slot, regs[r], st.general)
	}
	runInstr(ws, in, operand(0, in.dst), operand(1, in.dst2), operand(2, in.a), operand(3, in.b), operand(4, in.c))
}

// valuesOnly computes the values of an instruction none of whose tangent columns
// needs arithmetic, for the instructions where skipping the dual kernel pays: the
// dual kernels stage a product's partials in scratch even when no column uses them.
// It reports whether it handled in. The results are the same IEEE operations the
// dual kernels perform, so they agree to the bit.
func valuesOnly[T vec.Float](calls kernelCalls[T], in *instr, dst []T, regs []duals[T]) bool {
	switch in.op {
	case opMul:
		calls.Mul(dst, regs[in.a].V, regs[in.b].V)
	case opAdd:
		calls.Add(dst, regs[in.a].V, regs[in.b].V)
	case opSub:
		calls.Sub(dst, regs[in.a].V, regs[in.b].V)
	default:
		return false
	}
	return true
}
