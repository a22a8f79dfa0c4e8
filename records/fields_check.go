package records

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// fieldNameRule is what a declared field's name looks like: it is a key of the record, a part
// of a path (fields.NAME), a CSV column and a --field NAME=VALUE flag.
var fieldNameRule = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z][a-z0-9_-]*$`) })

// CheckFields reports what is wrong with the profile's declared fields, each problem with the
// line of the field's declaration in dossier.yaml and the key it is about (fields.NAME.kind):
// an unknown kind, a missing or unknown class, group on a personal or confidential field, code
// kinds without codes (or with a code twice), a list without sub-fields or with a sub-field
// that is not a single value, a required other than intake, required_before naming an action
// the workflow does not declare, and labels missing in a language of the office.
func (p *Profile) CheckFields() []Problem {
	var probs []Problem
	for i := range p.Fields {
		probs = append(probs, p.checkField(&p.Fields[i], "fields."+p.Fields[i].Name, false)...)
	}
	return probs
}

// labelLanguages are the languages a declaration must have a label in: those of en and fr the
// office uses (both when it lists neither).
func (p *Profile) labelLanguages() []string {
	var out []string
	for _, l := range []string{"en", "fr"} {
		if p.Languages.Has(l) {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		out = []string{"en", "fr"}
	}
	return out
}

func (p *Profile) checkField(f *FieldDef, path string, sub bool) []Problem {
	var probs []Problem
	add := func(key, format string, args ...any) {
		field := path
		if key != "" {
			field += "." + key
		}
		probs = append(probs, Problem{File: "dossier.yaml", Line: f.Line, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	if !fieldNameRule().MatchString(f.Name) {
		add("", "a field's name is lowercase letters, digits, - and _, starting with a letter (it is a key of the record and of --field NAME=VALUE)")
	}
	kinds := FieldKinds()
	if sub {
		kinds = slices.DeleteFunc(kinds, func(k string) bool { return k == KindList || k == KindCodes })
	}
	switch {
	case f.Kind == "":
		add("kind", "missing: the kind of value (%s)", strings.Join(kinds, ", "))
	case sub && (f.Kind == KindList || f.Kind == KindCodes):
		add("kind", "a list item's sub-field holds one value: %s is not allowed here (kinds: %s)", f.Kind, strings.Join(kinds, ", "))
	case !slices.Contains(kinds, f.Kind):
		add("kind", "unknown kind %s%s: kinds are %s", Quote(f.Kind), Suggest(f.Kind, kinds), strings.Join(kinds, ", "))
	}
	classes := classNames()
	switch {
	case f.Class == "":
		add("class", "missing: every field declares its privacy class (%s): it decides who sees it, what purge removes and what messages may quote", strings.Join(classes, ", "))
	case !IsClass(string(f.Class)):
		add("class", "unknown class %s%s: classes are %s", Quote(string(f.Class)), Suggest(string(f.Class), classes), strings.Join(classes, ", "))
	case f.Group && f.Class.Removable():
		add("group", "a %s field cannot be grouped by (statistics and the index may only hold public or internal fields): remove group, or change the class", f.Class)
	}
	if sub && f.Group {
		add("group", "a list item's sub-field cannot be grouped by: remove group")
	}
	isCode := f.Kind == KindCode || f.Kind == KindCodes
	switch {
	case isCode && len(f.Codes) == 0:
		add("codes", "missing: a %s field lists its codes (codes: [{code: ..., en: ..., fr: ...}])", f.Kind)
	case !isCode && len(f.Codes) > 0 && slices.Contains(FieldKinds(), f.Kind):
		add("codes", "a %s field has no codes: remove codes, or make it kind code or codes", f.Kind)
	}
	seen := map[string]bool{}
	for i, c := range f.Codes {
		key := fmt.Sprintf("codes[%d]", i)
		switch {
		case c.Code == "":
			add(key, "code is empty")
		case seen[c.Code]:
			add(key, "code %s listed twice", Quote(c.Code))
		}
		seen[c.Code] = true
		for _, l := range p.labelLanguages() {
			if (l == "en" && c.En == "") || (l == "fr" && c.Fr == "") {
				add(key+"."+l, "missing: the code's label in %s", languageName(l))
			}
		}
	}
	switch {
	case f.Kind == KindList && len(f.Fields) == 0:
		add("fields", "missing: a list declares the sub-fields of its items (fields: {number: {kind: text, class: ...}})")
	case f.Kind != KindList && len(f.Fields) > 0:
		add("fields", "only a list has sub-fields: remove fields, or make it kind list")
	}
	for i := range f.Fields {
		probs = append(probs, p.checkField(&f.Fields[i], JoinPath(path, "fields."+f.Fields[i].Name), true)...)
	}
	switch {
	case sub && (f.Required != "" || len(f.RequiredBefore) > 0):
		add("required", "a list item's sub-field cannot be required: require the list itself")
	case f.Required != "" && f.Required != "intake":
		add("required", "%s: the only value is intake (create and import refuse a case without it); for a field an action needs, use required_before: [ACTION]", Quote(f.Required))
	}
	if len(p.Workflow.Actions) > 0 {
		for i, a := range f.RequiredBefore {
			if p.Workflow.Actions.Find(a) == nil && !slices.Contains(BuiltinActions(), a) {
				names := p.actionNames()
				for _, b := range BuiltinActions() {
					if !slices.Contains(names, b) {
						names = append(names, b)
					}
				}
				add(fmt.Sprintf("required_before[%d]", i), "unknown action %s%s: actions are %s", Quote(a), Suggest(a, names), strings.Join(names, ", "))
			}
		}
	}
	for _, l := range p.labelLanguages() {
		if (l == "en" && f.En == "") || (l == "fr" && f.Fr == "") {
			add(l, "missing: the field's label in %s", languageName(l))
		}
	}
	return probs
}

func (p *Profile) actionNames() []string {
	out := make([]string, len(p.Workflow.Actions))
	for i, a := range p.Workflow.Actions {
		out[i] = a.Name
	}
	return out
}

func classNames() []string {
	out := make([]string, 0, 4)
	for _, c := range Classes() {
		out = append(out, string(c))
	}
	return out
}

func languageName(l string) string {
	if l == "fr" {
		return "French (fr)"
	}
	return "English (en)"
}
