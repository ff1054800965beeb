//go:build !race

package vec

// raceEnabled is set under the race detector, where sync.Pool drops items on purpose
// (so allocation counts are not meaningful).
const raceEnabled = false
