package expr

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/dualgrad/dualgrad/dual"
	"github.com/dualgrad/dualgrad/vec"
)

// vecTolerance32 bounds the difference between vec's float32 kernels and package
// dual's float32 rules, as vecTolerance does for float64: the same 450 ulps.
const vecTolerance32 = 5e-5

// fusedTolerance32 is fusedTolerance for float32: the same 45 ulps.
const fusedTolerance32 = 5e-6

// agree32 reports whether a float32 batch result matches the float32 point result:
// bit for bit with the pure-Go kernels (up to the sign of a zero tangent, as for
// float64) unless the compiler fuses multiply-adds, else
// within vecTolerance32 or fusedTolerance32 (relative, absolute below 1).
func agree32(batch, point float32) bool {
	if !useVec && !compilerFuses {
		return batch == point || batch != batch && point != point // as same: zeros of either sign
	}
	tol := vecTolerance32
	if !useVec {
		tol = fusedTolerance32
	}
	b, p := float64(batch), float64(point)
	if math.IsInf(p, 0) || math.IsNaN(p) {
		return same(b, p)
	}
	return math.Abs(b-p) <= tol*math.Max(1, math.Abs(p))
}

// point32 evaluates p at x in float32 with dual.Number[float32], the rules the
// pure-Go float32 batch kernels follow, with the tangent of input k seeded (none for
// k < 0). It returns each output's value and tangent.
func point32(p *Program, x []float32, k int) (v, d []float32) {
	var dir []float32
	if k >= 0 {
		dir = make([]float32, len(x))
		dir[k] = 1
	}
	return point32Dir(p, x, dir)
}

// point32Dir is point32 with the inputs' tangents dir (none if nil).
func point32Dir(p *Program, x, dir []float32) (v, d []float32) {
	regs := make([]dual.Number[float32], p.numRegs)
	for i, xi := range x {
		regs[i] = dual.Number[float32]{V: xi}
	}
	for i, t := range dir {
		regs[i].D = t
	}
	for i := range p.instrs {
		stepNumber32(&p.instrs[i], regs)
	}
	for _, r := range p.outputs {
		v, d = append(v, regs[r].V), append(d, regs[r].D)
	}
	return v, d
}

// randomColumns32 returns count columns of n float32 values in [lo, hi).
func randomColumns32(rng *rand.Rand, count, n int, lo, hi float64) [][]float32 {
	cols := make([][]float32, count)
	for j := range cols {
		cols[j] = make([]float32, n)
		for i := range cols[j] {
			cols[j][i] = float32(lo + (hi-lo)*rng.Float64())
		}
	}
	return cols
}

// checkColumns32AgainstPoint evaluates p over cols with EvalColumns32 and compares
// every value and partial with point32 at the same point.
func checkColumns32AgainstPoint(t *testing.T, p *Program, cols [][]float32, opt BatchOptions) {
	t.Helper()
	n := len(cols[0])
	wrt := opt.Wrt
	if wrt == nil {
		wrt = p.inputs
	}
	values := make([][]float32, p.NumOut())
	partials := make([][][]float32, p.NumOut())
	for i := range values {
		values[i] = make([]float32, n)
		partials[i] = make([][]float32, len(wrt))
		for k := range partials[i] {
			partials[i][k] = make([]float32, n)
		}
	}
	if err := p.EvalColumns32(cols, values, partials, opt); err != nil {
		t.Fatal(err)
	}
	x := make([]float32, len(cols))
	for i := range n {
		for j := range cols {
			x[j] = cols[j][i]
		}
		v, _ := point32(p, x, -1)
		for o := range v {
			if !agree32(values[o][i], v[o]) {
				t.Fatalf("%v at %v: float32 batch value %v, point %v", p.outSrc[o], x, values[o][i], v[o])
			}
		}
		for k, w := range wrt {
			_, d := point32(p, x, w)
			for o := range d {
				if useVec && v[o] != v[o] {
					continue // see checkBatchAgainstPoint
				}
				if !agree32(partials[o][k][i], d[o]) {
					t.Fatalf("%v at %v: float32 batch partial %d %v, point %v", p.outSrc[o], x, k, partials[o][k][i], d[o])
				}
			}
		}
	}
}

