package records

import (
	"strings"
	"testing"
)

// TestHoldAndDisposeInTheTransitionTable: hold, lift-hold and dispose keep the status, are
// allowed after a screen-out, and nothing but a note or an edit follows a dispose entry.
func TestHoldAndDisposeInTheTransitionTable(t *testing.T) {
	p := testProfile(t)
	c := screenedOutCase(t, p, "2023-AAAA1", Date{2023, 1, 10}, Date{2023, 1, 15})
	steps := []func() error{
		func() error { return PlaceHold(c, actOn(Date{2024, 1, 1}), "legal hold") },
		func() error { return LiftHold(c, actOn(Date{2025, 1, 1}), "") },
		func() error {
			return DisposeRecord(&Record{Case: *c}, actOn(Date{2025, 1, 15}), DefaultRetention(), "J. Registrar")
		},
	}
	for i, step := range steps {
		if err := step(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if c.Status != StatusClosed {
			t.Fatalf("step %d: status %s", i, c.Status)
		}
	}
	if c.Hold != nil {
		t.Errorf("hold not lifted: %+v", c.Hold)
	}
	h := append(c.History[:len(c.History):len(c.History)], Entry{Do: ActDispose})
	if st, err := DeriveStatus(h); err != nil || st != StatusClosed {
		t.Errorf("dispose after a screen-out: %s %v", st, err)
	}
	for _, tc := range []struct {
		do, want string
	}{
		{ActNote, ""},
		{ActEdit, ""},
		{ActHold, "hold after the file was disposed of"},
		{ActReopen, "after a screen-out"},
	} {
		h := append(append([]Entry{}, h...), Entry{Do: tc.do})
		_, err := DeriveStatus(h)
		if (err == nil) != (tc.want == "") || (err != nil && !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%s after dispose: %v, want %q", tc.do, err, tc.want)
		}
	}
	if st, err := DeriveStatus([]Entry{{Do: ActCreate}, {Do: ActDispose}}); err == nil {
		t.Errorf("dispose of an open case replayed as %s", st)
	}
}

// TestHoldOnAnOpenCase: a hold may be placed while the case is open and does not change its
// status; the hold's reason is checked for control characters like every text.
func TestHoldOnAnOpenCase(t *testing.T) {
	c := &Case{ID: "2026-AAAA1", Language: "en", Received: Date{2026, 1, 10}, Channel: "email"}
	NewCase(c, actOn(c.Received))
	if err := PlaceHold(c, actOn(Date{2026, 2, 1}), "litigation\x1b[2J"); err != nil {
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
