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
	res := l.vec()
	slow := l.jumpUnlessAll(m)
	VMOVAPD(fast(), res)
	jumpLabels++
	done := fmt.Sprintf("branchdone%d", jumpLabels)
	JMP(LabelRef(done))
	Label(slow)
	VMOVAPD(general(), res)
	Label(done)
	return res
}

// jumpUnlessAll emits a jump, taken unless every lane of the float64-lane mask m is set,
// to a new label that it returns.
func (l *level) jumpUnlessAll(m mask) string {
	jumpLabels++
	name := fmt.Sprintf("notalllanes%d", jumpLabels)
	if l.wide {
		KORTESTB(m.k, m.k) // CF: all eight lanes set
		JCC(LabelRef(name))
	} else {
		bits := GP32()
		VMOVMSKPD(m.v, bits)
		CMPL(bits, U8(15))
		JNE(LabelRef(name))
	}
	return name
}
