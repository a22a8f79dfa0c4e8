package privacy

import (
	"slices"
	"testing"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/internal/rectest"
)

// Personal data brought back into a disposed file is an error for check, makes the file due
// again, and purge removes it again (an edit entry says so); a note recorded after the disposal
// is not residue.
func TestDisposedResidue(t *testing.T) {
	p := rectest.Profile(t)
	c := rectest.FullClosedCase(t, p, records.Date{Year: 2020, Month: 3, Day: 2}, records.Date{Year: 2020, Month: 9, Day: 1})
	rec := &records.Record{Path: records.RecordPath(c.ID), Case: *c}
	ret := DefaultRetention()
	if err := DisposeRecord(rec, rectest.Profile(t), rectest.ActOn(records.Date{Year: 2026, Month: 3, Day: 2}), ret, "J. Registrar"); err != nil {
		t.Fatal(err)
	}
	if err := records.Note(&rec.Case, rectest.Profile(t), rectest.ActOn(records.Date{Year: 2026, Month: 3, Day: 3}), "court asked for the file: nothing left"); err != nil {
		t.Fatal(err)
	}
	if probs := records.Validate(rec, p); records.HasErrors(probs) {
		t.Fatalf("disposed record with a later note: %v", probs)
	}
	if _, due := ret.DueFor(nil, &rec.Case, records.Date{Year: 2026, Month: 3, Day: 4}); due {
		t.Fatal("a clean disposed file is not due")
	}
	rec.Case.Summary = "Zorblax is back"
	rec.Case.History[4].Detail = "Zorblax called twice"
	probs := records.Validate(rec, p)
	var fields []string
	for _, pr := range probs {
		if !pr.IsWarning() {
			fields = append(fields, pr.Field)
		}
	}
	if want := []string{"summary", "history[4].detail"}; !slices.Equal(fields, want) {
		t.Fatalf("errors on %v, want %v (%v)", fields, want, probs)
	}
	if _, due := ret.DueFor(nil, &rec.Case, records.Date{Year: 2026, Month: 3, Day: 4}); !due {
		t.Fatal("a disposed file holding personal data again is due")
	}
	if got, err := CheckDispose(rec, rectest.Profile(t), rectest.ActOn(records.Date{Year: 2026, Month: 3, Day: 4}), ret); err != nil || !slices.Equal(got, []string{"summary", "history[4].detail"}) {
		t.Fatalf("CheckDispose: %v, %v", got, err)
	}
	n := len(rec.Case.History)
	if err := DisposeRecord(rec, rectest.Profile(t), rectest.ActOn(records.Date{Year: 2026, Month: 3, Day: 4}), ret, "J. Registrar"); err != nil {
		t.Fatal(err)
	}
	if probs := records.Validate(rec, p); records.HasErrors(probs) {
		t.Fatalf("after purge again: %v", probs)
	}
	if len(rec.Case.History) != n+1 || rec.Case.History[n].Do != records.ActEdit || rec.Case.History[n-1].Detail != "court asked for the file: nothing left" {
		t.Fatalf("history after purge again: %+v", rec.Case.History[n-1:])
	}
	wfRefused(t, DisposeRecord(rec, rectest.Profile(t), rectest.ActOn(records.Date{Year: 2026, Month: 3, Day: 5}), ret, "J. Registrar"), "disposed of")
}

func TestLostEntries(t *testing.T) {
	p := rectest.Profile(t)
	c := rectest.FullClosedCase(t, p, records.Date{Year: 2020, Month: 3, Day: 2}, records.Date{Year: 2020, Month: 9, Day: 1})
	short := *c
	short.History = slices.Delete(slices.Clone(c.History), 2, 3)
	if lost := records.LostEntries(c, &short); len(lost) != 1 || lost[0] != c.History[2] {
		t.Fatalf("LostEntries: %v", lost)
	}
	if lost := records.LostEntries(&short, c); len(lost) != 0 {
		t.Fatalf("LostEntries of a longer history: %v", lost)
	}
}
