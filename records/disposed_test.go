package records

import (
	"bytes"
	"slices"
	"testing"
)

// A branch adds a note (and edits the summary) to a case another branch disposed of: the
// merge keeps the note's entry without its text, brings back no personal data, and loses no
// entry of either side.
func TestMergeKeepsDisposal(t *testing.T) {
	p := testProfile(t)
	c := fullClosedCase(t, p, Date{2020, 3, 2}, Date{2020, 9, 1})
	base := encodedForTest(t, c)

	disposed, err := Parse(RecordPath(c.ID), base)
	if err != nil {
		t.Fatal(err)
	}
	if err := DisposeRecord(disposed, actOn(Date{2026, 3, 2}), DefaultRetention(), "J. Registrar"); err != nil {
		t.Fatal(err)
	}
	ours := encodedForTest(t, &disposed.Case)

	other := *c
	other.History = slices.Clone(c.History)
	other.Summary = "Zorblax adds a new allegation"
	if err := Note(&other, actOn(Date{2020, 10, 1}), "Zorblax phoned from 613 555 0199"); err != nil {
		t.Fatal(err)
	}
	theirs := append([]byte("# Zorblax's comment\n"), encodedForTest(t, &other)...)

	for _, sides := range [][2][]byte{{ours, theirs}, {theirs, ours}} {
		res, err := MergeFiles(RecordPath(c.ID), base, sides[0], sides[1])
		if err != nil {
			t.Fatal(err)
		}
		if !res.Clean() {
			t.Fatalf("conflicts: %v\n%s", res.Conflicts, res.Data)
		}
		if bytes.Contains(res.Data, []byte("Zorblax")) {
			t.Fatalf("personal data came back through the merge:\n%s", res.Data)
		}
		merged, err := Parse(RecordPath(c.ID), res.Data)
		if err != nil {
			t.Fatal(err)
		}
		if probs := Validate(merged, p); HasErrors(probs) {
			t.Errorf("merged record: %v", probs)
		}
		if lost := LostEntries(&disposed.Case, &merged.Case); len(lost) > 0 {
			t.Errorf("entries of the disposed side lost: %v", lost)
		}
		if lost := LostEntries(&other, &merged.Case); len(lost) > 0 {
			t.Errorf("entries of the other side lost: %v", lost)
		}
		if len(merged.Case.History) != len(disposed.Case.History)+1 {
			t.Errorf("history: %d entries, want %d", len(merged.Case.History), len(disposed.Case.History)+1)
		}
	}
}

// Personal data brought back into a disposed file is an error for check, makes the file due
// again, and purge removes it again (an edit entry says so); a note recorded after the disposal
// is not residue.
func TestDisposedResidue(t *testing.T) {
	p := testProfile(t)
	c := fullClosedCase(t, p, Date{2020, 3, 2}, Date{2020, 9, 1})
	rec := &Record{Path: RecordPath(c.ID), Case: *c}
	ret := DefaultRetention()
	if err := DisposeRecord(rec, actOn(Date{2026, 3, 2}), ret, "J. Registrar"); err != nil {
		t.Fatal(err)
	}
	if err := Note(&rec.Case, actOn(Date{2026, 3, 3}), "court asked for the file: nothing left"); err != nil {
		t.Fatal(err)
	}
	if probs := Validate(rec, p); HasErrors(probs) {
		t.Fatalf("disposed record with a later note: %v", probs)
	}
	if _, due := ret.DueFor(&rec.Case, Date{2026, 3, 4}); due {
		t.Fatal("a clean disposed file is not due")
	}
	rec.Case.Summary = "Zorblax is back"
	rec.Case.History[4].Detail = "Zorblax called twice"
	probs := Validate(rec, p)
	var fields []string
	for _, pr := range probs {
		if !pr.IsWarning() {
			fields = append(fields, pr.Field)
		}
	}
	if want := []string{"summary", "history[4].detail"}; !slices.Equal(fields, want) {
		t.Fatalf("errors on %v, want %v (%v)", fields, want, probs)
	}
	if _, due := ret.DueFor(&rec.Case, Date{2026, 3, 4}); !due {
		t.Fatal("a disposed file holding personal data again is due")
	}
	if got, err := CheckDispose(rec, actOn(Date{2026, 3, 4}), ret); err != nil || !slices.Equal(got, []string{"summary", "history[4].detail"}) {
		t.Fatalf("CheckDispose: %v, %v", got, err)
	}
	n := len(rec.Case.History)
	if err := DisposeRecord(rec, actOn(Date{2026, 3, 4}), ret, "J. Registrar"); err != nil {
		t.Fatal(err)
	}
	if probs := Validate(rec, p); HasErrors(probs) {
		t.Fatalf("after purge again: %v", probs)
	}
	if len(rec.Case.History) != n+1 || rec.Case.History[n].Do != ActEdit || rec.Case.History[n-1].Detail != "court asked for the file: nothing left" {
		t.Fatalf("history after purge again: %+v", rec.Case.History[n-1:])
	}
	wfRefused(t, DisposeRecord(rec, actOn(Date{2026, 3, 5}), ret, "J. Registrar"), "disposed of")
}

func TestLostEntries(t *testing.T) {
	p := testProfile(t)
	c := fullClosedCase(t, p, Date{2020, 3, 2}, Date{2020, 9, 1})
	short := *c
	short.History = slices.Delete(slices.Clone(c.History), 2, 3)
	if lost := LostEntries(c, &short); len(lost) != 1 || lost[0] != c.History[2] {
		t.Fatalf("LostEntries: %v", lost)
	}
	if lost := LostEntries(&short, c); len(lost) != 0 {
		t.Fatalf("LostEntries of a longer history: %v", lost)
	}
}
