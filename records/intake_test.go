package records

import (
	"strings"
	"testing"
)

func TestIntakeDefaultsAndClassification(t *testing.T) {
	t.Parallel()
	p, a := wfProfile(), wfAct()
	c := &Case{Channel: "email", Summary: "s", Type: "conduct", Categories: []string{"deceit"}, Flags: []string{"youth"}, Received: Date{2026, 2, 27}}
	wfMust(t, Intake(c, p, a))
	if c.Language != "en" || c.Status != StatusClassified || c.Type != "conduct" || strings.Join(c.Flags, ",") != "youth" {
		t.Fatalf("after intake: language %q status %q type %q flags %v", c.Language, c.Status, c.Type, c.Flags)
	}
	if len(c.History) != 2 || c.History[1].Do != ActClassify || c.History[1].Date != c.Received {
		t.Fatalf("a type at intake is a classification dated the day received: %+v", c.History)
	}

	c = &Case{Channel: "phone", Summary: "s", Flags: []string{"youth"}}
	wfMust(t, Intake(c, p, a))
	if c.Received != a.Date || c.Status != StatusReceived || len(c.History) != 1 || strings.Join(c.Flags, ",") != "youth" {
		t.Fatalf("flags alone: received %s status %q history %d flags %v", c.Received, c.Status, len(c.History), c.Flags)
	}
}

func TestIntakeRefusesByField(t *testing.T) {
	t.Parallel()
	p, a := wfProfile(), wfAct()
	for _, tc := range []struct {
		c     Case
		field string
		want  string
	}{
		{Case{Channel: "phone", Received: Date{2026, 3, 3}}, "received", "2026-03-03 is in the future (today is 2026-03-02)"},
		{Case{Channel: "fax"}, "channel", `unknown channel "fax"`},
		{Case{Channel: "phone", Language: "de"}, "language", `unknown language "de"`},
		{Case{Channel: "phone", Respondent: &Respondent{Service: "otawa-ps"}}, "respondent.service", "did you mean ottawa-ps"},
		{Case{Channel: "phone", Categories: []string{"deceit"}}, "type", "required"},
		{Case{Channel: "phone", Flags: []string{"vip"}}, "flags", `unknown flag "vip"`},
		{Case{Channel: "phone", Type: "service", Categories: []string{"deceit"}}, "categories", "cases of type service take no categories: only conduct do (codes.category_types in dossier.yaml)"},
	} {
		c := tc.c
		wfInputErr(t, Intake(&c, p, a), "field="+tc.field, tc.want)
	}
}