// TestColumns32MatchPoint checks float32 batches of the composite expressions and
// of every function against float32 point evaluation, with the pure-Go kernels and
// with vec's at every level.
func TestColumns32MatchPoint(t *testing.T) {
	forEachKernelSet(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(21, 22))
		for _, src := range compositeCases {
			p := mustCompile(t, src)
			cols := randomColumns32(rng, len(p.Vars()), 2100, 0.2, 0.9) // several blocks
			checkColumns32AgainstPoint(t, p, cols, BatchOptions{})
			checkColumns32AgainstPoint(t, p, cols, BatchOptions{Workers: 3, Wrt: []int{len(cols) - 1}})
		}
		for _, c := range funcCases {
			p := mustCompile(t, c.name+"(x) * y")
			lo, hi := c.x-0.5, c.x+0.25 // inside every function's domain
			if c.name == "acosh" {
				hi = c.x + 20
			}
			cols := randomColumns32(rng, 1, 500, lo, hi)
			cols = append(cols, randomColumns32(rng, 1, 500, -3, 3)...)
			checkColumns32AgainstPoint(t, p, cols, BatchOptions{})
		}
		for _, src := range []string{"x^y", "atan2(x, y)", "hypot(x, y)", "min(x, y)", "max(x, y)", "x / y", "x - y",
			"1 / (x * y)", "x * y / 4", "x * y / 3", "x * 0.1 + y", "0.3 - x * y"} {
			p := mustCompile(t, src)
			cols := append(randomColumns32(rng, 1, 500, 0.1, 8), randomColumns32(rng, 1, 500, -8, 8)...)
			checkColumns32AgainstPoint(t, p, cols, BatchOptions{})
		}
	})
}

// TestColumns32MatchFloat64 compares the seed in float32 with the same points in
// float64 over the benchmark's domain, where sin x >= 0.04: agreement to a few float32
// ulps of the largest quantity involved shows the float32 path computes the same
// function, not just the same rounding as its own reference.
func TestColumns32MatchFloat64(t *testing.T) {
	p := mustCompile(t, "sin(x*y)/sin(x)")
	rng := rand.New(rand.NewPCG(23, 24))
	const n = 5000
	c32 := append(randomColumns32(rng, 1, n, 0.1, 3.1), randomColumns32(rng, 1, n, -4, 4)...)
	c64 := [][]float64{make([]float64, n), make([]float64, n)}
	for j := range c32 {
		for i, v := range c32[j] {
			c64[j][i] = float64(v)
		}
	}
	v32, g32 := [][]float32{make([]float32, n)}, [][][]float32{{make([]float32, n), make([]float32, n)}}
	v64, g64 := [][]float64{make([]float64, n)}, [][][]float64{{make([]float64, n), make([]float64, n)}}
	if err := p.EvalColumns32(c32, v32, g32, BatchOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := p.EvalColumns(c64, v64, g64, BatchOptions{}); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		x, y := c64[0][i], c64[1][i]
		// The float32 rounding of x*y (up to 12.4) moves sin's argument by up to
		// 2^-24·|xy|; dividing by sin x and, for ∂f/∂x, by sin² x magnifies it.
		s := math.Abs(math.Sin(x))
		scale := (1 + math.Abs(x*y)) / (s * s)
		got := [3]float32{v32[0][i], g32[0][0][i], g32[0][1][i]}
		want := [3]float64{v64[0][i], g64[0][0][i], g64[0][1][i]}
		for k := range got {
			if err := math.Abs(float64(got[k]) - want[k]); err > 8*0x1p-24*scale*math.Max(1, math.Abs(want[k])) {
				t.Fatalf("(%v, %v) output %d: float32 %v, float64 %v (error %.3g, scale %.3g)", x, y, k, got[k], want[k], err, scale)
			}
		}
	}
}

