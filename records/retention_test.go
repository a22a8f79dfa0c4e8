package records

import (
	"strings"
	"testing"
	"time"
)

// actOn is the test actor on day d.
func actOn(d Date) Act {
	return Act{Actor: "tester", Now: d.Time().Add(10 * time.Hour), Date: d}
}

// screenedOutCase is a conduct complaint received on received and screened out on closed.
func screenedOutCase(t *testing.T, p *Profile, id string, received, closed Date) *Case {
	t.Helper()
	c := &Case{ID: id, Language: "en", Received: received, Channel: "email",
		Complainant: &Party{Name: "Zorblax Quintavius", Email: "zq@example.org"}, Summary: "Zorblax says so"}
	NewCase(c, actOn(received))
	if err := Classify(c, p, actOn(received), "conduct", []string{"deceit"}, nil); err != nil {
		t.Fatal(err)
	}
	if err := ScreenOut(c, p, actOn(closed), []string{"frivolous"}); err != nil {
		t.Fatal(err)
	}
	return c
}

// withdrawnCase is a complaint withdrawn on closed.
func withdrawnCase(t *testing.T, p *Profile, id string, received, closed Date) *Case {
	t.Helper()
	c := &Case{ID: id, Language: "en", Received: received, Channel: "phone", Summary: "Zorblax again"}
	NewCase(c, actOn(received))
	if err := Withdraw(c, p, actOn(closed), "Zorblax moved"); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestRetentionCheck(t *testing.T) {
	p := testProfile(t)
	if r := DefaultRetention(); r.Check(p) != nil || r.Years(OutcomeScreenedOut) != 2 || r.Years("substantiated") != 5 || r.Years(OutcomeWithdrawn) != 5 {
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
	p := testProfile(t)
	r := DefaultRetention()
	so := screenedOutCase(t, p, "2024-AAAA1", Date{2024, 1, 10}, Date{2024, 1, 15})
	wd := withdrawnCase(t, p, "2024-AAAA2", Date{2024, 1, 10}, Date{2024, 1, 15})
	leap := screenedOutCase(t, p, "2024-AAAA3", Date{2024, 2, 1}, Date{2024, 2, 29})
	for _, tc := range []struct {
		c        *Case
		due      Date
		years    int
		dayAfter Date
	}{
		{so, Date{2026, 1, 15}, 2, Date{2026, 1, 16}},
		{wd, Date{2029, 1, 15}, 5, Date{2029, 1, 16}},
		{leap, Date{2026, 3, 1}, 2, Date{2026, 3, 2}},
	} {
		due, years, ok := r.DueDate(tc.c)
		if !ok || due != tc.due || years != tc.years {
			t.Errorf("%s: due %s (%d years, %v), want %s (%d years)", tc.c.ID, due, years, ok, tc.due, tc.years)
		}
		if _, isDue := r.DueFor(tc.c, tc.due.AddDays(-1)); isDue {
			t.Errorf("%s: due the day before %s", tc.c.ID, tc.due)
		}
		for _, d := range []Date{tc.due, tc.dayAfter} {
			got, isDue := r.DueFor(tc.c, d)
			if !isDue || got.Due != tc.due || got.ID != tc.c.ID || got.Held {
				t.Errorf("%s on %s: %+v, %v", tc.c.ID, d, got, isDue)
			}
		}
	}
	open := &Case{ID: "2024-AAAA4", Language: "en", Received: Date{2020, 1, 1}}
	NewCase(open, actOn(open.Received))
	if _, isDue := r.DueFor(open, Date{2040, 1, 1}); isDue {
		t.Error("an open case is never due")
	}
}

// TestHoldBlocksDisposal: a held file is listed as held and DisposeRecord refuses it; lifting
// the hold makes it disposable again.
func TestHoldBlocksDisposal(t *testing.T) {
	p := testProfile(t)
	r := DefaultRetention()
	c := screenedOutCase(t, p, "2024-AAAA1", Date{2024, 1, 10}, Date{2024, 1, 15})
	if err := PlaceHold(c, actOn(Date{2025, 6, 1}), "access request"); err != nil {
		t.Fatal(err)
	}
	wfRefused(t, PlaceHold(c, actOn(Date{2025, 6, 2}), "again"), "on hold already since 2025-06-01")
	today := Date{2026, 3, 2}
	d, isDue := r.DueFor(c, today)
	if !isDue || !d.Held || d.HeldSince != (Date{2025, 6, 1}) {
		t.Errorf("held: %+v %v", d, isDue)
	}
	rec := &Record{Case: *c}
	before := jsonForTest(t, c)
	wfRefused(t, DisposeRecord(rec, actOn(today), r, "J. Registrar"), "on hold since 2025-06-01")
	if jsonForTest(t, &rec.Case) != before {
		t.Error("a refused disposal changed the case")
	}
	if err := LiftHold(&rec.Case, actOn(today), "answered"); err != nil {
		t.Fatal(err)
	}
	wfRefused(t, LiftHold(&rec.Case, actOn(today), ""), "not on hold")
	if err := DisposeRecord(rec, actOn(today), r, "J. Registrar"); err != nil {
		t.Fatal(err)
	}
	if _, isDue := r.DueFor(&rec.Case, today); isDue {
		t.Error("a disposed file is still due")
	}
	wfInputErr(t, PlaceHold(c, actOn(today), "  "), "field=hold.reason")
}

func holdMark(d Disposal) string {
	if d.Held {
		return "held"
	}
	return ""
}
