package letters

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/privacy"
)

func testEnv(t *testing.T, lang string) *env {
	p, _, _ := testProfile(t)
	return &env{lang: lang, in: &Input{Case: &records.Case{ID: "X"}, Profile: p, Today: day("2026-03-02")}}
}

// Every helper fails on a zero value (not only on a missing key): a letter never says "on ,".
func TestHelpersFailOnZeroValues(t *testing.T) {
	e := testEnv(t, "fr")
	var zero *ErrZero
	check := func(what string, err error) {
		t.Helper()
		if !errors.As(err, &zero) {
			t.Errorf("%s: want an ErrZero, got %v", what, err)
		}
	}
	_, err := e.date(records.Date{})
	check("date", err)
	_, err = e.label("outcome", "")
	check("label outcome", err)
	_, err = e.label("partner", "  ")
	check("label partner", err)
	_, err = e.labels("ground", nil)
	check("labels", err)
	_, err = e.quote(" \n")
	check("quote", err)
	_, err = e.deadline("review_request", records.Date{})
	check("deadline", err)
	_, err = e.daysLate(records.Date{})
	check("daysLate", err)
	_, err = required("")
	check("required text", err)
	_, err = required(records.Date{})
	check("required date", err)
	_, err = markData(records.Date{})
	check("printed date", err)

	if got := e.optdate(records.Date{}); got != "" {
		t.Errorf("optdate(zero) = %q", got)
	}
	if got, err := e.date(day("2026-08-01")); err != nil || got != "1er août 2026" {
		t.Errorf("date = %q, %v", got, err)
	}
	if got, err := e.label("item", "medical-records"); err != nil || got != "Dossier médical" {
		t.Errorf("label item = %q, %v", got, err)
	}
	if got, err := e.label("item", "x-rays"); err != nil || got != "x-rays" {
		t.Errorf("an item the profile does not list prints as written: %q, %v", got, err)
	}
	if got, err := e.label("ground", "frivolous"); err != nil || got != "Frivole" {
		t.Errorf("label ground frivolous = %q, %v: the statute's word", got, err)
	}
}

func TestDefaultAndRequired(t *testing.T) {
	for _, c := range []struct {
		v    any
		want any
	}{
		{"", "instead"}, {"  ", "instead"}, {"Marie", "Marie"}, {records.Date{}, "instead"},
		{day("2026-01-15"), day("2026-01-15")}, {[]string(nil), "instead"}, {[]string{"a"}, []string{"a"}}, {nil, "instead"},
	} {
		got := byDefault("instead", c.v)
		if gs, ok := got.([]string); ok {
			if strings.Join(gs, ",") != strings.Join(c.want.([]string), ",") {
				t.Errorf("default(%v) = %v", c.v, got)
			}
			continue
		}
		if got != c.want {
			t.Errorf("default(%#v) = %#v, want %#v", c.v, got, c.want)
		}
	}
	if v, err := required("Ontario Ombudsman"); err != nil || v != "Ontario Ombudsman" {
		t.Errorf("required = %v, %v", v, err)
	}
}

func referralCase() *records.Case {
	return &records.Case{
		ID: "2026-0001", Status: records.StatusReferred, Received: day("2026-01-10"),
		Referrals: []records.Referral{
			{To: "ottawa-ps", Purpose: "investigation", Sent: day("2026-01-10"), Due: day("2026-02-10")},
			{To: "siu", Purpose: "information", Sent: day("2026-01-12"), Due: day("2026-02-01")},
		},
		Requests: []records.Request{
			{Item: "statement", From: "Jean Dupont", Sent: day("2026-01-10"), Due: day("2026-02-10")},
			{Item: "photos", From: "complainant", Sent: day("2026-01-10"), Due: day("2026-02-10")},
		},
	}
}

