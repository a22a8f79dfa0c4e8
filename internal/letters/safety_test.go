package letters

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dossier-dev/dossier/records"
)

func hostileCase() *records.Case {
	return &records.Case{
		ID: "2026-K7M2Q", Type: "conduct", Status: "received", Language: "en", Received: day("2026-01-15"),
		Complainant: &records.Party{Name: "**Bold** <b>Name</b>"},
		Summary:     "<script>alert(1)</script> {{.Office.Name}} {{template \"x\"}}\n# not a heading\n- not a list",
	}
}

func TestDataIsNeverMarkupNorTemplate(t *testing.T) {
	s := loadSet(t, nil)
	d := render(t, s, "acknowledgement", "en", "", hostileCase(), day("2026-01-16"))
	var html, md bytes.Buffer
	if err := d.Write(&html, "html"); err != nil {
		t.Fatal(err)
	}
	if err := d.Write(&md, "md"); err != nil {
		t.Fatal(err)
	}
	txt := d.Text(TextWidth)
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "{{.Office.Name}}", "**Bold** &lt;b&gt;Name&lt;/b&gt;", "# not a heading", "- not a list"} {
		if !strings.Contains(html.String(), want) {
			t.Errorf("html lacks %q", want)
		}
	}
	if strings.Contains(html.String(), "<script>") || strings.Contains(html.String(), "<h1>not a heading") || strings.Contains(html.String(), "<strong>Bold") {
		t.Errorf("data became markup:\n%s", html.String())
	}
	for _, want := range []string{`\<script\>`, "{{.Office.Name}}", `\*\*Bold\*\*`, `\# not a heading`, `\- not a list`} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("md lacks %q:\n%s", want, md.String())
		}
	}
	if !strings.Contains(txt, "{{.Office.Name}} {{template") || !strings.Contains(txt, "<script>alert(1)</script>") {
		t.Errorf("txt does not print the data literally:\n%s", txt)
	}
}

