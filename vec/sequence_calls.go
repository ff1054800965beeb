package vec

// The recording methods of Sequence: one per function of the package it can run.

// unary records a one-input dual call: the level's fused kernel op where it has one,
// else the table's function f.
func (s *Sequence[T]) unary(name string, f func(dst, x Dual[T]), op rawOp, dst, x Dual[T]) {
	checkDual(name, "dst", dst, dst)
	checkDual(name, "x", dst, x)
	st := s.next(name, len(dst.V))
	s.operands(st, 1, dst, x)
	if r := rawTable[T](); r != nil && r.unary[op].asm != nil {
		st.kind, st.rawUnary = seqRawUnary, r.unary[op]
		st.rawUnaryNT, st.stream = r.unaryNT[op], dst.Stream && r.unaryNT[op] != nil
		return
	}
	st.kind, st.unary = seqUnary, f
	s.calls = true
}

// binary records a two-input dual call (see unary).
func (s *Sequence[T]) binary(name string, f func(dst, a, b Dual[T]), op rawOp, dst, a, b Dual[T]) {
	checkDual(name, "dst", dst, dst)
	checkDual(name, "a", dst, a)
	checkDual(name, "b", dst, b)
	st := s.next(name, len(dst.V))
	s.operands(st, 1, dst, a, b)
	if r := rawTable[T](); r != nil && r.binary[op] != nil {
		st.kind, st.rawBinary = seqRawBinary, r.binary[op]
		st.rawBinaryNT, st.stream = r.binaryNT[op], dst.Stream && r.binaryNT[op] != nil
		return
	}
	st.kind, st.binary = seqBinary, f
	s.calls = true
}

// withConst records a dual call with a constant, which always calls the table's
// function.
func (s *Sequence[T]) withConst(name string, f func(dst, x Dual[T], c T), dst, x Dual[T], c T) {
	checkDual(name, "dst", dst, dst)
	checkDual(name, "x", dst, x)
	st := s.next(name, len(dst.V))
	s.operands(st, 1, dst, x)
	st.kind, st.withConst, st.k = seqConst, f, c
	s.calls = true
}

// float2 records a float call dst, a, b.
func (s *Sequence[T]) float2(name string, f func(dst, a, b []T), dst, a, b []T) {
	check3(name, dst, a, b, "a", "b")
	st := s.next(name, len(dst))
	s.floats(st, dst, a, b)
	st.kind, st.float2 = seqFloat2, f
}

// Add records [Add](dst, a, b).
func (s *Sequence[T]) Add(dst, a, b []T) { s.float2("Add", table[T]().add, dst, a, b) }

// Sub records [Sub](dst, a, b).
func (s *Sequence[T]) Sub(dst, a, b []T) { s.float2("Sub", table[T]().sub, dst, a, b) }

// Mul records [Mul](dst, a, b).
func (s *Sequence[T]) Mul(dst, a, b []T) { s.float2("Mul", table[T]().mul, dst, a, b) }

// Sincos records [Sincos](sin, cos, x).
func (s *Sequence[T]) Sincos(sin, cos, x []T) {
	check3Named("Sincos", sin, cos, x, "s", "c", "x")
	st := s.next("Sincos", len(sin))
	s.floats(st, sin, cos, x)
	st.kind, st.sincos = seqFloatSincos, table[T]().sincos
}

// Copy records copy(dst, src) for columns of the same length.
func (s *Sequence[T]) Copy(dst, src []T) {
	if len(dst) != len(src) {
		panicLen("Sequence.Copy", "dst", len(dst), "src", len(src))
	}
	st := s.next("Copy", len(dst))
	s.floats(st, dst, src)
	st.kind = seqCopy
}

