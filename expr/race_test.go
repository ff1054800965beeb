//go:build race

package expr

// raceEnabled is true under the race detector, whose sync.Pool drops items on purpose.
const raceEnabled = true
