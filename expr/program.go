package expr

import (
	"fmt"
	"strings"
	"sync"
)

// instr is one instruction of a compiled program: dst = op(a, b, c; k).
// Registers 0..len(vars)-1 hold the inputs and are never written.
type instr struct {
	op      opcode
	dst     int32   // result register
	dst2    int32   // second result register (cos for opSincos), else -1
	a, b, c int32   // operand registers, -1 when unused
	k       float64 // constant operand of the opXxxConst forms and opConst
	src     *Node   // the expression that dst computes, for messages
	src2    *Node   // the expression that dst2 computes
}

// Program is a compiled function: a straight-line sequence of instructions over
// registers, with common subexpressions computed once, constant subexpressions
// folded, sin and cos of one argument fused into one sincos, and a*b+c fused into one
// multiply-add. A Program is immutable and safe for concurrent use.
type Program struct {
	vars    []string
	instrs  []instr
	numRegs int
	outputs []int32 // register of each output
	outSrc  []*Node // expression of each output
	pool    workspacePool

	// Pools of point-evaluation scratch: the registers of large programs on Number,
	// Jet2 and Jet3; dual.Jet with 4 and 8 partials; dual.Hyper by chunk size.
	fieldPools [3]sync.Pool
	jetPools   [2]sync.Pool
	hyperPools [5]sync.Pool

	// Precomputed so that EvalColumns allocates nothing.
	colMaps   []bcastMap // one sameShape map per input
	directOut []bool     // output i's register may live in the caller's result slices
	// finalWrites[i]: instruction i writes only such registers, for the last time.
	finalWrites []bool
	inputs      []int // 0, 1, ..., len(vars)-1

	// The sparsity plan for the usual seeding, input i in tangent column i,
	// computed on first use.
	seedPlanOnce sync.Once
	seedPlan     *sparsityPlan
}

// Vars returns the input variables in the order the evaluation methods expect them.
func (p *Program) Vars() []string { return append([]string(nil), p.vars...) }

// NumOut returns the number of outputs.
func (p *Program) NumOut() int { return len(p.outputs) }

// String lists the instructions, one per line, for debugging and curiosity.
func (p *Program) String() string {
	var b strings.Builder
	reg := func(r int32) string {
		if int(r) < len(p.vars) {
			return p.vars[r]
		}
		return fmt.Sprintf("r%d", r)
	}
	for _, in := range p.instrs {
		if in.dst2 >= 0 {
			fmt.Fprintf(&b, "%s, %s = sincos", reg(in.dst), reg(in.dst2))
		} else {
			fmt.Fprintf(&b, "%s = %s", reg(in.dst), instrName(in.op))
		}
		for _, r := range []int32{in.a, in.b, in.c} {
			if r >= 0 {
				b.WriteString(" " + reg(r))
			}
		}
		if in.op == opConst || in.op >= opAddConst && in.op <= opConstPow {
			b.WriteString(" " + formatConst(in.k))
		}
		b.WriteByte('\n')
	}
	for i, r := range p.outputs {
		fmt.Fprintf(&b, "out%d = %s\n", i, reg(r))
	}
	return b.String()
}

var instrNames = map[opcode]string{
	opConst: "const", opAdd: "add", opSub: "sub", opMul: "mul", opDiv: "div", opPow: "pow", opNeg: "neg",
	opAddConst: "addk", opScale: "scalek", opDivConst: "divk", opConstDiv: "kdiv", opConstSub: "ksub",
	opPowConst: "powk", opConstPow: "kpow", opFMA: "fma", opSincos: "sincos",
}

func instrName(op opcode) string {
	if s, ok := instrNames[op]; ok {
		return s
	}
	return opNames[op]
}
