package gitx

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// ErrNotSHA1 is a repository whose objects are named by SHA-256: its blob ids are not the
// SHA-1 ids the record index keeps.
var ErrNotSHA1 = errors.New("the repository's object format is not sha1")

// ErrIndexMoved is git's index rewritten while Blobs read it: its answer may mix two states.
var ErrIndexMoved = errors.New("git's index changed while it was read")

// Blobs lists the regular files under dir (relative to Dir) whose working-tree content is what
// git's index holds, with that content's blob id (path → 40 hex digits): the files of
// `git ls-files -s` at stage 0, normal (not marked assume-unchanged, skip-worktree or
// fsmonitor-valid, whose working copy git does not look at), less those `git diff-files`
// reports modified (a file git cannot vouch for without reading it, such as one touched
// since it was staged, is reported). Paths are relative to Dir. A repository with another
// object format than sha1 is ErrNotSHA1; an index rewritten meanwhile (a `git add` running
// alongside) is ErrIndexMoved, so that no blob id of one state is paired with the working
// tree of another.
func (g Git) Blobs(dir string) (map[string]string, error) {
	out, err := g.Run("rev-parse", "--git-path", "index", "--show-object-format")
	if err != nil {
		return nil, err
	}
	indexPath, format, _ := strings.Cut(out, "\n")
	if format != "sha1" {
		return nil, ErrNotSHA1
	}
	if !filepath.IsAbs(indexPath) {
		indexPath = filepath.Join(g.Dir, indexPath)
	}
	before, err := os.Stat(indexPath)
	if err != nil {
		return nil, err
	}
	listed, err := g.Output(nil, "ls-files", "-s", "-v", "-z", "--", dir)
	if err != nil {
		return nil, err
	}
	modified, err := g.Output(nil, "diff-files", "--name-only", "--relative", "-z", "--", dir)
	if err != nil {
		return nil, err
	}
	after, err := os.Stat(indexPath)
	if err != nil {
		return nil, err
	}
	if !os.SameFile(before, after) || !before.ModTime().Equal(after.ModTime()) || before.Size() != after.Size() {
		return nil, ErrIndexMoved
	}
	blobs := map[string]string{}
	for entry := range bytes.SplitSeq(listed, []byte{0}) {
		// "H 100644 <id> 0\t<path>": H is a normal entry (lower case: assume-unchanged).
		meta, p, ok := bytes.Cut(entry, []byte{'\t'})
		f := strings.Fields(string(meta))
		if !ok || len(f) != 4 || f[0] != "H" || (f[1] != "100644" && f[1] != "100755") || f[3] != "0" || len(f[2]) != 40 {
			continue
		}
		blobs[string(p)] = f[2]
	}
	for _, p := range splitZ(modified) {
		delete(blobs, p)
	}
	return blobs, nil
}
