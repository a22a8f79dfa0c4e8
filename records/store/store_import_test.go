package store

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/internal/rectest"
)

func TestStoreInsert(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := &records.Profile{Types: records.Codes{{Code: "conduct"}}, Channels: records.Codes{{Code: "email"}}, Languages: records.Codes{{Code: "en"}}, Workflow: rectest.Profile(t).Workflow}
	s, err := OpenStore(dir, p, records.IDsRandom)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rd, _ := records.ParseDate("2025-02-01")
	c := &records.Case{ID: "2025-ABCDE", Language: "en", Received: rd}
	records.NewCase(c, p, records.Act{Actor: "t", Now: rd.Time(), Date: rd})
	if s.Exists(c.ID) {
		t.Fatal("exists before insert")
	}
	if err := s.Insert(c); err != nil {
		t.Fatal(err)
	}
	if !s.Exists(c.ID) {
		t.Fatal("not there after insert")
	}
	before, _ := os.ReadFile(filepath.Join(dir, "records/2025/2025-ABCDE.yaml"))
	c2 := *c
	c2.Summary = "other"
	var ee *ExistsError
	if err := s.Insert(&c2); !errors.As(err, &ee) {
		t.Fatalf("second insert: %v, want ExistsError", err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "records/2025/2025-ABCDE.yaml"))
	if string(before) != string(after) {
		t.Error("existing case replaced")
	}
	bad := &records.Case{ID: "2025-FGHJK", Language: "en", Received: rd, Status: "closed"}
	if err := s.Insert(bad); err == nil {
		t.Error("invalid case inserted")
	}
	if s.Exists("2025-FGHJK") {
		t.Error("invalid case written")
	}
}