// DualNeg records [DualNeg](dst, x).
func (s *Sequence[T]) DualNeg(dst, x Dual[T]) {
	if rawTable[T]() == nil {
		s.unary("DualNeg", table[T]().dualNeg, rawNone, dst, x)
		return
	}
	neg := table[T]().neg
	s.columns("DualNeg", dst, x, func(st *seqStep[T], tangent bool) { st.kind, st.float1 = seqFloat1, neg })
}

// DualSqrt records [DualSqrt](dst, x).
func (s *Sequence[T]) DualSqrt(dst, x Dual[T]) {
	s.unary("DualSqrt", table[T]().dualSqrt, rawSqrt, dst, x)
}

// DualRecip records [DualRecip](dst, x).
func (s *Sequence[T]) DualRecip(dst, x Dual[T]) {
	s.unary("DualRecip", table[T]().dualRecip, rawRecip, dst, x)
}

// DualAbs records [DualAbs](dst, x).
func (s *Sequence[T]) DualAbs(dst, x Dual[T]) { s.unary("DualAbs", table[T]().dualAbs, rawAbs, dst, x) }

// DualExp records [DualExp](dst, x).
func (s *Sequence[T]) DualExp(dst, x Dual[T]) { s.unary("DualExp", table[T]().dualExp, rawExp, dst, x) }

// DualExp2 records [DualExp2](dst, x).
func (s *Sequence[T]) DualExp2(dst, x Dual[T]) {
	s.unary("DualExp2", table[T]().dualExp2, rawExp2, dst, x)
}

// DualExpm1 records [DualExpm1](dst, x).
func (s *Sequence[T]) DualExpm1(dst, x Dual[T]) {
	s.unary("DualExpm1", table[T]().dualExpm1, rawExpm1, dst, x)
}

// DualLog records [DualLog](dst, x).
func (s *Sequence[T]) DualLog(dst, x Dual[T]) { s.unary("DualLog", table[T]().dualLog, rawLog, dst, x) }

// DualLog2 records [DualLog2](dst, x).
func (s *Sequence[T]) DualLog2(dst, x Dual[T]) {
	s.unary("DualLog2", table[T]().dualLog2, rawLog2, dst, x)
}

// DualLog10 records [DualLog10](dst, x).
func (s *Sequence[T]) DualLog10(dst, x Dual[T]) {
	s.unary("DualLog10", table[T]().dualLog10, rawLog10, dst, x)
}

// DualLog1p records [DualLog1p](dst, x).
func (s *Sequence[T]) DualLog1p(dst, x Dual[T]) {
	s.unary("DualLog1p", table[T]().dualLog1p, rawLog1p, dst, x)
}

// DualSin records [DualSin](dst, x).
func (s *Sequence[T]) DualSin(dst, x Dual[T]) { s.unary("DualSin", table[T]().dualSin, rawSin, dst, x) }

// DualCos records [DualCos](dst, x).
func (s *Sequence[T]) DualCos(dst, x Dual[T]) { s.unary("DualCos", table[T]().dualCos, rawCos, dst, x) }

// DualTan records [DualTan](dst, x).
func (s *Sequence[T]) DualTan(dst, x Dual[T]) {
	r := rawTable[T]()
	if r == nil || r.tan == nil || (len(dst.V) > 0 && len(x.V) > 0 && &dst.V[0] == &x.V[0]) {
		// In place, the lanes the kernel leaves to Go would have lost their input.
		s.unary("DualTan", table[T]().dualTan, rawNone, dst, x)
		return
	}
	checkDual("DualTan", "dst", dst, dst)
	checkDual("DualTan", "x", dst, x)
	st := s.next("DualTan", len(dst.V))
	s.operands(st, 1, dst, x)
	st.kind, st.rawUnary.asm, st.fixTan = seqRawTan, r.tan, r.fixTan
	st.rawUnaryNT, st.stream = r.tanNT, dst.Stream && r.tanNT != nil
}

// DualAsin records [DualAsin](dst, x).
func (s *Sequence[T]) DualAsin(dst, x Dual[T]) {
	s.unary("DualAsin", table[T]().dualAsin, rawAsin, dst, x)
}

