package main

import (
	"strings"
	"testing"
)

func TestParseArgsFlagsAnywhere(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		check func(*options) bool
	}{
		{"flags first", []string{"--json", "--wrt", "x", "x*y", "x=1", "y=2"},
			func(o *options) bool { return o.json && len(o.wrt) == 1 && o.expr == "x*y" && len(o.bindings) == 2 }},
		{"flags last", []string{"x*y", "x=1", "y=2", "--json", "--wrt=y,x"},
			func(o *options) bool { return o.json && strings.Join(o.wrt, " ") == "y x" && len(o.bindings) == 2 }},
		{"flags between", []string{"x*y", "-json", "x=1", "--hessian", "y=2"},
			func(o *options) bool { return o.json && o.hessian && o.bindings[1].name == "y" }},
		{"-- ends flags", []string{"--check", "--", "-x^2", "x=3"},
			func(o *options) bool { return o.check && o.expr == "-x^2" && o.bindings[0].val.data[0] == 3 }},
		{"negative values are not flags", []string{"x", "x=-1.5"},
			func(o *options) bool { return o.bindings[0].val.data[0] == -1.5 }},
		{"jvp value taken verbatim", []string{"--jvp", "x=-1,y=0", "x+y", "x=1", "y=1"},
			func(o *options) bool { return o.hasJVP && o.jvp == "x=-1,y=0" }},
		{"stdin input", []string{"--in", "-", "x"},
			func(o *options) bool { return o.in == "-" && o.expr == "x" }},
		{"boolean with value", []string{"--json=false", "x", "x=1"},
			func(o *options) bool { return !o.json }},
		{"help needs no expression", []string{"-h"}, func(o *options) bool { return o.help }},
		{"version", []string{"--version"}, func(o *options) bool { return o.version }},
		{"tensor binding", []string{"x", "x=[[1, 2], [3, 4]]"},
			func(o *options) bool { return equalShapes(o.bindings[0].val.shape, []int{2, 2}) }},
		{"workers", []string{"--workers", "1", "x", "x=1"}, func(o *options) bool { return o.workers == 1 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := parseArgs(tt.args)
			if err != nil {
				t.Fatalf("parseArgs(%q): %v", tt.args, err)
			}
			if !tt.check(o) {
				t.Errorf("parseArgs(%q) = %+v", tt.args, *o)
			}
		})
	}
}

func TestParseArgsErrors(t *testing.T) {
	tests := []struct {
		args  []string
		want  string // substring of the message
		caret string // expected context, "" for none
	}{
		{nil, "missing expression", ""},
		{[]string{"--json"}, "missing expression", ""},
		{[]string{"x=2", "y=3"}, `missing expression: "x=2" is a binding`, ""},
		{[]string{"--hesian", "x"}, "unknown flag --hesian (did you mean --hessian?)", ""},
		{[]string{"--frobnicate", "x"}, "unknown flag --frobnicate (see dualgrad --help)", ""},
		{[]string{"-x^2", "x=1"}, `put "--" before it`, ""},
		{[]string{"-x", "x=1"}, `unknown flag -x (see dualgrad --help); if it is an expression or a value, put "--" before it: dualgrad -- '-x' ...`, ""},
		{[]string{"--x", "x=1"}, "unknown flag --x (see dualgrad --help)", ""},
		{[]string{"-jsn", "x=1"}, `unknown flag -jsn (did you mean --json?); if it is an expression`, ""},
		{[]string{"x", "--in"}, "flag --in needs a value", ""},
		{[]string{"x", "--wrt", ","}, "--wrt needs at least one variable", ""},
		{[]string{"--workers", "-2", "x"}, "--workers needs a whole number", ""},
		{[]string{"--json=maybe", "x"}, "takes no value or true/false", ""},
		{[]string{"x", "2"}, `argument "2" is not NAME=VALUE`, ""},
		{[]string{"x", "x=1", "x=2"}, "x is bound twice: x=1 and x=2", ""},
		{[]string{"x", "2x=1"}, `"2x" is not a variable name`, "  2x=1\n  ^"},
		{[]string{"x", "x=abc"}, `value of x: "abc" is not a number`, "  x=abc\n    ^"},
		{[]string{"x", "x=1e999"}, "value of x: 1e999 is outside float64's range", "  x=1e999\n    ^"},
		{[]string{"x", "x=[[1, 2], [3]]"}, "ragged tensor", "  x=[[1, 2], [3]]\n             ^"},
	}
	for _, tt := range tests {
		_, err := parseArgs(tt.args)
		ce, ok := err.(*cliError)
		if !ok {
			t.Errorf("parseArgs(%q) error = %v, want a *cliError", tt.args, err)
			continue
		}
		if ce.status != exitBadInput || !strings.Contains(ce.msg, tt.want) || ce.context != tt.caret {
			t.Errorf("parseArgs(%q) = status %d %q context %q; want %d containing %q context %q",
				tt.args, ce.status, ce.msg, ce.context, exitBadInput, tt.want, tt.caret)
		}
	}
}

func TestParseTangent(t *testing.T) {
	vars := []string{"x", "y", "z"}
	dir, err := parseTangent("y=2, x=-1", vars)
	if err != nil {
		t.Fatal(err)
	}
	if dir[0] != -1 || dir[1] != 2 || dir[2] != 0 {
		t.Errorf("parseTangent = %v, want [-1 2 0]", dir)
	}
	for text, want := range map[string]string{
		"w=1":      "w is not a variable",
		"x=1,x=2":  "x is given twice",
		"x":        `"x" is not NAME=NUMBER`,
		"x=one":    "value of x",
		"":         "--jvp needs a direction",
		"y=1e1000": "outside float64's range",
	} {
		if _, err := parseTangent(text, vars); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("parseTangent(%q) error = %v, want it to contain %q", text, err, want)
		}
	}
}

func TestNearest(t *testing.T) {
	names := []string{"json", "hessian", "check", "wrt"}
	for in, want := range map[string]string{"jsno": "json", "hessain": "hessian", "chek": "check", "zzzzzz": "", "wtr": "wrt", "x": "", "hh": ""} {
		if got := nearest(in, names); got != want {
			t.Errorf("nearest(%q) = %q, want %q", in, got, want)
		}
	}
}
