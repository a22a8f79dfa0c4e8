package store

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
)

// Legacy file numbers (legacy_ids) are the numbers a case had in the system it was imported
// from (E-2024-0001). They find the case like its id does, so one legacy number names one case
// at most: CheckFiles reports two cases claiming the same one.

// lookupLegacy finds the case holding the legacy file number id (compared without regard to
// case). Only the files mentioning it are parsed. ok is false when no case holds it; two cases
// holding it are an error naming both.
func (s *Store) lookupLegacy(id string) (string, bool, error) {
	id = strings.TrimSpace(id)
	if id == "" {
		return "", false, nil
	}
	files, _, err := s.RecordFiles()
	if err != nil {
		return "", false, err
	}
	needle := bytes.ToLower([]byte(id))
	var mu sync.Mutex
	var found []string
	reader := s.newDirReader()
	defer reader.close()
	parallel(len(files), func(i int) {
		data, err := reader.read(files[i])
		if err != nil || !bytes.Contains(bytes.ToLower(data), needle) {
			return
		}
		rec, err := codec.ParseReadOnly(files[i], data)
		if err != nil {
			return
		}
		if slices.ContainsFunc(rec.Case.LegacyIDs, func(l string) bool { return strings.EqualFold(l, id) }) {
			mu.Lock()
			found = append(found, rec.Case.ID)
			mu.Unlock()
		}
	})
	slices.Sort(found)
	switch len(found) {
	case 0:
		return "", false, nil
	case 1:
		return found[0], true, nil
	}
	return "", false, fmt.Errorf("legacy file number %s is claimed by %s: one legacy number names one case (dossier check lists them; remove it from the wrong case with dossier edit)", records.Quote(id), strings.Join(found, " and "))
}

// LegacyOwners maps each legacy file number held by a case of the repository (lower-cased) to
// the ids of the cases holding it. Only the files mentioning legacy_ids are parsed.
func (s *Store) LegacyOwners() (map[string][]string, error) {
	files, _, err := s.RecordFiles()
	if err != nil {
		return nil, err
	}
	var mu sync.Mutex
	owners := map[string][]string{}
	reader := s.newDirReader()
	defer reader.close()
	parallel(len(files), func(i int) {
		data, err := reader.read(files[i])
		if err != nil || !bytes.Contains(data, []byte("legacy_ids")) {
			return
		}
		rec, err := codec.ParseReadOnly(files[i], data)
		if err != nil {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		for _, l := range rec.Case.LegacyIDs {
			k := strings.ToLower(l)
			owners[k] = append(owners[k], rec.Case.ID)
			slices.Sort(owners[k])
		}
	})
	return owners, nil
}

// legacyClaims are the legacy numbers of one checked file, kept to find numbers claimed twice.
type legacyClaims struct {
	path string
	ids  []string
	line []int
	col  []int
}

// legacyCollisions adds to checked an error on every file claiming a legacy number another
// file claims too. claims[i] belongs to checked[i].
func legacyCollisions(checked []FileCheck, claims []legacyClaims) {
	owners := map[string][]int{}
	for i, cl := range claims {
		for _, id := range cl.ids {
			k := strings.ToLower(id)
			if !slices.Contains(owners[k], i) {
				owners[k] = append(owners[k], i)
			}
		}
	}
	for i, cl := range claims {
		for j, id := range cl.ids {
			others := owners[strings.ToLower(id)]
			if len(others) < 2 {
				continue
			}
			var paths []string
			for _, o := range others {
				if o != i {
					paths = append(paths, claims[o].path)
				}
			}
			checked[i].Problems = append(checked[i].Problems, records.Problem{File: cl.path, Line: cl.line[j], Col: cl.col[j],
				Field: fmt.Sprintf("legacy_ids[%d]", j),
				Msg:   fmt.Sprintf("%s is also claimed by %s: a legacy file number names one case (remove it from the wrong one)", records.Quote(id), strings.Join(paths, ", "))})
		}
	}
}

// claimsOf lists the legacy numbers of a parsed record with their positions.
func claimsOf(rec *records.Record) legacyClaims {
	cl := legacyClaims{path: rec.Path, ids: rec.Case.LegacyIDs}
	for j := range cl.ids {
		line, col := rec.Pos(fmt.Sprintf("legacy_ids[%d]", j))
		cl.line, cl.col = append(cl.line, line), append(cl.col, col)
	}
	return cl
}

// checkWarnings are the warnings check adds to Validate's: what a person should complete but
// that does not make a record invalid (nor its creation noisy).
func checkWarnings(c *records.Case, p *records.Profile) []records.Problem {
	var ps []records.Problem
	if in := c.Incident; in != nil && in.Area == "" && len(p.Areas) > 0 {
		if loc := strings.TrimSpace(in.Location); loc != "" && loc != records.DisposedMarker {
			ps = append(ps, records.Problem{Field: "incident.location", Severity: records.SeverityWarning,
				Msg: "a location but no incident.area: statistics count the case under no area (set it with dossier migrate areas --map FILE, or dossier edit)"})
		}
	}
	return ps
}
