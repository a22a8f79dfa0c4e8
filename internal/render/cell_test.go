package render

import "testing"

func TestEscapeCell(t *testing.T) {
	for in, want := range map[string]string{
		"=1+2": "'=1+2", "+cmd": "'+cmd", "-2+3": "'-2+3", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx",
		"'=1+1": "''=1+1", "'": "''", "'plain": "''plain",
		"-91": "-91", "+3.5": "+3.5", "12": "12", "plain": "plain", "": "", "-": "'-",
	} {
		if got := EscapeCell(in); got != want {
			t.Errorf("EscapeCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// The escape is reversible and unambiguous: a real '=1+1 and a neutralised =1+1 differ.
func TestUnescapeCellReversesEscapeCell(t *testing.T) {
	for _, s := range []string{"", "'", "''", "=1+1", "'=1+1", "''=1+1", "-91", "'-91", "\t", "\r\n", "@", "plain", "  lead"} {
		if got := UnescapeCell(EscapeCell(s)); got != s {
			t.Errorf("UnescapeCell(EscapeCell(%q)) = %q", s, got)
		}
	}
	if EscapeCell("=1+1") == EscapeCell("'=1+1") {
		t.Error("a real '=1+1 and a neutralised =1+1 escape alike")
	}
}
