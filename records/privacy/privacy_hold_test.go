package privacy

import (
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/internal/rectest"
)

// TestHoldAndDisposeInTheTransitionTable: hold, lift-hold and dispose keep the status, are
// allowed after a screen-out, and nothing but a note or an edit follows a dispose entry.
func TestHoldAndDisposeInTheTransitionTable(t *testing.T) {
	p := rectest.Profile(t)
	c := rectest.ScreenedOutCase(t, p, "2023-AAAA1", records.Date{Year: 2023, Month: 1, Day: 10}, records.Date{Year: 2023, Month: 1, Day: 15})
	steps := []func() error{
		func() error {
			return records.PlaceHold(c, rectest.Profile(t), rectest.ActOn(records.Date{Year: 2024, Month: 1, Day: 1}), "legal hold")
		},
		func() error {
			return records.LiftHold(c, rectest.Profile(t), rectest.ActOn(records.Date{Year: 2025, Month: 1, Day: 1}), "")
		},
		func() error {
			return DisposeRecord(&records.Record{Case: *c}, rectest.Profile(t), rectest.ActOn(records.Date{Year: 2025, Month: 1, Day: 15}), DefaultRetention(), "J. Registrar")
		},
	}
	for i, step := range steps {
		if err := step(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		if c.Status != records.StatusClosed {
			t.Fatalf("step %d: status %s", i, c.Status)
		}
	}
	if c.Hold != nil {
		t.Errorf("hold not lifted: %+v", c.Hold)
	}
	h := append(c.History[:len(c.History):len(c.History)], records.Entry{Do: records.ActDispose})
	if st, err := rectest.Profile(t).DeriveStatus(h); err != nil || st != records.StatusClosed {
		t.Errorf("dispose after a screen-out: %s %v", st, err)
	}
	for _, tc := range []struct {
		do, want string
	}{
		{records.ActNote, ""},
		{records.ActEdit, ""},
		{records.ActHold, "hold after the file was disposed of"},
		{records.ActReopen, "after a screen-out"},
	} {
		h := append(append([]records.Entry{}, h...), records.Entry{Do: tc.do})
		_, err := rectest.Profile(t).DeriveStatus(h)
		if (err == nil) != (tc.want == "") || (err != nil && !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%s after dispose: %v, want %q", tc.do, err, tc.want)
		}
	}
	if st, err := rectest.Profile(t).DeriveStatus([]records.Entry{{Do: records.ActCreate}, {Do: records.ActDispose}}); err == nil {
		t.Errorf("dispose of an open case replayed as %s", st)
	}
}
