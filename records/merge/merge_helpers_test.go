package merge

import (
	"fmt"
	"testing"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
	"github.com/dossier-dev/dossier/records/internal/rectest"
)

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
	a := rectest.ActOn(received)
	records.NewCase(c, a)
	steps := []error{
		records.Classify(c, p, a, "conduct", []string{"discreditable-conduct"}, nil),
		records.RequestItem(c, p, a, "Zorblax medical records", "complainant", records.Date{}),
		records.ScreenIn(c, p, a),
		records.Refer(c, p, a, "ottawa-ps", "", records.Date{}),
		records.Note(c, a, "Zorblax called twice"),
		records.ReferralReturned(c, p, rectest.ActOn(received.AddDays(20)), records.ReferralChoice{}, "unsubstantiated"),
		records.Close(c, p, rectest.ActOn(closed), "unsubstantiated", "Zorblax satisfied"),
	}
	for _, err := range steps {
		if err != nil {
			t.Fatal(err)
		}
	}
	return c
}
