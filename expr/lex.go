package expr

import (
	"fmt"
	"unicode/utf8"
)

// tokenKind classifies a token.
type tokenKind uint8

const (
	tokEOF tokenKind = iota
	tokNumber
	tokIdent
	tokPlus
	tokMinus
	tokStar
	tokSlash
	tokPow // ^ or **
	tokLParen
	tokRParen
	tokComma
	tokSemicolon
)

// token is one lexeme: its kind, its text and its byte offset in the source.
type token struct {
	kind tokenKind
	text string
	pos  int
}

// describe returns the token as the parser names it in "but found ..." messages.
func (t token) describe() string {
	switch t.kind {
	case tokEOF:
		return "end of input"
	case tokNumber:
		return "number " + t.text
	}
	return fmt.Sprintf("%q", t.text)
}

// singleCharTokens maps the one-character operators to their kinds; other bytes map to tokEOF.
var singleCharTokens = [256]tokenKind{
	'+': tokPlus, '-': tokMinus, '/': tokSlash, '^': tokPow,
	'(': tokLParen, ')': tokRParen, ',': tokComma, ';': tokSemicolon,
}

// lexer splits an expression into tokens.
type lexer struct {
	src string
	pos int
}

// next returns the next token, or a SyntaxError for a character that starts none.
func (l *lexer) next() (token, error) {
	for l.pos < len(l.src) && isSpace(l.src[l.pos]) {
		l.pos++
	}
	start := l.pos
	if start == len(l.src) {
		return token{kind: tokEOF, pos: start}, nil
	}
	c := l.src[start]
	switch {
	case c == '*':
		l.pos++
		if l.pos < len(l.src) && l.src[l.pos] == '*' {
			l.pos++
			return token{kind: tokPow, text: "**", pos: start}, nil
		}
		return token{kind: tokStar, text: "*", pos: start}, nil
	case singleCharTokens[c] != tokEOF:
		l.pos++
		return token{kind: singleCharTokens[c], text: l.src[start:l.pos], pos: start}, nil
	case isDigit(c) || c == '.':
		return l.number()
	case isIdentByte(c):
		for l.pos < len(l.src) && isIdentByte(l.src[l.pos]) {
			l.pos++
		}
		return token{kind: tokIdent, text: l.src[start:l.pos], pos: start}, nil
	}
	r, _ := utf8.DecodeRuneInString(l.src[start:])
	return token{}, newSyntaxError(l.src, start, "unexpected character %q", r)
}

// number scans digits [. digits] [(e|E) [+-] digits]; a leading or trailing dot is
// allowed (".5", "2.") but not a lone dot.
func (l *lexer) number() (token, error) {
	start := l.pos
	digits := l.digits()
	if l.pos < len(l.src) && l.src[l.pos] == '.' {
		l.pos++
		digits += l.digits()
	}
	if digits == 0 {
		return token{}, newSyntaxError(l.src, start, "expected digits around \".\"")
	}
	if l.pos < len(l.src) && (l.src[l.pos] == 'e' || l.src[l.pos] == 'E') {
		// Only an exponent if digits follow; otherwise "2e" is 2 followed by e.
		p := l.pos + 1
		if p < len(l.src) && (l.src[p] == '+' || l.src[p] == '-') {
			p++
		}
		if p < len(l.src) && isDigit(l.src[p]) {
			l.pos = p
			l.digits()
		}
	}
	return token{kind: tokNumber, text: l.src[start:l.pos], pos: start}, nil
}

func (l *lexer) digits() int {
	n := 0
	for l.pos < len(l.src) && isDigit(l.src[l.pos]) {
		l.pos++
		n++
	}
	return n
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
