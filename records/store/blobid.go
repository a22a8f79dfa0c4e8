package store

import (
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"slices"
	"strconv"
	"strings"
)

// A blobID names a file's content as git does: the SHA-1 of "blob <length>\0" and the
// content. The index keeps one per entry beside the file's stat identity, so that an index
// restored into a fresh clone (whose files all have new inodes and times) still knows which
// summaries hold: a file whose identity changed but whose content did not is not parsed.
//
// An id from git's index names the content as git stores it: where a clean/smudge filter or
// an end-of-line conversion makes the working copy differ from it, the entry made from one
// working copy serves every working copy git checks out from the same blob.
//
// The id is always SHA-1, whatever the repository's object format: in a repository of
// SHA-256 objects git's ids are not used (Store.GitIndex and Store.GitBlobs give none) and every changed file is
// hashed here. SHA-1's known collisions need a crafted pair of files; a cache restored from a
// build cache is trusted like any build cache (README), and it holds only summaries.
type blobID [sha1.Size]byte

// hashBlob is the blob id of data, computed in process: reading a file and hashing it costs
// less than parsing it.
func hashBlob(data []byte) blobID {
	h := sha1.New()
	h.Write([]byte("blob " + strconv.Itoa(len(data)) + "\x00"))
	h.Write(data)
	var id blobID
	h.Sum(id[:0])
	return id
}

// wrote tells Wrote, when set, that the record at p now holds data.
func (s *Store) wrote(p string, data []byte) {
	if s.Wrote != nil {
		id := hashBlob(data)
		s.Wrote(p, hex.EncodeToString(id[:]))
	}
}

// parseBlobID reads the 40 hex digits git prints for a SHA-1 object id.
func parseBlobID(s string) (blobID, bool) {
	var id blobID
	if len(s) != 2*len(id) {
		return id, false
	}
	_, err := hex.Decode(id[:], []byte(s))
	return id, err == nil
}

// gitBlobsAt is how many files with a changed identity make Summaries ask git for blob ids
// (one pass of git over the whole tree) rather than read and hash each of them: a few hundred
// files read faster than git lists a large tree.
const gitBlobsAt = 256

// ReadStats says how the last call of Summaries got each record file's summary: the figures
// --debug prints, and what the tests check (a fresh clone with a restored index parses no file).
type ReadStats struct {
	Files     int // record files found
	Indexed   int // entries of the index read (0: none, or unusable: old format, corrupt)
	Unchanged int // same stat identity as in the index: taken from it without reading the file
	SameBlob  int // a new identity but the same content (blob id) as in the index: taken from it
	Hashed    int // files read to compute their blob id in process
	Parsed    int // files read and parsed: new, changed, or not in the index
	FromGit   int // files whose blob id came from git's index (Store.GitIndex or Store.GitBlobs)
}

// GitStat is what git's index recorded of a record file (gitx.IndexEntry): the blob id of its
// content, and the file's stat data when git last compared the two.
type GitStat struct {
	Path         string // relative to the repository, as Store's paths are
	Blob         [sha1.Size]byte
	Mtime, Ctime int64  // nanoseconds since the epoch
	Ino, Size    uint32 // the low 32 bits
}

// fromGit is the blob ids git gave for the record files: from its index read directly
// (Store.GitIndex: the recorded stat data, compared here with each file's) or from git's own
// verdict (Store.GitBlobs: the files it found unmodified).
type fromGit struct {
	stats []GitStat // in path order
	ids   map[string]string
}

// blob is the blob id git vouches for, for the file f as the scan found it: git's index
// recorded the very stat identity the file has now (what git itself takes as unmodified), or
// git said so.
func (g *fromGit) blob(f *scanned) (blobID, bool) {
	if g.stats != nil {
		k, ok := slices.BinarySearchFunc(g.stats, f.path, func(e GitStat, p string) int { return strings.Compare(e.Path, p) })
		if !ok {
			return blobID{}, false
		}
		e := &g.stats[k]
		if e.Mtime != f.id.mtime || e.Ctime != f.id.ctime || e.Ino != uint32(f.id.ino) ||
			e.Size != uint32(f.id.size) || f.id.mtime == 0 {
			return blobID{}, false
		}
		return blobID(e.Blob), true
	}
	return parseBlobID(g.ids[f.path])
}

// asksGit reports whether the store can ask git for blob ids.
func (s *Store) asksGit() bool { return s.GitIndex != nil || s.GitBlobs != nil }

// gitBlobs asks git for the blob ids of the record files: its index read directly when it can
// be, else git itself. An error (no repository, no git, SHA-256 objects) means: hash them.
func (s *Store) gitBlobs() (fromGit, error) {
	if s.GitIndex != nil {
		if stats, err := s.GitIndex(); err == nil && slices.IsSortedFunc(stats, func(a, b GitStat) int { return strings.Compare(a.Path, b.Path) }) {
			return fromGit{stats: stats}, nil
		}
	}
	if s.GitBlobs == nil {
		return fromGit{}, errNoGit
	}
	ids, err := s.GitBlobs()
	return fromGit{ids: ids}, err
}

var errNoGit = errors.New("no git")
