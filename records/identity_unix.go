//go:build linux

package records

import (
	"io/fs"
	"syscall"
	"time"
)

func identity(info fs.FileInfo) fileID {
	id := fileID{size: info.Size(), mtime: info.ModTime().UnixNano()}
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		id.ino = st.Ino
		id.ctime = st.Ctim.Sec*int64(time.Second) + st.Ctim.Nsec
	}
	return id
}
