package records

import (
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/templates"
	"go.yaml.in/yaml/v3"
)

// defaultProfileNode is the embedded default profile parsed once for the whole test binary
// (read only: each test decodes its own values from it).
var defaultProfileNode = sync.OnceValue(func() *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(templates.DefaultProfile(), &doc); err != nil {
		panic(err)
	}
	return &doc
})

// testProfile is the embedded default profile (the one `dossier init` writes), read without
// the config package (records cannot import internal/config).
func testProfile(tb testing.TB) *Profile {
	tb.Helper()
	var raw struct {
		Codes struct {
			Types, Channels, Languages, Categories, Grounds, Routings Codes
			Flags, Purposes, Statuses                                 Codes
			Outcomes                                                  map[string]Codes
			ReviewOutcomes                                            Codes    `yaml:"review_outcomes"`
			CategoryTypes                                             []string `yaml:"category_types"`
		}
		Partners Codes
		Workflow Workflow
		Clocks   ClockDefs
	}
	if err := defaultProfileNode().Decode(&raw); err != nil {
		tb.Fatal(err)
	}
	c := raw.Codes
	p := &Profile{Types: c.Types, Channels: c.Channels, Languages: c.Languages, Categories: c.Categories, CategoryTypes: c.CategoryTypes,
		Grounds: c.Grounds, Routings: c.Routings, Outcomes: c.Outcomes, ReviewOutcomes: c.ReviewOutcomes,
		Flags: c.Flags, Purposes: c.Purposes, Partners: raw.Partners, Statuses: raw.Workflow.StatusCodesLabelled(c.Statuses), Workflow: raw.Workflow,
		Clocks: ClocksOf(raw.Clocks), Deadlines: raw.Clocks}
	if probs := p.Validate(); len(probs) > 0 || len(p.Partners) == 0 || len(p.CategoryTypes) == 0 || p.Clocks.SixMonthLimit == 0 {
		tb.Fatalf("embedded profile read badly: %v", probs)
	}
	return p
}

// testAct is a fixed actor and clock.
func testAct() Act {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	return Act{Actor: "tester", Now: now, Date: DateOf(now)}
}

// canaryCase fills every text field with a value naming its field, so that a leak shows which
// field leaked.
func canaryCase() *Case {
	c := &Case{}
	fillCanaries(reflect.ValueOf(c).Elem(), "", func(path string) string { return "CANARY[" + path + "]" })
	c.History = append(c.History, Entry{Do: ActNote, Detail: "CANARY[notes]", By: "CANARY[notes.by]"})
	return c
}

// fillCanaries sets every string of v (a record struct) to val(path), every date to a fixed
// date, and gives every list two elements.
func fillCanaries(v reflect.Value, prefix string, val func(string) string) {
	for i := 0; i < v.NumField(); i++ {
		path := JoinPath(prefix, FieldName(v.Type().Field(i)))
		fillValue(v.Field(i), path, val)
	}
}

func fillValue(f reflect.Value, path string, val func(string) string) {
	switch {
	case f.Type() == reflect.TypeFor[Date]():
		f.Set(reflect.ValueOf(Date{2026, 1, 15}))
	case f.Type() == reflect.TypeFor[Timestamp]():
		ts, _ := ParseTimestamp("2026-01-15T10:00:00Z")
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
		fillCanaries(f, path, val)
	}
}

// leaves lists the text values of c with their field paths.
func textLeaves(c *Case) map[string][]string {
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
			if _, ok := RecordStruct(v.Type()); !ok {
				return
			}
			for i := 0; i < v.NumField(); i++ {
				walk(v.Field(i), JoinPath(path, FieldName(v.Type().Field(i))))
			}
		}
	}
	walk(reflect.ValueOf(c).Elem(), "")
	return out
}

// actOn is the test actor on day d.
func actOn(d Date) Act {
	return Act{Actor: "tester", Now: d.Time().Add(10 * time.Hour), Date: d}
}

// ontarioWorkflow is the workflow the embedded default profile declares.
func ontarioWorkflow() Workflow {
	var raw struct{ Workflow Workflow }
	if err := defaultProfileNode().Decode(&raw); err != nil {
		panic(err)
	}
	return raw.Workflow
}
