package records

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// fieldProblems checks a record's fields: against the profile's declarations: every name
// declared, every value of its kind's shape and rules (the rules SetField applies, and the
// canonical form it writes), required fields set. A value of a personal or confidential field
// is never quoted. A disposed case is not held to the required fields (purge removed them).
func fieldProblems(c *Case, p *Profile) []Problem {
	var ps []Problem
	add := func(field, format string, args ...any) {
		ps = append(ps, Problem{Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	names := make([]string, 0, len(c.Fields))
	for name := range c.Fields {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		v := c.Fields[name]
		def := p.Fields.Find(name)
		if def == nil {
			// A key that is not a field's name is not quoted, even in the path: it may be
			// personal information typed in the wrong place.
			field, shown, hint := "fields", "a field whose name is not shown (it is not a field name)", ""
			if fieldNameRule().MatchString(name) {
				field, shown, hint = FieldPath(name), Quote(name), Suggest(name, p.FieldNames())
			}
			if len(p.Fields) == 0 {
				add(field, "%s is not declared: the profile declares no fields (fields: in dossier.yaml)", shown)
			} else {
				add(field, "%s is not declared%s: declared fields: %s", shown, hint, strings.Join(p.FieldNames(), ", "))
			}
			continue
		}
		if v.IsZero() {
			continue
		}
		p.valueProblems(def, FieldPath(name), v, add)
	}
	if Disposed(c) {
		return ps
	}
	for i := range p.Fields {
		def := &p.Fields[i]
		if !c.Field(def.Name).IsZero() {
			continue
		}
		if def.Required == "intake" {
			add(FieldPath(def.Name), "missing: %s is required from intake on", def.Label("en"))
		}
		for _, a := range def.RequiredBefore {
			if j := slices.IndexFunc(c.History, func(e Entry) bool { return e.Do == a }); j >= 0 {
				add(FieldPath(def.Name), "missing: %s is required before %s, which the history has (history[%d])", def.Label("en"), a, j)
			}
		}
	}
	return ps
}

// valueProblems checks one value of a declared field: its shape (a value, a list of codes, a
// list of items), then each value by its kind, in the canonical form SetField writes.
func (p *Profile) valueProblems(def *FieldDef, path string, v FieldValue, add func(field, format string, args ...any)) {
	switch def.Kind {
	case KindCodes:
		if len(v.Codes) == 0 {
			add(path, "expected a list of codes ([%s]), found %s", strings.Join(firstCodes(def, 2), ", "), shapeName(v))
			return
		}
		for i, code := range v.Codes {
			ipath := fmt.Sprintf("%s[%d]", path, i)
			if err := checkFieldCode(def.Codes, def.Kind, def.Class, ipath, code); err != nil {
				add(ipath, "%s", inputMsg(err))
			} else if slices.Index(v.Codes, code) < i {
				add(ipath, "%s listed twice: keep one", Quote(code))
			}
		}
	case KindList:
		if len(v.Items) == 0 {
			add(path, "expected a list of items (- {%s}), found %s", strings.Join(subNames(def), ": ..., ")+": ...", shapeName(v))
			return
		}
		for i, item := range v.Items {
			ipath := fmt.Sprintf("%s[%d]", path, i)
			keys := make([]string, 0, len(item))
			for k := range item {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			if len(keys) == 0 || !slices.ContainsFunc(keys, func(k string) bool { return item[k] != "" }) {
				add(ipath, "an empty item: give its sub-fields (%s), or remove it", strings.Join(subNames(def), ", "))
				continue
			}
			for _, k := range keys {
				sub := def.Fields.Find(k)
				kpath := JoinPath(ipath, k)
				if sub == nil {
					field, shown, hint := ipath, "a sub-field whose name is not shown (it is not a field name)", ""
					if fieldNameRule().MatchString(k) {
						field, shown, hint = kpath, Quote(k), Suggest(k, subNames(def))
					}
					add(field, "%s is not declared%s: sub-fields: %s", shown, hint, strings.Join(subNames(def), ", "))
					continue
				}
				if item[k] != "" {
					p.scalarProblem(sub, subClass(def, sub), kpath, item[k], add)
				}
			}
		}
	default:
		if v.Scalar == "" {
			add(path, "expected a single value (%s), found %s", kindText(def), shapeName(v))
			return
		}
		p.scalarProblem(def, def.Class, path, v.Scalar, add)
	}
}

// scalarProblem checks one stored value by its kind, and that it is written the way SetField
// writes it (2026-01-05, 1234.50, 12).
func (p *Profile) scalarProblem(def *FieldDef, class Class, path, s string, add func(field, format string, args ...any)) {
	canon, err := p.parseScalar(def, class, path, s)
	switch {
	case err != nil:
		add(path, "%s", inputMsg(err))
	case canon != s:
		if class == Public || class == Internal {
			add(path, "%s: a record writes this %s value %s", Quote(s), def.Kind, Quote(canon))
		} else {
			add(path, "not written the way a record writes a %s (value not shown: %s field): write %s", def.Kind, class, exampleValue(def))
		}
	}
}

// subClass is the class of a list's sub-field: its own, or the list's when that is more
// sensitive (or the sub-field declares none).
func subClass(list, sub *FieldDef) Class {
	if sub.Class == "" || (IsClass(string(list.Class)) && list.Class.sensitivity() > sub.Class.sensitivity()) {
		return list.Class
	}
	return sub.Class
}

func inputMsg(err error) string {
	var ie *InputError
	if errors.As(err, &ie) {
		return ie.Msg
	}
	return err.Error()
}

func shapeName(v FieldValue) string {
	switch {
	case len(v.Items) > 0:
		return "a list of items"
	case len(v.Codes) > 0:
		return "a list of values"
	}
	return "a single value"
}

func subNames(def *FieldDef) []string {
	out := make([]string, len(def.Fields))
	for i, f := range def.Fields {
		out[i] = f.Name
	}
	return out
}

func firstCodes(def *FieldDef, n int) []string {
	codes := def.Codes.List()
	if len(codes) > n {
		codes = codes[:n]
	}
	if len(codes) == 0 {
		return []string{"code"}
	}
	return codes
}

// checkRequiredAtIntake refuses a new case without a field its profile requires at intake.
// The error names the first missing field (the flag or column to fix) and says which others
// are missing too, so that one refusal tells everything the case lacks.
func (p *Profile) checkRequiredAtIntake(c *Case) error {
	var first *FieldDef
	var also []string
	for i := range p.Fields {
		def := &p.Fields[i]
		if def.Required != "intake" || !c.Field(def.Name).IsZero() {
			continue
		}
		if first == nil {
			first = def
		} else {
			also = append(also, fmt.Sprintf("%s (%s)", def.Label("en"), exampleValue(def)))
		}
	}
	if first == nil {
		return nil
	}
	msg := fmt.Sprintf("missing: %s is required to open a case (%s)", first.Label("en"), exampleValue(first))
	switch len(also) {
	case 0:
	case 1:
		msg += "; so is " + also[0]
	default:
		msg += "; so are " + strings.Join(also, ", ")
	}
	return &InputError{Field: FieldPath(first.Name), Msg: msg}
}

// canonicalFields rewrites the declared fields' valid values the way SetField writes them
// (12.5 → 12.50, +7 → 7, spaces around a code dropped), so that a --from document or an
// imported row may write them as a person would. Invalid values are left for Validate.
func (p *Profile) canonicalFields(c *Case) {
	if len(c.Fields) == 0 {
		return
	}
	out := make(Fields, len(c.Fields))
	for name, v := range c.Fields {
		def := p.Fields.Find(name)
		if def != nil {
			v = p.canonicalValue(def, v)
		}
		out[name] = v
	}
	c.Fields = out
}

func (p *Profile) canonicalValue(def *FieldDef, v FieldValue) FieldValue {
	canon := func(d *FieldDef, class Class, s string) string {
		if c, err := p.parseScalar(d, class, "", s); err == nil {
			return c
		}
		return s
	}
	switch {
	case def.Kind == KindCodes && len(v.Codes) > 0:
		codes := make([]string, len(v.Codes))
		for i, c := range v.Codes {
			codes[i] = strings.TrimSpace(c)
		}
		return FieldValue{Codes: codes}
	case def.Kind == KindList && len(v.Items) > 0:
		items := make([]map[string]string, len(v.Items))
		for i, item := range v.Items {
			items[i] = make(map[string]string, len(item))
			for k, s := range item {
				if sub := def.Fields.Find(k); sub != nil && s != "" {
					s = canon(sub, subClass(def, sub), s)
				}
				items[i][k] = s
			}
		}
		return FieldValue{Items: items}
	case def.Kind != KindList && def.Kind != KindCodes && v.Scalar != "":
		return FieldValue{Scalar: canon(def, def.Class, v.Scalar)}
	}
	return v
}

// kindText says what a value of def's kind is, for a record's messages.
func kindText(def *FieldDef) string {
	switch def.Kind {
	case KindCode:
		return "one code: " + strings.Join(firstCodes(def, 3), ", ")
	case KindPartner:
		return "a partner code"
	case KindText:
		return "text"
	}
	return exampleValue(def)
}
