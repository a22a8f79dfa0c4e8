package store

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
	"github.com/dossier-dev/dossier/records/internal/rectest"
)

// TestHelperProcess is not a test: the tests below start the test binary again in this
// function to have real separate processes write to one store.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv("DOSSIER_STORE_HELPER")
	if mode == "" {
		t.Skip("helper process only")
	}
	dir, id := os.Getenv("DOSSIER_STORE_DIR"), os.Getenv("DOSSIER_STORE_ID")
	st := newTestStore(t, dir)
	switch mode {
	case "notes": // append N notes, one Update each
		n, _ := strconv.Atoi(os.Getenv("DOSSIER_STORE_N"))
		for i := range n {
			text := fmt.Sprintf("%s note %d", os.Getenv("DOSSIER_STORE_WHO"), i)
			if _, err := st.Update(id, func(r *records.Record) error { return records.Note(&r.Case, st.Profile, rectest.Act(), text) }); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
	case "rewrite": // rewrite the record forever, until killed
		for i := 0; ; i++ {
			if _, err := st.Update(id, func(r *records.Record) error {
				r.Case.Summary = versionSummary(i)
				return nil
			}); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			if i == 0 {
				fmt.Println("writing") // the test kills from now on
			}
		}
	}
	os.Exit(0)
}

// versionSummary is a summary big enough that writing it takes a while (so kills land in the
// middle of writes), and that says which version it is.
func versionSummary(i int) string {
	return fmt.Sprintf("version %d ", i) + strings.Repeat(string(rune('a'+i%26)), 200_000)
}

func TestSummaryVersionIsTheExpression(t *testing.T) {
	t.Parallel()
	re := regexp.MustCompile(`^version (\d+) ([a-z])+$`)
	for _, s := range []string{versionSummary(0), versionSummary(27)[:20], "version 12 abc", "version 12 ab1", "version 12 ", "version  abc",
		"version 1x abc", "Version 1 a", "version 1 abc\n", "version 1 abc ", "version 007 z", "version 99999999999999999999 a", "", "version", "version 3 é"} {
		m := re.FindStringSubmatch(s)
		v, ok := summaryVersion(s)
		if ok != (m != nil) {
			t.Errorf("%q: summaryVersion %v, the expression %v", s, ok, m != nil)
			continue
		}
		if ok {
			if want, _ := strconv.Atoi(m[1]); v != want {
				t.Errorf("%q: version %d, want %d", s, v, want)
			}
		}
	}
}

// summaryVersion is the version a summary of versionSummary's form says it is, and false for
// any other summary (a torn one): the expression ^version (\d+) ([a-z])+$ without running an
// expression over 200 KB after each kill.
func summaryVersion(s string) (int, bool) {
	rest, ok := strings.CutPrefix(s, "version ")
	digits := len(rest) - len(strings.TrimLeft(rest, "0123456789"))
	if !ok || digits == 0 {
		return 0, false
	}
	letters, ok := strings.CutPrefix(rest[digits:], " ")
	if !ok || letters == "" || strings.Trim(letters, "abcdefghijklmnopqrstuvwxyz") != "" {
		return 0, false
	}
	v, _ := strconv.Atoi(rest[:digits])
	return v, true
}

func helper(t *testing.T, mode, dir, id string, env ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), "DOSSIER_STORE_HELPER="+mode, "DOSSIER_STORE_DIR="+dir, "DOSSIER_STORE_ID="+id)
	cmd.Env = append(cmd.Env, env...)
	cmd.Stderr = os.Stderr
	return cmd
}

