package expr

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

func mustParse(t testing.TB, src string) *Func {
	t.Helper()
	f, err := Parse(src)
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	return f
}

func TestParseStructure(t *testing.T) {
	x, y, z := Var("x"), Var("y"), Var("z")
	c := Const
	tests := []struct {
		src  string
		want *Node
	}{
		{"x + y * z", Add(x, Mul(y, z))},
		{"x - y - z", Sub(Sub(x, y), z)},   // left-associative
		{"x / y / z", Div(Div(x, y), z)},   // left-associative
		{"x ^ y ^ z", Pow(x, Pow(y, z))},   // right-associative
		{"x ** y ** z", Pow(x, Pow(y, z))}, // ** is ^
		{"-x^2", Neg(Pow(x, c(2)))},        // ^ binds tighter than unary minus
		{"2^-x", Pow(c(2), Neg(x))},        // unary minus in an exponent
		{"-2^x", Neg(Pow(c(2), x))},        // a literal raised to a power is not negated first
		{"-2 * x", Mul(c(-2), x)},          // negative literal
		{"x * -y", Mul(x, Neg(y))},         // unary minus after *
		{"--x", Neg(Neg(x))},               // repeated unary minus
		{"+x", x},                          // unary plus is dropped
		{"(x + y) * z", Mul(Add(x, y), z)}, // parentheses
		{"2.5 + .5 + 2. + 1e-3 + 1E+2", Add(Add(Add(Add(c(2.5), c(.5)), c(2)), c(1e-3)), c(100))},
		{"pi * e", Mul(c(math.Pi), c(math.E))}, // constants
		{"atan2(y, x) + pow(x, 2)", Add(Atan2(y, x), Pow(x, c(2)))},
		{"sin(x)*cos(y)", Mul(Sin(x), Cos(y))},
		{"x_1 + _y2", Add(Var("x_1"), Var("_y2"))},
		{"\tx\n+ y ", Add(x, y)}, // whitespace
		{"(-2)^x", Pow(c(-2), x)},
		{"-(2)", Neg(c(2))},
	}
	for _, tt := range tests {
		f := mustParse(t, tt.src)
		if f.NumOut() != 1 || !f.Output(0).Equal(tt.want) {
			t.Errorf("Parse(%q) = %v, want %v", tt.src, f, tt.want)
		}
	}
}

func TestParseVector(t *testing.T) {
	f := mustParse(t, "x*y; y + z; z;")
	if f.NumOut() != 3 {
		t.Fatalf("NumOut = %d, want 3", f.NumOut())
	}
	if got := strings.Join(f.Vars(), ","); got != "x,y,z" {
		t.Errorf("Vars = %s, want x,y,z (order of first appearance)", got)
	}
	if got := f.String(); got != "x * y; y + z; z" {
		t.Errorf("String = %q", got)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		src string
		col int
		msg string
	}{
		{"sin(x", 6, `expected "," or ")" but found end of input`},
		{"(x + y", 7, `expected ")" but found end of input`},
		{"x +", 4, "expected expression but found end of input"},
		{"", 1, "expected expression but found end of input"},
		{"x y", 3, `expected operator or ";" but found "y"`},
		{"x)", 2, `unmatched ")"`},
		{"sinn(x)", 1, `unknown function "sinn" (did you mean "sin"?)`},
		{"x + sni(y)", 5, `unknown function "sni" (did you mean "sin"?)`},
		{"atna2(y, x)", 1, `unknown function "atna2" (did you mean "atan2"?)`},
		{"frobnicate(x)", 1, `unknown function "frobnicate"`},
		{"atan2(x)", 1, "atan2 takes 2 arguments, got 1"},
		{"1 + sin(x, y)", 5, "sin takes 1 argument, got 2"},
		{"hypot()", 1, "hypot takes 2 arguments, got 0"},
		{"x $ y", 3, "unexpected character '$'"},
		{"x + é", 5, "unexpected character 'é'"},
		{"1e999", 1, "number 1e999 is out of range"},
		{"x + .", 5, `expected digits around "."`},
		{"sin + 1", 5, `expected "(" after function sin but found "+"`},
		{"x;;y", 3, `expected expression but found ";"`},
		{"2e", 2, `expected operator or ";" but found "e"`},
		{"x,y", 2, `expected operator or ";" but found ","`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.src)
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Parse(%q) error = %v, want a *SyntaxError", tt.src, err)
			continue
		}
		if se.Col != tt.col || se.Msg != tt.msg || se.Line != 1 {
			t.Errorf("Parse(%q) = %d:%d %q, want 1:%d %q", tt.src, se.Line, se.Col, se.Msg, tt.col, tt.msg)
		}
		if want := fmt.Sprintf("1:%d: %s", tt.col, tt.msg); se.Error() != want {
			t.Errorf("Error() = %q, want %q", se.Error(), want)
		}
	}
}

