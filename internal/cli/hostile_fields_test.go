package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/hostile"
)

// TestHostileCorpusDeclaredText pushes every string of the corpus through a declared text field
// (create --field) and a list item's text sub-field: printable text comes back byte for byte
// through show -o json and an export → import round trip (JSON Lines and CSV); the rest is
// refused naming --field NAME, without quoting the value, and nothing is written.
func TestHostileCorpusDeclaredText(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	repo := filepath.Join(dir, "repo")
	const fields = "ids: sequential\nfields:\n  remarks: {kind: text, class: confidential, en: Remarks, fr: Remarques}\n" +
		"  orders: {kind: list, class: internal, en: Orders, fr: Ordonnances, fields: {note: {kind: text, class: personal, en: Note, fr: Note}}}\n"
	if err := os.MkdirAll(repo, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(repo, "dossier.yaml"), []byte(fields), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (int, string, string) {
		return corpusRun("", append([]string{"-C", repo}, args...)...)
	}
	strs := append(hostile.MultiLine(), hostile.OneLine()...)
	kept := 0
	for _, h := range strs {
		for _, set := range []struct{ field, flag, value string }{{"remarks", "remarks", h.S}, {"orders", "orders", "note=" + h.S}} {
			code, out, errs := run("create", "--channel=email", "--summary=s", "--field="+set.flag+"="+set.value)
			if !h.Keep {
				if code != 2 || out != "" || !strings.HasPrefix(errs, "dossier: --field "+set.field+": ") {
					t.Errorf("%s %q: exit %d, stdout %q, stderr %s", set.field, h.S, code, out, errs)
				}
				if len(h.S) > 3 && strings.Contains(errs, strings.TrimSpace(h.S)) && strings.TrimSpace(h.S) != "" {
					t.Errorf("%s %q: the refusal quotes the value: %s", set.field, h.S, errs)
				}
				continue
			}
			if code != 0 {
				t.Errorf("%s %q: exit %d: %s", set.field, h.S, code, errs)
				continue
			}
			kept++
			id := strings.TrimSpace(out)
			_, js, _ := run("show", id, "-o", "json")
			var got struct {
				Fields map[string]json.RawMessage `json:"fields"`
			}
			if err := json.Unmarshal([]byte(js), &got); err != nil {
				t.Fatal(err)
			}
			var back string
			if set.field == "orders" {
				var items []map[string]string
				_ = json.Unmarshal(got.Fields[set.field], &items)
				if len(items) == 1 {
					back = items[0]["note"]
				}
			} else {
				_ = json.Unmarshal(got.Fields[set.field], &back)
			}
			if back != h.S {
				t.Errorf("%s %q came back as %s", set.field, h.S, got.Fields[set.field])
			}
		}
	}
	if kept < 40 {
		t.Fatalf("only %d strings kept", kept)
	}
	_, jsonl, _ := run("export")
	_, csvOut, _ := run("export", "-o", "csv")
	for format, in := range map[string]string{"jsonl": jsonl, "csv": csvOut} {
		other := filepath.Join(dir, "copy-"+format)
		if err := os.MkdirAll(other, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(other, "dossier.yaml"), []byte(fields), 0o644); err != nil {
			t.Fatal(err)
		}
		if code, _, errs := corpusRun(in, "-C", other, "import", "--format", format, "-"); code != 0 {
			t.Fatalf("import --format %s: %s", format, errs)
		}
		if _, again, _ := corpusRun("", "-C", other, "export"); again != jsonl {
			t.Errorf("export → import --format %s → export changed the declared fields", format)
		}
	}
}
