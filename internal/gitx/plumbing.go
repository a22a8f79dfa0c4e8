package gitx

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// VerifyCommit reports whether ref names a commit.
func (g Git) VerifyCommit(ref string) bool {
	_, err := g.Output(nil, "rev-parse", "--verify", "--quiet", ref+"^{commit}")
	return err == nil
}

// MergeBase is the best common ancestor of a and b; an error when there is none (e.g. in a
// shallow clone).
func (g Git) MergeBase(a, b string) (string, error) {
	return g.Run("merge-base", a, b)
}

// Tree lists the files under dir (a path relative to Dir, e.g. "records/") in the commit
// ref: path → blob id.
func (g Git) Tree(ref, dir string) (map[string]string, error) {
	out, err := g.Output(nil, "ls-tree", "-r", "-z", ref, "--", dir)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, entry := range strings.Split(string(out), "\x00") {
		meta, p, ok := strings.Cut(entry, "\t")
		if f := strings.Fields(meta); ok && len(f) == 3 && f[1] == "blob" {
			m[p] = f[2]
		}
	}
	return m, nil
}

// HashFiles is the blob id of each file of the work tree (paths relative to Dir), as git
// would store it, without filters.
func (g Git) HashFiles(paths []string) ([]string, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	out, err := g.Output([]byte(strings.Join(paths, "\n")+"\n"), "hash-object", "--no-filters", "--stdin-paths")
	if err != nil {
		return nil, err
	}
	return strings.Fields(string(out)), nil
}

// CatBlobs reads blobs with one git cat-file --batch: blob id → content.
func (g Git) CatBlobs(ids []string) (map[string][]byte, error) {
	out := map[string][]byte{}
	if len(ids) == 0 {
		return out, nil
	}
	data, err := g.Output([]byte(strings.Join(ids, "\n")+"\n"), "cat-file", "--batch")
	if err != nil {
		return nil, err
	}
	for len(data) > 0 {
		header, rest, ok := bytes.Cut(data, []byte("\n"))
		if !ok {
			break
		}
		f := strings.Fields(string(header))
		if len(f) != 3 {
			data = rest
			continue
		}
		size, err := strconv.Atoi(f[2])
		if err != nil || size+1 > len(rest) {
			return nil, fmt.Errorf("git cat-file: unexpected output %q", header)
		}
		out[f[0]] = rest[:size]
		data = rest[size+1:]
	}
	return out, nil
}

// Staged lists the files under dir (relative to Dir) added, copied, modified or renamed in
// the index.
func (g Git) Staged(dir string) ([]string, error) {
	out, err := g.Output(nil, "diff", "--cached", "--name-only", "--relative", "-z", "--diff-filter=ACMR", "--", dir)
	if err != nil {
		return nil, err
	}
	return splitZ(out), nil
}

// IndexBlob is the content of path (relative to Dir) as staged in the index.
func (g Git) IndexBlob(path string) ([]byte, error) {
	return g.Output(nil, "cat-file", "blob", ":./"+path)
}

// Tracked reports whether git tracks path (relative to Dir).
func (g Git) Tracked(path string) bool {
	out, err := g.Run("ls-files", "--", path)
	return err == nil && out != ""
}

// MergeHeads are the commits being merged into HEAD while a merge is in progress (the
// contents of MERGE_HEAD), or none. Where the repository is Dir/.git as git finds it
// (plainGitDir), MERGE_HEAD is read there without asking git where it is.
func (g Git) MergeHeads() ([]string, error) {
	dir, ok := g.plainGitDir(false)
	p := filepath.Join(dir, "MERGE_HEAD")
	if !ok {
		var err error
		if p, err = g.GitPath("MERGE_HEAD"); err != nil {
			return nil, err
		}
	}
	data, err := os.ReadFile(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return strings.Fields(string(data)), nil
}

// MergeState is MergeHeads and the parents of HEAD (Parents("HEAD"); none when there is no
// commit yet): read from git's files where they can be (MergeHeads, headParents), else with
// one git process.
func (g Git) MergeState() (mergeHeads, headParents []string, err error) {
	if parents, ok := g.headParents(); ok {
		heads, err := g.MergeHeads()
		if err != nil {
			return nil, nil, err
		}
		return heads, parents, nil
	}
	out, err := g.Run("rev-parse", "--git-path", "MERGE_HEAD", "HEAD^@")
	lines := strings.Split(out, "\n")
	if err != nil {
		// no commit yet: git printed the path of MERGE_HEAD before it failed on HEAD^@ (and
		// nothing when this is not a repository: ask for MERGE_HEAD alone, for its error)
		if !strings.HasSuffix(lines[0], "MERGE_HEAD") {
			heads, err := g.MergeHeads()
			return heads, nil, err
		}
		lines = lines[:1]
	}
	p := lines[0]
	if !filepath.IsAbs(p) {
		p = filepath.Join(g.Dir, p)
	}
	data, err := os.ReadFile(p)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, nil, err
	}
	return fieldsOrNil(string(data)), fieldsOrNil(strings.Join(lines[1:], "\n")), nil
}

