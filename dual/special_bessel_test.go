package dual

import (
	"math"
	"testing"
)

// TestBesselOrderNReferences checks the rules of Jn and Yn, which take an int order
// and so are not methods yet, against the mpmath references: values bit for bit
// against math.Jn and math.Yn, derivatives within 4 ulps, or within 4 ulps of the size
// of the five neighbouring-order values they are formed from (near a zero of the
// derivative only absolute accuracy is meaningful).
func TestBesselOrderNReferences(t *testing.T) {
	cases := loadRefs(t, "special.txt")
	t.Run("float64", func(t *testing.T) { testBesselOrderN[float64](t, cases, 4) })
	t.Run("float32", func(t *testing.T) { testBesselOrderN[float32](t, cases, f32Bound) })
}

func testBesselOrderN[T Float](t *testing.T, cases []refCase, bound float64) {
	type rule struct {
		value func(int, float64) float64
		d     func(T, int) (T, T)
		d2    func(T, int) (T, T, T)
		d2f64 func(float64, int) (float64, float64, float64)
	}
	rules := map[string]rule{
		"jn": {math.Jn, jnD[T], jnD2[T], jnD2[float64]},
		"yn": {math.Yn, ynD[T], ynD2[T], ynD2[float64]},
	}
	worst := worstErrors{}
	seen := 0
	for _, c := range cases {
		r, ok := rules[c.Func]
		if !ok || c.Type != specialName[T]() {
			continue
		}
		seen++
		n, x := int(c.In[0]), T(c.In[1])
		v, d, dd := r.d2(x, n)
		if want := T(r.value(n, float64(x))); !sameBits(v, want) {
			t.Errorf("%s: %s(%d, %v) = %v, math gives %v", c.Pos, c.Func, n, x, v, want)
		}
		if v1, d1 := r.d(x, n); !sameBits(v1, v) || !sameBits(d1, d) {
			t.Errorf("%s: %sD(%d, %v) = %v, %v but %sD2 gives %v, %v", c.Pos, c.Func, n, x, v1, d1, c.Func, v, d)
		}
		if _, d64, dd64 := r.d2f64(float64(x), n); !sameBits(d, T(d64)) || !sameBits(dd, T(dd64)) {
			t.Errorf("%s: %s(%d, %v) derivatives are not the float64 ones rounded", c.Pos, c.Func, n, x)
		}
		scale := 0.0
		for k := n - 2; k <= n+2; k++ {
			scale += math.Abs(r.value(k, float64(x)))
		}
		if math.IsInf(scale, 0) || math.IsNaN(scale) {
			scale = 0
		}
		checkSpecialRef(t, c, "d", d, c.Out[1], bound, scale, worst)
		checkSpecialRef(t, c, "dd", dd, c.Out[2], bound, scale, worst)
	}
	if seen < 100 {
		t.Errorf("only %d reference cases for jn and yn", seen)
	}
	t.Logf("largest errors in ulps:%v", worst)
}
