package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// A branch on whole vectors: kernels whose special lanes (zeros, infinities, NaN,
// subnormals) need extra work test once per vector whether it has any, and vectors
// without them, the usual case, jump past that work. The test costs a compare or two
// and a predictable branch; data mixing special and ordinary lanes pays for both
// paths' code only where it occurs.

// jumpLabels numbers the labels of branchAll and jumpUnlessAll, unique in the file.
var jumpLabels int

// branchAll emits fast when every lane of m (a float64-lane mask) is set and general
// otherwise, and returns the result of the one that ran: a vector of ordinary lanes
// skips the work that only special lanes need. Both must give an ordinary lane the
// same bits, so that a lane's result does not depend on its neighbours.
func (l *level) branchAll(m mask, fast, general func() VecVirtual) VecVirtual {
	return l.branchAllLanes(m, false, fast, general)
}

// branchAll32 is branchAll for a float32-lane mask.
func (l *level) branchAll32(m mask, fast, general func() VecVirtual) VecVirtual {
	return l.branchAllLanes(m, true, fast, general)
}

// branchAllLanes is branchAll for float32 lanes when lanes32 is set, float64 otherwise.
func (l *level) branchAllLanes(m mask, lanes32 bool, fast, general func() VecVirtual) VecVirtual {
	res := l.vec()
	slow := l.jumpUnlessAll(m, lanes32)
	VMOVAPD(fast(), res)
	jumpLabels++
	done := fmt.Sprintf("branchdone%d", jumpLabels)
	JMP(LabelRef(done))
	Label(slow)
	VMOVAPD(general(), res)
	Label(done)
	return res
}

// jumpUnlessAll emits a jump, taken unless every lane of m is set, to a new label
// that it returns; m has float32 lanes if lanes32 is set, float64 lanes otherwise.
func (l *level) jumpUnlessAll(m mask, lanes32 bool) string {
	jumpLabels++
	name := fmt.Sprintf("notalllanes%d", jumpLabels)
	switch {
	case l.wide && lanes32:
		KORTESTW(m.k, m.k) // CF: all sixteen lanes set
		JCC(LabelRef(name))
	case l.wide:
		KORTESTB(m.k, m.k) // CF: all eight lanes set
		JCC(LabelRef(name))
	default:
		bits := GP32()
		full := 15 // four float64 lanes
		if lanes32 {
			VMOVMSKPS(m.v, bits)
			full = 255 // eight float32 lanes
		} else {
			VMOVMSKPD(m.v, bits)
		}
		CMPL(bits, U8(full))
		JNE(LabelRef(name))
	}
	return name
}
