package store

import "github.com/dossier-dev/dossier/records"

// A command that shows or filters by the incident location (confidential, so never in the
// index) would otherwise read every matching file twice on a cold run: once to summarise it,
// once more for its location. With Store.KeepLocations set, Summaries keeps, in memory only and
// for this run, the location of each file it parsed; CompleteLocations takes it from there and
// reads the files of the other cases (those the index answered for).

// keptLocations notes the location of each case Summaries parsed (sums[i] is its summary).
func (s *Store) keptLocations(sums []*records.Case, full []*records.Incident) {
	s.locations = make(map[*records.Case]string)
	for i, in := range full {
		if in != nil && sums[i] != nil {
			s.locations[sums[i]] = in.Location
		}
	}
}

// CompleteLocations sets the incident location of each case that has an incident, from what
// the last Summaries kept (see Store.KeepLocations) or else from its file. A summary is given a
// copy of its incident (summaries may share data), never changed in place.
func (s *Store) CompleteLocations(cases []*records.Case) error {
	return s.Complete(cases, func(c *records.Case) bool {
		if c.Incident == nil {
			return false
		}
		loc, ok := s.locations[c]
		if !ok {
			return true
		}
		in := *c.Incident
		in.Location = loc
		c.Incident = &in
		return false
	})
}
