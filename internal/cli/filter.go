package cli

import (
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/records"
	"github.com/spf13/cobra"
)

// caseFilter is the set of filters list, stats and export share.
type caseFilter struct {
	statuses, types, services, categories, flags []string
	location                                     string
	from, to                                     string
	fromDate, toDate                             records.Date
	fieldArgs                                    []string      // --field NAME=VALUE (list, stats)
	fieldFilters                                 []fieldFilter // fieldArgs checked (completeFields)
}

func addFilterFlags(cmd *cobra.Command, fl *caseFilter) {
	f := cmd.Flags()
	f.StringSliceVar(&fl.statuses, "status", nil, "only cases in these statuses (repeat or comma-separate; open = every status but closed)")
	f.StringSliceVar(&fl.types, "type", nil, "only these types")
	f.StringSliceVar(&fl.services, "service", nil, "only cases against these services (partner codes)")
	f.StringSliceVar(&fl.categories, "category", nil, "only cases with one of these categories")
	f.StringSliceVar(&fl.flags, "flag", nil, "only cases with one of these flags")
	f.StringVar(&fl.location, "location", "", "only incidents whose location contains this text (any case)")
	f.StringVar(&fl.from, "received-from", "", "only cases received on or after `DATE`")
	f.StringVar(&fl.to, "received-to", "", "only cases received on or before `DATE`")
}

// complete checks the filter values against the profile and parses the dates.
func (fl *caseFilter) complete(p *records.Profile) error {
	fl.statuses = splitList(fl.statuses)
	fl.types, fl.services = splitList(fl.types), splitList(fl.services)
	fl.categories, fl.flags = splitList(fl.categories), splitList(fl.flags)
	statuses := p.Workflow.StatusCodes()
	for _, s := range fl.statuses {
		if s != "open" && !slices.Contains(statuses, s) {
			return usageErrorf("--status: unknown status %q%s; use one of open, %s", s, records.Suggest(s, statuses), strings.Join(statuses, ", "))
		}
	}
	checks := []struct {
		flag string
		cs   records.Codes
		vals []string
	}{{"--type", p.Types, fl.types}, {"--service", p.Partners, fl.services}, {"--category", p.Categories, fl.categories}, {"--flag", p.Flags, fl.flags}}
	for _, ch := range checks {
		for _, v := range ch.vals {
			if err := ch.cs.Check(strings.TrimPrefix(ch.flag, "--"), v); err != nil {
				return usageErrorf("%s: %v", ch.flag, err)
			}
		}
	}
	var err error
	if fl.from != "" {
		if fl.fromDate, err = records.ParseDate(fl.from); err != nil {
			return usageErrorf("--received-from: %v", err)
		}
	}
	if fl.to != "" {
		if fl.toDate, err = records.ParseDate(fl.to); err != nil {
			return usageErrorf("--received-to: %v", err)
		}
	}
	return fl.completeFields(p)
}

// matchIndexed is match without the location filter, which a summary cannot answer (the
// location is not in the index): it keeps the summaries that may match (matchCases decides).
func (fl *caseFilter) matchIndexed(c *records.Case) bool {
	without := *fl
	without.location = ""
	return without.match(c)
}

func (fl *caseFilter) match(c *records.Case) bool {
	if len(fl.statuses) > 0 && !slices.Contains(fl.statuses, c.Status) && !(slices.Contains(fl.statuses, "open") && c.Open()) {
		return false
	}
	if len(fl.types) > 0 && !slices.Contains(fl.types, c.Type) {
		return false
	}
	if len(fl.services) > 0 && !slices.Contains(fl.services, c.Service()) {
		return false
	}
	if len(fl.categories) > 0 && !slices.ContainsFunc(c.Categories, func(s string) bool { return slices.Contains(fl.categories, s) }) {
		return false
	}
	if len(fl.flags) > 0 && !slices.ContainsFunc(c.Flags, func(s string) bool { return slices.Contains(fl.flags, s) }) {
		return false
	}
	if fl.location != "" && !strings.Contains(strings.ToLower(c.Location()), strings.ToLower(fl.location)) {
		return false
	}
	if !fl.fromDate.IsZero() && c.Received.Before(fl.fromDate) {
		return false
	}
	if !fl.toDate.IsZero() && c.Received.After(fl.toDate) {
		return false
	}
	return fl.matchFields(c)
}
