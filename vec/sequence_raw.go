package vec

import "unsafe"

// rawOp indexes a level's fused dual kernels (rawKernels).
type rawOp uint8

const (
	rawNone rawOp = iota
	rawSin
	rawCos
	rawExp
	rawLog
	rawSqrt
	rawRecip
	rawExpm1
	rawLog1p
	rawSinh
	rawCosh
	rawTanh
	rawAtan
	rawAsin
	rawAcos
	rawErf
	rawCbrt
	rawAbs
	rawExp2
	rawLog2
	rawLog10
	rawAsinh
	rawAcosh
	rawAtanh
	rawMul
	rawDiv
	rawPow
	rawMin
	rawMax
	rawAtan2
	rawHypot
	rawAdd
	rawSub
	numRawOps
)

// The fused kernels' signatures: value columns, then tangent columns, then the
// cursor of a Prefetcher (nil for none). Kernels that may leave lanes to Go (trig)
// report it with a nonzero result.
type (
	unaryAsm[T Float]  func(dv, xv []T, dd, xd [][]T, ahead *[4]uintptr) int
	binaryAsm[T Float] func(dv, av, bv []T, dd, ad, bd [][]T, ahead *[4]uintptr)
	sincosAsm[T Float] func(sv, cv, xv []T, sd, cd, xd [][]T, ahead *[4]uintptr) int
	// ternaryAsm is a fused a*b + c.
	ternaryAsm[T Float] func(dv, av, bv, cv []T, dd, ad, bd, cd [][]T, ahead *[4]uintptr)
)

// rawUnary is a fused one-input kernel and what completes the lanes it leaves to Go
// (nil where it leaves none).
type rawUnary[T Float] struct {
	asm unaryAsm[T]
	fix func(dst Dual[T])
}

// rawKernels are a level's fused dual kernels with regular stores, which a Sequence
// calls directly; rawNone and the functions the level composes stay nil.
type rawKernels[T Float] struct {
	unary  [numRawOps]rawUnary[T]
	binary [numRawOps]binaryAsm[T]
	sincos sincosAsm[T]
	fma    ternaryAsm[T]
	// The streaming variants, for outputs whose every column starts on an align-byte
	// boundary; fence orders their stores (once after all calls).
	unaryNT  [numRawOps]unaryAsm[T]
	binaryNT [numRawOps]binaryAsm[T]
	sincosNT sincosAsm[T]
	fmaNT    ternaryAsm[T]
	align    uintptr
	fence    func()
	// fixSincos completes the lanes the sincos kernels leave to Go.
	fixSincos func(s, c Dual[T])
	// tan and tanNT are the fused tan kernels, nil where the level composes tan;
	// fixTan completes the lanes they leave to Go, from the input.
	tan, tanNT unaryAsm[T]
	fixTan     func(dst Dual[T], x []T)
}

// rawTable returns the active level's fused dual kernels for T, or nil.
func rawTable[T Float]() *rawKernels[T] { return rawOf[T](current().k) }

// rawOf returns level k's fused dual kernels for T, or nil.
func rawOf[T Float](k *kernels) *rawKernels[T] {
	if unsafe.Sizeof(T(0)) == 8 {
		return (*rawKernels[T])(unsafe.Pointer(k.raw64))
	}
	return (*rawKernels[T])(unsafe.Pointer(k.raw32))
}
