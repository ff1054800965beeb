package expr

import (
	"math"
	"math/rand/v2"
	"sync/atomic"
	"testing"

	"github.com/dualgrad/dualgrad/vec"
)

// directKernels reports whether the vec level has the fused kernels a Sequence calls
// directly, without which batches keep to the blocks.
func directKernels() bool { return vec.Level() == "avx2" || vec.Level() == "avx512" }

// TestSequencedBatchMatchesBlocks checks that batches run through a vec.Sequence give
// the bits the blocks give, and that they do run through one where they can: the seed
// in float64 and float32, a scalar input, two outputs with a register shared, an
// output that is an input, JVPs with a scalar tangent, Backward, negations, scales
// and added constants, on several goroutines.
func TestSequencedBatchMatchesBlocks(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, tc := range []struct {
		src        string
		sequenced  bool // whether the batch can run through a Sequence
		jvp        bool
		backward   bool
		scalarLast bool // the last input is a scalar
	}{
		{src: "sin(x*y)/sin(x)", sequenced: true},
		{src: "sin(x*y)/sin(x)", sequenced: true, jvp: true},
		{src: "sin(x*y)/sin(x)", sequenced: true, backward: true},
		{src: "exp(x*a)/sqrt(y)", sequenced: false, backward: true, scalarLast: true}, // a sum over points
		{src: "exp(x*a)/sqrt(y)", sequenced: true, scalarLast: true},
		{src: "exp(x*a)/sqrt(y)", sequenced: true, jvp: true, scalarLast: true},
		{src: "sin(x*y); sin(x*y)*cos(y)", sequenced: true},
		{src: "x; log(y)", sequenced: true},
		{src: "x + y*sin(x)", sequenced: true},
		{src: "3*sin(x) - y", sequenced: true},        // a scale: a float kernel per column
		{src: "1 - x*y + exp(-y^2)", sequenced: true}, // a negation, added constants
		{src: "1 - x*y", sequenced: true, jvp: true},  // the same for the JVP's one tangent
		{src: "(0.5*x + 2)*y", sequenced: true, backward: true},
		{src: "tan(x)*y", sequenced: true},                         // tan: its fused kernel, not in place
		{src: "tan(x*y)*x + tan(y)", sequenced: true},              // tan of a register
		{src: "2/x + y^3 - 2^x + x/3", sequenced: true, jvp: true}, // constants as registers
		{src: "erfc(x)*y", sequenced: false},                       // erfc: Go's kernel, not vec's
	} {
		p := mustCompile(t, tc.src)
		n := 3*p.blockSize(len(p.vars), 8) + 77
		var inputs, tangents []Tensor
		for i := range p.vars {
			in, tan := randomTensor(rng, []int{n}, 0.5, 3), randomTensor(rng, []int{n}, -1, 1)
			if tc.scalarLast && i == len(p.vars)-1 {
				in, tan = Scalar(1.25), Scalar(-0.5)
			}
			inputs, tangents = append(inputs, in), append(tangents, tan)
		}
		eval := func(workers int) (out []Tensor) {
			opt := BatchOptions{Workers: workers}
			if tc.backward {
				value, grads, err := p.Backward(inputs, opt)
				if err != nil {
					t.Fatal(err)
				}
				return append([]Tensor{value}, grads...)
			}
			if tc.jvp {
				values, jvps, err := p.JVPBatch(inputs, tangents, opt)
				if err != nil {
					t.Fatal(err)
				}
				return append(values, jvps...)
			}
			values, partials, err := p.EvalBatch(inputs, opt)
			if err != nil {
				t.Fatal(err)
			}
			for _, ps := range partials {
				out = append(out, ps...)
			}
			return append(values, out...)
		}
		useSequence = false
		want := eval(1)
		useSequence = true
		for _, workers := range []int{1, 2} {
			var ran atomic.Int32 // the hook runs on the workers' goroutines
			sequenceHook = func(sequenced bool) {
				if sequenced {
					ran.Add(1)
				}
			}
			got := eval(workers)
			sequenceHook = nil
			if (ran.Load() > 0) != (tc.sequenced && directKernels()) {
				t.Errorf("%s (jvp %v, backward %v, %d workers, level %s): %d workspaces ran a sequence", tc.src, tc.jvp, tc.backward, workers, vec.Level(), ran.Load())
			}
			for k := range want {
				for i, w := range want[k].Data {
					if g := got[k].Data[i]; math.Float64bits(g) != math.Float64bits(w) {
						t.Fatalf("%s (jvp %v, %d workers): result %d, point %d: %v, the blocks give %v", tc.src, tc.jvp, workers, k, i, g, w)
					}
				}
			}
		}
	}
}

