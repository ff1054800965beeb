package expr

import (
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/dualgrad/dualgrad/vec"
)

// same reports whether a and b are equal or both NaN.
func same(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }

// vecTolerance bounds the difference between vec's SIMD kernels and package dual:
// vec's functions are within 1 ulp of the correctly rounded result, and a few such
// differences propagate through an expression.
const vecTolerance = 1e-13

// fusedTolerance bounds the difference between the pure-Go kernels and package dual
// where the compiler fuses x*y+z into one FMA (every GOARCH but amd64 and 386, and
// amd64 built with GOAMD64=v3 or later): the two paths are the same arithmetic fused
// in different places, a few ulps apart.
const fusedTolerance = 1e-14

// multiplyAdd returns x*y + z as the compiler builds it, fused or not. It is not
// inlined so that the compiler sees neither constants to fold nor memory operands,
// which it does not fuse.
//
//go:noinline
func multiplyAdd(x, y, z float64) float64 { return x*y + z }

// compilerFuses reports whether this build fuses multiply-adds: (1+2^-30)(1-2^-30)
// is 1-2^-60, which rounds to 1, so the sum is 0 in two roundings and -2^-60 fused.
var compilerFuses = multiplyAdd(1+0x1p-30, 1-0x1p-30, -1) != 0

// agree reports whether a batch result matches the point result: bit for bit with
// the pure-Go kernels (within fusedTolerance where the compiler fuses multiply-adds),
// within vecTolerance (relative, absolute below 1) with vec's.
func agree(batch, point float64) bool {
	if useVec || compilerFuses {
		tol := vecTolerance
		if !useVec {
			tol = fusedTolerance
		}
		if math.IsInf(point, 0) || math.IsNaN(point) {
			return same(batch, point)
		}
		return math.Abs(batch-point) <= tol*math.Max(1, math.Abs(point))
	}
	return same(batch, point)
}

// forEachKernelSet runs f with the pure-Go kernels and then with vec's kernels at
// every level this CPU supports.
func forEachKernelSet(t *testing.T, f func(t *testing.T)) {
	defer func(level string) {
		useVec = true
		if err := vec.SetLevel(level); err != nil {
			t.Fatal(err)
		}
	}(vec.Level())
	useVec = false
	t.Run("go", f)
	useVec = true
	for _, level := range vec.Levels() {
		if err := vec.SetLevel(level); err != nil {
			t.Fatal(err)
		}
		t.Run("vec-"+level, f)
	}
}

func tensor(shape []int, data ...float64) Tensor { return Tensor{Shape: shape, Data: data} }

