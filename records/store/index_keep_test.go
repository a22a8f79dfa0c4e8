package store

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/internal/rectest"
)

// keptView is Summaries(useIndex) without what keep refuses: what SummariesKept must return.
func keptView(t *testing.T, s *Store, useIndex bool, keep func(*records.Case) bool) []*records.Case {
	t.Helper()
	all, problems, err := s.Summaries(useIndex)
	if err != nil || len(problems) > 0 {
		t.Fatal(err, problems)
	}
	var out []*records.Case
	for _, c := range all {
		if keep(c) {
			out = append(out, c)
		}
	}
	return out
}

func TestSummariesKeptAreSummariesKept(t *testing.T) {
	t.Parallel()
	s, dir, ids := demoStore(t, 30)
	p := rectest.Profile(t)
	a := rectest.Act()
	for i, id := range ids[:20] {
		if _, err := s.Update(id, func(r *records.Record) error {
			typ, cats := "conduct", []string{"deceit"}
			if i%2 == 1 {
				typ, cats = "service", nil
			}
			if err := records.Classify(&r.Case, p, a, typ, cats, nil); err != nil {
				return err
			}
			if i%3 == 0 {
				return records.ScreenIn(&r.Case, p, a)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	s.indexChunk = 1 // a chunk an entry: every chunk reuses the memory of the one before
	conduct := func(c *records.Case) bool { return c.Type == "conduct" }
	check := func(name string, useIndex, fromIndex bool) {
		t.Helper()
		found, _, err := s.scan(true)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := s.keptFromIndex(found, conduct); ok != fromIndex {
			t.Fatalf("%s: taken from the index alone: %v, want %v", name, ok, fromIndex)
		}
		got, problems, err := s.SummariesKept(useIndex, conduct)
		if err != nil || len(problems) > 0 {
			t.Fatal(err, problems)
		}
		want := keptView(t, s, useIndex, conduct)
		if len(want) != 10 || !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: kept %d summaries, want %d:\ngot  %+v\nwant %+v", name, len(got), len(want), got, want)
		}
	}
	check("no index", true, false) // and this run writes it
	check("warm", true, true)
	check("no cache", false, true)
	if _, err := s.Update(ids[0], func(r *records.Record) error { return records.Note(&r.Case, p, a, "called back") }); err != nil {
		t.Fatal(err)
	}
	// the keptFromIndex probe of the edited file is false; SummariesKept then rewrites the index
	check("one file edited", true, false)
	check("warm again", true, true)
	if err := os.Remove(filepath.Join(dir, records.RecordPath(ids[25]))); err != nil {
		t.Fatal(err)
	}
	check("a file removed", true, false)
	createCase(t, s)
	check("a file added", true, false)
}

// In a repository with an interrupted renumber (two files of one case) and a finished one,
// SummariesKept and EachSummary count the case once with the same problem as Summaries, and
// write the same index, on every path: cold, warm, stale, --no-cache.
func TestKeptReadsTellInterruptedRenumbers(t *testing.T) {
	t.Parallel()
	s, dir, ids := demoStore(t, 6)
	s.indexChunk = 1
	a := rectest.Act()
	oldData, err := os.ReadFile(filepath.Join(dir, records.RecordPath(ids[2])))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Renumber(ids[2], map[string]bool{}, a, ""); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, records.RecordPath(ids[2])), string(oldData)) // interrupted
	if _, err := s.Renumber(ids[4], map[string]bool{}, a, ""); err != nil {
		t.Fatal(err)
	}
	index := filepath.Join(dir, indexFile)
	all := func(*records.Case) bool { return true }
	check := func(name string, useIndex bool) {
		t.Helper()
		before, _ := os.ReadFile(index)
		want, wantProblems, err := s.Summaries(useIndex)
		if err != nil || len(want) != 6 || len(wantProblems) != 1 {
			t.Fatalf("%s: Summaries: %d cases, %v (%v)", name, len(want), wantProblems, err)
		}
		wantIndex, _ := os.ReadFile(index)
		wantStats := s.LastRead
		restore := func() {
			t.Helper()
			if before == nil {
				os.Remove(index)
			} else if err := os.WriteFile(index, before, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		restore()
		if useIndex { // read without Summaries' path (--no-cache with aliases takes it)
			found, _, err := s.scan(true)
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := s.readChunks(&found, nil, true, func() {}, func([]*records.Case, []*records.Incident) {}); !ok {
				t.Fatalf("%s: not read a chunk at a time", name)
			}
			restore()
		}
		got, problems, err := s.SummariesKept(useIndex, all)
		gotIndex, _ := os.ReadFile(index)
		if err != nil || !reflect.DeepEqual(got, want) || fmt.Sprint(problems) != fmt.Sprint(wantProblems) || !bytes.Equal(gotIndex, wantIndex) || s.LastRead != wantStats {
			t.Fatalf("%s: SummariesKept: %d cases, %v, %+v (%v); want %d, %v, %+v", name, len(got), problems, s.LastRead, err, len(want), wantProblems, wantStats)
		}
		restore()
		var visited []string
		problems, err = EachSummary(s, useIndex, Visitor[string]{
			Prepare: func(c *records.Case) string { return c.ID },
			Consume: func(_ *records.Case, id string) { visited = append(visited, id) },
			Restart: func() { visited = nil },
		})
		var wantIDs []string
		for _, c := range want {
			wantIDs = append(wantIDs, c.ID)
		}
		gotIndex, _ = os.ReadFile(index)
		if err != nil || !reflect.DeepEqual(visited, wantIDs) || fmt.Sprint(problems) != fmt.Sprint(wantProblems) || !bytes.Equal(gotIndex, wantIndex) || s.LastRead != wantStats {
			t.Fatalf("%s: EachSummary: %v, %v, %+v (%v); want %v, %v, %+v", name, visited, problems, s.LastRead, err, wantIDs, wantProblems, wantStats)
		}
	}
	os.Remove(index)
	check("cold", true)
	check("warm", true)
	found, _, err := s.scan(true)
	if err != nil {
		t.Fatal(err)
	}
	if ok, _, aliased := s.eachFromIndex(found, nil, nil, func([]*records.Case) {}); ok || !aliased {
		t.Fatalf("warm: taken from the index without telling its renumbers (ok %v, aliased %v)", ok, aliased)
	}
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(dir, records.RecordPath(ids[0])), later, later); err != nil {
		t.Fatal(err)
	}
	check("stale", true)
	check("no cache", false)
}

// EachSummary visits what Summaries returns, in order, once each after the last Restart:
// a stale index found halfway restarts the visit from the first case.
func TestEachSummaryVisitsEverySummaryOnce(t *testing.T) {
	t.Parallel()
	s, _, ids := demoStore(t, 12)
	p := rectest.Profile(t)
	a := rectest.Act()
	s.indexChunk = 1
	var visited []string
	restarts := 0
	v := Visitor[string]{
		Prepare: func(c *records.Case) string { return c.ID + " " + c.Status },
		Consume: func(c *records.Case, t string) { visited = append(visited, t) },
		Restart: func() { visited, restarts = nil, restarts+1 },
	}
	check := func(name string, wantRestarts int) {
		t.Helper()
		visited, restarts = nil, 0
		problems, err := EachSummary(s, true, v)
		if err != nil || len(problems) > 0 {
			t.Fatal(err, problems)
		}
		all, _, err := s.Summaries(true)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, c := range all {
			want = append(want, c.ID+" "+c.Status)
		}
		if !reflect.DeepEqual(visited, want) || restarts != wantRestarts {
			t.Fatalf("%s: visited %q (%d restarts), want %q (%d)", name, visited, restarts, want, wantRestarts)
		}
	}
	check("no index", 0)
	check("warm", 0)
	last := slices.Max(ids) // the last file in path order: found stale after every other chunk
	if _, err := s.Update(last, func(r *records.Record) error { return records.Withdraw(&r.Case, p, a, "") }); err != nil {
		t.Fatal(err)
	}
	check("the last file edited", 1)
}

// A cold read of SummariesKept or EachSummary (index_cold.go) writes the index Summaries
// writes, tells the same read statistics and the same unreadable files, and --no-cache
// writes none.
func TestColdKeptWritesTheIndexSummariesWrites(t *testing.T) {
	t.Parallel()
	s, dir, _ := demoStore(t, 9)
	writeFile(t, filepath.Join(dir, "records/2026/2026-ZZZZZ.yaml"), "not: [a record\n")
	index := filepath.Join(dir, indexFile)
	cold := func(read func()) ([]byte, ReadStats) {
		t.Helper()
		os.Remove(index)
		read()
		data, err := os.ReadFile(index)
		if err != nil {
			t.Fatal(err)
		}
		return data, s.LastRead
	}
	var problems []error
	want, wantStats := cold(func() { _, problems, _ = s.Summaries(true) })
	if len(problems) != 1 {
		t.Fatalf("problems %v, want the broken file", problems)
	}
	none := func(*records.Case) bool { return false }
	got, gotStats := cold(func() {
		cases, ps, err := s.SummariesKept(true, none)
		if err != nil || len(cases) != 0 || !reflect.DeepEqual(ps, problems) {
			t.Fatalf("kept %d, problems %v (%v), want none and %v", len(cases), ps, err, problems)
		}
	})
	if !bytes.Equal(got, want) || gotStats != wantStats {
		t.Fatalf("SummariesKept cold: index of %d bytes, %+v; want %d bytes, %+v", len(got), gotStats, len(want), wantStats)
	}
	got, gotStats = cold(func() {
		ps, err := EachSummary(s, true, Visitor[bool]{Prepare: none, Consume: func(*records.Case, bool) {}, Restart: func() {}})
		if err != nil || !reflect.DeepEqual(ps, problems) {
			t.Fatalf("problems %v (%v), want %v", ps, err, problems)
		}
	})
	if !bytes.Equal(got, want) || gotStats != wantStats {
		t.Fatalf("EachSummary cold: index of %d bytes, %+v; want %d bytes, %+v", len(got), gotStats, len(want), wantStats)
	}
	os.Remove(index)
	if _, _, err := s.SummariesKept(false, none); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(index); !os.IsNotExist(err) {
		t.Fatalf("--no-cache wrote an index: %v", err)
	}
}

// With an index that answers for part of the files (index_stale.go), SummariesKept and
// EachSummary write the index Summaries writes from the same one, with the same statistics.
func TestStaleKeptWritesTheIndexSummariesWrites(t *testing.T) {
	t.Parallel()
	s, dir, ids := demoStore(t, 12)
	p := rectest.Profile(t)
	a := rectest.Act()
	s.indexChunk = 1
	index := filepath.Join(dir, indexFile)
	none := func(*records.Case) bool { return false }
	same := func(name string) {
		t.Helper()
		stale, err := os.ReadFile(index)
		if err != nil {
			t.Fatal(err)
		}
		reads := map[string]func() []error{
			"SummariesKept": func() []error { _, ps, _ := s.SummariesKept(true, none); return ps },
			"EachSummary": func() []error {
				ps, _ := EachSummary(s, true, Visitor[bool]{Prepare: none, Consume: func(*records.Case, bool) {}, Restart: func() {}})
				return ps
			},
		}
		reads["staleEach"] = func() []error {
			found, _, err := s.scan(true)
			if err != nil {
				t.Fatal(err)
			}
			ps, ok, _ := s.staleEach(found, nil, func() {}, func([]*records.Case, []*records.Incident) {})
			if !ok {
				t.Fatalf("%s: not read from the stale index", name)
			}
			return ps
		}
		_, wantProblems, _ := s.Summaries(true)
		want, _ := os.ReadFile(index)
		wantStats := s.LastRead
		for _, how := range []string{"staleEach", "SummariesKept", "EachSummary"} {
			if err := os.WriteFile(index, stale, 0o644); err != nil {
				t.Fatal(err)
			}
			problems := reads[how]()
			got, _ := os.ReadFile(index)
			if !bytes.Equal(got, want) || s.LastRead != wantStats || fmt.Sprint(problems) != fmt.Sprint(wantProblems) {
				t.Fatalf("%s, %s: index of %d bytes, %+v, %v; want %d bytes, %+v, %v", name, how, len(got), s.LastRead, problems, len(want), wantStats, wantProblems)
			}
		}
	}
	if _, _, err := s.Summaries(true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Update(ids[3], func(r *records.Record) error { return records.Note(&r.Case, p, a, "called back") }); err != nil {
		t.Fatal(err)
	}
	same("one file edited")
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(dir, records.RecordPath(ids[5])), later, later); err != nil {
		t.Fatal(err)
	}
	same("one file touched")
	if err := os.Remove(filepath.Join(dir, records.RecordPath(ids[7]))); err != nil {
		t.Fatal(err)
	}
	createCase(t, s)
	same("one file removed, one added")
	writeFile(t, filepath.Join(dir, "records/2026/2026-ZZZZZ.yaml"), "not: [a record\n")
	same("an unreadable file")
}

// FuzzDecodeIndexRewound: decoding an index into memory each chunk reuses and copying every
// summary out (a warm SummariesKept) gives what decoding it whole gives, or the same refusal.
func FuzzDecodeIndexRewound(f *testing.F) {
	p := declaredProfile(f)
	var entries []indexEntry
	for i, d := range []string{"montreal", "quebec", "laval"} {
		c := &records.Case{ID: "2026-000" + string(rune('1'+i)), Status: "received", Fields: canaryFields(),
			Categories: []string{"force", d}, History: []records.Entry{{Do: "create", By: d}},
			Referrals: []records.Referral{{To: d, Updates: []records.Date{{Year: 2026, Month: 1, Day: 2}}}}}
		c.Fields["district"] = records.FieldValue{Scalar: d}
		if i == 1 {
			c.Screening = &records.Screening{Decision: "in", Grounds: []string{d}}
		}
		entries = append(entries, indexEntry{path: "records/2026/" + c.ID + ".yaml", c: Summarize(c, p)})
	}
	var buf bytes.Buffer
	encodeIndex(&buf, entries)
	f.Add(buf.Bytes(), uint8(1))
	f.Add(buf.Bytes(), uint8(200))
	f.Add(buf.Bytes()[:buf.Len()-3], uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, chunk uint8) {
		want, werr := decodeIndex(data)
		var got []*records.Case
		var cp summaryCopier
		gerr := decodeIndexEach(bufio.NewReader(bytes.NewReader(data)), int64(len(data)), int(chunk)+1, true, func(es []indexEntry) bool {
			for _, e := range es {
				got = append(got, cp.copy(e.c))
			}
			return true
		})
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("whole: %v, rewound: %v", werr, gerr)
		}
		if werr != nil {
			return
		}
		if len(got) != len(want) {
			t.Fatalf("rewound %d summaries, whole %d", len(got), len(want))
		}
		for i := range want {
			if !reflect.DeepEqual(got[i], want[i].c) {
				t.Fatalf("summary %d: rewound %+v, whole %+v", i, got[i], want[i].c)
			}
		}
	})
}

// Declared field values are shared between summaries (one map for the same values): a warm
// kept read, whose chunks reuse the decoder's memory, keeps each case's own values.
func TestSummariesKeptKeepDeclaredFields(t *testing.T) {
	t.Parallel()
	s := newTestStore(t, t.TempDir())
	s.Profile = declaredProfile(t)
	themes := [][]string{{"conjugal", "child"}, {"elder"}, {"child", "elder"}, {"conjugal", "child"}}
	for i, th := range themes {
		id := createCase(t, s)
		if _, err := s.Update(id, func(r *records.Record) error {
			r.Case.Fields = records.Fields{"district": {Scalar: []string{"montreal", "quebec"}[i%2]}, "themes": {Codes: th}}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	s.indexChunk = 1
	all := func(*records.Case) bool { return true }
	for _, round := range []string{"cold", "warm"} {
		got, _, err := s.SummariesKept(true, all)
		if err != nil {
			t.Fatal(err)
		}
		want, _, err := s.Summaries(true)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: kept\n%+v\nwant\n%+v", round, got, want)
		}
	}
}
