package store

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
	"github.com/dossier-dev/dossier/records/merge"
)

// An interrupted renumber (killed between writing the case's new file and removing its old
// one) leaves two files that claim one case. What tells them from two cases is declared in
// the new file: it lists the old id under aliases, its history holds the renumber entry
// ("renumbered from OLD"), and apart from id, aliases, status and history it holds exactly
// what the old file holds. Then check reports it (an error on the old file), list, stats,
// reports and due count the case once, under its new id, with a warning, and renumber OLD
// completes the interrupted renumber. (Two cases that collided on one id and were told apart
// with renumber differ in their content, so they are never taken for one.)

// claim is what a file says about its identity: its id and its aliases.
type claim struct {
	id      string
	aliases []string
}

func claimOf(c *records.Case) *claim { return &claim{id: c.ID, aliases: c.Aliases} }

// renumberDetail is the detail of the history entry Renumber records.
func renumberDetail(old string) string { return "renumbered from " + old }

// SameCaseRenumbered reports whether newer is older renumbered (see above).
func SameCaseRenumbered(newer, older *records.Case) bool {
	if !slices.Contains(newer.Aliases, older.ID) {
		return false
	}
	marked := false
	for _, e := range newer.History {
		if e.Do == records.ActEdit && (e.Detail == renumberDetail(older.ID) || strings.HasPrefix(e.Detail, renumberDetail(older.ID)+":")) {
			marked = true
			break
		}
	}
	if !marked {
		return false
	}
	a, b := merge.NormalizedCase(*newer), merge.NormalizedCase(*older)
	a.Aliases = slices.DeleteFunc(slices.Clone(a.Aliases), func(s string) bool { return s == older.ID })
	if len(a.Aliases) == 0 {
		a.Aliases = nil
	}
	for _, c := range []*records.Case{&a, &b} {
		c.ID, c.Status, c.History = "", "", nil
	}
	return reflect.DeepEqual(a, b)
}

func twoFilesMsg(old, renumbered string) string {
	return fmt.Sprintf("the same case as %s, which lists %s as an alias: an interrupted renumber left both files: run dossier renumber %s to complete it",
		records.RecordPath(renumbered), old, old)
}

// renumberPairs finds, among the claims of the files (by index), the interrupted renumbers:
// pairs (new, old) of files that are one case. Candidates (an alias that names an existing
// file) are rare; only their two files are read again to compare them.
func (s *Store) renumberPairs(claims []*claim) [][2]int {
	// Aliases are rare: only the files an alias names are looked up (a map of every id would
	// be most of the memory a million summaries do not already take).
	byID := map[string]int{}
	for _, cl := range claims {
		if cl != nil {
			for _, alias := range cl.aliases {
				byID[alias] = -1
			}
		}
	}
	if len(byID) == 0 {
		return nil
	}
	for i, cl := range claims {
		if cl == nil {
			continue
		}
		if _, named := byID[cl.id]; named {
			byID[cl.id] = i
		}
	}
	var pairs [][2]int
	for i, cl := range claims {
		if cl == nil {
			continue
		}
		for _, alias := range cl.aliases {
			j := byID[alias]
			if j < 0 || j == i {
				continue
			}
			newer, err1 := s.Load(cl.id)
			older, err2 := s.Load(alias)
			if err1 == nil && err2 == nil && SameCaseRenumbered(&newer.Case, &older.Case) {
				pairs = append(pairs, [2]int{i, j})
			}
		}
	}
	return pairs
}

// twoFilesOneCase adds an error to the old file of every interrupted renumber.
func (s *Store) twoFilesOneCase(checks []FileCheck) {
	claims := make([]*claim, len(checks))
	for i := range checks {
		claims[i] = checks[i].claim
	}
	for _, p := range s.renumberPairs(claims) {
		old := &checks[p[1]]
		old.Problems = append(old.Problems, records.Problem{File: old.Path, Field: "id", Msg: twoFilesMsg(claims[p[1]].id, claims[p[0]].id)})
	}
}

// dropRenumbered removes from summaries the old file of every interrupted renumber (the
// case counts once, under its new id), with a problem for each.
func (s *Store) dropRenumbered(cases []*records.Case) ([]*records.Case, []error) {
	// Only the files with aliases and the files an alias names can be one of a pair: the
	// others get no claim (at a million summaries, one each would be tens of MB).
	named := map[string]bool{}
	for _, c := range cases {
		for _, a := range c.Aliases {
			named[a] = true
		}
	}
	if len(named) == 0 {
		return cases, nil
	}
	claims := make([]*claim, len(cases))
	for i, c := range cases {
		if len(c.Aliases) > 0 || named[c.ID] {
			claims[i] = claimOf(c)
		}
	}
	drop, problems := s.renumberDrops(claims)
	if len(drop) == 0 {
		return cases, nil
	}
	out := make([]*records.Case, 0, len(cases)-len(drop))
	for i, c := range cases {
		if !drop[i] {
			out = append(out, c)
		}
	}
	return out, problems
}

// renumberDrops are the claims (by index) of the old files of the interrupted renumbers among
// claims, to drop, with a problem for each (see dropRenumbered).
func (s *Store) renumberDrops(claims []*claim) (map[int]bool, []error) {
	drop := map[int]bool{}
	var problems []error
	for _, p := range s.renumberPairs(claims) {
		if drop[p[1]] {
			continue
		}
		drop[p[1]] = true
		old, renumbered := claims[p[1]].id, claims[p[0]].id
		problems = append(problems, &records.Problem{File: records.RecordPath(old), Msg: twoFilesMsg(old, renumbered) + " (counted once, as " + renumbered + ")"})
	}
	return drop, problems
}

// renumberedAs finds the file an interrupted renumber of rec wrote: the same case, in the same
// year, listing rec's id as an alias.
func (s *Store) renumberedAs(rec *records.Record) (*records.Record, bool) {
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
		r, err := codec.Parse(records.RecordPath(cand), data)
		if err == nil && SameCaseRenumbered(&r.Case, &rec.Case) {
			return r, true
		}
	}
	return nil, false
}

// completeRenumber finishes an interrupted renumber of rec (whose lock the caller holds): it
// removes the old file once the new one holds every history entry of it. It returns the new
// id, or "" when rec was not renumbered.
func (s *Store) completeRenumber(rec *records.Record) (string, error) {
	done, ok := s.renumberedAs(rec)
	if !ok {
		return "", nil
	}
	if lost := records.LostEntries(&rec.Case, &done.Case); len(lost) > 0 {
		return "", fmt.Errorf("%s: an interrupted renumber left it beside %s, and it has %d history entries that one lacks (the first: %s of %s by %s): copy them into %s, then remove %s",
			rec.Path, done.Path, len(lost), lost[0].Do, lost[0].Date, lost[0].By, done.Path, rec.Path)
	}
	if err := s.root.Remove(rec.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("removing %s: %w", rec.Path, err)
	}
	return done.Case.ID, nil
}
