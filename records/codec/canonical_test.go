package codec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/internal/hostile"
	"github.com/dossier-dev/dossier/records"
)

// CheckCanonicalAgrees reads data with both readers and fails t when they disagree: a file the
// canonical reader accepts must parse strictly to the same case, and ParseReadOnly must give
// Parse's record (without the node tree when the canonical reader read it) or Parse's error,
// word for word. It reports whether the canonical reader took the file.
func CheckCanonicalAgrees(t testing.TB, name string, data []byte) bool {
	t.Helper()
	strict, serr := Parse(name, data)
	read, rerr := ParseReadOnly(name, data)
	if (serr == nil) != (rerr == nil) || serr != nil && serr.Error() != rerr.Error() {
		t.Fatalf("%s: Parse and ParseReadOnly disagree:\n  Parse:        %v\n  ParseReadOnly: %v\n--- file\n%s", name, serr, rerr, data)
	}
	fast := false
	if precheck(name, data) == nil {
		var c records.Case
		c, fast = decodeCanonical(data)
		if fast && serr != nil {
			t.Fatalf("%s: the canonical reader accepts a file the strict reader refuses (%v):\n%q", name, serr, data)
		}
		if fast && !reflect.DeepEqual(c, strict.Case) {
			t.Fatalf("%s: the canonical reader reads another case than the strict reader:\n  canonical: %s\n  strict:    %s\n--- file\n%q", name, dump(c), dump(strict.Case), data)
		}
	}
	if serr != nil {
		return fast
	}
	want := *strict
	if fast {
		want.Doc = nil
	}
	if !reflect.DeepEqual(*read, want) {
		t.Fatalf("%s: ParseReadOnly gives another record than Parse (canonical %v):\n  read:   %s\n  strict: %s", name, fast, dump(read.Case), dump(strict.Case))
	}
	return fast
}

// dump shows a case with the difference between nil and empty that DeepEqual sees.
func dump(c records.Case) string {
	b, _ := json.Marshal(struct {
		Case   records.Case
		Fields map[string]records.FieldValue
	}{c, c.Fields})
	return fmt.Sprintf("%s %#v", b, c.Fields)
}

// caseGen makes random cases from the hostile corpus and YAML's traps, filling every field of
// the model (walked by reflection, so a field added later is covered too).
type caseGen struct {
	r       *rand.Rand
	strings []string
	clean   []string // the strings the text rules keep (newlines and tabs allowed)
	hostile bool     // this case draws from strings, not only from clean
	only    bool     // texts from strings only, no random ones
}

func newCaseGen(seed uint64) *caseGen {
	g := &caseGen{r: rand.New(rand.NewPCG(seed, 0x5eed))}
	for _, h := range append(hostile.OneLine(), hostile.MultiLine()...) {
		g.strings = append(g.strings, h.S)
	}
	g.strings = append(g.strings, yamlTraps...)
	for _, s := range g.strings {
		if records.CheckText(s, true) == nil {
			g.clean = append(g.clean, s)
		}
	}
	return g
}

// yamlTraps are strings whose YAML spelling is easy to get wrong.
var yamlTraps = []string{
	"", "a", "x y", "-a", "-", "--", "---", "...", "?x", "? x", ":x", ": x", "a:b", "a: b", "a:", "a #b", "a#b", "#",
	"'", "''", "\"", "\\", "\\n", "[a]", "{a}", "a,b", "a, b", "a]", "null", "~", "NULL", "Null", "true", "TRUE",
	"1", "-1", "0o7", "1_000", "0.5", ".5", "1e3", "2026-01-02", "2026-01-02T10:00:00Z", "<<", "=", "- ", " x", "x ",
	" ", "\u00a0", "\u0085", "\u2028", "\u2029", "\ufeff", "a\ufeffb", "\t", "\r", "\r\n", "a\n", "a\n\n", "\n", "\na",
	"a\nb", " a\n b", "a\n  b\n", "a\n\nb\n", "a \nb", "|", "|-", ">", "&a", "*a", "!a", "%a", "@a", "`a", "é", "日本",
	"😀", "a\x00b", "\x7f", "\x1b", "\xff", "a\"b", "a'b", "a\\b", "{}", "[]", "a\n---\nb", "a\n...\n", "# c\nd",
	strings.Repeat("x", 41), strings.Repeat("é", 30), strings.Repeat("long text ", 30),
}

func (g *caseGen) text() string {
	pool, alphabet := g.clean, "ab -?:,[]{}#&*!|>'\"%@`\\\n\t~.0123é😀\ufeff"
	if g.hostile || g.only {
		pool, alphabet = g.strings, alphabet+"\r\u0085\u2028\x00"
	}
	if g.only {
		return pool[g.r.IntN(len(pool))]
	}
	switch g.r.IntN(8) {
	case 0: // a random string of YAML's special characters and some others
		runes := []rune(alphabet)
		var b strings.Builder
		for range g.r.IntN(12) + 1 {
			b.WriteRune(runes[g.r.IntN(len(runes))])
		}
		return b.String()
	case 1:
		return pool[g.r.IntN(len(pool))] + pool[g.r.IntN(len(pool))]
	}
	return pool[g.r.IntN(len(pool))]
}