// DualAcos records [DualAcos](dst, x).
func (s *Sequence[T]) DualAcos(dst, x Dual[T]) {
	s.unary("DualAcos", table[T]().dualAcos, rawAcos, dst, x)
}

// DualAtan records [DualAtan](dst, x).
func (s *Sequence[T]) DualAtan(dst, x Dual[T]) {
	s.unary("DualAtan", table[T]().dualAtan, rawAtan, dst, x)
}

// DualSinh records [DualSinh](dst, x).
func (s *Sequence[T]) DualSinh(dst, x Dual[T]) {
	s.unary("DualSinh", table[T]().dualSinh, rawSinh, dst, x)
}

// DualCosh records [DualCosh](dst, x).
func (s *Sequence[T]) DualCosh(dst, x Dual[T]) {
	s.unary("DualCosh", table[T]().dualCosh, rawCosh, dst, x)
}

// DualTanh records [DualTanh](dst, x).
func (s *Sequence[T]) DualTanh(dst, x Dual[T]) {
	s.unary("DualTanh", table[T]().dualTanh, rawTanh, dst, x)
}

// DualAsinh records [DualAsinh](dst, x).
func (s *Sequence[T]) DualAsinh(dst, x Dual[T]) {
	s.unary("DualAsinh", table[T]().dualAsinh, rawAsinh, dst, x)
}

// DualAcosh records [DualAcosh](dst, x).
func (s *Sequence[T]) DualAcosh(dst, x Dual[T]) {
	s.unary("DualAcosh", table[T]().dualAcosh, rawAcosh, dst, x)
}

// DualAtanh records [DualAtanh](dst, x).
func (s *Sequence[T]) DualAtanh(dst, x Dual[T]) {
	s.unary("DualAtanh", table[T]().dualAtanh, rawAtanh, dst, x)
}

// DualCbrt records [DualCbrt](dst, x).
func (s *Sequence[T]) DualCbrt(dst, x Dual[T]) {
	s.unary("DualCbrt", table[T]().dualCbrt, rawCbrt, dst, x)
}

// DualErf records [DualErf](dst, x).
func (s *Sequence[T]) DualErf(dst, x Dual[T]) { s.unary("DualErf", table[T]().dualErf, rawErf, dst, x) }

// DualAdd records [DualAdd](dst, a, b).
func (s *Sequence[T]) DualAdd(dst, a, b Dual[T]) {
	s.binary("DualAdd", table[T]().dualAdd, rawAdd, dst, a, b)
}

// DualSub records [DualSub](dst, a, b).
func (s *Sequence[T]) DualSub(dst, a, b Dual[T]) {
	s.binary("DualSub", table[T]().dualSub, rawSub, dst, a, b)
}

// DualMul records [DualMul](dst, a, b).
func (s *Sequence[T]) DualMul(dst, a, b Dual[T]) {
	s.binary("DualMul", table[T]().dualMul, rawMul, dst, a, b)
}

// DualDiv records [DualDiv](dst, a, b).
func (s *Sequence[T]) DualDiv(dst, a, b Dual[T]) {
	s.binary("DualDiv", table[T]().dualDiv, rawDiv, dst, a, b)
}

// DualMin records [DualMin](dst, a, b).
func (s *Sequence[T]) DualMin(dst, a, b Dual[T]) {
	s.binary("DualMin", table[T]().dualMin, rawMin, dst, a, b)
}

// DualMax records [DualMax](dst, a, b).
func (s *Sequence[T]) DualMax(dst, a, b Dual[T]) {
	s.binary("DualMax", table[T]().dualMax, rawMax, dst, a, b)
}

// DualAtan2 records [DualAtan2](dst, a, b).
func (s *Sequence[T]) DualAtan2(dst, a, b Dual[T]) {
	s.binary("DualAtan2", table[T]().dualAtan2, rawAtan2, dst, a, b)
}

