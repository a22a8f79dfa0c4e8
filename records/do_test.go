package records

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// doProfile is a small declared profile: a referral desk with declared fields, reasons,
// outcomes, a required field and a clock on its referral.
func doProfile(t *testing.T) *Profile {
	t.Helper()
	p := testProfile(t)
	var decl struct {
		Workflow  Workflow
		Fields    FieldDefs
		Deadlines ClockDefs `yaml:"clocks"`
	}
	y := `
fields:
  program: {kind: code, class: internal, en: Program, fr: Programme, required_before: [send],
            codes: [{code: pmrg, en: PMRG, fr: PMRG}, {code: pmra, en: PMRA, fr: PMRA}]}
  agreement: {kind: date, class: internal, en: Agreement, fr: Entente}
workflow:
  statuses:
    received: {en: Received, fr: Reçue}
    eligible: {en: Eligible, fr: Admissible}
    referred: {en: Referred, fr: Renvoyée}
    agreement: {en: Agreement, fr: Entente}
    closed: {en: Closed, fr: Fermée}
  actions:
    assess: {role: screen-in, from: [received], to: eligible, sets: [program], en: A, fr: A}
    reject:
      role: screen-out
      from: [received]
      to: closed
      final: true
      then: [note, edit, hold, lift-hold, dispose]
      reasons: [{code: no-consent, en: No consent, fr: Pas de consentement}, {code: too-late, en: Too late, fr: Trop tard}]
      en: R
      fr: R
    send: {role: refer, from: [eligible], to: referred, en: S, fr: S}
    sign: {from: [referred], to: agreement, sets: [agreement], en: G, fr: G}
    complete:
      role: close
      from: [agreement]
      to: closed
      outcomes: {"*": [{code: completed, en: Completed, fr: Terminée}]}
      en: C
      fr: C
clocks:
  program: {start: send, days: 180, by: program, days_by: {pmra: 365}}
`
	if err := yaml.Unmarshal([]byte(y), &decl); err != nil {
		t.Fatal(err)
	}
	p.Workflow, p.Fields, p.Deadlines = decl.Workflow, decl.Fields, decl.Deadlines
	if probs := p.CheckWorkflow(); len(probs) > 0 {
		t.Fatal(probs)
	}
	return p
}

func doCase(t *testing.T, p *Profile) *Case {
	t.Helper()
	c := &Case{ID: "2026-0001", Language: "fr", Received: Date{2026, 2, 27}, Channel: "email"}
	a := testAct()
	a.Date = c.Received
	NewCase(c, p, a)
	if c.Status != "received" {
		t.Fatalf("new case is %s", c.Status)
	}
	return c
}

func wantRefused(t *testing.T, err error, why string) {
	t.Helper()
	var r *RefusedError
	if !errors.As(err, &r) || !strings.Contains(r.Why, why) {
		t.Fatalf("got %v, want a refusal: …%s…", err, why)
	}
}

func wantInput(t *testing.T, err error, field, msg string) {
	t.Helper()
	var ie *InputError
	if !errors.As(err, &ie) || ie.Field != field || !strings.Contains(ie.Msg, msg) {
		t.Fatalf("got %#v, want an input error on %s: …%s…", err, field, msg)
	}
}

