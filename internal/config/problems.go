package config

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/privacy"
	"go.yaml.in/yaml/v3"
)

// ProfileError is the error of a command that refuses to run on a broken profile: the
// problems `dossier check` reports, one per line.
type ProfileError struct{ Problems []records.Problem }

func (e *ProfileError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.Error()
	}
	return fmt.Sprintf("the profile has %d %s (dossier check lists them; fix them first):\n%s", len(e.Problems),
		map[bool]string{true: "problem", false: "problems"}[len(e.Problems) == 1], strings.Join(lines, "\n"))
}

// located gives each problem of the merged profile the file its key was written in (the
// layer it came from) and the line of the deepest part of the key written there, and sorts
// them by file and line.
func (m *merger) located(probs []records.Problem) []records.Problem {
	for i := range probs {
		p := &probs[i]
		if p.Field == "" {
			continue
		}
		line := lineOf(m.doc, p.Field)
		if line == 0 {
			continue // written nowhere: it is to be added to the file the check names
		}
		if file := m.files[m.source(keyOf(p.Field))]; file != "" {
			p.File = file
		}
		p.Line = line
	}
	slices.SortStableFunc(probs, func(a, b records.Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), strings.Compare(a.Field, b.Field), strings.Compare(a.Msg, b.Msg))
	})
	return probs
}

// keyOf is a problem's field as a settings key: without list indexes (codes.types[2].fr is
// in codes.types).
func keyOf(field string) string {
	if i := strings.IndexByte(field, '['); i >= 0 {
		return field[:i]
	}
	return field
}

// lineOf is the line of the deepest part of a dotted key (with [i] list indexes) written in
// the merged settings; 0 when not even its first part is.
func lineOf(doc *yaml.Node, field string) int {
	line, n := 0, doc
	for _, part := range strings.Split(field, ".") {
		name, index, _ := strings.Cut(part, "[")
		if n == nil || n.Kind != yaml.MappingNode {
			return line
		}
		j := mapIndex(n, name)
		if j < 0 {
			return line
		}
		line, n = n.Content[j].Line, n.Content[j+1]
		for index != "" {
			var num string
			num, index, _ = strings.Cut(index, "]")
			index = strings.TrimPrefix(index, "[")
			k, err := strconv.Atoi(num)
			if err != nil || n.Kind != yaml.SequenceNode || k < 0 || k >= len(n.Content) {
				return line
			}
			n = n.Content[k]
			line = n.Line
		}
	}
	return line
}

// checkDisclosureFields reports a disclosure policy granting a declared field (fields.NAME)
// the profile does not declare.
func checkDisclosureFields(policy privacy.Policy, p *records.Profile) []records.Problem {
	var probs []records.Problem
	var names []string
	for _, f := range p.Fields {
		names = append(names, f.Name)
	}
	for _, audience := range policy.Audiences() {
		for _, entry := range policy[audience] {
			rest, ok := strings.CutPrefix(strings.TrimPrefix(entry, "-"), "fields.")
			if !ok {
				continue
			}
			name, _, _ := strings.Cut(rest, ".")
			if p.Fields.Find(name) != nil {
				continue
			}
			known := "the profile declares no field"
			if len(names) > 0 {
				known = "declared fields are " + strings.Join(names, ", ")
			}
			probs = append(probs, records.Problem{File: FileName, Field: "disclosure." + audience,
				Msg: fmt.Sprintf("unknown field %q%s; %s", records.Printable("fields."+name), records.Suggest(name, names), known)})
		}
	}
	return probs
}
