package store

import (
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/internal/rectest"
	"github.com/dossier-dev/dossier/records/privacy"
)

func TestDueForDisposalReadsHoldsFromFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := newTestStore(t, dir)
	p := s.Profile
	for _, c := range []*records.Case{
		rectest.ScreenedOutCase(t, p, "2023-AAAA1", records.Date{Year: 2023, Month: 1, Day: 10}, records.Date{Year: 2023, Month: 1, Day: 15}),
		rectest.ScreenedOutCase(t, p, "2024-AAAA2", records.Date{Year: 2024, Month: 1, Day: 10}, records.Date{Year: 2024, Month: 1, Day: 15}),
		rectest.ScreenedOutCase(t, p, "2024-AAAA3", records.Date{Year: 2024, Month: 6, Day: 10}, records.Date{Year: 2024, Month: 6, Day: 15}),
		rectest.WithdrawnCase(t, p, "2023-AAAA4", records.Date{Year: 2023, Month: 1, Day: 10}, records.Date{Year: 2023, Month: 1, Day: 15}),
	} {
		if err := s.Insert(c); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Update("2023-AAAA1", func(r *records.Record) error {
		return records.PlaceHold(&r.Case, rectest.Profile(t), rectest.ActOn(records.Date{Year: 2026, Month: 1, Day: 1}), "appeal")
	}); err != nil {
		t.Fatal(err)
	}
	for _, useIndex := range []bool{true, true, false} {
		due, errs, err := s.DueForDisposal(privacy.DefaultRetention(), records.Date{Year: 2026, Month: 3, Day: 2}, useIndex)
		if err != nil || len(errs) > 0 {
			t.Fatal(err, errs)
		}
		var got []string
		for _, d := range due {
			got = append(got, d.ID+"/"+d.Due.String()+"/"+holdMark(d))
		}
		want := "2023-AAAA1/2025-01-15/held 2024-AAAA2/2026-01-15/"
		if strings.Join(got, " ") != want {
			t.Errorf("index %v: got %v, want %s", useIndex, got, want)
		}
	}
}
