package config

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/templates"
	"go.yaml.in/yaml/v3"
)

// merged lays the layers (YAML texts, lowest first) over one another as Load does.
func merged(t *testing.T, layers ...string) (*file, *merger) {
	t.Helper()
	m := &merger{origins: map[string]Source{}, files: map[Source]string{}}
	for i, text := range layers {
		doc, err := parse("layer", []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		if err := checkLayer("layer", doc, tags(reflect.TypeFor[file]())); err != nil {
			t.Fatal(err)
		}
		m.add(doc, []Source{FromDefault, FromRepo}[i])
	}
	var f file
	if err := m.doc.Decode(&f); err != nil {
		t.Fatal(err)
	}
	return &f, m
}

const baseDecls = `
fields:
  district: {kind: code, class: public, codes: [{code: montreal}]}
  notes: {kind: text, class: internal}
workflow:
  statuses: {received: {en: Received}, closed: {en: Closed}}
  actions:
    assess: {from: [received], to: closed, en: Assess}
    complete: {from: [received], to: closed, en: Complete}
  refusals: {closed: "the case is closed"}
reports:
  quarterly: {rows: status, columns: district, measures: [count]}
`

// A dossier.yaml that declares one more field and action and redeclares one report keeps the
// profile's others, in the profile's order, new names after.
func TestDeclarationsMergeByName(t *testing.T) {
	t.Parallel()
	f, m := merged(t, baseDecls, `
fields:
  amount: {kind: money, class: internal}
workflow:
  actions:
    fail: {from: [received], to: closed}
    assess: {from: [received], to: received, fr: Évaluer}
reports:
  quarterly: {rows: district, measures: [count]}
`)
	var fields, actions []string
	for _, d := range f.Fields {
		fields = append(fields, d.Name)
	}
	for _, a := range f.Workflow.Actions {
		actions = append(actions, a.Name)
	}
	if want := []string{"district", "notes", "amount"}; !slices.Equal(fields, want) {
		t.Errorf("fields %v, want %v", fields, want)
	}
	if want := []string{"assess", "complete", "fail"}; !slices.Equal(actions, want) {
		t.Errorf("actions %v, want %v", actions, want)
	}
	// redeclared: replaced whole (no English label left, no columns)
	if a := f.Workflow.Actions.Find("assess"); a.To != "received" || a.En != "" || a.Fr != "Évaluer" {
		t.Errorf("assess = %+v, want the repository's declaration alone", *a)
	}
	if r := f.Reports.Find("quarterly"); !slices.Equal(r.Rows, records.Dims{"district"}) || len(r.Columns) != 0 {
		t.Errorf("quarterly = %+v, want the repository's declaration alone", *r)
	}
	if len(f.Workflow.Statuses) != 2 || len(f.Workflow.Refusals) != 1 {
		t.Errorf("statuses %v, refusals %v: the profile's must stay", f.Workflow.Statuses, f.Workflow.Refusals)
	}
	for key, want := range map[string]Source{
		"fields.district": FromDefault, "fields.amount": FromRepo, "workflow.actions.assess": FromRepo,
		"workflow.actions.assess.to": FromRepo, "workflow.actions.complete.to": FromDefault, "reports.quarterly": FromRepo,
	} {
		if got := m.source(key); got != want {
			t.Errorf("source(%s) = %s, want %s", key, got, want)
		}
	}
}

// A declaration keeps the line it was written on, in the file it was written in.
func TestDeclarationsKeepTheirLines(t *testing.T) {
	t.Parallel()
	f, _ := merged(t, baseDecls, "\n\nworkflow:\n  actions:\n    fail: {from: [received], to: closed}\n")
	if a := f.Workflow.Actions.Find("fail"); a.Line != 5 {
		t.Errorf("fail declared on line %d, want 5", a.Line)
	}
	if a := f.Workflow.Actions.Find("complete"); a.Line != 9 {
		t.Errorf("complete declared on line %d, want 9", a.Line)
	}
}

// A declaration is checked key by key like any setting: a misspelt key names the file, the
// line and the key.
func TestDeclarationKeysAreChecked(t *testing.T) {
	t.Parallel()
	for text, want := range map[string]string{
		"workflow:\n  actions:\n    refer: {form: [received]}\n": `dossier.yaml:3: workflow.actions.refer.form: unknown setting (did you mean from?)`,
		"fields:\n  a: {kind: text}\n  a: {kind: date}\n":        `dossier.yaml:3: fields.a: set twice (first at line 2): keep one`,
		"fields: [a, b]\n": `dossier.yaml:1: fields: expected a mapping keyed by name`,
		"fields:\n  orders: {kind: list, fields: {n: {kin: text}}}\n": `dossier.yaml:2: fields.orders.fields.n.kin: unknown setting (did you mean kind?)`,
		"workflow:\n  statuses: {open: {en: Open, de: Offen}}\n":      `dossier.yaml:2: workflow.statuses.open.de: unknown setting`,
		"reports:\n  q:\n    measures: count\n":                       `dossier.yaml:3: reports.q.measures: expected a list`,
	} {
		_, err := load(t, text, "", nil)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %s", text, err, want)
		}
	}
}

