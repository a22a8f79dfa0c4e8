package records

import "fmt"

// FileCheck is what checking one record file found: located problems (warnings included, see
// Problem.Warning through Warnings) — never the parsed record, so checking 100,000 files keeps
// only their messages in memory.
type FileCheck struct {
	Path     string
	Problems []*Error
	Warnings []bool // Warnings[i] tells whether Problems[i] is a warning
	claim    *claim // what the file says about its case's identity, when it parsed
}

// Errors counts the problems that are not warnings.
func (fc FileCheck) Errors() int {
	n := 0
	for _, w := range fc.Warnings {
		if !w {
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
	progress := s.newProgress(len(files))
	reader := s.newDirReader()
	defer reader.close()
	parallel(len(files), func(i int) {
		defer progress.add()
		p := files[i]
		out[i].Path = p
		fail := func(e *Error) {
			out[i].Problems = append(out[i].Problems, e)
			out[i].Warnings = append(out[i].Warnings, false)
		}
		data, err := reader.read(p)
		if err != nil {
			fail(&Error{File: p, Msg: fmt.Sprint(err)})
			return
		}
		rec, err := Parse(p, data)
		if err != nil {
			if explained := ExplainConflicts(p, data); len(explained) > 0 {
				for _, e := range explained {
					fail(e)
				}
				return
			}
			if e, ok := err.(*Error); ok {
				fail(e)
			} else {
				fail(&Error{File: p, Msg: err.Error()})
			}
			return
		}
		out[i].claim = claimOf(&rec.Case)
		probs := Validate(rec, s.Profile)
		out[i].Problems = Located(rec, probs)
		for _, pr := range probs {
			out[i].Warnings = append(out[i].Warnings, pr.Warning)
		}
	})
	twoFilesOneCase(out)
	return out, stray, nil
}
