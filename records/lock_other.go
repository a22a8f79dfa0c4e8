//go:build !unix

package records

import "os"

// On systems without flock, writes are still atomic (rename) but not serialised.
func lockFile(f *os.File) error   { return nil }
func unlockFile(f *os.File) error { return nil }