// DualPow records [DualPow](dst, a, b).
func (s *Sequence[T]) DualPow(dst, a, b Dual[T]) {
	s.binary("DualPow", table[T]().dualPow, rawPow, dst, a, b)
}

// DualHypot records [DualHypot](dst, a, b).
func (s *Sequence[T]) DualHypot(dst, a, b Dual[T]) {
	s.binary("DualHypot", table[T]().dualHypot, rawHypot, dst, a, b)
}

// DualSincos records [DualSincos](sin, cos, x).
func (s *Sequence[T]) DualSincos(sin, cos, x Dual[T]) {
	checkDual("DualSincos", "s", sin, sin)
	checkDual("DualSincos", "c", sin, cos)
	checkDual("DualSincos", "x", sin, x)
	st := s.next("DualSincos", len(sin.V))
	s.operands(st, 2, sin, cos, x)
	if r := rawTable[T](); r != nil && r.sincos != nil {
		st.kind, st.rawSincos, st.fixSincos = seqRawSincos, r.sincos, r.fixSincos
		st.rawSincosNT, st.stream = r.sincosNT, sin.Stream && cos.Stream && r.sincosNT != nil
		return
	}
	st.kind, st.dualSc = seqSincos, table[T]().dualSincos
	s.calls = true
}

// DualScale records [DualScale](dst, x, c).
func (s *Sequence[T]) DualScale(dst, x Dual[T], c T) {
	if rawTable[T]() == nil || !isFinite(c) { // DualScale keeps zero tangents zero then
		s.withConst("DualScale", table[T]().dualScale, dst, x, c)
		return
	}
	scale := table[T]().scale
	s.columns("DualScale", dst, x, func(st *seqStep[T], tangent bool) {
		st.kind, st.floatConst, st.k = seqFloatConst, scale, c
	})
}

// DualAddScalar records [DualAddScalar](dst, x, c).
func (s *Sequence[T]) DualAddScalar(dst, x Dual[T], c T) {
	if rawTable[T]() == nil {
		s.withConst("DualAddScalar", table[T]().dualAddScalar, dst, x, c)
		return
	}
	add := table[T]().addScalar
	s.columns("DualAddScalar", dst, x, func(st *seqStep[T], tangent bool) {
		if st.kind = seqCopy; !tangent {
			st.kind, st.floatConst, st.k = seqFloatConst, add, c
		}
	})
}

// columns records a dual call that is a float kernel call per column (values, then
// each tangent column of dst from the same of x), as one step per column, where the
// level's kernels are called directly: set makes each step's call.
func (s *Sequence[T]) columns(name string, dst, x Dual[T], set func(st *seqStep[T], tangent bool)) {
	checkDual(name, "dst", dst, dst)
	checkDual(name, "x", dst, x)
	st := s.next(name, len(dst.V))
	s.floats(st, dst.V, x.V)
	set(st, false)
	for k := range dst.D {
		st := s.step(name, len(dst.V))
		s.floats(st, dst.D[k], x.D[k])
		set(st, true)
	}
}

// DualFMA records [DualFMA](dst, a, b, c).
func (s *Sequence[T]) DualFMA(dst, a, b, c Dual[T]) {
	checkDual("DualFMA", "dst", dst, dst)
	checkDual("DualFMA", "a", dst, a)
	checkDual("DualFMA", "b", dst, b)
	checkDual("DualFMA", "c", dst, c)
	st := s.next("DualFMA", len(dst.V))
	s.operands(st, 1, dst, a, b, c)
	if r := rawTable[T](); r != nil && r.fma != nil {
		st.kind, st.rawTernary = seqRawTernary, r.fma
		st.rawTernaryNT, st.stream = r.fmaNT, dst.Stream && r.fmaNT != nil
		return
	}
	st.kind, st.ternary = seqTernary, table[T]().dualFMA
	s.calls = true
}
