package expr

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/dualgrad/dualgrad/vec"
)

// blockBytes is the target size of one worker's registers for one block: small
// enough to stay in a core's L2 cache (1 MiB on the Zen 4 and Zen 5 of bench/README)
// while a block runs through all instructions, with room for the streams in and out.
// Against 192 KiB on the Zen 5 VM, both prefetching, it ran BenchmarkSeedBatch
// (3264-point blocks instead of 1600) 5% faster on one goroutine, 7% in float32 and
// 11% in float32 on two (float64 on two within noise; twelve interleaved runs), and
// WideBatch's gradient (320-point blocks instead of 128) about 25% faster.
const blockBytes = 384 << 10

// blockSize returns the number of points per block for a program whose registers
// carry ntan tangent columns.
func (p *Program) blockSize(ntan, size int) int {
	cols := p.numRegs * (1 + ntan)
	b := blockBytes / (size * max(cols, 1))
	b = min(max(b, 64), 4096)
	return b &^ 63
}

// workspace is one worker's memory: the register columns of one block and scratch.
// Workspaces are pooled per Program, so steady-state evaluation does not allocate.
type workspace[T vec.Float] struct {
	block, ntan int
	regs        []duals[T] // the current block's view of every register
	backing     [][][]T    // per register: its own tangent columns (nil for inputs)
	reducedCols [5][][]T   // execSparse: an instruction's registers restricted to its computed columns
	cols        [][]T      // backing columns of the non-input registers
	gathered    [][]T      // per input: value column for broadcast inputs
	tangents    [][]T      // per input: tangent column for JVP inputs
	ones, zeros []T        // seed tangent columns
	// consts are the columns of the constants that vec's kernels take as registers
	// (see constOperandOp), constTans the tangent list of such a register.
	consts    []constColumn[T]
	constTans [][]T
	scratch   [2][]T
	coord     []int
	acc       [][]T // Backward: per-worker gradient sums of broadcast inputs
	// ahead queues the next block's inputs for the kernels to request as they run;
	// every computed register's Ahead points to it.
	ahead vec.Prefetcher
	// calls makes exec's vec calls: vecCalls, or seq while the batch's program is
	// recorded into it (see batch.sequence); unrecorded is set when exec ran a call
	// of its own instead.
	calls      kernelCalls[T]
	seq        vec.Sequence[T]
	sequenced  bool // seq holds the current batch's program
	unrecorded bool
}

// workspacePool recycles workspaces of one Program, one pool per element type.
type workspacePool struct{ f64, f32 sync.Pool }

// poolOf returns the pool of workspaces with elements of type T.
func poolOf[T vec.Float](wp *workspacePool) *sync.Pool {
	if sizeOf[T]() == 4 {
		return &wp.f32
	}
	return &wp.f64
}

// sizeOf is the size in bytes of a T.
func sizeOf[T vec.Float]() int { return int(unsafe.Sizeof(T(0))) }

func getWorkspace[T vec.Float](p *Program, ntan int) *workspace[T] {
	block := p.blockSize(ntan, sizeOf[T]())
	if ws, ok := poolOf[T](&p.pool).Get().(*workspace[T]); ok && ws.block == block && ws.ntan == ntan {
		return ws
	}
	nin := len(p.vars)
	ws := &workspace[T]{block: block, ntan: ntan, regs: make([]duals[T], p.numRegs), calls: vecCalls[T]{}}
	col := func() []T { return make([]T, block) }
	ws.backing = make([][][]T, p.numRegs)
	for r := range ws.regs {
		ws.regs[r].D = make([][]T, ntan)
		if r >= nin {
			ws.backing[r] = make([][]T, ntan)
			ws.regs[r].Ahead = &ws.ahead
		}
	}
	for i := range ws.reducedCols {
		ws.reducedCols[i] = make([][]T, 0, ntan)
	}
	for r := nin; r < p.numRegs; r++ {
		for range 1 + ntan {
			ws.cols = append(ws.cols, col())
		}
	}
	ws.gathered = make([][]T, nin)
	ws.tangents = make([][]T, nin)
	for i := range nin {
		ws.gathered[i], ws.tangents[i] = col(), col()
	}
	ws.ones, ws.zeros = col(), col()
	for i := range ws.ones {
		ws.ones[i] = 1
	}
	ws.scratch = [2][]T{col(), col()}
	ws.constTans = make([][]T, ntan)
	for i := range p.instrs {
		if _, _, ok := constOperandOp(&p.instrs[i]); ok && ws.constColumn(p.instrs[i].k) == nil {
			c := constColumn[T]{k: p.instrs[i].k, col: col()}
			for j := range c.col {
				c.col[j] = T(c.k)
			}
			ws.consts = append(ws.consts, c)
		}
	}
	return ws
}

