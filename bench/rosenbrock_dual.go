package bench

import (
	"fmt"

	"github.com/dualgrad/dualgrad/dual"
)

// rosenbrockChunk is the number of partials each evaluation of f carries in
// dual.GradientTo: 8, the chunk of the Ceres peer (Jet<double, 8>), so that the two
// compare like for like. 16 partials are 1.4-1.7x faster at 1000 inputs, where each
// pass repeats the constant terms, and slower at 10 (see dual.Jet).
const rosenbrockChunk = 8

// chunkPartials is the partials array of the Jet the dual Rosenbrock gradient uses.
type chunkPartials = [rosenbrockChunk]float64

// chunkJet is the many-partials dual number the dual Rosenbrock gradient uses.
type chunkJet = dual.Jet[float64, chunkPartials]

// RosenbrockJet is the Rosenbrock function written once over dualgrad's Jet, as a user
// would write it for dual.Gradient.
func RosenbrockJet(x []chunkJet) chunkJet {
	var f chunkJet
	for i := 0; i+1 < len(x); i++ {
		a := x[i+1].Sub(x[i].Mul(x[i]))
		b := x[i].ConstSub(1)
		f = f.Add(a.Mul(a).Scale(100).Add(b.Mul(b)))
	}
	return f
}

// DualGradient is a reusable workspace for the Rosenbrock gradient with dualgrad.
type DualGradient struct {
	ws dual.Workspace[float64, chunkPartials]
}

// Rosenbrock returns f(x) and writes its gradient into grad with dual.GradientTo, in
// chunks of rosenbrockChunk partials per evaluation of f. Once the workspace has
// grown it does not allocate. It panics if len(grad) != len(x).
func (g *DualGradient) Rosenbrock(grad, x []float64) float64 {
	if len(grad) != len(x) {
		panic(fmt.Sprintf("bench: DualGradient.Rosenbrock: len(grad) = %d, len(x) = %d", len(grad), len(x)))
	}
	return dual.GradientTo(grad, RosenbrockJet, x, &g.ws)
}
