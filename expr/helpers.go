package expr

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// helperSpin is how long a helper goroutine that finished its part of a batch waits
// for a part of the next batch before it exits, yielding its processor to any other
// goroutine meanwhile. A new goroutine needs an idle processor's thread woken: in 300
// back-to-back batches of the seed (1<<20 points, 1.3 ms) on the 2-core VM of
// bench/README, the second worker started 15 µs after the call (median), over 80 µs
// late in 20-30% of them; a waiting helper started after 2 µs, over 80 µs late in 1-4%
// (three sets each, instrumented, session 16). OpenMP runtimes and Eigen's thread pool
// spin before they sleep for the same reason.
const helperSpin = 200 * time.Microsecond

// spinOverride replaces helperSpin when nonzero (nanoseconds): the tests lengthen it,
// so that a loaded machine does not end a wait they observe.
var spinOverride atomic.Int64

// spinTime returns how long helpers and callers spin (see helperSpin).
func spinTime() time.Duration {
	if d := spinOverride.Load(); d != 0 {
		return time.Duration(d)
	}
	return helperSpin
}

// helper is a goroutine that runs tasks handed to it while it waits.
type helper struct {
	task atomic.Pointer[func()]
}

// waitingHelpers are the helpers waiting for a task, the latest last.
var waitingHelpers struct {
	sync.Mutex
	list []*helper
}

// goHelp runs task on a waiting helper, or on a new one if none waits.
func goHelp(task func()) {
	waitingHelpers.Lock()
	var h *helper
	if n := len(waitingHelpers.list); n > 0 {
		h = waitingHelpers.list[n-1]
		waitingHelpers.list[n-1] = nil
		waitingHelpers.list = waitingHelpers.list[:n-1]
	}
	waitingHelpers.Unlock()
	if h != nil {
		h.task.Store(&task)
		return
	}
	go new(helper).run(task)
}

// run runs task and then every task handed to h until it waits helperSpin in vain.
func (h *helper) run(task func()) {
	for {
		task()
		next := h.wait()
		if next == nil {
			return
		}
		task = *next
	}
}

// wait offers h to goHelp for helperSpin and returns the task it got, or nil.
func (h *helper) wait() *func() {
	h.task.Store(nil)
	waitingHelpers.Lock()
	waitingHelpers.list = append(waitingHelpers.list, h)
	waitingHelpers.Unlock()
	deadline := time.Now().Add(spinTime())
	for {
		if t := h.task.Load(); t != nil {
			return t
		}
		if time.Now().After(deadline) {
			waitingHelpers.Lock()
			i := slices.Index(waitingHelpers.list, h)
			if i >= 0 {
				waitingHelpers.list = slices.Delete(waitingHelpers.list, i, i+1)
			}
			waitingHelpers.Unlock()
			if i >= 0 {
				return nil
			}
			// goHelp took h: its task is being stored.
			deadline = deadline.Add(time.Hour)
		}
		runtime.Gosched()
	}
}

// spinUntil yields the processor until done reports true or helperSpin has passed:
// a goroutine that waits for its helpers so keeps its processor, and the helper that
// finishes last does not have to wake it on its own (see helperSpin).
func spinUntil(done func() bool) {
	deadline := time.Now().Add(spinTime())
	for !done() && time.Now().Before(deadline) {
		runtime.Gosched()
	}
}
