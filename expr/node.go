package expr

import (
	"fmt"
	"math"
)

// Node is one vertex of an expression graph: a variable, a constant, or an operation on
// other nodes. Nodes are immutable, so one node may be shared by several expressions;
// the compiler evaluates a shared node once.
type Node struct {
	op   opcode
	name string  // variable name, for opVar
	val  float64 // constant value, for opConst
	args []*Node
}

// Var returns the variable called name. Var panics if name is not an identifier the
// parser would read as a variable ([A-Za-z_][A-Za-z0-9_]*, and not a function name,
// pi or e): such a name is a programming error, since the expression could not be
// printed and read back.
func Var(name string) *Node {
	if !isIdentifier(name) || functions[name] != 0 || name == "pi" || name == "e" {
		panic(fmt.Sprintf("expr.Var: %q is not a valid variable name", name))
	}
	return &Node{op: opVar, name: name}
}

// Const returns the constant v.
func Const(v float64) *Node { return &Node{op: opConst, val: v} }

func binary(op opcode, a, b *Node) *Node {
	if a == nil || b == nil {
		panic(fmt.Sprintf("expr: nil operand of %s", opNames[op]))
	}
	return &Node{op: op, args: []*Node{a, b}}
}

func unary(op opcode, a *Node) *Node {
	if a == nil {
		panic(fmt.Sprintf("expr: nil operand of %s", opNames[op]))
	}
	return &Node{op: op, args: []*Node{a}}
}

// Add returns a + b.
func Add(a, b *Node) *Node { return binary(opAdd, a, b) }

// Sub returns a - b.
func Sub(a, b *Node) *Node { return binary(opSub, a, b) }

// Mul returns a * b.
func Mul(a, b *Node) *Node { return binary(opMul, a, b) }

// Div returns a / b.
func Div(a, b *Node) *Node { return binary(opDiv, a, b) }

// Pow returns a ^ b.
func Pow(a, b *Node) *Node { return binary(opPow, a, b) }

// Neg returns -a.
func Neg(a *Node) *Node { return unary(opNeg, a) }

// Sin returns sin(a).
func Sin(a *Node) *Node { return unary(opSin, a) }

// Cos returns cos(a).
func Cos(a *Node) *Node { return unary(opCos, a) }

// Tan returns tan(a).
func Tan(a *Node) *Node { return unary(opTan, a) }

// Exp returns exp(a).
func Exp(a *Node) *Node { return unary(opExp, a) }

// Log returns the natural logarithm log(a).
func Log(a *Node) *Node { return unary(opLog, a) }

// Sqrt returns sqrt(a).
func Sqrt(a *Node) *Node { return unary(opSqrt, a) }

// Abs returns abs(a).
func Abs(a *Node) *Node { return unary(opAbs, a) }

// Asin returns asin(a).
func Asin(a *Node) *Node { return unary(opAsin, a) }

// Acos returns acos(a).
func Acos(a *Node) *Node { return unary(opAcos, a) }

// Atan returns atan(a).
func Atan(a *Node) *Node { return unary(opAtan, a) }

// Sinh returns sinh(a).
func Sinh(a *Node) *Node { return unary(opSinh, a) }

// Cosh returns cosh(a).
func Cosh(a *Node) *Node { return unary(opCosh, a) }

// Tanh returns tanh(a).
func Tanh(a *Node) *Node { return unary(opTanh, a) }

// Asinh returns asinh(a).
func Asinh(a *Node) *Node { return unary(opAsinh, a) }

// Acosh returns acosh(a).
func Acosh(a *Node) *Node { return unary(opAcosh, a) }

// Atanh returns atanh(a).
func Atanh(a *Node) *Node { return unary(opAtanh, a) }

// Exp2 returns exp2(a).
func Exp2(a *Node) *Node { return unary(opExp2, a) }

// Expm1 returns expm1(a).
func Expm1(a *Node) *Node { return unary(opExpm1, a) }

// Log2 returns log2(a).
func Log2(a *Node) *Node { return unary(opLog2, a) }

// Log10 returns log10(a).
func Log10(a *Node) *Node { return unary(opLog10, a) }

// Log1p returns log1p(a).
func Log1p(a *Node) *Node { return unary(opLog1p, a) }

// Cbrt returns cbrt(a).
func Cbrt(a *Node) *Node { return unary(opCbrt, a) }

