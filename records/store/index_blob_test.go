package store

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
)

// copyTree copies every file under src to dst (new inodes and times, as a clone or a restored
// cache gives), keeping the contents.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func readStats(t *testing.T, s *Store) ReadStats {
	t.Helper()
	if _, problems, err := s.Summaries(true); err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	return s.LastRead
}

// A copy of the repository with its .dossier/ (every file with a new identity) parses no
// file: each is hashed and found in the index by content; the index is then rewritten with
// the new identities, so the next run reads no file at all. A file edited afterwards is the
// only one parsed.
func TestIndexSurvivesACopy(t *testing.T) {
	t.Parallel()
	s, dir, ids := demoStore(t, 6)
	want := summaryView(t, s, true)
	if st := s.LastRead; st.Parsed != 6 || st.Indexed != 0 {
		t.Fatalf("first run: %+v", st)
	}
	copyDir := t.TempDir()
	copyTree(t, dir, copyDir)
	c := newTestStore(t, copyDir)
	if got := summaryView(t, c, true); got != want {
		t.Fatalf("the copy reads\n%s\nwant\n%s", got, want)
	}
	if st := c.LastRead; st != (ReadStats{Files: 6, Indexed: 6, SameBlob: 6, Hashed: 6}) {
		t.Fatalf("copy: %+v, want every file found by content, none parsed", st)
	}
	if st := readStats(t, c); st != (ReadStats{Files: 6, Indexed: 6, Unchanged: 6}) {
		t.Fatalf("second run on the copy: %+v, want every file unchanged", st)
	}
	path := filepath.Join(copyDir, records.RecordPath(ids[2]))
	data, _ := os.ReadFile(path)
	os.WriteFile(path, []byte(strings.Replace(string(data), "language: en", "language: fr", 1)), 0o644)
	if st := readStats(t, c); st != (ReadStats{Files: 6, Indexed: 6, Unchanged: 5, Hashed: 1, Parsed: 1}) {
		t.Fatalf("after one edit: %+v, want that file alone parsed", st)
	}
	cases, _, _ := c.Summaries(true)
	for _, sum := range cases {
		if sum.ID == ids[2] && sum.Language != "fr" {
			t.Fatal("the edited file's summary is the old one")
		}
	}
}

// manyCases is a store with more files than gitBlobsAt, so that Summaries asks GitBlobs: one
// case created through the store, copied under other ids (cheaper than creating each).
func manyCases(t *testing.T) (*Store, string, []string) {
	t.Helper()
	s, dir, first := demoStore(t, 1)
	data, err := os.ReadFile(filepath.Join(dir, records.RecordPath(first[0])))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i := range gitBlobsAt + 4 {
		id := fmt.Sprintf("2026-%04d", i+1)
		ids = append(ids, id)
		writeFile(t, filepath.Join(dir, records.RecordPath(id)), strings.Replace(string(data), first[0], id, 1))
	}
	os.Remove(filepath.Join(dir, records.RecordPath(first[0])))
	return s, dir, ids
}

// With many changed identities the blob ids come from git (here a stand-in for its index):
// no file is read when git vouches for it; a file git does not list (modified, untracked) is
// hashed; a file for which git names another blob than the index holds is parsed; and when
// git fails every file is hashed.
func TestIndexTakesBlobIDsFromGit(t *testing.T) {
	t.Parallel()
	s, dir, ids := manyCases(t)
	want := summaryView(t, s, true)
	n := len(ids)
	blobs := map[string]string{}
	for _, id := range ids {
		p := records.RecordPath(id)
		data, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		b := hashBlob(data)
		blobs[p] = hex.EncodeToString(b[:])
	}
	delete(blobs, records.RecordPath(ids[0]))                                    // modified in the work tree: not listed
	blobs[records.RecordPath(ids[1])] = strings.Repeat("0", 40)                  // staged another content
	blobs[records.RecordPath(ids[2])] = strings.Repeat("f", 64)                  // not a SHA-1 id: ignored
	blobs["records/2026/2026-ZZZZZ.yaml"] = hex.EncodeToString(make([]byte, 20)) // not on disk
	calls := 0
	for round, hook := range []func() (map[string]string, error){
		func() (map[string]string, error) { calls++; return blobs, nil },
		func() (map[string]string, error) { calls++; return nil, errors.New("not a git repository") },
	} {
		copyDir := t.TempDir()
		copyTree(t, dir, copyDir)
		c := newTestStore(t, copyDir)
		c.GitBlobs = hook
		if got := summaryView(t, c, true); got != want {
			t.Fatalf("round %d: the copy reads\n%s\nwant\n%s", round, got, want)
		}
		wantStats := ReadStats{Files: n, Indexed: n, SameBlob: n - 1, Hashed: 2, Parsed: 1, FromGit: n - 2}
		if round == 1 {
			wantStats = ReadStats{Files: n, Indexed: n, SameBlob: n, Hashed: n}
		}
		if st := c.LastRead; st != wantStats {
			t.Fatalf("round %d: %+v, want %+v", round, st, wantStats)
		}
		if st := readStats(t, c); st.Unchanged != n || calls != round+1 {
			t.Fatalf("round %d: next run %+v, %d calls of GitBlobs: want all unchanged and no call", round, st, calls)
		}
		// the same through the streaming read (staleEach), which asks git while it reads
		// the index
		copyDir = t.TempDir()
		copyTree(t, dir, copyDir)
		k := newTestStore(t, copyDir)
		k.GitBlobs = hook
		before := calls
		cases, problems, err := k.SummariesKept(true, func(*records.Case) bool { return true })
		if err != nil {
			t.Fatal(err)
		}
		if got := viewOf(cases, problems); got != want {
			t.Fatalf("round %d, streaming: the copy reads\n%s\nwant\n%s", round, got, want)
		}
		if st := k.LastRead; st != wantStats || calls != before+1 {
			t.Fatalf("round %d, streaming: %+v, %d calls of GitBlobs; want %+v and one call", round, st, calls-before, wantStats)
		}
		calls = before
	}
}