func TestSyntaxErrorCaret(t *testing.T) {
	_, err := Parse("sin(x) + cos(x")
	se := err.(*SyntaxError)
	want := "sin(x) + cos(x\n              ^"
	if got := se.Caret(); got != want {
		t.Errorf("Caret =\n%s\nwant\n%s", got, want)
	}
	_, err = Parse("x +\n\ty $")
	se = err.(*SyntaxError)
	if se.Line != 2 || se.Col != 4 {
		t.Errorf("multi-line error at %d:%d, want 2:4", se.Line, se.Col)
	}
	if got, want := se.Caret(), "\ty $\n\t  ^"; got != want {
		t.Errorf("Caret = %q, want %q (tab kept so the caret lines up)", got, want)
	}
}

func TestParseNestingLimit(t *testing.T) {
	deep := strings.Repeat("(", 100000) + "x" + strings.Repeat(")", 100000)
	if _, err := Parse(deep); err == nil || !strings.Contains(err.Error(), "nested too deeply") {
		t.Errorf("deeply nested input: err = %v", err)
	}
	minus := strings.Repeat("-", 100000) + "x"
	if _, err := Parse(minus); err == nil {
		t.Error("100000 unary minuses parsed without error")
	}
	if _, err := Parse(strings.Repeat("x^", 100000) + "x"); err == nil || !strings.Contains(err.Error(), "nested too deeply") {
		t.Errorf("100000 chained powers: err = %v", err)
	}
	if _, err := Parse(strings.Repeat("x+", 100000) + "x"); err == nil || !strings.Contains(err.Error(), "more than 20000 operators") {
		t.Errorf("100000 additions: err = %v", err)
	}
	mustParse(t, strings.Repeat("(", 100)+"x"+strings.Repeat(")", 100))
	mustParse(t, strings.Repeat("x*y+", 5000)+"x")
}

// roundTripCases covers every operator, function and printing rule.
var roundTripCases = []string{
	"x", "2", "-2", "-(2)", "--2", "-x", "--x", "x - -2", "x - (y - z)", "(x - y) - z",
	"x / (y * z)", "x * (y / z)", "(x + y)^2", "x^y^z", "(x^y)^z", "(-2)^x", "-2^x", "2^-x",
	"x^-2", "-x^-y^-z", "x * -y", "-(x + y)", "pi", "-pi", "e^x", "1e+300 * x", "1e-300",
	"0.1 + 0.2", "x^2^3", "sin(x) / sin(y)", "atan2(-y, x)", "min(x, max(y, -1))",
	"sin(cos(tan(asin(acos(atan(x))))))", "sinh(cosh(tanh(asinh(acosh(atanh(x))))))",
	"exp(exp2(expm1(log(log2(log10(log1p(x)))))))", "sqrt(cbrt(abs(erf(erfc(x)))))",
	"hypot(x, y) + pow(x, y)", "x; y; x * y", "-0", "-(0)", "2.5e-7 - x",
}

