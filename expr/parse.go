package expr

import (
	"math"
	"strconv"
)

// maxDepth bounds the nesting of parentheses, calls, unary operators and powers,
// and maxOps the number of binary operators, so that hostile input cannot exhaust
// the stack of the recursive parser, printer or compiler (a chain of n additions is
// a tree of depth n).
const (
	maxDepth = 500
	maxOps   = 20000
)

// Parse parses src: one expression, or several separated by ';' (a vector function).
// A trailing ';' is allowed. The error, if any, is a *SyntaxError.
//
// Grammar, loosest binding first: '+' and '-' (left-associative); '*' and '/'
// (left-associative); unary '+' and '-'; '^' or '**' (right-associative, binding
// tighter than unary minus on its left, so -x^2 is -(x^2), and accepting a unary
// minus on its right, so 2^-x is 2^(-x)); then numbers (2, 2.5, .5, 2., 1e-3),
// the constants pi and e, variables, function calls such as sin(x) or atan2(y, x),
// and parentheses. A minus sign directly before a number literal that is not raised
// to a power makes a negative constant.
func Parse(src string) (*Func, error) {
	p := &parser{lex: lexer{src: src}}
	if err := p.advance(); err != nil {
		return nil, err
	}
	var outputs []*Node
	for {
		n, err := p.expr()
		if err != nil {
			return nil, err
		}
		outputs = append(outputs, n)
		switch p.tok.kind {
		case tokEOF:
			return NewFunc(outputs...), nil
		case tokSemicolon:
			if err := p.advance(); err != nil {
				return nil, err
			}
			if p.tok.kind == tokEOF {
				return NewFunc(outputs...), nil
			}
		case tokRParen:
			return nil, p.errorf(`unmatched ")"`)
		default:
			return nil, p.errorf("expected operator or \";\" but found %s", p.tok.describe())
		}
	}
}

// parser is a recursive-descent parser with one token of lookahead.
type parser struct {
	lex   lexer
	tok   token
	depth int
	ops   int // binary operators so far
}

func (p *parser) advance() (err error) {
	p.tok, err = p.lex.next()
	return err
}

// binaryOp counts one more binary operator, failing beyond maxOps.
func (p *parser) binaryOp() error {
	if p.ops++; p.ops > maxOps {
		return p.errorf("expression has more than %d operators", maxOps)
	}
	return nil
}

func (p *parser) errorf(format string, args ...any) *SyntaxError {
	return newSyntaxError(p.lex.src, p.tok.pos, format, args...)
}

// peek returns the kind of the token after the current one.
func (p *parser) peek() tokenKind {
	l := p.lex
	t, err := l.next()
	if err != nil {
		return tokEOF
	}
	return t.kind
}

// expr parses a sum: term (('+'|'-') term)*.
func (p *parser) expr() (*Node, error) {
	x, err := p.term()
	for err == nil && (p.tok.kind == tokPlus || p.tok.kind == tokMinus) {
		op := opAdd
		if p.tok.kind == tokMinus {
			op = opSub
		}
		var y *Node
		if err = p.binaryOp(); err != nil {
			break
		}
		if err = p.advance(); err == nil {
			if y, err = p.term(); err == nil {
				x = binary(op, x, y)
			}
		}
	}
	return x, err
}

// term parses a product: unary (('*'|'/') unary)*.
func (p *parser) term() (*Node, error) {
	x, err := p.unary()
	for err == nil && (p.tok.kind == tokStar || p.tok.kind == tokSlash) {
		op := opMul
		if p.tok.kind == tokSlash {
			op = opDiv
		}
		var y *Node
		if err = p.binaryOp(); err != nil {
			break
		}
		if err = p.advance(); err == nil {
			if y, err = p.unary(); err == nil {
				x = binary(op, x, y)
			}
		}
	}
	return x, err
}

