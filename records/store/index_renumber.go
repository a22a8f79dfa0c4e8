package store

import "slices"

// A repository where a summary names an alias may hold an interrupted renumber: two files of
// one case, counted once (dropRenumbered). A read that does not hold the summaries finds
// those pairs before it hands any summary on: the index is read once for the files with
// aliases and once more for the files they name, and the old file of each pair is then
// skipped (renumberedInIndex). Only a repository with aliases pays for the two reads.

// renumberedInIndex finds the interrupted renumbers among the summaries of the index: the
// paths of the old files, to skip, and a problem for each, as dropRenumbered. It is to be
// used when the index answers for every file found (eachFromIndex checks it as it reads);
// false when the index cannot be read.
func (s *Store) renumberedInIndex() (drop map[string]bool, problems []error, ok bool) {
	aliased := map[string]*claim{} // by path
	named := map[string]bool{}
	if !s.streamIndex(true, func(chunk []indexEntry) bool {
		for k := range chunk {
			e := &chunk[k]
			if len(e.c.Aliases) == 0 {
				continue
			}
			aliased[e.path] = &claim{id: e.c.ID, aliases: slices.Clone(e.c.Aliases)} // the slab is reused
			for _, a := range e.c.Aliases {
				named[a] = true
			}
		}
		return true
	}) {
		return nil, nil, false
	}
	if len(named) == 0 {
		return nil, nil, true
	}
	var paths []string
	var claims []*claim
	if !s.streamIndex(true, func(chunk []indexEntry) bool {
		for k := range chunk {
			e := &chunk[k]
			if cl, ok := aliased[e.path]; ok {
				paths, claims = append(paths, e.path), append(claims, cl)
			} else if named[e.c.ID] {
				paths, claims = append(paths, e.path), append(claims, &claim{id: e.c.ID})
			}
		}
		return true
	}) {
		return nil, nil, false
	}
	drops, problems := s.renumberDrops(claims)
	drop = map[string]bool{}
	for i := range drops {
		drop[paths[i]] = true
	}
	return drop, problems, true
}