// TestSequencedBatch32MatchesBlocks is TestSequencedBatchMatchesBlocks for the seed in
// float32.
func TestSequencedBatch32MatchesBlocks(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	p := mustCompile(t, "sin(x*y)/sin(x)")
	n := 3*p.blockSize(2, 4) + 77
	var inputs []Tensor32
	for range 2 {
		in := randomTensor(rng, []int{n}, 0.5, 3)
		data := make([]float32, n)
		for i, v := range in.Data {
			data[i] = float32(v)
		}
		inputs = append(inputs, Tensor32{Shape: in.Shape, Data: data})
	}
	eval := func() []Tensor32 {
		values, partials, err := p.EvalBatch32(inputs, BatchOptions{Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		return append(values, partials[0]...)
	}
	useSequence = false
	want := eval()
	useSequence = true
	ran := false
	sequenceHook = func(sequenced bool) { ran = ran || sequenced }
	got := eval()
	sequenceHook = nil
	if ran != directKernels() {
		t.Errorf("the float32 batch ran a sequence: %v on level %s", ran, vec.Level())
	}
	for k := range want {
		for i, w := range want[k].Data {
			if g := got[k].Data[i]; math.Float32bits(g) != math.Float32bits(w) {
				t.Fatalf("result %d, point %d: %v, the blocks give %v", k, i, g, w)
			}
		}
	}
}

// TestSequencedBatchAllocs checks that a batch run through a Sequence allocates
// nothing in steady state: the recording reuses the pooled workspace's storage.
func TestSequencedBatchAllocs(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	p := mustCompile(t, "sin(x*y)/sin(x)")
	n := 3*p.blockSize(2, 8) + 5
	x, y := randomTensor(rng, []int{n}, 0.5, 2), randomTensor(rng, []int{n}, -2, 2)
	cols := [][]float64{x.Data, y.Data}
	values := [][]float64{make([]float64, n)}
	partials := [][][]float64{{make([]float64, n), make([]float64, n)}}
	ran := false
	sequenceHook = func(sequenced bool) { ran = ran || sequenced }
	defer func() { sequenceHook = nil }()
	allocs := testing.AllocsPerRun(20, func() {
		_ = p.EvalColumns(cols, values, partials, BatchOptions{Workers: 1})
	})
	if ran != directKernels() {
		t.Errorf("the batch ran a sequence: %v on level %s", ran, vec.Level())
	}
	if allocs > 0 && !raceEnabled {
		t.Errorf("EvalColumns through a sequence allocates %v times per call in steady state", allocs)
	}
}

// TestConstantOperandsMatchPoint checks the instructions with a constant operand,
// which vec's pow and division run with the constant as a register, against point
// evaluation at special values: negative bases with integer and other exponents,
// zeros of both signs, infinities, NaN, the tiny and the huge.
func TestConstantOperandsMatchPoint(t *testing.T) {
	specials := []float64{-3, -2, -1.5, -1, -0.5, math.Copysign(0, -1), 0, 1e-310, 0.25, 0.5, 1, 1.5, 2, 3, 1e300,
		-1e300, math.Inf(1), math.Inf(-1), math.NaN(), 0x1p-1074, 7}
	n := 3*mustCompile(t, "x").blockSize(1, 8) + 5 // several blocks: a sequence runs
	data := make([]float64, n)
	for i := range data {
		data[i] = specials[i%len(specials)]
	}
	x := Tensor{Shape: []int{n}, Data: data}
	forEachKernelSet(t, func(t *testing.T) {
		for _, src := range []string{"x^3", "x^-2", "x^0.5", "x^2.5", "x^-1.5", "x^0", "2^x", "0.5^x", "(-2)^x",
			"0^x", "3/x", "x/3", "(-0.1)/x", "x/7 + 3/x", "x^3*x + x/3"} {
			p := mustCompile(t, src)
			checkBatchAgainstPoint(t, p, []Tensor{x}, BatchOptions{Workers: 1})
		}
	})
}
