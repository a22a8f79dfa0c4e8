//go:build !linux

package store

// linkTemp links the temp file tmp (in tempDir) to name, failing with fs.ErrExist when name
// exists.
func (s *Store) linkTemp(tmp, name string) error { return s.root.Link(tmp, name) }

// renameTemp renames the temp file tmp (in tempDir) over name.
func (s *Store) renameTemp(tmp, name string) error { return s.root.Rename(tmp, name) }
