// Command vectable measures the table of issue #3 for the README: for every
// transcendental kernel of package vec and both float types, ns/elem at every level
// this CPU runs, next to SLEEF 3.5 (AVX-512 and AVX2) and Go's math, and the largest
// error in ULPs of every level and of Go's math against high-precision references.
//
// Run it from bench/:
//
//	go run ./cmd/vectable                 # writes results/<UTC date>-vectable.md
//	go run ./cmd/vectable -rounds 5 -out /tmp/table.md
//
// Steps, all on this machine:
//   - bench/peers/build.sh builds the SLEEF peer (needs gcc and libsleef-dev; without
//     them the SLEEF columns are left empty and the reason is listed);
//   - every round runs, one count each, BenchmarkKernel (the vec kernels), then
//     BenchmarkGoMath (Go's math on the same inputs) and then bench/peers/bin/sleef_kernels
//     (SLEEF on the same inputs), so a burst of load from elsewhere hits them alike;
//     the table shows the median over the rounds;
//   - go test ./vec/ -run TestULPTable measures the errors (see vec/ulptable_test.go).
//
// It writes the Markdown table to -out and everything the programs printed to the same
// name with .raw.txt instead of .md, and prints the table. It exits with status 1 if
// the Go benchmarks or the accuracy test could not run. With the defaults it takes
// about three minutes on a 2-core machine.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

func main() {
	rounds := flag.Int("rounds", 3, "rounds of measurement; the table shows the median")
	benchtime := flag.String("benchtime", "100ms", "-test.benchtime of every Go benchmark")
	stride := flag.Uint64("stride", 4093, "the float32 accuracy sweep checks every n-th bit pattern")
	out := flag.String("out", "", "Markdown output file (default results/<UTC date>-vectable.md)")
	noSLEEF := flag.Bool("no-sleef", false, "leave out SLEEF (do not build or run the C peer)")
	flag.Parse()
	if flag.NArg() > 0 || *rounds < 1 {
		fmt.Fprintln(os.Stderr, "usage: go run ./cmd/vectable [-rounds n] [-benchtime d] [-stride n] [-out file] [-no-sleef]")
		os.Exit(2)
	}
	started := time.Now().UTC()
	if *out == "" {
		*out = filepath.Join("results", started.Format("2006-01-02")+"-vectable.md")
	}
	if err := run(config{rounds: *rounds, benchtime: *benchtime, stride: *stride, out: *out, sleef: !*noSLEEF, started: started}); err != nil {
		fmt.Fprintln(os.Stderr, "vectable:", err)
		os.Exit(1)
	}
}

// config is what one run measures and where it writes.
type config struct {
	rounds    int
	benchtime string
	stride    uint64
	out       string
	sleef     bool
	started   time.Time
}

// run measures everything, writes the table and its raw output, and returns an error
// if a required step failed (after writing what it has).
func run(cfg config) error {
	if err := checkBenchDir(); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "vectable")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	m := newMeasurements()
	env := environment(cfg)
	var raw bytes.Buffer
	var notes, failures []string
	logf := func(format string, args ...any) { fmt.Fprintf(os.Stderr, "vectable: "+format+"\n", args...) }

	sleefBin := filepath.Join("peers", "bin", "sleef_kernels")
	if cfg.sleef {
		logf("building the SLEEF peer: peers/build.sh")
		if _, err := command(".", "peers/build.sh"); err != nil {
			notes = append(notes, "SLEEF not measured: "+err.Error())
			cfg.sleef = false
		}
	} else {
		notes = append(notes, "SLEEF not measured: -no-sleef")
	}

	testBin := filepath.Join(tmp, "bench.test")
	logf("compiling the benchmarks: go test -c")
	if _, err := command(".", "go", "test", "-c", "-o", testBin, "."); err != nil {
		failures = append(failures, "Go benchmarks not compiled: "+err.Error())
	} else {
	rounds:
		for r := 1; r <= cfg.rounds; r++ {
			for _, pattern := range []string{kernelPattern(), "^BenchmarkGoMath$"} {
				logf("round %d/%d: bench.test -test.bench '%s'", r, cfg.rounds, pattern)
				text, err := command(".", testBin, "-test.run", "^$", "-test.bench", pattern,
					"-test.benchtime", cfg.benchtime, "-test.count", "1")
				fmt.Fprintf(&raw, "# round %d: bench.test -test.bench '%s' -test.benchtime %s\n%s\n", r, pattern, cfg.benchtime, text)
				if err != nil {
					failures = append(failures, "Go benchmarks failed: "+err.Error())
					break rounds // they would fail again
				}
				m.addBench(text)
			}
			if cfg.sleef {
				logf("round %d/%d: %s avx512 avx2", r, cfg.rounds, sleefBin)
				text, err := command(".", sleefBin, "avx512", "avx2")
				fmt.Fprintf(&raw, "# round %d: %s avx512 avx2\n%s\n", r, sleefBin, text)
				if err != nil {
					notes = append(notes, "SLEEF could not run: "+err.Error())
					cfg.sleef = false
				} else if err := m.addSLEEF(text); err != nil {
					notes = append(notes, "SLEEF output not understood: "+err.Error())
					cfg.sleef = false
				}
			}
		}
	}

	ulpFile := filepath.Join(tmp, "ulp.json")
	logf("measuring the errors: go test ./vec/ -run '^TestULPTable$'")
	text, err := command("..", "go", "test", "./vec/", "-run", "^TestULPTable$", "-count=1",
		"-args", "-ulptable="+ulpFile, fmt.Sprintf("-ulptable.stride=%d", cfg.stride))
	fmt.Fprintf(&raw, "# go test ./vec/ -run '^TestULPTable$' -args -ulptable.stride=%d\n%s\n", cfg.stride, text)
	if err != nil {
		failures = append(failures, "accuracy test failed: "+err.Error())
	} else if data, err := os.ReadFile(ulpFile); err != nil {
		failures = append(failures, "accuracy test wrote no table: "+err.Error())
	} else if err := json.Unmarshal(data, &m.ulp); err != nil {
		failures = append(failures, "accuracy table not understood: "+err.Error())
	} else {
		fmt.Fprintf(&raw, "# %s\n%s\n", filepath.Base(ulpFile), data)
	}

	md := render(m, env, notes, failures)
	fmt.Print(md)
	if err := os.MkdirAll(filepath.Dir(cfg.out), 0o755); err != nil {
		return err
	}
	rawPath := strings.TrimSuffix(cfg.out, ".md") + ".raw.txt"
	if err := os.WriteFile(cfg.out, []byte(md), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(rawPath, raw.Bytes(), 0o644); err != nil {
		return err
	}
	logf("wrote %s and %s", cfg.out, rawPath)
	if len(failures) > 0 {
		return errors.New(strings.Join(failures, "; "))
	}
	return nil
}

