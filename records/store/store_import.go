package store

import (
	"errors"
	"fmt"
	"io/fs"
	"path"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
)

// ExistsError is an imported case whose id the repository already holds.
type ExistsError struct{ ID, Path string }

func (e *ExistsError) Error() string {
	return fmt.Sprintf("case %s exists already (%s): an import never replaces a case", e.ID, e.Path)
}

// Exists reports whether the repository holds a case with exactly this id.
func (s *Store) Exists(id string) bool {
	if !records.ValidID(id) {
		return false
	}
	_, err := s.root.Stat(records.RecordPath(id))
	return err == nil
}

// Insert writes a case under its own id (an import keeps the ids it brings). The record is
// validated first; the file is claimed exclusively, so an existing case is never replaced,
// even by a writer racing this one.
func (s *Store) Insert(c *records.Case) error {
	rec := &records.Record{Path: records.RecordPath(c.ID), Case: *c}
	if probs := records.Validate(rec, s.Profile); records.HasErrors(probs) {
		return records.ProblemsError(probs)
	}
	data, err := codec.EncodeRecord(rec)
	if err != nil {
		return err
	}
	if err := s.root.MkdirAll(path.Dir(rec.Path), 0o755); err != nil {
		return err
	}
	err = s.writeAtomic(rec.Path, data, true)
	if errors.Is(err, fs.ErrExist) {
		return &ExistsError{ID: c.ID, Path: rec.Path}
	}
	return err
}