// constColumn is a column of block length holding constant k.
type constColumn[T vec.Float] struct {
	k   float64
	col []T
}

// constColumn returns the column of k, nil if the workspace has none.
func (ws *workspace[T]) constColumn(k float64) []T {
	for _, c := range ws.consts {
		if math.Float64bits(c.k) == math.Float64bits(k) {
			return c.col
		}
	}
	return nil
}

// constant returns constant k as a register over dst's points: its column and zero
// tangent columns, as many as dst has.
func (ws *workspace[T]) constant(k float64, dst duals[T]) duals[T] {
	m := len(dst.V)
	tans := ws.constTans[:len(dst.D)]
	for j := range tans {
		tans[j] = ws.zeros[:m]
	}
	return duals[T]{V: ws.constColumn(k)[:m], D: tans}
}

func putWorkspace[T vec.Float](p *Program, ws *workspace[T]) {
	ws.acc = nil
	ws.seq.Reset() // keeps nothing of the caller's alive in the pool
	ws.sequenced = false
	poolOf[T](&p.pool).Put(ws)
}

// batch describes one batch evaluation: where inputs come from and where results go.
type batch[T vec.Float] struct {
	p      *Program
	n      int // points
	ntan   int
	shape  []int // broadcast shape (nil for column evaluation)
	inData [][]T
	inMap  []bcastMap
	seed   []int         // EvalBatch: for each input, the tangent column seeded with 1, or -1
	plan   *sparsityPlan // the tangent columns known without computing, nil for none
	// JVP: per input, the tangent tensor and its index map (ntan == 1).
	tanData [][]T
	tanMap  []bcastMap
	// Results, as flat slices over the n points.
	values   [][]T
	partials [][][]T // [output][tangent], nil for none
	// Backward: gradients shaped like the inputs, for tangent k the input wrt[k].
	wrt   []int
	grads [][]T
	// stream: the final writes of the results bypass the cache (see streams).
	stream bool
	// prefetch: each block asks for the next block's inputs while it computes (see
	// prefetches), and flushAhead: what its kernels did not ask for, at its end (see
	// flushesAhead).
	prefetch, flushAhead bool
}

// setup points the registers of ws at the block [start, start+m).
func (b *batch[T]) setup(ws *workspace[T], start, m int) {
	p := b.p
	nin := len(p.vars)
	for i := range nin {
		r := &ws.regs[i]
		r.V = gather(&b.inMap[i], ws.gathered[i][:m], b.inData[i], start, ws.coord)
		for k := range r.D {
			switch {
			case b.tanData != nil:
				r.D[k] = gather(&b.tanMap[i], ws.tangents[i][:m], b.tanData[i], start, ws.coord)
			case b.seed[i] == k:
				r.D[k] = ws.ones[:m]
			default:
				r.D[k] = ws.zeros[:m]
			}
		}
	}
	c := 0
	for r := nin; r < p.numRegs; r++ {
		ws.regs[r].V = ws.cols[c][:m]
		c++
		for k := range ws.regs[r].D {
			ws.backing[r][k] = ws.cols[c][:m]
			c++
		}
	}
	// An output's register computes straight into the caller's result slices,
	// saving a copy; temporaries that used the register earlier are overwritten.
	for i, r := range p.outputs {
		if !p.directOut[i] {
			continue
		}
		if b.values != nil {
			ws.regs[r].V = b.values[i][start : start+m]
		}
		if b.partials != nil {
			for k := range ws.backing[r] {
				ws.backing[r][k] = b.partials[i][k][start : start+m]
			}
		}
	}
	for r := nin; r < p.numRegs; r++ {
		copy(ws.regs[r].D, ws.backing[r])
	}
}