func TestNotebookTensors(t *testing.T) {
	p := mustCompile(t, "x^3 + y^2")
	x := tensor([]int{2, 3}, 2, 3, 2, 2, 3, 3)
	y := tensor([]int{2, 3}, 4, 5, 5, 4, 5, 5)
	for _, workers := range []int{1, 2} {
		_, grads, err := p.Backward([]Tensor{x, y}, BatchOptions{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		wantX := []float64{12, 27, 12, 12, 27, 27}
		wantY := []float64{8, 10, 10, 8, 10, 10}
		for i := range wantX {
			if grads[0].Data[i] != wantX[i] || grads[1].Data[i] != wantY[i] {
				t.Fatalf("x.grad %v y.grad %v, want %v %v", grads[0].Data, grads[1].Data, wantX, wantY)
			}
		}
		if grads[0].Shape[0] != 2 || grads[0].Shape[1] != 3 {
			t.Errorf("grad shape %v", grads[0].Shape)
		}
	}

	q := mustCompile(t, "x*y")
	x = tensor([]int{2, 3}, 1, 2, 3, 2, 4, 6)
	y = tensor([]int{2, 3}, 3, 6, 9, -1, 1, 2)
	_, grads, err := q.Backward([]Tensor{x, y}, BatchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range x.Data {
		if grads[0].Data[i] != y.Data[i] || grads[1].Data[i] != x.Data[i] {
			t.Fatalf("f = x*y: x.grad %v (want y), y.grad %v (want x)", grads[0].Data, grads[1].Data)
		}
	}
}

// randomTensor returns a tensor of the given shape with values in [lo, hi).
func randomTensor(rng *rand.Rand, shape []int, lo, hi float64) Tensor {
	n, _ := numElements(shape)
	t := Tensor{Shape: shape, Data: make([]float64, n)}
	for i := range t.Data {
		t.Data[i] = lo + (hi-lo)*rng.Float64()
	}
	return t
}

// pointAt returns the inputs of flat batch index i, found by broadcasting by hand.
func pointAt(inputs []Tensor, shape []int, i int) []float64 {
	coord := make([]int, len(shape))
	for d := len(shape) - 1; d >= 0; d-- {
		coord[d] = i % shape[d]
		i /= shape[d]
	}
	x := make([]float64, len(inputs))
	for j, in := range inputs {
		off := 0
		for k, size := range in.Shape {
			c := coord[len(shape)-len(in.Shape)+k]
			if size == 1 {
				c = 0
			}
			off = off*size + c
		}
		x[j] = in.Data[off]
	}
	return x
}

// checkBatchAgainstPoint evaluates p over inputs with EvalBatch and compares every
// element with Partials at the same point.
func checkBatchAgainstPoint(t *testing.T, p *Program, inputs []Tensor, opt BatchOptions) {
	t.Helper()
	values, partials, err := p.EvalBatch(inputs, opt)
	if err != nil {
		t.Fatal(err)
	}
	shapes := make([][]int, len(inputs))
	for i, in := range inputs {
		shapes[i] = in.Shape
	}
	shape, _ := Broadcast(shapes...)
	n, _ := numElements(shape)
	for i := range n {
		x := pointAt(inputs, shape, i)
		v, jac := p.Partials(x, opt.Wrt)
		for o := range v {
			if !agree(values[o].Data[i], v[o]) {
				t.Fatalf("%v at %v: batch value %v, point %v", p.outSrc[o], x, values[o].Data[i], v[o])
			}
			if useVec && math.IsNaN(v[o]) {
				// Where the value is NaN, a tangent that is 0 in one evaluation
				// and 1e-17 in the other decides between a 0 and a NaN partial.
				continue
			}
			for k := range jac[o] {
				if !agree(partials[o][k].Data[i], jac[o][k]) {
					t.Fatalf("%v at %v: batch partial %d %v, point %v", p.outSrc[o], x, k, partials[o][k].Data[i], jac[o][k])
				}
			}
		}
	}
}

func TestBatchMatchesPoint(t *testing.T) {
	forEachKernelSet(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(1, 2))
		for _, src := range compositeCases {
			p := mustCompile(t, src)
			inputs := make([]Tensor, len(p.Vars()))
			for i := range inputs {
				inputs[i] = randomTensor(rng, []int{3, 700}, 0.2, 0.9) // several blocks
			}
			checkBatchAgainstPoint(t, p, inputs, BatchOptions{})
			checkBatchAgainstPoint(t, p, inputs, BatchOptions{Workers: 1, Wrt: []int{len(inputs) - 1}})
			checkBatchAgainstPoint(t, p, inputs, BatchOptions{Workers: 3, Wrt: []int{}})
		}
	})
}

// TestNaNSafe checks that a partial with respect to an input an operation does not
// depend on stays exactly zero where that operation's derivative is infinite.
func TestNaNSafe(t *testing.T) {
	p := mustCompile(t, "x * 2 + sqrt(y)")
	if _, g := p.Gradient([]float64{1, 0}); g[0] != 2 || !math.IsInf(g[1], 1) {
		t.Errorf("point gradient at y = 0: %v, want [2 +Inf]", g)
	}
	forEachKernelSet(t, func(t *testing.T) {
		inputs := []Tensor{tensor([]int{2}, 1, 2), Scalar(0)}
		value, grads, err := p.Backward(inputs, BatchOptions{Wrt: []int{0}})
		if err != nil {
			t.Fatal(err)
		}
		if len(grads) != 1 || grads[0].Data[0] != 2 || grads[0].Data[1] != 2 || value.Data[1] != 4 {
			t.Errorf("Backward wrt x at y = 0: value %v grads %v, want x.grad [2 2]", value.Data, grads)
		}
	})
}

// TestBatchSharedOutputs covers outputs that share a register, that are an input,
// and that are constant: the cases where results cannot be computed in place.
func TestBatchSharedOutputs(t *testing.T) {
	forEachKernelSet(t, func(t *testing.T) {
		p := mustCompile(t, "x*y; y*x; x; 3; sin(x)*2; cos(x)")
		rng := rand.New(rand.NewPCG(15, 16))
		inputs := []Tensor{randomTensor(rng, []int{5000}, -1, 1), randomTensor(rng, []int{1, 5000}, -1, 1)}
		checkBatchAgainstPoint(t, p, inputs, BatchOptions{})
		checkBatchAgainstPoint(t, p, inputs, BatchOptions{Wrt: []int{1}})
	})
}

func TestBatchBroadcasting(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	p := mustCompile(t, "sin(x*y)/sin(x) + z")
	shapes := [][3][]int{
		{{4, 1, 3}, {5, 1}, nil}, // -> [4 5 3]
		{{1}, {2, 3}, {3}},       // -> [2 3]
		{nil, nil, nil},          // all scalars
		{{2, 1, 1, 1}, {1, 3, 1, 2}, {1, 1, 4, 1}},
		{{0, 3}, {3}, nil},           // empty batch
		{{300, 7}, {300, 1}, {1, 7}}, // broadcast runs across block boundaries
	}
	forEachKernelSet(t, func(t *testing.T) {
		for _, s := range shapes {
			inputs := []Tensor{randomTensor(rng, s[0], 0.3, 1.2), randomTensor(rng, s[1], -2, 2), randomTensor(rng, s[2], -1, 1)}
			checkBatchAgainstPoint(t, p, inputs, BatchOptions{Workers: 2})
			checkBackward(t, p, inputs)
		}
	})
}

// checkBackward compares Backward with the partials of EvalBatch summed by hand over
// the broadcast dimensions.
func checkBackward(t *testing.T, p *Program, inputs []Tensor) {
	t.Helper()
	value, grads, err := p.Backward(inputs, BatchOptions{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	values, partials, err := p.EvalBatch(inputs, BatchOptions{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for i := range value.Data {
		if !same(value.Data[i], values[0].Data[i]) {
			t.Fatalf("Backward value differs at %d", i)
		}
	}
	shape := values[0].Shape
	for k, in := range inputs {
		if len(grads[k].Shape) != len(in.Shape) || len(grads[k].Data) != len(in.Data) {
			t.Fatalf("grad %d has shape %v, input %v", k, grads[k].Shape, in.Shape)
		}
		want := make([]float64, len(in.Data))
		idx := make([]Tensor, len(inputs))
		copy(idx, inputs)
		ids := Tensor{Shape: in.Shape, Data: make([]float64, len(in.Data))}
		for j := range ids.Data {
			ids.Data[j] = float64(j)
		}
		idx[k] = ids
		for i := range partials[0][k].Data {
			j := int(pointAt(idx, shape, i)[k])
			want[j] += partials[0][k].Data[i]
		}
		for j := range want {
			if !closeTo(grads[k].Data[j], want[j], 1e-12) {
				t.Fatalf("shapes %v: grad of input %d element %d = %v, want %v", shape, k, j, grads[k].Data[j], want[j])
			}
		}
	}
}

func TestBatchWorkersGiveIdenticalResults(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	p := mustCompile(t, "exp(-x^2) * y")
	inputs := []Tensor{randomTensor(rng, []int{5000}, -2, 2), randomTensor(rng, []int{1}, 1, 2)}
	_, g1, err := p.Backward(inputs, BatchOptions{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{2, 3, 7} {
		_, gw, _ := p.Backward(inputs, BatchOptions{Workers: w})
		for i := range g1[0].Data {
			if g1[0].Data[i] != gw[0].Data[i] {
				t.Fatalf("workers=%d: x.grad[%d] %v != %v", w, i, gw[0].Data[i], g1[0].Data[i])
			}
		}
		// The broadcast input's gradient is a sum, formed in a different order.
		if !closeTo(gw[1].Data[0], g1[1].Data[0], 1e-12) {
			t.Errorf("workers=%d: y.grad %v, one worker %v", w, gw[1].Data[0], g1[1].Data[0])
		}
	}
}

func TestJVPBatch(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	p := mustCompile(t, "x*y + sin(y); x/y")
	inputs := []Tensor{randomTensor(rng, []int{4, 250}, 1, 2), randomTensor(rng, []int{250}, 1, 2)}
	tangents := []Tensor{randomTensor(rng, []int{4, 1}, -1, 1), Scalar(0.5)}
	values, jvps, err := p.JVPBatch(inputs, tangents, BatchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	shape := []int{4, 250}
	for i := range 1000 {
		x := pointAt(inputs, shape, i)
		v := pointAt(tangents, shape, i)
		pv, pj := p.JVP(x, v)
		for o := range pv {
			// dual.Number and dual.Jet round quotients' tangents differently (an
			// ulp apart), so the tangents agree to a few ulps, the values exactly.
			if !agree(values[o].Data[i], pv[o]) || !closeTo(jvps[o].Data[i], pj[o], vecTolerance) {
				t.Fatalf("point %d output %d: batch %v %v, point %v %v", i, o, values[o].Data[i], jvps[o].Data[i], pv[o], pj[o])
			}
		}
	}
	if _, _, err := p.JVPBatch(inputs, []Tensor{randomTensor(rng, []int{3, 1}, 0, 1), Scalar(1)}, BatchOptions{}); err == nil ||
		!strings.Contains(err.Error(), "[3 1]") || !strings.Contains(err.Error(), "[4 250]") {
		t.Errorf("mismatched tangent error = %v", err)
	}
}

func TestEvalColumns(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	p := mustCompile(t, "sin(x*y)/sin(x)")
	n := 3000
	x, y := randomTensor(rng, []int{n}, 0.5, 2), randomTensor(rng, []int{n}, -2, 2)
	values := [][]float64{make([]float64, n)}
	partials := [][][]float64{{make([]float64, n), make([]float64, n)}}
	if err := p.EvalColumns([][]float64{x.Data, y.Data}, values, partials, BatchOptions{Workers: 1}); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		v, g := p.Gradient([]float64{x.Data[i], y.Data[i]})
		if !agree(values[0][i], v) || !agree(partials[0][0][i], g[0]) || !agree(partials[0][1][i], g[1]) {
			t.Fatalf("point %d: %v %v %v, want %v %v", i, values[0][i], partials[0][0][i], partials[0][1][i], v, g)
		}
	}
	// Values only.
	vals := [][]float64{make([]float64, n)}
	if err := p.EvalColumns([][]float64{x.Data, y.Data}, vals, nil, BatchOptions{}); err != nil {
		t.Fatal(err)
	}
	if vals[0][17] != values[0][17] {
		t.Errorf("values-only result differs")
	}
	cols := [][]float64{x.Data, y.Data}
	allocs := testing.AllocsPerRun(20, func() {
		_ = p.EvalColumns(cols, values, partials, BatchOptions{Workers: 1})
	})
	if allocs > 0 && !raceEnabled {
		t.Errorf("EvalColumns allocates %v times per call in steady state", allocs)
	}
	if err := p.EvalColumns([][]float64{x.Data, y.Data[:10]}, values, partials, BatchOptions{}); err == nil ||
		!strings.Contains(err.Error(), "column y has 10 values but column x has 3000") {
		t.Errorf("ragged columns error = %v", err)
	}
}

// TestJVPColumns checks JVPColumns bit for bit against JVPBatch on the same points, on
// a batch small enough for one block and on one large enough to prefetch its next
// blocks' inputs (one and three workers), for a two-output program; then its steady
// state's allocations, its float32 form and its errors.
func TestJVPColumns(t *testing.T) {
	flushAheadAlways(t)
	rng := rand.New(rand.NewPCG(31, 32))
	p := mustCompile(t, "sin(x*y)/sin(x); exp(-y^2)*x")
	for _, n := range []int{3000, prefetchBytes/32 + 3*p.blockSize(1, 8) + 17} {
		x, y := randomTensor(rng, []int{n}, 0.5, 2), randomTensor(rng, []int{n}, -2, 2)
		u, v := randomTensor(rng, []int{n}, -1, 1), randomTensor(rng, []int{n}, -1, 1)
		wantV, wantJ, err := p.JVPBatch([]Tensor{x, y}, []Tensor{u, v}, BatchOptions{})
		if err != nil {
			t.Fatal(err)
		}
		cols, tans := [][]float64{x.Data, y.Data}, [][]float64{u.Data, v.Data}
		for _, workers := range []int{1, 3} {
			values := [][]float64{make([]float64, n), make([]float64, n)}
			jvps := [][]float64{make([]float64, n), make([]float64, n)}
			if err := p.JVPColumns(cols, tans, values, jvps, BatchOptions{Workers: workers}); err != nil {
				t.Fatal(err)
			}
			for i := range 2 {
				for pt := range n {
					if math.Float64bits(values[i][pt]) != math.Float64bits(wantV[i].Data[pt]) ||
						math.Float64bits(jvps[i][pt]) != math.Float64bits(wantJ[i].Data[pt]) {
						t.Fatalf("n=%d workers=%d output %d point %d: %v %v, JVPBatch %v %v", n, workers, i, pt,
							values[i][pt], jvps[i][pt], wantV[i].Data[pt], wantJ[i].Data[pt])
					}
				}
			}
		}
	}
	n := 1000
	cols := [][]float64{randomTensor(rng, []int{n}, 0.5, 2).Data, randomTensor(rng, []int{n}, -2, 2).Data}
	tans := [][]float64{make([]float64, n), make([]float64, n)}
	values := [][]float64{make([]float64, n), make([]float64, n)}
	jvps := [][]float64{make([]float64, n), make([]float64, n)}
	if allocs := testing.AllocsPerRun(20, func() {
		_ = p.JVPColumns(cols, tans, values, jvps, BatchOptions{Workers: 1})
	}); allocs > 1 && !raceEnabled {
		t.Errorf("JVPColumns allocates %v times per call in steady state, want at most 1", allocs)
	}
	cols32 := randomColumns32(rng, 2, n, -2, 2)
	tans32 := randomColumns32(rng, 2, n, -1, 1)
	v32 := [][]float32{make([]float32, n), make([]float32, n)}
	j32 := [][]float32{make([]float32, n), make([]float32, n)}
	if err := p.JVPColumns32(cols32, tans32, v32, j32, BatchOptions{}); err != nil {
		t.Fatal(err)
	}
	wantV32, wantJ32, err := p.JVPBatch32(
		[]Tensor32{{Shape: []int{n}, Data: cols32[0]}, {Shape: []int{n}, Data: cols32[1]}},
		[]Tensor32{{Shape: []int{n}, Data: tans32[0]}, {Shape: []int{n}, Data: tans32[1]}}, BatchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		for pt := range n {
			if math.Float32bits(v32[i][pt]) != math.Float32bits(wantV32[i].Data[pt]) ||
				math.Float32bits(j32[i][pt]) != math.Float32bits(wantJ32[i].Data[pt]) {
				t.Fatalf("float32 output %d point %d: %v %v, JVPBatch32 %v %v", i, pt, v32[i][pt], j32[i][pt],
					wantV32[i].Data[pt], wantJ32[i].Data[pt])
			}
		}
	}
	short := [][]float64{make([]float64, n), make([]float64, n-1)}
	for _, c := range []struct {
		err  error
		want string
	}{
		{p.JVPColumns(cols, tans[:1], values, jvps, BatchOptions{}), "got 1 tangent columns, want 2"},
		{p.JVPColumns(cols, short, values, jvps, BatchOptions{}), "tangent column of y has length 999, want 1000"},
		{p.JVPColumns(cols, tans, values, jvps[:1], BatchOptions{}), "got 1 jvp columns, want 2 (one per output)"},
		{p.JVPColumns(cols, tans, values, short, BatchOptions{}), "jvp column 1 has length 999, want 1000"},
		{p.JVPColumns(cols, tans, short, jvps, BatchOptions{}), "value column 1 has length 999, want 1000"},
		{p.JVPColumns(short, tans, values, jvps, BatchOptions{}), "column y has 999 values but column x has 1000"},
		{p.JVPColumns(cols, tans, values, jvps, BatchOptions{Wrt: []int{0}}), "BatchOptions.Wrt must be nil"},
		{p.JVPColumns(cols, tans, values, jvps, BatchOptions{Workers: -1}), "Workers is -1"},
	} {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("error %v, want one containing %q", c.err, c.want)
		}
	}
}

func TestBatchErrors(t *testing.T) {
	p := mustCompile(t, "x + y")
	cases := []struct {
		inputs []Tensor
		opt    BatchOptions
		msg    string
	}{
		{[]Tensor{tensor([]int{2, 3}, make([]float64, 6)...), tensor([]int{4}, make([]float64, 4)...)}, BatchOptions{}, "shapes [2 3] and [4] do not broadcast"},
		{[]Tensor{tensor([]int{2, 3}, 1, 2, 3), Scalar(1)}, BatchOptions{}, "shape [2 3] holds 6 elements but the data has 3"},
		{[]Tensor{Scalar(1)}, BatchOptions{}, "got 1 input tensors, want 2"},
		{[]Tensor{Scalar(1), Scalar(2)}, BatchOptions{Wrt: []int{2}}, "wrt index 2 out of range"},
		{[]Tensor{Scalar(1), Scalar(2)}, BatchOptions{Workers: -1}, "Workers is -1"},
		{[]Tensor{tensor([]int{-1}), Scalar(2)}, BatchOptions{}, "negative dimension"},
	}
	for _, c := range cases {
		_, _, err := p.EvalBatch(c.inputs, c.opt)
		if err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("EvalBatch error = %v, want one containing %q", err, c.msg)
		}
	}
	q := mustCompile(t, "x; y")
	if _, _, err := q.Backward([]Tensor{Scalar(1), Scalar(2)}, BatchOptions{}); err == nil {
		t.Error("Backward of a vector function did not fail")
	}
}

func TestBroadcast(t *testing.T) {
	for _, c := range []struct {
		in   [][]int
		want []int
	}{
		{[][]int{{2, 3}, {3}}, []int{2, 3}},
		{[][]int{{4, 1, 3}, {5, 1}}, []int{4, 5, 3}},
		{[][]int{nil, {2}}, []int{2}},
		{[][]int{{1}, {0}}, []int{0}},
		{nil, []int{}},
	} {
		got, err := Broadcast(c.in...)
		if err != nil || len(got) != len(c.want) {
			t.Errorf("Broadcast(%v) = %v, %v", c.in, got, err)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("Broadcast(%v) = %v, want %v", c.in, got, c.want)
			}
		}
	}
	if _, err := Broadcast([]int{2, 3}, []int{1, 3}, []int{4, 1}); err == nil ||
		!strings.Contains(err.Error(), "[2 3] and [4 1]") {
		t.Errorf("error should name the two conflicting shapes: %v", err)
	}
}

func TestConcurrentUse(t *testing.T) {
	p := mustCompile(t, "sin(x*y)/sin(x)")
	rng := rand.New(rand.NewPCG(11, 12))
	inputs := []Tensor{randomTensor(rng, []int{2000}, 0.5, 2), randomTensor(rng, []int{2000}, -1, 1)}
	ref, refPartials, err := p.EvalBatch(inputs, BatchOptions{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for g := range 2 * runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for range 5 {
				values, partials, err := p.EvalBatch(inputs, BatchOptions{Workers: 1 + g%3})
				if err != nil {
					errs <- err.Error()
					return
				}
				for i := range values[0].Data {
					if values[0].Data[i] != ref[0].Data[i] || partials[0][1].Data[i] != refPartials[0][1].Data[i] {
						errs <- "concurrent result differs"
						return
					}
				}
				if v, g := p.Gradient([]float64{1, 2}); math.IsNaN(v) || len(g) != 2 {
					errs <- "point evaluation failed"
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}

// randomExpr builds a random expression over x, y, z from a byte string, for fuzzing.
func randomExpr(data []byte, depth int) *Node {
	if len(data) == 0 || depth > 6 {
		return Var("x")
	}
	b := data[0]
	rest := data[1:]
	half := len(rest) / 2
	switch b % 8 {
	case 0:
		return Var(string("xyz"[b/8%3]))
	case 1:
		return Const(float64(int(b/8)%7) - 2.5)
	case 2, 3:
		fns := []string{"sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh",
			"exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sqrt", "cbrt", "abs", "erf", "erfc"}
		n, _ := Call(fns[int(b/8)%len(fns)], randomExpr(rest, depth+1))
		return n
	default:
		ops := []func(a, b *Node) *Node{Add, Sub, Mul, Div, Pow, Atan2, Hypot, Min, Max}
		return ops[int(b/4)%len(ops)](randomExpr(rest[:half], depth+1), randomExpr(rest[half:], depth+1))
	}
}

// FuzzBatchVsPoint evaluates random expressions over broadcast batches with the
// pure-Go kernels and checks every element against point evaluation, bit for bit.
// (vec's kernels are checked against point evaluation by FuzzVecKernelsVsPoint,
// which tolerates vec's own rounding: at arguments such as cos(sinh(73)) ≈ cos(3e31)
// vec is within 1 ulp while Go's math, and so package dual, is not.)
func FuzzBatchVsPoint(f *testing.F) {
	f.Add([]byte{4, 0, 8, 2, 16}, 0.5, 1.5)
	f.Add([]byte{5, 2, 8, 3, 0, 1, 9}, -0.3, 2.0)
	f.Add([]byte{12, 13, 0, 8, 16, 2, 24}, 1.0, 1.0)
	f.Fuzz(func(t *testing.T, data []byte, a, b float64) {
		e := randomExpr(data, 0)
		fn := NewFunc(e, Mul(e, Var("y")))
		p, err := fn.Compile(nil)
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(uint64(len(data)), 1))
		inputs := make([]Tensor, len(p.Vars()))
		shapes := [][]int{{2, 1, 67}, {1, 3, 1}, {67}}
		for i := range inputs {
			inputs[i] = randomTensor(rng, shapes[i], a, a+math.Abs(b)+0.1)
		}
		if len(inputs) > 0 {
			inputs[0] = Scalar(b)
		}
		defer func() { useVec = true }()
		useVec = false
		checkBatchAgainstPoint(t, p, inputs, BatchOptions{Workers: 2})
	})
}

// TestVecFunctionsMatchDual checks every function, through vec's kernels at every
// level, against point evaluation over its domain.
func TestVecFunctionsMatchDual(t *testing.T) {
	forEachKernelSet(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(13, 14))
		for _, c := range funcCases {
			p := mustCompile(t, c.name+"(x) * y")
			lo, hi := c.x-0.5, c.x+0.25 // inside every function's domain
			if c.name == "acosh" {
				hi = c.x + 20
			}
			inputs := []Tensor{randomTensor(rng, []int{500}, lo, hi), randomTensor(rng, []int{500}, -3, 3)}
			checkBatchAgainstPoint(t, p, inputs, BatchOptions{})
		}
		for _, src := range []string{"x^y", "atan2(x, y)", "hypot(x, y)", "min(x, y)", "max(x, y)", "x / y", "x - y",
			"1 / (x * y)", "x * y / 4", "x * y / 3"} {
			p := mustCompile(t, src)
			inputs := []Tensor{randomTensor(rng, []int{500}, 0.1, 8), randomTensor(rng, []int{500}, -8, 8)}
			checkBatchAgainstPoint(t, p, inputs, BatchOptions{})
		}
	})
}

// TestAutoWorkers checks the goroutine count of BatchOptions{Workers: 0}: one
// goroutine until the batch has minWorkerBlocks blocks for a second, then one per
// minWorkerBlocks blocks up to GOMAXPROCS; and that the seed at 16384 points, the
// batch measured slower on two goroutines, stays on one.
func TestAutoWorkers(t *testing.T) {
	for _, c := range []struct{ nblocks, procs, want int }{
		{1, 8, 1},
		{2*minWorkerBlocks - 1, 8, 1},
		{2 * minWorkerBlocks, 8, 2},
		{5*minWorkerBlocks + 3, 8, 5},
		{1000, 8, 8},
		{1000, 1, 1},
	} {
		if got := autoWorkers(c.nblocks, c.procs); got != c.want {
			t.Errorf("autoWorkers(%d, %d) = %d, want %d", c.nblocks, c.procs, got, c.want)
		}
	}
	p := mustCompile(t, "sin(x*y)/sin(x)")
	bs := p.blockSize(2, 8)
	if n := (16384 + bs - 1) / bs; autoWorkers(n, 8) != 1 {
		t.Errorf("the seed at 16384 points has %d blocks of %d and would run on %d goroutines", n, bs, autoWorkers(n, 8))
	}
	if n := (65536 + bs - 1) / bs; autoWorkers(n, 2) != 2 {
		t.Errorf("the seed at 65536 points has %d blocks of %d and would run on %d goroutines", n, bs, autoWorkers(n, 2))
	}
}

// TestBatchWorkersShareBlocks runs batches of many blocks on several goroutines, which
// then claim blocks as they go: every point must still come out as on one goroutine,
// and a Backward sum over a broadcast input, whose workers keep fixed ranges, must
// repeat bit for bit from run to run.
func TestBatchWorkersShareBlocks(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	p := mustCompile(t, "sin(x*y)/sin(x) + exp(-y^2)")
	n := 40 * p.blockSize(2, 8)
	inputs := []Tensor{randomTensor(rng, []int{n}, 0.1, 3.1), randomTensor(rng, []int{n}, -4, 4)}
	v1, d1, err := p.EvalBatch(inputs, BatchOptions{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{2, 3, 7} {
		vw, dw, err := p.EvalBatch(inputs, BatchOptions{Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		for i := range v1[0].Data {
			if vw[0].Data[i] != v1[0].Data[i] || dw[0][0].Data[i] != d1[0][0].Data[i] || dw[0][1].Data[i] != d1[0][1].Data[i] {
				t.Fatalf("workers=%d: point %d gives (%v, %v, %v), one worker (%v, %v, %v)", w, i,
					vw[0].Data[i], dw[0][0].Data[i], dw[0][1].Data[i], v1[0].Data[i], d1[0][0].Data[i], d1[0][1].Data[i])
			}
		}
	}
	bcast := []Tensor{inputs[0], randomTensor(rng, []int{1}, -1, 1)}
	_, g1, err := p.Backward(bcast, BatchOptions{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		_, g2, err := p.Backward(bcast, BatchOptions{Workers: 3})
		if err != nil {
			t.Fatal(err)
		}
		if g2[1].Data[0] != g1[1].Data[0] {
			t.Fatalf("y.grad with 3 workers: %v, then %v", g1[1].Data[0], g2[1].Data[0])
		}
	}
}

// flushAheadAlways makes blocks request, at their end, whatever of the next block's
// inputs their kernels did not (see flushesAhead), whatever the batch's number of
// input columns, until t ends, so that the tests cover that path on every processor.
func flushAheadAlways(t *testing.T) {
	saved := hardwareStreams
	hardwareStreams = 0
	t.Cleanup(func() { hardwareStreams = saved })
}

// TestPrefetchRules checks which large batches prefetch (all whose inputs reach
// prefetchBytes) and which flush what their kernels left of the queue (those reading
// more input columns per point than the processor's prefetchers serve alone).
func TestPrefetchRules(t *testing.T) {
	saved := hardwareStreams
	defer func() { hardwareStreams = saved }()
	rng := rand.New(rand.NewPCG(11, 12))
	n := prefetchBytes/16 + 1 // two columns of 8 bytes a point reach prefetchBytes
	x, y, z := randomTensor(rng, []int{n}, 0.1, 3.1), randomTensor(rng, []int{n}, -4, 4), randomTensor(rng, []int{n}, -4, 4)
	two, three := mustCompile(t, "sin(x*y)/sin(x)"), mustCompile(t, "sin(x*y)/sin(z)")
	for _, c := range []struct {
		streams         int
		p               *Program
		inputs          []Tensor
		prefetch, flush bool
		name            string
	}{
		{0, two, []Tensor{x, y}, true, true, "two columns, hints always pay"},
		{2, two, []Tensor{x, y}, true, false, "two columns, two served by the hardware"},
		{2, three, []Tensor{x, y, z}, true, true, "three columns, two served by the hardware"},
		{2, two, []Tensor{x, {Shape: []int{}, Data: []float64{2}}}, false, false, "one column and a scalar"},
		{0, two, []Tensor{{Shape: []int{4}, Data: x.Data[:4]}, {Shape: []int{4}, Data: y.Data[:4]}}, false, true, "small columns"},
	} {
		hardwareStreams = c.streams
		b, err := prepare(c.p, c.inputs, BatchOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got := b.prefetches(); got != c.prefetch {
			t.Errorf("%s: prefetches() = %v, want %v", c.name, got, c.prefetch)
		}
		if got := b.flushesAhead(); got != c.flush {
			t.Errorf("%s: flushesAhead() = %v, want %v", c.name, got, c.flush)
		}
	}
}

// TestBatchPrefetchSameResults evaluates a batch large enough that each block
// prefetches the next block's inputs (checked, so the test keeps covering that path),
// on one and on three workers (who then claim blocks one ahead), and compares every
// point bit for bit with evaluations of small slices, which do not prefetch. A block
// skipped, run twice or given the wrong inputs shows as a differing point.
func TestBatchPrefetchSameResults(t *testing.T) {
	flushAheadAlways(t)
	rng := rand.New(rand.NewPCG(9, 10))
	p := mustCompile(t, "sin(x*y)/sin(x) + exp(-y^2)")
	n := prefetchBytes/16 + 3*p.blockSize(2, 8) + 17 // two inputs of 8 bytes a point
	x, y := randomTensor(rng, []int{n}, 0.1, 3.1), randomTensor(rng, []int{n}, -4, 4)
	cols := [][]float64{x.Data, y.Data}
	if b, err := prepare(p, []Tensor{x, y}, BatchOptions{}); err != nil || !b.prefetches() {
		t.Fatalf("a batch of %d points does not prefetch (err %v)", n, err)
	}
	const piece = 4096
	for _, workers := range []int{1, 3} {
		v, d0, d1 := make([]float64, n), make([]float64, n), make([]float64, n)
		if err := p.EvalColumns(cols, [][]float64{v}, [][][]float64{{d0, d1}}, BatchOptions{Workers: workers}); err != nil {
			t.Fatal(err)
		}
		for lo := 0; lo < n; lo += piece {
			hi := min(n, lo+piece)
			pv, p0, p1 := make([]float64, hi-lo), make([]float64, hi-lo), make([]float64, hi-lo)
			small := [][]float64{x.Data[lo:hi], y.Data[lo:hi]}
			if err := p.EvalColumns(small, [][]float64{pv}, [][][]float64{{p0, p1}}, BatchOptions{Workers: 1}); err != nil {
				t.Fatal(err)
			}
			for i := range pv {
				got, want := [3]float64{v[lo+i], d0[lo+i], d1[lo+i]}, [3]float64{pv[i], p0[i], p1[i]}
				for k := range got {
					if math.Float64bits(got[k]) != math.Float64bits(want[k]) {
						t.Fatalf("workers=%d: point %d gives %v, evaluated alone %v", workers, lo+i, got, want)
					}
				}
			}
		}
	}
}
