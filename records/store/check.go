package store

import (
	"fmt"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
	"github.com/dossier-dev/dossier/records/merge"
)

// FileCheck is what checking one record file found: located problems, warnings included —
// never the parsed record, so checking 100,000 files keeps only their messages in memory.
type FileCheck struct {
	Path     string
	Problems []records.Problem
	claim    *claim // what the file says about its case's identity, when it parsed
}

// Errors counts the problems that are not warnings.
func (fc FileCheck) Errors() int {
	n := 0
	for _, p := range fc.Problems {
		if !p.IsWarning() {
			n++
		}
	}
	return n
}

// CheckFiles reads, parses and validates every record file on all cores and returns what it
// found per file, in path order, and the stray files under records/. A file left with
// merge conflict blocks is explained block by block.
func (s *Store) CheckFiles() ([]FileCheck, []string, error) {
	files, stray, err := s.RecordFiles()
	if err != nil {
		return nil, nil, err
	}
	out := make([]FileCheck, len(files))
	claims := make([]legacyClaims, len(files))
	progress := s.newProgress(len(files))
	reader := s.newDirReader()
	defer reader.close()
	parallel(len(files), func(i int) {
		defer progress.add()
		p := files[i]
		out[i].Path = p
		fail := func(e *records.Problem) {
			out[i].Problems = append(out[i].Problems, *e)
		}
		data, err := reader.read(p)
		if err != nil {
			fail(&records.Problem{File: p, Msg: fmt.Sprint(err)})
			return
		}
		rec, err := codec.ParseReadOnly(p, data)
		if err != nil {
			if explained := merge.ExplainConflicts(p, data, s.ShowConflictValues); len(explained) > 0 {
				for _, e := range explained {
					fail(e)
				}
				return
			}
			if e, ok := err.(*records.Problem); ok {
				fail(e)
			} else {
				fail(&records.Problem{File: p, Msg: err.Error()})
			}
			return
		}
		out[i].claim = claimOf(&rec.Case)
		probs := append(records.Validate(rec, s.Profile), checkWarnings(&rec.Case, s.Profile)...)
		if rec.Doc == nil && (len(probs) > 0 || len(rec.Case.LegacyIDs) > 0) {
			// Lines and columns come from the node tree, which the canonical reader does not
			// build: the few files that need them are parsed again (to the same case).
			if rec, err = codec.Parse(p, data); err != nil { // the readers agree: never
				fail(&records.Problem{File: p, Msg: fmt.Sprint(err)})
				return
			}
		}
		claims[i] = claimsOf(rec)
		out[i].Problems = records.Located(rec, probs)
	})
	legacyCollisions(out, claims)
	s.twoFilesOneCase(out)
	return out, stray, nil
}
