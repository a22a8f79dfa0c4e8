package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/dossier-dev/dossier/internal/hostile"
	"go.yaml.in/yaml/v3"
)

// corpusRun runs dossier in-process with a fixed clock, actor and ids.
func corpusRun(stdin string, args ...string) (code int, stdout, stderr string) {
	env := map[string]string{"DOSSIER_NOW": "2026-03-02T10:00:00Z", "DOSSIER_ACTOR": "tester", "DOSSIER_IDS": "sequential", "HOME": "/nonexistent"}
	var out, errb bytes.Buffer
	code = testRunner.Run(args, strings.NewReader(stdin), &out, &errb, func(k string) string { return env[k] })
	return code, out.String(), errb.String()
}

// asciiJSON is JSON with every non-ASCII character escaped, characters beyond U+FFFF as
// surrogate pairs: what Python's json.dumps, PHP and jq -a write.
func asciiJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for _, r := range string(b) {
		switch {
		case r < 0x80:
			out.WriteRune(r)
		case r > 0xFFFF:
			r1, r2 := utf16.EncodeRune(r)
			fmt.Fprintf(&out, `\u%04x\u%04x`, r1, r2)
		default:
			fmt.Fprintf(&out, `\u%04x`, r)
		}
	}
	return out.String()
}

type shown struct {
	Complainant struct {
		Name string `json:"name"`
	} `json:"complainant"`
	Incident struct {
		Location string `json:"location"`
	} `json:"incident"`
	Summary string `json:"summary"`
	History []struct {
		Detail string `json:"detail"`
	} `json:"history"`
}

