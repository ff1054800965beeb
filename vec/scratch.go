package vec

import (
	"sync"
	"unsafe"
)

// Kernels that need temporary columns (dual kernels, float32 widening) take them from
// pools rather than the stack: a stack array handed to a kernel through a func value
// escapes, which would allocate on every call.

// scratchLen is the number of elements processed per chunk.
const scratchLen = 256

// scratch holds the temporary columns of one kernel call.
type scratch[T Float] struct {
	v, d, e [scratchLen]T
	w1, w2  [scratchLen]float64 // float64 widening buffers for float32 kernels
}

var (
	scratch64 = sync.Pool{New: func() any { return new(scratch[float64]) }}
	scratch32 = sync.Pool{New: func() any { return new(scratch[float32]) }}
)

// getScratch takes a scratch buffer for T from its pool. Types with the same size share
// a pool: the layouts are identical.
func getScratch[T Float]() *scratch[T] {
	var zero T
	if unsafe.Sizeof(zero) == 8 {
		return (*scratch[T])(unsafe.Pointer(scratch64.Get().(*scratch[float64])))
	}
	return (*scratch[T])(unsafe.Pointer(scratch32.Get().(*scratch[float32])))
}

// putScratch returns a buffer taken with getScratch.
func putScratch[T Float](s *scratch[T]) {
	var zero T
	if unsafe.Sizeof(zero) == 8 {
		scratch64.Put((*scratch[float64])(unsafe.Pointer(s)))
		return
	}
	scratch32.Put((*scratch[float32])(unsafe.Pointer(s)))
}