func TestFrenchTypography(t *testing.T) {
	p, _, _ := testProfile(t)
	d := render(t, loadSet(t, nil), "screened-out", "fr", "", stages(t, p)["screened-out"].c, day("2026-01-20"))
	md := d.Markdown()
	for _, want := range []string{"Notre dossier\u00a0: ", "motifs suivants\u00a0:", "Le 20 janvier 2026"} {
		if !strings.Contains(md, want) {
			t.Errorf("lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, " :") || strings.Contains(md, " ;") {
		t.Errorf("an ordinary space before a colon or semicolon:\n%s", md)
	}
	e := &env{lang: "fr"}
	if got, _ := e.quote("oui"); got != "«\u00a0oui\u00a0»" {
		t.Errorf("quote = %q", got)
	}
}

func TestFormatDate(t *testing.T) {
	for _, c := range []struct{ d, lang, want string }{
		{"2026-01-15", "en", "January 15, 2026"},
		{"2026-01-15", "fr", "15 janvier 2026"},
		{"2026-08-01", "fr", "1er août 2026"},
		{"2026-08-01", "es", "2026-08-01"},
	} {
		if got := FormatDate(day(c.d), c.lang); got != c.want {
			t.Errorf("FormatDate(%s, %s) = %q, want %q", c.d, c.lang, got, c.want)
		}
	}
}

func TestTextWrapsAt72(t *testing.T) {
	p, _, _ := testProfile(t)
	for name, st := range stages(t, p) {
		if name == "redirected" && redirectPending() {
			continue
		}
		for _, lang := range []string{"en", "fr"} {
			txt := render(t, loadSet(t, nil), name, lang, "", st.c, st.today).Text(TextWidth)
			for _, l := range strings.Split(txt, "\n") {
				if n := len([]rune(l)); n > TextWidth {
					t.Errorf("%s.%s: line of %d columns: %q", name, lang, n, l)
				}
			}
		}
	}
}

func TestOverrideWins(t *testing.T) {
	repo := fstest.MapFS{
		"templates/letters/acknowledgement.en.md.tmpl": {Data: []byte("---\nreader: complainant\ntitle: Ours\n---\nOur own acknowledgement for {{.Case.ID}}.\n")},
		"templates/letters/thanks.en.md.tmpl":          {Data: []byte("---\nreader: complainant\napplies: {status: [received]}\n---\nThanks.\n")},
	}
	s := loadSet(t, repo)
	d := render(t, s, "acknowledgement", "en", "", hostileCase(), day("2026-01-16"))
	if got := d.Markdown(); got != "Our own acknowledgement for 2026-K7M2Q.\n" {
		t.Errorf("override not used: %q", got)
	}
	if d := render(t, s, "acknowledgement", "fr", "", hostileCase(), day("2026-01-16")); !strings.Contains(d.Markdown(), "Accusé de réception") {
		t.Error("the embedded French template should still be used")
	}
	probs := s.Check(checkOpts)
	want := "templates/letters/thanks.fr.md.tmpl: missing: template thanks has no fr translation"
	if len(probs) != 1 || !strings.HasPrefix(probs[0].Error(), want) {
		t.Errorf("Check = %v, want one problem starting %q", probs, want)
	}
}

func TestTemplateErrorsNameFileAndLine(t *testing.T) {
	repo := fstest.MapFS{
		"templates/letters/broken.en.md.tmpl": {Data: []byte("---\nreader: complainant\napplies: {status: [received]}\n---\n{{.Case.Nope}}\n")},
		"templates/letters/broken.fr.md.tmpl": {Data: []byte("---\nreader: complainant\napplies: {status: [received]}\n---\n{{if}}\n")},
	}
	s := loadSet(t, repo)
	tmpl, err := s.Get("broken", "en")
	if err != nil {
		t.Fatal(err)
	}
	p, _, _ := testProfile(t)
	_, err = Render(tmpl, Input{Case: hostileCase(), Profile: p, Lang: "en", To: "complainant"})
	var te *TemplateError
	if !errors.As(err, &te) || !strings.HasPrefix(err.Error(), "templates/letters/broken.en.md.tmpl:5:") {
		t.Errorf("got %v", err)
	}
	probs := records.Joined(s.Check(checkOpts))
	if !strings.Contains(probs, "templates/letters/broken.fr.md.tmpl:5: missing value for if") {
		t.Errorf("Check: %s", probs)
	}
	if _, err := s.Get("acknowledgment", "en"); err == nil || !strings.Contains(err.Error(), `unknown template "acknowledgment" (did you mean acknowledgement?)`) {
		t.Errorf("got %v", err)
	}
}

var checkOpts = CheckOptions{
	Langs:    []string{"en", "fr"},
	Policy:   records.Policy{"complainant": {"id"}, "respondent": {"id"}, "panel": {"id"}, "public": {"id"}},
	Statuses: records.AllStatuses,
}

func TestDefaultSetChecks(t *testing.T) {
	if probs := loadSet(t, nil).Check(checkOpts); len(probs) > 0 {
		t.Errorf("default templates: %v", probs)
	}
}

func TestPDFIsDeterministic(t *testing.T) {
	d := render(t, loadSet(t, nil), "acknowledgement", "fr", "", hostileCase(), day("2026-01-16"))
	var a, b bytes.Buffer
	if err := d.PDF(&a); err != nil {
		t.Fatal(err)
	}
	if err := d.PDF(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two renderings of the same letter differ")
	}
	if txt := pdfText(t, a.Bytes()); !strings.Contains(txt, "Accusé de réception de votre plainte") {
		t.Errorf("accents lost in the PDF:\n%s", txt)
	}
}

func TestWithheldLinesLeaveNoEmptyLines(t *testing.T) {
	d := newDoc("t", "en", "X", records.Date{}, "\\\nSecond line\\\nThird\\\n\n")
	if got := d.Text(TextWidth); got != "Second line\nThird\n" {
		t.Errorf("got %q", got)
	}
}
