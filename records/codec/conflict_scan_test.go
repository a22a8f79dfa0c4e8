package codec

import (
	"regexp"
	"testing"
)

// TestConflictMarkerAt agrees with the definition of a marker line as a regexp.
func TestConflictMarkerAt(t *testing.T) {
	def := regexp.MustCompile(`(?m)^(<{7}|={7}|>{7}|\|{7})( |\r?$)`)
	for _, in := range []string{
		"", "id: x\n", "<<<<<<< HEAD\n", "a: 1\n<<<<<<< ours\nb\n=======\nc\n>>>>>>> theirs\n", "a: 1\n=======\n",
		"a: '<<<<<<< not at start'\n", "<<<<<<<<< eight\n", "<<<<<<<x\n", "|||||||  base\n", ">>>>>>>", "=======\r\n",
		"summary: |\n  <<<<<<< indented is text\n", "a\n\n>>>>>>> b",
	} {
		want := -1
		if loc := def.FindStringIndex(in); loc != nil {
			want = loc[0]
		}
		if got := conflictMarkerAt([]byte(in)); got != want {
			t.Errorf("conflictMarkerAt(%q) = %d, want %d", in, got, want)
		}
	}
}