// exec runs the program over the block that setup prepared, skipping the tangent
// columns that plan (nil for none) knows without computing them. stream lets the
// final writes of the outputs bypass the cache.
func (ws *workspace[T]) exec(p *Program, plan *sparsityPlan, m int, stream bool) {
	regs := ws.regs
	reg := func(r int32) duals[T] {
		if r < 0 {
			return duals[T]{}
		}
		return regs[r]
	}
	for i := range p.instrs {
		in := &p.instrs[i]
		final := stream && p.finalWrites[i]
		if final {
			setStream(regs, in, true)
		}
		if plan != nil {
			st := &plan.steps[i]
			ws.pointColumns(in.dst, st.kinds, m)
			if in.dst2 >= 0 {
				ws.pointColumns(in.dst2, st.kinds2, m)
			}
			if !st.dense {
				ws.execSparse(p, in, st)
				if final {
					setStream(regs, in, false)
				}
				continue
			}
		}
		runInstr(ws, in, regs[in.dst], reg(in.dst2), reg(in.a), reg(in.b), reg(in.c))
		if final {
			setStream(regs, in, false)
		}
	}
}

// setStream sets the Stream hint of in's result registers.
func setStream[T vec.Float](regs []duals[T], in *instr, on bool) {
	regs[in.dst].Stream = on
	if in.dst2 >= 0 {
		regs[in.dst2].Stream = on
	}
}

// streamBytes is the size of a batch's results from which their final writes bypass
// the cache: results that large would not stay cached for the caller anyway.
const streamBytes = 4 << 20

// streams reports whether the batch's final writes may bypass the cache: every
// result column lives in the caller's slices and they are large.
func (b *batch[T]) streams() bool {
	if b.values == nil || b.grads != nil || (b.ntan > 0 && b.partials == nil) {
		return false
	}
	return b.n*sizeOf[T]()*(1+b.ntan)*len(b.values) >= streamBytes
}

// runInstr runs one instruction on the given duals (the zero duals for registers the
// instruction does not have), with vec's kernels where they exist.
func runInstr[T vec.Float](ws *workspace[T], in *instr, dst, dst2, a, b, c duals[T]) {
	if useVec {
		if op, first, ok := constOperandOp(in); ok {
			k := ws.constant(in.k, dst)
			if first {
				a, k = k, a
			}
			binaryVec(ws.calls, op, toVec(dst), toVec(a), toVec(k))
			return
		}
		if execVec(ws.calls, in, dst, dst2, a, b, c) {
			return
		}
	}
	if _, direct := ws.calls.(vecCalls[T]); !direct {
		ws.unrecorded = true
		return
	}
	switch in.op {
	case opConst:
		dualConst(dst, in.k)
	case opAdd:
		dualAdd(dst, a, b)
	case opSub:
		dualSub(dst, a, b)
	case opMul:
		dualMul(dst, a, b)
	case opNeg:
		dualNeg(dst, a)
	case opFMA:
		dualFMA(dst, a, b, c)
	case opAddConst:
		dualAddScalar(dst, a, in.k)
	case opConstSub:
		dualConstSub(dst, a, in.k)
	case opScale:
		dualScale(dst, a, in.k)
	case opSincos:
		dualSincos(dst, dst2, a)
	default:
		if isBinaryInstr(in.op) {
			dualBinary(in.op, dst, a, b, ws.scratch[0], ws.scratch[1])
		} else {
			dualUnary(in.op, in.k, dst, a, ws.scratch[0])
		}
	}
}