// No profile: key is ontario-oversight (existing repositories keep working); a named profile
// is the base layer; an unknown one is an error naming the embedded ones.
func TestProfileSelection(t *testing.T) {
	t.Parallel()
	s, err := load(t, "ids: random\n", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if s.Profile.Name != templates.DefaultProfileName || s.Profile.Title.En == "" || s.Profile.Title.Fr == "" {
		t.Errorf("profile %q %+v, want %s with its titles", s.Profile.Name, s.Profile.Title, templates.DefaultProfileName)
	}
	for _, name := range templates.ProfileNames() {
		s, err := load(t, "profile: "+name+"\n", "", nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if s.Profile.Name != name {
			t.Errorf("profile: %s loaded %q", name, s.Profile.Name)
		}
	}
	_, err = load(t, "ids: random\nprofile: ontario-oversigth\n", "", nil)
	if err == nil || !strings.Contains(err.Error(), `dossier.yaml:2: profile: unknown profile "ontario-oversigth" (did you mean ontario-oversight?); the embedded profiles are ontario-oversight`) {
		t.Errorf("unknown profile: %v", err)
	}
	_, err = load(t, "", "profile: ontario-oversight\n", nil)
	if err == nil || !strings.Contains(err.Error(), "config.yaml:1: profile: only a repository's dossier.yaml names its profile") {
		t.Errorf("profile in the user's file: %v", err)
	}
}

// Every embedded profile names itself, has a title in English and French, lists its
// languages, and loads without a problem.
func TestEmbeddedProfiles(t *testing.T) {
	t.Parallel()
	infos, err := EmbeddedProfiles()
	if err != nil {
		t.Fatal(err)
	}
	if len(infos) == 0 || !slices.ContainsFunc(infos, func(i ProfileInfo) bool { return i.Name == templates.DefaultProfileName }) {
		t.Fatalf("embedded profiles %v: the default is missing", infos)
	}
	for _, info := range infos {
		data, _ := templates.Profile(info.Name)
		var head struct {
			Profile string `yaml:"profile"`
		}
		if err := yaml.Unmarshal(data, &head); err != nil || head.Profile != info.Name {
			t.Errorf("profiles/%s.yaml: profile: %q, want its own name", info.Name, head.Profile)
		}
		if info.Title.In("en") == "" || info.Title.In("fr") == "" || info.Title["en"] == "" || info.Title["fr"] == "" {
			t.Errorf("%s: title %v: want en and fr", info.Name, info.Title)
		}
		if len(info.Languages) == 0 {
			t.Errorf("%s: no languages", info.Name)
		}
		s, err := load(t, "profile: "+info.Name+"\n", "", nil)
		if err != nil {
			t.Errorf("%s: %v", info.Name, err)
			continue
		}
		if len(s.Problems) > 0 {
			t.Errorf("%s: %d problems:\n%s", info.Name, len(s.Problems), problemLines(s.Problems))
		}
	}
}

func problemLines(ps []records.Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.Error() + "\n")
	}
	return b.String()
}

