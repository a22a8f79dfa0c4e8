package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/records"
	"go.yaml.in/yaml/v3"
)

type importMap struct {
	Columns       map[string]string            `yaml:"columns"`
	Values        map[string]map[string]string `yaml:"values"`
	Defaults      map[string]string            `yaml:"defaults"`
	ListSeparator string                       `yaml:"list_separator"`
}

// importFields are the fields a CSV column may hold.

var importFields = append(append([]string{}, csvColumns...), "referral.to")

func loadImportMap(f *Factory, file string) (*importMap, error) {
	m := &importMap{ListSeparator: listSep}
	if file == "" {
		return m, nil
	}
	data, err := f.readFile(file)
	if err != nil {
		return nil, fmt.Errorf("--map: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(m); err != nil && !errors.Is(err, io.EOF) {
		return nil, usageErrorf("--map %s: %v (keys: columns, values, defaults, list_separator)", file, err)
	}
	check := func(where, field string) error {
		// fields.NAME: a declared field, checked against the profile with the header.
		if !slices.Contains(importFields, field) && !strings.HasPrefix(field, "fields.") {
			return usageErrorf("--map %s: %s: unknown field %q%s; fields are %s", file, where, field, records.Suggest(field, importFields), strings.Join(importFields, ", "))
		}
		return nil
	}
	for col, field := range m.Columns {
		if err := check("columns."+col, field); err != nil {
			return nil, err
		}
	}
	for field := range m.Values {
		if err := check("values", field); err != nil {
			return nil, err
		}
	}
	for field := range m.Defaults {
		if err := check("defaults", field); err != nil {
			return nil, err
		}
	}
	if m.ListSeparator == "" {
		m.ListSeparator = listSep
	}
	return m, nil
}

// keptAsWritten tells the text columns of a spreadsheet, kept byte for byte (the text rules:
// spaces included); codes, dates and lists are trimmed.
func keptAsWritten(field string) bool {
	switch field {
	case "summary", "disposition.reason", "incident.location":
		return true
	}
	return strings.HasPrefix(field, "complainant.") || strings.HasPrefix(field, "representative.")
}

// fieldColumn is the column of an import that holds the field an input error names, "" when
// the field has none (the date of a step).

func fieldColumn(field string) string {
	if field == "finding" {
		return "disposition.outcome"
	}
	if slices.Contains(importFields, field) || strings.HasPrefix(field, "fields.") {
		return field
	}
	return ""
}

// caseFromRow builds one case from its fields, replaying its life through the verbs so that the
// history, status and dates are those the workflow would have made.
