package scratch

import "syscall"

// roomy reports whether the file system of dir has minFree bytes available.
func roomy(dir string) bool {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return false
	}
	return st.Bavail*uint64(st.Bsize) >= minFree
}
