package main

import (
	"bufio"
	"encoding/binary"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/arch/arm64/arm64asm"
)

// wordLine matches a WORD directive with its Arm-syntax comment.
var wordLine = regexp.MustCompile(`^\s*WORD \$0x([0-9a-f]{8}) // (.+)$`)

// TestDecodeWords decodes every WORD of the committed vec/asm_arm64.s with
// golang.org/x/arch and checks it against the instruction in its comment, so a wrong
// bit in an encoder (or a stale comment) fails here.
func TestDecodeWords(t *testing.T) {
	f, err := os.Open("../asm_arm64.s")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	words, lineNo := 0, 0
	for sc.Scan() {
		lineNo++
		line := sc.Text()
		if strings.Contains(line, "WORD") && !wordLine.MatchString(line) {
			t.Errorf("line %d: WORD without the expected form: %q", lineNo, line)
			continue
		}
		m := wordLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		words++
		w, err := strconv.ParseUint(m[1], 16, 32)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decode(uint32(w))
		if err != nil {
			t.Errorf("line %d: %s does not decode (%v); comment says %q", lineNo, m[1], err, m[2])
			continue
		}
		if normalize(got) != normalize(m[2]) {
			t.Errorf("line %d: %s decodes to %q; comment says %q", lineNo, m[1], got, m[2])
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if words == 0 {
		t.Fatal("no WORD directives found in ../asm_arm64.s")
	}
	t.Logf("%d WORD directives decoded and checked", words)
}

// TestDecodeEncoders checks each encoder with registers chosen to exercise every bit
// of the register fields (v31, x30) and both arrangements.
func TestDecodeEncoders(t *testing.T) {
	var cases []inst
	for _, ar := range []arrangement{arr2D, arr4S} {
		for _, op := range []func(arrangement, vreg, vreg, vreg) inst{fadd, fsub, fmul, fdiv, fmax, fmin, faddp, fmla, fmls, fmaxnm, fminnm, fcmeq, fcmge, fcmgt, facgt, facge, addInt, subInt, cmtst} {
			cases = append(cases, op(ar, 31, 16, 1), op(ar, 0, 31, 30))
		}
		for _, op := range []func(arrangement, vreg, vreg) inst{fabs, fneg, fsqrt, faddpScalar, fcmeqZero, fcmgeZero} {
			cases = append(cases, op(ar, 31, 16), op(ar, 1, 31))
		}
		for n := 1; n <= 4; n++ {
			cases = append(cases, ld1(ar, vreg(32-n), n, 30), st1(ar, 0, n, 17))
		}
		cases = append(cases, ld1Lane0(ar, 31, 30), st1Lane0(ar, 17, 1))
	}
	for _, ar := range []arrangement{arr2D, arr4S} {
		cases = append(cases, shl(ar, 31, 16, 1), shl(ar, 1, 30, 8*ar.ebytes-1), sshr(ar, 31, 16, 1), sshr(ar, 1, 30, 8*ar.ebytes),
			ushr(ar, 31, 16, 1), ushr(ar, 1, 30, 8*ar.ebytes))
		for i := range 16 / ar.ebytes {
			cases = append(cases, dupElem(ar, 31, 16, i),
				fmlaElem(ar, 31, 16, 1, i), fmlsElem(ar, 1, 31, 30, i), fmulElem(ar, 17, 2, 15, i))
		}
	}
	for _, op := range []func(vreg, vreg, vreg) inst{eor16b, orr16b, bsl, bit, bif, and16b, bic16b, orn16b} {
		cases = append(cases, op(31, 16, 1), op(1, 31, 30))
	}
	cases = append(cases, ldrQ(31, 30, 65520), ldrQ(0, 5, 0), ldrQ(17, 1, 16), ld1LaneD(31, 1, 30), ld1LaneD(0, 0, 7), ld1LaneD(17, 1, 9))
	cases = append(cases, orr16b(1, 31, 31), fcvtl(31, 16), fcvtl2(1, 30), fcvtn(31, 16), fcvtn2(1, 30))
	for _, c := range cases {
		got, err := decode(c.word)
		if err != nil {
			t.Errorf("%08x (%s): %v", c.word, c.text, err)
			continue
		}
		if normalize(got) != normalize(c.text) {
			t.Errorf("%08x decodes to %q, encoder says %q", c.word, got, c.text)
		}
	}
}

func decode(w uint32) (string, error) {
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], w)
	in, err := arm64asm.Decode(b[:])
	if err != nil {
		return "", err
	}
	return arm64asm.GNUSyntax(in), nil
}

// regRange matches a register list written as a range, as the decoder prints lists
// of three or more registers: {v0.2d-v3.2d}.
var regRange = regexp.MustCompile(`v(\d+)\.(\w+)-v(\d+)\.(\w+)`)

// normalize expands register ranges, writes the zero of compare-with-zero as the
// decoder does (#0 for the manual's #0.0) and drops spaces: the only ways in which the
// decoder's text and the generator's comments legitimately differ.
func normalize(s string) string {
	s = regRange.ReplaceAllStringFunc(s, func(r string) string {
		m := regRange.FindStringSubmatch(r)
		lo, _ := strconv.Atoi(m[1])
		hi, _ := strconv.Atoi(m[3])
		var regs []string
		for i := lo; i <= hi; i++ {
			regs = append(regs, "v"+strconv.Itoa(i)+"."+m[2])
		}
		return strings.Join(regs, ",")
	})
	s = strings.ReplaceAll(s, "#0.0", "#0")
	return strings.ReplaceAll(s, " ", "")
}
