//go:build !race

package vec

import "testing"

// raceEnabled is set under the race detector, where sync.Pool drops items on purpose
// (so allocation counts are not meaningful).
const raceEnabled = false

// skipUnderRace does nothing without the race detector (see race_on_test.go).
func skipUnderRace(*testing.T) {}
