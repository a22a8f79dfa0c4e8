package codec

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/dossier-dev/dossier/records"
)

// The CSV form of a case, as 'export -o csv' writes it and 'import --format csv' reads it back
// losslessly. It is derived from the Case type, so a field added to the model gets its column
// without a change here:
//   - one column per field, named by its path: a group of fields (complainant, incident,
//     screening...) is spread over dotted columns (complainant.name, incident.date);
//   - a text or a date is the cell as it is, byte for byte (spaces, line breaks, ; and #);
//   - a list (categories, respondent.officers, referrals, history...) is one cell holding its
//     JSON (["conduct-force","language"], [{"name":"Cst. Roy","badge":"12"}]);
//   - an empty cell is an absent field; a group whose cells are all empty is absent.
//
// The history column marks the file as dossier's own export: a spreadsheet from elsewhere has
// no such column and goes through the migration path (see cli/import.go).

// CSVColumn is one column of the CSV form.
type CSVColumn struct {
	Name string   // dotted path: complainant.name
	path []string // the JSON keys down to the value
	JSON bool     // the cell holds JSON (a list); otherwise text
}

// CSVHistoryColumn is the column whose presence marks a CSV file as a dossier export.
const CSVHistoryColumn = "history"

// CSVColumns lists the columns of the CSV form of a profile without declared fields, in record
// order.
func CSVColumns() []CSVColumn { return CSVColumnsFor(nil) }

// CSVColumnsFor lists the columns of the CSV form for profile p, in record order: the record's
// own fields, and in the place of the fields: key one column per declared field, named
// fields.NAME (codes and list items as a JSON cell, like every list). p may be nil.
func CSVColumnsFor(prof *records.Profile) []CSVColumn {
	var out []CSVColumn
	fieldsType := reflect.TypeFor[records.Fields]()
	textMarshaler := reflect.TypeFor[encoding.TextMarshaler]()
	var walk func(t reflect.Type, path []string)
	walk = func(t reflect.Type, path []string) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			p := append(append([]string{}, path...), name)
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			switch {
			case ft == fieldsType:
				if prof == nil {
					continue
				}
				for _, def := range prof.Fields {
					out = append(out, CSVColumn{Name: strings.Join(p, ".") + "." + def.Name, path: append(append([]string{}, p...), def.Name),
						JSON: def.Kind == records.KindCodes || def.Kind == records.KindList})
				}
			case ft.Kind() == reflect.Struct && !ft.Implements(textMarshaler):
				walk(ft, p)
			case ft.Kind() == reflect.String || ft.Implements(textMarshaler):
				out = append(out, CSVColumn{Name: strings.Join(p, "."), path: p})
			default:
				out = append(out, CSVColumn{Name: strings.Join(p, "."), path: p, JSON: true})
			}
		}
	}
	walk(reflect.TypeFor[records.Case](), nil)
	return out
}

// CSVHeader is the header line of the CSV form.
func CSVHeader(cols []CSVColumn) []string {
	h := make([]string, len(cols))
	for i, c := range cols {
		h[i] = c.Name
	}
	return h
}

// CSVRow is c in the CSV form (cells not yet escaped for spreadsheets).
func CSVRow(c *records.Case, cols []CSVColumn) ([]string, error) {
	data, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	row := make([]string, len(cols))
	for i, col := range cols {
		var v any = m
		for _, k := range col.path {
			obj, ok := v.(map[string]any)
			if !ok {
				v = nil
				break
			}
			v = obj[k]
		}
		switch v := v.(type) {
		case nil:
		case string:
			row[i] = v
		default:
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(v); err != nil {
				return nil, err
			}
			row[i] = strings.TrimSuffix(b.String(), "\n")
		}
	}
	return row, nil
}

// CSVToJSON turns one row of the CSV form into the JSON of its case (read then as a JSON Lines
// line is). Problems name the column, never the value.
func CSVToJSON(cols []CSVColumn, row []string) ([]byte, []string) {
	m := map[string]any{}
	var probs []string
	for i, col := range cols {
		if i >= len(row) || row[i] == "" {
			continue
		}
		if !utf8.ValidString(row[i]) {
			terr := records.CheckText(row[i], true)
			probs = append(probs, fmt.Sprintf("%s: %v", col.Name, terr))
			continue
		}
		var v any = row[i]
		if col.JSON {
			if !json.Valid([]byte(row[i])) {
				probs = append(probs, fmt.Sprintf("%s: not valid JSON: this column holds a JSON list, as export writes it", col.Name))
				continue
			}
			v = json.RawMessage(row[i])
		}
		obj := m
		for _, k := range col.path[:len(col.path)-1] {
			next, ok := obj[k].(map[string]any)
			if !ok {
				next = map[string]any{}
				obj[k] = next
			}
			obj = next
		}
		obj[col.path[len(col.path)-1]] = v
	}
	if len(probs) > 0 {
		return nil, probs
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		return nil, []string{err.Error()}
	}
	return b.Bytes(), nil
}
