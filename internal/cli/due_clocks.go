package cli

import (
	"strings"

	"github.com/dossier-dev/dossier/records"
)

// runningClocks are the clocks the profile declares with a start (the ones due lists; the
// built-in lengths are read by the verbs).
func runningClocks(p *records.Profile) records.Codes {
	var out records.Codes
	for _, d := range p.Deadlines {
		if d.Runs() {
			out = append(out, d.Code())
		}
	}
	return out
}

// checkClockFlag accepts the name of a running clock for --clock.
func checkClockFlag(p *records.Profile, name string) error {
	if name == "" {
		return nil
	}
	clocks := runningClocks(p)
	if len(clocks) == 0 {
		return usageErrorf("--clock %s: the profile declares no clock of its own (clocks: with a start in dossier.yaml)", name)
	}
	if !clocks.Has(name) {
		return usageErrorf("--clock: unknown clock %q%s: use one of %s", name, records.Suggest(name, clocks.List()), strings.Join(clocks.List(), ", "))
	}
	return nil
}

// filterClock keeps the rows of the clock name ("": every row).
func filterClock(rows []dueRow, name string) []dueRow {
	if name == "" {
		return rows
	}
	var out []dueRow
	for _, r := range rows {
		if r.Clock == name {
			out = append(out, r)
		}
	}
	return out
}

// dueFacts selects the summaries due must read in full: the open cases owing a document
// (hasOpenRequest) and, when the profile's clocks read a field the index may not carry (a
// confidential date...), every open case. The index keeps the history entries of the clocks'
// actions.
func dueFacts(p *records.Profile) func(*records.Case) bool {
	if len(runningClocks(p)) == 0 || p.ClocksIndexed() {
		return hasOpenRequest
	}
	return func(c *records.Case) bool { return c.Open() }
}
