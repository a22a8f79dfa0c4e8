// Package rectest holds test fixtures shared by the records sub-packages' tests (codec, merge,
// privacy, store): the embedded default profile, a fixed actor and clock, canary-filled cases
// and a few typical closed cases. It is for tests only. Package records itself cannot use it
// (rectest imports records), so its core tests keep their own copies.
package rectest

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/templates"
	"go.yaml.in/yaml/v3"
)

// Profile is the embedded default profile (the one `dossier init` writes), read without
// the config package (records cannot import internal/config). It is read once per test
// process (a read is 3-4 ms of YAML; the store's tests ask for it about a hundred times) and
// each caller gets its own deep copy, which it may change (FieldsProfile does).
func Profile(tb testing.TB) *records.Profile {
	tb.Helper()
	p, err := embeddedProfile()
	if err != nil {
		tb.Fatal(err)
	}
	return DeepCopy(p)
}

// embeddedProfile is readProfile once; never handed out itself, only copies of it.
var embeddedProfile = sync.OnceValues(readProfile)

func readProfile() (*records.Profile, error) {
	var raw struct {
		Codes struct {
			Types, Channels, Languages, Categories, Grounds, Routings records.Codes
			Flags, Purposes, Statuses                                 records.Codes
			Outcomes                                                  map[string]records.Codes
			ReviewOutcomes                                            records.Codes `yaml:"review_outcomes"`
			CategoryTypes                                             []string      `yaml:"category_types"`
		}
		Partners records.Codes
		Workflow records.Workflow
		Clocks   records.ClockDefs
	}
	if err := yaml.Unmarshal(templates.DefaultProfile(), &raw); err != nil {
		return nil, err
	}
	c := raw.Codes
	p := &records.Profile{Types: c.Types, Channels: c.Channels, Languages: c.Languages, Categories: c.Categories, CategoryTypes: c.CategoryTypes,
		Grounds: c.Grounds, Routings: c.Routings, Outcomes: c.Outcomes, ReviewOutcomes: c.ReviewOutcomes,
		Flags: c.Flags, Purposes: c.Purposes, Partners: raw.Partners, Statuses: raw.Workflow.StatusCodesLabelled(c.Statuses), Workflow: raw.Workflow,
		Clocks: records.ClocksOf(raw.Clocks), Deadlines: raw.Clocks}
	if probs := p.Validate(); len(probs) > 0 || len(p.Partners) == 0 || len(p.CategoryTypes) == 0 || p.Clocks.SixMonthLimit == 0 {
		return nil, fmt.Errorf("embedded profile read badly: %v", probs)
	}
	return p, nil
}

// Act is a fixed actor and clock.
func Act() records.Act {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	return records.Act{Actor: "tester", Now: now, Date: records.DateOf(now)}
}

// ActOn is the test actor on day d.
func ActOn(d records.Date) records.Act {
	return records.Act{Actor: "tester", Now: d.Time().Add(10 * time.Hour), Date: d}
}

// CanaryCase fills every text field with a value naming its field, so that a leak shows which
// field leaked.
func CanaryCase() *records.Case {
	c := &records.Case{}
	FillCanaries(reflect.ValueOf(c).Elem(), "", func(path string) string { return "CANARY[" + path + "]" })
	c.History = append(c.History, records.Entry{Do: records.ActNote, Detail: "CANARY[notes]", By: "CANARY[notes.by]"})
	return c
}

// FillCanaries sets every string of v (a record struct) to val(path), every date to a fixed
// date, and gives every list two elements.
func FillCanaries(v reflect.Value, prefix string, val func(string) string) {
	for i := 0; i < v.NumField(); i++ {
		path := records.JoinPath(prefix, records.FieldName(v.Type().Field(i)))
		fillValue(v.Field(i), path, val)
	}
}

func fillValue(f reflect.Value, path string, val func(string) string) {
	switch {
	case f.Type() == reflect.TypeFor[records.Date]():
		f.Set(reflect.ValueOf(records.Date{Year: 2026, Month: 1, Day: 15}))
	case f.Type() == reflect.TypeFor[records.Timestamp]():
		ts, _ := records.ParseTimestamp("2026-01-15T10:00:00Z")
		f.Set(reflect.ValueOf(ts))
	case f.Kind() == reflect.String:
		f.SetString(val(path))
	case f.Kind() == reflect.Pointer:
		f.Set(reflect.New(f.Type().Elem()))
		fillValue(f.Elem(), path, val)
	case f.Kind() == reflect.Slice:
		f.Set(reflect.MakeSlice(f.Type(), 2, 2))
		for j := 0; j < 2; j++ {
			fillValue(f.Index(j), path, func(p string) string { return val(p) + fmt.Sprint(j) })
		}
	case f.Kind() == reflect.Struct:
		FillCanaries(f, path, val)
	}
}

// TextLeaves lists the text values of c with their field paths.
func TextLeaves(c *records.Case) map[string][]string {
	out := map[string][]string{}
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.String:
			if v.String() != "" {
				out[path] = append(out[path], v.String())
			}
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), path)
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i), path)
			}
		case reflect.Struct:
			if _, ok := records.RecordStruct(v.Type()); !ok {
				return
			}
			for i := 0; i < v.NumField(); i++ {
				walk(v.Field(i), records.JoinPath(path, records.FieldName(v.Type().Field(i))))
			}
		}
	}
	walk(reflect.ValueOf(c).Elem(), "")
	return out
}

