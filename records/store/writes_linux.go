//go:build linux

package store

import (
	"errors"
	"io/fs"
	"os"
	"path"

	"golang.org/x/sys/unix"
)

// linkTemp links the temp file tmp (in tempDir) to name, failing with fs.ErrExist when name
// exists: one linkat between the held temp and target directories (the path walk of
// os.Root.Link was a sixth of writing a demo case). Anything else than success or an
// existing name (a directory removed or replaced meanwhile, a temp file gone) is tried again
// by the path, whose answer is the one returned, as before.
func (s *Store) linkTemp(tmp, name string) error {
	err := s.atHeld(tmp, name, func(from int, fromName string, to int, toName string) error {
		return unix.Linkat(from, fromName, to, toName, 0)
	})
	if errors.Is(err, unix.EEXIST) {
		return fs.ErrExist
	}
	if err != nil {
		return s.root.Link(tmp, name)
	}
	return nil
}

// renameTemp renames the temp file tmp (in tempDir) over name, as linkTemp links it.
func (s *Store) renameTemp(tmp, name string) error {
	err := s.atHeld(tmp, name, func(from int, fromName string, to int, toName string) error {
		return unix.Renameat(from, fromName, to, toName)
	})
	if err != nil {
		return s.root.Rename(tmp, name)
	}
	return nil
}

// atHeld calls op with the held directories of tmp and name and their last elements; on a
// failure other than an existing name, the directories are let go (opened again next time).
func (s *Store) atHeld(tmp, name string, op func(from int, fromName string, to int, toName string) error) error {
	dir := path.Dir(name)
	from, err := s.heldDir(tempDir)
	if err != nil {
		return err
	}
	to, err := s.heldDir(dir)
	if err != nil {
		return err
	}
	// a held directory renamed away (another made at its path) still takes files: the target
	// must still be the directory at its path, or the write goes by the path (the temp file is
	// in the held temp directory, wherever that is now)
	if !s.stillAt(to, dir) {
		s.letGo(tempDir, dir)
		return unix.ESTALE
	}
	for {
		err = op(int(from.Fd()), path.Base(tmp), int(to.Fd()), path.Base(name))
		if err != unix.EINTR {
			break
		}
	}
	if err != nil && err != unix.EEXIST {
		s.letGo(tempDir, dir)
	}
	return err
}

// stillAt reports whether the held directory d is the directory at dir in the repository
// (same device and inode, dir looked up from the held repository root without following a
// final symlink). One stat, where writing by the path walks each element.
func (s *Store) stillAt(d *os.File, dir string) bool {
	root, err := s.heldDir(".")
	if err != nil {
		return false
	}
	var held, now unix.Stat_t
	if unix.Fstat(int(d.Fd()), &held) != nil || unix.Fstatat(int(root.Fd()), dir, &now, unix.AT_SYMLINK_NOFOLLOW) != nil {
		return false
	}
	return held.Dev == now.Dev && held.Ino == now.Ino
}
