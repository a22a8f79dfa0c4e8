package gitx

import (
	"bytes"
	"crypto/sha1"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// IndexEntry is what git's index recorded of one file the last time git compared it with the
// work tree: the blob id of its content and the file's stat data then.
type IndexEntry struct {
	Path         string // relative to the repository's top level, with forward slashes
	Blob         [sha1.Size]byte
	Mtime, Ctime int64  // nanoseconds since the epoch
	Ino, Size    uint32 // the low 32 bits, as git keeps them
}

// ErrIndexNotRead is git's index that IndexEntries does not read itself (a linked work tree,
// a split or sparse index, an index elsewhere than .git/index, a SHA-256 repository, a format
// it does not know): ask git instead (Blobs).
var ErrIndexNotRead = errors.New("git's index is not read directly here")

// IndexEntries reads the index file of the repository whose top level is Dir, without running
// git, and returns, in path order (git's: byte by byte), every entry under dir (relative to Dir) that git would take as it
// is when the file's stat data still matches: a regular file at stage 0, not marked
// assume-unchanged, skip-worktree or intent-to-add, and not racily clean (a file whose recorded
// time is not older than the index itself may have changed within the same tick after git
// looked at it: git compares those by content, and so must the caller). The caller compares
// the recorded stat data with the file's own: equal, the content is the blob (git's rule for
// an unmodified file, `git diff-files`); otherwise it must read the file.
//
// The index format is git's documented one (gitformat-index: versions 2 to 4, optional
// extensions skipped, its checksum verified). Anything else is ErrIndexNotRead, and so is an
// environment that moves the repository (GIT_DIR, GIT_INDEX_FILE, GIT_WORK_TREE, a
// core.worktree or an extension in the configuration): the caller asks git then.
func (g Git) IndexEntries(dir string) ([]IndexEntry, error) {
	data, written, err := g.readIndex()
	if err != nil || data == nil {
		return nil, err
	}
	return parseIndex(data, written, underDir(dir))
}

// allIndexed reports whether git's index file, read here (readIndex), holds each of paths
// (relative to Dir, the top level) at stage 0 as a file git commits from the work tree (not
// marked assume-unchanged, skip-worktree or intent-to-add). false when one is missing, or the
// index is not read here.
func (g Git) allIndexed(paths []string) bool {
	if len(paths) == 0 {
		return false
	}
	data, _, err := g.readIndex()
	if err != nil || data == nil {
		return false
	}
	want := make(map[string]bool, len(paths))
	for _, p := range paths {
		want[filepath.ToSlash(p)] = false
	}
	found := 0
	err = walkIndex(data, func(int) {}, func(e *rawEntry) {
		if seen, ok := want[string(e.path)]; ok && !seen && e.stage == 0 && !e.assumeUnchanged && !e.skipWorktree && !e.intentToAdd {
			want[string(e.path)] = true
			found++
		}
	})
	return err == nil && found == len(want)
}

// underDir is the prefix of the paths under dir (relative to the top level).
func underDir(dir string) string {
	return strings.TrimSuffix(filepath.ToSlash(dir), "/") + "/"
}

// readIndex reads the index file of the repository whose top level is Dir, and the time it
// was written: nil data when there is no index yet (a repository where nothing was ever
// added), ErrIndexNotRead when it is not to be read here (see IndexEntries).
func (g Git) readIndex() (data []byte, written time.Time, err error) {
	gitDir, ok := g.plainGitDir(true)
	if !ok {
		return nil, time.Time{}, ErrIndexNotRead
	}
	f, err := os.Open(filepath.Join(gitDir, "index"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, time.Time{}, nil
	}
	if err != nil {
		return nil, time.Time{}, ErrIndexNotRead
	}
	defer f.Close()
	st, err := f.Stat() // the file read below: git replaces its index by renaming a new one over it
	if err != nil {
		return nil, time.Time{}, err
	}
	data = make([]byte, st.Size())
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, time.Time{}, err
	}
	return data, st.ModTime(), nil
}

// plainGitDir is Dir/.git when that is the repository's git directory as git would find it
// from Dir: a directory (not a linked work tree's or a submodule's file), with no environment
// or configuration that moves the repository, its work tree or (with index) its index.
func (g Git) plainGitDir(index bool) (string, bool) {
	if g.movesRepository(index) {
		return "", false
	}
	gitDir := filepath.Join(g.Dir, ".git")
	if st, err := os.Stat(gitDir); err != nil || !st.IsDir() {
		return "", false
	}
	config, err := os.ReadFile(filepath.Join(gitDir, "config"))
	if err != nil || configMovesRepository(string(config)) {
		return "", false
	}
	return gitDir, true
}

// movesRepository reports whether git's environment puts the repository, its work tree or
// (with index) its index elsewhere than Dir/.git, or sets configuration that may. (git sets
// GIT_INDEX_FILE for a pre-commit hook.)
func (g Git) movesRepository(index bool) bool {
	for _, kv := range g.environ() {
		k, v, _ := strings.Cut(kv, "=")
		switch {
		case k == "GIT_DIR" || k == "GIT_WORK_TREE" || k == "GIT_COMMON_DIR" || (index && k == "GIT_INDEX_FILE"):
			return true
		case k == "GIT_CONFIG_PARAMETERS" || strings.HasPrefix(k, "GIT_CONFIG_KEY_"):
			if configMovesRepository(v) {
				return true
			}
		}
	}
	return false
}

// configMovesRepository reports whether configuration text may name a work tree elsewhere or
// an extension of the repository format (another object format, a worktree config), or
// includes another file that may.
func configMovesRepository(text string) bool {
	t := strings.ToLower(text)
	for _, word := range []string{"worktree", "extensions", "objectformat", "include"} {
		if strings.Contains(t, word) {
			return true
		}
	}
	return false
}

// parseIndex reads the index file data (whose modification time is written): the entries under
// prefix that IndexEntries keeps.
func parseIndex(data []byte, written time.Time, prefix string) ([]IndexEntry, error) {
	writtenSec := written.Unix()
	var entries []IndexEntry
	err := walkIndex(data, func(count int) { entries = make([]IndexEntry, 0, count) }, func(e *rawEntry) {
		keep := !e.assumeUnchanged && // git does not look at the file
			e.stage == 0 && // not a conflict
			!e.skipWorktree && !e.intentToAdd &&
			(e.mode == 0o100644 || e.mode == 0o100755) &&
			e.mtime/int64(time.Second) < writtenSec && // not racily clean
			bytes.HasPrefix(e.path, []byte(prefix))
		if keep {
			entries = append(entries, IndexEntry{Path: string(e.path), Blob: e.blob, Mtime: e.mtime, Ctime: e.ctime, Ino: e.ino, Size: e.size})
		}
	})
	if err != nil {
		return nil, err
	}
	return entries, nil
}

// rawEntry is one entry of git's index as walkIndex reads it; path is valid during the call only.
type rawEntry struct {
	path                                       []byte
	blob                                       [sha1.Size]byte
	mtime, ctime                               int64 // nanoseconds since the epoch
	ino, size, mode                            uint32
	stage                                      int
	assumeUnchanged, skipWorktree, intentToAdd bool
}

// walkIndex reads the index file data: sized is told how many entries it holds (at most),
// each is given every entry in order. An error means the file is not one to trust: what
// each was given must be forgotten.
func walkIndex(data []byte, sized func(count int), each func(e *rawEntry)) error {
	const header, fixed = 12, 62 // 40 bytes of stat data, the 20-byte id, 16 bits of flags
	if len(data) < header+sha1.Size || string(data[:4]) != "DIRC" {
		return ErrIndexNotRead
	}
	body := data[:len(data)-sha1.Size]
	if sum := data[len(body):]; !allZero(sum) { // index.skipHash writes no checksum
		if got := sha1.Sum(body); !bytes.Equal(got[:], sum) {
			return fmt.Errorf("%w: its checksum does not match (being written?)", ErrIndexNotRead)
		}
	}
	version := binary.BigEndian.Uint32(data[4:])
	if version < 2 || version > 4 {
		return ErrIndexNotRead
	}
	count := binary.BigEndian.Uint32(data[8:])
	sized(int(min(count, uint32(len(body)/fixed))))
	var e rawEntry // e.path is the previous entry's path (version 4 compresses each against it)
	at := header
	for range count {
		if at+fixed > len(body) {
			return fmt.Errorf("%w: an entry runs past the end", ErrIndexNotRead)
		}
		b := body[at:]
		u32 := func(i int) uint32 { return binary.BigEndian.Uint32(b[4*i:]) }
		flags := binary.BigEndian.Uint16(b[60:])
		n := fixed
		var extended uint16
		if flags&0x4000 != 0 {
			if version < 3 || at+n+2 > len(body) {
				return ErrIndexNotRead
			}
			extended = binary.BigEndian.Uint16(b[n:])
			n += 2
		}
		if version == 4 {
			strip, used := readOffset(b[n:])
			if used == 0 || strip > uint64(len(e.path)) {
				return fmt.Errorf("%w: a path runs past the end", ErrIndexNotRead)
			}
			n += used
			end := bytes.IndexByte(b[n:], 0)
			if end < 0 {
				return fmt.Errorf("%w: a path runs past the end", ErrIndexNotRead)
			}
			e.path = append(e.path[:len(e.path)-int(strip)], b[n:n+end]...)
			n += end + 1
		} else {
			end := bytes.IndexByte(b[n:], 0)
			if end < 0 {
				return fmt.Errorf("%w: a path runs past the end", ErrIndexNotRead)
			}
			e.path = append(e.path[:0], b[n:n+end]...)
			n = (n + end + 8) &^ 7 // NUL-padded to a multiple of eight bytes
			if at+n > len(body) {
				return fmt.Errorf("%w: an entry runs past the end", ErrIndexNotRead)
			}
		}
		at += n
		e.ctime = int64(u32(0))*int64(time.Second) + int64(u32(1))
		e.mtime = int64(u32(2))*int64(time.Second) + int64(u32(3))
		e.ino, e.mode, e.size = u32(5), u32(6), u32(9)
		copy(e.blob[:], b[40:60])
		e.stage = int(flags>>12) & 3
		e.assumeUnchanged = flags&0x8000 != 0
		e.skipWorktree, e.intentToAdd = extended&0x4000 != 0, extended&0x2000 != 0
		each(&e)
	}
	// extensions: one whose signature starts with a capital letter is optional; any other
	// (a split index's "link", a sparse index's "sdir") changes what the entries mean
	for at < len(body) {
		if at+8 > len(body) {
			return fmt.Errorf("%w: an extension runs past the end", ErrIndexNotRead)
		}
		if sig := body[at]; sig < 'A' || sig > 'Z' {
			return ErrIndexNotRead
		}
		size := binary.BigEndian.Uint32(body[at+4:])
		if uint64(size) > uint64(len(body)-at-8) {
			return fmt.Errorf("%w: an extension runs past the end", ErrIndexNotRead)
		}
		at += 8 + int(size)
	}
	return nil
}

// readOffset reads the variable-length integer of a version 4 entry (the offset encoding of
// git's packs) and how many bytes it took (0: none well formed).
func readOffset(b []byte) (uint64, int) {
	if len(b) == 0 {
		return 0, 0
	}
	c := b[0]
	n := uint64(c & 0x7f)
	i := 1
	for c&0x80 != 0 {
		if i >= len(b) || i > 8 {
			return 0, 0
		}
		c = b[i]
		i++
		n = ((n + 1) << 7) | uint64(c&0x7f)
	}
	return n, i
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}
