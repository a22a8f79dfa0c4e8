package demo

import (
	"reflect"
	"testing"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/records"
)

func quebecProfile(t *testing.T) *records.Profile {
	t.Helper()
	s, err := config.Embedded(QuebecProfile)
	if err != nil {
		t.Fatal(err)
	}
	return s.Profile
}

// Every Quebec demo case is a valid record made by the profile's declared actions, the same for
// a seed, and the repository holds every program, outcome and status the profile declares.
func TestQuebecCases(t *testing.T) {
	p := quebecProfile(t)
	today, _ := records.ParseDate("2026-11-23")
	o := Options{Cases: 400, Today: today, Seed: 3, Actor: "demo"}
	seen := map[string]bool{}
	for i := range o.Cases {
		c, err := QuebecCase(p, o, i)
		if err != nil {
			t.Fatal(err)
		}
		again, _ := QuebecCase(p, o, i)
		if !reflect.DeepEqual(c, again) {
			t.Fatalf("case %d differs for the same seed", i)
		}
		c.ID = records.SequentialID(int(c.Received.Year), i+1)
		if ps := records.Validate(&records.Record{Case: *c}, p); records.HasErrors(ps) {
			t.Fatalf("case %d: %v", i, ps)
		}
		st, err := p.DeriveStatus(c.History)
		if err != nil || st != c.Status {
			t.Fatalf("case %d: status %s, its history replays to %s (%v)", i, c.Status, st, err)
		}
		seen["program="+c.Field("program").Scalar] = true
		seen["status="+c.Status] = true
		seen["outcome="+c.Outcome()] = true
		for _, h := range c.History {
			seen["do="+h.Do] = true
		}
	}
	want := []string{"status=received", "status=eligible", "status=sent", "status=agreement", "status=closed",
		"outcome=completed", "outcome=failed", "outcome=returned", "outcome=screened-out", "outcome=withdrawn"}
	for _, pr := range p.Fields.Find("program").Codes {
		want = append(want, "program="+pr.Code)
	}
	for _, a := range p.Workflow.Actions {
		want = append(want, "do="+a.Name)
	}
	for _, w := range want {
		if !seen[w] {
			t.Errorf("400 demo cases hold no %s", w)
		}
	}
}
