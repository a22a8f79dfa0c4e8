package letters

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/privacy"
	"github.com/dossier-dev/dossier/templates"
	"go.yaml.in/yaml/v3"
)

// quebecProfile reads what the Quebec letters need of the embedded profile: its declared
// fields and workflow, partners, types and outcomes, and its office.
func quebecProfile(t *testing.T) (*records.Profile, func(lang string) Office) {
	t.Helper()
	data, err := templates.FS.ReadFile("profiles/quebec-alternative-measures.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Profile  string            `yaml:"profile"`
		Fields   records.FieldDefs `yaml:"fields"`
		Workflow records.Workflow  `yaml:"workflow"`
		Clocks   records.ClockDefs `yaml:"clocks"`
		Partners records.Codes     `yaml:"partners"`
		Codes    struct {
			Languages records.Codes            `yaml:"languages"`
			Types     records.Codes            `yaml:"types"`
			Outcomes  map[string]records.Codes `yaml:"outcomes"`
		} `yaml:"codes"`
		Office struct {
			Name, Signature map[string]string
			Address, Phone  string
			Email           string
		} `yaml:"office"`
	}
	if err := yaml.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	p := &records.Profile{Name: f.Profile, Fields: f.Fields, Workflow: f.Workflow, Partners: f.Partners, Deadlines: f.Clocks,
		Languages: f.Codes.Languages, Types: f.Codes.Types, Outcomes: f.Codes.Outcomes}
	office := func(lang string) Office {
		return Office{Name: f.Office.Name[lang], Address: f.Office.Address[:len(f.Office.Address)-1], Phone: f.Office.Phone, Email: f.Office.Email, Signature: f.Office.Signature[lang]}
	}
	return p, office
}

// quebecCase is a referral to the general program at each stage its letters are written.
func quebecCase(stage string) *records.Case {
	entry := func(date, do, detail string) records.Entry {
		d := day(date)
		return records.Entry{At: records.Timestamp{Time: d.Time()}, Date: d, By: "coord", Do: do, Detail: detail}
	}
	c := &records.Case{
		ID: "2026-QC7M2", Language: "fr", Received: day("2026-01-12"), Status: "received",
		Fields: records.Fields{
			"program": {Scalar: "pmrg"}, "district": {Scalar: "montreal"}, "indigenous": {Scalar: "non"},
			"person": {Scalar: "Jean Tremblay"}, "person_address": {Scalar: "1234, rue Ontario Est, Montréal (Québec)  H2L 1P1"},
			"court_file": {Scalar: "500-01-234567-261"}, "offences": {Scalar: "Méfait de moins de 5 000 $"},
			"prosecutor": {Scalar: "Me Sophie Gagnon"},
		},
		History: []records.Entry{entry("2026-01-12", "create", "")},
	}
	if stage == "received" {
		return c
	}
	c.Status = "sent"
	c.History = append(c.History, entry("2026-01-20", "admit", ""), entry("2026-01-22", "refer", "equijustice-montreal"))
	c.Referrals = []records.Referral{{To: "equijustice-montreal", Sent: day("2026-01-22"), Due: day("2026-03-08")}}
	if stage == "sent" {
		return c
	}
	c.Status = "agreement"
	c.Fields["measure"] = records.FieldValue{Scalar: "reparation-collectivite"}
	c.Fields["hours"] = records.FieldValue{Scalar: "40"}
	c.History = append(c.History, entry("2026-02-25", "sign", ""))
	switch stage {
	case "completed":
		c.Status = "closed"
		c.History = append(c.History, entry("2026-06-30", "complete", ""))
		c.Disposition = &records.Disposition{Outcome: "completed", Closed: day("2026-06-30")}
	case "failed":
		c.Status = "closed"
		c.History = append(c.History, entry("2026-05-15", "fail", ""))
		c.Disposition = &records.Disposition{Outcome: "failed", Closed: day("2026-05-15"), Reason: "La personne ne s’est pas présentée aux travaux convenus."}
	}
	return c
}

// TestQuebecLetters renders each letter of the Quebec profile in French and English at the
// stage it is written for, and refuses it at the stages it is not.
func TestQuebecLetters(t *testing.T) {
	p, office := quebecProfile(t)
	s, err := LoadProfile(templates.FS, p.Name, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Names(); !slices.Equal(got, []string{"completion-notice", "failure-notice", "notice-person", "referral-organisation"}) {
		t.Fatalf("the Quebec profile's letters are %v", got)
	}
	stages := []string{"received", "sent", "agreement", "completed", "failed"}
	applies := map[string][]string{
		"referral-organisation": {"sent"},
		"notice-person":         {"sent", "agreement"},
		"completion-notice":     {"completed"},
		"failure-notice":        {"failed"},
	}
	for name, ok := range applies {
		for _, lang := range []string{"fr", "en"} {
			tmpl, err := s.Get(name, lang)
			if err != nil {
				t.Fatal(err)
			}
			for _, stage := range stages {
				c := quebecCase(stage)
				d, err := Render(tmpl, Input{Case: c, Profile: p, Lang: lang, To: tmpl.Reader, Today: day("2026-07-02"), Office: office(lang)})
				var na *NotApplicableError
				if !slices.Contains(ok, stage) {
					if !errors.As(err, &na) {
						t.Errorf("%s.%s at stage %s: want a refusal, got %v", name, lang, stage, err)
					}
					continue
				}
				if err != nil {
					t.Fatalf("%s.%s at stage %s: %v", name, lang, stage, err)
				}
				if stage != ok[0] {
					continue
				}
				var b bytes.Buffer
				if err := d.Write(&b, "md"); err != nil {
					t.Fatal(err)
				}
				golden(t, "quebec/"+name+"."+lang+".md", b.Bytes())
			}
		}
	}
}

// The Ontario offices keep the default letters: a profile without letters of its own, and no
// profile at all, load the same set.
func TestProfileWithoutLettersKeepsTheDefaults(t *testing.T) {
	a, err := LoadProfile(templates.FS, "ontario-oversight", nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load(templates.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.Names(), b.Names()) || slices.Contains(a.Names(), "notice-person") {
		t.Errorf("ontario-oversight letters %v, default letters %v", a.Names(), b.Names())
	}
}

func TestQuebecLettersCheck(t *testing.T) {
	p, _ := quebecProfile(t)
	s, err := LoadProfile(templates.FS, p.Name, nil)
	if err != nil {
		t.Fatal(err)
	}
	var statuses, actions []string
	for _, st := range p.Workflow.Statuses {
		statuses = append(statuses, st.Code)
	}
	for _, a := range p.Workflow.Actions {
		actions = append(actions, a.Name)
	}
	policy := privacy.Policy{"organisation": {"id"}, "person": {"id"}, "prosecutor": {"id"}, "public": {"id"}}
	probs := s.Check(CheckOptions{Langs: []string{"fr", "en"}, Policy: policy, Statuses: statuses, Actions: actions, Outcomes: p.AllOutcomes().List()})
	for _, pr := range probs {
		t.Error(pr)
	}
	probs = s.Check(CheckOptions{Langs: []string{"fr", "en"}, Policy: policy, Statuses: statuses, Actions: []string{"admit"}, Outcomes: []string{"completed"}})
	if len(probs) == 0 {
		t.Error("check accepts letters whose after: and outcome: name unknown actions and outcomes")
	}
}
