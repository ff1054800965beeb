// Command _asm generates vec/asm_amd64.s and vec/asm_amd64.go with avo, and
// vec/fused_tables_amd64.go, the Go tables of the fused dual kernels:
//
//	go run . -out ../asm_amd64.s -stubs ../asm_amd64.go -pkg vec
//
// Every kernel is written once against a level (AVX-512 with opmask tails or AVX2
// with VMASKMOV tails) and emitted for both.
package main

import (
	"flag"
	"log"
	"os"
	"regexp"

	. "github.com/mmcloughlin/avo/build"
)

func main() {
	ConstraintExpr("!purego")
	for _, l := range []*level{avx512, avx2} {
		genArith(l)
		genExp(l)
		genLog(l)
		genTrig(l)
		genTangent(l)
		genExtra(l)
		genFused(l)
		genPrefetch(l)
		genStoreFence(l)
	}
	Generate()
	if out := flag.Lookup("out").Value.String(); out != "" {
		if err := pruneSelfMoves(out); err != nil {
			log.Fatal(err)
		}
	}
	if stubs := flag.Lookup("stubs").Value.String(); stubs != "" {
		if err := writeFusedTables(stubs); err != nil {
			log.Fatal(err)
		}
	}
}

// selfMove matches a vector register copied onto itself: the register allocator
// leaves one where a copy's source dies at the copy.
var selfMove = regexp.MustCompile(`(?m)^\tVMOVAP[DS] +([XYZ]\d+), ([XYZ]\d+)\n`)

// pruneSelfMoves deletes the vector self-moves from the generated assembly file (avo
// prunes only general-purpose ones).
func pruneSelfMoves(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	b = selfMove.ReplaceAllFunc(b, func(line []byte) []byte {
		m := selfMove.FindSubmatch(line)
		if string(m[1]) == string(m[2]) {
			return nil
		}
		return line
	})
	return os.WriteFile(path, b, 0o644)
}
