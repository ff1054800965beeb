package vec

import "unsafe"

// Prefetch asks the processor to start loading x into its cache and returns without
// waiting, so that a kernel reading x a little later finds it there instead of
// stalling on main memory. It changes no values and never faults, whatever x holds.
//
// It pays where the caller has other work to do meanwhile. Many lines requested at
// once can fill the processor's queue of outstanding loads: a Prefetcher spreads the
// requests over the kernels that run meanwhile instead. Issued for data that is
// already cached, or too far ahead, it only costs the instructions. On the amd64
// assembly levels it issues PREFETCHT1 (into L2) for every 64-byte line of x; on the
// other levels it does nothing. HardwarePrefetchStreams tells when the hints pay.
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

// A Prefetcher holds memory that a computation will read soon, for the dual kernels
// to ask the processor for a few cache lines at a time while they compute: set it as
// Ahead on a kernel's destination (the sine's for Sincos) and each step of the
// kernel's loop also requests the next lines of the queue, so that the loads overlap
// the arithmetic as in one fused loop. Package expr queues the inputs of a batch's
// next block: on the Zen 5 VM of bench/README, BenchmarkSeedBatch (two input columns)
// ran 3-8% faster on one goroutine than without requests (8% on two), and
// bench's BenchmarkColumnSweep (2 to 8 columns) as fast or up to 25% faster than
// before (no requests for two columns; for more, requests issued with Prefetch in
// slices between the kernels).
//
// The fused dual kernels of the amd64 assembly levels with enough arithmetic to
// overlap (the unary functions but Abs, and Div, Pow, Atan2, Hypot and Sincos) take
// from the queue, at each step two lines per vector register of a result column;
// other kernels and levels leave it as it is. The requests change no values and
// never fault. A Prefetcher must not be copied once used, nor used by two goroutines
// at once; the zero value is an empty queue.
type Prefetcher struct {
	// cursor is what the kernels read and advance: the next line, the end of its range,
	// the next queued range and the end of the queue (addresses; see arm).
	cursor [4]uintptr
	ranges [prefetchRanges][2]uintptr     // queued [start, end) byte ranges, start on a line
	bases  [prefetchRanges]unsafe.Pointer // each range's slice, which keeps it allocated
	head   int                            // the first range not yet handed to the cursor
	n      int                            // ranges queued
}

// prefetchRanges is the most ranges a Prefetcher queues at once: more input columns
// than this are left to the processor's own prefetchers.
const prefetchRanges = 32

// Reset empties the queue.
func (p *Prefetcher) Reset() {
	clear(p.bases[:p.n]) // so that the queue keeps no slice allocated
	p.cursor, p.head, p.n = [4]uintptr{}, 0, 0
}

// Pending reports whether some queued memory has not been requested yet.
func (p *Prefetcher) Pending() bool {
	return p.cursor[0] < p.cursor[1] || p.head < p.n
}

// Flush requests all the memory still queued at once (see Prefetch) and empties the
// queue.
func (p *Prefetcher) Flush() {
	if p.cursor[0] < p.cursor[1] {
		p.flushRange(p.head-1, p.cursor[0])
	}
	for i := p.head; i < p.n; i++ {
		p.flushRange(i, p.ranges[i][0])
	}
	p.Reset()
}

// flushRange requests range i of the queue from address from on.
func (p *Prefetcher) flushRange(i int, from uintptr) {
	base := p.bases[i]
	from = max(from, uintptr(base)) // the range starts on the line before its slice
	// Every queued slice is of float32 or float64, so from is 4-byte aligned.
	start := unsafe.Add(base, from-uintptr(base))
	Prefetch(unsafe.Slice((*float32)(start), (p.ranges[i][1]-from)/4))
}

// AddPrefetch appends the cache lines of x to p's queue, unless the queue is full.
// x must stay allocated until the queue is done with it.
func AddPrefetch[T Float](p *Prefetcher, x []T) {
	if len(x) == 0 || p.n == prefetchRanges {
		return
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(x)))
	p.ranges[p.n] = [2]uintptr{start &^ 63, start + uintptr(len(x))*unsafe.Sizeof(x[0])}
	p.bases[p.n] = unsafe.Pointer(unsafe.SliceData(x))
	p.n++
}

// arm returns the cursor for one kernel call, its queue pointing into p's ranges;
// after the call, disarm records how far the kernel got. The addresses are taken
// afresh for each call, so a Prefetcher that moved between calls stays valid. A nil
// or empty p gives a nil cursor, which the kernels skip at once.
func (p *Prefetcher) arm() *[4]uintptr {
	if p == nil || !p.Pending() {
		return nil
	}
	base := uintptr(unsafe.Pointer(&p.ranges[0]))
	p.cursor[2] = base + uintptr(p.head)*16
	p.cursor[3] = base + uintptr(p.n)*16
	return &p.cursor
}

// disarm records the queue position the kernel left in the cursor.
func (p *Prefetcher) disarm() {
	if p == nil || p.cursor[2] == 0 { // not armed: nil or empty
		return
	}
	p.head = int((p.cursor[2] - uintptr(unsafe.Pointer(&p.ranges[0]))) / 16)
	p.cursor[2], p.cursor[3] = 0, 0
}
