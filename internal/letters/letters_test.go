package letters

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/privacy"
	"github.com/dossier-dev/dossier/templates"
)

func testProfile(t testing.TB) (*records.Profile, config.Office, privacy.Policy) {
	t.Helper()
	s, err := config.Defaults()
	if err != nil {
		t.Fatal(err)
	}
	return s.Profile, s.Office, s.Disclosure
}

func officeIn(o config.Office, lang string) Office {
	return Office{Name: o.Name.In(lang), Address: o.Address.In(lang), Phone: o.Phone.In(lang), Email: o.Email.In(lang), Signature: o.Signature.In(lang)}
}

func day(s string) records.Date {
	d, err := records.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func act(date string) records.Act {
	d := day(date)
	return records.Act{Actor: "jdoe", Now: d.Time().Add(15 * time.Hour), Date: d}
}

// stages builds one realistic complaint through its life and returns, for every default
// template, the case as it stands when that letter is sent and the letter's date.
func stages(t testing.TB, p *records.Profile) map[string]struct {
	c     *records.Case
	today records.Date
} {
	t.Helper()
	type stage = struct {
		c     *records.Case
		today records.Date
	}
	out := map[string]stage{}
	snap := func(name string, c *records.Case, today string) {
		cp, err := privacy.Redact(c, privacy.Policy{}, records.AudienceInternal)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = stage{cp, day(today)}
	}
	ok := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	c := &records.Case{
		ID: "2026-K7M2Q", Language: "fr", Received: day("2026-01-15"), Channel: "email",
		Complainant: &records.Party{Name: "Marie Tremblay", Email: "marie.tremblay@example.org", Phone: "+1 613 555 0100", Address: "12, rue Principale\nOttawa ON  K1N 5T5"},
		Respondent:  &records.Respondent{Service: "ottawa-ps", Officers: []records.Officer{{Name: "Cst. J. Smith", Badge: "1234"}, {Name: "Sgt. A. Roy", Badge: "5678"}}},
		Incident:    &records.Incident{Date: day("2025-12-20"), Location: "Ottawa, rue Rideau"},
		Summary:     "Allègue qu’un agent a tenu des propos grossiers et l’a poussée contre un véhicule lors d’une interpellation.\nDit avoir consulté un médecin le lendemain.",
	}
	records.NewCase(c, p, act("2026-01-15"))
	ok(records.Classify(c, p, act("2026-01-16"), "conduct", []string{"discreditable-conduct", "unlawful-exercise-of-authority"}, []string{"vulnerable-person"}))
	snap("acknowledgement", c, "2026-01-16")
	ok(records.RequestItem(c, p, act("2026-01-16"), "medical-records", "complainant", records.Date{}))
	snap("information-request", c, "2026-01-16")

	out1, err := privacy.Redact(c, privacy.Policy{}, records.AudienceInternal)
	ok(err)
	ok(records.ScreenOut(out1, p, act("2026-01-20"), []string{"other-law", "not-public-interest"}))
	snap("screened-out", out1, "2026-01-20")
	out2, err := privacy.Redact(c, privacy.Policy{}, records.AudienceInternal)
	ok(err)
	ok(records.Redirect(out2, p, act("2026-01-17"), "Ontario Ombudsman", "no jurisdiction: a municipal by-law officer"))
	snap("redirected", out2, "2026-01-17")

	redirected, err := privacy.Redact(c, privacy.Policy{}, records.AudienceInternal)
	ok(err)
	redirect(t, redirected, p, act("2026-01-17"))
	snap("redirected", redirected, "2026-01-17")

	ok(records.ScreenIn(c, p, act("2026-01-20")))
	ok(records.Refer(c, p, act("2026-01-21"), "ottawa-ps", "investigation", records.Date{}))
	snap("referral-notice", c, "2026-01-21")
	snap("referral-notice-complainant", c, "2026-01-21")
	ok(records.RequestReceived(c, p, act("2026-02-01"), "medical-records", ""))
	ok(records.ReferralUpdate(c, p, act("2026-03-07"), records.ReferralChoice{}))
	ok(records.Note(c, p, act("2026-03-08"), "Complainant called, very upset; internal only."))
	snap("status-update", c, "2026-03-10")
	snap("overdue-reminder", c, "2026-05-30")
	ok(records.ReferralReturned(c, p, act("2026-06-10"), records.ReferralChoice{}, "unsubstantiated"))
	ok(records.Close(c, p, act("2026-06-12"), "unsubstantiated", "Police finding accepted"))
	snap("closing", c, "2026-06-12")
	_, err = records.ReviewRequest(c, p, act("2026-06-25"))
	ok(err)
	snap("review-acknowledgement", c, "2026-06-26")
	snap("review-summary", c, "2026-06-30")
	return out
}

func loadSet(t testing.TB, repo fs.FS) *Set {
	t.Helper()
	s, err := Load(templates.FS, repo)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func render(t testing.TB, s *Set, name, lang, to string, c *records.Case, today records.Date) *Doc {
	t.Helper()
	p, office, pol := testProfile(t)
	tmpl, err := s.Get(name, lang)
	if err != nil {
		t.Fatal(err)
	}
	if to == "" {
		to = tmpl.Reader
	}
	r, err := privacy.Redact(c, pol, to)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Render(tmpl, Input{Case: r, Profile: p, Lang: lang, To: to, Today: today, Office: officeIn(office, lang)})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// golden compares got with testdata/golden/NAME; UPDATE_GOLDEN=1 rewrites the file.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if os.Getenv("UPDATE_GOLDEN") != "" {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with UPDATE_GOLDEN=1 to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (UPDATE_GOLDEN=1 rewrites it); got:\n%s", path, got)
	}
}

// TestGoldenLetters renders every default template in both languages, in every format, for one
// complaint at the stage of its life where that letter is sent.
func TestGoldenLetters(t *testing.T) {
	t.Parallel()
	p, _, _ := testProfile(t)
	st := stages(t, p)
	s := loadSet(t, nil)
	if len(s.Names()) != 11 {
		t.Errorf("default templates: %v", s.Names())
	}
	for _, name := range s.Names() {
		stage, ok := st[name]
		if name == "redirected" && redirectPending() {
			continue
		}
		if !ok {
			t.Fatalf("no stage for template %s", name)
		}
		for _, lang := range []string{"en", "fr"} {
			t.Run(name+"."+lang, func(t *testing.T) {
				d := render(t, s, name, lang, "", stage.c, stage.today)
				for _, format := range []string{"md", "txt", "html"} {
					var b bytes.Buffer
					if err := d.Write(&b, format); err != nil {
						t.Fatal(err)
					}
					golden(t, name+"."+lang+"."+format, b.Bytes())
				}
				var b bytes.Buffer
				if err := d.Write(&b, "pdf"); err != nil {
					t.Fatal(err)
				}
				golden(t, name+"."+lang+".pdf.txt", []byte(pdfText(t, b.Bytes())))
			})
		}
	}
}
