package privacy

import (
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/internal/rectest"
)

func TestRetentionCheck(t *testing.T) {
	p := rectest.Profile(t)
	if r := DefaultRetention(); r.Check(p) != nil || r.Years(records.OutcomeScreenedOut) != 2 || r.Years("substantiated") != 5 || r.Years(records.OutcomeWithdrawn) != 5 {
		t.Fatalf("defaults: %+v %v", r, r.Check(p))
	}
	for _, tc := range []struct {
		r    Retention
		want string
	}{
		{Retention{Default: 0}, "retention.default: 0 years: write between 1 and 100 years after closing"},
		{Retention{Default: 101}, "retention.default: 101 years: write between 1 and 100 years after closing"},
		{Retention{Default: 5, ByOutcome: map[string]int{"screend-out": 2}}, "retention.by_outcome.screend-out: unknown outcome (did you mean screened-out?)"},
		{Retention{Default: 5, ByOutcome: map[string]int{"withdrawn": -1}}, "retention.by_outcome.withdrawn: -1 years"},
	} {
		err := tc.r.Check(p)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%+v: got %v, want %s", tc.r, err, tc.want)
		}
	}
}

// TestDueExactlyOnTheDay: a file is due the day the schedule says, not the day before.
func TestDueExactlyOnTheDay(t *testing.T) {
	p := rectest.Profile(t)
	r := DefaultRetention()
	so := rectest.ScreenedOutCase(t, p, "2024-AAAA1", records.Date{Year: 2024, Month: 1, Day: 10}, records.Date{Year: 2024, Month: 1, Day: 15})
	wd := rectest.WithdrawnCase(t, p, "2024-AAAA2", records.Date{Year: 2024, Month: 1, Day: 10}, records.Date{Year: 2024, Month: 1, Day: 15})
	leap := rectest.ScreenedOutCase(t, p, "2024-AAAA3", records.Date{Year: 2024, Month: 2, Day: 1}, records.Date{Year: 2024, Month: 2, Day: 29})
	for _, tc := range []struct {
		c        *records.Case
		due      records.Date
		years    int
		dayAfter records.Date
	}{
		{so, records.Date{Year: 2026, Month: 1, Day: 15}, 2, records.Date{Year: 2026, Month: 1, Day: 16}},
		{wd, records.Date{Year: 2029, Month: 1, Day: 15}, 5, records.Date{Year: 2029, Month: 1, Day: 16}},
		{leap, records.Date{Year: 2026, Month: 3, Day: 1}, 2, records.Date{Year: 2026, Month: 3, Day: 2}},
	} {
		due, years, ok := r.DueDate(tc.c)
		if !ok || due != tc.due || years != tc.years {
			t.Errorf("%s: due %s (%d years, %v), want %s (%d years)", tc.c.ID, due, years, ok, tc.due, tc.years)
		}
		if _, isDue := r.DueFor(nil, tc.c, tc.due.AddDays(-1)); isDue {
			t.Errorf("%s: due the day before %s", tc.c.ID, tc.due)
		}
		for _, d := range []records.Date{tc.due, tc.dayAfter} {
			got, isDue := r.DueFor(nil, tc.c, d)
			if !isDue || got.Due != tc.due || got.ID != tc.c.ID || got.Held {
				t.Errorf("%s on %s: %+v, %v", tc.c.ID, d, got, isDue)
			}
		}
	}
	open := &records.Case{ID: "2024-AAAA4", Language: "en", Received: records.Date{Year: 2020, Month: 1, Day: 1}}
	records.NewCase(open, rectest.Profile(t), rectest.ActOn(open.Received))
	if _, isDue := r.DueFor(nil, open, records.Date{Year: 2040, Month: 1, Day: 1}); isDue {
		t.Error("an open case is never due")
	}
}

// TestHoldBlocksDisposal: a held file is listed as held and DisposeRecord refuses it; lifting
// the hold makes it disposable again.
func TestHoldBlocksDisposal(t *testing.T) {
	p := rectest.Profile(t)
	r := DefaultRetention()
	c := rectest.ScreenedOutCase(t, p, "2024-AAAA1", records.Date{Year: 2024, Month: 1, Day: 10}, records.Date{Year: 2024, Month: 1, Day: 15})
	if err := records.PlaceHold(c, rectest.Profile(t), rectest.ActOn(records.Date{Year: 2025, Month: 6, Day: 1}), "access request"); err != nil {
		t.Fatal(err)
	}
	wfRefused(t, records.PlaceHold(c, rectest.Profile(t), rectest.ActOn(records.Date{Year: 2025, Month: 6, Day: 2}), "again"), "on hold already since 2025-06-01")
	today := records.Date{Year: 2026, Month: 3, Day: 2}
	d, isDue := r.DueFor(nil, c, today)
	if !isDue || !d.Held || d.HeldSince != (records.Date{Year: 2025, Month: 6, Day: 1}) {
		t.Errorf("held: %+v %v", d, isDue)
	}
	rec := &records.Record{Case: *c}
	before := jsonForTest(t, c)
	wfRefused(t, DisposeRecord(rec, rectest.Profile(t), rectest.ActOn(today), r, "J. Registrar"), "on hold since 2025-06-01")
	if jsonForTest(t, &rec.Case) != before {
		t.Error("a refused disposal changed the case")
	}
	if err := records.LiftHold(&rec.Case, rectest.Profile(t), rectest.ActOn(today), "answered"); err != nil {
		t.Fatal(err)
	}
	wfRefused(t, records.LiftHold(&rec.Case, rectest.Profile(t), rectest.ActOn(today), ""), "not on hold")
	if err := DisposeRecord(rec, rectest.Profile(t), rectest.ActOn(today), r, "J. Registrar"); err != nil {
		t.Fatal(err)
	}
	if _, isDue := r.DueFor(nil, &rec.Case, today); isDue {
		t.Error("a disposed file is still due")
	}
	wfInputErr(t, records.PlaceHold(c, rectest.Profile(t), rectest.ActOn(today), "  "), "field=hold.reason")
}

func holdMark(d Disposal) string {
	if d.Held {
		return "held"
	}
	return ""
}
