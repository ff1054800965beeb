package main

import (
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

// BenchmarkBatchCSV measures batch mode end to end (CSV parsing, evaluation
// of sin(xy)/sin(x) with both partials, CSV writing) on 100,000 rows held in
// memory; rows/s is reported.
func BenchmarkBatchCSV(b *testing.B) {
	const rows = 100_000
	var sb strings.Builder
	sb.WriteString("x,y\n")
	rng := rand.New(rand.NewPCG(3, 4))
	var line []byte
	for range rows {
		line = appendFloat(line[:0], 0.2+2.7*rng.Float64())
		line = append(line, ',')
		line = appendFloat(line, -3+6*rng.Float64())
		line = append(line, '\n')
		sb.Write(line)
	}
	input := sb.String()
	b.SetBytes(int64(len(input)))
	b.ResetTimer()
	for b.Loop() {
		if status := run([]string{"--in", "-", "sin(x*y)/sin(x)"}, strings.NewReader(input), io.Discard, io.Discard); status != exitOK {
			b.Fatalf("status %d", status)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
