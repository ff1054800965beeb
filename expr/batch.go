package expr

import (
	"errors"
	"fmt"
	"slices"

	"github.com/dualgrad/dualgrad/vec"
)

// BatchOptions controls batch evaluation.
type BatchOptions struct {
	// Workers is the number of goroutines, at most one per block of points: 0 means
	// up to runtime.GOMAXPROCS(0), as many as the batch keeps busy (waking a thread
	// costs tens of microseconds, so small batches run on the calling goroutine alone);
	// 1 evaluates on the calling goroutine.
	Workers int
	// Wrt lists the inputs (indices into Vars) to differentiate with respect to;
	// nil means all of them. An empty non-nil slice computes values only.
	Wrt []int
}

// resolveWrt validates opt.Wrt, defaulting to all inputs.
func (p *Program) resolveWrt(wrt []int) ([]int, error) {
	if wrt == nil {
		wrt = make([]int, len(p.vars))
		for i := range wrt {
			wrt[i] = i
		}
		return wrt, nil
	}
	seen := map[int]bool{}
	for _, w := range wrt {
		if w < 0 || w >= len(p.vars) {
			return nil, fmt.Errorf("expr: wrt index %d out of range: the program has %d inputs %v", w, len(p.vars), p.vars)
		}
		if seen[w] {
			return nil, fmt.Errorf("expr: wrt lists input %d (%s) twice", w, p.vars[w])
		}
		seen[w] = true
	}
	return wrt, nil
}

// prepare validates the inputs and options and fills the parts of a batch common
// to all tensor evaluations.
func prepare[T vec.Float](p *Program, inputs []TensorOf[T], opt BatchOptions) (*batch[T], error) {
	if opt.Workers < 0 {
		return nil, fmt.Errorf("expr: BatchOptions.Workers is %d, want >= 0", opt.Workers)
	}
	if len(inputs) != len(p.vars) {
		return nil, fmt.Errorf("expr: got %d input tensors, want %d (%v)", len(inputs), len(p.vars), p.vars)
	}
	shapes := make([][]int, len(inputs))
	for i, t := range inputs {
		if err := t.validate(fmt.Sprintf("input %s", p.vars[i])); err != nil {
			return nil, err
		}
		shapes[i] = t.Shape
	}
	shape, err := Broadcast(shapes...)
	if err != nil {
		return nil, err
	}
	n, _ := numElements(shape)
	b := &batch[T]{p: p, n: n, shape: shape, inData: make([][]T, len(inputs)), inMap: make([]bcastMap, len(inputs))}
	for i, t := range inputs {
		b.inData[i] = t.Data
		b.inMap[i] = newBcastMap(t.Shape, shape)
	}
	return b, nil
}

// seedWrt sets up tangent column k to be the derivative with respect to input wrt[k].
func (b *batch[T]) seedWrt(wrt []int) {
	b.ntan = len(wrt)
	if len(wrt) == 0 || slices.Equal(wrt, b.p.inputs) {
		b.seed = b.p.inputs // input i seeds column i; no allocation
		return
	}
	b.seed = make([]int, len(b.inData))
	for i := range b.seed {
		b.seed[i] = -1
	}
	for k, w := range wrt {
		b.seed[w] = k
	}
}

// newTensors returns count zero tensors of the given shape and n elements, and their
// data slices.
func newTensors[T vec.Float](shape []int, n, count int) ([]TensorOf[T], [][]T) {
	ts := make([]TensorOf[T], count)
	flat := make([][]T, count)
	for i := range ts {
		ts[i] = TensorOf[T]{Shape: append([]int{}, shape...), Data: make([]T, n)}
		flat[i] = ts[i].Data
	}
	return ts, flat
}

// EvalBatch evaluates the program at every point of the broadcast batch of inputs
// (one tensor per input, in the order of Vars). values[i] holds output i and
// partials[i][k] its partial derivative with respect to input opt.Wrt[k] (all inputs
// if opt.Wrt is nil), each with the broadcast shape.
func (p *Program) EvalBatch(inputs []Tensor, opt BatchOptions) (values []Tensor, partials [][]Tensor, err error) {
	return evalBatch(p, inputs, opt)
}

// EvalBatch32 is EvalBatch in single precision: see EvalColumns32.
func (p *Program) EvalBatch32(inputs []Tensor32, opt BatchOptions) (values []Tensor32, partials [][]Tensor32, err error) {
	return evalBatch(p, inputs, opt)
}

func evalBatch[T vec.Float](p *Program, inputs []TensorOf[T], opt BatchOptions) (values []TensorOf[T], partials [][]TensorOf[T], err error) {
	b, err := prepare(p, inputs, opt)
	if err != nil {
		return nil, nil, err
	}
	wrt, err := p.resolveWrt(opt.Wrt)
	if err != nil {
		return nil, nil, err
	}
	b.seedWrt(wrt)
	values, b.values = newTensors[T](b.shape, b.n, len(p.outputs))
	partials = make([][]TensorOf[T], len(p.outputs))
	b.partials = make([][][]T, len(p.outputs))
	for i := range partials {
		partials[i], b.partials[i] = newTensors[T](b.shape, b.n, len(wrt))
	}
	b.run(opt.Workers)
	return values, partials, nil
}