// kernelPattern selects the transcendental kernels of BenchmarkKernel.
func kernelPattern() string {
	names := make([]string, len(functions))
	for i, f := range functions {
		names[i] = f.name
	}
	return "^BenchmarkKernel$/^(" + strings.Join(names, "|") + ")$/"
}

// checkBenchDir makes sure the command runs in the bench module, next to peers/ and
// below the repository root (../vec).
func checkBenchDir() error {
	mod, err := os.ReadFile("go.mod")
	if err != nil || !bytes.Contains(mod, []byte("module github.com/dualgrad/dualgrad/bench\n")) {
		return errors.New("run from the bench directory (cd bench && go run ./cmd/vectable)")
	}
	if _, err := os.Stat(filepath.Join("..", "vec", "ulptable_test.go")); err != nil {
		return fmt.Errorf("the accuracy test is missing: %v", err)
	}
	return nil
}

// command runs name with args in dir and returns its standard output. If it fails,
// the output has its standard error appended and the error carries the last line of
// standard error (of standard output if there is none): go's compile errors, a C
// program's complaint.
func command(dir, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		why := strings.TrimSpace(stderr.String())
		if why == "" {
			why = strings.TrimSpace(stdout.String())
		}
		lines := strings.Split(why, "\n")
		return stdout.String() + stderr.String(), fmt.Errorf("%s: %v: %s", filepath.Base(name), err, lines[len(lines)-1])
	}
	return stdout.String(), nil
}

// firstLine returns the first line of a command's output, or "unknown".
func firstLine(name string, args ...string) string {
	out, err := command(".", name, args...)
	if err != nil || strings.TrimSpace(out) == "" {
		return "unknown"
	}
	return strings.SplitN(strings.TrimSpace(out), "\n", 2)[0]
}

// environment describes the machine and the run for the table's header.
func environment(cfg config) runEnv {
	env := runEnv{
		date:      cfg.started.Format("2006-01-02 15:04 UTC"),
		command:   "cd bench && go run ./cmd/vectable" + strings.Join(append([]string{""}, os.Args[1:]...), " "),
		cpu:       cpuModel(),
		cpus:      runtime.NumCPU(),
		goVersion: firstLine("go", "version"),
		gcc:       firstLine("gcc", "--version"),
		sleef:     firstLine("dpkg-query", "-W", "-f", "${Version}", "libsleef-dev"),
		rounds:    cfg.rounds,
		benchtime: cfg.benchtime,
	}
	if data, err := os.ReadFile("/proc/loadavg"); err == nil {
		if f := strings.Fields(string(data)); len(f) >= 3 {
			env.load = strings.Join(f[:3], ", ")
		}
	}
	return env
}

// cpuModel reads the CPU's name from /proc/cpuinfo.
func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for _, line := range strings.Split(string(data), "\n") {
		if name, ok := strings.CutPrefix(line, "model name"); ok {
			return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":"))
		}
	}
	return runtime.GOARCH
}
