package store

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
)

// Renumbering: when two branches minted the same id for two different cases, one of them
// gets a new id. Its file moves, the old id stays in its aliases (letters already sent quote
// it: Resolve still finds the case by it), the history says so, and the related lists of
// other cases follow.

// Renumber gives case old a new id in the same year, one that no case here has and that
// avoid does not hold (the ids of the branch it will be merged with). reason goes into the
// history entry. The new file is written before the old one is removed: an interruption
// leaves both, never neither.
func (s *Store) Renumber(old string, avoid map[string]bool, a records.Act, reason string) (string, error) {
	unlock, err := s.Lock(old)
	if err != nil {
		return "", err
	}
	defer unlock()
	rec, err := s.Load(old)
	if err != nil {
		return "", err
	}
	if done, err := s.completeRenumber(rec); err != nil || done != "" {
		return done, err // an interrupted renumber of this case: completed
	}
	year, _ := strconv.Atoi(old[:4])
	if s.IDs == records.IDsSequential {
		unlockSeq, err := s.Lock("sequence-" + old[:4])
		if err != nil {
			return "", err
		}
		defer unlockSeq()
	}
	c := &rec.Case
	detail := renumberDetail(old)
	if reason != "" {
		detail += ": " + reason
	}
	if !slices.Contains(c.Aliases, old) {
		c.Aliases = append(c.Aliases, old)
	}
	entry := a.Entry(records.ActEdit, detail)
	if entry.Date.Before(c.Received) {
		entry.Date = c.Received
	}
	c.History = append(c.History, entry)
	if st, err := s.Profile.DeriveStatus(c.History); err == nil {
		c.Status = st
	}
	id, err := s.claimNewID(rec, func() (string, error) { return s.freeID(year, avoid) }, func(err error) error {
		return fmt.Errorf("%s: %w: fix the case first (dossier check)", records.RecordPath(old), err)
	}, nil)
	if err != nil {
		return "", err
	}
	if err := s.root.Remove(records.RecordPath(old)); err != nil {
		s.root.Remove(rec.Path)
		return "", fmt.Errorf("removing %s: %w (nothing changed)", records.RecordPath(old), err)
	}
	return id, nil
}

// freeID is a new id for the year that no case here has and avoid does not hold: with
// sequential ids, the number after the highest of both.
func (s *Store) freeID(year int, avoid map[string]bool) (string, error) {
	if s.IDs != records.IDsSequential {
		for {
			id, err := records.RandomID(year)
			if err != nil {
				return "", err
			}
			if _, err := s.root.Stat(records.RecordPath(id)); !avoid[id] && errors.Is(err, fs.ErrNotExist) {
				return id, nil
			}
		}
	}
	ids, err := s.idsIn(fmt.Sprintf("%04d", year))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	for id := range avoid {
		ids = append(ids, id)
	}
	highest := 0
	for _, id := range ids {
		if n, err := strconv.Atoi(id[5:]); err == nil && records.IsSequentialID(id) && id[:4] == fmt.Sprintf("%04d", year) && n > highest {
			highest = n
		}
	}
	return records.SequentialID(year, highest+1), nil
}

// ReplaceReferences rewrites the related lists of every case that names a renumbered case
// (renamed maps old ids to new), each with a history entry. It returns the paths changed.
func (s *Store) ReplaceReferences(renamed map[string]string, a records.Act) ([]string, error) {
	if len(renamed) == 0 {
		return nil, nil
	}
	files, _, err := s.RecordFiles()
	if err != nil {
		return nil, err
	}
	var changed []string
	for _, p := range files {
		data, err := s.ReadFile(p)
		if err != nil {
			return changed, fmt.Errorf("%s: %w", p, err)
		}
		mentions := false
		for old := range renamed {
			if bytes.Contains(data, []byte(old)) {
				mentions = true
				break
			}
		}
		if !mentions {
			continue
		}
		before := len(changed)
		_, err = s.Update(records.IDFromPath(p), func(r *records.Record) error {
			var notes []string
			for i, rel := range r.Case.Related {
				if n, ok := renamed[rel]; ok {
					r.Case.Related[i] = n
					notes = append(notes, rel+" is now "+n)
				}
			}
			if len(notes) == 0 {
				return nil
			}
			r.Case.Related = uniqStrings(r.Case.Related)
			for _, n := range notes {
				e := a.Entry(records.ActEdit, "related case "+n)
				if e.Date.Before(r.Case.Received) {
					e.Date = r.Case.Received
				}
				r.Case.History = append(r.Case.History, e)
			}
			changed = append(changed, p)
			return nil
		})
		if err != nil {
			changed = changed[:before]
			var pe *records.Problem
			if errors.As(err, &pe) {
				continue // an unreadable record: check reports it
			}
			return changed, err
		}
	}
	return changed, nil
}

func uniqStrings(s []string) []string {
	var out []string
	for _, v := range s {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// lookupAlias finds the case that was renumbered from id. A case keeps its year when it is
// renumbered, so only that year's files are read, and only those mentioning id are parsed.
func (s *Store) lookupAlias(id string) (string, bool) {
	if !records.ValidID(id) {
		return "", false
	}
	ids, err := s.idsIn(id[:4])
	if err != nil {
		return "", false
	}
	for _, cand := range ids {
		data, err := s.ReadFile(path.Join("records", id[:4], cand+".yaml"))
		if err != nil || !bytes.Contains(data, []byte(id)) {
			continue
		}
		if rec, err := codec.Parse(records.RecordPath(cand), data); err == nil && slices.Contains(rec.Case.Aliases, id) {
			return cand, true
		}
	}
	return "", false
}
