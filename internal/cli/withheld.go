package cli

import (
	"slices"

	"github.com/dossier-dev/dossier/records"
	recstore "github.com/dossier-dev/dossier/records/store"
)

// completeWithheld reads from the record files what the index does not hold (it keeps no
// personal or confidential value: see records.Summarize), for the cases need selects. A file
// that cannot be read keeps its summary, with a warning.
func (f *Factory) completeWithheld(store *recstore.Store, cases []*records.Case, need func(*records.Case) bool) {
	if err := store.Complete(cases, need); err != nil {
		f.Warn("%v", err)
	}
}

// hasIncident selects the cases whose incident location a command shows or groups by.
func hasIncident(c *records.Case) bool { return c.Incident != nil }

// hasOpenRequest selects the open cases owing a document: due and the overdue report name it.
func hasOpenRequest(c *records.Case) bool {
	if !c.Open() {
		return false
	}
	for _, rq := range c.Requests {
		if rq.Received.IsZero() && !rq.Due.IsZero() {
			return true
		}
	}
	return false
}

// matchCases keeps the summaries that match the filter; when the filter names a location or
// showLocation is set, the locations of the candidates are read from their files first.
func (f *Factory) matchCases(store *recstore.Store, cases []*records.Case, fl caseFilter, showLocation bool) []*records.Case {
	location := fl.location
	fl.location = ""
	var matched []*records.Case
	for _, c := range cases {
		if fl.match(c) {
			matched = append(matched, c)
		}
	}
	if location == "" && !showLocation {
		return matched
	}
	if err := store.CompleteLocations(matched); err != nil {
		f.Warn("%v", err)
	}
	fl.location = location
	return slices.DeleteFunc(matched, func(c *records.Case) bool { return !fl.match(c) })
}