// TestConcurrentUpdates: 50 goroutines each append a note to one case through the store's
// locked read-modify-write; none is lost.
func TestConcurrentUpdates(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	st := newTestStore(t, dir)
	id := createCase(t, st)
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for i := range 50 {
		wg.Go(func() {
			// A store per writer, as separate commands would have.
			s, err := OpenStore(dir, st.Profile, records.IDsRandom)
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			_, err = s.Update(id, func(r *records.Record) error {
				return records.Note(&r.Case, s.Profile, rectest.Act(), fmt.Sprintf("note %d", i))
			})
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	assertNotes(t, st, id, 50, func(i int) string { return fmt.Sprintf("note %d", i) })
}

// TestConcurrentUpdateProcesses: the same with 10 processes appending 5 notes each.
func TestConcurrentUpdateProcesses(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("starts processes")
	}
	dir := t.TempDir()
	st := newTestStore(t, dir)
	id := createCase(t, st)
	var cmds []*exec.Cmd
	for w := range 10 {
		cmd := helper(t, "notes", dir, id, "DOSSIER_STORE_N=5", fmt.Sprintf("DOSSIER_STORE_WHO=w%d", w))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatal(err)
		}
	}
	assertNotes(t, st, id, 50, func(i int) string { return fmt.Sprintf("w%d note %d", i/5, i%5) })
}

func assertNotes(t *testing.T, st *Store, id string, n int, text func(int) string) {
	t.Helper()
	rec, err := st.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(rec.Case.History); got != n+1 {
		t.Fatalf("%d history entries, want %d (create + %d notes)", got, n+1, n)
	}
	var details []string
	for _, e := range rec.Case.History[1:] {
		details = append(details, e.Detail)
	}
	for i := range n {
		if !slices.Contains(details, text(i)) {
			t.Errorf("lost %q", text(i))
		}
	}
	if ps := records.Validate(rec, st.Profile); records.HasErrors(ps) {
		t.Errorf("invalid after concurrent updates: %v", ps)
	}
}

// TestConcurrentCreates: 50 writers creating at once get 50 distinct ids and 50 valid files,
// with random ids and with sequential ones.
func TestConcurrentCreates(t *testing.T) {
	t.Parallel()
	for _, scheme := range []string{records.IDsRandom, records.IDsSequential} {
		t.Run(scheme, func(t *testing.T) {
			dir := t.TempDir()
			p := rectest.Profile(t)
			var mu sync.Mutex
			ids := map[string]bool{}
			var wg sync.WaitGroup
			for range 50 {
				wg.Go(func() {
					s, err := OpenStore(dir, p, scheme)
					if err != nil {
						t.Error(err)
						return
					}
					defer s.Close()
					id := createCase(t, s)
					mu.Lock()
					ids[id] = true
					mu.Unlock()
				})
			}
			wg.Wait()
			if len(ids) != 50 {
				t.Fatalf("%d distinct ids from 50 creates", len(ids))
			}
			st := newTestStore(t, dir)
			loaded, stray, err := st.LoadAll()
			if err != nil || len(stray) > 0 || len(loaded) != 50 {
				t.Fatalf("LoadAll: %d files, stray %v, %v", len(loaded), stray, err)
			}
			for _, l := range loaded {
				if l.Err != nil {
					t.Fatal(l.Err)
				}
				if ps := records.Validate(l.Record, p); records.HasErrors(ps) {
					t.Errorf("%s: %v", l.Path, ps)
				}
			}
			if scheme == records.IDsSequential {
				for i := 1; i <= 50; i++ {
					if !ids[records.SequentialID(2026, i)] {
						t.Errorf("sequential ids: %s missing", records.SequentialID(2026, i))
					}
				}
			}
		})
	}
}

// TestKilledWriter: a process rewriting a record is killed (SIGKILL) 30 times at random
// moments (15 times in each of two repositories, side by side); the file is always one
// complete version, never torn or empty, and the temp files a kill leaves are ignored by
// readers and swept by the next write.
func TestKilledWriter(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	t.Parallel()
	for _, name := range []string{"first", "second"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			killWriter(t, 15)
		})
	}
}

