package main

import (
	"fmt"
	"math"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
)

// constPool emits each distinct 64-bit constant once, replicated over 64 bytes so it
// can be used directly as a full-width memory operand by either level.
var constPool = map[uint64]Mem{}

// isConst reports whether op is a constant from the pool.
func isConst(op Op) bool {
	m, ok := op.(Mem)
	if !ok {
		return false
	}
	for _, c := range constPool {
		if c.Symbol == m.Symbol {
			return true
		}
	}
	return false
}

// c64 returns a vector memory operand holding the float64 v in every lane.
func c64(v float64) Mem { return cbits(math.Float64bits(v)) }

// cbits returns a vector memory operand holding the 64-bit pattern b in every lane.
func cbits(b uint64) Mem {
	if m, ok := constPool[b]; ok {
		return m
	}
	m := GLOBL(fmt.Sprintf("c%016x", b), RODATA|NOPTR)
	for i := 0; i < 8; i++ {
		DATA(8*i, U64(b))
	}
	constPool[b] = m
	return m
}

// c32 returns a vector memory operand holding the float32 v in every lane.
func c32(v float32) Mem {
	b := uint64(math.Float32bits(v))
	return cbits(b<<32 | b)
}

// cbits32 returns a vector memory operand holding the 32-bit pattern b in every lane.
func cbits32(b uint32) Mem { return cbits(uint64(b)<<32 | uint64(b)) }
