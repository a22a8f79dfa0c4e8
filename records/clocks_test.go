package records

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// clockProfile declares a small workflow, a code field, a date field and clocks of every
// construct (the shape a profile's YAML gives them).
func clockProfile(t testing.TB, clocks string) *Profile {
	t.Helper()
	var raw struct {
		Fields   FieldDefs
		Workflow Workflow
		Clocks   ClockDefs
	}
	src := `
fields:
  program: {kind: code, class: internal, en: Program, fr: Programme, codes: [{code: pmrg}, {code: paj}]}
  expiry: {kind: date, class: internal, en: Expiry, fr: Échéance}
  notes: {kind: text, class: internal, en: Notes, fr: Notes}
workflow:
  statuses: {received: {}, referred: {}, closed: {}}
  actions:
    refer: {from: [received], to: referred}
    report: {from: [referred]}
    complete: {from: [referred], to: closed}
    fail: {from: [referred], to: closed}
    renew: {from: [referred]}
clocks:
` + clocks
	if err := yaml.Unmarshal([]byte(src), &raw); err != nil {
		t.Fatal(err)
	}
	return &Profile{Fields: raw.Fields, Workflow: raw.Workflow, Deadlines: raw.Clocks,
		Holidays: []Date{{2026, 2, 16}}}
}

func d(s string) Date {
	date, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return date
}

// clockCase is an open case received on 2026-01-02 whose history is "ACTION@DATE" steps.
func clockCase(fields map[string]string, steps ...string) *Case {
	c := &Case{ID: "2026-AAAAA", Status: "referred", Received: d("2026-01-02")}
	c.History = append(c.History, Entry{Date: c.Received, Do: ActCreate})
	for _, s := range steps {
		do, date, _ := strings.Cut(s, "@")
		c.History = append(c.History, Entry{Date: d(date), Do: do})
	}
	for k, v := range fields {
		if c.Fields == nil {
			c.Fields = Fields{}
		}
		c.Fields[k] = FieldValue{Scalar: v}
	}
	return c
}

func TestClockItem(t *testing.T) {
	t.Parallel()
	today := d("2026-03-10")
	for _, tc := range []struct {
		name, clock string
		fields      map[string]string
		steps       []string
		want        string // due date, "" when not running
	}{
		{"starts on an action", "{start: refer, stop: [complete], days: 30}", nil, []string{"refer@2026-01-05"}, "2026-02-04"},
		{"the last start restarts it", "{start: refer, stop: [complete], days: 30}", nil, []string{"refer@2026-01-05", "refer@2026-01-20"}, "2026-02-19"},
		{"stopped by a stop action after the start", "{start: refer, stop: [complete, fail], days: 30}", nil, []string{"refer@2026-01-05", "fail@2026-01-09"}, ""},
		{"a stop before the start does not stop it", "{start: refer, stop: [complete], days: 30}", nil, []string{"refer@2026-01-05", "complete@2026-01-06", "refer@2026-01-07"}, "2026-02-06"},
		{"not started", "{start: refer, stop: [complete], days: 30}", nil, nil, ""},
		{"starts on received", "{start: received, stop: [refer], days: 10}", nil, nil, "2026-01-12"},
		{"received, stopped", "{start: received, stop: [refer], days: 10}", nil, []string{"refer@2026-01-05"}, ""},
		{"business days skip weekends and holidays", "{start: refer, stop: [complete], days: 5, business: true}", nil, []string{"refer@2026-02-12"}, "2026-02-20"},
		{"starts on a date field", "{start: fields.expiry, stop: [complete], days: 30}", map[string]string{"expiry": "2026-04-01"}, nil, "2026-05-01"},
		{"a date field not set", "{start: fields.expiry, stop: [complete], days: 30}", nil, nil, ""},
		{"a date field, any stop in the history", "{start: fields.expiry, stop: [complete], days: 30}", map[string]string{"expiry": "2026-04-01"}, []string{"complete@2026-01-09"}, ""},
		{"before: an expiry warned 180 days ahead", "{start: fields.expiry, before: true, days: 180}", map[string]string{"expiry": "2027-06-30"}, nil, "2027-01-01"},
		{"due on the date itself, shown warn days ahead", "{start: fields.expiry, before: true, days: 0, warn: 180}", map[string]string{"expiry": "2027-06-30"}, nil, "2027-06-30"},
		{"before in business days", "{start: fields.expiry, before: true, days: 5, business: true}", map[string]string{"expiry": "2026-02-23"}, nil, "2026-02-13"},
		{"by: the length of the program", "{start: refer, stop: [complete], by: program, days_by: {pmrg: 180, paj: 90}}", map[string]string{"program": "paj"}, []string{"refer@2026-01-05"}, "2026-04-05"},
		{"by: a value without a length", "{start: refer, stop: [complete], by: program, days_by: {pmrg: 180}}", map[string]string{"program": "paj"}, []string{"refer@2026-01-05"}, ""},
		{"by: a value without a length takes days", "{start: refer, stop: [complete], by: program, days_by: {pmrg: 180}, days: 60}", map[string]string{"program": "paj"}, []string{"refer@2026-01-05"}, "2026-03-06"},
		{"by: the field not set", "{start: refer, stop: [complete], by: program, days_by: {pmrg: 180}}", nil, []string{"refer@2026-01-05"}, ""},
		{"every: the next occurrence", "{start: refer, stop: [complete], every: 30}", nil, []string{"refer@2026-01-01"}, "2026-04-01"},
		{"every: today counts", "{start: refer, stop: [complete], every: 30}", nil, []string{"refer@2026-01-09"}, "2026-03-10"},
		{"every: not yet due the first time", "{start: refer, stop: [complete], every: 30}", nil, []string{"refer@2026-03-01"}, "2026-03-31"},
		{"every after a first length", "{start: refer, stop: [complete], days: 90, every: 30}", nil, []string{"refer@2026-01-01"}, "2026-04-01"},
		{"every, stopped", "{start: refer, stop: [complete], every: 30}", nil, []string{"refer@2026-01-01", "complete@2026-02-01"}, ""},
		{"a built-in clock does not run", "{days: 30}", nil, []string{"refer@2026-01-05"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := clockProfile(t, "  c: "+tc.clock+"\n")
			c := clockCase(tc.fields, tc.steps...)
			it, ok := p.ClockItem(c, &p.Deadlines[0], today)
			got := ""
			if ok {
				got = it.Due.String()
			}
			if got != tc.want {
				t.Fatalf("due %q, want %q", got, tc.want)
			}
			items := p.ClockItems(c, today)
			if ok != (len(items) == 1) {
				t.Fatalf("ClockItems %+v, ClockItem ok %v", items, ok)
			}
			c.Status = StatusClosed
			if len(p.ClockItems(c, today)) != 0 {
				t.Fatal("a closed case has no clock running")
			}
		})
	}
}

