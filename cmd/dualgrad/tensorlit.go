package main

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// A literal is a number ("2", "-1.5e-3", "2.", ".5", "inf", "nan") or a tensor
// written as nested lists ("[[2., 3.], [4., 5.]]", as Python prints them).
// Lists may end with a trailing comma; whitespace is free. Every list at the
// same depth must have the same shape: anything else is a ragged tensor.

// literalError is a problem in a literal at byte offset pos.
type literalError struct {
	pos int
	msg string
}

func (e *literalError) Error() string { return e.msg }

// parseLiteral parses a number or a tensor literal.
func parseLiteral(src string) (value, error) {
	p := literalParser{src: src}
	p.skipSpace()
	if p.pos < len(src) && src[p.pos] == '[' {
		shape, err := p.list()
		if err != nil {
			return value{}, err
		}
		p.skipSpace()
		if p.pos < len(src) {
			return value{}, p.errorf("unexpected %q after the tensor", src[p.pos:])
		}
		return value{shape: shape, data: p.data}, nil
	}
	start := p.pos
	tok := strings.TrimSpace(src)
	if tok == "" {
		return value{}, p.errorf("missing value")
	}
	v, err := parseNumber(tok)
	if err != nil {
		return value{}, &literalError{pos: start, msg: err.Error()}
	}
	return scalarValue(v), nil
}

// literalParser is a recursive-descent parser for tensor literals that
// appends the numbers, in row-major order, to data.
type literalParser struct {
	src  string
	pos  int
	data []float64
}

func (p *literalParser) errorf(format string, args ...any) *literalError {
	return &literalError{pos: p.pos, msg: fmt.Sprintf(format, args...)}
}

func (p *literalParser) skipSpace() {
	for p.pos < len(p.src) && strings.IndexByte(" \t\n\r", p.src[p.pos]) >= 0 {
		p.pos++
	}
}

// list parses '[' elements ']' at p.pos and returns its shape.
func (p *literalParser) list() ([]int, error) {
	p.pos++ // skip '['
	// inner is the shape of the first element (nil for a number); every
	// other element must have the same.
	var inner []int
	n := 0
	for {
		p.skipSpace()
		if p.pos >= len(p.src) {
			return nil, p.errorf("missing ']'")
		}
		if p.src[p.pos] == ']' {
			p.pos++
			break
		}
		if n > 0 {
			if p.src[p.pos] != ',' {
				return nil, p.errorf("expected ',' or ']'")
			}
			p.pos++
			p.skipSpace()
			if p.pos < len(p.src) && p.src[p.pos] == ']' { // trailing comma
				p.pos++
				break
			}
		}
		start := p.pos
		var shape []int
		if p.pos < len(p.src) && p.src[p.pos] == '[' {
			s, err := p.list()
			if err != nil {
				return nil, err
			}
			shape = s
		} else {
			if err := p.number(); err != nil {
				return nil, err
			}
		}
		switch {
		case n == 0:
			inner = shape
		case !equalShapes(inner, shape):
			return nil, &literalError{pos: start, msg: fmt.Sprintf("ragged tensor: element %d is %s but element 1 is %s", n+1, describeShape(shape), describeShape(inner))}
		}
		n++
	}
	if n == 0 {
		// An empty list: a tensor with no elements along this dimension.
		return []int{0}, nil
	}
	return append([]int{n}, inner...), nil
}

// number parses one number at p.pos and appends it to p.data.
func (p *literalParser) number() error {
	start := p.pos
	for p.pos < len(p.src) && strings.IndexByte(",[] \t\n\r", p.src[p.pos]) < 0 {
		p.pos++
	}
	tok := p.src[start:p.pos]
	if tok == "" {
		p.pos = start
		if p.pos >= len(p.src) {
			return p.errorf("missing ']'")
		}
		return p.errorf("expected a number, found %q", p.src[p.pos])
	}
	v, err := parseNumber(tok)
	if err != nil {
		return &literalError{pos: start, msg: err.Error()}
	}
	p.data = append(p.data, v)
	return nil
}

// describeShape names a literal element's shape for people.
func describeShape(shape []int) string {
	switch len(shape) {
	case 0:
		return "a number"
	case 1:
		return fmt.Sprintf("a list of %d", shape[0])
	}
	return "a tensor of shape " + formatShape(shape)
}

// formatShape writes a shape the way NumPy does: (2, 3), (3,), ().
func formatShape(shape []int) string {
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = strconv.Itoa(d)
	}
	if len(shape) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func equalShapes(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// errNotNumber is wrapped by parseNumber's errors for text that is not a number.
var errNotNumber = errors.New("not a number")

// parseNumber parses a decimal number: an optional sign, digits with an
// optional '.' (leading or trailing dot allowed), an optional exponent; or
// inf, +inf, -inf, nan in any case. Hexadecimal floats and digit separators,
// which strconv would accept, are refused so that a typo is never silently
// read as some other number.
func parseNumber(s string) (float64, error) {
	if !isDecimal(s) {
		switch strings.ToLower(s) {
		case "inf", "+inf", "infinity", "+infinity":
			return math.Inf(1), nil
		case "-inf", "-infinity":
			return math.Inf(-1), nil
		case "nan":
			return math.NaN(), nil
		}
		return 0, fmt.Errorf("%q is %w", s, errNotNumber)
	}
	v, err := strconv.ParseFloat(s, 64)
	if errors.Is(err, strconv.ErrRange) {
		return 0, fmt.Errorf("%s is outside float64's range (±1.7976931348623157e308)", s)
	}
	if err != nil {
		return 0, fmt.Errorf("%q is %w", s, errNotNumber)
	}
	if v == 0 && hasNonzeroDigit(s) {
		// strconv rounds an underflow to zero without an error.
		return 0, fmt.Errorf("%s is too small for float64 (it would round to zero; the smallest is 5e-324)", s)
	}
	return v, nil
}

// hasNonzeroDigit reports whether the mantissa of the decimal s has a
// digit other than 0.
func hasNonzeroDigit(s string) bool {
	for i := 0; i < len(s) && s[i] != 'e' && s[i] != 'E'; i++ {
		if '1' <= s[i] && s[i] <= '9' {
			return true
		}
	}
	return false
}

// isDecimal reports whether s matches [+-]? (d+ '.'? d* | '.' d+) ([eE] [+-]? d+)?.
func isDecimal(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && isDigit(s[i]) {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for i < len(s) && isDigit(s[i]) {
			i++
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
