//go:build !purego

package vec

import (
	"testing"
	"unsafe"

	"github.com/klauspost/cpuid/v2"
)

// BenchmarkSeedSchedule measures how the order of the same avx512 kernel calls over
// 1<<20 points changes the time of package expr's program for the seed,
// f = sin(xy)/sin(x) with both partials (Mul of the values, DualSin with the input
// columns as tangents, Sincos for sin(x) and its one partial, DualDiv into the
// results). The calls of the first three schedules are direct assembly calls, written
// out in each, so that no Go dispatch weighs on the short pieces: the same calls
// through one shared closure made the pieces 4-10% slower.
//
//   - blocked: expr's schedule until session 15, and still for the programs a
//     Sequence does not run: each kernel over a block of 3264 points in turn, the
//     sine requesting the next block's inputs, the division streaming its results with
//     non-temporal stores, fenced after each call;
//   - pieces: every kernel on 96 points, then every kernel on the next 96, the
//     intermediate columns 96 long (in L1) and ordinary stores for the results;
//   - sequence: expr's schedule now: a Sequence of the same calls recorded on the
//     first block and run shifted along the columns (128-point pieces), the results
//     streamed and fenced once per block;
//   - pieces-dense: pieces with every tangent computed (the multiplication and sin(x)
//     as dual kernels) instead of expr's known columns.
//
// On the 2-core Zen 5 VM of bench/README (2026-11-27, session 14, four rounds on each
// vCPU pinned with taskset, each next to the C loop of bench/peers/sleef_seed.c, which
// took 2.72-2.80 ns/point; bench/results/2026-11-27-s14-schedule.txt): blocked
// 2.63-2.92 ns/point, pieces 2.24-2.52 (0.81-0.84x the C loop in seven rounds, 0.90x
// in one), and pieces-dense 2.67-3.09: a program loop needs expr's known columns to
// pay. In session 15 (the four rounds of six the host did not slow,
// bench/results/2026-11-27-s15-schedule.txt), blocked took 2.77-2.90, pieces 2.37-2.64,
// sequence 2.45-2.55 and the C loop 2.70-3.11.
func BenchmarkSeedSchedule(b *testing.B) {
	if !cpuid.CPU.Supports(avx512Features...) {
		b.Skip("CPU lacks avx512 features")
	}
	const n, block, piece = 1 << 20, 3264, 96
	col := func(m int) []float64 { // 64-byte aligned, as the streaming stores need
		s := make([]float64, m+8)
		off := int(uintptr(unsafe.Pointer(&s[0]))%64) / 8
		return s[(8-off)%8:][:m]
	}
	x, y := col(n), col(n)
	for i := range x {
		x[i] = 0.1 + 3*float64(i%1000)/1000
		y[i] = -4 + 8*float64(i%777)/777
	}
	fv, f0, f1 := col(n), col(n), col(n)
	var want [3][]float64 // the first schedule's results, which the others must match
	report := func(b *testing.B) {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/point")
		for k, got := range [3][]float64{fv, f0, f1} {
			if want[k] == nil {
				want[k] = append([]float64(nil), got...)
				continue
			}
			for i := range got {
				if got[i] != want[k][i] { // == as the dense partials may differ in the sign of a zero
					b.Fatalf("column %d, point %d: %v, blocked gave %v", k, i, got[i], want[k][i])
				}
			}
		}
	}

	b.Run("blocked", func(b *testing.B) {
		r2, r3, r3d0, r3d1, s, c, zeros := col(block), col(block), col(block), col(block), col(block), col(block), col(block)
		r3d, xd, sd, fd := make([][]float64, 2), make([][]float64, 2), make([][]float64, 2), make([][]float64, 2)
		var ahead Prefetcher
		for b.Loop() {
			for lo := 0; lo < n; lo += block {
				hi := min(lo+block, n)
				m := hi - lo
				ahead.Reset()
				if hi < n {
					AddPrefetch(&ahead, x[hi:min(hi+block, n)])
					AddPrefetch(&ahead, y[hi:min(hi+block, n)])
				}
				mulF64AVX512(r2[:m], x[lo:hi], y[lo:hi])
				r3d[0], r3d[1] = r3d0[:m], r3d1[:m]
				xd[0], xd[1] = y[lo:hi], x[lo:hi]
				dualSinF64AVX512(r3[:m], r2[:m], r3d, xd, ahead.arm())
				ahead.disarm()
				sincosF64AVX512(s[:m], c[:m], x[lo:hi])
				sd[0], sd[1] = c[:m], zeros[:m]
				fd[0], fd[1] = f0[lo:hi], f1[lo:hi]
				dualDivDirectNTF64AVX512(fv[lo:hi], r3[:m], s[:m], fd, r3d, sd, nil)
				storeFenceAVX512() // as DualDiv does after each streaming call
			}
		}
		report(b)
	})

	b.Run("pieces", func(b *testing.B) {
		r2, r3, r3d0, r3d1, s, c, zeros := col(piece), col(piece), col(piece), col(piece), col(piece), col(piece), col(piece)
		r3d, xd, sd, fd := make([][]float64, 2), make([][]float64, 2), make([][]float64, 2), make([][]float64, 2)
		for b.Loop() {
			for lo := 0; lo < n; lo += piece {
				hi := min(lo+piece, n)
				m := hi - lo
				mulF64AVX512(r2[:m], x[lo:hi], y[lo:hi])
				r3d[0], r3d[1] = r3d0[:m], r3d1[:m]
				xd[0], xd[1] = y[lo:hi], x[lo:hi]
				dualSinF64AVX512(r3[:m], r2[:m], r3d, xd, nil)
				sincosF64AVX512(s[:m], c[:m], x[lo:hi])
				sd[0], sd[1] = c[:m], zeros[:m]
				fd[0], fd[1] = f0[lo:hi], f1[lo:hi]
				dualDivDirectF64AVX512(fv[lo:hi], r3[:m], s[:m], fd, r3d, sd, nil)
			}
		}
		report(b)
	})

	b.Run("sequence", func(b *testing.B) {
		// package expr's schedule: a Sequence recorded on the first block and run
		// shifted along, the results streamed and fenced once per block.
		r2, r3, r3d0, r3d1, s, c, zeros := col(block), col(block), col(block), col(block), col(block), col(block), col(block)
		var seq Sequence[float64]
		seq.Scratch(r2, r3, r3d0, r3d1, s, c)
		seq.Uniform(zeros)
		seq.Mul(r2, x[:block], y[:block])
		sxy := Dual[float64]{V: r3, D: [][]float64{r3d0, r3d1}}
		seq.DualSin(sxy, Dual[float64]{V: r2, D: [][]float64{y[:block], x[:block]}})
		seq.Sincos(s, c, x[:block])
		f := Dual[float64]{V: fv[:block], D: [][]float64{f0[:block], f1[:block]}, Stream: true}
		seq.DualDiv(f, sxy, Dual[float64]{V: s, D: [][]float64{c, zeros}})
		for b.Loop() {
			for lo := 0; lo < n; lo += block {
				seq.RunShifted(lo, min(block, n-lo))
			}
		}
		report(b)
	})

	b.Run("pieces-dense", func(b *testing.B) {
		r2, r2d0, r2d1, r3, r3d0, r3d1 := col(piece), col(piece), col(piece), col(piece), col(piece), col(piece)
		s, sd0, sd1, ones, zeros := col(piece), col(piece), col(piece), col(piece), col(piece)
		for i := range ones {
			ones[i] = 1
		}
		xd, yd, r2d, r3d, sd, fd := make([][]float64, 2), make([][]float64, 2), make([][]float64, 2), make([][]float64, 2), make([][]float64, 2), make([][]float64, 2)
		for b.Loop() {
			for lo := 0; lo < n; lo += piece {
				hi := min(lo+piece, n)
				m := hi - lo
				xd[0], xd[1], yd[0], yd[1] = ones[:m], zeros[:m], zeros[:m], ones[:m]
				r2d[0], r2d[1], r3d[0], r3d[1] = r2d0[:m], r2d1[:m], r3d0[:m], r3d1[:m]
				sd[0], sd[1] = sd0[:m], sd1[:m]
				dualMulF64AVX512(r2[:m], x[lo:hi], y[lo:hi], r2d, xd, yd, nil)
				dualSinF64AVX512(r3[:m], r2[:m], r3d, r2d, nil)
				dualSinF64AVX512(s[:m], x[lo:hi], sd, xd, nil)
				fd[0], fd[1] = f0[lo:hi], f1[lo:hi]
				dualDivDirectF64AVX512(fv[lo:hi], r3[:m], s[:m], fd, r3d, sd, nil)
			}
		}
		report(b)
	})
}
