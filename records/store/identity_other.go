//go:build !linux

package store

import (
	"io/fs"
	"os"
)

// Elsewhere the identity is size and modification time (nanoseconds where the system keeps them).
func identity(info fs.FileInfo) fileID {
	return fileID{size: info.Size(), mtime: info.ModTime().UnixNano()}
}

func statAt(dir *os.File, name string) (fileID, error) {
	root, err := os.OpenRoot(dir.Name())
	if err != nil {
		return fileID{}, err
	}
	defer root.Close()
	info, err := root.Lstat(name)
	if err != nil {
		return fileID{}, err
	}
	return identity(info), nil
}

func readAt(dir *os.File, name string) ([]byte, error) {
	root, err := os.OpenRoot(dir.Name())
	if err != nil {
		return nil, err
	}
	defer root.Close()
	if info, err := root.Lstat(name); err != nil {
		return nil, err
	} else if !info.Mode().IsRegular() {
		return nil, ErrNotRegular
	}
	return root.ReadFile(name)
}

// dirIdentity is zero elsewhere: without an inode and a change time a directory is never
// trusted to be unchanged (index_dirs.go), it is listed.
func dirIdentity(dir *os.File) (dirState, error) { return dirState{}, nil }
