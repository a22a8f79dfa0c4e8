package gitx

import (
	"crypto/sha1"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// indexRepo is a repository of record files whose stat data git's index recorded an hour
// after their times (none racily clean), in index format version: a.yaml to d.yaml and one
// of a long name (version 4 takes more than 127 bytes off it for the next path), one
// marked assume-unchanged (d), one skip-worktree (c, which makes a version 2 index a version
// 3 one), one added with intent to add (new), one whose time is in the future (racy: not older
// than the index), symbolic links, a conflict, a submodule, and a file outside records.
func indexRepo(t testing.TB, version int) Git {
	t.Helper()
	g := testGit(t)
	past := time.Now().Add(-time.Hour)
	for _, name := range []string{"records/2026/a.yaml", longName, "records/2026/b.yaml", "records/2026/c.yaml", "records/2026/d.yaml", "elsewhere/e.yaml", "records/2027/racy.yaml"} {
		write(t, g, name, name+"\n")
		at := past
		if strings.Contains(name, "racy") {
			at = time.Now().Add(time.Hour)
		}
		if err := os.Chtimes(filepath.Join(g.Dir, name), at, at); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("a.yaml", filepath.Join(g.Dir, "records/2026/link.yaml")); err != nil {
		t.Fatal(err)
	}
	write(t, g, "records/2026/new.yaml", "new\n")
	for _, args := range [][]string{
		{"add", "records", "elsewhere", ":!records/2026/new.yaml"},
		{"add", "-N", "records/2026/new.yaml"},
		{"update-index", "--assume-unchanged", "records/2026/d.yaml"},
		{"update-index", "--skip-worktree", "records/2026/c.yaml"},
		{"update-index", "--index-version", string(rune('0' + version))},
	} {
		if out, err := g.Run(args...); err != nil {
			t.Fatalf("git %v: %v %s", args, err, out)
		}
	}
	// entries with no stat data (never compared with a file), which IndexEntries leaves out for
	// what they are: a conflict's three stages, a symbolic link's and a submodule's
	blob, err := g.Output([]byte("x\n"), "hash-object", "-w", "--stdin")
	if err != nil {
		t.Fatal(err)
	}
	id := strings.TrimSpace(string(blob))
	info := ""
	for _, line := range []string{"100644 %s 1\trecords/2026/conflict.yaml", "100644 %s 2\trecords/2026/conflict.yaml", "100644 %s 3\trecords/2026/conflict.yaml",
		"120000 %s 0\trecords/2026/link-too.yaml", "160000 %s 0\trecords/2026/sub"} {
		info += strings.ReplaceAll(line, "%s", id) + "\n"
	}
	if _, err := g.Output([]byte(info), "update-index", "--index-info"); err != nil {
		t.Fatal(err)
	}
	return g
}

var longName = "records/2026/a" + strings.Repeat("x", 150) + ".yaml"

// IndexEntries reads git's index itself, in each format version git writes: the entries it
// keeps are exactly the regular files at stage 0 under the directory that git compares with
// the work tree and are not racily clean, with git's blob ids (ls-files --stage) and the stat
// data the files have (git recorded it when it added them).
func TestIndexEntriesReadGitsIndex(t *testing.T) {
	for _, version := range []int{2, 3, 4} {
		g := indexRepo(t, version)
		data, err := os.ReadFile(filepath.Join(g.Dir, ".git/index"))
		if err != nil {
			t.Fatal(err)
		}
		want := max(version, 3) // skip-worktree needs version 3
		if got := binary.BigEndian.Uint32(data[4:]); int(got) != want {
			t.Fatalf("git wrote index version %d, want %d", got, want)
		}
		entries, err := g.IndexEntries("records")
		if err != nil {
			t.Fatalf("version %d: %v", version, err)
		}
		var paths []string
		for _, e := range entries {
			paths = append(paths, e.Path)
			id, err := g.Run("rev-parse", ":"+e.Path)
			if err != nil {
				t.Fatal(err)
			}
			if got := hex.EncodeToString(e.Blob[:]); got != id {
				t.Errorf("version %d: %s: blob %s, want %s", version, e.Path, got, id)
			}
			st, err := os.Lstat(filepath.Join(g.Dir, e.Path))
			if err != nil {
				t.Fatal(err)
			}
			sys := st.Sys().(*syscall.Stat_t)
			if e.Mtime != st.ModTime().UnixNano() || e.Ctime != sys.Ctim.Nano() || e.Ino != uint32(sys.Ino) || e.Size != uint32(st.Size()) {
				t.Errorf("version %d: %s: recorded %+v, the file has mtime %d ctime %d ino %d size %d", version, e.Path, e, st.ModTime().UnixNano(), sys.Ctim.Nano(), sys.Ino, st.Size())
			}
		}
		if want := []string{"records/2026/a.yaml", longName, "records/2026/b.yaml"}; !slices.Equal(paths, want) {
			t.Fatalf("version %d: entries %v, want %v", version, paths, want)
		}
	}
}

// What IndexEntries vouches for (an entry whose recorded stat data is the file's now) git
// itself finds unmodified, with the same blob id: after an edit, an edit that keeps the size
// and the time, a touch, a removal and a staged change.
func TestIndexEntriesAgreeWithGitsVerdict(t *testing.T) {
	g := indexRepo(t, 2)
	write(t, g, "records/2026/f.yaml", "f\n")
	write(t, g, "records/2026/g.yaml", "g\n")
	past := time.Now().Add(-time.Hour)
	for _, name := range []string{"records/2026/f.yaml", "records/2026/g.yaml"} {
		if err := os.Chtimes(filepath.Join(g.Dir, name), past, past); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := g.Run("add", "records/2026/f.yaml", "records/2026/g.yaml"); err != nil {
		t.Fatal(err)
	}
	vouched := func() map[string]string {
		entries, err := g.IndexEntries("records")
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, e := range entries {
			st, err := os.Lstat(filepath.Join(g.Dir, e.Path))
			if err != nil {
				continue
			}
			sys := st.Sys().(*syscall.Stat_t)
			if e.Mtime == st.ModTime().UnixNano() && e.Ctime == sys.Ctim.Nano() && e.Ino == uint32(sys.Ino) && e.Size == uint32(st.Size()) {
				got[e.Path] = hex.EncodeToString(e.Blob[:])
			}
		}
		return got
	}
	check := func(step string, want ...string) {
		t.Helper()
		got := vouched()
		fromGit, err := g.Blobs("records")
		if err != nil {
			t.Fatal(err)
		}
		for p, id := range got {
			if fromGit[p] != id {
				t.Errorf("%s: %s vouched for as %s, git says %q", step, p, id, fromGit[p])
			}
		}
		var paths []string
		for p := range got {
			paths = append(paths, p)
		}
		slices.Sort(paths)
		if !slices.Equal(paths, want) {
			t.Errorf("%s: vouched for %v, want %v", step, paths, want)
		}
	}
	check("as added", "records/2026/a.yaml", longName, "records/2026/b.yaml", "records/2026/f.yaml", "records/2026/g.yaml")
	a := filepath.Join(g.Dir, "records/2026/a.yaml")
	st, _ := os.Stat(a)
	write(t, g, "records/2026/a.yaml", strings.ToUpper("records/2026/a.yaml")+"\n") // same size
	if err := os.Chtimes(a, st.ModTime(), st.ModTime()); err != nil {               // and the same time
		t.Fatal(err)
	}
	write(t, g, "records/2026/b.yaml", "records/2026/b.yaml\n") // rewritten, the same content
	if err := os.Remove(filepath.Join(g.Dir, "records/2026/f.yaml")); err != nil {
		t.Fatal(err)
	}
	write(t, g, "records/2026/g.yaml", "g staged\n")
	if _, err := g.Run("add", "records/2026/g.yaml"); err != nil { // racily clean now: not vouched for
		t.Fatal(err)
	}
	check("after the edits", longName)
}

// An index IndexEntries does not read itself is ErrIndexNotRead, so that the caller asks git:
// one moved by the environment or the configuration, a split index, a linked work tree, a
// SHA-256 repository, a damaged file (a missing one is an empty index).
func TestIndexEntriesLeavesTheRestToGit(t *testing.T) {
	notRead := func(name string, g Git) {
		t.Helper()
		if entries, err := g.IndexEntries("records"); !errors.Is(err, ErrIndexNotRead) {
			t.Errorf("%s: %d entries, %v; want ErrIndexNotRead", name, len(entries), err)
		}
	}
	g := indexRepo(t, 2)
	if _, err := g.IndexEntries("records"); err != nil {
		t.Fatal(err)
	}
	for _, kv := range []string{"GIT_DIR=.git", "GIT_INDEX_FILE=other", "GIT_WORK_TREE=.", "GIT_COMMON_DIR=.git", "GIT_CONFIG_PARAMETERS='core.worktree'='/elsewhere'"} {
		moved := g
		moved.Env = append(slices.Clip(g.Env), kv)
		notRead(kv, moved)
	}
	for _, key := range []string{"core.worktree", "include.path", "includeIf.gitdir:/x/.path"} {
		included := g
		if _, err := included.Run("config", key, "/elsewhere"); err != nil {
			t.Fatal(err)
		}
		notRead(key+" in the repository's configuration", included)
		if _, err := included.Run("config", "--unset", key); err != nil {
			t.Fatal(err)
		}
	}
	moved := g
	moved.Env = append(slices.Clip(g.Env), "GIT_CONFIG_COUNT=1", "GIT_CONFIG_KEY_0=core.worktree", "GIT_CONFIG_VALUE_0=/elsewhere")
	notRead("core.worktree from GIT_CONFIG_KEY_0", moved)
	harmless := g
	harmless.Env = append(slices.Clip(g.Env), "GIT_CONFIG_COUNT=1", "GIT_CONFIG_KEY_0=maintenance.auto", "GIT_CONFIG_VALUE_0=false")
	if _, err := harmless.IndexEntries("records"); err != nil {
		t.Errorf("maintenance.auto from the environment: %v", err)
	}

	linked := filepath.Join(t.TempDir(), "linked")
	if _, err := g.Run("rm", "-q", "--cached", "records/2026/conflict.yaml", "records/2026/sub"); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Run("commit", "-q", "-m", "cases"); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Run("worktree", "add", "-q", linked); err != nil {
		t.Fatal(err)
	}
	notRead("a linked work tree", g.In(linked))

	split := indexRepo(t, 2)
	if _, err := split.Run("update-index", "--split-index"); err != nil {
		t.Fatal(err)
	}
	notRead("a split index", split)

	if entries, err := testGit(t).IndexEntries("records"); err != nil || len(entries) != 0 {
		t.Errorf("no index yet (nothing ever added): %d entries, %v; want none and no error", len(entries), err)
	}
	notRead("no repository", g.In(t.TempDir()))
	sha256 := g.In(t.TempDir())
	if _, err := sha256.Run("init", "-q", "--object-format=sha256"); err == nil {
		write(t, sha256, "records/2026/a.yaml", "a\n")
		if _, err := sha256.Run("add", "-A"); err != nil {
			t.Fatal(err)
		}
		notRead("a sha256 repository", sha256)
	}

	index := filepath.Join(g.Dir, ".git/index")
	data, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	for name, damaged := range map[string][]byte{
		"a changed byte":         append(append(slices.Clip(data[:40]), data[40]^1), data[41:]...),
		"cut short":              data[:len(data)/2],
		"empty":                  {},
		"another signature":      append([]byte("DIRD"), data[4:]...),
		"an unknown version (5)": withChecksum(append(append(slices.Clip(data[:4]), 0, 0, 0, 5), data[8:len(data)-sha1.Size]...)),
		"a required extension":   withChecksum(append(slices.Clip(data[:len(data)-sha1.Size]), 's', 'd', 'i', 'r', 0, 0, 0, 0)),
		"more entries than held": withChecksum(append(append(slices.Clip(data[:8]), 0, 0, 1, 0), data[12:len(data)-sha1.Size]...)),
	} {
		if err := os.WriteFile(index, damaged, 0o644); err != nil {
			t.Fatal(err)
		}
		notRead(name, g)
	}
}

// withChecksum is an index body with its trailing SHA-1.
func withChecksum(body []byte) []byte {
	sum := sha1.Sum(body)
	return append(slices.Clip(body), sum[:]...)
}

// parseIndex never panics on any body (given its checksum, so that the entries are reached),
// keeps only entries under the prefix, and gives the same answer twice.
func FuzzParseIndex(f *testing.F) {
	for _, version := range []int{2, 3, 4} {
		g := indexRepo(f, version)
		data, err := os.ReadFile(filepath.Join(g.Dir, ".git/index"))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data[:len(data)-sha1.Size])
	}
	written := time.Now()
	f.Fuzz(func(t *testing.T, body []byte) {
		entries, err := parseIndex(withChecksum(body), written, "records/")
		if err != nil && !errors.Is(err, ErrIndexNotRead) {
			t.Fatalf("an error that is not ErrIndexNotRead: %v", err)
		}
		for _, e := range entries {
			if !strings.HasPrefix(e.Path, "records/") {
				t.Fatalf("entry %q outside records/", e.Path)
			}
		}
		again, err2 := parseIndex(withChecksum(body), written, "records/")
		if (err == nil) != (err2 == nil) || len(again) != len(entries) {
			t.Fatal("two reads of the same index differ")
		}
	})
}

// IsRepo asks git only where a repository may be: a directory with no .git in it or above it
// is not in a work tree unless the environment moves the repository (GIT_DIR...).
func TestIsRepoAsksGitOnlyWhereARepositoryMayBe(t *testing.T) {
	if _, err := os.Stat("/.git"); err == nil {
		t.Skip("a repository at /")
	}
	real, err := exec.LookPath("git")
	if err != nil {
		t.Skip("no git")
	}
	g := testGit(t)
	bin := t.TempDir()
	asked := filepath.Join(bin, "asked")
	spy := "#!/bin/sh\necho \"$@\" >> " + asked + "\nexec " + real + " \"$@\"\n"
	if err := os.WriteFile(filepath.Join(bin, "git"), []byte(spy), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH")) // exec finds git on this process's PATH
	calls := func() int {
		data, _ := os.ReadFile(asked)
		return strings.Count(string(data), "\n")
	}
	outside := t.TempDir()
	if g.In(outside).IsRepo() || calls() != 0 {
		t.Fatalf("a directory with no .git above it: a repository, or git asked (%d)", calls())
	}
	sub := filepath.Join(g.Dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if !g.IsRepo() || !g.In(sub).IsRepo() || calls() != 2 {
		t.Fatalf("a repository and a directory in it: not repositories, or git not asked (%d)", calls())
	}
	moved := g.In(outside)
	moved.Env = append(moved.Env, "GIT_DIR="+filepath.Join(g.Dir, ".git"), "GIT_WORK_TREE="+outside)
	if !moved.IsRepo() || calls() != 3 {
		t.Fatalf("GIT_DIR and GIT_WORK_TREE name a repository: not one, or git not asked (%d)", calls())
	}
}
