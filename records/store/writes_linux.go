//go:build linux

package store

import (
	"errors"
	"io/fs"
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
