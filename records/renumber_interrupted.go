package records

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
)

// An interrupted renumber (killed between writing the case's new file and removing its old
// one) leaves two files that claim one case: the new one lists the old id under aliases, and
// both are the same case (same received date, same first history entry). Then check reports
// it (an error on the old file), list, stats, reports and due count the case once, under its
// new id, with a warning, and renumber OLD completes the interrupted renumber.

// claim is what a file says about which case it is.
type claim struct {
	id       string
	aliases  []string
	received Date
	first    Entry
}

func claimOf(c *Case) *claim {
	cl := &claim{id: c.ID, aliases: c.Aliases, received: c.Received}
	if len(c.History) > 0 {
		cl.first = c.History[0]
	}
	return cl
}

// sameCase reports whether two claims are the same case.
func (a *claim) sameCase(b *claim) bool {
	return a.received == b.received && a.first == b.first
}

func twoFilesMsg(old, renumbered string) string {
	return fmt.Sprintf("the same case as %s, which lists %s as an alias: an interrupted renumber left both files: run dossier renumber %s to complete it",
		RecordPath(renumbered), old, old)
}

// twoFilesOneCase adds an error to the old file of every interrupted renumber.
func twoFilesOneCase(checks []FileCheck) {
	byID := map[string]int{}
	for i, fc := range checks {
		if fc.claim != nil {
			byID[fc.claim.id] = i
		}
	}
	for _, fc := range checks {
		if fc.claim == nil {
			continue
		}
		for _, alias := range fc.claim.aliases {
			j, ok := byID[alias]
			if !ok || checks[j].Path == fc.Path || !fc.claim.sameCase(checks[j].claim) {
				continue
			}
			checks[j].Problems = append(checks[j].Problems, Problem{File: checks[j].Path, Field: "id", Msg: twoFilesMsg(alias, fc.claim.id)})
		}
	}
}

// dropRenumbered removes from summaries the old file of every interrupted renumber (the
// case counts once, under its new id), with a problem for each. Summaries do not hold the
// first history entry, so the two files are read to tell one case from two.
func (s *Store) dropRenumbered(cases []*Case) ([]*Case, []error) {
	byID := map[string]int{}
	for i, c := range cases {
		byID[c.ID] = i
	}
	drop := map[int]bool{}
	var problems []error
	for _, c := range cases {
		for _, alias := range c.Aliases {
			j, ok := byID[alias]
			if !ok || alias == c.ID || drop[j] {
				continue
			}
			newer, err1 := s.Load(c.ID)
			older, err2 := s.Load(alias)
			if err1 != nil || err2 != nil || !claimOf(&newer.Case).sameCase(claimOf(&older.Case)) {
				continue
			}
			drop[j] = true
			problems = append(problems, &Problem{File: RecordPath(alias), Msg: twoFilesMsg(alias, c.ID) + " (counted once, as " + c.ID + ")"})
		}
	}
	if len(drop) == 0 {
		return cases, nil
	}
	out := cases[:0:0]
	for i, c := range cases {
		if !drop[i] {
			out = append(out, c)
		}
	}
	return out, problems
}

// renumberedAs finds the file an interrupted renumber of rec wrote: the same case, in the same
// year, listing rec's id as an alias.
func (s *Store) renumberedAs(rec *Record) (*Record, bool) {
	old := rec.Case.ID
	ids, err := s.idsIn(old[:4])
	if err != nil {
		return nil, false
	}
	for _, cand := range ids {
		if cand == old {
			continue
		}
		data, err := s.ReadFile(path.Join("records", old[:4], cand+".yaml"))
		if err != nil || !bytes.Contains(data, []byte(old)) {
			continue
		}
		r, err := Parse(RecordPath(cand), data)
		if err == nil && slices.Contains(r.Case.Aliases, old) && claimOf(&r.Case).sameCase(claimOf(&rec.Case)) {
			return r, true
		}
	}
	return nil, false
}

// completeRenumber finishes an interrupted renumber of rec (whose lock the caller holds): it
// removes the old file once the new one holds every history entry of it. It returns the new
// id, or "" when rec was not renumbered.
func (s *Store) completeRenumber(rec *Record) (string, error) {
	done, ok := s.renumberedAs(rec)
	if !ok {
		return "", nil
	}
	if lost := LostEntries(&rec.Case, &done.Case); len(lost) > 0 {
		return "", fmt.Errorf("%s: an interrupted renumber left it beside %s, and it has %d history entries that one lacks (the first: %s of %s by %s): copy them into %s, then remove %s",
			rec.Path, done.Path, len(lost), lost[0].Do, lost[0].Date, lost[0].By, done.Path, rec.Path)
	}
	if err := s.root.Remove(rec.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("removing %s: %w", rec.Path, err)
	}
	return done.Case.ID, nil
}