// unary parses ('+'|'-')* power.
func (p *parser) unary() (*Node, error) {
	if p.tok.kind != tokMinus && p.tok.kind != tokPlus {
		return p.power()
	}
	if p.depth++; p.depth > maxDepth {
		return nil, p.errorf("expression nested too deeply")
	}
	defer func() { p.depth-- }()
	negate := p.tok.kind == tokMinus
	if err := p.advance(); err != nil {
		return nil, err
	}
	if negate && p.tok.kind == tokNumber && p.peek() != tokPow {
		c, err := p.number()
		if err != nil {
			return nil, err
		}
		return Const(-c.val), nil
	}
	x, err := p.unary()
	if err != nil || !negate {
		return x, err
	}
	return Neg(x), nil
}

// power parses primary [('^'|'**') unary].
func (p *parser) power() (*Node, error) {
	x, err := p.primary()
	if err != nil || p.tok.kind != tokPow {
		return x, err
	}
	if p.depth++; p.depth > maxDepth {
		return nil, p.errorf("expression nested too deeply")
	}
	defer func() { p.depth-- }()
	if err := p.binaryOp(); err != nil {
		return nil, err
	}
	if err := p.advance(); err != nil {
		return nil, err
	}
	y, err := p.unary()
	if err != nil {
		return nil, err
	}
	return Pow(x, y), nil
}

// number converts the current number token and advances past it.
func (p *parser) number() (*Node, error) {
	v, err := strconv.ParseFloat(p.tok.text, 64)
	if err != nil && !math.IsInf(v, 0) {
		return nil, p.errorf("malformed number %s", p.tok.text)
	}
	if math.IsInf(v, 0) {
		return nil, p.errorf("number %s is out of range", p.tok.text)
	}
	return Const(v), p.advance()
}

// primary parses a number, constant, variable, call or parenthesized expression.
func (p *parser) primary() (*Node, error) {
	switch p.tok.kind {
	case tokNumber:
		return p.number()
	case tokIdent:
		return p.identifier()
	case tokLParen:
		if p.depth++; p.depth > maxDepth {
			return nil, p.errorf("expression nested too deeply")
		}
		defer func() { p.depth-- }()
		if err := p.advance(); err != nil {
			return nil, err
		}
		x, err := p.expr()
		if err != nil {
			return nil, err
		}
		if p.tok.kind != tokRParen {
			return nil, p.errorf("expected \")\" but found %s", p.tok.describe())
		}
		return x, p.advance()
	}
	return nil, p.errorf("expected expression but found %s", p.tok.describe())
}

// identifier parses a variable, pi, e or a function call.
func (p *parser) identifier() (*Node, error) {
	name := p.tok
	if err := p.advance(); err != nil {
		return nil, err
	}
	op, isFunc := functions[name.text]
	if p.tok.kind != tokLParen {
		switch {
		case name.text == "pi":
			return Const(math.Pi), nil
		case name.text == "e":
			return Const(math.E), nil
		case isFunc:
			return nil, p.errorf("expected \"(\" after function %s but found %s", name.text, p.tok.describe())
		}
		return &Node{op: opVar, name: name.text}, nil
	}
	if !isFunc {
		return nil, newSyntaxError(p.lex.src, name.pos, "%s", unknownFunctionMsg(name.text))
	}
	if p.depth++; p.depth > maxDepth {
		return nil, p.errorf("expression nested too deeply")
	}
	defer func() { p.depth-- }()
	if err := p.advance(); err != nil { // the '('
		return nil, err
	}
	var args []*Node
	if p.tok.kind != tokRParen {
		for {
			a, err := p.expr()
			if err != nil {
				return nil, err
			}
			args = append(args, a)
			if p.tok.kind != tokComma {
				break
			}
			if err := p.advance(); err != nil {
				return nil, err
			}
		}
	}
	if p.tok.kind != tokRParen {
		return nil, p.errorf("expected \",\" or \")\" but found %s", p.tok.describe())
	}
	if len(args) != op.arity() {
		return nil, newSyntaxError(p.lex.src, name.pos, "%s", arityMsg(name.text, op.arity(), len(args)))
	}
	return &Node{op: op, args: args}, p.advance()
}
