package records

import (
	"fmt"
	"slices"
	"strings"
)

// The classification table (classification.go) holds the record's own fields; the profile's
// declared fields each declare their class (FieldDef.Class). These methods classify a path by
// both. With a nil profile, or one that declares no fields, they are the static functions: the
// fields group is confidential (withheld, purged) as a whole.

// ClassOf is the class of a field path, the declared fields' by their declaration:
// fields.NAME is the field's class (a list: the most sensitive of it and its sub-fields),
// fields.NAME.SUB a list's sub-field's, fields the most sensitive declared field's. A
// declaration without a valid class counts as personal. ok is false for a path the record
// does not have (an undeclared field).
func (p *Profile) ClassOf(path string) (Class, bool) {
	if p == nil || len(p.Fields) == 0 {
		return ClassOf(path)
	}
	path = listIndex().ReplaceAllString(path, "")
	rest, ok := strings.CutPrefix(path, "fields")
	if !ok || (rest != "" && rest[0] != '.') {
		return ClassOf(path)
	}
	if rest == "" {
		c := Public
		for i := range p.Fields {
			c = moreSensitive(c, fieldClass(&p.Fields[i]))
		}
		return c, true
	}
	name, subName, _ := strings.Cut(rest[1:], ".")
	def := p.Fields.Find(name)
	if def == nil {
		return "", false
	}
	if subName == "" {
		return fieldClass(def), true
	}
	sub := def.Fields.Find(subName)
	if sub == nil {
		return "", false
	}
	return validClass(subClass(def, sub)), true
}

// fieldClass is a declared field's class: its own, or for a list the most sensitive of its
// own and its sub-fields'.
func fieldClass(def *FieldDef) Class {
	c := validClass(def.Class)
	for i := range def.Fields {
		c = moreSensitive(c, validClass(subClass(def, &def.Fields[i])))
	}
	return c
}

// validClass is c, or personal for a missing or unknown class (the safe side: check reports it).
func validClass(c Class) Class {
	if !IsClass(string(c)) {
		return Personal
	}
	return c
}

func moreSensitive(a, b Class) Class {
	if b.sensitivity() > a.sensitivity() {
		return b
	}
	return a
}

// DescribeValue is DescribeValue with the declared fields classified by the profile.
func (p *Profile) DescribeValue(path, v string) string {
	c, ok := p.ClassOf(path)
	if ok && !c.Removable() {
		return "the value " + Quote(v)
	}
	if !ok {
		c = Personal
	}
	return "a value (not shown: " + string(c) + " field)"
}

// keptFields are the declared fields disposal keeps: the public and internal ones, a list's
// items without their personal and confidential sub-fields (an item left empty goes).
func (p *Profile) keptFields(fs Fields) Fields {
	var out Fields
	for name, v := range fs {
		def := p.Fields.Find(name)
		if def == nil || v.IsZero() || validClass(def.Class).Removable() {
			continue
		}
		if len(v.Items) > 0 {
			var items []map[string]string
			for _, item := range v.Items {
				kept := map[string]string{}
				for k, s := range item {
					if sub := def.Fields.Find(k); sub != nil && s != "" && !validClass(subClass(def, sub)).Removable() {
						kept[k] = s
					}
				}
				if len(kept) > 0 {
					items = append(items, kept)
				}
			}
			if len(items) == 0 {
				continue
			}
			v = FieldValue{Items: items}
		}
		if out == nil {
			out = Fields{}
		}
		out[name] = FieldValue{Scalar: v.Scalar, Codes: slices.Clone(v.Codes), Items: v.Items}
	}
	return out
}

// removedDeclared lists the declared fields (and list sub-fields) of fs that disposal removes,
// by name.
func (p *Profile) removedDeclared(fs Fields) []string {
	names := make([]string, 0, len(fs))
	for name, v := range fs {
		if !v.IsZero() {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	var out []string
	for _, name := range names {
		v, def := fs[name], p.Fields.Find(name)
		if def == nil || validClass(def.Class).Removable() || len(v.Items) == 0 {
			if def == nil || validClass(def.Class).Removable() {
				out = append(out, FieldPath(name))
			}
			continue
		}
		for i, item := range v.Items {
			keys := make([]string, 0, len(item))
			for k := range item {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				sub := def.Fields.Find(k)
				if item[k] != "" && (sub == nil || validClass(subClass(def, sub)).Removable()) {
					out = append(out, fmt.Sprintf("%s[%d].%s", FieldPath(name), i, k))
				}
			}
		}
	}
	return out
}

// Scrub is Scrub keeping the public and internal declared fields.
func (p *Profile) Scrub(c *Case) {
	if p == nil || len(p.Fields) == 0 {
		Scrub(c)
		return
	}
	kept := p.keptFields(c.Fields)
	Scrub(c)
	c.Fields = kept
}

// RemovedFields is RemovedFields naming the declared fields Scrub removes one by one, where
// the fields: key is in record order.
func (p *Profile) RemovedFields(c *Case) []string {
	out := RemovedFields(c)
	if p == nil || len(p.Fields) == 0 {
		return out
	}
	at := slices.Index(out, "fields")
	if at < 0 {
		return out
	}
	return slices.Replace(out, at, at+1, p.removedDeclared(c.Fields)...)
}

// DisposedResidue is DisposedResidue with the declared fields classified by the profile.
func (p *Profile) DisposedResidue(c *Case) []string {
	last := FirstDispose(c)
	if last < 0 {
		return nil
	}
	cc := *c
	cc.History = c.History[:last]
	return p.RemovedFields(&cc)
}

// ScrubResidue is ScrubResidue keeping the public and internal declared fields.
func (p *Profile) ScrubResidue(c *Case) {
	last := FirstDispose(c)
	if last < 0 {
		return
	}
	later := slices.Clone(c.History[last:])
	c.History = c.History[:last]
	p.Scrub(c)
	c.History = append(c.History, later...)
}
