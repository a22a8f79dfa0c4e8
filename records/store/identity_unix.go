//go:build linux

package store

import (
	"io"
	"io/fs"
	"os"
	"syscall"
	"time"

	"github.com/dossier-dev/dossier/records"
	"golang.org/x/sys/unix"
)

func identity(info fs.FileInfo) fileID {
	id := fileID{size: info.Size(), mtime: info.ModTime().UnixNano()}
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		id.ino = st.Ino
		id.ctime = st.Ctim.Sec*int64(time.Second) + st.Ctim.Nsec
	}
	return id
}

// statAt stats name in the open directory dir without following a symlink.
func statAt(dir *os.File, name string) (fileID, error) {
	var st unix.Stat_t
	for {
		err := unix.Fstatat(int(dir.Fd()), name, &st, unix.AT_SYMLINK_NOFOLLOW)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return fileID{}, &fs.PathError{Op: "lstat", Path: name, Err: err}
		}
		break
	}
	return fileID{
		size:  st.Size,
		mtime: st.Mtim.Sec*int64(time.Second) + st.Mtim.Nsec,
		ctime: st.Ctim.Sec*int64(time.Second) + st.Ctim.Nsec,
		ino:   st.Ino,
	}, nil
}

// readAt reads name in the open directory dir, refusing a symbolic link (ErrSymlink) or
// anything else that is not a regular file (ErrNotRegular), and
// reading at most one byte past the record size limit.
func readAt(dir *os.File, name string) ([]byte, error) {
	var fd int
	for {
		var err error
		fd, err = unix.Openat(int(dir.Fd()), name, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_CLOEXEC|unix.O_NONBLOCK, 0)
		if err == unix.EINTR {
			continue
		}
		if err == unix.ELOOP {
			return nil, ErrSymlink
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		break
	}
	f := os.NewFile(uintptr(fd), name)
	defer f.Close()
	// Opened without blocking (a FIFO would wait for a writer); only a regular file is read.
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, ErrNotRegular
	}
	return io.ReadAll(io.LimitReader(f, records.MaxRecordSize+1))
}

// dirIdentity is the identity of the open directory dir (index_dirs.go).
func dirIdentity(dir *os.File) (dirState, error) {
	var st unix.Stat_t
	if err := unix.Fstat(int(dir.Fd()), &st); err != nil {
		return dirState{}, err
	}
	return dirState{
		mtime: st.Mtim.Sec*int64(time.Second) + st.Mtim.Nsec,
		ctime: st.Ctim.Sec*int64(time.Second) + st.Ctim.Nsec,
		ino:   st.Ino,
	}, nil
}