// TestEvalColumns32 checks the float32 column API's allocation-free steady state, its
// errors, the prefetching path of large batches and that workers do not change results.
func TestEvalColumns32(t *testing.T) {
	flushAheadAlways(t)
	p := mustCompile(t, "sin(x*y)/sin(x) + exp(-y^2)")
	rng := rand.New(rand.NewPCG(25, 26))
	n := prefetchBytes/8 + 3*p.blockSize(2, 4) + 17 // two inputs of 4 bytes a point
	cols := append(randomColumns32(rng, 1, n, 0.1, 3.1), randomColumns32(rng, 1, n, -4, 4)...)
	b := &batch[float32]{p: p, n: n, inData: cols, inMap: p.colMaps}
	if !b.prefetches() {
		t.Fatalf("a float32 batch of %d points does not prefetch", n)
	}
	const piece = 4096
	for _, workers := range []int{1, 3} {
		v, d0, d1 := make([]float32, n), make([]float32, n), make([]float32, n)
		if err := p.EvalColumns32(cols, [][]float32{v}, [][][]float32{{d0, d1}}, BatchOptions{Workers: workers}); err != nil {
			t.Fatal(err)
		}
		for lo := 0; lo < n; lo += piece {
			hi := min(n, lo+piece)
			pv, p0, p1 := make([]float32, hi-lo), make([]float32, hi-lo), make([]float32, hi-lo)
			small := [][]float32{cols[0][lo:hi], cols[1][lo:hi]}
			if err := p.EvalColumns32(small, [][]float32{pv}, [][][]float32{{p0, p1}}, BatchOptions{Workers: 1}); err != nil {
				t.Fatal(err)
			}
			for i := range pv {
				got, want := [3]float32{v[lo+i], d0[lo+i], d1[lo+i]}, [3]float32{pv[i], p0[i], p1[i]}
				for k := range got {
					if math.Float32bits(got[k]) != math.Float32bits(want[k]) {
						t.Fatalf("workers=%d: point %d gives %v, evaluated alone %v", workers, lo+i, got, want)
					}
				}
			}
		}
	}

	small := [][]float32{cols[0][:3000], cols[1][:3000]}
	values := [][]float32{make([]float32, 3000)}
	partials := [][][]float32{{make([]float32, 3000), make([]float32, 3000)}}
	allocs := testing.AllocsPerRun(20, func() {
		_ = p.EvalColumns32(small, values, partials, BatchOptions{Workers: 1})
	})
	if allocs > 0 && !raceEnabled {
		t.Errorf("EvalColumns32 allocates %v times per call in steady state", allocs)
	}
	if err := p.EvalColumns32([][]float32{small[0], small[1][:10]}, values, partials, BatchOptions{}); err == nil ||
		!strings.Contains(err.Error(), "column y has 10 values but column x has 3000") {
		t.Errorf("ragged columns error = %v", err)
	}
	if err := p.EvalColumns32(small, values, partials, BatchOptions{Wrt: []int{2}}); err == nil ||
		!strings.Contains(err.Error(), "wrt index 2 out of range") {
		t.Errorf("bad wrt error = %v", err)
	}
}

