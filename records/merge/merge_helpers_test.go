package merge

import (
	"fmt"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
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

func encodedForTest(t testing.TB, c *records.Case) []byte {
	b, err := codec.Encode(c)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fullClosedCase is a conduct complaint with every kind of personal and confidential data,
// referred, decided and closed on closed.
func fullClosedCase(t *testing.T, p *records.Profile, received, closed records.Date) *records.Case {
	t.Helper()
	c := &records.Case{ID: fmt.Sprintf("%04d-AAAA1", received.Year), Language: "fr", Received: received, Channel: "email",
		Complainant:    &records.Party{Name: "Zorblax Quintavius", Email: "zq@example.org", Phone: "+1 613 555 0100", Address: "1 Zorblax Road\nOttawa"},
		Representative: &records.Party{Name: "Zorblax Counsel", Organization: "Zorblax LLP"},
		Respondent:     &records.Respondent{Service: "ottawa-ps", Officers: []records.Officer{{Name: "Cst. Zorblax", Badge: "9911"}}},
		Incident:       &records.Incident{Date: received.AddDays(-3), Location: "outside Zorblax's home"},
		Summary:        "Zorblax says the officer swore", Flags: []string{"vulnerable-person"}}
	a := actOn(received)
	records.NewCase(c, a)
	steps := []error{
		records.Classify(c, p, a, "conduct", []string{"discreditable-conduct"}, nil),
		records.RequestItem(c, p, a, "Zorblax medical records", "complainant", records.Date{}),
		records.ScreenIn(c, p, a),
		records.Refer(c, p, a, "ottawa-ps", "", records.Date{}),
		records.Note(c, a, "Zorblax called twice"),
		records.ReferralReturned(c, p, actOn(received.AddDays(20)), records.ReferralChoice{}, "unsubstantiated"),
		records.Close(c, p, actOn(closed), "unsubstantiated", "Zorblax satisfied"),
	}
	for _, err := range steps {
		if err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// actOn is the test actor on day d.
func actOn(d records.Date) records.Act {
	return records.Act{Actor: "tester", Now: d.Time().Add(10 * time.Hour), Date: d}
}
