package records

import (
	"fmt"
	"slices"
	"strings"
)

// ListDef is what `dossier list` shows of each case between its status and its next due date
// (list: columns: in dossier.yaml). The id, the date received, the status and the next due
// date are always shown. A list is read from the summary index, which holds no personal
// field and no free text: a column is a built-in one (ListBuiltinColumns) or a declared field
// that is public or internal and not text (FieldDef.Indexed). A profile that declares none
// shows DefaultListColumns.
type ListDef struct {
	Columns []string `yaml:"columns"`
}

// DefaultListColumns are the columns of a profile that declares none: a police-oversight
// office's (the type of complaint, the police service complained about, where it happened).
func DefaultListColumns() []string { return []string{ColType, ColService, ColLocation} }

// The built-in list columns.
const (
	ColType     = "type"
	ColService  = "service"  // the police service or body the case is about (respondent.service)
	ColLocation = "location" // where the incident happened: read from the files, never the index
	ColArea     = "area"
	ColChannel  = "channel"
	ColLanguage = "language"
	ColPartner  = "partner" // the partners of the referrals still open, comma-separated
	ColOutcome  = "outcome"
	ColRouting  = "routing"
)

// ListBuiltinColumns are the columns every profile may list.
func ListBuiltinColumns() []string {
	return []string{ColType, ColService, ColLocation, ColArea, ColChannel, ColLanguage, ColPartner, ColOutcome, ColRouting}
}

// ListColumns are the columns list shows: the profile's, else DefaultListColumns.
func (p *Profile) ListColumns() []string {
	if p == nil || p.List.Columns == nil {
		return DefaultListColumns()
	}
	return p.List.Columns
}

// CheckList reports a list column that is neither built in nor a declared field the index
// holds, and a column named twice.
func (p *Profile) CheckList() []Problem {
	var probs []Problem
	seen := map[string]bool{}
	builtin := ListBuiltinColumns()
	for i, c := range p.List.Columns {
		key := fmt.Sprintf("list.columns[%d]", i)
		add := func(format string, args ...any) {
			probs = append(probs, Problem{File: "dossier.yaml", Field: key, Msg: fmt.Sprintf(format, args...)})
		}
		switch def := p.Fields.Find(c); {
		case seen[c]:
			add("column %s listed twice", Quote(c))
		case slices.Contains(builtin, c) && def == nil:
		case def != nil && !def.Indexed():
			add("field %s is %s %s: a list shows only public or internal fields that are codes, dates or numbers (the index it reads holds no personal data and no free text)", c, def.Class, def.Kind)
		case def == nil:
			names := append(slices.Clone(builtin), p.indexedFieldNames()...)
			add("unknown column %s%s: use one of %s", Quote(c), Suggest(c, names), strings.Join(names, ", "))
		}
		seen[c] = true
	}
	return probs
}

func (p *Profile) indexedFieldNames() []string {
	var out []string
	for i := range p.Fields {
		if p.Fields[i].Indexed() {
			out = append(out, p.Fields[i].Name)
		}
	}
	return out
}
