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
// Dir). `git diff-files` first lists the files whose content differs from the index (it
// compares stat data, and content when only that can tell, on several threads), then `git
// ls-files --stage -v` gives the index's ids: a file changed and `git add`-ed between the two
// has the id of what was added, and a file changed after either is caught by its stat
// identity at the next read, as with any change after a read. (One `ls-files --modified`
// did both on one thread: twice as long at 100,000 files.)
// Kept: normal entries at stage 0 (tag H); left out: files git lists as modified or deleted,
// unmerged ones, symbolic links and submodules, and entries git does not compare with the
// working tree (assume-unchanged, skip-worktree, fsmonitor-valid: other tags). A repository
// of SHA-256 objects is ErrNotSHA1.
func (g Git) Blobs(dir string) (map[string]string, error) {
	changed, err := g.Output(nil, "diff-files", "--name-only", "--relative", "-z", "--", dir)
	if err != nil {
		return nil, err
	}
	listed, err := g.Output(nil, "ls-files", "--stage", "-v", "-z", "--", dir)
	if err != nil {
		return nil, err
	}
	blobs := map[string]string{}
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
		if f[0] == "H" && (f[1] == "100644" || f[1] == "100755") && f[3] == "0" {
			blobs[string(p)] = f[2]
		}
	}
	for p := range bytes.SplitSeq(changed, []byte{0}) {
		delete(blobs, string(p))
	}
	return blobs, nil
}