// FuzzColumns32VsPoint evaluates random expressions over float32 columns with the
// pure-Go kernels and checks every element against float32 point evaluation, bit for
// bit (where the compiler does not fuse multiply-adds), as FuzzBatchVsPoint does for
// float64.
func FuzzColumns32VsPoint(f *testing.F) {
	f.Add([]byte{4, 0, 8, 2, 16}, 0.5, 1.5)
	f.Add([]byte{5, 2, 8, 3, 0, 1, 9}, -0.3, 2.0)
	f.Add([]byte{12, 13, 0, 8, 16, 2, 24}, 1.0, 1.0)
	f.Fuzz(func(t *testing.T, data []byte, a, b float64) {
		e := randomExpr(data, 0)
		p, err := NewFunc(e, Mul(e, Var("y"))).Compile(nil)
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(uint64(len(data)), 1))
		cols := randomColumns32(rng, len(p.Vars()), 67, a, a+math.Abs(b)+0.1)
		defer func() { useVec = true }()
		useVec = false
		checkColumns32AgainstPoint(t, p, cols, BatchOptions{Workers: 2})
	})
}

// fuzzTolerance32 is fuzzTolerance for float32: vec's float32 kernels are within an
// ulp or two and dual's float32 rules round a float64 result, so anything beyond a
// few ulps (1e-5 is 80) is a qualitative difference.
const fuzzTolerance32 = 1e-5

// vecClose32 is vecClose for float32 results.
func vecClose32(got, want float32) bool {
	return closeAtScale(float64(got), float64(want), fuzzTolerance32, math.MaxFloat32, 0x1p-124)
}

// neighbours32 returns v and values around it in float32: its negation, the next
// float32 on either side, and half and double of it.
func neighbours32(v float32) []float32 {
	up, down := float32(math.Inf(1)), float32(math.Inf(-1))
	return []float32{v, -v, math.Nextafter32(v, up), math.Nextafter32(v, down), v / 2, v * 2}
}

// FuzzVecKernels32VsPoint is FuzzVecKernelsVsPoint in float32: one function or
// operator over columns built around the fuzzed arguments, with vec's float32 kernels
// on every level, against dual's float32 rules (point32).
func FuzzVecKernels32VsPoint(f *testing.F) {
	inf, nan := math.Inf(1), math.NaN()
	for op := range vecFuzzSources {
		f.Add(uint8(op), 0.7, -1.5)
	}
	f.Add(uint8(0), 1e8, 0.0)
	f.Add(uint8(12), 88.7, 0.0)
	f.Add(uint8(28), 0.0, 0.0)
	f.Add(uint8(28), inf, -1.0)
	f.Add(uint8(29), 1e30, 1e-30)
	f.Add(uint8(30), -inf, nan)
	f.Fuzz(func(t *testing.T, op uint8, a, b float64) {
		src := vecFuzzSources[int(op)%len(vecFuzzSources)]
		p := mustCompile(t, src)
		xs, ys := neighbours32(float32(a)), neighbours32(float32(b))
		var cols [][]float32
		if len(p.Vars()) == 1 {
			cols = [][]float32{xs}
		} else {
			cols = [][]float32{nil, nil}
			for _, x := range xs {
				for _, y := range ys {
					cols[0], cols[1] = append(cols[0], x), append(cols[1], y)
				}
			}
		}
		n := len(cols[0])
		values := [][]float32{make([]float32, n)}
		partials := [][][]float32{make([][]float32, len(cols))}
		for k := range partials[0] {
			partials[0][k] = make([]float32, n)
		}
		defer func(level string) {
			if err := vec.SetLevel(level); err != nil {
				t.Fatal(err)
			}
		}(vec.Level())
		x := make([]float32, len(cols))
		for _, level := range vec.Levels() {
			if err := vec.SetLevel(level); err != nil {
				t.Fatal(err)
			}
			if err := p.EvalColumns32(cols, values, partials, BatchOptions{Workers: 1}); err != nil {
				t.Fatal(err)
			}
			for i := range n {
				for j := range cols {
					x[j] = cols[j][i]
				}
				v, _ := point32(p, x, -1)
				if !vecClose32(values[0][i], v[0]) {
					t.Fatalf("%s on %s at %v: float32 batch value %v, point %v", src, level, x, values[0][i], v[0])
				}
				if v[0] != v[0] {
					// No derivative where the value is NaN, and the two disagree on
					// the garbage: at x < 0, y = 2^-149, x**y is NaN and dual's
					// float64 y-1 rounds to -1, so its slope is finite, while vec's
					// float32 x**(y-1) overflows.
					continue
				}
				for k := range cols {
					_, d := point32(p, x, k)
					got := partials[0][k][i]
					if math.IsInf(float64(v[0]), 0) && math.IsInf(float64(got), 0) && (got > 0) == (d[0] > 0) {
						// Where the value overflows, vec forms the derivative from it
						// (exp2's ln 2·2^x at x = 128.48 is +Inf), while dual's
						// float64 product still fits a float32 (3.29e38).
						continue
					}
					if src == "x ^ y" && x[0] == 0 && math.IsInf(float64(got), 0) && math.IsInf(float64(d[0]), 0) {
						// The slope's infinity at x = ±0 takes its sign from the parity
						// of y-1, which float32 (vec) and float64 (dual) round apart:
						// y = -1.9999999 gives y-1 = -3, odd, in float32 only.
						continue
					}
					if !vecClose32(got, d[0]) {
						t.Fatalf("%s on %s at %v: float32 batch partial %d %v, point %v", src, level, x, k, got, d[0])
					}
				}
			}
		}
	})
}

