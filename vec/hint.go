package vec

// Prefetch asks the processor to start loading x into its cache and returns without
// waiting, so that a kernel reading x a little later finds it there instead of
// stalling on main memory. It changes no values and never faults, whatever x holds.
//
// It pays where the caller has other work to do meanwhile: the batch evaluator in
// package expr prefetches the next block's inputs while the current block computes.
// Issued for data that is already cached, or too far ahead, it only costs the
// instructions. On the amd64 assembly levels it issues PREFETCHT1 (into L2) for every
// 64-byte line of x; on the other levels it does nothing. HardwarePrefetchStreams
// tells when the hints pay.
func Prefetch[T Float](x []T) {
	table[T]().prefetch(x)
}

// HardwarePrefetchStreams returns how many sequential input streams a loop can read
// on this processor before Prefetch's hints pay: up to that many, the processor's own
// prefetchers were measured to keep up better without them. It is 2 on AMD Zen 5 and
// later and 0 elsewhere (the hints paid for every stream count measured).
func HardwarePrefetchStreams() int { return hardwareStreams }

// hardwareStreams is HardwarePrefetchStreams' answer, set by the level's init.
var hardwareStreams int