// Backward returns what PyTorch's f.sum().backward() computes for a program with one
// output: the output tensor, and for each input opt.Wrt[k] (all inputs if nil) the
// gradient of the sum of all output elements, shaped like that input. Where an
// input was broadcast, its gradient sums the partials over the broadcast dimensions.
func (p *Program) Backward(inputs []Tensor, opt BatchOptions) (value Tensor, grads []Tensor, err error) {
	return backward(p, inputs, opt)
}

// Backward32 is Backward in single precision: see EvalColumns32. Gradients of
// broadcast inputs are sums of float32 partials, added in float32 in a fixed order.
func (p *Program) Backward32(inputs []Tensor32, opt BatchOptions) (value Tensor32, grads []Tensor32, err error) {
	return backward(p, inputs, opt)
}

func backward[T vec.Float](p *Program, inputs []TensorOf[T], opt BatchOptions) (value TensorOf[T], grads []TensorOf[T], err error) {
	if len(p.outputs) != 1 {
		return TensorOf[T]{}, nil, fmt.Errorf("expr: Backward needs a program with one output, this one has %d", len(p.outputs))
	}
	b, err := prepare(p, inputs, opt)
	if err != nil {
		return TensorOf[T]{}, nil, err
	}
	wrt, err := p.resolveWrt(opt.Wrt)
	if err != nil {
		return TensorOf[T]{}, nil, err
	}
	b.seedWrt(wrt)
	b.wrt = wrt
	vals, flat := newTensors[T](b.shape, b.n, 1)
	b.values = flat
	grads = make([]TensorOf[T], len(wrt))
	b.grads = make([][]T, len(wrt))
	for k, w := range wrt {
		grads[k] = TensorOf[T]{Shape: append([]int{}, inputs[w].Shape...), Data: make([]T, len(inputs[w].Data))}
		b.grads[k] = grads[k].Data
	}
	b.run(opt.Workers)
	return vals[0], grads, nil
}

// JVPBatch evaluates the program and its Jacobian-vector product at every point of
// the broadcast batch: tangents[j] gives the direction's component along input j at
// each point and must broadcast to the batch shape. jvps[i] holds the directional
// derivative of output i. opt.Wrt must be nil.
func (p *Program) JVPBatch(inputs, tangents []Tensor, opt BatchOptions) (values, jvps []Tensor, err error) {
	return jvpBatch(p, inputs, tangents, opt)
}

// JVPBatch32 is JVPBatch in single precision: see EvalColumns32.
func (p *Program) JVPBatch32(inputs, tangents []Tensor32, opt BatchOptions) (values, jvps []Tensor32, err error) {
	return jvpBatch(p, inputs, tangents, opt)
}

func jvpBatch[T vec.Float](p *Program, inputs, tangents []TensorOf[T], opt BatchOptions) (values, jvps []TensorOf[T], err error) {
	if opt.Wrt != nil {
		return nil, nil, errors.New("expr: JVPBatch takes its direction from tangents; BatchOptions.Wrt must be nil")
	}
	b, err := prepare(p, inputs, opt)
	if err != nil {
		return nil, nil, err
	}
	if len(tangents) != len(inputs) {
		return nil, nil, fmt.Errorf("expr: got %d tangent tensors for %d inputs", len(tangents), len(inputs))
	}
	b.ntan = 1
	b.tanData = make([][]T, len(tangents))
	b.tanMap = make([]bcastMap, len(tangents))
	for j, t := range tangents {
		if err := t.validate(fmt.Sprintf("tangent of %s", p.vars[j])); err != nil {
			return nil, nil, err
		}
		if !broadcastsTo(t.Shape, b.shape) {
			return nil, nil, fmt.Errorf("expr: tangent of %s has shape %v, which does not broadcast to the batch shape %v",
				p.vars[j], t.Shape, b.shape)
		}
		b.tanData[j] = t.Data
		b.tanMap[j] = newBcastMap(t.Shape, b.shape)
	}
	values, b.values = newTensors[T](b.shape, b.n, len(p.outputs))
	var flat [][]T
	jvps, flat = newTensors[T](b.shape, b.n, len(p.outputs))
	b.partials = make([][][]T, len(p.outputs))
	for i := range flat {
		b.partials[i] = [][]T{flat[i]}
	}
	b.run(opt.Workers)
	return values, jvps, nil
}

// EvalColumns evaluates the program at n points given as one column per input
// (cols[j][pt], all of length n), writing values[i][pt] and, unless partials is nil,
// partials[i][k][pt] = ∂f_i/∂x_{opt.Wrt[k]} (all inputs if opt.Wrt is nil) into the
// caller's slices, which must have length n. It allocates nothing in steady state,
// which suits streaming evaluation of a large file in chunks.
func (p *Program) EvalColumns(cols [][]float64, values [][]float64, partials [][][]float64, opt BatchOptions) error {
	return evalColumns(p, cols, values, partials, opt)
}