// toTensor32 rounds t to float32.
func toTensor32(t Tensor) Tensor32 {
	r := Tensor32{Shape: t.Shape, Data: make([]float32, len(t.Data))}
	for i, v := range t.Data {
		r.Data[i] = float32(v)
	}
	return r
}

// toTensor64 widens t to float64, exactly.
func toTensor64(t Tensor32) Tensor {
	r := Tensor{Shape: t.Shape, Data: make([]float64, len(t.Data))}
	for i, v := range t.Data {
		r.Data[i] = float64(v)
	}
	return r
}

// pointAt32 is pointAt for float32 tensors.
func pointAt32(inputs []Tensor32, shape []int, i int) []float32 {
	wide := make([]Tensor, len(inputs))
	for j, in := range inputs {
		wide[j] = toTensor64(in)
	}
	x := pointAt(wide, shape, i)
	r := make([]float32, len(x))
	for j, v := range x {
		r[j] = float32(v)
	}
	return r
}

// TestBatch32MatchesPoint checks EvalBatch32 and JVPBatch32 over broadcast float32
// tensors against float32 point evaluation, with the Go kernels and vec's at every
// level.
func TestBatch32MatchesPoint(t *testing.T) {
	forEachKernelSet(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(27, 28))
		shapes := [][]int{{3, 1, 700}, {1, 2, 1}, {700}}
		for _, src := range compositeCases {
			p := mustCompile(t, src)
			inputs := make([]Tensor32, len(p.Vars()))
			dirs := make([]Tensor32, len(p.Vars()))
			for i := range inputs {
				inputs[i] = toTensor32(randomTensor(rng, shapes[i%3], 0.2, 0.9))
				dirs[i] = toTensor32(randomTensor(rng, shapes[(i+1)%3][1:], -1, 1)) // broadcasts too
			}
			values, partials, err := p.EvalBatch32(inputs, BatchOptions{Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			jvpValues, jvps, err := p.JVPBatch32(inputs, dirs, BatchOptions{})
			if err != nil {
				t.Fatal(err)
			}
			shape := values[0].Shape
			n := values[0].Len()
			for i := range n {
				x := pointAt32(inputs, shape, i)
				dir := pointAt32(dirs, shape, i)
				v, _ := point32(p, x, -1)
				_, dv := point32Dir(p, x, dir)
				for o := range v {
					if !agree32(values[o].Data[i], v[o]) || jvpValues[o].Data[i] != values[o].Data[i] {
						t.Fatalf("%s at %v: float32 batch value %v (JVPBatch32 %v), point %v", src, x, values[o].Data[i], jvpValues[o].Data[i], v[o])
					}
					if !agree32(jvps[o].Data[i], dv[o]) {
						t.Fatalf("%s at %v along %v: float32 JVP %v, point %v", src, x, dir, jvps[o].Data[i], dv[o])
					}
					for k := range x {
						_, d := point32(p, x, k)
						if !agree32(partials[o][k].Data[i], d[o]) {
							t.Fatalf("%s at %v: float32 batch partial %d %v, point %v", src, x, k, partials[o][k].Data[i], d[o])
						}
					}
				}
			}
		}
	})
}

