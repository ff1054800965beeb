package vec

import (
	"slices"
	"testing"
)

// TestPrefetchChangesNothing runs Prefetch at every level over every length 0..300
// from every start within a cache line, and over nil and the whole slice, for both
// float types: it must return (the amd64 loop ends on the last line of x, whatever
// its alignment) and leave every value as it was.
func TestPrefetchChangesNothing(t *testing.T) {
	forEachLevel(t, func(t *testing.T) {
		testPrefetch[float64](t)
		testPrefetch[float32](t)
	})
}

// testPrefetch runs Prefetch over every length and start as TestPrefetchChangesNothing
// describes.
func testPrefetch[T Float](t *testing.T) {
	x := make([]T, 400)
	for i := range x {
		x[i] = T(i) - 0.5
	}
	want := slices.Clone(x)
	Prefetch[T](nil)
	Prefetch(x)
	for start := range 16 {
		for n := 0; start+n <= 300; n++ {
			Prefetch(x[start : start+n])
		}
	}
	if !slices.Equal(x, want) {
		t.Fatalf("Prefetch changed its %T input", x[0])
	}
}
