package records

import (
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/hostile"
)

// TestTextRulesCorpus: printable text passes the rules untouched, and each refused string is
// refused with its byte offset, in a one-line field and in a raw document alike.
func TestTextRulesCorpus(t *testing.T) {
	t.Parallel()
	for _, h := range hostile.OneLine() {
		err := CheckText(h.S, false)
		if h.Keep != (err == nil) {
			t.Errorf("oneline.txt:%d %q: keep=%v, CheckText = %v", h.Line, h.S, h.Keep, err)
		}
		_, _, derr := CheckDocumentText([]byte("summary: " + h.S))
		if h.Keep != (derr == nil) && !strings.Contains(h.S, "\r") {
			t.Errorf("oneline.txt:%d %q: keep=%v, CheckDocumentText = %v", h.Line, h.S, h.Keep, derr)
		}
		if err != nil && !strings.Contains(err.Error(), "at byte ") {
			t.Errorf("oneline.txt:%d: %v names no byte offset", h.Line, err)
		}
	}
	for _, h := range hostile.MultiLine() {
		if err := CheckText(h.S, true); h.Keep != (err == nil) {
			t.Errorf("multiline.txt:%d %q: keep=%v, CheckText = %v", h.Line, h.S, h.Keep, err)
		}
		if CheckText(h.S, false) == nil {
			t.Errorf("multiline.txt:%d %q: accepted in a one-line field", h.Line, h.S)
		}
	}
}

func TestCheckTextOffset(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]string{
		"ab\u0085":     "contains a control character (U+0085) at byte 2: remove it",
		"😀\ufffe":      "contains a non-character (U+FFFE) at byte 4: remove it",
		"x\xff":        "invalid UTF-8 at byte 1: save the text as UTF-8",
		"\U0010FFFF":   "contains a non-character (U+10FFFF) at byte 0: remove it",
		"ok\u2028done": "contains a control character (U+2028) at byte 2: remove it",
	} {
		if err := CheckText(s, true); err == nil || err.Error() != want {
			t.Errorf("CheckText(%q) = %v, want %s", s, err, want)
		}
	}
}

// A field added to the model is visited without a change to the walker.
func TestVisitStringsWalksTheModel(t *testing.T) {
	t.Parallel()
	c := &Case{ImportKey: "k", Respondent: &Respondent{Officers: []Officer{{Name: "n"}}}, History: []Entry{{Detail: "d"}}}
	seen := map[string]string{}
	visitStrings(c, func(field func() string, leaf, v string) { seen[field()] = leaf })
	for field, leaf := range map[string]string{"import_key": "import_key", "respondent.officers[0].name": "name", "history[0].detail": "detail"} {
		if seen[field] != leaf {
			t.Errorf("visitStrings: %s (leaf %s) not visited: %v", field, leaf, seen)
		}
	}
}
