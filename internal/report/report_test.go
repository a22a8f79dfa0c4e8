package report

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/internal/stats"
	"github.com/dossier-dev/dossier/records"
)

// repoFiles is a records repository's own files, in memory.
type repoFiles map[string]string

func (r repoFiles) ReadFile(name string) ([]byte, error) {
	if s, ok := r[name]; ok {
		return []byte(s), nil
	}
	return nil, fs.ErrNotExist
}

func newEngine(t *testing.T, files repoFiles, lang string) *Engine {
	t.Helper()
	s, err := config.Defaults()
	if err != nil {
		t.Fatal(err)
	}
	today, err := records.ParseDate("2026-03-02")
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(files, s.Profile, lang, today)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestLabelFallsBackToCatalogThenCode(t *testing.T) {
	e := newEngine(t, repoFiles{"templates/reports/messages.fr.yaml": "age.0-30: moins d'un mois\n"}, "fr")
	if got := e.Label("age", "0-30"); got != "moins d'un mois" {
		t.Errorf("catalog label = %q", got)
	}
	if got := e.Label("status", "no-such-code"); got != "no-such-code" {
		t.Errorf("unknown code = %q, want the code itself", got)
	}
	if got := e.Text("no.such.key"); got != "no.such.key" {
		t.Errorf("unknown key = %q, want the key itself", got)
	}
}

func TestExecutePrefersTheRepositorysTemplate(t *testing.T) {
	files := repoFiles{
		"templates/reports/workload.fr.md.tmpl": "fr {{date .AsOf}} {{n 12345}}\n",
		"templates/reports/workload.md.tmpl":    "any {{.Lang}}\n",
	}
	for lang, want := range map[string]string{"fr": "fr 2 mars 2026 12\u202f345\n", "en": "any en\n"} {
		var out bytes.Buffer
		e := newEngine(t, files, lang)
		if err := e.Execute(&out, "workload", "md", e.NewData("Office", stats.Period{}, "")); err != nil {
			t.Fatal(err)
		}
		if out.String() != want {
			t.Errorf("%s: got %q, want %q", lang, out.String(), want)
		}
	}
}

func TestTemplateErrorNamesFileAndLine(t *testing.T) {
	files := repoFiles{"templates/reports/workload.md.tmpl": "line one\n{{.NoSuchField}}\n"}
	e := newEngine(t, files, "en")
	err := e.Execute(&bytes.Buffer{}, "workload", "md", e.NewData("Office", stats.Period{}, ""))
	if err == nil || !strings.HasPrefix(err.Error(), "templates/reports/workload.md.tmpl:2:") {
		t.Errorf("error = %v, want it to start with templates/reports/workload.md.tmpl:2:", err)
	}
}

func TestDeclaredReportTemplates(t *testing.T) {
	data := func(e *Engine) *Data {
		d := e.NewData("Office", stats.Period{}, "")
		d.Declared = &DeclaredView{Title: "Quarterly", Scope: "Cases: 0."}
		return d
	}
	// no template of its own: the declared one
	e := newEngine(t, repoFiles{}, "en")
	var out bytes.Buffer
	if err := e.Execute(&out, "quarterly", "md", data(e)); err != nil {
		t.Fatal(err)
	}
	if want := "# Quarterly\n\nOffice. Cases: 0. Figures as of March 2, 2026.\n"; out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
	// the repository's template for this report wins
	e = newEngine(t, repoFiles{"templates/reports/quarterly.md.tmpl": "own {{.Declared.Title}}\n"}, "en")
	out.Reset()
	if err := e.Execute(&out, "quarterly", "md", data(e)); err != nil {
		t.Fatal(err)
	}
	if out.String() != "own Quarterly\n" {
		t.Errorf("got %q, want the repository's template", out.String())
	}
	// a report that is not declared and has no template is an error
	if err := e.Execute(&out, "nothing", "md", e.NewData("Office", stats.Period{}, "")); err == nil {
		t.Error("want an error for a report without a template")
	}
}
