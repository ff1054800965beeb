//go:build !purego

package vec

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/klauspost/cpuid/v2"
)

// TestFeatureGates checks that each assembly level is gated on exactly the CPU
// features its generated code uses, as listed by avo in the "// Requires:" line above
// every function in asm_amd64.s. SSE, SSE2 and MMX+ (avo's name for SFENCE's
// extension) are part of every amd64 CPU.
func TestFeatureGates(t *testing.T) {
	f, err := os.Open("asm_amd64.s")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	used := map[string]map[string]bool{levelAVX2: {}, levelAVX512: {}}
	var pending []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "// Requires: "); ok {
			pending = strings.Split(rest, ", ")
			continue
		}
		if !strings.HasPrefix(line, "TEXT ·") {
			continue
		}
		name := strings.TrimPrefix(line, "TEXT ·")
		name = name[:strings.Index(name, "(")]
		lvl := levelAVX2
		if strings.HasSuffix(name, "AVX512") {
			lvl = levelAVX512
		} else if !strings.HasSuffix(name, "AVX2") {
			t.Errorf("function %s has no level suffix", name)
		}
		for _, feat := range pending {
			if feat != "SSE" && feat != "SSE2" && feat != "MMX+" {
				used[lvl][feat] = true
			}
		}
		pending = nil
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for lvl, gate := range map[string][]cpuid.FeatureID{levelAVX2: avx2Features, levelAVX512: avx512Features} {
		var want, got []string
		for feat := range used[lvl] {
			want = append(want, feat)
		}
		for _, id := range gate {
			got = append(got, id.String())
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s is gated on %v, its code uses %v", lvl, got, want)
		}
	}
}
