// Package expr parses, builds, compiles and evaluates mathematical expressions
// with exact derivatives by forward-mode automatic differentiation.
//
// A function is written once, as text for [Parse] or in Go with [Var], [Const],
// [Add], [Sin], [Call] and the other constructors, and compiled with
// [Func.Compile] into a [Program]: a straight-line sequence of instructions in
// which common subexpressions are computed once, constant subexpressions are
// folded, sin and cos of one argument share one sincos, and a*b+c is one fused
// multiply-add. A fused multiply-add rounds once, so where the sum cancels it keeps
// the rounding error of the product: at x = -39.6725, x*abs(x) + abs(x*x) is 0 with
// every operation rounded and 9.1e-14 fused, and x^(x*abs(x) + abs(x*x)) NaN, not 1.
//
// A Program evaluates either at one point, through the dual numbers of package
// dual ([Program.Eval], [Program.Gradient], [Program.GradientTo], [Program.JVP],
// [Program.Jacobian], [Program.Hessian], [Program.Partials]), or over batches of points held in
// tensors with NumPy broadcasting, through the SIMD kernels of package vec
// ([Program.EvalBatch], [Program.Backward], [Program.JVPBatch], and into the caller's
// columns [Program.EvalColumns] and [Program.JVPColumns]; in single precision, with
// twice the SIMD lanes, on [Tensor32] and float32 columns: [Program.EvalBatch32],
// [Program.Backward32], [Program.JVPBatch32], [Program.EvalColumns32],
// [Program.JVPColumns32]). Batches run in blocks sized to stay in cache, on up to
// GOMAXPROCS goroutines (fewer for batches too small to repay waking them), without
// allocating per block. A batch too large for the caches fetches the next block's
// inputs while the current block's kernels compute (vec.Prefetcher), and writes its
// results past the caches, which would not keep them anyway.
//
// Derivatives follow package dual's conventions: a partial with respect to a
// variable an operation does not depend on is exactly zero even where the local
// derivative is infinite (NaN-safe), abs'(0) = 0, and min and max split the
// gradient evenly at a tie, as in PyTorch.
package expr