func (g *caseGen) date() records.Date {
	return records.DateOf(time.Unix(g.r.Int64N(5e9)-1e9, 0).UTC())
}

// fill sets v (settable) to a random value; about one field in four is left empty.
func (g *caseGen) fill(v reflect.Value, depth int) {
	switch {
	case v.Type() == typeDate:
		v.Set(reflect.ValueOf(g.date()))
	case v.Type() == typeTimestamp:
		v.Set(reflect.ValueOf(records.Timestamp{Time: time.Unix(g.r.Int64N(5e9)-1e9, 0).UTC()}))
	case v.Type() == typeFields:
		v.Set(reflect.ValueOf(g.fields()))
	case v.Kind() == reflect.String:
		v.SetString(g.text())
	case v.Kind() == reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		g.fill(v.Elem(), depth+1)
	case v.Kind() == reflect.Slice:
		n := g.r.IntN(4) + 1
		s := reflect.MakeSlice(v.Type(), n, n)
		for i := range n {
			// Some items stay empty ({} or ""; a date as {}, which no reader takes back).
			if g.r.IntN(5) > 0 || g.only && s.Index(i).Type() == typeDate {
				g.fill(s.Index(i), depth+1)
			}
		}
		v.Set(s)
	case v.Kind() == reflect.Struct:
		for i := range v.NumField() {
			if g.r.IntN(4) > 0 {
				g.fill(v.Field(i), depth+1)
			}
		}
	}
}

func (g *caseGen) fields() records.Fields {
	names := []string{"program", "yes", "1", "a b", "é", "x-y", "_a", "A", ".x", "-x", "<<", "a:b", "null", "", "x\ny", "'q'"}
	fs := records.Fields{}
	for range g.r.IntN(4) + 1 {
		name := names[g.r.IntN(len(names))]
		if g.r.IntN(3) == 0 {
			name = g.text()
		}
		var v records.FieldValue
		switch g.r.IntN(3) {
		case 0:
			v.Scalar = g.text()
		case 1:
			for range g.r.IntN(3) + 1 {
				v.Codes = append(v.Codes, g.text())
			}
		default:
			for range g.r.IntN(3) + 1 {
				item := map[string]string{}
				for range g.r.IntN(3) {
					item[names[g.r.IntN(len(names))]] = g.text()
				}
				v.Items = append(v.Items, item)
			}
		}
		fs[name] = v
	}
	return fs
}

func (g *caseGen) newCase() records.Case {
	g.hostile = g.r.IntN(4) == 0
	var c records.Case
	g.fill(reflect.ValueOf(&c).Elem(), 0)
	return c
}

const variants = 24

