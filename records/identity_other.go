//go:build !linux

package records

import "io/fs"

// Elsewhere the identity is size and modification time (nanoseconds where the system keeps them).
func identity(info fs.FileInfo) fileID {
	return fileID{size: info.Size(), mtime: info.ModTime().UnixNano()}
}
