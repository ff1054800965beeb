package expr

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// findInstr returns the index of the first instruction of p with opcode op and first
// operand register a (any operand if a < 0).
func findInstr(t *testing.T, p *Program, op opcode, a int32) int {
	t.Helper()
	for i, in := range p.instrs {
		if in.op == op && (a < 0 || in.a == a) {
			return i
		}
	}
	t.Fatalf("no %s instruction with operand %d in\n%s", instrName(op), a, p)
	return -1
}

// TestSparsityPlanSeedFunction checks the plan of the seed's f = sin(xy)/sin(x)
// against the calculus: x has tangent (1, 0) and y (0, 1), so the tangents of x*y
// are the values (y, x), sin(x) has no y column, and the rest is dense.
func TestSparsityPlanSeedFunction(t *testing.T) {
	p := mustCompile(t, "sin(x*y)/sin(x)", "x", "y")
	const x, y = 0, 1

	plan := p.sparsity(p.inputs, 2)
	if plan == nil {
		t.Fatal("no plan for sin(x*y)/sin(x), want known columns")
	}
	mul := plan.steps[findInstr(t, p, opMul, -1)]
	wantCopies := []valueCopy{{k: 0, from: y}, {k: 1, from: x}}
	if !slices.Equal(mul.copies, wantCopies) || len(mul.general) != 0 {
		t.Errorf("x*y: copies %v general %v, want copies %v and nothing computed", mul.copies, mul.general, wantCopies)
	}
	sinX := plan.steps[findInstr(t, p, opSin, x)]
	if !slices.Equal(sinX.kinds, []tanKind{tanGeneral, tanZero}) || !slices.Equal(sinX.general, []int{0}) {
		t.Errorf("sin(x): kinds %v general %v, want [general zero] computing column 0 only", sinX.kinds, sinX.general)
	}
	if div := plan.steps[findInstr(t, p, opDiv, -1)]; !div.dense {
		t.Errorf("the quotient depends on x and y, want both columns computed: %+v", div)
	}
	if again := p.sparsity(p.inputs, 2); again != plan {
		t.Error("the plan of the usual seeding is recomputed, want it cached")
	}

	// With respect to y only: sin(x) needs no tangent at all, x*y's is x's value.
	onlyY := p.sparsity([]int{-1, 0}, 1)
	if s := onlyY.steps[findInstr(t, p, opSin, x)]; !slices.Equal(s.kinds, []tanKind{tanZero}) {
		t.Errorf("sin(x) wrt y: kinds %v, want [zero]", s.kinds)
	}
	if m := onlyY.steps[findInstr(t, p, opMul, -1)]; !slices.Equal(m.copies, []valueCopy{{k: 0, from: x}}) {
		t.Errorf("x*y wrt y: copies %v, want column 0 = x", m.copies)
	}
}

// TestSparsityPlanKinds checks the rules that keep ones and zeros known.
func TestSparsityPlanKinds(t *testing.T) {
	for _, tc := range []struct {
		src  string
		op   opcode
		want []tanKind // the result columns with respect to x, y
	}{
		{"(x + y) * 3", opAdd, []tanKind{tanOne, tanOne}}, // 1 + 0 and 0 + 1
		{"(x + 5) * y", opAddConst, []tanKind{tanOne, tanZero}},
		{"(x - 5) * y", opAddConst, []tanKind{tanOne, tanZero}},
		{"(x - y) * 3", opSub, []tanKind{tanOne, tanGeneral}}, // 1 - 0 and 0 - 1
		{"exp(x) * y", opExp, []tanKind{tanGeneral, tanZero}},
		{"x * x * y", opMul, []tanKind{tanGeneral, tanZero}}, // x*x: 2x, not a copy
		{"(5 - x) * y", opConstSub, []tanKind{tanGeneral, tanZero}},
	} {
		p := mustCompile(t, tc.src, "x", "y")
		plan := p.sparsity(p.inputs, 2)
		if plan == nil {
			t.Errorf("%s: no plan", tc.src)
			continue
		}
		if got := plan.steps[findInstr(t, p, tc.op, 0)].kinds; !slices.Equal(got, tc.want) {
			t.Errorf("%s: %s has kinds %v, want %v", tc.src, instrName(tc.op), got, tc.want)
		}
	}
	// The x*x product differs from a seed copy: its columns are computed.
	p := mustCompile(t, "x * x * y", "x", "y")
	if st := p.sparsity(p.inputs, 2).steps[findInstr(t, p, opMul, 0)]; len(st.copies) != 0 {
		t.Errorf("x*x copies %v, want none", st.copies)
	}
}