// A clock's item carries its name, labels and warning, and DueItemsOn lists it with the rest.
func TestClockItemParts(t *testing.T) {
	t.Parallel()
	p := clockProfile(t, "  program: {start: refer, stop: [complete], days: 30, warn: 10, en: Program ends, fr: Fin du programme}\n")
	c := clockCase(nil, "refer@2026-01-05")
	items := DueItemsOn(c, p, d("2026-01-06"))
	if len(items) != 1 {
		t.Fatalf("DueItemsOn: %+v", items)
	}
	it := items[0]
	if it.Clock != "program" || it.Kind != "program" || it.What != "Program ends" || it.Label.Label("fr") != "Fin du programme" || it.Warn != 10 || it.ID != c.ID {
		t.Fatalf("item: %+v", it)
	}
	if due, ok := p.ClockDue(c, "program", d("2026-01-06")); !ok || due != d("2026-02-04") {
		t.Fatalf("ClockDue: %s %v", due, ok)
	}
	if _, ok := p.ClockDue(c, "nothing", d("2026-01-06")); ok {
		t.Fatal("ClockDue of an undeclared clock")
	}
}

// A whole number is a clock's days; ClocksOf reads the built-in lengths by name.
func TestClockShorthand(t *testing.T) {
	t.Parallel()
	var defs ClockDefs
	if err := yaml.Unmarshal([]byte("referral_report: 90\nstatus_update: {days: 45, en: Update}\nprogram: {start: refer, days: 3}\n"), &defs); err != nil {
		t.Fatal(err)
	}
	got := ClocksOf(defs)
	if got != (Clocks{ReferralReport: 90, StatusUpdate: 45}) {
		t.Fatalf("ClocksOf: %+v", got)
	}
	if defs[0].Name != "referral_report" || defs[0].Line != 1 || defs[2].Start != "refer" {
		t.Fatalf("decoded: %+v", defs)
	}
	if err := yaml.Unmarshal([]byte("referral_report: soon\n"), &defs); err == nil || !strings.Contains(err.Error(), "whole number") {
		t.Fatalf("a length that is not a number: %v", err)
	}
}

