package vec

// Float32 transcendental kernels of the generic level widen to float64, run the float64
// kernel and round once. The float64 result is within 1 ULP (2^-52 relative), so the
// float32 result is within 0.5 + 2^-28 float32 ULP: correctly rounded except in rare
// near-halfway cases, and always within the 1 ULP bound.

// via64 adapts a float64 kernel to float32.
func via64(f func(dst, x []float64)) func(dst, x []float32) {
	return func(dst, x []float32) {
		s := getScratch[float32]()
		for len(dst) > 0 {
			n := min(len(dst), scratchLen)
			w := s.w1[:n]
			for i, v := range x[:n] {
				w[i] = float64(v)
			}
			f(w, w)
			for i, v := range w {
				dst[i] = float32(v)
			}
			dst, x = dst[n:], x[n:]
		}
		putScratch(s)
	}
}

// via64x2 adapts a two-argument float64 kernel to float32.
func via64x2(f func(dst, a, b []float64)) func(dst, a, b []float32) {
	return func(dst, a, b []float32) {
		s := getScratch[float32]()
		for len(dst) > 0 {
			n := min(len(dst), scratchLen)
			wa, wb := s.w1[:n], s.w2[:n]
			for i := range n {
				wa[i], wb[i] = float64(a[i]), float64(b[i])
			}
			f(wa, wa, wb)
			for i, v := range wa {
				dst[i] = float32(v)
			}
			dst, a, b = dst[n:], a[n:], b[n:]
		}
		putScratch(s)
	}
}

// sincosVia64 adapts a float64 sincos kernel to float32.
func sincosVia64(f func(s, c, x []float64)) func(s, c, x []float32) {
	return func(sin, cos, x []float32) {
		s := getScratch[float32]()
		for len(sin) > 0 {
			n := min(len(sin), scratchLen)
			ws, wc := s.w1[:n], s.w2[:n]
			for i := range n {
				ws[i] = float64(x[i])
			}
			f(ws, wc, ws)
			for i := range n {
				sin[i], cos[i] = float32(ws[i]), float32(wc[i])
			}
			sin, cos, x = sin[n:], cos[n:], x[n:]
		}
		putScratch(s)
	}
}