// TestSparsityPlanNoneWhenDense checks that a program whose columns are all computed
// gets no plan, so it runs the unchanged dense path.
func TestSparsityPlanNoneWhenDense(t *testing.T) {
	p := mustCompile(t, "sin(x + y)", "x", "y")
	if plan := p.sparsity(p.inputs, 2); plan == nil {
		t.Error("sin(x + y): no plan, want one: the sum's tangent columns are known ones")
	}
	p = mustCompile(t, "exp(x)", "x")
	if plan := p.sparsity(p.inputs, 1); plan != nil {
		t.Errorf("exp(x) wrt x computes every column, got a plan %+v", plan.steps)
	}
}

// TestEvalColumnsWritesKnownColumns checks that results whose tangent columns the
// plan knows (zeros, ones, copies of an input) are written into the caller's
// slices, which start out as NaN, and agree with point evaluation.
func TestEvalColumnsWritesKnownColumns(t *testing.T) {
	p := mustCompile(t, "sin(x); x*y; x + 1; y - 2; sin(x*y)/sin(x); x*3", "x", "y")
	const n = 5003 // several blocks, the last one partial
	rng := rand.New(rand.NewPCG(21, 22))
	// x away from 0, where the quotient's partials cancel and magnify vec's ulps.
	cols := [][]float64{randomTensor(rng, []int{n}, 0.5, 2).Data, randomTensor(rng, []int{n}, -2, 2).Data}
	forEachKernelSet(t, func(t *testing.T) {
		for _, tc := range []struct {
			workers int
			wrt     []int
		}{{1, nil}, {2, nil}, {1, []int{1}}, {2, []int{1, 0}}} {
			values := make([][]float64, p.NumOut())
			partials := make([][][]float64, p.NumOut())
			for o := range values {
				values[o] = nanColumn(n)
				ncols := len(tc.wrt)
				if tc.wrt == nil {
					ncols = len(cols)
				}
				for range ncols {
					partials[o] = append(partials[o], nanColumn(n))
				}
			}
			if err := p.EvalColumns(cols, values, partials, BatchOptions{Workers: tc.workers, Wrt: tc.wrt}); err != nil {
				t.Fatal(err)
			}
			for i := range n {
				x := []float64{cols[0][i], cols[1][i]}
				v, jac := p.Partials(x, tc.wrt)
				for o := range v {
					if !agree(values[o][i], v[o]) {
						t.Fatalf("workers %d wrt %v: %v at %v: value %v, point %v", tc.workers, tc.wrt, p.outSrc[o], x, values[o][i], v[o])
					}
					for k := range jac[o] {
						if !agree(partials[o][k][i], jac[o][k]) {
							t.Fatalf("workers %d wrt %v: %v at %v: partial %d = %v, point %v",
								tc.workers, tc.wrt, p.outSrc[o], x, k, partials[o][k][i], jac[o][k])
						}
					}
				}
			}
		}
	})
}

func nanColumn(n int) []float64 {
	c := make([]float64, n)
	for i := range c {
		c[i] = math.NaN()
	}
	return c
}

// TestSparseMatchesDense checks that skipping known columns changes no result: the
// partials EvalBatch computes with the plan equal, bit for bit up to the sign of
// zero, the directional derivatives JVPBatch computes along each input's axis, which
// run every kernel over dense tangent columns of ones and zeros.
func TestSparseMatchesDense(t *testing.T) {
	forEachKernelSet(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(23, 24))
		for _, src := range append([]string{"sin(x*y)/sin(x)", "sin(x); x*y; x + 1; y - 2"}, compositeCases...) {
			p := mustCompile(t, src)
			inputs := make([]Tensor, len(p.Vars()))
			for i := range inputs {
				inputs[i] = randomTensor(rng, []int{1500}, -2, 2)
			}
			values, partials, err := p.EvalBatch(inputs, BatchOptions{})
			if err != nil {
				t.Fatal(err)
			}
			for j := range inputs {
				axis := make([]Tensor, len(inputs))
				for i := range axis {
					axis[i] = Scalar(0)
				}
				axis[j] = Scalar(1)
				dense, jvps, err := p.JVPBatch(inputs, axis, BatchOptions{})
				if err != nil {
					t.Fatal(err)
				}
				for o := range jvps {
					for i, want := range jvps[o].Data {
						if got := partials[o][j].Data[i]; !same(got, want) || !same(values[o].Data[i], dense[o].Data[i]) {
							t.Fatalf("%s: output %d at point %d: sparse value %v partial %d %v, dense %v %v",
								src, o, i, values[o].Data[i], j, got, dense[o].Data[i], want)
						}
					}
				}
			}
		}
	})
}
