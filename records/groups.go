package records

import (
	"fmt"
	"strings"
)

// What the index (the warm path of list, due, stats and reports) carries of the declared
// fields, and what statistics, list filters and declared reports may group by.
//
// The index holds no personal or confidential value and no free text, so it carries only the
// fields of class public or internal whose values are codes, dates or numbers. Of those, the
// fields declared `group: true` are groupable.

// Indexed reports whether the index may carry the field's value: its class is public or
// internal and its kind holds codes, a date or a number (never text or a list of records,
// which may hold anything a person typed).
func (f *FieldDef) Indexed() bool {
	if f.Class != Public && f.Class != Internal {
		return false
	}
	switch f.Kind {
	case KindCode, KindCodes, KindPartner, KindDate, KindInteger, KindMoney:
		return true
	}
	return false
}

// Groupable reports whether statistics, list filters and declared reports may group by the
// field: declared group: true, and indexed (public or internal, not free text).
func (f *FieldDef) Groupable() bool { return f.Group && f.Indexed() }

// IndexedFields are the declared fields the index carries, in declared order.
func (p *Profile) IndexedFields() FieldDefs {
	var out FieldDefs
	for i := range p.Fields {
		if p.Fields[i].Indexed() {
			out = append(out, p.Fields[i])
		}
	}
	return out
}

// GroupFields are the declared fields one may group and filter by, in declared order.
func (p *Profile) GroupFields() FieldDefs {
	var out FieldDefs
	for i := range p.Fields {
		if p.Fields[i].Groupable() {
			out = append(out, p.Fields[i])
		}
	}
	return out
}

// GroupFieldNames lists the names of GroupFields.
func (p *Profile) GroupFieldNames() []string {
	var out []string
	for _, f := range p.GroupFields() {
		out = append(out, f.Name)
	}
	return out
}

// GroupField is the groupable field named name, or an error that says why it is not one and
// lists those that are.
func (p *Profile) GroupField(name string) (*FieldDef, error) {
	names := p.GroupFieldNames()
	choices := "the profile declares no groupable field (group: true on a public or internal field that is not text or a list)"
	if len(names) > 0 {
		choices = "the groupable fields are " + strings.Join(names, ", ")
	}
	f := p.Fields.Find(name)
	switch {
	case f == nil:
		return nil, fmt.Errorf("unknown field %s%s: %s", Quote(name), Suggest(name, names), choices)
	case !f.Groupable():
		return nil, fmt.Errorf("field %s cannot be grouped or filtered by (%s): %s", name, f.whyNotGroupable(), choices)
	}
	return f, nil
}

// whyNotGroupable says why a field is not groupable.
func (f *FieldDef) whyNotGroupable() string {
	switch {
	case f.Kind == KindText || f.Kind == KindList:
		return fmt.Sprintf("a %s field may hold anything a person typed", f.Kind)
	case f.Class != Public && f.Class != Internal:
		return fmt.Sprintf("it is %s: only public or internal fields are grouped", classOrNone(f.Class))
	case !f.Group:
		return "it is not declared group: true"
	}
	return fmt.Sprintf("a field of kind %s", Quote(f.Kind))
}

func classOrNone(c Class) string {
	if c == "" {
		return "without a class"
	}
	return string(c)
}

// FieldCodes are the codes a coded field's values are taken from: its own codes, or the
// profile's partners for a partner field; nil for other kinds.
func (p *Profile) FieldCodes(f *FieldDef) Codes {
	switch f.Kind {
	case KindCode, KindCodes:
		return f.Codes
	case KindPartner:
		return p.Partners
	}
	return nil
}

// CheckGroups reports the text and list fields declared group: true: the index never carries
// free text (nor a list of records, which may hold some), so stats, list and reports cannot
// group by them. A personal or confidential one is left to CheckFields, which refuses it for
// its class.
func (p *Profile) CheckGroups() []Problem {
	var out []Problem
	for i := range p.Fields {
		f := &p.Fields[i]
		if !f.Group || (f.Kind != KindText && f.Kind != KindList) || f.Class.Removable() {
			continue
		}
		out = append(out, Problem{File: "dossier.yaml", Line: f.Line, Field: "fields." + f.Name + ".group",
			Msg: fmt.Sprintf("a %s field cannot be grouped by: it may hold anything a person typed, which the index and statistics never hold; remove group (or make it a code field)", f.Kind)})
	}
	return out
}

// IndexValue reports whether a value of an indexed field may be kept in the index: a code of
// the field's codes (code, codes, partner), or what a date, an integer or an amount is written
// as. Anything else (a value typed by hand that check would refuse) stays in the record file.
func (p *Profile) IndexValue(f *FieldDef, v string) bool {
	switch f.Kind {
	case KindCode, KindCodes, KindPartner:
		return p.FieldCodes(f).Has(v)
	case KindDate:
		_, err := ParseDate(v)
		return err == nil
	case KindInteger, KindMoney:
		return v != "" && strings.Trim(v, "-0123456789.") == ""
	}
	return false
}
