package store

import (
	"crypto/sha1"
	"encoding/hex"
	"strconv"
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
// SHA-256 objects git's ids are not used (Store.GitBlobs says none) and every changed file is
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
	FromGit   int // files whose blob id came from git's index (Store.GitBlobs)
}
