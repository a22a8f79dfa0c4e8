package report

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"sync"

	"github.com/dossier-dev/dossier/templates"
	"go.yaml.in/yaml/v3"
)

// texts are the words of the reports in one language: the embedded catalog, with the
// repository's messages.LANG.yaml over it and the English catalog under it.
type texts struct {
	lang  string
	texts map[string]string
}

func loadTexts(files Files, lang string) (*texts, error) {
	t := &texts{lang: lang, texts: map[string]string{}}
	catalogs, err := embeddedCatalogs()
	if err != nil {
		return nil, err
	}
	for _, l := range []string{"en", lang} {
		name := "reports/messages." + l + ".yaml"
		embedded, ok := catalogs[name]
		if !ok {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
		}
		maps.Copy(t.texts, embedded)
		local := "templates/" + name
		data, err := files.ReadFile(local)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", local, err)
		}
		if err := mergeTexts(t.texts, local, data); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// embeddedCatalogs are the embedded catalogs by file name, parsed once per process (a
// constant of the binary, only read): a process that runs many reports reads them once.
var embeddedCatalogs = sync.OnceValues(func() (map[string]map[string]string, error) {
	names, err := fs.Glob(templates.FS, "reports/messages.*.yaml")
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]string{}
	for _, name := range names {
		data, err := templates.FS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		m := map[string]string{}
		if err := mergeTexts(m, "(embedded) templates/"+name, data); err != nil {
			return nil, err
		}
		out[name] = m
	}
	return out, nil
})

func mergeTexts(into map[string]string, name string, data []byte) error {
	var m map[string]string
	if err := yaml.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("%s: %v: write one key: text a line", name, err)
	}
	for k, v := range m {
		into[k] = v
	}
	return nil
}

func (t *texts) get(key string) string {
	if v, ok := t.texts[key]; ok {
		return v
	}
	return key
}

// Text is the catalog's text for key, or the key itself.
func (e *Engine) Text(key string) string { return e.texts.get(key) }

// Label is a code's label in the report's language: the profile's, else the catalog's
// KIND.CODE, else the code itself.
func (e *Engine) Label(kind, code string) string {
	cs, _ := e.profile.Taxonomy(kind)
	if c := cs.Find(code); c != nil {
		return c.Label(e.lang)
	}
	if v, ok := e.texts.texts[kind+"."+code]; ok {
		return v
	}
	return code
}