// killWriter kills a process rewriting a record kills times (TestKilledWriter).
func killWriter(t *testing.T, kills int) {
	dir := t.TempDir()
	st := newTestStore(t, dir)
	id := createCase(t, st)
	file := filepath.Join(dir, filepath.FromSlash(records.RecordPath(id)))
	versions := map[int]bool{}
	for kill := range kills {
		cmd := helper(t, "rewrite", dir, id)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if _, err := bufio.NewReader(out).ReadString('\n'); err != nil {
			t.Fatalf("helper did not start writing: %v", err)
		}
		time.Sleep(time.Duration(rand.IntN(30_000)) * time.Microsecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		err = cmd.Wait()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
			t.Fatalf("kill %d: helper ended with %v, not by SIGKILL", kill, err)
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("kill %d: %v", kill, err)
		}
		// ParseReadOnly: Parse's verdict and case (a file the canonical reader declines goes
		// to the strict parser), without yaml.v3's scan of the 200 KB summary after each kill
		rec, err := codec.ParseReadOnly(records.RecordPath(id), data)
		if err != nil {
			t.Fatalf("kill %d: the record does not parse: %v", kill, err)
		}
		if s := rec.Case.Summary; s != "" {
			v, ok := summaryVersion(s)
			if !ok {
				t.Fatalf("kill %d: torn summary (%d bytes)", kill, len(s))
			}
			if s != versionSummary(v) {
				t.Fatalf("kill %d: summary of version %d is not complete", kill, v)
			}
			versions[v] = true
		}
		if ps := records.Validate(rec, st.Profile); records.HasErrors(ps) {
			t.Fatalf("kill %d: %v", kill, ps)
		}
		// Readers ignore whatever temp files the kill left.
		files, stray, err := st.RecordFiles()
		if err != nil || len(files) != 1 || len(stray) != 0 {
			t.Fatalf("kill %d: RecordFiles = %v, stray %v, %v", kill, files, stray, err)
		}
	}
	t.Logf("versions found after the kills: %v", versions)
	// The next write sweeps the temp files of this record.
	if _, err := st.Update(id, func(r *records.Record) error { r.Case.Summary = "final"; return nil }); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Dir(file))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != filepath.Base(file) {
			t.Errorf("left in %s after the next write: %s", filepath.Dir(file), e.Name())
		}
	}
	temps, _ := os.ReadDir(filepath.Join(dir, filepath.FromSlash(tempDir)))
	for _, e := range temps {
		t.Errorf("temp file left after the next write: %s", e.Name())
	}
}