// TestHostileCorpusRoundTrips pushes every string of the corpus (internal/hostile) through
// create's flags, --from JSON (ASCII-escaped, surrogate pairs) and YAML, note, and then export
// and import in JSON Lines and CSV: printable text comes back byte for byte (through show -o
// json and a second export); control characters, non-characters and invalid UTF-8 are refused
// with the field named and nothing written.
func TestHostileCorpusRoundTrips(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	repo := filepath.Join(dir, "repo")
	if code, _, errs := corpusRun("", "init", "-q", repo); code != 0 {
		t.Fatal(errs)
	}
	run := func(stdin string, args ...string) (int, string, string) {
		return corpusRun(stdin, append([]string{"-C", repo}, args...)...)
	}
	show := func(id string) shown {
		t.Helper()
		code, out, errs := run("", "show", id, "-o", "json")
		if code != 0 {
			t.Fatalf("show %s: %s", id, errs)
		}
		var s shown
		if err := json.Unmarshal([]byte(out), &s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	type item struct {
		line int
		keep bool
		s    string
		one  bool // also valid in one-line fields
	}
	var corpus []item
	for _, h := range hostile.OneLine() {
		corpus = append(corpus, item{h.Line, h.Keep, h.S, true})
	}
	for _, h := range hostile.MultiLine() {
		corpus = append(corpus, item{h.Line, h.Keep, h.S, false})
	}
	type expect struct{ how, summary, oneLine, note string }
	want := map[string]expect{}
	kept, firstID := 0, ""
	for _, h := range corpus {
		name := fmt.Sprintf("%q", h.s)
		oneLine, summary := "plain name", h.s
		if h.one {
			oneLine = h.s
		}
		check := func(how, id string) {
			want[id] = expect{how + " " + name, summary, oneLine, ""}
		}
		refused := func(how string, code int, out, errs string, fields ...string) {
			t.Helper()
			if code == 0 || out != "" {
				t.Errorf("%s %s: accepted (exit %d, stdout %q)", how, name, code, out)
				return
			}
			for _, f := range fields {
				if strings.Contains(errs, f) {
					return
				}
			}
			t.Errorf("%s %s: the refusal names none of %v: %s", how, name, fields, errs)
		}

		flags := []string{"create", "--channel=email", "--summary=" + summary, "--complainant-name=" + oneLine, "--location=" + oneLine}
		code, out, errs := run("", flags...)
		if !h.keep {
			refused("create flags", code, out, errs, "summary", "complainant.name")
		} else if code != 0 {
			t.Errorf("create flags %s: exit %d: %s", name, code, errs)
		} else {
			kept++
			id := strings.TrimSpace(out)
			if firstID == "" {
				firstID = id
			}
			check("create flags", id)
			if code, _, errs := run("", "note", id, "--", summary); code != 0 {
				t.Errorf("note %s: %s", name, errs)
			} else {
				e := want[id]
				e.note = summary
				want[id] = e
			}
		}
		if !h.keep {
			code, out, errs := run("", "note", firstID, "--", summary)
			refused("note", code, out, errs, "detail", "note")
		}

		doc := map[string]any{"channel": "email", "summary": summary, "complainant": map[string]any{"name": oneLine}, "incident": map[string]any{"location": oneLine}}
		if strings.ToValidUTF8(h.s, "") == h.s { // JSON and YAML cannot carry invalid UTF-8 escaped
			code, out, errs = run(asciiJSON(t, doc), "create", "--from", "-")
			if !h.keep {
				refused("--from JSON", code, out, errs, "summary", "complainant.name")
			} else if code != 0 {
				t.Errorf("--from JSON %s: exit %d: %s", name, code, errs)
			} else {
				check("--from JSON", strings.TrimSpace(out))
			}
			y, err := yaml.Marshal(doc)
			if err != nil {
				t.Fatal(err)
			}
			code, out, errs = run(string(y), "create", "--from", "-")
			if !h.keep {
				refused("--from YAML", code, out, errs, "summary", "complainant.name", "(stdin):")
			} else if code != 0 {
				t.Errorf("--from YAML %s: exit %d: %s", name, code, errs)
			} else {
				check("--from YAML", strings.TrimSpace(out))
			}
		}
	}
	if kept < 40 {
		t.Fatalf("only %d strings kept: the corpus is not being exercised", kept)
	}

	// Every case as show -o json prints it.
	for id, w := range want {
		s := show(id)
		if s.Summary != w.summary || s.Complainant.Name != w.oneLine || s.Incident.Location != w.oneLine {
			t.Errorf("%s: came back as summary %q, name %q, location %q", w.how, s.Summary, s.Complainant.Name, s.Incident.Location)
		}
		if w.note != "" && s.History[len(s.History)-1].Detail != w.note {
			t.Errorf("note %s: came back as %q", w.how, s.History[len(s.History)-1].Detail)
		}
	}

	// Export, import into empty repositories, export again: the same bytes.
	_, jsonl, _ := run("", "export")
	_, csvOut, _ := run("", "export", "-o", "csv")
	for _, format := range []string{"jsonl", "csv"} {
		other := filepath.Join(dir, "copy-"+format)
		corpusRun("", "init", "-q", other)
		in := jsonl
		if format == "csv" {
			in = csvOut
		}
		if code, _, errs := corpusRun(in, "-C", other, "import", "--format", format, "-"); code != 0 {
			t.Fatalf("import --format %s: %s", format, errs)
		}
		_, again, _ := corpusRun("", "-C", other, "export")
		if again != jsonl {
			t.Errorf("export → import --format %s → export changed the cases", format)
		}
		_, againCSV, _ := corpusRun("", "-C", other, "export", "-o", "csv")
		if againCSV != csvOut {
			t.Errorf("export -o csv after import --format %s differs", format)
		}
	}

	// Refused strings in an import: the file's line and the field (or column) are named, the
	// value is not quoted.
	for _, h := range corpus {
		if h.keep || !h.one {
			continue
		}
		line := `{"id":"2026-0999","status":"received","language":"en","received":"2026-03-01","channel":"email","summary":` + mustJSON(t, h.s) + `,"history":[{"at":"2026-03-01T10:00:00Z","date":"2026-03-01","by":"x","do":"create"}]}`
		if strings.ToValidUTF8(h.s, "") != h.s {
			line = strings.Replace(line, mustJSON(t, h.s), `"`+h.s+`"`, 1)
		}
		code, out, errs := run(line+"\n", "import", "--format", "jsonl", "-")
		if code == 0 || out != "" || !strings.Contains(errs, "(stdin):1:") {
			t.Errorf("import jsonl %q: exit %d, stderr %s", h.s, code, errs)
		}
		if !strings.Contains(errs, "summary") && !strings.Contains(errs, "column") {
			t.Errorf("import jsonl %q: names no field or column: %s", h.s, errs)
		}
		hdr := strings.SplitN(csvOut, "\r\n", 2)[0]
		cols := strings.Split(hdr, ",")
		row := make([]string, len(cols))
		for i, c := range cols {
			switch c {
			case "id":
				row[i] = "2026-0998"
			case "status":
				row[i] = "received"
			case "language":
				row[i] = "en"
			case "received":
				row[i] = "2026-03-01"
			case "channel":
				row[i] = "email"
			case "summary":
				row[i] = `"` + strings.ReplaceAll(h.s, `"`, `""`) + `"`
			case "history":
				row[i] = `"[{""at"":""2026-03-01T10:00:00Z"",""date"":""2026-03-01"",""by"":""x"",""do"":""create""}]"`
			}
		}
		code, out, errs = run(hdr+"\r\n"+strings.Join(row, ",")+"\r\n", "import", "--format", "csv", "-")
		if code == 0 || out != "" || !strings.Contains(errs, "(stdin):2:") || !strings.Contains(errs, "summary") {
			t.Errorf("import csv %q: exit %d, stderr %s", h.s, code, errs)
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
