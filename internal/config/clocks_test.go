package config

import (
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
)

// A whole number sets the days of the clock below and keeps its labels and rules; a clock of
// one's own is added after the profile's; a clock declared again replaces the one below.
func TestClockLayers(t *testing.T) {
	t.Parallel()
	s, err := load(t, "clocks:\n  referral_report: 90\n  status_update: {days: 20, en: Update, fr: Mise à jour}\n  program: {start: refer, stop: [close], days: 30, en: Program, fr: Programme}\n",
		"clocks: {referral_report: 100, review_request: 40}\n", nil)
	if err != nil {
		t.Fatal(err)
	}
	d := s.Profile.Deadlines
	rr := d.Find("referral_report")
	if rr == nil || rr.Days != 90 || rr.En != "Report on a referral" || rr.Fr == "" {
		t.Fatalf("referral_report = %+v: want 90 days and the profile's labels", rr)
	}
	if su := d.Find("status_update"); su.Days != 20 || su.En != "Update" {
		t.Fatalf("status_update = %+v: redeclared whole", su)
	}
	if rq := d.Find("review_request"); rq.Days != 40 || rq.Fr == "" {
		t.Fatalf("review_request = %+v: the user's length, the profile's labels", rq)
	}
	if last := d[len(d)-1]; last.Name != "program" || last.Start != "refer" {
		t.Fatalf("the repository's own clock comes last: %+v", last)
	}
	if s.Clocks != (records.Clocks{ForwardBusinessDays: 3, ReferralReport: 90, StatusUpdate: 20, ReviewRequest: 40, ReviewDecision: 30, InformationRequest: 30, SixMonthLimit: 183}) {
		t.Fatalf("typed clocks %+v", s.Clocks)
	}
	for key, want := range map[string]Source{"clocks.referral_report": FromRepo, "clocks.referral_report.en": FromDefault,
		"clocks.review_request": FromUser, "clocks.status_update.en": FromRepo, "clocks.program.start": FromRepo} {
		if got := source(s, key); got != want {
			t.Errorf("%s from %s, want %s", key, got, want)
		}
	}
}

func TestClockLayerErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ repo, want string }{
		{"clocks: {programme: 30}\n", "dossier.yaml:1: clocks.programme: unknown setting; settings are forward_business_days"},
		{"clocks: {referral_report: soon}\n", `dossier.yaml:1: clocks.referral_report: expected a whole number, not "soon"`},
		{"clocks: {referral_report: [1]}\n", "dossier.yaml:1: clocks.referral_report: expected a whole number of days or a mapping (days, business, start"},
		{"clocks: {program: {start: refer, stops: [close]}}\n", "dossier.yaml:1: clocks.program.stops: unknown setting (did you mean stop?)"},
		{"clocks: {program: {start: refer, days: many}}\n", `dossier.yaml:1: clocks.program.days: expected a whole number, not "many"`},
		{"clocks: [referral_report]\n", "dossier.yaml:1: clocks: expected a mapping of clocks by name"},
	} {
		_, err := load(t, tc.repo, "", nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want %s", tc.repo, err, tc.want)
		}
	}
}
