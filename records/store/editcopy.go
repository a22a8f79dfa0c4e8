package store

import (
	"crypto/rand"
	"encoding/hex"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// Working copies of records being edited live in the repository's git-ignored cache, never in
// the system's temp directory: a killed edit leaves its copy (a full record, with names)
// where the next edit sweeps it and where purge finds it. Each edit has its own directory
// holding the copy (mode 0600) and a lock file held for as long as the edit runs (not the copy
// itself: editors replace the file they save), so a sweep removes only dead edits' copies.
const (
	editingDir = CacheDir + "/editing"
	// EditsDir keeps the text of an abandoned edit (ID.yaml) for the person to pick up.
	EditsDir = CacheDir + "/edits"
)

// EditCopy is the working copy of a record under edit.
type EditCopy struct {
	Path string // the file to give the editor
	dir  string
	lock *os.File
	s    *Store
}

// NewEditCopy writes data to a fresh working copy of case id, after sweeping the copies of
// edits that are no longer running.
func (s *Store) NewEditCopy(id string, data []byte) (*EditCopy, error) {
	s.SweepEdits(nil)
	if err := s.root.MkdirAll(editingDir, 0o700); err != nil {
		return nil, err
	}
	var rnd [6]byte
	if _, err := rand.Read(rnd[:]); err != nil {
		return nil, err
	}
	dir := path.Join(editingDir, id+"-"+hex.EncodeToString(rnd[:]))
	if err := s.root.Mkdir(dir, 0o700); err != nil {
		return nil, err
	}
	lock, err := s.root.OpenFile(path.Join(dir, ".lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		s.root.RemoveAll(dir)
		return nil, err
	}
	if err := lockFile(lock); err != nil {
		lock.Close()
		s.root.RemoveAll(dir)
		return nil, err
	}
	e := &EditCopy{Path: filepath.Join(s.Dir, filepath.FromSlash(dir), id+".yaml"), dir: dir, lock: lock, s: s}
	if err := e.Write(data); err != nil {
		e.Close()
		return nil, err
	}
	return e, nil
}

// Write replaces the working copy's text.
func (e *EditCopy) Write(data []byte) error {
	return e.s.root.WriteFile(path.Join(e.dir, path.Base(filepath.ToSlash(e.Path))), data, 0o600)
}

// Read returns the working copy's text, refusing a copy over the record size limit.
func (e *EditCopy) Read() ([]byte, error) {
	return e.s.ReadFile(path.Join(e.dir, path.Base(filepath.ToSlash(e.Path))))
}

// Close removes the working copy.
func (e *EditCopy) Close() {
	e.s.root.RemoveAll(e.dir)
	unlockFile(e.lock)
	e.lock.Close()
}

// SweepEdits removes the working copies of edits no longer running and, for the cases ids
// (purge), every working copy and kept text of an abandoned edit, running or not.
func (s *Store) SweepEdits(ids []string) {
	if entries, err := fs.ReadDir(s.root.FS(), editingDir); err == nil {
		for _, e := range entries {
			dir := path.Join(editingDir, e.Name())
			id := e.Name()
			if i := strings.LastIndexByte(id, '-'); i > 0 {
				id = id[:i]
			}
			if slices.Contains(ids, id) || s.editDead(dir) {
				s.root.RemoveAll(dir)
			}
		}
	}
	for _, id := range ids {
		s.root.Remove(path.Join(EditsDir, id+".yaml"))
	}
}

// editDead reports whether no edit holds the lock of a working copy's directory.
func (s *Store) editDead(dir string) bool {
	lock, err := s.root.OpenFile(path.Join(dir, ".lock"), os.O_RDWR, 0)
	if err != nil {
		return true // no lock file: a half-made copy
	}
	defer lock.Close()
	if tryLockFile(lock) {
		unlockFile(lock)
		return true
	}
	return false
}
