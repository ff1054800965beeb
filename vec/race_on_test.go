//go:build race

package vec

import "testing"

// raceEnabled is set under the race detector, where sync.Pool drops items on purpose
// (so allocation counts are not meaningful).
const raceEnabled = true

// skipUnderRace skips a test that checks numbers on one goroutine: the race detector
// has nothing to find in it, and under it the test takes minutes. The plain go test
// run and every level's run in .ci/run still run it.
func skipUnderRace(t *testing.T) {
	t.Helper()
	t.Skip("numeric checks on one goroutine: nothing for the race detector (run without -race)")
}
