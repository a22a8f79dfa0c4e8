// Package letters renders letters from templates: the embedded defaults overlaid with the
// office's own under templates/letters/ in the records repository. A template is Markdown with
// text/template actions; what an action prints is data, never markup and never template text.
// The case a template sees is already redacted for the letter's reader.
package letters

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/privacy"
	"go.yaml.in/yaml/v3"
)

// Dir is where letter templates live, in the embedded FS and in a records repository
// (templates/letters/ there).
const Dir = "letters"

// Ext ends every letter template's file name: NAME.LANG.md.tmpl.
const Ext = ".md.tmpl"

// maxTemplateSize bounds what is read from an office's template file.
const maxTemplateSize = 1 << 20

// Template is one letter in one language.
type Template struct {
	Name     string // acknowledgement
	Lang     string // en
	Reader   string // the audience the letter is written for
	Title    string // what the letter is, for --list and the HTML/PDF title
	File     string // where it comes from, for messages
	Override bool   // from the records repository
	// Applies is when the letter may be written (nil: the front matter does not say; an
	// office's override of an embedded template then keeps the embedded one's).
	Applies *Applies
	// Inherited is the embedded template an override replaces (nil for a new letter).
	Inherited *Template
	lines     map[string]int // front matter line of each applies: value, for check
	body      string         // the text after the front matter, with the front matter lines kept blank
	parsed    func() error   // whether the body parses as a template, found once
}

// Set is every template available, by name and language.
type Set struct {
	all   map[string]*Template // NAME.LANG
	probs []records.Problem    // files that could not be read as templates
}

// Load reads the embedded templates (embedded holds letters/) and the office's (repo, the
// records repository's root, may be nil; its templates/letters/ may be missing). Same names
// win. A file that cannot be read is an error; a template whose front matter is wrong is kept
// as a problem that Get and Check report.
func Load(embedded, repo fs.FS) (*Set, error) { return LoadProfile(embedded, "", repo) }

// LoadProfile is Load for an office on the named profile: a profile whose letters are
// embedded under letters/PROFILE/ (templates/letters/quebec-alternative-measures/...) has
// those letters instead of the default ones, which speak of complaints and police services;
// a profile without such a directory has the default letters. The office's own
// templates/letters/ overlay them the same way.
func LoadProfile(embedded fs.FS, profile string, repo fs.FS) (*Set, error) {
	base, err := LoadEmbedded(embedded, profile)
	if err != nil {
		return nil, err
	}
	return base.Overlay(repo)
}

// LoadEmbedded is LoadProfile without an office's templates: what a process that writes
// many letters or checks many repositories may read once and Overlay for each (the Set is
// only read afterwards).
func LoadEmbedded(embedded fs.FS, profile string) (*Set, error) {
	s := &Set{all: map[string]*Template{}}
	dir := Dir
	if profile != "" {
		if info, err := fs.Stat(embedded, path.Join(Dir, profile)); err == nil && info.IsDir() {
			dir = path.Join(Dir, profile)
		}
	}
	if err := s.add(embedded, dir, "(embedded) ", false); err != nil {
		return nil, err
	}
	return s, nil
}

// Overlay is s with the office's templates (repo, the records repository's root, may be nil;
// its templates/letters/ may be missing) over it; s does not change.
func (s *Set) Overlay(repo fs.FS) (*Set, error) {
	o := &Set{all: maps.Clone(s.all), probs: slices.Clone(s.probs)}
	if repo != nil {
		if err := o.add(repo, "templates/"+Dir, "", true); err != nil {
			return nil, err
		}
	}
	return o, nil
}