// TestBackward32 checks Backward32 on the notebook's tensors (exact in float32) and
// the sum over a broadcast input against float64.
func TestBackward32(t *testing.T) {
	p := mustCompile(t, "x^3 + y^2")
	x := Tensor32{Shape: []int{2, 3}, Data: []float32{2, 3, 2, 2, 3, 3}}
	y := Tensor32{Shape: []int{2, 3}, Data: []float32{4, 5, 5, 4, 5, 5}}
	f, grads, err := p.Backward32([]Tensor32{x, y}, BatchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	wantF := []float32{24, 52, 33, 24, 52, 52}
	wantX, wantY := []float32{12, 27, 12, 12, 27, 27}, []float32{8, 10, 10, 8, 10, 10}
	for i := range wantX {
		if f.Data[i] != wantF[i] || grads[0].Data[i] != wantX[i] || grads[1].Data[i] != wantY[i] {
			t.Fatalf("f %v, x.grad %v, y.grad %v; want %v, %v, %v", f.Data, grads[0].Data, grads[1].Data, wantF, wantX, wantY)
		}
	}

	q := mustCompile(t, "sin(x*y)/sin(x)")
	rng := rand.New(rand.NewPCG(29, 30))
	x64 := toTensor64(toTensor32(randomTensor(rng, []int{4, 5000}, 0.5, 2.5)))
	y64 := Tensor{Data: []float64{1.25}} // a scalar: its gradient sums 20000 partials
	_, g64, err := q.Backward([]Tensor{x64, y64}, BatchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{1, 3} {
		_, g32, err := q.Backward32([]Tensor32{toTensor32(x64), toTensor32(y64)}, BatchOptions{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		if len(g32[1].Data) != 1 || len(g32[0].Data) != 20000 {
			t.Fatalf("gradient shapes %v and %v", g32[0].Shape, g32[1].Shape)
		}
		// 20000 float32 additions: a relative error of a few 1e-4 at most.
		if got, want := float64(g32[1].Data[0]), g64[1].Data[0]; math.Abs(got-want) > 1e-3*math.Abs(want) {
			t.Errorf("workers %d: y.grad = %v in float32, %v in float64", workers, got, want)
		}
	}
	// x*y with integer x and a scalar y: y.grad = Σ x exactly (below 2^24), so a
	// partial added twice or not at all shows.
	r := mustCompile(t, "x*y")
	xi := Tensor32{Shape: []int{7, 3001}, Data: make([]float32, 7*3001)}
	var sum float32
	for i := range xi.Data {
		xi.Data[i] = float32(i%7 + 1)
		sum += xi.Data[i]
	}
	for _, workers := range []int{1, 2, 3} {
		_, g, err := r.Backward32([]Tensor32{xi, {Data: []float32{2}}}, BatchOptions{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		if g[1].Data[0] != sum || g[0].Data[5] != 2 {
			t.Errorf("workers %d: y.grad %v, want %v; x.grad[5] %v, want 2", workers, g[1].Data[0], sum, g[0].Data[5])
		}
	}
	if _, _, err := q.Backward32([]Tensor32{{Shape: []int{2}, Data: []float32{1}}, toTensor32(y64)}, BatchOptions{}); err == nil ||
		!strings.Contains(err.Error(), "shape [2] holds 2 elements but the data has 1") {
		t.Errorf("ragged tensor error = %v", err)
	}
}