// A few changed files are hashed without asking git (one pass of git over a large tree costs
// more than reading them).
func TestIndexAsksGitOnlyForManyChanges(t *testing.T) {
	t.Parallel()
	s, dir, ids := demoStore(t, 3)
	summaryView(t, s, true)
	s.GitBlobs = func() (map[string]string, error) { t.Fatal("GitBlobs asked for 1 changed file"); return nil, nil }
	path := filepath.Join(dir, records.RecordPath(ids[0]))
	data, _ := os.ReadFile(path)
	os.Remove(path)
	os.WriteFile(path, data, 0o644)
	if st := readStats(t, s); st != (ReadStats{Files: 3, Indexed: 3, Unchanged: 2, SameBlob: 1, Hashed: 1}) {
		t.Fatalf("%+v", st)
	}
}

// Without the index (--no-cache) nothing is hashed and git is not asked.
func TestNoCacheHashesNothing(t *testing.T) {
	t.Parallel()
	s, _, _ := manyCases(t)
	s.GitBlobs = func() (map[string]string, error) { t.Fatal("GitBlobs asked with --no-cache"); return nil, nil }
	if _, _, err := s.Summaries(false); err != nil {
		t.Fatal(err)
	}
	if st := s.LastRead; st.Hashed != 0 || st.Parsed != st.Files || st.Indexed != 0 {
		t.Fatalf("%+v", st)
	}
}

// The blob id computed in process is git's (`git hash-object` of the same bytes).
func TestHashBlobIsGits(t *testing.T) {
	t.Parallel()
	for data, want := range map[string]string{
		"":              "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391",
		"hello world\n": "3b18e512dba79e4c8300dd08aeb37f8e728b8dad",
	} {
		got := hashBlob([]byte(data))
		if hex.EncodeToString(got[:]) != want {
			t.Errorf("hashBlob(%q) = %x, want %s", data, got, want)
		}
		if id, ok := parseBlobID(want); !ok || id != got {
			t.Errorf("parseBlobID(%s) = %x, %v", want, id, ok)
		}
	}
	for _, bad := range []string{"", "xyz", strings.Repeat("g", 40), strings.Repeat("a", 64)} {
		if _, ok := parseBlobID(bad); ok {
			t.Errorf("parseBlobID(%q) accepted", bad)
		}
	}
}

