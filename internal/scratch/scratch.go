// Package scratch keeps a test binary's temporary files in memory. The tests of internal/cli
// (with the command's scripts) and records/store make thousands of repositories (git init, git objects,
// lock files, atomic writes) and remove them: on a disk file system most of their system
// time went to allocating inodes among the ones just freed (ext4 skips recently deleted
// inodes), none of which is what a test checks.
package scratch

import "os"

// shm is Linux's memory file system, mounted on every common distribution.
const shm = "/dev/shm"

// minFree is the room /dev/shm must have: the tests of one package hold about 30 MB there at
// their peak; with less room, the disk.
const minFree = 512 << 20

// InMemory points TMPDIR (t.TempDir, os.MkdirTemp, and the processes tests start) at a new
// directory under /dev/shm when TMPDIR is not set and /dev/shm has room (minFree: a
// container's is often 64 MB), and returns the function that removes that directory. A
// TMPDIR the caller set is kept: that is where the caller wants the tests' files.
func InMemory() (cleanup func()) {
	if os.Getenv("TMPDIR") != "" {
		return func() {}
	}
	if fi, err := os.Stat(shm); err != nil || !fi.IsDir() || !roomy(shm) {
		return func() {}
	}
	dir, err := os.MkdirTemp(shm, "dossier-test-")
	if err != nil {
		return func() {}
	}
	os.Setenv("TMPDIR", dir)
	return func() {
		os.Unsetenv("TMPDIR")
		os.RemoveAll(dir)
	}
}
