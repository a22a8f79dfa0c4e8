package records

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/templates"
	"go.yaml.in/yaml/v3"
)

// testProfile is the embedded default profile (the one `dossier init` writes), read without
// the config package (records cannot import internal/config).
func testProfile(tb testing.TB) *Profile {
	tb.Helper()
	var raw struct {
		Codes struct {
			Types, Channels, Languages, Categories, Grounds, Routings Codes
			Flags, Purposes, Statuses                                 Codes
			Outcomes                                                  map[string]Codes
			ReviewOutcomes                                            Codes `yaml:"review_outcomes"`
		}
		Partners Codes
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
	p := &Profile{Types: c.Types, Channels: c.Channels, Languages: c.Languages, Categories: c.Categories,
		Grounds: c.Grounds, Routings: c.Routings, Outcomes: c.Outcomes, ReviewOutcomes: c.ReviewOutcomes,
		Flags: c.Flags, Purposes: c.Purposes, Partners: raw.Partners, Statuses: c.Statuses,
		Clocks: Clocks{ForwardBusinessDays: raw.Clocks.Forward, ReferralReport: raw.Clocks.ReferralReport,
			StatusUpdate: raw.Clocks.StatusUpdate, ReviewRequest: raw.Clocks.ReviewRequest,
			ReviewDecision: raw.Clocks.ReviewDecision, InformationRequest: raw.Clocks.Information,
			SixMonthLimit: raw.Clocks.SixMonthLimit}}
	if probs := p.Validate(); len(probs) > 0 || len(p.Partners) == 0 || p.Clocks.SixMonthLimit == 0 {
		tb.Fatalf("embedded profile read badly: %v", probs)
	}
	return p
}

func writeFile(tb testing.TB, name, text string) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// testAct is a fixed actor and clock.
func testAct() Act {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	return Act{Actor: "tester", Now: now, Date: DateOf(now)}
}