// An index that cannot be trusted only costs time: corrupt, truncated, of an older format,
// hostile (lengths and counts past its end) or another repository's (the same paths with other
// contents) gives the same summaries as no index, parsing the files, and is rebuilt.
func TestUntrustedIndexCostsOnlyTime(t *testing.T) {
	t.Parallel()
	s, dir, ids := demoStore(t, 5)
	want := summaryView(t, s, true)
	idx := filepath.Join(dir, indexFile)
	full, err := os.ReadFile(idx)
	if err != nil {
		t.Fatal(err)
	}
	// another repository with the same paths, every file with another content
	other := t.TempDir()
	copyTree(t, dir, other)
	for _, id := range ids {
		p := filepath.Join(other, records.RecordPath(id))
		data, _ := os.ReadFile(p)
		os.WriteFile(p, []byte(strings.Replace(string(data), "language: en", "language: fr", 1)), 0o644)
	}
	summaryView(t, newTestStore(t, other), true)
	foreign, err := os.ReadFile(filepath.Join(other, indexFile))
	if err != nil {
		t.Fatal(err)
	}
	header := full[:len(full)-len(afterFields(t, full))]
	huge := binary.AppendUvarint(nil, 1<<62)
	for name, bad := range map[string][]byte{
		"truncated":        full[:len(full)-7],
		"cut in the table": full[:len(header)+3],
		"empty":            {},
		"garbage":          []byte("\x00\xff not an index at all"),
		"v7":               append([]byte("dossier-index-v7\n"), full[len(indexMagic):]...),
		"huge table":       append(bytes.Clone(header), huge...),
		"huge count":       append(append(bytes.Clone(header), 0), huge...),
		"entry past end":   append(append(bytes.Clone(header), 0, 1), huge...),
		"bad string index": append(bytes.Clone(header), 0, 1, 2, 0x7f, 0),
		"other fields":     append([]byte(indexMagic+"\x05other"), full[len(header):]...),
		"foreign":          foreign,
	} {
		c := t.TempDir()
		copyTree(t, dir, c)
		os.WriteFile(filepath.Join(c, indexFile), bad, 0o644)
		cs := newTestStore(t, c)
		if got := summaryView(t, cs, true); got != want {
			t.Errorf("%s index: got\n%s\nwant\n%s", name, got, want)
		}
		if st := cs.LastRead; st.Parsed != len(ids) {
			t.Errorf("%s index: %+v, want every file parsed", name, st)
		}
		if st := readStats(t, cs); st.Unchanged != len(ids) {
			t.Errorf("%s index was not rebuilt: %+v", name, st)
		}
	}
}

// afterFields is what follows an index's magic line and field list: its string table onwards.
func afterFields(t *testing.T, index []byte) []byte {
	t.Helper()
	data := index[len(indexMagic):]
	l, k := binary.Uvarint(data)
	if k <= 0 {
		t.Fatal("bad index header")
	}
	return data[k+int(l):]
}

// check reads every file, never the index: a forged index entry that vouches for a broken
// file (its identity and blob id, with the summary of the file before it broke) fools
// Summaries — it is trusted like a build cache — but not CheckFiles.
func TestCheckDoesNotReadTheIndex(t *testing.T) {
	t.Parallel()
	s, dir, ids := demoStore(t, 2)
	summaryView(t, s, true)
	entries := s.readIndex()
	p := records.RecordPath(ids[0])
	broken := []byte("id: [\n")
	os.WriteFile(filepath.Join(dir, p), broken, 0o644)
	found, _, err := s.scan(true)
	if err != nil {
		t.Fatal(err)
	}
	for i := range entries {
		if entries[i].path == p {
			entries[i].blob = hashBlob(broken)
			for _, f := range found {
				if f.path == p {
					entries[i].id = f.id
				}
			}
		}
	}
	s.writeIndex(entries)
	if got := summaryView(t, s, true); strings.Contains(got, "ERR") {
		t.Fatalf("the forged index was not used (the test forges nothing):\n%s", got)
	}
	checked, _, err := s.CheckFiles()
	if err != nil {
		t.Fatal(err)
	}
	for _, fc := range checked {
		if fc.Path == p && fc.Errors() == 0 {
			t.Fatalf("check took %s from the index: no problem reported", p)
		}
	}
}

// A fresh clone's first read (every identity changed, no content) writes the index by
// rewriting the identities into the old one's bytes: the very bytes writing it from the
// summaries gives, and the next read is warm.
func TestRewrittenIdentitiesAreTheIndexWritten(t *testing.T) {
	t.Parallel()
	s, dir, ids := manyCases(t)
	summaryView(t, s, true) // the index of the files as they are
	data, err := os.ReadFile(filepath.Join(dir, indexFile))
	if err != nil {
		t.Fatal(err)
	}
	written := map[bool][]byte{}
	var views []string
	for _, off := range []bool{false, true} {
		copyDir := t.TempDir()
		copyTree(t, dir, copyDir) // new identities, the same contents and index
		c := newTestStore(t, copyDir)
		c.noRewrite = off
		cases, problems, err := c.SummariesKept(true, func(*records.Case) bool { return true })
		if err != nil {
			t.Fatal(err)
		}
		views = append(views, viewOf(cases, problems))
		if st := c.LastRead; st.SameBlob != len(ids) || st.Parsed != 0 {
			t.Fatalf("rewrite off %v: %+v, want every file the same content", off, st)
		}
		if st := readStats(t, c); st.Unchanged != len(ids) {
			t.Fatalf("rewrite off %v: the next read %+v, want all unchanged", off, st)
		}
		// the same bytes but for the identities and the directories: write the other way
		// over this copy's files and compare
		if written[off], err = os.ReadFile(filepath.Join(copyDir, indexFile)); err != nil {
			t.Fatal(err)
		}
		if !off {
			if err := os.WriteFile(filepath.Join(copyDir, indexFile), data, 0o644); err != nil {
				t.Fatal(err)
			}
			c2 := newTestStore(t, copyDir)
			c2.noRewrite = true
			if _, _, err := c2.SummariesKept(true, func(*records.Case) bool { return true }); err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join(copyDir, indexFile))
			if err != nil {
				t.Fatal(err)
			}
			if string(written[off]) != string(want) {
				t.Fatalf("the rewritten index (%d bytes) differs from the one written from the summaries (%d bytes)", len(written[off]), len(want))
			}
		}
	}
	if views[0] != views[1] {
		t.Fatalf("the summaries differ:\n%s\n%s", views[0], views[1])
	}
}