// prefetchBytes is the size of a batch's inputs from which blocks prefetch: inputs
// that large come from main memory, not from a cache.
const prefetchBytes = 4 << 20

// perPointColumns calls f with each input and tangent column read one element per
// point: the ones blocks prefetch (broadcast inputs are small and stay cached).
func (b *batch[T]) perPointColumns(f func(data []T)) {
	for k, data := range b.inData {
		if b.inMap[k].kind == sameShape {
			f(data)
		}
	}
	for k, data := range b.tanData {
		if b.tanMap[k].kind == sameShape {
			f(data)
		}
	}
}

// perPointStreams is the number of perPointColumns.
func (b *batch[T]) perPointStreams() int {
	streams := 0
	b.perPointColumns(func([]T) { streams++ })
	return streams
}

// prefetches reports whether the blocks of the batch should prefetch their inputs:
// whether the columns they read reach prefetchBytes.
func (b *batch[T]) prefetches() bool {
	return b.perPointStreams()*sizeOf[T]()*b.n >= prefetchBytes
}

// flushesAhead reports whether the inputs of the next block that the kernels of a
// block did not request (programs with few vec kernels that take a vec.Prefetcher)
// are requested all at once at its end: when the columns are more than the
// processor's own prefetchers serve better alone (vec.HardwarePrefetchStreams).
func (b *batch[T]) flushesAhead() bool {
	return b.perPointStreams() > hardwareStreams
}

// hardwareStreams is vec.HardwarePrefetchStreams(), a variable so that the tests can
// reach the flushing path on any processor.
var hardwareStreams = vec.HardwarePrefetchStreams()

// queueAhead queues the inputs of block next (-1 for none) of bs points for the
// kernels of the block about to run on ws to request.
func (b *batch[T]) queueAhead(ws *workspace[T], next, bs int) {
	if !b.prefetch || next < 0 || next*bs >= b.n {
		return
	}
	lo, hi := next*bs, min(b.n, (next+1)*bs)
	b.perPointColumns(func(data []T) { vec.AddPrefetch(&ws.ahead, data[lo:hi]) })
}

// finishAhead requests what the block's kernels left of the queue, or drops it (see
// flushesAhead).
func (b *batch[T]) finishAhead(ws *workspace[T]) {
	if b.flushAhead && ws.ahead.Pending() {
		ws.ahead.Flush()
		return
	}
	ws.ahead.Reset()
}

// block evaluates block blk of bs points and stores the results, prefetching the
// inputs of block next (-1 for none) meanwhile.
func (b *batch[T]) block(ws *workspace[T], blk, next, bs int) {
	start := blk * bs
	m := min(bs, b.n-start)
	if ws.sequenced {
		ws.seq.RunShifted(start, m)
		return
	}
	b.setup(ws, start, m)
	b.queueAhead(ws, next, bs)
	ws.exec(b.p, b.plan, m, b.stream)
	b.finishAhead(ws)
	b.storeOutputs(ws, start, m, ws.calls)
	if b.grads != nil {
		out := ws.regs[b.p.outputs[0]]
		for k, t := range out.D {
			im := &b.inMap[b.wrt[k]]
			if im.kind == sameShape { // each gradient element comes from one point
				copy(b.grads[k][start:start+len(t)], t)
			} else {
				scatterAdd(im, ws.acc[k], t, start, ws.coord)
			}
		}
	}
}