func (s *Set) add(fsys fs.FS, dir, prefix string, override bool) error {
	entries, err := fs.ReadDir(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s%s: %w", prefix, dir, err)
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, Ext) {
			continue
		}
		file := prefix + path.Join(dir, name)
		base, lang, ok := splitName(name)
		if !ok {
			s.probs = append(s.probs, records.Problem{File: file, Msg: fmt.Sprintf("not a letter template name: write NAME.LANG%s (e.g. closing.fr%s)", Ext, Ext)})
			continue
		}
		// A FIFO would hang the read: anything but a regular file is skipped, as a problem.
		if info, err := fs.Stat(fsys, path.Join(dir, name)); err == nil && !info.Mode().IsRegular() {
			s.probs = append(s.probs, records.Problem{File: file, Msg: "not a regular file (a FIFO, a device or a socket): skipped; remove it"})
			continue
		}
		data, err := readLimited(fsys, path.Join(dir, name))
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		t, err := parseFile(file, base, lang, data)
		if err != nil {
			s.probs = append(s.probs, records.Problem{Msg: err.Error()})
			continue
		}
		t.Override = override
		if prev, ok := s.all[base+"."+lang]; ok && override && !prev.Override {
			t.Inherited = prev
			if t.Applies == nil {
				t.Applies = prev.Applies
			}
		}
		s.all[base+"."+lang] = t
	}
	return nil
}

func readLimited(fsys fs.FS, name string) ([]byte, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	if len(data) > maxTemplateSize {
		return nil, fmt.Errorf("larger than %d bytes: is it really a letter template?", maxTemplateSize)
	}
	return data, nil
}

// splitName reads NAME.LANG.md.tmpl.
func splitName(file string) (name, lang string, ok bool) {
	stem := strings.TrimSuffix(file, Ext)
	i := strings.LastIndexByte(stem, '.')
	if i <= 0 || i == len(stem)-1 {
		return "", "", false
	}
	return stem[:i], stem[i+1:], true
}

type frontMatter struct {
	Reader  string   `yaml:"reader"`
	Title   string   `yaml:"title"`
	Applies *Applies `yaml:"applies"`
}

