// Command gen writes the method sets of the dual number types in package dual.
//
// Every derivative rule is written once, as a scalar function in package dual
// (sinD returns sin x and its derivative). The dual types differ only in how they
// store their tangents: in named fields, which the Go compiler keeps in registers,
// or in a fixed-size array for many partials. This generator writes each type's
// one-line methods from the table in funcs.go, so the rules are never repeated.
//
// Run it with go generate in the dual directory.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"os"
	"strings"
	"text/template"
)

// firstOrder describes one first-order dual type.
type firstOrder struct {
	Name     string   // type name
	Doc      string   // type doc comment, without the leading name
	TParams  string   // type parameter list in declarations
	TArgs    string   // type argument list in uses
	Fields   []string // tangent fields; empty means the array field D
	File     string   // output file
	Receiver string   // example receiver type for docs
}

// Self is the type as used inside its own methods.
func (t firstOrder) Self() string { return t.Name + t.TArgs }

// Array reports whether the tangents live in an array.
func (t firstOrder) Array() bool { return len(t.Fields) == 0 }

var firstOrderTypes = []firstOrder{
	{
		Name: "Number",
		Doc: `is a dual number with one tangent: a value V and its directional derivative D.
// Seed D with 1 to differentiate with respect to one variable, or with a direction
// v_i for a Jacobian-vector product. Number is small enough for the compiler to keep
// in registers, so an operation costs little more than the value computation itself.`,
		TParams: "[T Float]", TArgs: "[T]", Fields: []string{"D"}, File: "number_gen.go",
	},
	{
		Name: "Jet2",
		Doc: `is a dual number with two partial derivatives, D0 and D1, kept in named
// fields so the compiler holds the whole number in registers. It is the fastest way to
// get a value and a two-variable gradient in one pass.`,
		TParams: "[T Float]", TArgs: "[T]", Fields: []string{"D0", "D1"}, File: "jet2_gen.go",
	},
	{
		Name: "Jet3",
		Doc: `is a dual number with three partial derivatives, D0, D1 and D2, kept in
// named fields so the compiler holds the whole number in registers.`,
		TParams: "[T Float]", TArgs: "[T]", Fields: []string{"D0", "D1", "D2"}, File: "jet3_gen.go",
	},
	{
		Name: "Jet",
		Doc: `is a dual number with len(P) partial derivatives held in the array D, for
// gradients and Jacobians of many variables. Gradient and Jacobian evaluate a function
// in chunks of len(P) partials, so memory stays bounded for any number of variables.`,
		TParams: "[T Float, P Partials[T]]", TArgs: "[T, P]", File: "jet_gen.go",
	},
}

func main() {
	out := flag.String("o", ".", "output directory")
	flag.Parse()
	funcs := template.FuncMap{
		// each writes stmt once per tangent component, with %s standing for the
		// component selector (".D0" or ".D[i]").
		"each": func(t firstOrder, stmt string) string {
			if t.Array() {
				return "for i := range len(r.D) {\n" + strings.ReplaceAll(stmt, "%s", ".D[i]") + "\n}"
			}
			var b strings.Builder
			for _, f := range t.Fields {
				b.WriteString(strings.ReplaceAll(stmt, "%s", "."+f))
				b.WriteString("\n")
			}
			return b.String()
		},
		"lower":     func(s string) string { return strings.ToLower(s[:1]) + s[1:] },
		"fused":     fused,
		"fusedRule": func(name string) string { return fusedRules[name] },
		"unroll":    unroll,
	}
	fieldTmpl := template.Must(template.New("fields").Funcs(funcs).Parse(firstOrderTemplate))
	arrayTmpl := template.Must(template.New("array").Funcs(funcs).Parse(arrayTemplate))
	for _, t := range firstOrderTypes {
		var buf bytes.Buffer
		tmpl := fieldTmpl
		if t.Array() {
			tmpl = arrayTmpl
		}
		if err := tmpl.Execute(&buf, struct {
			T      firstOrder
			Unary  []unary
			Binary []binary
		}{t, allUnary(), allBinary()}); err != nil {
			fail(err)
		}
		src, err := format.Source(buf.Bytes())
		if err != nil {
			os.WriteFile(*out+"/"+t.File+".broken", buf.Bytes(), 0o644)
			fail(fmt.Errorf("%s: %v", t.File, err))
		}
		if err := os.WriteFile(*out+"/"+t.File, src, 0o644); err != nil {
			fail(err)
		}
	}
	writeSecondOrder(*out)
}

// allUnary returns every unary function of the tables, elementary and special.
func allUnary() []unary { return append(append([]unary{}, unaryFuncs...), specialUnaryFuncs...) }

// allBinary returns every binary function of the tables, elementary and special.
func allBinary() []binary { return append(append([]binary{}, binaryFuncs...), specialBinaryFuncs...) }

// fused writes the statement of a method whose rule applies the chain rule itself
// (fusedRules) for a type with at most two tangent fields: the rule takes the value
// and two tangents, and a type with one tangent passes 0 and drops the second result.
func fused(t firstOrder, call string) string {
	args, results := []string{"x.V"}, []string{"r.V"}
	for i := range 2 {
		if i < len(t.Fields) {
			args = append(args, "x."+t.Fields[i])
			results = append(results, "r."+t.Fields[i])
		} else {
			args = append(args, "0")
			results = append(results, "_")
		}
	}
	return strings.Join(results, ", ") + " = " + fmt.Sprintf(call, strings.Join(args, ", "))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gen:", err)
	os.Exit(1)
}

// straightLineMax is the largest len(P) whose partials loops are written out in full.
const straightLineMax = 16

// unroll writes code that runs stmt, written for index [i], on every partial of *rd.
// Up to straightLineMax partials it writes one statement per index, each guarded by
// a test that the compiler folds for the array length of each instantiation, so an
// operation on the usual chunk sizes is straight-line code (measured: loop control
// was a tenth of the instructions of an operation on 8 partials). Longer arrays take
// a loop that handles four partials per iteration.
func unroll(stmt string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "if n := len(*rd); n <= %d {\n", straightLineMax)
	for k := range straightLineMax {
		fmt.Fprintf(&b, "if i := %d; i < n {\n%s\n}\n", k, stmt)
	}
	b.WriteString("} else {\ni := 0\nfor ; i <= n-4; i += 4 {\n")
	for _, idx := range []string{"[i]", "[i+1]", "[i+2]", "[i+3]"} {
		b.WriteString(strings.ReplaceAll(stmt, "[i]", idx) + "\n")
	}
	b.WriteString("}\nfor ; i < n; i++ {\n" + stmt + "\n}\n}\n")
	return b.String()
}