// storeOutputs copies the outputs of the block [start, start+m) that exec did not
// compute into the caller's slices with calls.Copy.
func (b *batch[T]) storeOutputs(ws *workspace[T], start, m int, calls kernelCalls[T]) {
	for i, r := range b.p.outputs {
		out := ws.regs[r]
		if b.p.directOut[i] {
			// A column the plan knew (zeros, ones, an input's value) is not yet in
			// the caller's slice.
			if b.partials != nil {
				for k, t := range out.D {
					if dst := b.partials[i][k][start : start+m]; &dst[0] != &t[0] {
						calls.Copy(dst, t)
					}
				}
			}
			continue
		}
		if b.values != nil {
			calls.Copy(b.values[i][start:start+m], out.V)
		}
		if b.partials != nil {
			for k, t := range out.D {
				calls.Copy(b.partials[i][k][start:start+m], t)
			}
		}
	}
}

// sequence records the batch's program in ws.seq, for the blocks to run piece by
// piece, when the batch allows it (no gradients summed over points, no inputs
// broadcast but scalars, more than one block) and the recording runs piecewise with
// vec's kernels called directly, in pieces of at least minPieceBytes. It records the
// first block: the columns of the caller's slices move to the other blocks, the
// registers are scratch, and the seeds and the scalar inputs are the same at every
// point. The final writes stream as exec's do, fenced once per block.
//
// A piece of a hundred-odd points runs every instruction with its registers in L1,
// where a block carries them through L2: BenchmarkSeedBatch took 2.46-2.58 ns/point
// on one goroutine against 2.66-2.88 with blocks, 1.29-1.40 on two against 1.40-1.45,
// and in float32 1.05-1.11 against 1.19-1.27 (six alternated rounds on the 2-core Zen
// 5 VM of bench/README; bench/results/2026-11-27-s15-sequence.txt). A single block is
// in the cache anyway, and the recording costs more than the pieces save there.
func (b *batch[T]) sequence(ws *workspace[T]) {
	ws.sequenced = false
	if !useVec || b.reduces() || b.n <= ws.block {
		return
	}
	uniform := func(maps []bcastMap, cols [][]T) bool {
		for i := range maps {
			switch maps[i].kind {
			case sameShape:
			case oneValue:
				ws.seq.Uniform(cols[i])
			default:
				return false
			}
		}
		return true
	}
	ws.seq.Reset()
	if !uniform(b.inMap, ws.gathered) || !uniform(b.tanMap, ws.tangents) {
		return
	}
	m := min(b.n, ws.block)
	b.setup(ws, 0, m)
	ws.seq.Scratch(ws.cols...)
	ws.seq.Uniform(ws.ones, ws.zeros)
	for _, c := range ws.consts {
		ws.seq.Uniform(c.col)
	}
	ws.calls, ws.unrecorded = &ws.seq, false
	ws.exec(b.p, b.plan, m, b.stream)
	b.storeOutputs(ws, 0, m, ws.calls)
	if b.grads != nil { // each gradient element comes from one point
		for k, t := range ws.regs[b.p.outputs[0]].D {
			ws.seq.Copy(b.grads[k][:m], t)
		}
	}
	ws.calls = vecCalls[T]{}
	ws.sequenced = useSequence && !ws.unrecorded && ws.seq.Direct() && ws.seq.Piecewise() &&
		ws.seq.PieceLen()*sizeOf[T]() >= minPieceBytes
	if !ws.sequenced {
		ws.seq.Reset()
	}
	if sequenceHook != nil {
		sequenceHook(ws.sequenced)
	}
}

// minPieceBytes is the shortest piece of a column for which a batch runs through a
// Sequence: a program of many registers gets short pieces, each step of which costs
// its call. WideBatch (45 columns) through one, in pieces of 32 points, took 75-80
// ns/point for its gradient against 75-80 with blocks, and its JVP (pieces of 64)
// 70-71 against 65-68 (three alternated runs, session 15); the seed's pieces are 128
// points (1 KiB).
const minPieceBytes = 768

// useSequence and sequenceHook are for the tests: the first turns the sequences off
// (to compare with the blocks), the second learns whether a batch's workspace runs
// one.
var (
	useSequence  = true
	sequenceHook func(sequenced bool)
)

