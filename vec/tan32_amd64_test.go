//go:build !purego

package vec

import (
	"math"
	"testing"
)

// tan32MaxULP bounds the error of the float32-lane tan (vec/_asm/tan32.go): the
// sweep of all 2^32 inputs (-sweep32=Tan) measured 0.8034 ULP on both levels, at
// 2.3698325, where the final rounding takes 0.5 and the tail's roundings the rest.
const tan32MaxULP = 0.81

// TestTan32Sweep runs float32 bit patterns (all of them with -sweep32=Tan or
// -sweep32=all) through the float32 tan of each assembly level and requires every
// result within tan32MaxULP of Go's float64 math.Tan, with Go's special values; it
// logs the worst error per level.
//
//	go test ./vec/ -run TestTan32Sweep -v -args -sweep32=Tan
func TestTan32Sweep(t *testing.T) {
	tan := lanes32Case{"Tan", math.Tan, func(k *kernels) func(dst, x []float32) { return k.f32.tan }}
	sweepLanes32(t, []lanes32Case{tan}, map[string]float64{"Tan": tan32MaxULP})
}

// tan32Edges returns inputs where the float32-lane tan changes path or is hardest:
// signed zeros, subnormals, infinities, NaN, the reduction bound sin32Bound = 256 and
// trigBound = 2^20 with their neighbours, and the float32 neighbours of every multiple
// k*pi/4 below the bound (quadrant edges at odd k, poles and zeros of tan at even k).
func tan32Edges() []float32 {
	xs := []float32{0, math.SmallestNonzeroFloat32, 0x1p-126, 0x1p-100, 0x1p-12, 0.5, 1, 255, 256,
		math.Nextafter32(256, 0), math.Nextafter32(256, 512), 257, 1000, 0x1p20, math.Nextafter32(0x1p20, 0),
		math.Nextafter32(0x1p20, 0x1p21), 0x1p21, 1e30, math.MaxFloat32, float32(math.Inf(1))}
	for k := 1; float64(k)*math.Pi/4 < 260; k++ {
		c := float32(float64(k) * math.Pi / 4)
		xs = append(xs, c, math.Nextafter32(c, 0), math.Nextafter32(c, 1000))
	}
	for _, v := range xs {
		xs = append(xs, -v)
	}
	return append(xs, float32(math.NaN()))
}

// TestTan32Edges checks tan32Edges on each assembly level: within tan32MaxULP of
// Go's float64 math.Tan, and Go's special values bit for bit (tan(±0) = ±0,
// tan(±Inf) = tan(NaN) = NaN).
func TestTan32Edges(t *testing.T) {
	xs := tan32Edges()
	got := make([]float32, len(xs))
	for _, l := range asmLevels(t) {
		l.k.f32.tan(got, xs)
		for i, x := range xs {
			ref := math.Tan(float64(x))
			if e, ok := checkLanes32(got[i], ref); !ok || e > tan32MaxULP {
				t.Errorf("%s Tan(%v) = %v, want %v (float64 %v, %.3f ULP)", l.name, x, got[i], float32(ref), ref, e)
			}
		}
	}
}

// TestTan32LanesIndependent checks that a lane's result does not depend on its
// neighbours: tan32Edges mixes lanes of the float32 path, of the float64 branch and
// of the Go fallback in the same vectors, and every result must equal, bit for bit,
// that of the same input computed alone (also in place).
func TestTan32LanesIndependent(t *testing.T) {
	xs := tan32Edges()
	got, alone := make([]float32, len(xs)), make([]float32, 1)
	for _, l := range asmLevels(t) {
		l.k.f32.tan(got, xs)
		inPlace := append([]float32(nil), xs...)
		l.k.f32.tan(inPlace, inPlace)
		for i, x := range xs {
			l.k.f32.tan(alone, xs[i:i+1])
			if math.Float32bits(got[i]) != math.Float32bits(alone[0]) || math.Float32bits(inPlace[i]) != math.Float32bits(alone[0]) {
				t.Errorf("%s Tan(%v): %v in a vector, %v in place, %v alone", l.name, x, got[i], inPlace[i], alone[0])
			}
		}
	}
}
