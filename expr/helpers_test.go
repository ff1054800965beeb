package expr

import (
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
	"time"
)

// waitingCount returns the number of helpers waiting for a task.
func waitingCount() int {
	waitingHelpers.Lock()
	defer waitingHelpers.Unlock()
	return len(waitingHelpers.list)
}

// waitFor polls cond for up to a second.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(time.Second); !cond(); {
		if time.Now().After(deadline) {
			t.Fatalf("still not %s after a second", what)
		}
		time.Sleep(20 * time.Microsecond)
	}
}

// TestGoHelpReusesWaitingHelper checks that a helper that ran a task waits for the
// next, which goHelp hands it rather than starting a goroutine, and that helpers exit
// once they waited helperSpin in vain.
func TestGoHelpReusesWaitingHelper(t *testing.T) {
	waitFor(t, "rid of earlier helpers", func() bool { return waitingCount() == 0 })
	spinOverride.Store(int64(time.Minute))
	defer spinOverride.Store(0)
	done := make(chan int, 4)
	goHelp(func() { done <- 1 })
	if got := <-done; got != 1 {
		t.Fatalf("first task sent %d", got)
	}
	waitFor(t, "waiting", func() bool { return waitingCount() == 1 })
	withHelper := runtime.NumGoroutine()
	spinOverride.Store(int64(helperSpin)) // the wait after the second task ends soon
	goHelp(func() { done <- 2 })
	if n := waitingCount(); n != 0 {
		t.Fatalf("%d helpers still waiting after goHelp handed one a task", n)
	}
	if got := <-done; got != 2 {
		t.Fatalf("second task sent %d", got)
	}
	if n := runtime.NumGoroutine(); n > withHelper {
		t.Fatalf("%d goroutines after the waiting helper ran the second task, %d with it waiting: a new one started", n, withHelper)
	}
	waitFor(t, "exited", func() bool { return waitingCount() == 0 && runtime.NumGoroutine() < withHelper })
}

// TestGoHelpManyTasks hands many tasks at once from several goroutines: each must run
// exactly once, while helpers come and go.
func TestGoHelpManyTasks(t *testing.T) {
	const tasks = 2000
	var ran [tasks]int32
	var wg sync.WaitGroup
	var mu sync.Mutex
	for g := range 4 {
		wg.Go(func() {
			for i := g; i < tasks; i += 4 {
				wg.Add(1)
				goHelp(func() {
					mu.Lock()
					ran[i]++
					mu.Unlock()
					wg.Done()
				})
				if i%97 == 0 {
					time.Sleep(spinTime() + spinTime()/2) // let some helpers exit
				}
			}
		})
	}
	wg.Wait()
	for i, n := range ran {
		if n != 1 {
			t.Fatalf("task %d ran %d times", i, n)
		}
	}
}

// TestBlockClaims checks that concurrent workers claim every block exactly once, in
// runs of at most chunkBlocks that shrink to single blocks at the end.
func TestBlockClaims(t *testing.T) {
	for _, c := range []struct{ nblocks, workers int }{{1, 2}, {7, 2}, {40, 3}, {321, 2}, {1000, 7}} {
		claims := &blockClaims{nblocks: c.nblocks, workers: c.workers}
		owner := make([]int, c.nblocks)
		var runs [][2]int
		var mu sync.Mutex
		var wg sync.WaitGroup
		for w := range c.workers {
			wg.Go(func() {
				for {
					lo, hi := claims.claim()
					if lo == hi {
						return
					}
					mu.Lock()
					runs = append(runs, [2]int{lo, hi})
					for i := lo; i < hi; i++ {
						owner[i] += 1 + w
					}
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		for i, o := range owner {
			if o == 0 {
				t.Fatalf("%d blocks, %d workers: block %d never claimed", c.nblocks, c.workers, i)
			}
		}
		claimed := 0
		for _, r := range runs {
			size := r[1] - r[0]
			claimed += size
			if size < 1 || size > chunkBlocks || size > max(1, (c.nblocks-r[0])/(4*c.workers)) {
				t.Errorf("%d blocks, %d workers: run [%d, %d)", c.nblocks, c.workers, r[0], r[1])
			}
		}
		if claimed != c.nblocks {
			t.Errorf("%d blocks, %d workers: %d claimed in all (a block claimed twice)", c.nblocks, c.workers, claimed)
		}
	}
}

// TestBatchCallsOffHelpers holds the helpers' parts back until the batch is done, as
// when no core is free to start them: the caller calls them off, taking their ranges
// of a sum over points itself, and the results are the blocks' bits, the sums those of
// the same ranges on helpers.
func TestBatchCallsOffHelpers(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	p := mustCompile(t, "sin(x*y)/sin(x)")
	n := 12 * p.blockSize(2, 8)
	inputs := []Tensor{randomTensor(rng, []int{n}, 0.1, 3.1), randomTensor(rng, []int{n}, -4, 4)}
	bcast := []Tensor{inputs[0], Scalar(0.75)}
	_, gHelped, err := p.Backward(bcast, BatchOptions{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	v1, _, err := p.EvalBatch(inputs, BatchOptions{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	var held []func()
	startHelper = func(task func()) { held = append(held, task) }
	calledOff := 0
	calledOffHook = func() { calledOff++ }
	defer func() { startHelper, calledOffHook = goHelp, nil }()
	_, gAlone, err := p.Backward(bcast, BatchOptions{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if math.Float64bits(gAlone[1].Data[0]) != math.Float64bits(gHelped[1].Data[0]) {
		t.Errorf("y.grad summed by the caller alone %v, with helpers %v", gAlone[1].Data[0], gHelped[1].Data[0])
	}
	vw, _, err := p.EvalBatch(inputs, BatchOptions{Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	for i := range v1[0].Data {
		if vw[0].Data[i] != v1[0].Data[i] {
			t.Fatalf("helpers called off: point %d gives %v, one worker %v", i, vw[0].Data[i], v1[0].Data[i])
		}
	}
	if len(held) != 5 || calledOff != 5 {
		t.Errorf("%d parts held back, %d helpers called off; want 5 and 5", len(held), calledOff)
	}
	for _, task := range held { // late helpers find their part called off
		task()
	}
}

// TestBatchWorkersOnOneProcessor runs batches on more goroutines than processors, as
// BatchOptions.Workers allows: the caller's wait for its helpers must yield to them.
func TestBatchWorkersOnOneProcessor(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	rng := rand.New(rand.NewPCG(9, 10))
	p := mustCompile(t, "sin(x*y)/sin(x)")
	n := 12 * p.blockSize(2, 8)
	inputs := []Tensor{randomTensor(rng, []int{n}, 0.1, 3.1), randomTensor(rng, []int{n}, -4, 4)}
	v1, _, err := p.EvalBatch(inputs, BatchOptions{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{2, 4} {
		for range 3 {
			vw, _, err := p.EvalBatch(inputs, BatchOptions{Workers: w})
			if err != nil {
				t.Fatal(err)
			}
			for i := range v1[0].Data {
				if vw[0].Data[i] != v1[0].Data[i] {
					t.Fatalf("workers=%d on one processor: point %d gives %v, one worker %v", w, i, vw[0].Data[i], v1[0].Data[i])
				}
			}
		}
	}
}
