package store

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/internal/rectest"
)

// A cold read with KeepLocations answers CompleteLocations without reading a file again (the
// files are gone by then); a warm read, which parsed nothing, reads the files; the summaries
// themselves never carry a location, and the index written holds none.
func TestCompleteLocationsFromTheColdRead(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := newTestStore(t, dir)
	for _, loc := range []string{"12 King St", ""} {
		c := records.Case{Language: "en", Received: records.Date{Year: 2026, Month: 2, Day: 27}, Channel: "email",
			Incident: &records.Incident{Location: loc, Date: records.Date{Year: 2026, Month: 2, Day: 20}}}
		a := rectest.Act()
		a.Date = c.Received
		records.NewCase(&c, s.Profile, a)
		if _, err := s.Create(&c); err != nil {
			t.Fatal(err)
		}
	}
	createCase(t, s) // no incident

	read := func(keep bool) []*records.Case {
		t.Helper()
		s := newTestStore(t, dir)
		s.KeepLocations = keep
		cases, problems, err := s.Summaries(true)
		if err != nil || len(problems) > 0 || len(cases) != 3 {
			t.Fatalf("summaries: %v %v (%d cases)", err, problems, len(cases))
		}
		for _, c := range cases {
			if c.Location() != "" {
				t.Fatalf("a summary carries the location %q", c.Location())
			}
		}
		if keep {
			if err := os.RemoveAll(filepath.Join(dir, "records")); err != nil {
				t.Fatal(err)
			}
			if err := s.CompleteLocations(cases); err != nil {
				t.Fatalf("a location was read again from a file: %v", err)
			}
		}
		return cases
	}
	backup := t.TempDir()
	if err := os.CopyFS(backup, os.DirFS(filepath.Join(dir, "records"))); err != nil {
		t.Fatal(err)
	}
	locations := func(cases []*records.Case) map[string]string {
		out := map[string]string{}
		for _, c := range cases {
			if c.Incident != nil {
				out[c.ID] = c.Location()
			}
		}
		return out
	}
	cold := locations(read(true))
	if len(cold) != 2 || !containsValue(cold, "12 King St") || !containsValue(cold, "") {
		t.Fatalf("cold locations: %v", cold)
	}
	if err := os.CopyFS(filepath.Join(dir, "records"), os.DirFS(backup)); err != nil {
		t.Fatal(err)
	}
	// the copy back changed every file's identity: read once so that the index is warm
	read(false)
	warm := newTestStore(t, dir)
	warm.KeepLocations = true
	cases, _, err := warm.Summaries(true)
	if err != nil || warm.LastRead.Parsed != 0 {
		t.Fatalf("not a warm read: %v, %+v", err, warm.LastRead)
	}
	if err := warm.CompleteLocations(cases); err != nil {
		t.Fatal(err)
	}
	if got := locations(cases); len(got) != 2 || got[firstKey(cold, "12 King St")] != "12 King St" {
		t.Fatalf("warm locations: %v, cold: %v", got, cold)
	}
	index, err := os.ReadFile(filepath.Join(dir, indexFile))
	if err != nil || len(index) == 0 {
		t.Fatalf("no index: %v", err)
	}
	if bytesContain(index, "King St") {
		t.Fatal("the index holds a location")
	}
}

func containsValue(m map[string]string, v string) bool { return firstKey(m, v) != "" }

func firstKey(m map[string]string, v string) string {
	for k, x := range m {
		if x == v {
			return k
		}
	}
	return ""
}

func bytesContain(b []byte, s string) bool { return bytes.Contains(b, []byte(s)) }
