package stats

import (
	"testing"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/records"
)

func testProfile(t *testing.T) *records.Profile {
	t.Helper()
	s, err := config.Defaults()
	if err != nil {
		t.Fatal(err)
	}
	return s.Profile
}

func date(t *testing.T, s string) records.Date {
	t.Helper()
	d, err := records.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// op is one workflow step, applied by the records verbs as a coordinator would.
type op func(c *records.Case, p *records.Profile, a records.Act) error

type step struct {
	date string
	do   op
}

func classify(typ string, cats ...string) op {
	return func(c *records.Case, p *records.Profile, a records.Act) error {
		return records.Classify(c, p, a, typ, cats, nil)
	}
}

func screenIn(c *records.Case, p *records.Profile, a records.Act) error {
	return records.ScreenIn(c, p, a)
}

func screenOut(grounds ...string) op {
	return func(c *records.Case, p *records.Profile, a records.Act) error {
		return records.ScreenOut(c, p, a, grounds)
	}
}

func refer(to string) op {
	return func(c *records.Case, p *records.Profile, a records.Act) error {
		return records.Refer(c, p, a, to, "", records.Date{})
	}
}

func returned(finding string) op {
	return func(c *records.Case, p *records.Profile, a records.Act) error {
		return records.ReferralReturned(c, p, a, records.ReferralChoice{}, finding)
	}
}

func retain(c *records.Case, p *records.Profile, a records.Act) error {
	return records.Retain(c, p, a)
}

func decide(finding string) op {
	return func(c *records.Case, p *records.Profile, a records.Act) error {
		return records.Decide(c, p, a, finding)
	}
}

func closeAs(outcome string) op {
	return func(c *records.Case, p *records.Profile, a records.Act) error {
		return records.Close(c, p, a, outcome, "")
	}
}

func withdraw(c *records.Case, p *records.Profile, a records.Act) error {
	return records.Withdraw(c, p, a, "")
}

func reopen(c *records.Case, p *records.Profile, a records.Act) error {
	return records.Reopen(c, p, a, "new evidence")
}

func reviewRequest(c *records.Case, p *records.Profile, a records.Act) error {
	_, err := records.ReviewRequest(c, p, a)
	return err
}

func reviewDecide(outcome string) op {
	return func(c *records.Case, p *records.Profile, a records.Act) error {
		return records.ReviewDecide(c, p, a, outcome)
	}
}

// build makes a case received on the day given, against service, through the steps.
func build(t *testing.T, p *records.Profile, id, received, service string, steps ...step) *records.Case {
	t.Helper()
	rd := date(t, received)
	c := &records.Case{ID: id, Language: "en", Received: rd, Channel: "email"}
	if service != "" {
		c.Respondent = &records.Respondent{Service: service}
	}
	records.NewCase(c, p, records.Act{Actor: "test", Now: rd.Time(), Date: rd})
	for i, s := range steps {
		d := date(t, s.date)
		if err := s.do(c, p, records.Act{Actor: "test", Now: d.Time(), Date: d}); err != nil {
			t.Fatalf("%s step %d (%s): %v", id, i, s.date, err)
		}
	}
	return c
}