// TestTempFilesIgnoredAndSwept: a temp file of an interrupted write is not a record for
// RecordFiles/LoadAll, another record's stale temp is swept by any write in the directory,
// and a fresh one of another record is left to its writer.
func TestTempFilesIgnoredAndSwept(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	st := newTestStore(t, dir)
	id := createCase(t, st)
	other := createCase(t, st)
	// Temp files live in .dossier/tmp (git-ignored, small to sweep), never among the records.
	tmpDir := filepath.Join(dir, filepath.FromSlash(tempDir))
	mine := filepath.Join(tmpDir, id+".yaml"+tempMarker+"aaaaaa")
	staleOther := filepath.Join(tmpDir, other+".yaml"+tempMarker+"bbbbbb")
	freshOther := filepath.Join(tmpDir, other+".yaml"+tempMarker+"cccccc")
	for _, f := range []string{mine, staleOther, freshOther} {
		writeFile(t, f, "id: half")
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(staleOther, old, old); err != nil {
		t.Fatal(err)
	}
	files, stray, err := st.RecordFiles()
	if err != nil || len(files) != 2 || len(stray) != 0 {
		t.Fatalf("RecordFiles = %v, stray %v, %v", files, stray, err)
	}
	if _, err := st.Update(id, func(r *records.Record) error { return records.Note(&r.Case, rectest.Profile(t), rectest.Act(), "x") }); err != nil {
		t.Fatal(err)
	}
	for f, want := range map[string]bool{mine: false, staleOther: false, freshOther: true} {
		_, err := os.Stat(f)
		if exists := err == nil; exists != want {
			t.Errorf("%s exists=%v after a write, want %v", filepath.Base(f), exists, want)
		}
	}
}

// TestWritesAreAtomicFiles: files are written 0600 through a temp file; an unchanged record
// is not rewritten; a refused update writes nothing.
func TestUpdateWritesNothingOnError(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	st := newTestStore(t, dir)
	id := createCase(t, st)
	file := filepath.Join(dir, filepath.FromSlash(records.RecordPath(id)))
	before, _ := os.ReadFile(file)
	info, _ := os.Stat(file)
	if info.Mode().Perm() != 0o600 {
		t.Errorf("record mode %v, want 0600", info.Mode().Perm())
	}
	boom := errors.New("boom")
	if _, err := st.Update(id, func(r *records.Record) error { return boom }); !errors.Is(err, boom) {
		t.Errorf("Update error = %v", err)
	}
	if _, err := st.Update(id, func(r *records.Record) error { r.Case.Channel = "fax"; return nil }); err == nil ||
		!strings.Contains(err.Error(), `invalid record, nothing written: channel: unknown channel "fax"`) {
		t.Errorf("invalid update: %v", err)
	}
	if _, err := st.Update(id, func(r *records.Record) error { return nil }); err != nil {
		t.Error(err)
	}
	after, _ := os.ReadFile(file)
	if !bytes.Equal(before, after) {
		t.Errorf("file changed:\n%s", after)
	}
	info2, _ := os.Stat(file)
	if !info2.ModTime().Equal(info.ModTime()) {
		t.Error("an unchanged record was rewritten")
	}
	entries, _ := os.ReadDir(filepath.Dir(file))
	if len(entries) != 1 {
		t.Errorf("files left: %v", entries)
	}
	if _, err := st.Update("2026-ZZZZZ", func(r *records.Record) error { return nil }); !errors.As(err, new(*NotFoundError)) {
		t.Errorf("Update of a missing case: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "records", "2026", "2026-ZZZZZ.yaml")); !errors.Is(err, fs.ErrNotExist) {
		t.Error("Update of a missing case created it")
	}
}

// TestCreateRefusedWritesNothing: a case that fails validation leaves no file and no directory.
func TestCreateRefusedWritesNothing(t *testing.T) {
	t.Parallel()
	for _, ids := range []string{records.IDsRandom, records.IDsSequential} {
		for _, refusal := range []struct{ channel, summary, want string }{
			{"fax", "x", `unknown channel "fax"`},
			{"email", strings.Repeat("too long ", records.MaxRecordSize/8), "the new case"},
		} {
			dir := t.TempDir()
			st := newTestStore(t, dir)
			st.IDs = ids
			c := records.Case{Language: "en", Received: records.Date{Year: 2026, Month: 2, Day: 27}, Channel: refusal.channel, Summary: refusal.summary}
			records.NewCase(&c, rectest.Profile(t), rectest.Act())
			if _, err := st.Create(&c); err == nil || !strings.Contains(err.Error(), refusal.want) {
				t.Fatalf("%s ids, %s: Create = %v", ids, refusal.want, err)
			}
			if _, err := os.Stat(filepath.Join(dir, "records")); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("%s ids, %s: records/ was made for a refused case: %v", ids, refusal.want, err)
			}
		}
	}
}

// TestWriteRawRefusesAChangedFile: fmt and edit never overwrite a change made meanwhile.
func TestWriteRawRefusesAChangedFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	st := newTestStore(t, dir)
	id := createCase(t, st)
	file := filepath.Join(dir, filepath.FromSlash(records.RecordPath(id)))
	before, _ := os.ReadFile(file)
	err := st.WriteRaw(id, []byte("new"), []byte("not what is on disk"))
	if err == nil || !strings.Contains(err.Error(), "changed while dossier was working on it: nothing written") {
		t.Errorf("WriteRaw = %v", err)
	}
	if after, _ := os.ReadFile(file); !bytes.Equal(before, after) {
		t.Error("file changed")
	}
}