// The dossier.yaml init writes for a profile starts a repository on that profile with its
// settings, value for value (init/ontario-oversight.yaml repeats them for the office to edit).
func TestInitFilesRepeatTheirProfile(t *testing.T) {
	t.Parallel()
	for _, name := range templates.ProfileNames() {
		data, err := InitFile(name)
		if err != nil {
			t.Fatal(err)
		}
		fresh, err := load(t, string(data), "", nil)
		if err != nil {
			t.Fatalf("init --profile %s: %v", name, err)
		}
		base, err := load(t, "profile: "+name+"\n", "", nil)
		if err != nil {
			t.Fatal(err)
		}
		if fresh.Profile.Name != name || len(fresh.Problems) > 0 {
			t.Errorf("init --profile %s starts a repository on %q with problems %v", name, fresh.Profile.Name, fresh.Problems)
		}
		values := func(s *Settings) map[string]string {
			out := map[string]string{}
			for _, e := range s.Entries() {
				b, _ := yaml.Marshal(e.Value)
				out[e.Key] = string(b)
			}
			return out
		}
		got, want := values(fresh), values(base)
		for k, v := range want {
			if got[k] != v {
				t.Errorf("init --profile %s: %s = %q, the profile says %q", name, k, got[k], v)
			}
		}
		for k := range got {
			if _, ok := want[k]; !ok {
				t.Errorf("init --profile %s: %s is not a setting of the profile", name, k)
			}
		}
	}
	if _, err := InitFile("quebec"); err == nil || !strings.Contains(err.Error(), `unknown profile "quebec"`) {
		t.Errorf("unknown profile: %v", err)
	}
}

// Without an init file of its own, init writes profile: NAME and the profile's office section.
func TestTopLevelSection(t *testing.T) {
	t.Parallel()
	text := "profile: x\n\n# the office\noffice:\n  name: A\n  # who signs\n\n  signature: B\n\n# ids\nids: random\n"
	if got, want := topLevelSection([]byte(text), "office"), "office:\n  name: A\n  # who signs\n\n  signature: B\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := topLevelSection([]byte(text), "codes"); got != "" {
		t.Errorf("missing section: %q", got)
	}
}

// A dossier.yaml naming a profile dossier does not embed is a profile of its own: nothing of
// Ontario's lies below it (no codes, no actions), only the settings every repository has.
func TestProfileOfItsOwn(t *testing.T) {
	t.Parallel()
	s, err := load(t, `profile: register
title: {en: Register, fr: Registre}
codes:
  languages: [{code: en, en: English, fr: anglais}]
  types: [{code: item, en: Item}]
  channels: [{code: desk, en: Desk}]
  outcomes: {item: [{code: returned, en: Returned}]}
workflow:
  statuses: {held: {en: Held}, closed: {en: Closed}}
  actions:
    return: {role: close, from: [held], to: closed, en: Returned}
`, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Problems) > 0 {
		t.Fatalf("problems:\n%s", problemLines(s.Problems))
	}
	if s.Profile.Name != "register" || len(s.Profile.Workflow.Actions) != 1 || len(s.Profile.Partners) != 0 || s.Disclosure == nil || s.IDs != "random" {
		t.Errorf("profile %q, actions %v, partners %v, ids %q: want register's alone", s.Profile.Name, s.Profile.Workflow.Actions, s.Profile.Partners, s.IDs)
	}
	if source(s, "codes.types") != FromRepo || source(s, "ids") != FromDefault {
		t.Errorf("sources: codes.types %s, ids %s", source(s, "codes.types"), source(s, "ids"))
	}
}

// A problem is given the file its key was written in and the line of the deepest part of the
// key written there; one about a key written nowhere keeps the file the check names.
func TestProblemsLocated(t *testing.T) {
	t.Parallel()
	_, m := merged(t, baseDecls, "\nworkflow:\n  actions:\n    fail:\n      from:\n        - received\n        - sent\n")
	m.files[FromDefault], m.files[FromRepo] = "(embedded profile x)", FileName
	probs := m.located([]records.Problem{
		{File: FileName, Field: "workflow.actions.fail.from[1]", Msg: "unknown status"},
		{File: FileName, Field: "workflow.actions.complete.fr", Msg: "missing"},
		{File: FileName, Field: "title.fr", Msg: "missing"},
	})
	var got []string
	for _, p := range probs {
		got = append(got, p.Error())
	}
	want := []string{
		"(embedded profile x):9: workflow.actions.complete.fr: missing",
		"dossier.yaml: title.fr: missing",
		"dossier.yaml:7: workflow.actions.fail.from[1]: unknown status",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
