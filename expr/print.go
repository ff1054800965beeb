package expr

import (
	"math"
	"strconv"
	"strings"
)

// Precedence levels of the printed forms, loosest first.
const (
	precLowest = iota
	precSum    // a + b, a - b
	precProd   // a * b, a / b
	precUnary  // -a, and negative constants
	precPower  // a ^ b
	precAtom   // numbers, names, calls, parenthesized expressions
)

// printer writes nodes in the canonical text form that Parse reads back.
type printer struct{ strings.Builder }

// prec returns the precedence of n's printed form.
func prec(n *Node) int {
	switch n.op {
	case opAdd, opSub:
		return precSum
	case opMul, opDiv:
		return precProd
	case opNeg:
		return precUnary
	case opPow:
		return precPower
	case opConst:
		if math.IsInf(n.val, 0) || math.IsNaN(n.val) {
			return precProd // printed as a quotient
		}
		if math.Signbit(n.val) {
			return precUnary // printed with a leading '-'
		}
	}
	return precAtom
}

// node prints n, in parentheses if its precedence is below min.
func (p *printer) node(n *Node, min int) {
	if prec(n) < min {
		p.WriteByte('(')
		defer p.WriteByte(')')
	}
	switch n.op {
	case opVar:
		p.WriteString(n.name)
	case opConst:
		p.WriteString(formatConst(n.val))
	case opAdd, opSub:
		p.node(n.args[0], precSum)
		p.WriteString(" " + opNames[n.op] + " ")
		p.node(n.args[1], precProd)
	case opMul, opDiv:
		p.node(n.args[0], precProd)
		p.WriteString(" " + opNames[n.op] + " ")
		p.node(n.args[1], precUnary)
	case opNeg:
		p.WriteByte('-')
		a := n.args[0]
		if a.op == opConst && !math.Signbit(a.val) && formatConst(a.val)[0] != 'p' && formatConst(a.val)[0] != 'e' {
			// "-2" would read back as the constant -2, not as -(2).
			p.WriteByte('(')
			p.node(a, precLowest)
			p.WriteByte(')')
			return
		}
		p.node(a, precUnary)
	case opPow:
		p.node(n.args[0], precAtom)
		p.WriteByte('^')
		p.node(n.args[1], precUnary)
	default: // a function call
		p.WriteString(opNames[n.op])
		p.WriteByte('(')
		for i, a := range n.args {
			if i > 0 {
				p.WriteString(", ")
			}
			p.node(a, precLowest)
		}
		p.WriteByte(')')
	}
}

// formatConst prints a constant in the shortest form that parses back to the same
// float64; pi and e by name, and non-finite values as quotients (which Parse reads
// as an expression rather than a constant).
func formatConst(v float64) string {
	switch {
	case v == math.Pi:
		return "pi"
	case v == math.E:
		return "e"
	case math.IsNaN(v):
		return "0/0"
	case math.IsInf(v, 1):
		return "1/0"
	case math.IsInf(v, -1):
		return "-1/0"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}
