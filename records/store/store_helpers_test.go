package store

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/internal/rectest"
	"github.com/dossier-dev/dossier/records/privacy"
)

func newTestStore(tb testing.TB, dir string) *Store {
	tb.Helper()
	s, err := OpenStore(dir, rectest.Profile(tb), records.IDsRandom)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	// Every listing is taken at the epoch: no directory is older than its listing, so none is
	// trusted without being listed and the index's bytes do not depend on the clock (tests
	// compare them). index_dirs_test.go sets a clock that trusts directories.
	s.clock = func() time.Time { return time.Unix(0, 0) }
	return s
}

func writeFile(tb testing.TB, name, text string) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// createCase creates a minimal valid case in s and returns its id.
func createCase(tb testing.TB, s *Store) string {
	tb.Helper()
	c := records.Case{Language: "en", Received: records.Date{Year: 2026, Month: 2, Day: 27}, Channel: "email"}
	a := rectest.Act()
	a.Date = c.Received
	records.NewCase(&c, s.Profile, a)
	id, err := s.Create(&c)
	if err != nil {
		tb.Fatal(err)
	}
	return id
}

func holdMark(d privacy.Disposal) string {
	if d.Held {
		return "held"
	}
	return ""
}

func typicalRecord(b *testing.B) []byte {
	data, err := os.ReadFile("../codec/testdata/bench/typical.yaml")
	if err != nil {
		b.Fatal(err)
	}
	return data
}
