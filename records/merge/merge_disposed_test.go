package merge

import (
	"bytes"
	"slices"
	"testing"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
	"github.com/dossier-dev/dossier/records/internal/rectest"
	"github.com/dossier-dev/dossier/records/privacy"
)

// A branch adds a note (and edits the summary) to a case another branch disposed of: the
// merge keeps the note's entry without its text, brings back no personal data, and loses no
// entry of either side.
func TestMergeKeepsDisposal(t *testing.T) {
	p := rectest.Profile(t)
	c := rectest.FullClosedCase(t, p, records.Date{Year: 2020, Month: 3, Day: 2}, records.Date{Year: 2020, Month: 9, Day: 1})
	base := encodedForTest(t, c)

	disposed, err := codec.Parse(records.RecordPath(c.ID), base)
	if err != nil {
		t.Fatal(err)
	}
	if err := privacy.DisposeRecord(disposed, rectest.Profile(t), rectest.ActOn(records.Date{Year: 2026, Month: 3, Day: 2}), privacy.DefaultRetention(), "J. Registrar"); err != nil {
		t.Fatal(err)
	}
	ours := encodedForTest(t, &disposed.Case)

	other := *c
	other.History = slices.Clone(c.History)
	other.Summary = "Zorblax adds a new allegation"
	if err := records.Note(&other, rectest.Profile(t), rectest.ActOn(records.Date{Year: 2020, Month: 10, Day: 1}), "Zorblax phoned from 613 555 0199"); err != nil {
		t.Fatal(err)
	}
	theirs := append([]byte("# Zorblax's comment\n"), encodedForTest(t, &other)...)

	for _, sides := range [][2][]byte{{ours, theirs}, {theirs, ours}} {
		res, err := MergeFiles(records.RecordPath(c.ID), base, sides[0], sides[1], rectest.Profile(t))
		if err != nil {
			t.Fatal(err)
		}
		if !res.Clean() {
			t.Fatalf("conflicts: %v\n%s", res.Conflicts, res.Data)
		}
		if bytes.Contains(res.Data, []byte("Zorblax")) {
			t.Fatalf("personal data came back through the merge:\n%s", res.Data)
		}
		merged, err := codec.Parse(records.RecordPath(c.ID), res.Data)
		if err != nil {
			t.Fatal(err)
		}
		if probs := records.Validate(merged, p); records.HasErrors(probs) {
			t.Errorf("merged record: %v", probs)
		}
		if lost := records.LostEntries(&disposed.Case, &merged.Case); len(lost) > 0 {
			t.Errorf("entries of the disposed side lost: %v", lost)
		}
		if lost := records.LostEntries(&other, &merged.Case); len(lost) > 0 {
			t.Errorf("entries of the other side lost: %v", lost)
		}
		if len(merged.Case.History) != len(disposed.Case.History)+1 {
			t.Errorf("history: %d entries, want %d", len(merged.Case.History), len(disposed.Case.History)+1)
		}
	}
}
