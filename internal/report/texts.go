package report

import (
	"errors"
	"fmt"
	"io/fs"

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
	for _, l := range []string{"en", lang} {
		name := "reports/messages." + l + ".yaml"
		data, err := templates.FS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		if err := mergeTexts(t.texts, "(embedded) templates/"+name, data); err != nil {
			return nil, err
		}
		local := "templates/" + name
		data, err = files.ReadFile(local)
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