// variant changes a canonical file the way a person, an editor or another tool might, so that
// the canonical reader meets what it must decline or read exactly as the strict one.
func variant(data []byte, which int, r *rand.Rand) []byte {
	lines := strings.SplitAfter(string(data), "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) == 0 {
		return data
	}
	i := r.IntN(len(lines))
	line := strings.TrimSuffix(lines[i], "\n")
	indent := len(line) - len(strings.TrimLeft(line, " "))
	set := func(s string) { lines[i] = s + "\n" }
	switch which % variants {
	case 1:
		return []byte(strings.ReplaceAll(string(data), "\n", "\r\n"))
	case 2:
		set(line + " ")
	case 3:
		set(strings.Repeat("\t", indent/2) + line[indent:])
	case 4:
		lines = append(lines[:i], append([]string{strings.Repeat(" ", indent) + "# a note\n"}, lines[i:]...)...)
	case 5:
		set(line + " # a note")
	case 6:
		lines = append(lines[:i], append([]string{lines[i]}, lines[i:]...)...)
	case 7: // move a top-level field with its block to the end
		if indent == 0 {
			j := i + 1
			for j < len(lines) && strings.HasPrefix(lines[j], " ") {
				j++
			}
			block := append([]string(nil), lines[i:j]...)
			lines = append(append(lines[:i:i], lines[j:]...), block...)
		}
	case 8:
		lines = append(lines[:i], append([]string{strings.Repeat(" ", indent) + "unknown_field: x\n"}, lines[i:]...)...)
	case 9: // requote a value
		if k, v, ok := strings.Cut(line, ": "); ok {
			switch r.IntN(4) {
			case 0:
				set(k + ": '" + strings.ReplaceAll(v, "'", "''") + "'")
			case 1:
				set(k + ": \"" + v + "\"")
			case 2:
				set(k + ": " + strings.Trim(v, "'\""))
			default:
				set(k + ":  " + v)
			}
		}
	case 10:
		lines = append(lines[:i], append([]string{"\n"}, lines[i:]...)...)
	case 11: // a flow list written as a block
		if k, v, ok := strings.Cut(line, ": ["); ok && strings.HasSuffix(v, "]") {
			out := k + ":"
			for _, item := range strings.Split(strings.TrimSuffix(v, "]"), ", ") {
				out += "\n" + strings.Repeat(" ", indent+2) + "- " + item
			}
			set(out)
		}
	case 12: // indented by four
		for j, l := range lines {
			n := len(l) - len(strings.TrimLeft(l, " "))
			lines[j] = strings.Repeat(" ", n) + l
		}
	case 13:
		return bytes.TrimSuffix(data, []byte("\n"))
	case 14:
		return append([]byte("---\n"), data...)
	case 15:
		return append(append([]byte(nil), data...), "...\n"...)
	case 16:
		set(strings.Replace(strings.Replace(line, ": |-", ": >-", 1), ": |", ": |+", 1))
	case 17:
		lines = append(lines[:i], lines[i+1:]...)
	case 18:
		if i+1 < len(lines) {
			lines[i], lines[i+1] = lines[i+1], lines[i]
		}
	case 19:
		if k, v, ok := strings.Cut(line, ": "); ok {
			set(k + ": &a " + v)
		}
	case 20:
		if k, _, ok := strings.Cut(line, ": "); ok {
			set(k + []string{": ~", ":", ": null", ": ''", ": []", ": {}"}[r.IntN(6)])
		}
	case 21: // a key written quoted
		if k, v, ok := strings.Cut(line[indent:], ": "); ok {
			set(line[:indent] + "\"" + k + "\": " + v)
		}
	case 22: // a value continued on the next line
		lines = append(lines[:i+1], append([]string{strings.Repeat(" ", indent+2) + "more\n"}, lines[i+1:]...)...)
	case 23:
		return append([]byte("\uFEFF"), data...)
	}
	return []byte(strings.Join(lines, ""))
}

// Every random case's canonical file, and each of its variants, reads the same through both
// readers; the canonical files themselves nearly all go through the canonical reader.
func TestCanonicalAgreesOnRandomCases(t *testing.T) {
	t.Parallel()
	g := newCaseGen(1)
	fast, total := 0, 0
	for n := range 200 {
		c := g.newCase()
		data, err := Encode(&c)
		if err != nil {
			continue // invalid UTF-8: the encoder refuses it
		}
		if CheckCanonicalAgrees(t, "random.yaml", data) {
			fast++
		}
		total++
		for range 6 { // the fuzz target tries them all
			v := g.r.IntN(variants-1) + 1
			CheckCanonicalAgrees(t, fmt.Sprintf("random-%d-v%d.yaml", n, v), variant(data, v, g.r))
		}
	}
	t.Logf("the canonical reader took %d of %d canonical files", fast, total)
}

// profileFieldName is the rule of a declared field's name (records/fields_check.go).
var (
	profileFieldName    = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)
	profileSubFieldName = regexp.MustCompile(`^[\p{L}_][\p{L}\p{N}_-]*$`)
)

// The canonical files of cases without traps (what dossier writes day to day) all go through
// the canonical reader: one that falls back is a reader that lost its speed.
func TestCanonicalReaderTakesCanonicalFiles(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"testdata/bench/typical.yaml"} {
		data := readFile(t, name)
		if !CheckCanonicalAgrees(t, name, data) {
			t.Errorf("%s: the canonical reader declines it", name)
		}
	}
	g := newCaseGen(2)
	g.strings = []string{"Officer used abusive language.", "L'agent a été « poli »", "ok", "a-b", "x: y", "# not a comment",
		"yes", "2026-01-02", "line one\nline two", "two\n\nparagraphs\n", "  indented", "tab\there", "😀 emoji", "- item",
		"'quoted'", "back\\slash", "trailing ", "C:\\path", "50%", "@home", "[bracket]", "a, b", "Q&A", "x?y", "a #1"}
	g.only = true
	for range 200 {
		c := g.newCase()
		for name := range c.Fields { // names a profile may declare
			if !profileFieldName.MatchString(name) {
				delete(c.Fields, name)
				continue
			}
			for _, item := range c.Fields[name].Items {
				for sub := range item {
					if !profileSubFieldName.MatchString(sub) {
						delete(item, sub)
					}
				}
			}
		}
		data, err := Encode(&c)
		if err != nil {
			t.Fatal(err)
		}
		if !CheckCanonicalAgrees(t, "day-to-day.yaml", data) {
			t.Errorf("the canonical reader declines a canonical file:\n%s", data)
		}
	}
}

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
