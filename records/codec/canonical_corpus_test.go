package codec_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/internal/demo"
	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
	"github.com/rogpeppe/go-internal/txtar"
)

// Every record file of every command script (the valid ones, and those check and the other
// commands refuse) reads the same through both readers: the same case, or the same error.
// The other YAML files of the scripts (edited records, expected output, settings) too: the
// readers must agree on any file.
func TestCanonicalAgreesOnScriptRecords(t *testing.T) {
	scripts, err := filepath.Glob("../../internal/cli/testdata/script/*.txtar")
	if err != nil || len(scripts) == 0 {
		t.Fatalf("no scripts found (%v)", err)
	}
	files, inRecords, fast := 0, 0, 0
	for _, script := range scripts {
		ar, err := txtar.ParseFile(script)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if !strings.HasSuffix(f.Name, ".yaml") {
				continue
			}
			files++
			if strings.HasPrefix(f.Name, "records/") || strings.Contains(f.Name, "/records/") {
				inRecords++
			}
			if codec.CheckCanonicalAgrees(t, filepath.Base(script)+":"+f.Name, f.Data) {
				fast++
			}
		}
	}
	if inRecords == 0 {
		t.Fatal("the scripts hold no record files")
	}
	t.Logf("%d YAML files (%d under records/) in %d scripts, %d read by the canonical reader", files, inRecords, len(scripts), fast)
}

// Every file the demo writes, for both profiles, reads the same through both readers, and
// through the canonical one: demo files are what dossier writes, the canonical form.
func TestCanonicalAgreesOnDemoRecords(t *testing.T) {
	t.Parallel()
	today, _ := records.ParseDate("2026-11-23")
	o := demo.Options{Cases: 300, Today: today, Seed: 1, Actor: "demo"}
	gens := map[string]func(*records.Profile, demo.Options, int) (*records.Case, error){
		demo.OntarioProfile: demo.Case,
		demo.QuebecProfile:  demo.QuebecCase,
	}
	direct, all := 0, 0
	defer func() {
		// demo files are what dossier writes: nearly all take the direct path (emit.go)
		if direct*10 < all*9 {
			t.Errorf("the direct path wrote %d of %d demo files", direct, all)
		}
		t.Logf("the direct path wrote %d of %d demo files", direct, all)
	}()
	for _, name := range demo.Profiles() {
		p := loadProfile(t, name)
		all += o.Cases
		for i := range o.Cases {
			c, err := gens[name](p, o, i)
			if err != nil {
				t.Fatal(err)
			}
			c.ID = records.SequentialID(int(c.Received.Year), i+1)
			data, err := codec.Encode(c)
			if err != nil {
				t.Fatal(err)
			}
			if !codec.CheckCanonicalAgrees(t, name+"/"+records.RecordPath(c.ID), data) {
				t.Fatalf("%s case %d: the canonical reader declines a demo file:\n%s", name, i, data)
			}
			if codec.CheckEmitAgrees(t, name+"/"+records.RecordPath(c.ID), c) {
				direct++
			}
		}
	}
}

func loadProfile(t *testing.T, name string) *records.Profile {
	t.Helper()
	s, err := config.Embedded(name)
	if err != nil {
		t.Fatal(err)
	}
	return s.Profile
}
