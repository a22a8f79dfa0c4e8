package store

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/internal/rectest"
)

// summaryIDs returns "id status" for every summary, to compare what a command would see.
func summaryView(t *testing.T, s *Store, useIndex bool) string {
	t.Helper()
	cases, problems, err := s.Summaries(useIndex)
	if err != nil {
		t.Fatal(err)
	}
	return viewOf(cases, problems)
}

func demoStore(t *testing.T, n int) (*Store, string, []string) {
	t.Helper()
	dir := t.TempDir()
	s := newTestStore(t, dir)
	var ids []string
	for range n {
		ids = append(ids, createCase(t, s))
	}
	return s, dir, ids
}

func TestIndexSummariesEqualParsedRecords(t *testing.T) {
	t.Parallel()
	s, _, ids := demoStore(t, 20)
	p := rectest.Profile(t)
	a := rectest.Act()
	if _, err := s.Update(ids[0], func(r *records.Record) error {
		if err := records.Classify(&r.Case, p, a, "conduct", []string{"deceit"}, []string{"youth"}); err != nil {
			return err
		}
		if err := records.ScreenIn(&r.Case, p, a); err != nil {
			return err
		}
		if err := records.Refer(&r.Case, p, a, "ottawa-ps", "", records.Date{}); err != nil {
			return err
		}
		return records.Note(&r.Case, rectest.Profile(t), a, "called the complainant")
	}); err != nil {
		t.Fatal(err)
	}
	for round, useIndex := range []bool{true, true, false} { // cold, warm, bypass
		cases, problems, err := s.Summaries(useIndex)
		if err != nil || len(problems) > 0 {
			t.Fatal(err, problems)
		}
		if len(cases) != 20 {
			t.Fatalf("round %d: %d summaries", round, len(cases))
		}
		for _, c := range cases {
			full, err := s.Load(c.ID)
			if err != nil {
				t.Fatal(err)
			}
			want := Summarize(&full.Case, s.Profile)
			if !reflect.DeepEqual(want, c) {
				t.Fatalf("round %d: %s: summary differs:\nwant %+v\ngot  %+v", round, c.ID, want, c)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(s.Dir, indexFile)); err != nil {
		t.Fatalf("no index written: %v", err)
	}
}

func TestIndexSeesChangesBehindItsBack(t *testing.T) {
	t.Parallel()
	s, dir, ids := demoStore(t, 5)
	before := summaryView(t, s, true)
	if summaryView(t, s, true) != before {
		t.Fatal("warm run differs from cold run")
	}
	path := filepath.Join(dir, records.RecordPath(ids[0]))
	data, _ := os.ReadFile(path)
	info, _ := os.Stat(path)

	// Same size, same modification second: status received → closed... keep it valid by
	// changing a same-length value: the language en → fr.
	edited := bytes.Replace(data, []byte("language: en"), []byte("language: fr"), 1)
	if len(edited) != len(data) {
		t.Fatal("test edit changed the size")
	}
	if err := os.WriteFile(path, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(path, info.ModTime(), info.ModTime())
	cases, _, _ := s.Summaries(true)
	found := false
	for _, c := range cases {
		if c.ID == ids[0] {
			found = c.Language == "fr"
		}
	}
	if !found {
		t.Fatal("an in-place edit with the same size and mtime was not seen")
	}

	// Replaced by another version (as git checkout does: new inode).
	os.Remove(path)
	os.WriteFile(path, data, 0o644)
	if got := summaryView(t, s, true); got != before {
		t.Fatalf("after replacing the file:\n%s\nwant\n%s", got, before)
	}

	// Deleted.
	os.Remove(filepath.Join(dir, records.RecordPath(ids[1])))
	if got := summaryView(t, s, true); strings.Contains(got, ids[1]) {
		t.Fatal("a deleted record is still listed")
	}

	// Added.
	id := createCase(t, s)
	if got := summaryView(t, s, true); !strings.Contains(got, id) {
		t.Fatal("an added record is not listed")
	}

	// Broken behind its back: reported as an error, not served from the index.
	os.WriteFile(filepath.Join(dir, records.RecordPath(ids[2])), []byte("id: [\n"), 0o644)
	if got := summaryView(t, s, true); !strings.Contains(got, "ERR "+records.RecordPath(ids[2])+":") {
		t.Fatalf("a broken record was served from the index:\n%s", got)
	}
}

func TestCorruptIndexIsRebuilt(t *testing.T) {
	t.Parallel()
	s, dir, _ := demoStore(t, 8)
	want := summaryView(t, s, true)
	idx := filepath.Join(dir, indexFile)
	full, err := os.ReadFile(idx)
	if err != nil {
		t.Fatal(err)
	}
	for name, garbage := range map[string][]byte{
		"truncated":  full[:len(full)/2],
		"empty":      {},
		"garbage":    []byte("\x00\xff not an index at all"),
		"old format": append([]byte("dossier-index-v2\n"), full[len(indexMagic):]...),
		"bad tail":   append(bytes.Clone(full), 0x01),
	} {
		os.WriteFile(idx, garbage, 0o644)
		if got := summaryView(t, s, true); got != want {
			t.Fatalf("%s index: got\n%s\nwant\n%s", name, got, want)
		}
		if again, _ := os.ReadFile(idx); !bytes.Equal(again, full) {
			t.Fatalf("%s index was not rebuilt", name)
		}
	}
}

func TestIndexKeepsNoPersonalInformation(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := newTestStore(t, dir)
	a := rectest.Act()
	c := records.Case{Language: "en", Received: records.Date{Year: 2026, Month: 2, Day: 27}, Channel: "email", Summary: "CANARY-SUMMARY",
		Complainant: &records.Party{Name: "CANARY-NAME", Email: "canary@example.org", Phone: "+1 555 0100"},
		Respondent:  &records.Respondent{Service: "ottawa-ps", Officers: []records.Officer{{Name: "CANARY-OFFICER", Badge: "99"}}}}
	a.Date = c.Received
	records.NewCase(&c, rectest.Profile(t), a)
	id, err := s.Create(&c)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Update(id, func(r *records.Record) error { return records.Note(&r.Case, rectest.Profile(t), a, "CANARY-NOTE") }); err != nil {
		t.Fatal(err)
	}
	summaryView(t, s, true)
	data, _ := os.ReadFile(filepath.Join(dir, indexFile))
	for _, canary := range []string{"CANARY", "canary@", "555 0100"} {
		if bytes.Contains(data, []byte(canary)) {
			t.Errorf("the index holds %q", canary)
		}
	}
}

func BenchmarkSummariesWarm(b *testing.B) {
	dir := b.TempDir()
	s := newTestStore(b, dir)
	for range 2000 {
		createCase(b, s)
	}
	s.Summaries(true)
	b.ResetTimer()
	for range b.N {
		if _, _, err := s.Summaries(true); err != nil {
			b.Fatal(err)
		}
	}
}

// TestBrokenFileDoesNotRewriteTheIndexEachRun: an unreadable record is reported every time
// but the index is written once.
func TestBrokenFileDoesNotRewriteTheIndexEachRun(t *testing.T) {
	t.Parallel()
	s, dir, ids := demoStore(t, 5)
	os.WriteFile(filepath.Join(dir, records.RecordPath(ids[0])), []byte("id: [\n"), 0o644)
	summaryView(t, s, true)
	idx := filepath.Join(dir, indexFile)
	before, err := os.Stat(idx)
	if err != nil {
		t.Fatal(err)
	}
	got := summaryView(t, s, true)
	if !strings.Contains(got, "ERR "+records.RecordPath(ids[0])) {
		t.Fatalf("the broken file is not reported:\n%s", got)
	}
	after, _ := os.Stat(idx)
	if !after.ModTime().Equal(before.ModTime()) || identity(after).ino != identity(before).ino {
		t.Fatal("the index was rewritten although nothing changed")
	}
}

// TestSummarizeHoldsNothingRemovable: a summary (what the index stores) holds no value of a
// personal or confidential field, whatever field is added later, and no free-text history
// detail — not even a hold's reason as the latest entry; the codes reports read stay.
func TestSummarizeHoldsNothingRemovable(t *testing.T) {
	t.Parallel()
	c := rectest.CanaryCase()
	c.History = append(c.History,
		records.Entry{Do: records.ActRefer, Detail: "ottawa-ps (investigation), due 2026-05-21"},
		records.Entry{Do: records.ActRefer, Detail: "CANARY[hand-written refer detail]"},
		records.Entry{Do: records.ActClose, Detail: "substantiated"},
		records.Entry{Do: records.ActDispose, Detail: "authorized by CANARY[dispose]"},
		records.Entry{Do: records.ActHold, Detail: "CANARY[hold detail]"})
	var buf bytes.Buffer
	encodeIndex(&buf, []indexEntry{{path: "records/2026/2026-K7M2Q.yaml", c: Summarize(c, nil)}})
	index := buf.String()
	for path, vals := range rectest.TextLeaves(c) {
		if cl, _ := records.ClassOf(path); path != "history.detail" && !cl.Removable() {
			continue
		}
		for _, v := range vals {
			if strings.HasPrefix(v, "CANARY") && strings.Contains(index, v) {
				t.Errorf("the index holds %s (%s)", v, path)
			}
		}
	}
	for _, v := range []string{"CANARY[notes]", "CANARY[hand-written", "CANARY[dispose]", "CANARY[hold detail]", "CANARY[incident.location]"} {
		if strings.Contains(index, v) {
			t.Errorf("the index holds %s", v)
		}
	}
	for _, v := range []string{"ottawa-ps (investigation), due 2026-05-21", "substantiated"} {
		if !strings.Contains(index, v) {
			t.Errorf("the index lost %s, which reports read", v)
		}
	}
}