// Properties over many histories: a clock is never due before it starts (unless it falls due
// before its date), a stopped clock is never listed, and a listed repeating clock is never past.
func TestClockProperties(t *testing.T) {
	t.Parallel()
	actions := []string{"refer", "report", "complete", "fail", "renew"}
	clocks := []string{
		"{start: refer, stop: [complete, fail], days: 30}",
		"{start: refer, stop: [complete], days: 10, business: true}",
		"{start: report, stop: [fail], every: 20}",
		"{start: renew, stop: [complete], days: 40, every: 15}",
		"{start: received, stop: [refer], days: 7}",
		"{start: fields.expiry, stop: [fail], days: 25}",
		"{start: fields.expiry, before: true, days: 60}",
		"{start: refer, stop: [complete], by: program, days_by: {pmrg: 180, paj: 90}}",
	}
	rng := rand.New(rand.NewPCG(14, 14))
	for _, clock := range clocks {
		p := clockProfile(t, "  c: "+clock+"\n")
		def := &p.Deadlines[0]
		for range 300 {
			var steps []string
			day := d("2026-01-02")
			for range rng.IntN(6) {
				day = day.AddDays(rng.IntN(40))
				steps = append(steps, actions[rng.IntN(len(actions))]+"@"+day.String())
			}
			fields := map[string]string{"expiry": day.AddDays(rng.IntN(400) - 100).String(), "program": []string{"pmrg", "paj", ""}[rng.IntN(3)]}
			c := clockCase(fields, steps...)
			today := d("2026-01-02").AddDays(rng.IntN(300))
			it, ok := p.ClockItem(c, def, today)
			start, after, started := clockStart(c, def)
			stopped := started && slices.ContainsFunc(c.History[after+1:], func(e Entry) bool { return slices.Contains(def.Stop, e.Do) })
			what := fmt.Sprintf("clock %s, history %v, fields %v, today %s", clock, steps, fields, today)
			switch {
			case ok && !started:
				t.Fatalf("%s: listed %s without a start", what, it.Due)
			case ok && stopped:
				t.Fatalf("%s: stopped but listed %s", what, it.Due)
			case ok && !def.Before && !it.Due.After(start):
				t.Fatalf("%s: due %s, not after its start %s", what, it.Due, start)
			case ok && def.Before && !it.Due.Before(start):
				t.Fatalf("%s: a before clock due %s, not before its date %s", what, it.Due, start)
			case ok && def.Every > 0 && it.Due.Before(today):
				t.Fatalf("%s: a repeating clock listed in the past: %s", what, it.Due)
			case !ok && started && !stopped && def.By == "":
				t.Fatalf("%s: started and not stopped but not listed", what)
			}
		}
	}
}

