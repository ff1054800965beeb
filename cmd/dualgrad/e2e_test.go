package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	buildOnce sync.Once
	binDir    string
	binPath   string
	buildErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// binaryPath builds the dualgrad binary once per test run and returns its path.
func binaryPath(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		binDir, buildErr = os.MkdirTemp("", "dualgrad-test-")
		if buildErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "dualgrad")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = errors.New(err.Error() + "\n" + string(out))
		}
	})
	if buildErr != nil {
		t.Fatalf("building dualgrad: %v", buildErr)
	}
	return binPath
}

// binaryCommand returns a command that runs the built dualgrad with args. Where the
// tests themselves run under an emulator (GOARCH=arm64 go test -exec qemu-aarch64),
// DUALGRAD_TEST_EXEC names that emulator so the binary, built for the same GOARCH,
// runs under it too.
func binaryCommand(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	bin := binaryPath(t)
	if emulator := os.Getenv("DUALGRAD_TEST_EXEC"); emulator != "" {
		return exec.Command(emulator, append([]string{bin}, args...)...)
	}
	return exec.Command(bin, args...)
}

// The built program: exit statuses, nothing on stdout on error, no Go panic
// or stack trace for any bad input.
func TestBinaryExitStatus(t *testing.T) {
	tests := []struct {
		args   []string
		stdin  string
		status int
		stdout string // substring of stdout; "" means stdout must be empty
	}{
		{[]string{"sin(x*y)/sin(x)", "x=2", "y=3"}, "", 0, "∂f/∂x = "},
		{[]string{"--version"}, "", 0, "dualgrad "},
		{[]string{"--help"}, "", 0, "Usage:"},
		{[]string{"sin(x*y"}, "", 2, ""},
		{[]string{"x", "x=[[1], [2, 3]]"}, "", 2, ""},
		{[]string{"x*y", "x=[1, 2]", "y=[1, 2, 3]"}, "", 2, ""},
		{[]string{"x", "x=1", "x=1"}, "", 2, ""},
		{[]string{"--in", "-", "x"}, "x\n1\nzz\n", 2, ""}, // the block with the bad row is never written
		{[]string{"--in", "-", "--out", "/nonexistent-dir/out.csv", "x"}, "x\n1\n", 1, ""},
		{[]string{"--in", "/nonexistent-dir/in.csv", "x"}, "", 1, ""},
		{[]string{}, "", 2, ""},
	}
	for _, tt := range tests {
		cmd := binaryCommand(t, tt.args...)
		cmd.Stdin = strings.NewReader(tt.stdin)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		status := 0
		var exitErr *exec.ExitError
		if errors.As(err, &exitErr) {
			status = exitErr.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if status != tt.status {
			t.Errorf("dualgrad %q: status %d, want %d (stderr %q)", tt.args, status, tt.status, stderr.String())
		}
		if tt.stdout == "" && stdout.Len() != 0 || !strings.Contains(stdout.String(), tt.stdout) {
			t.Errorf("dualgrad %q: stdout %q, want %q", tt.args, stdout.String(), tt.stdout)
		}
		if tt.status != 0 && (!strings.HasPrefix(stderr.String(), "dualgrad: ") || strings.Contains(stderr.String(), "goroutine ")) {
			t.Errorf("dualgrad %q: stderr %q, want one dualgrad: message and no stack trace", tt.args, stderr.String())
		}
	}
}

// A write error on stdout (here a full disk) is an I/O failure: status 1.
func TestBinaryWriteFailure(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full on this system")
	}
	defer full.Close()
	cmd := binaryCommand(t, "x^2", "x=3")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = full, &stderr
	err = cmd.Run()
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) || exitErr.ExitCode() != exitIOError || !strings.Contains(stderr.String(), "writing output") {
		t.Errorf("writing to /dev/full: %v, stderr %q; want status %d", err, stderr.String(), exitIOError)
	}
}
