package gitx

import (
	"bytes"
	"errors"
	"strings"
)

// ErrNotSHA1 is a repository whose objects are named by SHA-256: its blob ids are not the
// SHA-1 ids the record index keeps.
var ErrNotSHA1 = errors.New("the repository's object format is not sha1")

// Blobs lists the regular files under dir (relative to Dir) whose working-tree content is what
// git's index holds, with that content's blob id (path → 40 hex digits; paths relative to
// Dir). One `git ls-files --cached --modified --stage -v` reads the index once and compares
// each file with it (by its stat data, and by content when only that can tell), so the ids
// and the verdicts are of one state of the index, even with a `git add` running alongside.
// Kept: normal entries at stage 0 (tag H); left out: files git lists as modified or deleted
// (tag C), unmerged ones, symbolic links and submodules, and entries git does not compare with
// the working tree (assume-unchanged, skip-worktree, fsmonitor-valid: other tags). A
// repository of SHA-256 objects is ErrNotSHA1.
func (g Git) Blobs(dir string) (map[string]string, error) {
	listed, err := g.Output(nil, "ls-files", "--cached", "--modified", "--stage", "-v", "-z", "--", dir)
	if err != nil {
		return nil, err
	}
	blobs := map[string]string{}
	var modified []string
	for entry := range bytes.SplitSeq(listed, []byte{0}) {
		// "H 100644 <id> 0\t<path>"
		meta, p, ok := bytes.Cut(entry, []byte{'\t'})
		f := strings.Fields(string(meta))
		if !ok || len(f) != 4 {
			continue
		}
		if len(f[2]) != 40 {
			return nil, ErrNotSHA1
		}
		switch {
		case f[0] == "C":
			modified = append(modified, string(p))
		case f[0] == "H" && (f[1] == "100644" || f[1] == "100755") && f[3] == "0":
			blobs[string(p)] = f[2]
		}
	}
	for _, p := range modified {
		delete(blobs, p)
	}
	return blobs, nil
}