func TestCheckChoosesTheObligation(t *testing.T) {
	p, _, _ := testProfile(t)
	s := loadSet(t, nil)
	reminder, _ := s.Get("overdue-reminder", "en")
	c := referralCase()

	// before either is due: not applicable
	_, err := reminder.Check(c, p, day("2026-01-31"), Choice{})
	var na *NotApplicableError
	if !errors.As(err, &na) {
		t.Fatalf("want not applicable, got %v", err)
	}
	// one overdue: chosen without a flag
	sub, err := reminder.Check(c, p, day("2026-02-05"), Choice{})
	if err != nil || sub.Referral != 1 {
		t.Fatalf("got %+v, %v; want the siu referral", sub, err)
	}
	// two overdue: a choice is needed
	_, err = reminder.Check(c, p, day("2026-02-20"), Choice{})
	var ch *ChoiceError
	if !errors.As(err, &ch) || len(ch.Choices) != 2 {
		t.Fatalf("want a choice of 2, got %v", err)
	}
	if sub, err := reminder.Check(c, p, day("2026-02-20"), Choice{Referral: "ottawa-ps"}); err != nil || sub.Referral != 0 {
		t.Fatalf("--referral ottawa-ps: %+v, %v", sub, err)
	}
	// a report back on time is not overdue
	c.Referrals[1].Returned = day("2026-01-30")
	if sub, err := reminder.Check(c, p, day("2026-02-20"), Choice{}); err != nil || sub.Referral != 0 {
		t.Fatalf("after siu's return: %+v, %v", sub, err)
	}

	// the complainant's letter speaks of the complainant's request only
	req, _ := s.Get("information-request", "en")
	sub, err = req.Check(c, p, day("2026-01-20"), Choice{})
	if err != nil || len(sub.Requests) != 1 || sub.Requests[0] != 1 {
		t.Fatalf("information-request: %+v, %v", sub, err)
	}
}

func TestDecisionIsTheInvestigationsNotTheLastReferral(t *testing.T) {
	p, _, _ := testProfile(t)
	c := referralCase()
	c.Referrals[0].Returned, c.Referrals[0].Finding = day("2026-03-01"), "unsubstantiated"
	c.Referrals[1].Returned = day("2026-03-20")
	d := LatestDecision(c)
	if d == nil || d.By != "ottawa-ps" || d.Date != day("2026-03-01") {
		t.Fatalf("decision = %+v", d)
	}
	if !reviewWindowOpen(c, p, d, day("2026-03-31")) || reviewWindowOpen(c, p, d, day("2026-04-01")) {
		t.Error("the window is open 30 days after the decision, and closed the day after")
	}
	c.Review = &records.Review{Requested: day("2026-03-10")}
	if reviewWindowOpen(c, p, d, day("2026-03-15")) {
		t.Error("a review already requested closes the window")
	}
}

func TestWidening(t *testing.T) {
	pol := privacy.Policy{"complainant": {"id", "complainant"}, "public": {"id"}}
	if f, err := pol.Widens("complainant", "public"); err != nil || len(f) == 0 || f[0] != "complainant.name" {
		t.Errorf("complainant over public: %v, %v", f, err)
	}
	if f, err := pol.Widens("public", "complainant"); err != nil || len(f) != 0 {
		t.Errorf("public over complainant: %v, %v", f, err)
	}
	if f, _ := pol.Widens("internal", "complainant"); !strings.Contains(strings.Join(f, ","), "notes") {
		t.Errorf("internal over complainant should include the notes: %v", f)
	}
}

// A letter to a party never shows what was asked of another party, even to a template that
// ranges over every request.
func TestPartyLetterShowsOnlyItsOwnRequests(t *testing.T) {
	p, _, _ := testProfile(t)
	repo := fstest.MapFS{
		"templates/letters/asked.en.md.tmpl": {Data: []byte("---\nreader: complainant\napplies: {status: [referred]}\n---\n{{range .Case.Requests}}[{{.Item}} from {{.From}}]{{end}}\n")},
	}
	tmpl, err := loadSet(t, repo).Get("asked", "en")
	if err != nil {
		t.Fatal(err)
	}
	c := referralCase()
	d, err := Render(tmpl, Input{Case: c, Full: c, Profile: p, Lang: "en", To: "complainant", Today: day("2026-01-20")})
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Text(TextWidth); got != "[photos from complainant]\n" {
		t.Errorf("got %q", got)
	}
	d, err = Render(tmpl, Input{Case: c, Full: c, Profile: p, Lang: "en", To: "internal", Today: day("2026-01-20")})
	if err != nil || !strings.Contains(d.Text(TextWidth), "Jean Dupont") {
		t.Errorf("internal sees every request: %v", err)
	}
}