// gitStats is what git's index would record of the files of dir: each file's stat data and
// blob id, in path order.
func gitStats(t *testing.T, dir string, ids []string) []GitStat {
	t.Helper()
	var stats []GitStat
	for _, id := range ids {
		p := records.RecordPath(id)
		data, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		info, err := os.Lstat(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		fid := identity(info)
		stats = append(stats, GitStat{Path: p, Blob: hashBlob(data), Mtime: fid.mtime, Ctime: fid.ctime, Ino: uint32(fid.ino), Size: uint32(fid.size)})
	}
	slices.SortFunc(stats, func(a, b GitStat) int { return strings.Compare(a.Path, b.Path) })
	return stats
}

// With git's index read directly (GitIndex), a file is taken as the blob git recorded only
// when the stat data git recorded is the file's own: one whose time differs is hashed, one
// git does not hold is hashed, one git recorded with another content than the cache's is
// parsed. When the index cannot be read directly (an error, or entries out of order), git
// is asked instead (GitBlobs).
func TestIndexComparesGitsRecordedStat(t *testing.T) {
	t.Parallel()
	s, dir, ids := manyCases(t)
	want := summaryView(t, s, true)
	n := len(ids)
	for _, streaming := range []bool{false, true} {
		copyDir := t.TempDir()
		copyTree(t, dir, copyDir)
		stats := gitStats(t, copyDir, ids)
		stats[0].Mtime++                   // the file changed since git looked at it
		stats[1].Blob = blobID{1}          // git recorded another content
		stats = slices.Delete(stats, 2, 3) // not in git's index
		c := newTestStore(t, copyDir)
		c.GitIndex = func() ([]GitStat, error) { return stats, nil }
		c.GitBlobs = func() (map[string]string, error) { t.Fatal("GitBlobs asked though GitIndex answered"); return nil, nil }
		var got string
		if streaming {
			cases, problems, err := c.SummariesKept(true, func(*records.Case) bool { return true })
			if err != nil {
				t.Fatal(err)
			}
			got = viewOf(cases, problems)
		} else {
			got = summaryView(t, c, true)
		}
		if got != want {
			t.Fatalf("streaming %v: the copy reads\n%s\nwant\n%s", streaming, got, want)
		}
		if st, wantStats := c.LastRead, (ReadStats{Files: n, Indexed: n, SameBlob: n - 1, Hashed: 2, Parsed: 1, FromGit: n - 2}); st != wantStats {
			t.Fatalf("streaming %v: %+v, want %+v", streaming, st, wantStats)
		}
	}
	for name, answer := range map[string]func(stats []GitStat) ([]GitStat, error){
		"an error":         func([]GitStat) ([]GitStat, error) { return nil, errors.New("a split index") },
		"entries unsorted": func(stats []GitStat) ([]GitStat, error) { slices.Reverse(stats); return stats, nil },
	} {
		copyDir := t.TempDir()
		copyTree(t, dir, copyDir)
		stats := gitStats(t, copyDir, ids)
		c := newTestStore(t, copyDir)
		c.GitIndex = func() ([]GitStat, error) { return answer(stats) }
		asked := false
		c.GitBlobs = func() (map[string]string, error) { asked = true; return nil, errors.New("no git") }
		if got := summaryView(t, c, true); got != want {
			t.Fatalf("%s: the copy reads\n%s\nwant\n%s", name, got, want)
		}
		if st := c.LastRead; !asked || st.FromGit != 0 || st.Hashed != n {
			t.Fatalf("%s: GitBlobs asked %v, %+v; want asked and every file hashed", name, asked, st)
		}
	}
}
