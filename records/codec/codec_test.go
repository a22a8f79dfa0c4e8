package codec

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/golden")

// TestGoldenCanonical: each testdata/golden/input/NAME.yaml, written the way a person might,
// encodes to exactly testdata/golden/NAME.yaml, which is a fixed point of the encoding.
func TestGoldenCanonical(t *testing.T) {
	inputs, _ := filepath.Glob("testdata/golden/input/*.yaml")
	if len(inputs) == 0 {
		t.Fatal("no golden inputs")
	}
	for _, in := range inputs {
		name := filepath.Base(in)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			rec, err := Parse(name, data)
			if err != nil {
				t.Fatal(err)
			}
			got, err := EncodeRecord(rec)
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata/golden", name)
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./records -run TestGoldenCanonical -update, then read the result)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("canonical form of %s:\n%s\nwant (%s):\n%s", in, got, golden, want)
			}
			again, err := Parse(golden, want)
			if err != nil {
				t.Fatal(err)
			}
			if twice, _ := EncodeRecord(again); !bytes.Equal(twice, want) {
				t.Errorf("encoding %s again changed it:\n%s", golden, twice)
			}
			if !strings.HasSuffix(string(got), "\n") || strings.HasSuffix(string(got), "\n\n") || strings.Contains(string(got), "\r") {
				t.Errorf("not LF with exactly one trailing newline: %q", got)
			}
		})
	}
}

// TestYAML11Traps: text that a YAML 1.1 reader would take for a boolean, a number, a null or a
// date is quoted, and reads back as the same text.
func TestYAML11Traps(t *testing.T) {
	traps := []string{"no", "No", "NO", "yes", "y", "n", "on", "off", "true", "False", "null", "Null", "~",
		"0412345678", "012345", "1e3", "1E3", "0x1F", "0o17", "0b101", "1:20", "190:20:30", ".inf", "-.inf",
		".NaN", "2026-01-15", "2026-01-15T10:00:00Z", "1_000", "3.14", "+1", "-1", "<<", "="}
	for _, trap := range traps {
		c := records.Case{ID: "2026-K7M2Q", Status: records.StatusReceived, Language: "en", Received: records.Date{Year: 2026, Month: 1, Day: 15},
			Complainant: &records.Party{Name: trap, Phone: trap}, Flags: []string{trap}, Summary: trap,
			History: []records.Entry{{At: mustTime(t, "2026-01-15T14:02:11Z"), By: trap, Do: records.ActCreate, Detail: trap}}}
		data, err := Encode(&c)
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(string(data), `"`+trap+`"`); n != 6 {
			t.Errorf("%q is double-quoted %d times of 6:\n%s", trap, n, data)
		}
		rec, err := Parse("traps.yaml", data)
		if err != nil {
			t.Fatalf("%q: %v\n%s", trap, err, data)
		}
		got := rec.Case
		for field, v := range map[string]string{"complainant.name": got.Complainant.Name, "complainant.phone": got.Complainant.Phone,
			"flags[0]": got.Flags[0], "summary": got.Summary, "history[0].by": got.History[0].By, "history[0].detail": got.History[0].Detail} {
			if v != trap {
				t.Errorf("%s: wrote %q, read back %q:\n%s", field, trap, v, data)
			}
		}
	}
}

// TestPlainStringsStayPlain: ordinary text is not quoted (records stay pleasant to edit).
func TestPlainStringsStayPlain(t *testing.T) {
	c := records.Case{ID: "2026-K7M2Q", Status: records.StatusReceived, Language: "fr", Received: records.Date{Year: 2026, Month: 1, Day: 15},
		Complainant: &records.Party{Name: "Marie Tremblay", Phone: "+1 613 555 0100"}, Summary: "Langage grossier"}
	data, err := Encode(&c)
	if err != nil {
		t.Fatal(err)
	}
	want := `id: 2026-K7M2Q
status: received
language: fr
received: 2026-01-15
complainant:
  name: Marie Tremblay
  phone: +1 613 555 0100
summary: Langage grossier
`
	if string(data) != want {
		t.Errorf("got\n%s\nwant\n%s", data, want)
	}
}

func TestMultilineSummaryIsLiteralBlock(t *testing.T) {
	for _, tc := range []struct{ summary, want string }{
		{"one\ntwo\n", "summary: |\n  one\n  two\n"},
		{"one\ntwo", "summary: |-\n  one\n  two\n"},
		{"one\n\nthree\n", "summary: |\n  one\n\n  three\n"},
	} {
		data, err := Encode(&records.Case{Summary: tc.summary})
		if err != nil {
			t.Fatal(err)
		}
		if string(data) != tc.want {
			t.Errorf("summary %q: got\n%s\nwant\n%s", tc.summary, data, tc.want)
		}
	}
	// Text a literal block cannot carry exactly is double-quoted, and still reads back.
	for _, s := range []string{"\n", "\nlead", "trailing \nspace", "tab\there\n", "cr\r\nlf", " lead\nspace"} {
		data, err := Encode(&records.Case{Summary: s})
		if err != nil {
			t.Fatal(err)
		}
		rec, err := Parse("s.yaml", data)
		if err != nil || rec.Case.Summary != s {
			t.Errorf("summary %q did not survive (%v):\n%s", s, err, data)
		}
	}
}

func mustTime(t *testing.T, s string) records.Timestamp {
	t.Helper()
	ts, err := records.ParseTimestamp(s)
	if err != nil {
		t.Fatal(err)
	}
	return ts
}
