package records

import (
	"strings"
	"testing"
)

// TestHoldOnAnOpenCase: a hold may be placed while the case is open and does not change its
// status; the hold's reason is checked for control characters like every text.
func TestHoldOnAnOpenCase(t *testing.T) {
	t.Parallel()
	c := &Case{ID: "2026-AAAA1", Language: "en", Received: Date{2026, 1, 10}, Channel: "email"}
	NewCase(c, testProfile(t), actOn(c.Received))
	if err := PlaceHold(c, testProfile(t), actOn(Date{2026, 2, 1}), "litigation\x1b[2J"); err != nil {
		t.Fatal(err)
	}
	if c.Status != StatusReceived || c.Hold.Since != (Date{2026, 2, 1}) {
		t.Errorf("%+v", c)
	}
	probs := Validate(&Record{Case: *c, Path: RecordPath(c.ID)}, testProfile(t))
	if !HasErrors(probs) || !strings.Contains(ProblemsError(probs).Error(), "hold.reason: contains a control character (U+001B)") {
		t.Errorf("got %v", probs)
	}
}
