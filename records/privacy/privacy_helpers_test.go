package privacy

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/templates"
	"go.yaml.in/yaml/v3"
)

// testProfile is the embedded default profile (the one `dossier init` writes), read without
// the config package (records cannot import internal/config).
func testProfile(tb testing.TB) *records.Profile {
	tb.Helper()
	var raw struct {
		Codes struct {
			Types, Channels, Languages, Categories, Grounds, Routings records.Codes
			Flags, Purposes, Statuses                                 records.Codes
			Outcomes                                                  map[string]records.Codes
			ReviewOutcomes                                            records.Codes `yaml:"review_outcomes"`
		}
		Partners records.Codes
		Clocks   struct {
			Forward        int `yaml:"forward_business_days"`
			ReferralReport int `yaml:"referral_report"`
			StatusUpdate   int `yaml:"status_update"`
			ReviewRequest  int `yaml:"review_request"`
			ReviewDecision int `yaml:"review_decision"`
			Information    int `yaml:"information_request"`
			SixMonthLimit  int `yaml:"six_month_limit"`
		}
	}
	if err := yaml.Unmarshal(templates.DefaultProfile(), &raw); err != nil {
		tb.Fatal(err)
	}
	c := raw.Codes
	p := &records.Profile{Types: c.Types, Channels: c.Channels, Languages: c.Languages, Categories: c.Categories,
		Grounds: c.Grounds, Routings: c.Routings, Outcomes: c.Outcomes, ReviewOutcomes: c.ReviewOutcomes,
		Flags: c.Flags, Purposes: c.Purposes, Partners: raw.Partners, Statuses: c.Statuses,
		Clocks: records.Clocks{ForwardBusinessDays: raw.Clocks.Forward, ReferralReport: raw.Clocks.ReferralReport,
			StatusUpdate: raw.Clocks.StatusUpdate, ReviewRequest: raw.Clocks.ReviewRequest,
			ReviewDecision: raw.Clocks.ReviewDecision, InformationRequest: raw.Clocks.Information,
			SixMonthLimit: raw.Clocks.SixMonthLimit}}
	if probs := p.Validate(); len(probs) > 0 || len(p.Partners) == 0 || p.Clocks.SixMonthLimit == 0 {
		tb.Fatalf("embedded profile read badly: %v", probs)
	}
	return p
}

// testAct is a fixed actor and clock.
func testAct() records.Act {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	return records.Act{Actor: "tester", Now: now, Date: records.DateOf(now)}
}

func wfInputErr(t *testing.T, err error, contains ...string) {
	t.Helper()
	var in *records.InputError
	if !errors.As(err, &in) {
		t.Fatalf("got %v, want an InputError", err)
	}
	for _, s := range contains {
		// "field=X": the error names field X (never a flag: the CLI maps fields to flags).
		if f, ok := strings.CutPrefix(s, "field="); ok {
			if in.Field != f {
				t.Errorf("error %q is about field %q, want %q", err, in.Field, f)
			}
			continue
		}
		if !strings.Contains(err.Error(), s) {
			t.Errorf("message %q does not contain %q", err, s)
		}
	}
	if strings.Contains(err.Error(), "--") {
		t.Errorf("message %q names a flag: the domain names fields", err)
	}
}

func wfRefused(t *testing.T, err error, contains ...string) {
	t.Helper()
	var r *records.RefusedError
	if !errors.As(err, &r) {
		t.Fatalf("got %v, want a RefusedError", err)
	}
	for _, s := range contains {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("message %q does not contain %q", err, s)
		}
	}
}
