package main

import (
	"fmt"
	"strings"
)

// file accumulates the assembly text, the Go declarations and the instruction table.
type file struct {
	asm   strings.Builder
	stubs strings.Builder
	data  strings.Builder // DATA and GLOBL directives of the constant tables
	table []tableRow
	left  [][2]string // kernel, the lanes it leaves to its Go wrapper
}

// tableRow is one line of the instructions-per-vector table in NEON.md.
type tableRow struct {
	kernel string
	elems  int // elements per main-loop iteration
	insts  int // instructions per main-loop iteration, loop control included
	bytes  int // bytes per element
	wide   bool
}

// fn is one TEXT symbol being written.
type fn struct {
	f    *file
	name string
	body strings.Builder
}

// begin starts a function with Go signature sig (without "func name") and argument
// frame size argSize.
func (f *file) begin(name, sig string, argSize int) *fn {
	fmt.Fprintf(&f.stubs, "\n//go:noescape\nfunc %s%s\n", name, sig)
	g := &fn{f: f, name: name}
	fmt.Fprintf(&g.body, "\n// func %s%s\nTEXT ·%s(SB), NOSPLIT, $0-%d\n", name, sig, name, argSize)
	return g
}

// op writes a Go-assembler instruction.
func (g *fn) op(format string, args ...any) {
	fmt.Fprintf(&g.body, "\t"+format+"\n", args...)
}

// label writes a label.
func (g *fn) label(name string) { fmt.Fprintf(&g.body, "%s:\n", name) }

// word writes encoded instructions, each with its Arm syntax as a comment.
func (g *fn) word(ins ...inst) {
	for _, in := range ins {
		if in.word == 0 {
			fmt.Fprintf(&g.body, "\t%s\n", in.text)
			continue
		}
		fmt.Fprintf(&g.body, "\tWORD $0x%08x // %s\n", in.word, in.text)
	}
}

// end closes the function.
func (g *fn) end() {
	g.op("RET")
	g.f.asm.WriteString(g.body.String())
}
