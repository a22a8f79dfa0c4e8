package store

import (
	"bufio"
	"encoding/binary"
	"io"
	"io/fs"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/dossier-dev/dossier/records"
)

// A warm read at a million cases spent more on listing, sorting and naming the files of the
// year directories than on decoding the index (BENCHMARKS.md "One million cases"). The index
// records, for each year directory, the stat identity it had when it was listed (modification
// time, change time, inode) and how many record files it held: a directory whose identity is
// still the recorded one has had no file created, removed or renamed in it since (each of those
// changes the directory's times), so its record files are exactly the index's names under it,
// and it is not listed again. Every file is still stat-ed, from the index's names: an edit in
// place does not change the directory.
//
// A change made within the timestamp granularity of the listing may leave the directory's
// times as they were (git's "racily clean" index): a directory is trusted only when its change
// time is older than the moment it was listed by more than racyWindow, the coarsest granularity
// of a common filesystem (FAT's two seconds); a directory listed sooner is listed again. The
// listing's moment is taken from the machine's clock: on a network filesystem whose server's
// clock runs behind by more than racyWindow, a change within the server's granularity of the
// listing could go unseen until the next change to the directory.

// racyWindow is how much older than its listing a directory's change time must be for the
// listing to be trusted.
const racyWindow = 2 * time.Second

// dirState is what the index records of a year directory: its identity when it was listed,
// how many record files it held, and when (the machine's clock, in nanoseconds) the listing
// began.
type dirState struct {
	name         string // "2026"
	mtime, ctime int64
	ino          uint64
	count        int
	listed       int64
	trusted      bool // not written: the scan took its names from the index (for the tests)
}

// sameDir reports whether the directory's identity now is the one recorded.
func (d dirState) sameDir(now dirState) bool {
	return d.mtime == now.mtime && d.ctime == now.ctime && d.ino == now.ino && d.ino != 0
}

// settled reports whether the listing was taken long enough after the directory's last change
// for a change after it to have moved the directory's times (see racyWindow). The change time
// is the one to ask: a program can set the modification time, not the change time.
func (d dirState) settled() bool {
	return d.ctime < d.listed-int64(racyWindow)
}

// indexHead is the start of the index, read before the record files are stat-ed: the
// directories it records, its string table and its names; its entries are read on from src
// (streamIndex).
type indexHead struct {
	f    *os.File
	info fs.FileInfo // the index file's, when its start was read
	// where its directories' encoding ends: what follows is the same whatever they are
	// (settleDirs)
	dirsEnd int64
	// where the entries start (after the string table, the names and their number)
	entriesStart int64
	src          *indexSource
	dirs         []dirState
	table        []string
	names        []string // path, id, path, id… in path order
	count        int
}

func (h *indexHead) close() {
	if h != nil && h.f != nil {
		h.f.Close()
		h.f = nil
	}
}

// openIndexHead reads the start of the index; nil when there is no usable one (missing, another
// format or profile, corrupt).
func (s *Store) openIndexHead() *indexHead {
	f, err := s.root.Open(indexFile)
	if err != nil {
		return nil
	}
	h, ok := s.readIndexHead(f)
	if !ok {
		f.Close()
		return nil
	}
	return h
}

func (s *Store) readIndexHead(f *os.File) (*indexHead, bool) {
	info, err := f.Stat()
	if err != nil {
		return nil, false
	}
	// read a megabyte at a time, or the whole index when it is smaller (a small repository's
	// command would clear a megabyte for a few kilobytes)
	r := bufio.NewReaderSize(f, int(max(min(info.Size(), 1<<20), 4096)))
	magic := make([]byte, len(indexMagic))
	if _, err := io.ReadFull(r, magic); err != nil || string(magic) != indexMagic {
		return nil, false
	}
	fields := indexFields(s.Profile)
	l, err := binary.ReadUvarint(r)
	if err != nil || l != uint64(len(fields)) {
		return nil, false
	}
	got := make([]byte, len(fields))
	if _, err := io.ReadFull(r, got); err != nil || string(got) != fields {
		return nil, false
	}
	head := len(indexMagic) + len(binary.AppendUvarint(nil, l)) + len(fields)
	src := &indexSource{r: r, left: info.Size() - int64(head)}
	h := &indexHead{f: f, info: info, src: src, dirs: readDirStates(src)}
	h.dirsEnd = info.Size() - src.left
	h.table, h.names, h.count = readIndexNames(src)
	h.entriesStart = info.Size() - src.left
	if src.err != nil {
		return nil, false
	}
	return h, true
}

