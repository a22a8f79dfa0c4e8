package cli

import (
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/records"
)

// listColumn is one column of list's table between STATUS and DUE: the profile's list:
// columns (records.ListDef), each a built-in column or a declared field.
type listColumn struct {
	header string // the name in capitals; a declared field's label in French on a French table
	cell   func(c *records.Case) string
}

// listColumns are the profile's list columns, labelled by lb (nil: codes).
func listColumns(p *records.Profile, lb *labeler) []listColumn {
	var out []listColumn
	for _, name := range p.ListColumns() {
		header := strings.ToUpper(name)
		if def := p.Fields.Find(name); def != nil && lb != nil && lb.lang == "fr" {
			header = strings.ToUpper(def.Label("fr"))
		}
		out = append(out, listColumn{header: header, cell: listCell(p, lb, name)})
	}
	return out
}

func listCell(p *records.Profile, lb *labeler, name string) func(c *records.Case) string {
	if def := p.Fields.Find(name); def != nil {
		codes := p.FieldCodes(def)
		return func(c *records.Case) string {
			vs := slices.Clone(c.Field(name).Values()) // the summary's own list is shared
			if lb == nil {
				return strings.Join(vs, ",")
			}
			for i, v := range vs {
				if cd := codes.Find(v); cd != nil {
					vs[i] = cd.Label(lb.lang)
				}
			}
			return strings.Join(vs, ", ")
		}
	}
	switch name {
	case records.ColType:
		return func(c *records.Case) string { return lb.of("type", c.Type) }
	case records.ColService:
		return func(c *records.Case) string { return lb.of("service", c.Service()) }
	case records.ColLocation:
		return func(c *records.Case) string { return c.Location() }
	case records.ColArea:
		return func(c *records.Case) string { return lb.of("area", c.Area()) }
	case records.ColChannel:
		return func(c *records.Case) string { return lb.of("channel", c.Channel) }
	case records.ColLanguage:
		return func(c *records.Case) string { return lb.of("language", c.Language) }
	case records.ColOutcome:
		return func(c *records.Case) string { return lb.of("outcome", c.Outcome()) }
	case records.ColRouting:
		return func(c *records.Case) string { return lb.of("routing", c.Routing) }
	case records.ColPartner:
		return func(c *records.Case) string {
			var open []string
			for _, r := range c.Referrals {
				if r.Open() {
					open = append(open, lb.of("partner", r.To))
				}
			}
			if lb != nil {
				return strings.Join(open, ", ")
			}
			return strings.Join(open, ",")
		}
	}
	return func(*records.Case) string { return "" } // CheckList refuses any other name
}