// fieldsOrNil is strings.Fields, nil when there are none.
func fieldsOrNil(s string) []string {
	if f := strings.Fields(s); len(f) > 0 {
		return f
	}
	return nil
}

// GitPath is the absolute path of name inside the repository's git directory (e.g. hooks,
// MERGE_HEAD).
func (g Git) GitPath(name string) (string, error) {
	p, err := g.Run("rev-parse", "--git-path", name)
	if err != nil {
		return "", err
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(g.Dir, p)
	}
	return p, nil
}

// GitPathAndPrefix is GitPath(name) and Dir relative to the top of the work tree ("" at the
// top), with one git process.
func (g Git) GitPathAndPrefix(name string) (path, prefix string, err error) {
	out, err := g.Output(nil, "rev-parse", "--git-path", name, "--show-prefix")
	if err != nil {
		return "", "", err
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != 2 {
		return "", "", fmt.Errorf("git rev-parse --git-path %s --show-prefix: unexpected output %q", name, out)
	}
	path = lines[0]
	if !filepath.IsAbs(path) {
		path = filepath.Join(g.Dir, path)
	}
	return path, strings.TrimSuffix(lines[1], "/"), nil
}

// LogEntry is one commit that changed a file.
type LogEntry struct {
	When, Hash, Author, Subject string // When is the committer date, ISO 8601
}

// FileLog lists the commits that changed path (following renames), newest first.
func (g Git) FileLog(path string) ([]LogEntry, error) {
	out, err := g.Run("log", "--follow", "--format=%cI%x09%h%x09%an%x09%s", "--", path)
	if err != nil || out == "" {
		return nil, err
	}
	var log []LogEntry
	for _, l := range strings.Split(out, "\n") {
		parts := strings.SplitN(l, "\t", 4)
		if len(parts) == 4 {
			log = append(log, LogEntry{parts[0], parts[1], parts[2], parts[3]})
		}
	}
	return log, nil
}

// MergeFile merges theirs into ours line by line against base (git merge-file), with
// conflict markers labelled ours and theirs. It returns the number of conflicts left.
func (g Git) MergeFile(ours, base, theirs string) (int, error) {
	_, err := g.Run("merge-file", "-L", "ours", "-L", "base", "-L", "theirs", ours, base, theirs)
	var ge *Error
	if errors.As(err, &ge) && ge.Code > 0 && ge.Code < 128 {
		return ge.Code, nil
	}
	return 0, err
}

func splitZ(out []byte) []string {
	var list []string
	for _, p := range strings.Split(string(out), "\x00") {
		if p != "" {
			list = append(list, p)
		}
	}
	return list
}

// Index lists the files under dir (relative to Dir) staged in the index without conflict:
// path → blob id.
func (g Git) Index(dir string) (map[string]string, error) {
	out, err := g.Output(nil, "ls-files", "-s", "-z", "--", dir)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	for _, entry := range splitZ(out) {
		meta, p, ok := strings.Cut(entry, "\t")
		if f := strings.Fields(meta); ok && len(f) == 3 && f[2] == "0" {
			m[p] = f[1]
		}
	}
	return m, nil
}

// RevParse is the commit id of ref.
func (g Git) RevParse(ref string) (string, error) {
	return g.Run("rev-parse", "--verify", "--quiet", ref+"^{commit}")
}

// CheckAttr is the value of the attribute attr for path (relative to Dir), "" when unset.
func (g Git) CheckAttr(attr, path string) string {
	out, err := g.Run("check-attr", attr, "--", path)
	if err != nil {
		return ""
	}
	_, v, _ := strings.Cut(out, ": "+attr+": ")
	if v == "unspecified" || v == "unset" {
		return ""
	}
	return v
}

// Stages lists the files under dir (relative to Dir) that git's index holds unmerged, with
// the blob of each stage: [1] the merge base, [2] ours, [3] theirs ("" when a side has none).
//
// The index is read directly when it can be (IndexEntries), else git lists the stages.
func (g Git) Stages(dir string) (map[string][4]string, error) {
	if data, _, err := g.readIndex(); err == nil {
		prefix := underDir(dir)
		m := map[string][4]string{}
		if err := walkIndex(data, func(int) {}, func(e *rawEntry) {
			if e.stage != 0 && bytes.HasPrefix(e.path, []byte(prefix)) {
				st := m[string(e.path)]
				st[e.stage] = hex.EncodeToString(e.blob[:])
				m[string(e.path)] = st
			}
		}); err == nil || data == nil {
			return m, nil
		}
	}
	return g.lsStages(dir)
}

// lsStages is Stages from git ls-files -u.
func (g Git) lsStages(dir string) (map[string][4]string, error) {
	out, err := g.Output(nil, "ls-files", "-u", "-z", "--", dir)
	if err != nil {
		return nil, err
	}
	m := map[string][4]string{}
	for _, entry := range splitZ(out) {
		meta, p, ok := strings.Cut(entry, "\t")
		f := strings.Fields(meta)
		if !ok || len(f) != 3 {
			continue
		}
		if n, err := strconv.Atoi(f[2]); err == nil && n >= 1 && n <= 3 {
			st := m[p]
			st[n] = f[1]
			m[p] = st
		}
	}
	return m, nil
}

// ErrDriverMissing is a merge driver whose program git cannot find or run.
type ErrDriverMissing struct {
	Program string
	OnPath  bool // looked up on PATH (no slash in its name)
}

func (e *ErrDriverMissing) Error() string {
	if e.OnPath {
		return e.Program + " is not on PATH"
	}
	return e.Program + " is not an executable file"
}

// MergeDriver is the command configured for the merge driver name (merge.NAME.driver), ""
// when none is, with an *ErrDriverMissing when its program cannot run (looked up on this
// process's PATH, which git's hooks and drivers inherit).
func (g Git) MergeDriver(name string) (string, error) {
	cmd := g.Config("merge." + name + ".driver")
	return cmd, g.CheckDriver(cmd)
}

// CheckDriver is an *ErrDriverMissing when the program of the merge driver command cmd
// cannot run (looked up on this process's PATH, which git's hooks and drivers inherit), else
// nil (nil too for no command).
func (g Git) CheckDriver(cmd string) error {
	fields := strings.Fields(cmd)
	if len(fields) == 0 {
		return nil
	}
	prog := fields[0]
	if strings.ContainsRune(prog, '/') {
		if !filepath.IsAbs(prog) {
			prog = filepath.Join(g.Dir, prog)
		}
		info, err := os.Stat(prog)
		if err != nil || info.IsDir() || info.Mode().Perm()&0o111 == 0 {
			return &ErrDriverMissing{Program: fields[0]}
		}
		return nil
	}
	if _, err := exec.LookPath(prog); err != nil {
		return &ErrDriverMissing{Program: prog, OnPath: true}
	}
	return nil
}

// ChangedSince lists the files under dir (relative to Dir) that differ between the commit base
// and the work tree, renames counted as a deletion and an addition: path → status letter
// (A added, D deleted, M modified, T type changed, U unmerged).
func (g Git) ChangedSince(base, dir string) (map[string]byte, error) {
	out, err := g.Output(nil, "diff", "--name-status", "-z", "--no-renames", "--relative", base, "--", dir)
	if err != nil {
		return nil, err
	}
	fields := splitZ(out)
	m := make(map[string]byte, len(fields)/2)
	for i := 0; i+1 < len(fields); i += 2 {
		m[fields[i+1]] = fields[i][0]
	}
	return m, nil
}

// Untracked lists the files under dir (relative to Dir) git does not track and does not ignore.
func (g Git) Untracked(dir string) ([]string, error) {
	out, err := g.Output(nil, "ls-files", "-z", "--others", "--exclude-standard", "--", dir)
	if err != nil {
		return nil, err
	}
	return splitZ(out), nil
}

// FilesAt reads files (paths relative to Dir) as they are in the commit ref (ref "": as
// staged in the index), with one git cat-file --batch: path → content; a path the commit
// does not hold is left out.
func (g Git) FilesAt(ref string, paths []string) (map[string][]byte, error) {
	out := map[string][]byte{}
	if len(paths) == 0 {
		return out, nil
	}
	var in strings.Builder
	for _, p := range paths {
		in.WriteString(ref + ":./" + p + "\n")
	}
	data, err := g.Output([]byte(in.String()), "cat-file", "--batch")
	if err != nil {
		return nil, err
	}
	// one answer per line asked, in order: "ID blob SIZE\n" + content + "\n", or "NAME missing\n"
	for _, p := range paths {
		header, rest, ok := bytes.Cut(data, []byte("\n"))
		if !ok {
			return nil, fmt.Errorf("git cat-file: output ends before %s", p)
		}
		f := strings.Fields(string(header))
		if len(f) != 3 {
			data = rest // missing (or not a blob: ambiguous, a tree)
			continue
		}
		size, err := strconv.Atoi(f[2])
		if err != nil || size+1 > len(rest) {
			return nil, fmt.Errorf("git cat-file: unexpected output %q", header)
		}
		if f[1] == "blob" {
			out[p] = rest[:size]
		}
		data = rest[size+1:]
	}
	return out, nil
}
