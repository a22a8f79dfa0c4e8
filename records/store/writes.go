package store

import (
	"errors"
	"io/fs"
	"os"
	"sync"
)

// writeState is what a Store's writes learn once instead of at every file: a bulk write (the
// demo's thousand creates, an import) listed the temp directory and made the temp and year
// directories again for each file, a sixth of what writing a record cost.
type writeState struct {
	mu    sync.Mutex
	swept bool            // the temp directory was swept for a new file's write (sweepForNew)
	dirs  map[string]bool // the directories this Store made or found (makeDir)
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

// createTemp creates the temp file tmp of a write, making the temp directory when it is
// missing (the first write in a repository, or after .dossier was removed) rather than
// asking for it at every write.
func (s *Store) createTemp(tmp string) (*os.File, error) {
	f, err := s.root.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if errors.Is(err, fs.ErrNotExist) {
		if err := s.root.MkdirAll(tempDir, 0o700); err != nil {
			return nil, err
		}
		f, err = s.root.OpenFile(tmp, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	}
	return f, err
}