// startHelper hands a batch's part to a helper: goHelp, which the tests replace to
// hold the parts back. calledOffHook, for the tests too, runs on the caller for each
// helper it called off.
var (
	startHelper   = goHelp
	calledOffHook func()
)

// chunkBlocks is the most consecutive blocks a worker claims at a time. Claimed one
// at a time, the blocks of two workers alternated, and each core's streams through
// the inputs and results broke at every block: WideBatch's gradient (ten input and
// eleven result columns, 320-point blocks) ran 1.2-1.3x faster on two goroutines than
// on one, and 1.87x with runs of eight blocks (42.3 against 64.6 ns/point, ten
// alternated runs, p < 0.001; the seed unchanged).
const chunkBlocks = 8

// blockClaims hands the blocks of a batch to its workers in runs: chunkBlocks at a
// time while at least four runs per worker are left, fewer towards the end, down to
// single blocks, so that the workers finish close together. With runs of eight to
// the end, the first of two workers to finish the seed's 1<<20 points waited 24-29 µs
// for the other (median; over 53-74 µs in a tenth of the batches), with shrinking
// runs 2-5 µs (over 4-12 µs in a tenth; three sets of 300 batches each, instrumented,
// session 16).
type blockClaims struct {
	next             atomic.Int64
	nblocks, workers int
}

// claim returns the next run of blocks [lo, hi), empty when none is left.
func (c *blockClaims) claim() (lo, hi int) {
	for {
		cur := c.next.Load()
		if int(cur) >= c.nblocks {
			return c.nblocks, c.nblocks
		}
		size := min(chunkBlocks, max(1, (c.nblocks-int(cur))/(4*c.workers)))
		if c.next.CompareAndSwap(cur, cur+int64(size)) {
			return int(cur), int(cur) + size
		}
	}
}

// minWorkerBlocks is the fewest blocks per goroutine when BatchOptions.Workers is 0.
// Another core's thread takes tens of microseconds to wake and start (25 µs from a
// condition variable in C on the 2-core VM of bench/README, 25-100 µs for a Go
// goroutine there), and a block of the seed (3264 points) takes about 12 µs. On two
// goroutines against one (BenchmarkBatchWorkers, ns/point, with blocks of half that
// size), the seed at 16384 points took 3.8-4.2 against 3.5-3.9, at 24576 about the
// same, at 32768 3.2-4.0 against 3.7-4.1, and at 65536 2.3-3.3 against 3.6-4.0: five
// blocks of 3264 points keep those batches on the side they ran faster.
const minWorkerBlocks = 5

// autoWorkers returns the goroutines for nblocks blocks when BatchOptions.Workers is
// 0: one per minWorkerBlocks blocks, at least one and at most procs.
func autoWorkers(nblocks, procs int) int {
	return max(1, min(procs, nblocks/minWorkerBlocks))
}

// run evaluates all points on the requested number of goroutines (see parallel for
// how they share the blocks).
func (b *batch[T]) run(workers int) {
	if b.n == 0 {
		return
	}
	if b.tanData == nil && b.ntan > 0 {
		b.plan = b.p.sparsity(b.seed, b.ntan)
	}
	b.stream = b.streams()
	b.prefetch = b.prefetches()
	b.flushAhead = b.flushesAhead()
	bs := b.p.blockSize(b.ntan, sizeOf[T]())
	nblocks := (b.n + bs - 1) / bs
	if workers == 0 {
		workers = autoWorkers(nblocks, runtime.GOMAXPROCS(0))
	}
	workers = min(workers, nblocks)
	if workers == 1 {
		ws := b.workspace()
		b.blocks(ws, 0, nblocks, bs)
		b.finish(ws)
		return
	}
	b.parallel(workers, nblocks, bs)
}