// Erf returns erf(a).
func Erf(a *Node) *Node { return unary(opErf, a) }

// Erfc returns erfc(a).
func Erfc(a *Node) *Node { return unary(opErfc, a) }

// Atan2 returns atan2(y, x).
func Atan2(y, x *Node) *Node { return binary(opAtan2, y, x) }

// Hypot returns hypot(a, b).
func Hypot(a, b *Node) *Node { return binary(opHypot, a, b) }

// Min returns min(a, b).
func Min(a, b *Node) *Node { return binary(opMin, a, b) }

// Max returns max(a, b).
func Max(a, b *Node) *Node { return binary(opMax, a, b) }

// Call applies the function called name (any function the parser knows: sin, atan2,
// pow, ...) to args. It returns an error for an unknown name or a wrong number of
// arguments, with the same messages as Parse.
func Call(name string, args ...*Node) (*Node, error) {
	op, ok := functions[name]
	if !ok {
		return nil, fmt.Errorf("expr.Call: %s", unknownFunctionMsg(name))
	}
	if len(args) != op.arity() {
		return nil, fmt.Errorf("expr.Call: %s", arityMsg(name, op.arity(), len(args)))
	}
	for i, a := range args {
		if a == nil {
			return nil, fmt.Errorf("expr.Call: argument %d of %s is nil", i+1, name)
		}
	}
	return &Node{op: op, args: append([]*Node(nil), args...)}, nil
}

// String returns the expression as text that Parse reads back to an equal node.
func (n *Node) String() string {
	var p printer
	p.node(n, precLowest)
	return p.String()
}

// Equal reports whether n and m are the same expression: the same operations,
// variable names and constants (compared bit for bit), whether or not they share nodes.
func (n *Node) Equal(m *Node) bool {
	if n == m {
		return true
	}
	if n == nil || m == nil || n.op != m.op || n.name != m.name ||
		math.Float64bits(n.val) != math.Float64bits(m.val) || len(n.args) != len(m.args) {
		return false
	}
	for i := range n.args {
		if !n.args[i].Equal(m.args[i]) {
			return false
		}
	}
	return true
}

// Func is a scalar or vector function: one expression per output. It is immutable.
type Func struct {
	outputs []*Node
	vars    []string
}

// NewFunc returns the function whose outputs are the given expressions. It panics
// if there are no outputs or one is nil, which are programming errors.
func NewFunc(outputs ...*Node) *Func {
	if len(outputs) == 0 {
		panic("expr.NewFunc: no outputs")
	}
	f := &Func{outputs: append([]*Node(nil), outputs...)}
	seen := map[string]bool{}
	visited := map[*Node]bool{}
	var walk func(n *Node)
	walk = func(n *Node) {
		if visited[n] {
			return
		}
		visited[n] = true
		if n.op == opVar && !seen[n.name] {
			seen[n.name] = true
			f.vars = append(f.vars, n.name)
		}
		for _, a := range n.args {
			walk(a)
		}
	}
	for i, o := range outputs {
		if o == nil {
			panic(fmt.Sprintf("expr.NewFunc: output %d is nil", i))
		}
		walk(o)
	}
	return f
}

// Vars returns the variables f uses, in order of first appearance in the text.
func (f *Func) Vars() []string { return append([]string(nil), f.vars...) }

// NumOut returns the number of outputs (the number of ';'-separated expressions).
func (f *Func) NumOut() int { return len(f.outputs) }

// Output returns the expression of output i.
func (f *Func) Output(i int) *Node { return f.outputs[i] }

// String returns f as text that Parse reads back to an equal Func: the outputs
// separated by "; ".
func (f *Func) String() string {
	var p printer
	for i, o := range f.outputs {
		if i > 0 {
			p.WriteString("; ")
		}
		p.node(o, precLowest)
	}
	return p.String()
}

// Equal reports whether f and g have equal outputs (see [Node.Equal]).
func (f *Func) Equal(g *Func) bool {
	if len(f.outputs) != len(g.outputs) {
		return false
	}
	for i := range f.outputs {
		if !f.outputs[i].Equal(g.outputs[i]) {
			return false
		}
	}
	return true
}

// isIdentifier reports whether s matches [A-Za-z_][A-Za-z0-9_]*.
func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isIdentByte(s[i]) || (i == 0 && isDigit(s[i])) {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isIdentByte(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || isDigit(c)
}
