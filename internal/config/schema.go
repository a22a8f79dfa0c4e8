package config

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/records"
	"go.yaml.in/yaml/v3"
)

// file is the schema of dossier.yaml and of the user's config.yaml: every key a file may hold,
// with its type. A layer is checked against it key by key before it is merged, so that an
// unknown key or a wrong type names the file, the line and the key.
type file struct {
	// The profile: its name (dossier.yaml names the embedded profile it extends) and title,
	// and its declarations (records/decl.go, docs/profiles.md).
	Profile   string               `yaml:"profile"`
	Title     Text                 `yaml:"title"`
	Workflow  records.Workflow     `yaml:"workflow"`
	Fields    records.FieldDefs    `yaml:"fields"`
	Reports   records.ReportDefs   `yaml:"reports"`
	Audiences records.AudienceDefs `yaml:"audiences"`
	Letters   records.LetterDefs   `yaml:"letters"`
	List      records.ListDef      `yaml:"list"`

	Office     officeFile          `yaml:"office"`
	IDs        string              `yaml:"ids"`
	Git        gitFile             `yaml:"git"`
	Clocks     records.ClockDefs   `yaml:"clocks"`   // by name; a whole number is {days: N}
	Holidays   []string            `yaml:"holidays"` // dates (YYYY-MM-DD) business-day clocks skip
	Codes      codesFile           `yaml:"codes"`
	Partners   []codeFile          `yaml:"partners"`
	Disclosure map[string][]string `yaml:"disclosure"`
	Retention  retentionFile       `yaml:"retention"`
	Templates  templatesFile       `yaml:"templates"`

	// Settings that name a command or an identity: the user's file, the environment and
	// flags only (a repository is untrusted input).
	Actor  string `yaml:"actor"`
	Editor string `yaml:"editor"`

	// Settings of one run: the environment and flags only.
	Dir     string `yaml:"dir"`
	Now     string `yaml:"now"`
	Quiet   bool   `yaml:"quiet"`
	Debug   bool   `yaml:"debug"`
	NoCache bool   `yaml:"no-cache"`
}

type officeFile struct {
	Name      Text `yaml:"name"`
	Address   Text `yaml:"address"`
	Phone     Text `yaml:"phone"`
	Email     Text `yaml:"email"`
	Signature Text `yaml:"signature"`
}

type gitFile struct {
	Commit bool `yaml:"commit"`
}

type codeFile struct {
	Code string `yaml:"code"`
	En   string `yaml:"en"`
	Fr   string `yaml:"fr"`
	Kind string `yaml:"kind"`
	// Audience (partners): the disclosure audience of what is sent to the partner.
	Audience string `yaml:"audience"`
}

type codesFile struct {
	Languages      []codeFile            `yaml:"languages"`
	Types          []codeFile            `yaml:"types"`
	Statuses       []codeFile            `yaml:"statuses"`
	Channels       []codeFile            `yaml:"channels"`
	Categories     []codeFile            `yaml:"categories"`
	CategoryTypes  []string              `yaml:"category_types"` // the types whose cases take categories
	Grounds        []codeFile            `yaml:"grounds"`
	Routings       []codeFile            `yaml:"routings"`
	Purposes       []codeFile            `yaml:"purposes"`
	Items          []codeFile            `yaml:"items"`
	Outcomes       map[string][]codeFile `yaml:"outcomes"`
	ReviewOutcomes []codeFile            `yaml:"review_outcomes"`
	Flags          []codeFile            `yaml:"flags"`
	Areas          []codeFile            `yaml:"areas"`
}

type templatesFile struct {
	AllowWider []string `yaml:"allow_wider"`
}

type retentionFile struct {
	Default   int            `yaml:"default"`
	ByOutcome map[string]int `yaml:"by_outcome"`
}

// Text is a setting written either as plain text or by language ({en: ..., fr: ...}).
type Text map[string]string

// UnmarshalYAML reads plain text (kept under the empty language) or a mapping by language.
func (t *Text) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil
		}
		*t = Text{"": n.Value}
		return nil
	case yaml.MappingNode:
		m := map[string]string{}
		if err := n.Decode(&m); err != nil {
			return fmt.Errorf("expected text by language ({en: ..., fr: ...})")
		}
		*t = m
		return nil
	}
	return fmt.Errorf("expected text or text by language ({en: ..., fr: ...})")
}

// In is the text in lang, else in English, else the text given without a language, without
// trailing newlines (a literal block's last one).
func (t Text) In(lang string) string {
	for _, l := range []string{lang, "en", ""} {
		if s, ok := t[l]; ok {
			return strings.TrimRight(s, "\n")
		}
	}
	return ""
}