// A case lives through a declared workflow by do alone: fields set by the actions that set
// them, a required field refused until set, a referral due after its clock (by program), an
// outcome of the action's own list.
func TestDoDeclaredWorkflow(t *testing.T) {
	t.Parallel()
	p := doProfile(t)
	c := doCase(t, p)
	a := testAct()
	wfMust(t, Do(c, p, a, "assess", DoInput{}))
	if c.Status != "eligible" || c.Screening == nil || c.Screening.Decision != "in" {
		t.Fatalf("after assess: %s %+v", c.Status, c.Screening)
	}
	before := *c
	wantRefused(t, Do(c, p, a, "send", DoInput{To: "ottawa-ps"}), "Program (fields.program) is required before send")
	if !reflect.DeepEqual(before, *c) {
		t.Fatal("a refused step changed the case")
	}
	wantInput(t, Do(c, p, a, "send", DoInput{To: "ottawa-ps", Fields: []FieldInput{{"program", "pmra"}}}), "fields.program", "send does not set this field (it sets no field)")
	c2 := *c
	c2.Status, c2.History, c2.Screening = "received", c.History[:1], nil
	wantInput(t, Do(&c2, p, a, "assess", DoInput{Fields: []FieldInput{{"program", "pmrx"}}}), "fields.program", `unknown code "pmrx"`)
	if c2.Fields != nil || c2.Status != "received" {
		t.Fatal("a refused value changed the case")
	}
	wfMust(t, Do(&c2, p, a, "assess", DoInput{Fields: []FieldInput{{"program", "pmra"}}}))
	if got := c2.Field("program").Scalar; got != "pmra" {
		t.Fatalf("program = %q", got)
	}
	c = &c2
	early := a
	early.Date = Date{2026, 2, 28}
	wantRefused(t, Do(c, p, early, "send", DoInput{To: "ottawa-ps"}), "dated 2026-02-28, before the screening decision (2026-03-02)")
	wfMust(t, Do(c, p, a, "send", DoInput{To: "ottawa-ps"}))
	r := c.Referrals[0]
	if c.Status != "referred" || r.To != "ottawa-ps" || r.Sent != a.Date || r.Due != a.Date.AddDays(365) {
		t.Fatalf("after send: %s %+v", c.Status, r)
	}
	if d := c.History[len(c.History)-1]; d.Do != "send" || d.Detail != "ottawa-ps (investigation), due 2027-03-02" {
		t.Fatalf("entry %+v", d)
	}
	wfMust(t, Do(c, p, a, "sign", DoInput{Fields: []FieldInput{{"agreement", "2026-03-02"}}}))
	wantInput(t, Do(c, p, a, "complete", DoInput{Outcome: "substantiated"}), "disposition.outcome", `unknown outcome for a (unclassified) case "substantiated"`)
	wfMust(t, Do(c, p, a, "complete", DoInput{Outcome: "completed", Reason: "all done"}))
	if c.Status != StatusClosed || c.Outcome() != "completed" || c.Disposition.Reason != "all done" {
		t.Fatalf("after complete: %s %+v", c.Status, c.Disposition)
	}
	if got, err := p.DeriveStatus(c.History); err != nil || got != c.Status {
		t.Fatalf("replay: %s %v", got, err)
	}
}

// A screen-out role takes its reasons from the action's codes and is final.
func TestDoScreenOutReasons(t *testing.T) {
	t.Parallel()
	p := doProfile(t)
	c := doCase(t, p)
	a := testAct()
	wantInput(t, Do(c, p, a, "reject", DoInput{}), "screening.grounds", "reject needs at least one reason (no-consent, too-late)")
	wantInput(t, Do(c, p, a, "reject", DoInput{Reason: "too-lat"}), "screening.grounds", `unknown reason "too-lat"`)
	wfMust(t, Do(c, p, a, "reject", DoInput{Reason: "too-late, no-consent"}))
	if c.Status != StatusClosed || c.Outcome() != OutcomeScreenedOut || !reflect.DeepEqual(c.Screening.Grounds, []string{"too-late", "no-consent"}) {
		t.Fatalf("after reject: %s %+v %+v", c.Status, c.Disposition, c.Screening)
	}
	wantRefused(t, Do(c, p, a, "assess", DoInput{}), "the case had a reject, which is final")
}

// An unknown or built-in action is an input error listing what the case allows now; an action
// not allowed from the status is refused with the allowed verbs.
func TestDoUnknownAndRefused(t *testing.T) {
	t.Parallel()
	p := doProfile(t)
	c := doCase(t, p)
	a := testAct()
	err := Do(c, p, a, "asess", DoInput{})
	var ie *InputError
	if !errors.As(err, &ie) || ie.Error() != `unknown action "asess" (did you mean assess?); allowed from received: assess, reject` || !reflect.DeepEqual(ie.Allowed, []string{"assess", "reject"}) {
		t.Fatalf("got %v", err)
	}
	wantInput(t, Do(c, p, a, "note", DoInput{}), "", `unknown action "note"`)
	err = Do(c, p, a, "complete", DoInput{Outcome: "completed"})
	var r *RefusedError
	if !errors.As(err, &r) || err.Error() != "2026-0001: cannot complete: not allowed while the case is received (status received allows: assess, reject, note)" {
		t.Fatalf("got %v", err)
	}
}

// classify through Do writes what the classify verb writes.
func TestDoClassifyEqualsVerb(t *testing.T) {
	t.Parallel()
	p := testProfile(t)
	a := testAct()
	one, two := wfCase(t), wfCase(t)
	wfMust(t, Classify(one, p, a, "conduct", []string{"deceit"}, []string{"youth"}))
	wfMust(t, Do(two, p, a, ActClassify, DoInput{Fields: []FieldInput{{"type", "conduct"}, {"categories", "deceit"}, {"flags", "youth"}}}))
	if !reflect.DeepEqual(one, two) {
		t.Fatalf("verb:\n%+v\ndo:\n%+v", one, two)
	}
}