// EvalColumns32 is EvalColumns in single precision: every operation rounds to
// float32, with package vec's float32 kernels (twice as many lanes per SIMD
// register as float64, each function within vec's float32 error bound), and
// constants are rounded to float32 where they are used. Values and partials agree
// with EvalColumns to float32 accuracy wherever the function is well conditioned.
func (p *Program) EvalColumns32(cols [][]float32, values [][]float32, partials [][][]float32, opt BatchOptions) error {
	return evalColumns(p, cols, values, partials, opt)
}

// checkColumns validates the input and value columns of EvalColumns and JVPColumns
// and returns the number of points.
func checkColumns[T vec.Float](p *Program, cols, values [][]T, opt BatchOptions) (n int, err error) {
	if opt.Workers < 0 {
		return 0, fmt.Errorf("expr: BatchOptions.Workers is %d, want >= 0", opt.Workers)
	}
	if len(cols) != len(p.vars) {
		return 0, fmt.Errorf("expr: got %d input columns, want %d (%v)", len(cols), len(p.vars), p.vars)
	}
	if len(cols) > 0 {
		n = len(cols[0])
	}
	for j, c := range cols {
		if len(c) != n {
			return 0, fmt.Errorf("expr: column %s has %d values but column %s has %d", p.vars[j], len(c), p.vars[0], n)
		}
	}
	if err := checkOutputColumns("value", values, len(p.outputs), n); err != nil {
		return 0, err
	}
	return n, nil
}

// checkOutputColumns checks that there is one column of length n per output.
func checkOutputColumns[T vec.Float](what string, cols [][]T, outputs, n int) error {
	if len(cols) != outputs {
		return fmt.Errorf("expr: got %d %s columns, want %d (one per output)", len(cols), what, outputs)
	}
	for i, c := range cols {
		if len(c) != n {
			return fmt.Errorf("expr: %s column %d has length %d, want %d", what, i, len(c), n)
		}
	}
	return nil
}

func evalColumns[T vec.Float](p *Program, cols [][]T, values [][]T, partials [][][]T, opt BatchOptions) error {
	n, err := checkColumns(p, cols, values, opt)
	if err != nil {
		return err
	}
	b := &batch[T]{p: p, n: n, inData: cols, values: values, inMap: p.colMaps}
	if partials != nil {
		wrt := opt.Wrt
		if wrt == nil {
			wrt = p.inputs
		} else if _, err := p.resolveWrt(wrt); err != nil {
			return err
		}
		if len(partials) != len(p.outputs) {
			return fmt.Errorf("expr: got partials for %d outputs, want %d", len(partials), len(p.outputs))
		}
		for i, pi := range partials {
			if len(pi) != len(wrt) {
				return fmt.Errorf("expr: partials[%d] has %d columns, want %d (one per wrt input)", i, len(pi), len(wrt))
			}
			for k, c := range pi {
				if len(c) != n {
					return fmt.Errorf("expr: partials[%d][%d] has length %d, want %d", i, k, len(c), n)
				}
			}
		}
		b.partials = partials
		b.seedWrt(wrt)
	}
	b.run(opt.Workers)
	return nil
}

// JVPColumns evaluates the program and its Jacobian-vector product at n points given
// as columns, as EvalColumns does for partials: tangents[j][pt] is the direction's
// component along input j at point pt, and values[i][pt] and jvps[i][pt] (the
// directional derivative of output i) go into the caller's slices. Every column has
// length n and opt.Wrt must be nil. Apart from one slice header per output, it
// allocates nothing in steady state on one goroutine.
func (p *Program) JVPColumns(cols, tangents, values, jvps [][]float64, opt BatchOptions) error {
	return jvpColumns(p, cols, tangents, values, jvps, opt)
}

// JVPColumns32 is JVPColumns in single precision: see EvalColumns32.
func (p *Program) JVPColumns32(cols, tangents, values, jvps [][]float32, opt BatchOptions) error {
	return jvpColumns(p, cols, tangents, values, jvps, opt)
}

func jvpColumns[T vec.Float](p *Program, cols, tangents, values, jvps [][]T, opt BatchOptions) error {
	if opt.Wrt != nil {
		return errors.New("expr: JVPColumns takes its direction from tangents; BatchOptions.Wrt must be nil")
	}
	n, err := checkColumns(p, cols, values, opt)
	if err != nil {
		return err
	}
	if len(tangents) != len(p.vars) {
		return fmt.Errorf("expr: got %d tangent columns, want %d (%v)", len(tangents), len(p.vars), p.vars)
	}
	for j, c := range tangents {
		if len(c) != n {
			return fmt.Errorf("expr: tangent column of %s has length %d, want %d", p.vars[j], len(c), n)
		}
	}
	if err := checkOutputColumns("jvp", jvps, len(p.outputs), n); err != nil {
		return err
	}
	b := &batch[T]{p: p, n: n, inData: cols, values: values, inMap: p.colMaps,
		ntan: 1, tanData: tangents, tanMap: p.colMaps, partials: make([][][]T, len(jvps))}
	for i := range jvps {
		b.partials[i] = jvps[i : i+1] // the one tangent column of output i
	}
	b.run(opt.Workers)
	return nil
}
