package codec

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/hostile"
	"github.com/dossier-dev/dossier/records"
	"go.yaml.in/yaml/v3"
)

// CheckEmitAgrees fails the test when the direct path writes c otherwise than yaml.v3, and
// reports whether it took it (for the corpus tests of package codec_test).
func CheckEmitAgrees(t *testing.T, what string, c *records.Case) bool {
	t.Helper()
	return agree(t, what, docOf(c))
}

// agree fails when emitCanonical takes doc and writes other bytes than yaml.v3; it reports
// whether it took it. A document the direct path declines goes to yaml.v3 in EncodeDocument
// whatever yaml.v3 makes of it: there is nothing to compare.
func agree(t *testing.T, what string, doc *yaml.Node) bool {
	t.Helper()
	got, ok := emitCanonical(doc)
	if !ok {
		return false
	}
	want, err := encodeWithYAML(doc)
	if err != nil { // invalid UTF-8 in a string: the direct path must decline it too
		t.Fatalf("%s: yaml.v3 refuses it (%v), the direct path writes\n%s", what, err, got)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s: emitCanonical writes\n%s\nyaml.v3 writes\n%s", what, got, want)
	}
	return true
}

func docOf(c *records.Case) *yaml.Node {
	body := EncodeValue(reflect.ValueOf(*c))
	if body == nil {
		body = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{body}}
}

// Random cases (every field, strings from the hostile corpus and YAML's traps, or one-line ones) and every
// hostile string in the places a string goes are written as yaml.v3 writes them, by
// whichever path takes them.
func TestEmitAgreesWithYAML(t *testing.T) {
	t.Parallel()
	// (cases of hostile strings everywhere go to yaml.v3: the direct path must decline them)
	g := newCaseGen(7)
	direct := 0
	for i := range 300 {
		c := g.newCase()
		if agree(t, fmt.Sprintf("random case %d", i), docOf(&c)) {
			direct++
		}
	}
	t.Logf("the direct path wrote %d of 300 random cases", direct)
	// random cases of one-line strings of YAML's indicators, quotes, spaces, digits, accents:
	// most take the direct path, which must choose plain, single or double quotes as yaml.v3
	g = newCaseGen(11)
	alphabet := []rune("ab AZ-:#',\"é.()+019?!&*[]{}%@`|>~_")
	g.strings, g.only = nil, true
	for range 3000 {
		var b strings.Builder
		for range g.r.IntN(10) + 1 {
			b.WriteRune(alphabet[g.r.IntN(len(alphabet))])
		}
		g.strings = append(g.strings, b.String())
	}
	g.strings = append(g.strings, yamlTraps...)
	direct = 0
	for i := range 2000 {
		c := g.newCase()
		if agree(t, fmt.Sprintf("random one-line case %d", i), docOf(&c)) {
			direct++
		}
	}
	t.Logf("the direct path wrote %d of 2000 random cases of one-line strings", direct)
	// every hostile string and YAML trap in every kind of place a string goes, alone in an
	// otherwise plain record, so that the direct path meets each of them
	strs := append(slices.Clone(yamlTraps), "a\n\xff", "a\n\xffb\n", "x\ny\u0085", "x\n\u2028y")
	for _, h := range append(hostile.OneLine(), hostile.MultiLine()...) {
		strs = append(strs, h.S, h.S+" x", "x "+h.S, "x"+h.S+"y")
	}
	direct = 0
	for _, str := range strs {
		c := &records.Case{ID: "2026-K7M2Q", Status: "received", Summary: str, Channel: str,
			Categories: []string{str, "x"}, Complainant: &records.Party{Name: str, Address: str},
			History: []records.Entry{{Do: "note", By: str, Detail: str}},
			Fields:  records.Fields{"program": {Scalar: str}, "codes": {Codes: []string{str}}, "list": {Items: []map[string]string{{"a": str}}}}}
		if agree(t, "string "+strings.ReplaceAll(str, "\n", `\n`), docOf(c)) {
			direct++
		}
	}
	t.Logf("the direct path wrote %d of %d records of one hostile string", direct, len(strs))
	// and alone in one field (a string declined in one place must not hide another's)
	for _, str := range strs {
		agree(t, "summary "+strings.ReplaceAll(str, "\n", `\n`), docOf(&records.Case{ID: "2026-K7M2Q", Summary: str}))
		agree(t, "address "+strings.ReplaceAll(str, "\n", `\n`), docOf(&records.Case{ID: "2026-K7M2Q", Complainant: &records.Party{Address: str}}))
		agree(t, "category "+strings.ReplaceAll(str, "\n", `\n`), docOf(&records.Case{ID: "2026-K7M2Q", Categories: []string{str}}))
	}
	// and as the name of a declared field and of a list's sub-field (mapping keys)
	direct = 0
	for _, str := range strs {
		c := &records.Case{ID: "2026-K7M2Q", Status: "received",
			Fields: records.Fields{str: {Scalar: "x"}, "list": {Items: []map[string]string{{str: "y", "b": "z"}}}}}
		if agree(t, "key "+strings.ReplaceAll(str, "\n", `\n`), docOf(c)) {
			direct++
		}
	}
	t.Logf("the direct path wrote %d of %d records with one hostile key", direct, len(strs))
	// a list of cases, and an empty one
	agree(t, "a list", &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.SequenceNode, Tag: "!!seq", Content: []*yaml.Node{docOf(&records.Case{ID: "2026-K7M2Q"}).Content[0]}}}})
	agree(t, "an empty case", docOf(&records.Case{}))
}

func FuzzEmitAgreesWithYAML(f *testing.F) {
	for _, s := range []string{"a\n\xff", "a\n\u2028b", "plain text", "Agent: x", "O’Brien", "+1 431 555 7579", "x\ny", "x\n", "yes", "2026-01-01", "a  b", "(note)", "é", "a,b", "#x", "x #y", "\u00a0x", "x\u2028y"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		c := &records.Case{ID: "2026-K7M2Q", Status: "received", Summary: a, Channel: b,
			Categories: []string{a, b}, Complainant: &records.Party{Name: b, Address: a},
			History: []records.Entry{{Do: "note", By: a, Detail: b}}}
		agree(t, "fuzzed", docOf(c))
		keys := &records.Case{ID: "2026-K7M2Q", Fields: records.Fields{a: {Scalar: b}, "l": {Items: []map[string]string{{b: a}}}}}
		agree(t, "fuzzed keys", docOf(keys))
		agree(t, "fuzzed summary", docOf(&records.Case{ID: "2026-K7M2Q", Summary: a}))
	})
}

// mayBeTrap never rules out a string the expression matches.
func FuzzMayBeTrap(f *testing.F) {
	for _, s := range yamlTraps {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if yaml11Trap().MatchString(s) && !mayBeTrap(s) {
			t.Errorf("%q matches the expression, mayBeTrap rules it out", s)
		}
	})
}

func TestMayBeTrap(t *testing.T) {
	for _, s := range append(slices.Clone(yamlTraps), "Yes", "OFF", "False", "NULL", "-.INF", ".NaN", "0x1F", "1_000", "12:30", "2026-01-02 10:00", "<<", "=") {
		if yaml11Trap().MatchString(s) && !mayBeTrap(s) {
			t.Errorf("%q matches the expression, mayBeTrap rules it out", s)
		}
	}
}
