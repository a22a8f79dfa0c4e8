package gitx

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// headParents are the parents of HEAD's commit (none when HEAD names no commit yet) read from
// git's own files, as `git rev-parse HEAD^@` prints them; false when this does not read them
// exactly as git would: ask git then.
//
// It reads only what a repository's recent commits leave: HEAD, a branch's ref file or
// packed-refs, and a loose commit object (zlib). Anything else is left to git: a repository
// that is not a plain .git (plainGitDir), objects elsewhere (GIT_OBJECT_DIRECTORY, alternates)
// or packed, commits replaced or grafted (refs/replace, info/grafts, their environment), a
// shallow clone (whose boundary commits git shows without parents), a symbolic ref of a
// symbolic ref.
func (g Git) headParents() ([]string, bool) {
	dir, ok := g.plainGitDir(false)
	if !ok || g.envSets("GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_REPLACE_REF_BASE", "GIT_NO_REPLACE_OBJECTS", "GIT_SHALLOW_FILE", "GIT_GRAFT_FILE") {
		return nil, false
	}
	for _, p := range []string{"shallow", "info/grafts", "info/alternates", "objects/info/alternates", "refs/replace"} {
		if _, err := os.Lstat(filepath.Join(dir, p)); !errors.Is(err, fs.ErrNotExist) {
			return nil, false
		}
	}
	packed, err := os.ReadFile(filepath.Join(dir, "packed-refs"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) || bytes.Contains(packed, []byte(" refs/replace/")) {
		return nil, false
	}
	head, err := os.ReadFile(filepath.Join(dir, "HEAD"))
	if err != nil {
		return nil, false
	}
	id := strings.TrimSuffix(string(head), "\n")
	if ref, ok := strings.CutPrefix(id, "ref: "); ok {
		if !strings.HasPrefix(ref, "refs/heads/") || strings.Contains(ref, "..") {
			return nil, false
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(ref)))
		switch {
		case err == nil:
			id = strings.TrimSuffix(string(data), "\n")
		case errors.Is(err, fs.ErrNotExist):
			id = packedRef(packed, ref)
			if id == "" {
				return nil, true // an unborn branch: no commit yet
			}
		default:
			return nil, false
		}
	}
	if !isObjectID(id) {
		return nil, false
	}
	return commitParents(filepath.Join(dir, "objects", id[:2], id[2:]))
}

// envSets reports whether git's environment sets any of the names.
func (g Git) envSets(names ...string) bool {
	for _, kv := range g.environ() {
		if k, _, _ := strings.Cut(kv, "="); slices.Contains(names, k) {
			return true
		}
	}
	return false
}

// packedRef is the id packed-refs gives ref ("" when none).
func packedRef(packed []byte, ref string) string {
	for _, line := range strings.Split(string(packed), "\n") {
		if id, name, ok := strings.Cut(line, " "); ok && name == ref && isObjectID(id) {
			return id
		}
	}
	return ""
}

// isObjectID reports whether s is a SHA-1 object id in lower-case hex, as git writes them.
func isObjectID(s string) bool {
	if len(s) != 40 || strings.ToLower(s) != s {
		return false
	}
	_, err := hex.DecodeString(s)
	return err == nil
}

// commitParents reads the parent lines of the loose commit object in file (false: no such
// loose object, or not a commit).
func commitParents(file string) ([]string, bool) {
	f, err := os.Open(file)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	z, err := zlib.NewReader(f)
	if err != nil {
		return nil, false
	}
	r := bufio.NewReader(io.LimitReader(z, 1<<20))
	header, err := r.ReadString(0)
	if err != nil || !strings.HasPrefix(header, "commit ") {
		return nil, false
	}
	tree, err := r.ReadString('\n')
	if err != nil || !strings.HasPrefix(tree, "tree ") {
		return nil, false
	}
	var parents []string
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return nil, false
		}
		id, ok := strings.CutPrefix(strings.TrimSuffix(line, "\n"), "parent ")
		if !ok {
			return parents, true
		}
		if !isObjectID(id) {
			return nil, false
		}
		parents = append(parents, id)
	}
}
