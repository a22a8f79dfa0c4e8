package cli

import (
	"strings"

	"github.com/dossier-dev/dossier/records"
)

// A migrated spreadsheet may hold the profile's declared fields in columns named fields.NAME
// (in the header, or by --map columns). A cell is the value as --field NAME=VALUE takes it;
// in a codes cell the codes and in a list cell the items are separated by the list separator.

// isDeclaredColumn reports whether field names a declared field of p (fields.NAME).
func isDeclaredColumn(p *records.Profile, field string) bool {
	name, ok := strings.CutPrefix(field, "fields.")
	return ok && p.Fields.Find(name) != nil
}

// declaredColumnNames are the fields.NAME columns of p, for messages.
func declaredColumnNames(p *records.Profile) []string {
	out := make([]string, len(p.Fields))
	for i, f := range p.Fields {
		out[i] = records.FieldPath(f.Name)
	}
	return out
}

// declaredFields sets the declared fields of the row's fields.NAME columns through SetField.
func (r *importRow) declaredFields(c *records.Case) {
	for i := range r.p.Fields {
		def := &r.p.Fields[i]
		column := records.FieldPath(def.Name)
		if r.v[column] == "" {
			continue
		}
		values := []string{r.v[column]}
		switch def.Kind {
		case records.KindCodes:
			values = []string{strings.Join(r.list(column), ",")}
		case records.KindList:
			values = r.list(column)
		}
		for _, v := range values {
			if err := r.p.SetField(c, def.Name, v); err != nil {
				var msg string
				if ie, ok := err.(*records.InputError); ok {
					msg = ie.Msg
				} else {
					msg = err.Error()
				}
				r.bad(column, "%s", msg)
				if r.refused == nil {
					r.refused = map[string]bool{}
				}
				r.refused[column] = true
				break
			}
		}
	}
}
