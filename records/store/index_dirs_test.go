package store

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/records"
)

// trustingStore is a demo store whose clock runs an hour ahead, so that every directory is
// older than its listing by more than racyWindow: the index written stands for them.
func trustingStore(t *testing.T, n int) (*Store, string, []string) {
	t.Helper()
	s, dir, ids := demoStore(t, n)
	s.clock = func() time.Time { return time.Now().Add(time.Hour) }
	return s, dir, ids
}

// settle waits until the filesystem's clock has moved past the change time of dir, so that a
// change the test makes next gives dir another change time (what racyWindow waits for in a
// real run). It polls a scratch file's change time: no sleep, no timing assertion.
func settle(t *testing.T, dir string) {
	t.Helper()
	was := changeTime(t, dir)
	probe := filepath.Join(t.TempDir(), "probe")
	for i := 0; ; i++ {
		if err := os.WriteFile(probe, []byte{byte(i)}, 0o644); err != nil {
			t.Fatal(err)
		}
		if changeTime(t, probe) > was {
			return
		}
	}
}

func changeTime(t *testing.T, name string) int64 {
	t.Helper()
	info, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		t.Skip("no change time on this system")
	}
	return st.Ctim.Sec*int64(time.Second) + st.Ctim.Nsec
}

// everyView is what Summaries, SummariesKept and EachSummary give, which must agree; trusted
// names the year directories the first of them did not list (it may rewrite the index).
func everyView(t *testing.T, s *Store) (view string, trusted []string) {
	t.Helper()
	want := summaryView(t, s, true)
	for _, d := range s.dirs {
		if d.trusted {
			trusted = append(trusted, d.name)
		}
	}
	kept, problems, err := s.SummariesKept(true, func(*records.Case) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	if got := viewOf(kept, problems); got != want {
		t.Fatalf("SummariesKept:\n%s\nSummaries:\n%s", got, want)
	}
	var visited []*records.Case
	var cp summaryCopier
	problems, err = EachSummary(s, true, Visitor[bool]{
		Prepare: func(*records.Case) bool { return true },
		Consume: func(c *records.Case, _ bool) { visited = append(visited, cp.copy(c)) },
		Restart: func() { visited = nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := viewOf(visited, problems); got != want {
		t.Fatalf("EachSummary:\n%s\nSummaries:\n%s", got, want)
	}
	return want, trusted
}

// viewOf is "id status type location" for every summary and a line for every problem: what a
// command would see.
func viewOf(cases []*records.Case, problems []error) string {
	var b strings.Builder
	for _, p := range problems {
		b.WriteString("ERR " + p.Error() + "\n")
	}
	for _, c := range cases {
		b.WriteString(c.ID + " " + c.Status + " " + c.Type + " " + c.Location() + "\n")
	}
	return b.String()
}

// truth is what a read without the index sees.
func truth(t *testing.T, s *Store) string {
	t.Helper()
	return summaryView(t, s, false)
}

func TestSettledDirectoryIsNotListed(t *testing.T) {
	t.Parallel()
	s, dir, _ := trustingStore(t, 6)
	settle(t, filepath.Join(dir, "records/2026"))
	cold, trusted := everyView(t, s) // lists, writes the index
	if len(trusted) != 0 {
		t.Fatalf("trusted %v with no index", trusted)
	}
	for range 2 {
		warm, trusted := everyView(t, s)
		read := s.LastRead
		if warm != cold || warm != truth(t, s) {
			t.Fatalf("warm:\n%s\ncold:\n%s", warm, cold)
		}
		if !reflect.DeepEqual(trusted, []string{"2026"}) {
			t.Fatalf("trusted %v, want [2026]", trusted)
		}
		if read.Unchanged != 6 || read.Parsed != 0 {
			t.Fatalf("read %+v, want every file from the index", read)
		}
	}
}

func TestTrustedDirectorySeesFilesAddedRemovedRenamed(t *testing.T) {
	t.Parallel()
	for name, change := range map[string]func(t *testing.T, s *Store, dir string, ids []string){
		"added": func(t *testing.T, s *Store, _ string, _ []string) { createCase(t, s) },
		"removed": func(t *testing.T, _ *Store, dir string, ids []string) {
			os.Remove(filepath.Join(dir, records.RecordPath(ids[1])))
		},
		"renamed": func(t *testing.T, _ *Store, dir string, ids []string) {
			from := filepath.Join(dir, records.RecordPath(ids[2]))
			if err := os.Rename(from, filepath.Join(dir, "records/2026/2026-ZZZZZ.yaml")); err != nil {
				t.Fatal(err)
			}
		},
		"renamed away": func(t *testing.T, _ *Store, dir string, ids []string) {
			from := filepath.Join(dir, records.RecordPath(ids[2]))
			if err := os.Rename(from, filepath.Join(dir, "records/2026/notes.txt")); err != nil {
				t.Fatal(err)
			}
		},
		"broken file added": func(t *testing.T, _ *Store, dir string, _ []string) {
			writeFile(t, filepath.Join(dir, "records/2026/2026-YYYYY.yaml"), "id: [\n")
		},
	} {
		t.Run(name, func(t *testing.T) {
			s, dir, ids := trustingStore(t, 5)
			year := filepath.Join(dir, "records/2026")
			settle(t, year)
			everyView(t, s)
			if _, trusted := everyView(t, s); len(trusted) != 1 {
				t.Fatalf("trusted %v before the change", trusted)
			}
			settle(t, year)
			change(t, s, dir, ids)
			got, trusted := everyView(t, s)
			if want := truth(t, s); got != want {
				t.Fatalf("after the change:\n%s\nwant\n%s", got, want)
			}
			if len(trusted) != 0 {
				t.Fatalf("trusted %v after a change to it", trusted)
			}
		})
	}
}

func TestTrustedDirectorySeesAnEditInPlace(t *testing.T) {
	t.Parallel()
	s, dir, ids := trustingStore(t, 4)
	settle(t, filepath.Join(dir, "records/2026"))
	everyView(t, s)
	path := filepath.Join(dir, records.RecordPath(ids[0]))
	data, _ := os.ReadFile(path)
	info, _ := os.Stat(path)
	edited := bytes.Replace(data, []byte("language: en"), []byte("language: fr"), 1)
	if len(edited) != len(data) || bytes.Equal(edited, data) {
		t.Fatal("the test's edit must keep the size")
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0) // in place: the directory does not change
	if err != nil {
		t.Fatal(err)
	}
	f.Write(edited)
	f.Close()
	os.Chtimes(path, info.ModTime(), info.ModTime())
	got, trusted := everyView(t, s)
	if len(trusted) != 1 {
		t.Fatalf("trusted %v: an edit in place changes no directory", trusted)
	}
	if want := truth(t, s); got != want {
		t.Fatalf("after the edit:\n%s\nwant\n%s", got, want)
	}
	cases, _, _ := s.Summaries(true)
	for _, c := range cases {
		if c.ID == ids[0] && c.Language != "fr" {
			t.Fatal("an edit in place in a trusted directory was not seen")
		}
	}
}

func TestDirectoryChangedNearItsListingIsListedAgain(t *testing.T) {
	t.Parallel()
	for name, read := range map[string]func(t *testing.T, s *Store) string{
		"Summaries": func(t *testing.T, s *Store) string { return summaryView(t, s, true) },
		"EachSummary": func(t *testing.T, s *Store) string {
			var cp summaryCopier
			var seen []*records.Case
			problems, err := EachSummary(s, true, Visitor[bool]{
				Prepare: func(*records.Case) bool { return true },
				Consume: func(c *records.Case, _ bool) { seen = append(seen, cp.copy(c)) },
				Restart: func() { seen = nil },
			})
			if err != nil {
				t.Fatal(err)
			}
			return viewOf(seen, problems)
		},
	} {
		t.Run(name, func(t *testing.T) { listedNearItsChange(t, read) })
	}
	d := dirState{ctime: 10 * int64(time.Second)}
	for listed, want := range map[time.Duration]bool{10 * time.Second: false, 12 * time.Second: false, 12*time.Second + 1: true} {
		d.listed = int64(listed)
		if d.settled() != want {
			t.Errorf("changed at 10 s, listed at %v: settled %v, want %v", listed, !want, want)
		}
	}
}

// listedNearItsChange lists a directory one second after its last change, then reads with a
// clock an hour ahead.
func listedNearItsChange(t *testing.T, read func(t *testing.T, s *Store) string) {
	s, dir, _ := demoStore(t, 3)
	year := filepath.Join(dir, "records/2026")
	// listed one second after its last change: within racyWindow, a change in the same
	// instant could have left its times as they were
	s.clock = func() time.Time { return time.Unix(0, changeTime(t, year)).Add(time.Second) }
	want, _ := everyView(t, s)
	idx := filepath.Join(dir, indexFile)
	racy, err := os.ReadFile(idx)
	if err != nil {
		t.Fatal(err)
	}
	s.clock = func() time.Time { return time.Now().Add(time.Hour) }
	if got := read(t, s); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	if len(s.dirs) != 1 || s.dirs[0].trusted {
		t.Fatalf("directories %+v: the one listed within the racy window is to be listed again", s.dirs)
	}
	// listed again long after its change, with the same files as the index: the index now
	// records that listing, and nothing else of it changed
	settled, err := os.ReadFile(idx)
	if err != nil {
		t.Fatal(err)
	}
	_, _, racyRest := dirTable(t, s, racy)
	_, dirs, settledRest := dirTable(t, s, settled)
	if !bytes.Equal(racyRest, settledRest) || len(dirs) != 1 || !dirs[0].settled() {
		t.Fatalf("after the listing settled: directories %+v, rest of the index the same: %v", dirs, bytes.Equal(racyRest, settledRest))
	}
	if got, trusted := everyView(t, s); len(trusted) != 1 || got != want {
		t.Fatalf("trusted %v once settled, got\n%s\nwant\n%s", trusted, got, want)
	}
}

func TestOldFormatIndexIsReplaced(t *testing.T) {
	t.Parallel()
	s, dir, _ := trustingStore(t, 4)
	settle(t, filepath.Join(dir, "records/2026"))
	want := truth(t, s)
	everyView(t, s)
	v9, err := os.ReadFile(filepath.Join(dir, indexFile))
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, indexFile))
	// a v8 index: the v9 one without its directories
	before, _, after := dirTable(t, s, v9)
	v8 := append(append([]byte("dossier-index-v8\n"), before[len(indexMagic):]...), after...)
	old := filepath.Join(dir, CacheDir, "index-v8.bin")
	writeFile(t, old, string(v8))
	got, trusted := everyView(t, s)
	if got != want || len(trusted) != 0 {
		t.Fatalf("with a v8 index: trusted %v,\n%s\nwant\n%s", trusted, got, want)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Fatalf("the v8 index is still there (%v)", err)
	}
	if _, trusted := everyView(t, s); len(trusted) != 1 {
		t.Fatalf("trusted %v after the v9 index was written", trusted)
	}
}

func TestCorruptDirectoriesOfTheIndexCostOnlyTime(t *testing.T) {
	t.Parallel()
	s, dir, ids := trustingStore(t, 5)
	settle(t, filepath.Join(dir, "records/2026"))
	want := truth(t, s)
	everyView(t, s)
	idx := filepath.Join(dir, indexFile)
	full, err := os.ReadFile(idx)
	if err != nil {
		t.Fatal(err)
	}
	before, recorded, after := dirTable(t, s, full)
	if len(recorded) != 1 {
		t.Fatalf("directories %+v, want 2026", recorded)
	}
	head, dirs := len(before), len(full)-len(before)-len(after)
	withDirs := func(d []dirState) []byte {
		return append(append(bytes.Clone(before), appendDirStates(nil, d)...), after...)
	}
	rec := recorded[0]
	more, other, late := rec, rec, rec
	more.count++
	other.ino++
	late.listed = rec.ctime
	// a name of the index under a trusted directory that is not a file of it
	renamed := bytes.Replace(full, []byte(ids[0]), []byte("2026-ZZZZZ"), -1)
	for name, bad := range map[string][]byte{
		"truncated in the directories":  full[:head+dirs/2],
		"a huge count of directories":   append(append(bytes.Clone(full[:head]), 0xff, 0xff, 0xff, 0xff, 0x0f), full[head+1:]...),
		"a count that is not the files": withDirs([]dirState{more}),
		"another inode":                 withDirs([]dirState{other}),
		"listed as it changed":          withDirs([]dirState{late}),
		"twice":                         withDirs([]dirState{rec, more}),
		"a name that is no file":        renamed,
		"garbage":                       []byte("dossier-index-v9\n\xff\xff\xff"),
	} {
		t.Run(name, func(t *testing.T) {
			if err := os.WriteFile(idx, bad, 0o644); err != nil {
				t.Fatal(err)
			}
			if got, _ := everyView(t, s); got != want {
				t.Fatalf("got\n%s\nwant\n%s", got, want)
			}
			if got, _ := everyView(t, s); got != want {
				t.Fatalf("again: got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// dirTable cuts an index file into what precedes its directories, their encoding and the rest.
func dirTable(t *testing.T, s *Store, full []byte) (before []byte, dirs []dirState, after []byte) {
	t.Helper()
	fields := indexFields(s.Profile)
	head := len(indexMagic) + len(binary.AppendUvarint(nil, uint64(len(fields)))) + len(fields)
	rest := full[head:]
	src := &indexSource{r: bufio.NewReader(bytes.NewReader(rest)), left: int64(len(rest))}
	dirs = readDirStates(src)
	if src.err != nil {
		t.Fatal("no directories in the index")
	}
	n := len(rest) - int(src.left)
	return full[:head], dirs, rest[n:]
}
