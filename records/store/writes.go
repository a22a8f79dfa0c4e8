package store

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"sync"
)

// writeState is what a Store's writes learn once instead of at every file: a bulk write (the
// demo's thousand creates, an import) listed the temp directory and made the temp and year
// directories again for each file, a sixth of what writing a record cost.
type writeState struct {
	mu      sync.Mutex
	swept   bool                // the temp directory was swept for a new file's write (sweepForNew)
	dirs    map[string]bool     // the directories this Store made or found (makeDir)
	tmp     *os.Root            // the temp directory, held open (tempRoot)
	dropped []*os.Root          // temp directories found removed, closed with the Store
	held    map[string]*os.File // directories held open for linkTemp and renameTemp (heldDir)
	closed  []*os.File          // held directories let go, closed with the Store
}

// sweepForNew sweeps the temp files a killed run left before the write of a new file (an
// exclusive write: a new id, which has no temps of its own unless a killed run drew the same
// id), once per Store: the first write of a process that creates one case sweeps as every
// write used to; a process that creates many lists the temp directory once. A write that
// replaces a file (Update, WriteRaw: under the file's lock) still sweeps every time, and so
// removes at once what a killed writer of that file left.
func (s *Store) sweepForNew(base string) {
	s.w.mu.Lock()
	done := s.w.swept
	s.w.swept = true
	s.w.mu.Unlock()
	if !done {
		s.sweepTemps(base)
	}
}

// makeDir makes the directory dir of the repository (and its parents), or finds it, once per
// Store. A caller whose write then finds it gone (removed meanwhile) calls forgetDir and
// makes it again.
func (s *Store) makeDir(dir string, perm os.FileMode) error {
	s.w.mu.Lock()
	known := s.w.dirs[dir]
	s.w.mu.Unlock()
	if known {
		return nil
	}
	if err := s.root.MkdirAll(dir, perm); err != nil {
		return err
	}
	s.w.mu.Lock()
	if s.w.dirs == nil {
		s.w.dirs = map[string]bool{}
	}
	s.w.dirs[dir] = true
	s.w.mu.Unlock()
	return nil
}

// forgetDir is makeDir's answer for dir forgotten: the next makeDir makes it again.
func (s *Store) forgetDir(dir string) {
	s.w.mu.Lock()
	delete(s.w.dirs, dir)
	s.w.mu.Unlock()
}

// createTemp creates the temp file tmp (in tempDir) of a write, in the temp directory held
// open by the Store (one open, instead of walking .dossier and tmp at every write), making
// the directory when it is missing: the first write in a repository, or after .dossier was
// removed (a held directory that was removed takes no new file: it is opened again).
func (s *Store) createTemp(tmp string) (*os.File, error) {
	name := path.Base(tmp)
	for retry := false; ; retry = true {
		r, err := s.tempRoot()
		if err != nil {
			return nil, err
		}
		f, err := r.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if retry || !errors.Is(err, fs.ErrNotExist) {
			return f, err
		}
		s.dropTempRoot(r)
	}
}

// removeTemp removes the temp file tmp that createTemp made.
func (s *Store) removeTemp(tmp string) {
	s.w.mu.Lock()
	r := s.w.tmp
	s.w.mu.Unlock()
	if r == nil || r.Remove(path.Base(tmp)) != nil {
		s.root.Remove(tmp)
	}
}

// tempRoot is the temp directory, opened (and made) once per Store.
func (s *Store) tempRoot() (*os.Root, error) {
	s.w.mu.Lock()
	defer s.w.mu.Unlock()
	if s.w.tmp != nil {
		return s.w.tmp, nil
	}
	r, err := s.root.OpenRoot(tempDir)
	if errors.Is(err, fs.ErrNotExist) {
		if err := s.root.MkdirAll(tempDir, 0o700); err != nil {
			return nil, err
		}
		r, err = s.root.OpenRoot(tempDir)
	}
	if err != nil {
		return nil, err
	}
	s.w.tmp = r
	return r, nil
}

// dropTempRoot forgets the held temp directory r (removed meanwhile); the next write opens
// it again. Writes still using r keep it usable until the Store closes.
func (s *Store) dropTempRoot(r *os.Root) {
	s.w.mu.Lock()
	if s.w.tmp == r {
		s.w.tmp = nil
		s.w.dropped = append(s.w.dropped, r)
	}
	s.w.mu.Unlock()
}

// heldDir is the directory dir of the repository (opened through the root), held open for
// the Store's life, so that a link or rename names one entry of it rather than walking its
// path from the root at every write.
func (s *Store) heldDir(dir string) (*os.File, error) {
	s.w.mu.Lock()
	defer s.w.mu.Unlock()
	if d, ok := s.w.held[dir]; ok {
		return d, nil
	}
	d, err := s.root.Open(dir)
	if err != nil {
		return nil, err
	}
	if s.w.held == nil {
		s.w.held = map[string]*os.File{}
	}
	s.w.held[dir] = d
	return d, nil
}

// letGo forgets the held directories (one was removed or replaced meanwhile); writes still
// using them may, until the Store closes.
func (s *Store) letGo(dirs ...string) {
	s.w.mu.Lock()
	defer s.w.mu.Unlock()
	for _, dir := range dirs {
		if d, ok := s.w.held[dir]; ok {
			s.w.closed = append(s.w.closed, d)
			delete(s.w.held, dir)
		}
	}
}

// closeWrites closes the directories the writes held.
func (s *Store) closeWrites() {
	s.w.mu.Lock()
	defer s.w.mu.Unlock()
	for _, r := range append(s.w.dropped, s.w.tmp) {
		if r != nil {
			r.Close()
		}
	}
	for _, d := range s.w.held {
		s.w.closed = append(s.w.closed, d)
	}
	for _, d := range s.w.closed {
		d.Close()
	}
	s.w.tmp, s.w.dropped, s.w.held, s.w.closed = nil, nil, nil, nil
}