// parallel runs blocks on the calling goroutine and workers-1 helpers (see goHelp);
// it is separate from run so that the single-goroutine path allocates nothing.
// Without sums to reproduce, workers claim runs of blocks (see blockClaims) as they
// start the last block of their run, so a core slowed by other work on the machine
// delays the batch by at most two runs; sums of broadcast gradients need every worker
// to own a fixed contiguous range instead. The caller then waits for the helpers that
// started on its processor (see spinUntil).
func (b *batch[T]) parallel(workers, nblocks, bs int) {
	shared := *b // only this copy escapes to the helpers
	spaces := make([]*workspace[T], workers)
	claims := &blockClaims{nblocks: nblocks, workers: workers}
	reduces := shared.reduces()
	// Each worker takes its workspace on its own goroutine, so that a fresh one is
	// allocated from that goroutine's processor cache rather than interleaved with the
	// other workers' small arrays. WideBatch's gradient on two goroutines ran 5% faster
	// so (ten alternated runs, p = 0.001); that false sharing is the cause is a guess.
	work := func(w int) {
		ws := shared.workspace()
		spaces[w] = ws
		if reduces {
			shared.blocks(ws, w*nblocks/workers, (w+1)*nblocks/workers, bs)
			return
		}
		lo, hi := claims.claim()
		for lo < hi {
			blk := lo
			if lo++; lo == hi { // claim the next run now, to prefetch its first block
				lo, hi = claims.claim()
			}
			after := -1
			if lo < hi {
				after = lo
			}
			shared.block(ws, blk, after, bs)
		}
	}
	// A helper that has not started when the caller is done is called off: the
	// claims left it nothing, and a range of sums the caller takes itself.
	const pending, started, calledOff = 0, 1, 2
	states := make([]atomic.Int32, workers)
	finished := make(chan struct{}, workers)
	for w := 1; w < workers; w++ {
		startHelper(func() {
			if states[w].CompareAndSwap(pending, started) {
				work(w)
				finished <- struct{}{}
			}
		})
	}
	work(0)
	helping := 0
	for w := 1; w < workers; w++ {
		switch {
		case !states[w].CompareAndSwap(pending, calledOff):
			helping++
			continue
		case reduces:
			work(w)
		}
		if calledOffHook != nil {
			calledOffHook()
		}
	}
	spinUntil(func() bool { return len(finished) == helping })
	for range helping {
		<-finished
	}
	for _, ws := range spaces {
		if ws != nil {
			shared.finish(ws)
		}
	}
}

// reduces reports whether the batch sums over points: Backward with an input that
// broadcasts, whose gradient adds up the partials of many points.
func (b *batch[T]) reduces() bool {
	if b.grads == nil {
		return false
	}
	for _, in := range b.wrt {
		if b.inMap[in].kind != sameShape {
			return true
		}
	}
	return false
}

// workspace returns a pooled workspace prepared for this batch.
func (b *batch[T]) workspace() *workspace[T] {
	ws := getWorkspace[T](b.p, b.ntan)
	if cap(ws.coord) < len(b.shape) {
		ws.coord = make([]int, len(b.shape))
	}
	ws.coord = ws.coord[:len(b.shape)]
	b.sequence(ws)
	if b.grads != nil {
		ws.acc = make([][]T, len(b.grads))
		for k := range ws.acc {
			if b.inMap[b.wrt[k]].kind != sameShape {
				ws.acc[k] = make([]T, len(b.grads[k]))
			}
		}
	}
	return ws
}

// blocks evaluates blocks [lo, hi) of bs points each.
func (b *batch[T]) blocks(ws *workspace[T], lo, hi, bs int) {
	for blk := lo; blk < hi; blk++ {
		next := blk + 1
		if next >= hi {
			next = -1
		}
		b.block(ws, blk, next, bs)
	}
}

// finish adds a worker's gradient sums into the result and returns its workspace
// to the pool. Workers finish in order, so the sums are reproducible.
func (b *batch[T]) finish(ws *workspace[T]) {
	for k, acc := range ws.acc {
		for i, v := range acc {
			b.grads[k][i] += v
		}
	}
	putWorkspace(b.p, ws)
}