// parseFile splits the front matter (between --- lines at the top) from the body. The body
// keeps one blank line per front matter line so that template errors give the file's own
// line numbers.
func parseFile(file, name, lang string, data []byte) (*Template, error) {
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	t := &Template{Name: name, Lang: lang, File: file}
	if !strings.HasPrefix(text, "---\n") {
		return nil, fmt.Errorf("%s:1: no front matter: start the file with ---, reader: AUDIENCE, title: TEXT, ---", file)
	}
	end := strings.Index(text[4:], "\n---\n")
	if end < 0 {
		return nil, fmt.Errorf("%s:1: the front matter has no closing --- line", file)
	}
	head := text[4 : 4+end]
	var fm frontMatter
	dec := yaml.NewDecoder(strings.NewReader(head))
	dec.KnownFields(true)
	if err := dec.Decode(&fm); err != nil {
		return nil, fmt.Errorf("%s: front matter: %s", file, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if fm.Reader == "" {
		return nil, fmt.Errorf("%s: front matter: reader: missing: say who the letter is for (complainant, respondent, panel, ...)", file)
	}
	t.Reader, t.Title, t.Applies = fm.Reader, fm.Title, fm.Applies
	t.lines = appliesLines(head)
	if t.Title == "" {
		t.Title = name
	}
	lines := strings.Count(head, "\n") + 3 // the head's lines and the two --- lines
	t.body = strings.Repeat("\n", lines) + text[4+end+5:]
	t.parsed = sync.OnceValue(func() error {
		_, err := parseTemplate(t, funcs(&env{lang: t.Lang}))
		return err
	})
	return t, nil
}

// appliesLines finds the file line of every value under applies: (the front matter starts on
// the file's second line), so that check can point at an unknown status or fact.
func appliesLines(head string) map[string]int {
	var doc yaml.Node
	if yaml.Unmarshal([]byte(head), &doc) != nil || len(doc.Content) == 0 {
		return nil
	}
	out := map[string]int{}
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value != "applies" {
			continue
		}
		out["applies"] = root.Content[i].Line + 1
		ap := root.Content[i+1]
		for j := 0; j+1 < len(ap.Content); j += 2 {
			key := ap.Content[j].Value
			for _, v := range ap.Content[j+1].Content {
				out[key+"="+v.Value] = v.Line + 1
			}
		}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		out[root.Content[i].Value] = root.Content[i].Line + 1
	}
	return out
}

// Names lists the template names, sorted.
func (s *Set) Names() []string {
	var out []string
	for _, t := range s.all {
		if !slices.Contains(out, t.Name) {
			out = append(out, t.Name)
		}
	}
	sort.Strings(out)
	return out
}

// Langs lists the languages a template exists in, sorted.
func (s *Set) Langs(name string) []string {
	var out []string
	for _, t := range s.all {
		if t.Name == name {
			out = append(out, t.Lang)
		}
	}
	sort.Strings(out)
	return out
}

// UnknownTemplateError is a template name or language with no file.
type UnknownTemplateError struct {
	Name, Lang string
	Names      []string
	Langs      []string
}

func (e *UnknownTemplateError) Error() string {
	if len(e.Langs) > 0 {
		return fmt.Sprintf("template %s has no %s version (it exists in %s): add templates/%s/%s.%s%s to the records repository",
			e.Name, e.Lang, strings.Join(e.Langs, ", "), Dir, e.Name, e.Lang, Ext)
	}
	return fmt.Sprintf("unknown template %q%s: `dossier letter --list` shows them (%s)", e.Name, records.Suggest(e.Name, e.Names), strings.Join(e.Names, ", "))
}

// Get returns the template name in lang.
func (s *Set) Get(name, lang string) (*Template, error) {
	if t, ok := s.all[name+"."+lang]; ok {
		return t, nil
	}
	for _, p := range s.probs {
		if strings.Contains(p.Error(), "/"+name+"."+lang+Ext) {
			return nil, errors.New(p.Error())
		}
	}
	return nil, &UnknownTemplateError{Name: name, Lang: lang, Names: s.Names(), Langs: s.Langs(name)}
}

// Reader is the natural reader of a template (that of its first language when they differ;
// Check reports the difference).
func (s *Set) Reader(name string) string {
	for _, l := range s.Langs(name) {
		return s.all[name+"."+l].Reader
	}
	return ""
}

// CheckOptions is what Check holds the templates to: the office's languages, its disclosure
// policy (its audiences), the statuses a case may be in, and the templates dossier.yaml allows
// to be written for a wider reader than their embedded version (templates.allow_wider).
type CheckOptions struct {
	Langs      []string
	Policy     privacy.Policy
	Statuses   []string
	AllowWider []string
	// Actions and Outcomes, when given, are what applies: after: and outcome: may name.
	Actions  []string
	Outcomes []string
}

// Check reports what is wrong with the set for an office writing in langs: files that are not
// templates, templates that do not parse, a template missing in one of the languages, readers
// that are not audiences or that differ between languages, front matter that names an unknown
// status or fact or does not say when the letter applies, an override that widens its embedded
// template's reader without dossier.yaml allowing it. Each problem names the file
// (and line) or the template and the language.
func (s *Set) Check(o CheckOptions) []records.Problem {
	probs := slices.Clone(s.probs)
	audiences := o.Policy.Audiences()
	for _, name := range s.Names() {
		readers := map[string]bool{}
		for _, lang := range o.Langs {
			t, ok := s.all[name+"."+lang]
			if !ok {
				probs = append(probs, records.Problem{File: fmt.Sprintf("templates/%s/%s.%s%s", Dir, name, lang, Ext), Msg: fmt.Sprintf("missing: template %s has no %s translation (write it, or copy another language's file and translate it)", name, lang)})
				continue
			}
			readers[t.Reader] = true
			if !slices.Contains(audiences, t.Reader) {
				probs = append(probs, records.Problem{File: t.File, Line: t.line("reader"), Msg: fmt.Sprintf("front matter: reader: %q is not an audience (%s)", t.Reader, strings.Join(audiences, ", "))})
			} else if err := t.Widening(o.Policy, o.AllowWider); err != nil {
				probs = append(probs, records.Problem{Msg: err.Error()})
			}
			probs = append(probs, t.checkApplies(o)...)
			if err := t.parsed(); err != nil {
				probs = append(probs, records.Problem{Msg: err.Error()})
			}
		}
		if len(readers) > 1 {
			probs = append(probs, records.Problem{Msg: fmt.Sprintf("template %s: the languages name different readers (%s): make them the same", name, strings.Join(slices.Sorted(maps.Keys(readers)), ", "))})
		}
	}
	records.SortProblems(probs)
	return probs
}

func (t *Template) line(key string) int {
	if n := t.lines[key]; n > 0 {
		return n
	}
	return 1
}

// checkApplies reports an applies: section that is missing or names a status or fact dossier
// does not know.
func (t *Template) checkApplies(o CheckOptions) []records.Problem {
	statuses := o.Statuses
	if t.Applies == nil {
		return []records.Problem{{File: t.File, Line: 1, Msg: fmt.Sprintf("front matter: applies: missing: say when the letter may be written (status: [...], facts: [...]; facts are %s)", strings.Join(FactNames(), ", "))}}
	}
	if t.Inherited != nil && t.lines["applies"] == 0 {
		return nil // kept from the embedded template
	}
	var probs []records.Problem
	for _, st := range t.Applies.Status {
		if !slices.Contains(statuses, st) {
			probs = append(probs, records.Problem{File: t.File, Line: t.line("status=" + st), Msg: fmt.Sprintf("front matter: applies: status: unknown status %q%s: use %s", st, records.Suggest(st, statuses), strings.Join(statuses, ", "))})
		}
	}
	for _, x := range []struct {
		key        string
		list, know []string
	}{{"after", t.Applies.After, o.Actions}, {"outcome", t.Applies.Outcome, o.Outcomes}} {
		for _, v := range x.list {
			if x.know != nil && !slices.Contains(x.know, v) {
				probs = append(probs, records.Problem{File: t.File, Line: t.line(x.key + "=" + v), Msg: fmt.Sprintf("front matter: applies: %s: unknown %s %q%s: use %s", x.key, map[string]string{"after": "action", "outcome": "outcome"}[x.key], v, records.Suggest(v, x.know), strings.Join(x.know, ", "))})
			}
		}
	}
	for _, key := range []string{"facts", "unless"} {
		list := t.Applies.Facts
		if key == "unless" {
			list = t.Applies.Unless
		}
		for _, f := range list {
			if !slices.Contains(FactNames(), f) {
				probs = append(probs, records.Problem{File: t.File, Line: t.line(key + "=" + f), Msg: fmt.Sprintf("front matter: applies: %s: unknown fact %q%s: use %s", key, f, records.Suggest(f, FactNames()), strings.Join(FactNames(), ", "))})
			}
		}
	}
	return probs
}

// WideningError is an office's override written for a reader who may see more than the
// embedded template's reader, without dossier.yaml allowing it.
type WideningError struct {
	File, Name, Reader, Embedded string
	Line                         int
	Fields                       []string
}

func (e *WideningError) Error() string {
	fields := e.Fields
	more := ""
	if len(fields) > 5 {
		fields, more = fields[:5], fmt.Sprintf(" and %d more", len(e.Fields)-5)
	}
	return fmt.Sprintf("%s:%d: front matter: reader: %s discloses more than the embedded %s letter's reader %s (%s%s): keep reader: %s, or allow it in dossier.yaml with templates: {allow_wider: [%s]}",
		e.File, e.Line, e.Reader, e.Name, e.Embedded, strings.Join(fields, ", "), more, e.Embedded, e.Name)
}

// Widening is an error when t overrides an embedded template with a reader who may see
// fields the embedded template's reader may not, and allow (dossier.yaml templates.allow_wider)
// does not name it.
func (t *Template) Widening(p privacy.Policy, allow []string) error {
	if t.Inherited == nil || t.Reader == t.Inherited.Reader || slices.Contains(allow, t.Name) {
		return nil
	}
	wider, err := p.Widens(t.Reader, t.Inherited.Reader)
	if err != nil {
		return fmt.Errorf("%s:%d: front matter: reader: %w", t.File, t.line("reader"), err)
	}
	if len(wider) == 0 {
		return nil
	}
	return &WideningError{File: t.File, Line: t.line("reader"), Name: t.Name, Reader: t.Reader, Embedded: t.Inherited.Reader, Fields: wider}
}

// Source is the template's file content after its front matter, for tests and tools.
func (t *Template) Source() string { return strings.TrimLeft(t.body, "\n") }
