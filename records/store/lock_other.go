//go:build !unix

package store

import "os"

// On systems without flock, writes are still atomic (rename) but not serialised.
func lockFile(f *os.File) error   { return nil }
func unlockFile(f *os.File) error { return nil }

// Without flock, no one can tell a live edit from a dead one: nothing is swept.
func tryLockFile(f *os.File) bool { return false }
