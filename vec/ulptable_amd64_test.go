//go:build !purego

package vec

import (
	"math"
	"math/big"
	"math/rand/v2"
)

// The bigfloat source of TestULPTable: the float64 inputs and math/big references of
// TestTranscendentalAccuracyAsm and TestExtraAccuracyAsm, which live in amd64 test files.
func init() { denseSamples64 = bigfloatSample }

// bigfloatCase is one function of those tests: its inputs (drawn with their seed), Go's
// math (to leave out the special values they check exactly) and the reference.
type bigfloatCase struct {
	name   string
	seed   uint64
	math   func(float64) float64
	ref    func(float64) *big.Float
	inputs func(r *rand.Rand) []float64
}

// bigfloatCases collects the cases of both tests, with the seeds they use.
func bigfloatCases() []bigfloatCase {
	var out []bigfloatCase
	for _, tc := range transCases() {
		out = append(out, bigfloatCase{tc.name, 7, tc.math, tc.ref, tc.inputs})
	}
	for _, tc := range extraCases() {
		out = append(out, bigfloatCase{tc.name, 23, tc.math, tc.ref, tc.inputs})
	}
	return out
}

// isPole reports an infinite result of math at a small x: a pole such as log1p(-1) or
// atanh(1), where the exact result is infinite and the series of the reference would
// not end. (Overflow, the other source of infinities, needs |x| > 2 in every function.)
func isPole(x, want float64) bool { return math.IsInf(want, 0) && math.Abs(x) <= 2 }

// bigfloatSample returns the points those tests draw for the output called id, with
// their math/big references, leaving out the special values they check against Go's
// math exactly. A function both tests cover gets the points of both.
func bigfloatSample(id string) (ulpSample, bool) {
	s := ulpSample{source: "bigfloat", format: format64}
	for _, tc := range bigfloatCases() {
		if tc.name != id {
			continue
		}
		r := rand.New(rand.NewPCG(tc.seed, uint64(len(tc.name))))
		for _, x := range tc.inputs(r) {
			if math.IsNaN(x) || math.IsInf(x, 0) || isSpecialResult(x, tc.math(x)) || isPole(x, tc.math(x)) {
				continue
			}
			s.x = append(s.x, x)
			s.y = append(s.y, 0)
			s.ref = append(s.ref, refFromBig(tc.ref(x)))
		}
	}
	return s, len(s.x) > 0
}
