package main

import (
	"fmt"
	"strconv"
	"strings"
)

// options is the parsed command line.
type options struct {
	json    bool
	hessian bool
	check   bool
	help    bool
	version bool

	wrt     []string // --wrt names; nil means every variable
	jvp     string   // --jvp text, parsed once the variables are known
	hasJVP  bool
	in      string // --in FILE, "-" for stdin; "" means point mode
	out     string // --out FILE; "" means stdout
	workers int    // --workers for batch evaluation; 0 means up to GOMAXPROCS

	expr     string
	bindings []binding
}

// binding is one NAME=VALUE argument.
type binding struct {
	name string
	val  value
	arg  string // the argument as written, for messages
}

// flagSpec describes one flag: its name, whether it takes a value, and the
// placeholder the help text and messages use for that value.
type flagSpec struct {
	name        string
	placeholder string // "" for a boolean flag
}

// flagSpecs lists every flag. Flags are written -name or --name; a value
// follows as --name=VALUE or as the next argument.
var flagSpecs = []flagSpec{
	{"json", ""},
	{"wrt", "NAMES"},
	{"jvp", "NAME=V,..."},
	{"hessian", ""},
	{"check", ""},
	{"in", "FILE"},
	{"out", "FILE"},
	{"workers", "N"},
	{"help", ""},
	{"h", ""},
	{"version", ""},
}

// parseArgs parses the command line. Flags may come before, between or after
// the positional arguments; "--" ends the flags, so that an expression that
// starts with '-' can be given.
func parseArgs(args []string) (*options, error) {
	o := &options{}
	var positional []string
	flagsDone := false
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if flagsDone || arg == "-" || !strings.HasPrefix(arg, "-") {
			positional = append(positional, arg)
			continue
		}
		if arg == "--" {
			flagsDone = true
			continue
		}
		name, val, hasVal := strings.Cut(strings.TrimPrefix(arg[1:], "-"), "=")
		spec, ok := lookupFlag(name)
		if !ok {
			return nil, unknownFlag(arg, name)
		}
		if spec.placeholder != "" && !hasVal {
			if i+1 >= len(args) {
				return nil, badInput("flag --%s needs a value: --%s %s", name, name, spec.placeholder)
			}
			i++
			val = args[i]
		}
		if err := o.set(spec, val, hasVal); err != nil {
			return nil, err
		}
	}
	if o.help || o.version {
		return o, nil
	}
	if len(positional) == 0 {
		return nil, badInput("missing expression; usage: dualgrad [flags] EXPR [NAME=VALUE ...] (see dualgrad --help)")
	}
	o.expr = positional[0]
	if name, _, ok := strings.Cut(o.expr, "="); ok && isIdentifier(name) {
		return nil, badInput("missing expression: %q is a binding, but the first argument must be the expression, as in: dualgrad 'x^3 + y^2' x=2 y=4", o.expr)
	}
	seen := map[string]string{}
	for _, arg := range positional[1:] {
		b, err := parseBinding(arg)
		if err != nil {
			return nil, err
		}
		if prev, dup := seen[b.name]; dup {
			return nil, badInput("%s is bound twice: %s and %s", b.name, prev, arg)
		}
		seen[b.name] = arg
		o.bindings = append(o.bindings, b)
	}
	return o, nil
}

// set stores a flag's value. hasVal tells whether a boolean flag was given
// an explicit value (--json=false).
func (o *options) set(spec flagSpec, val string, hasVal bool) error {
	if spec.placeholder == "" {
		on := true
		if hasVal {
			b, err := strconv.ParseBool(val)
			if err != nil {
				return badInput("flag --%s takes no value or true/false, not %q", spec.name, val)
			}
			on = b
		}
		switch spec.name {
		case "json":
			o.json = on
		case "hessian":
			o.hessian = on
		case "check":
			o.check = on
		case "help", "h":
			o.help = on
		case "version":
			o.version = on
		}
		return nil
	}
	switch spec.name {
	case "wrt":
		o.wrt = splitList(val)
		if len(o.wrt) == 0 {
			return badInput("--wrt needs at least one variable name, as in --wrt x,y")
		}
	case "jvp":
		o.jvp, o.hasJVP = val, true
	case "in":
		o.in = val
	case "out":
		o.out = val
	case "workers":
		n, err := strconv.Atoi(val)
		if err != nil || n < 0 {
			return badInput("--workers needs a whole number >= 0 (0 means up to one per CPU), not %q", val)
		}
		o.workers = n
	}
	if val == "" && spec.name != "wrt" {
		return badInput("flag --%s needs a value: --%s %s", spec.name, spec.name, spec.placeholder)
	}
	return nil
}