func TestRoundTrip(t *testing.T) {
	for _, src := range roundTripCases {
		f := mustParse(t, src)
		text := f.String()
		g, err := Parse(text)
		if err != nil {
			t.Errorf("Parse(%q) -> %q does not parse: %v", src, text, err)
			continue
		}
		if !f.Equal(g) {
			t.Errorf("round trip of %q: printed %q, reparsed as %q", src, text, g)
		}
		if g.String() != text {
			t.Errorf("printing is not idempotent: %q then %q", text, g.String())
		}
	}
}

func TestBuiltMatchesParsed(t *testing.T) {
	x, y := Var("x"), Var("y")
	built := NewFunc(Div(Sin(Mul(x, y)), Sin(x)))
	if !built.Equal(mustParse(t, "sin(x*y)/sin(x)")) {
		t.Errorf("built %v differs from parsed", built)
	}
	// Go-built negative constants print so that they read back equal.
	for _, n := range []*Node{Mul(x, Const(-2)), Pow(Const(-2), x), Neg(Const(-2)), Neg(Const(2)), Add(x, Const(-0.5))} {
		f := NewFunc(n)
		g := mustParse(t, f.String())
		if !f.Equal(g) {
			t.Errorf("%v does not read back equal (got %v)", f, g)
		}
	}
	// Every named constructor builds the node Call builds from the function's name.
	for name, build := range map[string]func(*Node) *Node{
		"sin": Sin, "cos": Cos, "tan": Tan, "asin": Asin, "acos": Acos, "atan": Atan,
		"sinh": Sinh, "cosh": Cosh, "tanh": Tanh, "asinh": Asinh, "acosh": Acosh, "atanh": Atanh,
		"exp": Exp, "exp2": Exp2, "expm1": Expm1, "log": Log, "log2": Log2, "log10": Log10,
		"log1p": Log1p, "sqrt": Sqrt, "cbrt": Cbrt, "abs": Abs, "erf": Erf, "erfc": Erfc,
	} {
		want, err := Call(name, x)
		if got := build(x); err != nil || !got.Equal(want) || got.String() != name+"(x)" {
			t.Errorf("%s: constructor gives %v, Call gives %v (%v)", name, got, want, err)
		}
	}
	n, err := Call("atan2", y, x)
	if err != nil || !n.Equal(Atan2(y, x)) {
		t.Errorf("Call(atan2) = %v, %v", n, err)
	}
	if _, err := Call("sinn", x); err == nil || !strings.Contains(err.Error(), `did you mean "sin"?`) {
		t.Errorf("Call(sinn) error = %v", err)
	}
	if _, err := Call("sin", x, y); err == nil || !strings.Contains(err.Error(), "sin takes 1 argument, got 2") {
		t.Errorf("Call(sin, x, y) error = %v", err)
	}
}

func TestVarPanicsOnInvalidName(t *testing.T) {
	for _, name := range []string{"", "2x", "x-y", "sin", "pi", "e"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Var(%q) did not panic", name)
				}
			}()
			Var(name)
		}()
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range roundTripCases {
		f.Add(s)
	}
	for _, s := range []string{"sin(x", "1e999", "x $", "((((x", "x;;", "é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		fn, err := Parse(src)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) returned %T, want *SyntaxError", src, err)
			}
			if se.Offset < 0 || se.Offset > len(src) || se.Col < 1 {
				t.Fatalf("Parse(%q): bad position %+v", src, se)
			}
			_ = se.Caret()
			return
		}
		text := fn.String()
		g, err := Parse(text)
		if err != nil {
			t.Fatalf("Parse(%q) printed as %q, which does not parse: %v", src, text, err)
		}
		if !fn.Equal(g) {
			t.Fatalf("Parse(%q) printed as %q, which reparses differently: %q", src, text, g)
		}
		if _, err := fn.Compile(nil); err != nil {
			t.Fatalf("Compile(%q): %v", src, err)
		}
	})
}
