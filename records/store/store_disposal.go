package store

import (
	"sort"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/privacy"
)

// DueForDisposal lists the cases due for disposal on today, oldest due first. It reads the
// summaries (the index) to find the candidates and then each candidate's file, since holds are
// not in the index. Files that cannot be read come back as errors.
func (s *Store) DueForDisposal(r privacy.Retention, today records.Date, useIndex bool) ([]privacy.Disposal, []error, error) {
	// the candidates only: a disposed file may hold personal data again (a merge): read it
	sums, errs, err := s.SummariesKept(useIndex, func(c *records.Case) bool {
		_, due := r.DueFor(s.Profile, c, today)
		return due || records.Disposed(c)
	})
	if err != nil {
		return nil, nil, err
	}
	var out []privacy.Disposal
	for _, c := range sums {
		rec, err := s.Load(c.ID)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if d, due := r.DueFor(s.Profile, &rec.Case, today); due {
			out = append(out, d)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if c := out[i].Due.Compare(out[j].Due); c != 0 {
			return c < 0
		}
		return out[i].ID < out[j].ID
	})
	return out, errs, nil
}
