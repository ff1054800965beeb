package expr

import (
	"fmt"
	"math"
	"strings"
)

// fuseMultiplyAdd lets the compiler turn a*b + c into one fused multiply-add; tests
// turn it off to compare programs with an evaluation that rounds every operation.
var fuseMultiplyAdd = true

// value is a node of the compiler's DAG, after hash-consing and folding.
type value struct {
	op      opcode
	a, b, c int32 // operand values, -1 when unused
	k       float64
	src     *Node
}

// valueKey identifies a value for hash-consing: equal keys compute equal results.
type valueKey struct {
	op      opcode
	a, b, c int32
	k       uint64
}

// compiler builds the DAG of a Func.
type compiler struct {
	values  []value
	byKey   map[valueKey]int32
	byNode  map[*Node]int32
	varIdx  map[string]int32
	missing []string
}

// Compile compiles f for inputs in the given order (nil means f.Vars()). It returns an
// error if f uses a variable that is not in vars, if vars names a variable f does not
// use, or if vars names a variable twice.
func (f *Func) Compile(vars []string) (*Program, error) {
	if vars == nil {
		vars = f.vars
	}
	c := &compiler{byKey: map[valueKey]int32{}, byNode: map[*Node]int32{}, varIdx: map[string]int32{}}
	for i, v := range vars {
		if _, dup := c.varIdx[v]; dup {
			return nil, fmt.Errorf("expr: variable %q appears twice in the variable list", v)
		}
		c.varIdx[v] = int32(i)
		c.values = append(c.values, value{op: opVar, a: -1, b: -1, c: -1, src: &Node{op: opVar, name: v}})
	}
	used := map[string]bool{}
	for _, v := range f.vars {
		used[v] = true
		if _, ok := c.varIdx[v]; !ok {
			c.missing = append(c.missing, v)
		}
	}
	if len(c.missing) > 0 {
		return nil, fmt.Errorf("expr: missing variable %s: the function uses it but the variable list %q does not name it",
			quoteList(c.missing), vars)
	}
	var unused []string
	for _, v := range vars {
		if !used[v] {
			unused = append(unused, v)
		}
	}
	if len(unused) > 0 {
		return nil, fmt.Errorf("expr: unused variable %s: the function %q does not use it", quoteList(unused), f.String())
	}
	outs := make([]int32, len(f.outputs))
	for i, o := range f.outputs {
		outs[i] = c.lower(o)
	}
	p := &Program{vars: append([]string(nil), vars...), outSrc: f.outputs}
	c.emit(p, outs)
	p.directOut = make([]bool, len(outs))
	seen := map[int32]bool{}
	for i, r := range p.outputs {
		p.directOut[i] = int(r) >= len(vars) && !seen[r]
		seen[r] = true
	}
	p.finalWrites = finalWrites(p)
	p.colMaps = make([]bcastMap, len(vars))
	p.inputs = make([]int, len(vars))
	for i := range p.inputs {
		p.inputs[i] = i
	}
	return p, nil
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

// constOf returns the value of v if v is a constant.
func (c *compiler) constOf(v int32) (float64, bool) {
	if c.values[v].op == opConst {
		return c.values[v].k, true
	}
	return 0, false
}

// intern returns the value for (op, a, b, k), creating it unless an equal one exists.
func (c *compiler) intern(op opcode, a, b int32, k float64, src *Node) int32 {
	key := valueKey{op: op, a: a, b: b, c: -1, k: math.Float64bits(k)}
	if v, ok := c.byKey[key]; ok {
		return v
	}
	v := int32(len(c.values))
	c.values = append(c.values, value{op: op, a: a, b: b, c: -1, k: k, src: src})
	c.byKey[key] = v
	return v
}

func (c *compiler) constant(k float64, src *Node) int32 { return c.intern(opConst, -1, -1, k, src) }

// lower converts n into a value, folding and canonicalizing as it goes.
func (c *compiler) lower(n *Node) int32 {
	if v, ok := c.byNode[n]; ok {
		return v
	}
	var v int32
	switch n.op {
	case opVar:
		v = c.varIdx[n.name]
	case opConst:
		v = c.constant(n.val, n)
	default:
		a := c.lower(n.args[0])
		b := int32(-1)
		if len(n.args) > 1 {
			b = c.lower(n.args[1])
		}
		v = c.simplify(n.op, a, b, n)
	}
	c.byNode[n] = v
	return v
}

// simplify returns the value of op(a, b): a folded constant, an identity
// (x*1 is x), a form with a constant operand (x*2 becomes scale x by 2), or the
// operation itself. Every rewrite computes exactly the same bits as the original.
func (c *compiler) simplify(op opcode, a, b int32, src *Node) int32 {
	ka, aConst := c.constOf(a)
	var kbf float64
	bConst := false
	if b >= 0 {
		kbf, bConst = c.constOf(b)
	}
	if aConst && (b < 0 || bConst) {
		return c.constant(evalFloat(op, ka, kbf), src)
	}
	switch op {
	case opAdd, opMul, opHypot:
		if aConst { // put the constant second
			a, b, ka, kbf, aConst, bConst = b, a, kbf, ka, false, true
		} else if !bConst && a > b { // canonical operand order for CSE
			a, b = b, a
		}
	}
	switch {
	case op == opAdd && bConst:
		return c.intern(opAddConst, a, -1, kbf, src)
	case op == opSub && bConst:
		return c.intern(opAddConst, a, -1, -kbf, src) // x - k == x + (-k) exactly
	case op == opSub && aConst:
		return c.intern(opConstSub, b, -1, ka, src)
	case op == opMul && bConst && kbf == 1:
		return a
	case op == opMul && bConst && kbf == -1:
		return c.simplify(opNeg, a, -1, src)
	case op == opMul && bConst:
		return c.intern(opScale, a, -1, kbf, src)
	case op == opDiv && bConst && kbf == 1:
		return a
	case op == opDiv && bConst && kbf == -1:
		return c.simplify(opNeg, a, -1, src)
	case op == opDiv && bConst && exactReciprocal(kbf):
		// x/2^m == x*2^-m for every x, tangents too: both are the exact quotient
		// rounded once, and the product runs on vec's scale kernel.
		return c.intern(opScale, a, -1, 1/kbf, src)
	case op == opDiv && bConst:
		return c.intern(opDivConst, a, -1, kbf, src)
	case op == opDiv && aConst:
		return c.intern(opConstDiv, b, -1, ka, src)
	case op == opPow && bConst && kbf == 1:
		return a
	case op == opPow && bConst && kbf == 2:
		return c.intern(opMul, a, a, 0, src) // x*x: exact, and cheaper than pow
	case op == opPow && bConst:
		return c.intern(opPowConst, a, -1, kbf, src)
	case op == opPow && aConst:
		return c.intern(opConstPow, b, -1, ka, src)
	case op == opNeg && c.values[a].op == opNeg:
		return c.values[a].a
	}
	return c.intern(op, a, b, 0, src)
}

// emit turns the DAG reachable from outs into instructions: it fuses sincos and
// multiply-add, drops dead values and assigns registers, reusing a register once its
// value has been used for the last time.
func (c *compiler) emit(p *Program, outs []int32) {
	nin := len(p.vars)
	nv := len(c.values)
	uses := make([]int, nv)
	for i := nin; i < nv; i++ {
		for _, o := range c.operands(int32(i)) {
			uses[o]++
		}
	}
	isOut := make([]bool, nv)
	for _, o := range outs {
		isOut[o] = true
	}

	// Fuse a*b + c where the product is used nowhere else.
	fusedMul := make([]bool, nv)
	for i := nin; i < nv && fuseMultiplyAdd; i++ {
		v := &c.values[i]
		if v.op != opAdd {
			continue
		}
		for _, pair := range [][2]int32{{v.a, v.b}, {v.b, v.a}} {
			m, addend := pair[0], pair[1]
			mv := c.values[m]
			if mv.op == opMul && uses[m] == 1 && !isOut[m] && !fusedMul[m] {
				fusedMul[m] = true
				*v = value{op: opFMA, a: mv.a, b: mv.b, c: addend, src: v.src}
				break
			}
		}
	}

	// Liveness: mark values reachable from the outputs.
	live := make([]bool, nv)
	var mark func(v int32)
	mark = func(v int32) {
		if live[v] {
			return
		}
		live[v] = true
		for _, o := range c.operands(v) {
			mark(o)
		}
	}
	for _, o := range outs {
		mark(o)
	}

	// Pair sin(a) with cos(a).
	partner := make([]int32, nv)
	for i := range partner {
		partner[i] = -1
	}
	for i := nin; i < nv; i++ {
		v := c.values[i]
		if v.op == opSin && live[i] {
			if j, ok := c.byKey[valueKey{op: opCos, a: v.a, b: -1, c: -1}]; ok && live[j] {
				partner[i], partner[j] = j, int32(i)
			}
		}
	}

	// Last use of each value, in value order (which is a topological order).
	lastUse := make([]int, nv)
	for i := nin; i < nv; i++ {
		if !live[i] {
			continue
		}
		if j := partner[i]; j >= 0 && int(j) < i {
			continue // the pair is computed at the earlier of the two, j
		}
		for _, o := range c.operands(int32(i)) {
			lastUse[o] = max(lastUse[o], i)
		}
	}

	reg := make([]int32, nv)
	for i := range reg {
		reg[i] = -1
	}
	for i := 0; i < nin; i++ {
		reg[i] = int32(i)
	}
	var free []int32
	numRegs := int32(nin)
	alloc := func() int32 {
		if n := len(free); n > 0 {
			r := free[n-1]
			free = free[:n-1]
			return r
		}
		numRegs++
		return numRegs - 1
	}
	// release frees v's register after its last use, once however many operands of
	// that instruction name v (sin(x)/sin(x)): freed twice, it would go to two later
	// values at once.
	release := func(v int32, at int) {
		if int(v) >= nin && !isOut[v] && lastUse[v] == at && reg[v] >= 0 {
			free = append(free, reg[v])
			reg[v] = -1
		}
	}
	done := make([]bool, nv)
	for i := nin; i < nv; i++ {
		if !live[i] || done[i] {
			continue
		}
		v := c.values[i]
		in := instr{op: v.op, dst: -1, dst2: -1, a: -1, b: -1, c: -1, k: v.k, src: v.src}
		ops := c.operands(int32(i))
		for j, o := range ops {
			r := reg[o]
			switch j {
			case 0:
				in.a = r
			case 1:
				in.b = r
			case 2:
				in.c = r
			}
		}
		done[i] = true
		if j := partner[i]; j >= 0 {
			sinV, cosV := int32(i), j
			if v.op == opCos {
				sinV, cosV = j, int32(i)
			}
			in.op, in.src, in.src2 = opSincos, c.values[sinV].src, c.values[cosV].src
			in.dst, in.dst2 = alloc(), alloc()
			reg[sinV], reg[cosV] = in.dst, in.dst2
			done[j] = true
		} else {
			in.dst = alloc()
			reg[i] = in.dst
		}
		for _, o := range ops {
			release(o, i)
		}
		p.instrs = append(p.instrs, in)
	}
	p.outputs = make([]int32, len(outs))
	for i, o := range outs {
		p.outputs[i] = reg[o]
	}
	p.numRegs = int(numRegs)
}

// operands returns the operand values of v.
func (c *compiler) operands(v int32) []int32 {
	x := c.values[v]
	switch {
	case x.c >= 0:
		return []int32{x.a, x.b, x.c}
	case x.b >= 0:
		return []int32{x.a, x.b}
	case x.a >= 0:
		return []int32{x.a}
	}
	return nil
}

// exactReciprocal reports whether k is ±2^m with 1/k a normal float64, so that
// dividing by k and multiplying by 1/k give the same result for every operand.
func exactReciprocal(k float64) bool {
	frac, exp := math.Frexp(k)
	return math.Abs(frac) == 0.5 && exp >= -1020 && exp <= 1022
}

// finalWrites marks the instructions that write an output held in the caller's
// result slices for the last time, with no later instruction reading it: their
// results may be streamed to memory (vec.Dual.Stream).
func finalWrites(p *Program) []bool {
	direct := map[int32]bool{}
	for i, r := range p.outputs {
		if p.directOut[i] {
			direct[r] = true
		}
	}
	final := make([]bool, len(p.instrs))
	done := map[int32]bool{} // registers read or written after the current instruction
	for i := len(p.instrs) - 1; i >= 0; i-- {
		in := &p.instrs[i]
		writes := []int32{in.dst}
		if in.dst2 >= 0 {
			writes = append(writes, in.dst2)
		}
		final[i] = true
		for _, r := range writes {
			if !direct[r] || done[r] {
				final[i] = false
			}
		}
		for _, r := range writes {
			done[r] = true
		}
		for _, r := range []int32{in.a, in.b, in.c} {
			if r >= 0 {
				done[r] = true
			}
		}
	}
	return final
}