// readDirStates reads the directories the index records (writeDirStates).
func readDirStates(src *indexSource) []dirState {
	n := src.count()
	dirs := make([]dirState, 0, n)
	for range n {
		var name []byte
		name = src.read(name, src.count())
		d := dirState{name: string(name)}
		d.mtime, d.ctime = src.int(), src.int()
		d.ino = src.uint()
		d.count = src.count()
		d.listed = src.int()
		dirs = append(dirs, d)
	}
	return dirs
}

// appendDirStates encodes the directories scanned for the index (readDirStates).
func appendDirStates(b []byte, dirs []dirState) []byte {
	b = binary.AppendUvarint(b, uint64(len(dirs)))
	for _, d := range dirs {
		b = binary.AppendUvarint(b, uint64(len(d.name)))
		b = append(b, d.name...)
		b = binary.AppendVarint(b, d.mtime)
		b = binary.AppendVarint(b, d.ctime)
		b = binary.AppendUvarint(b, d.ino)
		b = binary.AppendUvarint(b, uint64(d.count))
		b = binary.AppendVarint(b, d.listed)
	}
	return b
}

// trustedNames tells which of the index's entries (first to last, excluded) are the record
// files of the year directory year, when the index may stand for a listing of it (see the
// package comment above): its recorded identity is now's, the listing had settled, and the
// index holds a valid name, in order, for each of the files it counted. Otherwise ok is
// false: the directory is listed.
func (h *indexHead) trustedNames(year string, now dirState) (first, last int, ok bool) {
	if h == nil {
		return 0, 0, false
	}
	var rec *dirState
	for i := range h.dirs {
		if h.dirs[i].name == year {
			rec = &h.dirs[i]
		}
	}
	if rec == nil || !rec.sameDir(now) || !rec.settled() {
		return 0, 0, false
	}
	prefix := "records/" + year + "/"
	n := len(h.names) / 2
	first = sort.Search(n, func(i int) bool { return h.names[2*i] >= prefix })
	last = first + sort.Search(n-first, func(i int) bool { return !strings.HasPrefix(h.names[2*(first+i)], prefix) })
	if last-first != rec.count {
		return 0, 0, false // a file the index has no entry for (unreadable when it was written)
	}
	for i := first; i < last; i++ {
		p := h.names[2*i]
		id, ok := strings.CutSuffix(p[len(prefix):], ".yaml")
		if !ok || !records.ValidID(id) || id[:4] != year || (i > first && p <= h.names[2*i-2]) {
			return 0, 0, false // not a name a listing gives, or out of order: not an index we wrote
		}
	}
	return first, last, true
}

// path is the path of the index's entry i.
func (h *indexHead) path(i int) string { return h.names[2*i] }

// now is the machine's clock, for the moment a directory is listed (a test sets Store.clock).
func (s *Store) now() int64 {
	if s.clock != nil {
		return s.clock().UnixNano()
	}
	return time.Now().UnixNano()
}

// settleDirs records in the index the directories a warm read listed whose listing has since
// settled (see racyWindow), when every file it found was the index's (the index's names are then
// exactly the listings'): a directory listed within the racy window of a change, as the first
// read after a create often is, would otherwise be listed on every run until some record
// changed. Only the directories are rewritten: the rest of the index is copied as it is, under
// the index's lock if no one holds it (a read does not wait to save time later), if the index
// is still the file read. seen is the start of that index.
func (s *Store) settleDirs(seen *indexHead) {
	if seen == nil || !slices.ContainsFunc(s.dirs, func(d dirState) bool { return !d.trusted && d.settled() }) {
		return
	}
	head := s.indexHeadBytes()
	// never waited for: another process writing the index writes the directories too
	lock, err := s.root.OpenFile(CacheDir+"/locks/index.lock", os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return
	}
	defer lock.Close()
	if !tryLockFile(lock) {
		return
	}
	defer unlockFile(lock)
	f, err := s.root.Open(indexFile)
	if err != nil {
		return
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil || !os.SameFile(info, seen.info) || info.Size() != seen.info.Size() || !info.ModTime().Equal(seen.info.ModTime()) {
		return // written again since it was read
	}
	s.writeAtomicOf(indexFile, [][]byte{head}, io.NewSectionReader(f, seen.dirsEnd, info.Size()-seen.dirsEnd), false)
}