// checkLayer checks a layer's mapping against the schema, allowing only the top-level keys in
// allowed. Every problem names the file, the line and the key.
func checkLayer(name string, doc *yaml.Node, allowed []string) error {
	if doc == nil {
		return nil
	}
	if doc.Kind != yaml.MappingNode {
		return fmt.Errorf("%s:%d: expected a mapping of settings (key: value)", name, doc.Line)
	}
	t := reflect.TypeFor[file]()
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		if !slices.Contains(allowed, k.Value) {
			return fmt.Errorf("%s:%d: unknown setting %q%s; settings are %s", name, k.Line, k.Value, records.Suggest(k.Value, allowed), strings.Join(allowed, ", "))
		}
		f, _ := fieldByTag(t, k.Value)
		if err := checkNode(name, v, f.Type, k.Value); err != nil {
			return err
		}
	}
	return nil
}

// checkNode checks one value against its type; a null value means "not set here".
func checkNode(name string, n *yaml.Node, t reflect.Type, path string) error {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return fmt.Errorf("%s:%d: %s: anchors and aliases are not allowed in settings", name, n.Line, path)
	}
	fail := func(want string) error {
		return fmt.Errorf("%s:%d: %s: expected %s", name, n.Line, path, want)
	}
	if t == clockDefsType {
		return checkClocks(name, n, path)
	}
	if isDeclarations(t) {
		// a mapping keyed by name, each declaration checked key by key like any setting
		if n.Kind != yaml.MappingNode {
			return fail("a mapping keyed by name")
		}
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode || k.Value == "" {
				return fmt.Errorf("%s:%d: %s: a name must be text", name, k.Line, path)
			}
			if seen[k.Value] {
				return fmt.Errorf("%s:%d: %s.%s: declared twice", name, k.Line, path, k.Value)
			}
			seen[k.Value] = true
			if err := checkNode(name, v, t.Elem(), path+"."+k.Value); err != nil {
				return err
			}
		}
		return nil
	}
	if reflect.PointerTo(t).Implements(reflect.TypeFor[yaml.Unmarshaler]()) {
		if err := n.Decode(reflect.New(t).Interface()); err != nil {
			return fmt.Errorf("%s:%d: %s: %v", name, n.Line, path, err)
		}
		return nil
	}
	switch t.Kind() {
	case reflect.Struct:
		return checkStruct(name, n, t, path)
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return fail("a mapping")
		}
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return fmt.Errorf("%s:%d: %s: keys must be text", name, k.Line, path)
			}
			if seen[k.Value] {
				return fmt.Errorf("%s:%d: %s.%s: set twice", name, k.Line, path, k.Value)
			}
			seen[k.Value] = true
			if err := checkNode(name, v, t.Elem(), path+"."+k.Value); err != nil {
				return err
			}
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return fail("a list")
		}
		for i, item := range n.Content {
			if err := checkNode(name, item, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	default:
		want := map[reflect.Kind]string{reflect.Int: "a whole number", reflect.Bool: "true or false", reflect.String: "text"}[t.Kind()]
		if n.Kind != yaml.ScalarNode {
			return fail(want)
		}
		if err := n.Decode(reflect.New(t).Interface()); err != nil {
			return fail(want + ", not " + printable(n.Value))
		}
	}
	return nil
}

// checkStruct checks a mapping against the keys of a settings struct.
func checkStruct(name string, n *yaml.Node, t reflect.Type, path string) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("%s:%d: %s: expected a mapping (%s)", name, n.Line, path, strings.Join(tags(t), ", "))
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		f, ok := fieldByTag(t, k.Value)
		if !ok {
			return fmt.Errorf("%s:%d: %s.%s: unknown setting%s; settings are %s", name, k.Line, path, k.Value, records.Suggest(k.Value, tags(t)), strings.Join(tags(t), ", "))
		}
		if seen[k.Value] {
			return fmt.Errorf("%s:%d: %s.%s: set twice", name, k.Line, path, k.Value)
		}
		seen[k.Value] = true
		if err := checkNode(name, v, f.Type, path+"."+k.Value); err != nil {
			return err
		}
	}
	return nil
}

func printable(s string) string {
	if len(s) > 40 {
		s = s[:40] + "..."
	}
	return fmt.Sprintf("%q", s)
}

func fieldByTag(t reflect.Type, tag string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		if name := strings.Split(f.Tag.Get("yaml"), ",")[0]; name == tag && name != "-" {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

func tags(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		if name := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]; name != "-" {
			out = append(out, name)
		}
	}
	return out
}