func lookupFlag(name string) (flagSpec, bool) {
	for _, s := range flagSpecs {
		if s.name == name {
			return s, true
		}
	}
	return flagSpec{}, false
}

// unknownFlag explains an argument that starts with '-' but names no flag:
// either a misspelt flag, or an expression such as "-x^2" or "-x" that needs "--"
// before it. A single dash before a name ("-x") may be either, so the message
// offers both.
func unknownFlag(arg, name string) error {
	names := make([]string, 0, len(flagSpecs))
	for _, s := range flagSpecs {
		names = append(names, s.name)
	}
	asExpression := fmt.Sprintf("if it is an expression or a value, put \"--\" before it: dualgrad -- '%s' ...", arg)
	if !isIdentifier(name) || strings.Contains(name, "_") {
		return badInput("unknown flag %s; %s", arg, asExpression)
	}
	near := nearest(name, names)
	switch {
	case near != "" && strings.HasPrefix(arg, "--"):
		return badInput("unknown flag %s (did you mean --%s?)", arg, near)
	case near != "":
		return badInput("unknown flag %s (did you mean --%s?); %s", arg, near, asExpression)
	case strings.HasPrefix(arg, "--"):
		return badInput("unknown flag %s (see dualgrad --help)", arg)
	}
	return badInput("unknown flag %s (see dualgrad --help); %s", arg, asExpression)
}

// splitList splits "x, y,z" into names, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// parseBinding parses NAME=VALUE, where VALUE is a number or a tensor literal.
func parseBinding(arg string) (binding, error) {
	name, text, ok := strings.Cut(arg, "=")
	if !ok {
		return binding{}, badInput("argument %q is not NAME=VALUE (the expression must be the first argument)", arg)
	}
	if !isIdentifier(name) {
		return binding{}, badInput("%q is not a variable name (letters, digits and _, not starting with a digit)", name).withCaret(arg, 0)
	}
	v, err := parseLiteral(text)
	if err != nil {
		pos := 0
		if le, ok := err.(*literalError); ok {
			pos = le.pos
		}
		return binding{}, badInput("value of %s: %v", name, err).withCaret(arg, len(name)+1+pos)
	}
	return binding{name: name, val: v, arg: arg}, nil
}

// isIdentifier reports whether s is a variable name of the expression
// grammar: [A-Za-z_][A-Za-z0-9_]*.
func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !letter && (i == 0 || !isDigit(c)) {
			return false
		}
	}
	return true
}

// parseTangent parses the --jvp text "x=1,y=0" into a direction over vars;
// variables it does not name get 0.
func parseTangent(text string, vars []string) ([]float64, error) {
	dir := make([]float64, len(vars))
	given := map[string]bool{}
	items := splitList(text)
	if len(items) == 0 {
		return nil, badInput("--jvp needs a direction, as in --jvp x=1,y=0")
	}
	for _, item := range items {
		name, num, ok := strings.Cut(item, "=")
		name = strings.TrimSpace(name)
		if !ok {
			return nil, badInput("--jvp: %q is not NAME=NUMBER", item)
		}
		k := indexOf(vars, name)
		if k < 0 {
			return nil, badInput("--jvp: %s is not a variable of the expression (variables: %s)", name, strings.Join(vars, ", "))
		}
		if given[name] {
			return nil, badInput("--jvp: %s is given twice", name)
		}
		given[name] = true
		v, err := parseNumber(strings.TrimSpace(num))
		if err != nil {
			return nil, badInput("--jvp: value of %s: %v", name, err)
		}
		dir[k] = v
	}
	return dir, nil
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// nearest returns the candidate closest to name in edit distance, or "" if
// none is close enough to be a likely typo.
func nearest(name string, candidates []string) string {
	// Fewer edits than letters: "x" is not a misspelling of "h".
	best, bestDist := "", min(len(name)/2+2, len(name))
	for _, c := range candidates {
		if d := editDistance(name, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
