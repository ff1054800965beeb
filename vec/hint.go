package vec

// Prefetch asks the processor to start loading x into its cache and returns without
// waiting, so that a kernel reading x a little later finds it there instead of
// stalling on main memory. It changes no values and never faults, whatever x holds.
//
// It pays where the caller has other work to do meanwhile: the batch evaluator in
// package expr prefetches the next block's inputs while the current block computes.
// Issued for data that is already cached, or too far ahead, it only costs the
// instructions. On the amd64 assembly levels it issues PREFETCHT1 (into L2) for every
// 64-byte line of x, except on AMD Zen 5 and later, whose hardware prefetchers served
// expr's batches better without the hints; on those and on the other levels it does
// nothing.
func Prefetch[T Float](x []T) {
	table[T]().prefetch(x)
}
