package main

import (
	"os"
	"testing"
)

// TestGeneratedUpToDate fails when the committed vec/asm_arm64.s, vec/asm_arm64.go or
// vec/NEON.md differ from what the generator writes now.
func TestGeneratedUpToDate(t *testing.T) {
	asm, stubs, doc := render()
	for path, want := range map[string]string{"../asm_arm64.s": asm, "../asm_arm64.go": stubs, "../NEON.md": doc} {
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("%s is out of date: run go generate (see main.go)", path)
		}
	}
}