func TestCheckClocks(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ clock, want string }{
		{"{start: refer, stop: [complete], days: 30, en: A, fr: B}", ""},
		{"{start: fields.expiry, before: true, days: 180, en: A, fr: B}", ""},
		{"{start: refer, stop: [complete], by: program, days_by: {pmrg: 180, paj: 90}, en: A, fr: B}", ""},
		{"{start: refer, stop: [complete], by: program, days_by: {pmrg: 180}, days: 30, en: A, fr: B}", ""},
		{"{start: received, stop: [refer, create], every: 30, en: A, fr: B}", ""},
		{"{start: fields.expiry, before: true, warn: 180, en: A, fr: B}", ""},
		{"{start: refr, stop: [complete], days: 30, en: A, fr: B}", `dossier.yaml:2: clocks.c.start: unknown action "refr" (did you mean refer?): use an action of the workflow, fields.NAME of a date field, or received`},
		{"{start: fields.expiri, stop: [complete], days: 30, en: A, fr: B}", `dossier.yaml:2: clocks.c.start: unknown field "expiri" (did you mean expiry?): declare it under fields: (kind: date)`},
		{"{start: fields.notes, stop: [complete], days: 30, en: A, fr: B}", `dossier.yaml:2: clocks.c.start: field "notes" is of kind text: a clock starts on a date field`},
		{"{stop: [complete], days: 30, en: A, fr: B}", `dossier.yaml:2: clocks.c.start: missing: say what starts the clock (an action, fields.NAME of a date field, or received)`},
		{"{start: refer, stop: [complet], days: 30, en: A, fr: B}", `dossier.yaml:2: clocks.c.stop: unknown action "complet" (did you mean complete?): use an action of the workflow`},
		{"{start: refer, days: 30, en: A, fr: B}", `dossier.yaml:2: clocks.c.stop: the clock never stops: list the actions that stop it (stop: [ACTION...])`},
		{"{start: refer, stop: [complete], by: notes, days_by: {x: 3}, en: A, fr: B}", `dossier.yaml:2: clocks.c.by: field "notes" is of kind text: the length is chosen by a code field`},
		{"{start: refer, stop: [complete], by: programme, days_by: {x: 3}, en: A, fr: B}", `dossier.yaml:2: clocks.c.by: unknown field "programme" (did you mean program?): name a declared field of kind code`},
		{"{start: refer, stop: [complete], by: program, days_by: {pmrg: 180}, en: A, fr: B}", `dossier.yaml:2: clocks.c.days_by: no length for program "paj": add paj: DAYS (or days: for the codes not listed)`},
		{"{start: refer, stop: [complete], by: program, days_by: {pmrg: 180, paj: 9, pmrx: 3}, en: A, fr: B}", `dossier.yaml:2: clocks.c.days_by.pmrx: unknown code "pmrx" of field program (did you mean pmrg?): use one of pmrg, paj`},
		{"{start: refer, stop: [complete], by: program, days_by: {pmrg: 180, paj: 0}, en: A, fr: B}", `dossier.yaml:2: clocks.c.days_by.paj: 0: a clock lasts at least one day`},
		{"{start: refer, stop: [complete], days_by: {pmrg: 180}, days: 3, en: A, fr: B}", `dossier.yaml:2: clocks.c.days_by: lengths by value without a field: name it with by: FIELD`},
		{"{start: refer, stop: [complete], days: -3, en: A, fr: B}", `dossier.yaml:2: clocks.c.days: -3: a clock lasts at least one day`},
		{"{start: refer, stop: [complete], en: A, fr: B}", `dossier.yaml:2: clocks.c.days: 0: a clock lasts at least one day`},
		{"{start: refer, stop: [complete], days: 3, every: -1, en: A, fr: B}", `dossier.yaml:2: clocks.c.every: -1: a clock repeats at least every day`},
		{"{start: refer, stop: [complete], days: 3, warn: -1, en: A, fr: B}", `dossier.yaml:2: clocks.c.warn: -1: warn so many days before the deadline (a positive number)`},
		{"{start: fields.expiry, before: true, every: 30, days: 3, en: A, fr: B}", `dossier.yaml:2: clocks.c.every: a before clock falls due once, before its date: drop every or before`},
		{"{start: refer, stop: [complete], days: 30, fr: B}", `dossier.yaml:2: clocks.c.en: missing: give the clock an English label`},
		{"{start: refer, stop: [complete], days: 30, en: A}", `dossier.yaml:2: clocks.c.fr: missing: give the clock a French label`},
	} {
		p := clockProfile(t, "  c: "+tc.clock+"\n")
		p.Deadlines[0].Line = 2
		var got []string
		for _, pr := range p.CheckClocks() {
			got = append(got, pr.Error())
		}
		if (tc.want == "" && len(got) > 0) || (tc.want != "" && (len(got) != 1 || got[0] != tc.want)) {
			t.Errorf("%s:\n got %q\nwant %q", tc.clock, got, tc.want)
		}
	}
}

// A French-only office needs no English labels.
func TestCheckClocksOfficeLanguages(t *testing.T) {
	t.Parallel()
	p := clockProfile(t, "  c: {start: refer, stop: [complete], days: 30, fr: B}\n")
	p.Languages = Codes{{Code: "fr"}}
	if probs := p.CheckClocks(); len(probs) > 0 {
		t.Fatalf("got %v", probs)
	}
	p.Languages = Codes{{Code: "fr"}, {Code: "en"}}
	if probs := p.CheckClocks(); len(probs) != 1 || probs[0].Field != "clocks.c.en" {
		t.Fatalf("got %v", probs)
	}
}

// A clock may not take the name of a built-in deadline; a built-in clock needs no start; a
// profile without declared actions starts clocks on the Ontario verbs.
func TestCheckClocksBuiltins(t *testing.T) {
	t.Parallel()
	p := testProfile(t)
	if probs := p.CheckClocks(); len(probs) > 0 {
		t.Fatalf("Ontario's clocks: %v", probs)
	}
	p.Deadlines = append(p.Deadlines, ClockDef{Name: "Due\x1b[31m", Start: ActRefer, Stop: []string{ActReturn}, Days: 3, En: "A", Fr: "B", Line: 8})
	if probs := p.CheckClocks(); len(probs) != 1 || !strings.Contains(probs[0].Error(), "is not a clock name") {
		t.Fatalf("got %v", probs)
	}
	p.Deadlines = p.Deadlines[:len(p.Deadlines)-1]
	p.Deadlines = append(p.Deadlines, ClockDef{Name: "forwarding", Start: ActRefer, Stop: []string{ActReturn}, Days: 3, En: "A", Fr: "B", Line: 9})
	probs := p.CheckClocks()
	if len(probs) != 1 || probs[0].Error() != `dossier.yaml:9: clocks.forwarding: "forwarding" is the name of a built-in deadline: choose another name` {
		t.Fatalf("got %v", probs)
	}
}