// ScreenedOutCase is a conduct complaint received on received and screened out on closed.
func ScreenedOutCase(t *testing.T, p *records.Profile, id string, received, closed records.Date) *records.Case {
	t.Helper()
	c := &records.Case{ID: id, Language: "en", Received: received, Channel: "email",
		Complainant: &records.Party{Name: "Zorblax Quintavius", Email: "zq@example.org"}, Summary: "Zorblax says so"}
	records.NewCase(c, p, ActOn(received))
	if err := records.Classify(c, p, ActOn(received), "conduct", []string{"deceit"}, nil); err != nil {
		t.Fatal(err)
	}
	if err := records.ScreenOut(c, p, ActOn(closed), []string{"frivolous"}); err != nil {
		t.Fatal(err)
	}
	return c
}

// WithdrawnCase is a complaint withdrawn on closed.
func WithdrawnCase(t *testing.T, p *records.Profile, id string, received, closed records.Date) *records.Case {
	t.Helper()
	c := &records.Case{ID: id, Language: "en", Received: received, Channel: "phone", Summary: "Zorblax again"}
	records.NewCase(c, p, ActOn(received))
	if err := records.Withdraw(c, p, ActOn(closed), "Zorblax moved"); err != nil {
		t.Fatal(err)
	}
	return c
}

// FullClosedCase is a conduct complaint with every kind of personal and confidential data,
// referred, decided and closed on closed.
func FullClosedCase(t *testing.T, p *records.Profile, received, closed records.Date) *records.Case {
	t.Helper()
	c := &records.Case{ID: fmt.Sprintf("%04d-AAAA1", received.Year), Language: "fr", Received: received, Channel: "email",
		Complainant:    &records.Party{Name: "Zorblax Quintavius", Email: "zq@example.org", Phone: "+1 613 555 0100", Address: "1 Zorblax Road\nOttawa"},
		Representative: &records.Party{Name: "Zorblax Counsel", Organization: "Zorblax LLP"},
		Respondent:     &records.Respondent{Service: "ottawa-ps", Officers: []records.Officer{{Name: "Cst. Zorblax", Badge: "9911"}}},
		Incident:       &records.Incident{Date: received.AddDays(-3), Location: "outside Zorblax's home"},
		Summary:        "Zorblax says the officer swore", Flags: []string{"vulnerable-person"}}
	a := ActOn(received)
	records.NewCase(c, p, a)
	steps := []error{
		records.Classify(c, p, a, "conduct", []string{"discreditable-conduct"}, nil),
		records.RequestItem(c, p, a, "Zorblax medical records", "complainant", records.Date{}),
		records.ScreenIn(c, p, a),
		records.Refer(c, p, a, "ottawa-ps", "", records.Date{}),
		records.Note(c, p, a, "Zorblax called twice"),
		records.ReferralReturned(c, p, ActOn(received.AddDays(20)), records.ReferralChoice{}, "unsubstantiated"),
		records.Close(c, p, ActOn(closed), "unsubstantiated", "Zorblax satisfied"),
	}
	for _, err := range steps {
		if err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// FieldsYAML declares fields of several kinds and classes, as a profile's fields: writes them.
const FieldsYAML = `
district: {kind: code, class: public, group: true, en: Judicial district, fr: District judiciaire,
           codes: [{code: montreal, en: Montreal, fr: Montréal}, {code: quebec, en: Quebec City, fr: Québec}]}
themes:   {kind: codes, class: internal, en: Themes, fr: Thèmes,
           codes: [{code: conjugal, en: Intimate partner violence, fr: Violence conjugale}, {code: elders, en: Elder abuse, fr: Maltraitance envers les personnes aînées}]}
value:    {kind: money, class: internal, en: Value, fr: Valeur}
nickname: {kind: text, class: personal, en: Nickname, fr: Surnom}
remarks:  {kind: text, class: confidential, en: Remarks, fr: Remarques}
orders:   {kind: list, class: internal, en: Court orders, fr: Ordonnances,
           fields: {number: {kind: text, class: internal, en: Number, fr: Numéro},
                    date: {kind: date, class: internal, en: Date, fr: Date}}}
`

// FieldsProfile is Profile with the fields of FieldsYAML declared.
func FieldsProfile(tb testing.TB) *records.Profile {
	tb.Helper()
	p := Profile(tb)
	if err := yaml.Unmarshal([]byte(FieldsYAML), &p.Fields); err != nil {
		tb.Fatal(err)
	}
	if probs := p.CheckFields(); len(probs) > 0 {
		tb.Fatalf("FieldsYAML: %v", probs)
	}
	return p
}

// SetFields sets each NAME=VALUE on c through SetField.
func SetFields(tb testing.TB, p *records.Profile, c *records.Case, sets ...string) {
	tb.Helper()
	for _, s := range sets {
		name, value, _ := strings.Cut(s, "=")
		if err := p.SetField(c, name, value); err != nil {
			tb.Fatal(err)
		}
	}
}
