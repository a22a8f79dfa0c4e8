package report

import (
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io"
	"io/fs"
	"strings"
	texttemplate "text/template"

	"github.com/dossier-dev/dossier/templates"
)

// Execute renders report name in format (md or html) from the repository's template when it
// has one (NAME.LANG.FORMAT.tmpl, then NAME.FORMAT.tmpl), else the embedded one; a declared
// report without a template of its own is rendered from the declared one.
func (e *Engine) Execute(out io.Writer, name, format string, data *Data) error {
	var src []byte
	var file string
	for _, base := range []string{name + "." + e.lang + "." + format + ".tmpl", name + "." + format + ".tmpl"} {
		local := "templates/reports/" + base
		b, err := e.files.ReadFile(local)
		if err == nil {
			src, file = b, local
			break
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s: %w", local, err)
		}
		if b, err := templates.FS.ReadFile("reports/" + base); err == nil {
			src, file = b, "(embedded) templates/reports/"+base
			break
		}
	}
	if src == nil && data.Declared != nil && name != DeclaredTemplate {
		return e.Execute(out, DeclaredTemplate, format, data) // a declared report without its own
	}
	if src == nil {
		return fmt.Errorf("no template for the %s report in %s", name, format)
	}
	if format == "html" {
		t, err := htmltemplate.New(file).Option("missingkey=error").Funcs(e.funcs()).Parse(string(src))
		if err != nil {
			return templateError(file, err)
		}
		if err := t.Execute(out, data); err != nil {
			return templateError(file, err)
		}
		return nil
	}
	t, err := texttemplate.New(file).Option("missingkey=error").Funcs(e.funcs()).Parse(string(src))
	if err != nil {
		return templateError(file, err)
	}
	if err := t.Execute(out, data); err != nil {
		return templateError(file, err)
	}
	return nil
}

// templateError says what is wrong in a report template as FILE:LINE: problem, the way check
// and letter do, without the "template: " prefix repeating the file's name.
func templateError(file string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "template: ")
	if !strings.HasPrefix(msg, file) {
		msg = file + ": " + msg
	}
	return errors.New(msg)
}
