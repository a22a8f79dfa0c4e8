package render

import (
	"bytes"
	"encoding/csv"
	"testing"
)

func TestNeutralizeFormula(t *testing.T) {
	for in, want := range map[string]string{
		"=1+2": "'=1+2", "+cmd": "'+cmd", "-2+3": "'-2+3", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx",
		"-91": "-91", "+3.5": "+3.5", "12": "12", "plain": "plain", "": "", "-": "'-",
	} {
		if got := NeutralizeFormula(in); got != want {
			t.Errorf("NeutralizeFormula(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteCSVReadsBack(t *testing.T) {
	var b bytes.Buffer
	tbl := Table{Header: []string{"a", "b"}, Rows: [][]string{{"=HYPERLINK(\"x\")", "line\nbreak, \"quoted\""}, {"-5", "ok"}}}
	if err := WriteCSV(&b, tbl); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if rows[1][0] != "'=HYPERLINK(\"x\")" || rows[1][1] != "line\nbreak, \"quoted\"" || rows[2][0] != "-5" {
		t.Fatalf("read back %q", rows)
	}
}

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"plain": "plain", "two\nlines\tand tab": "two\nlines\tand tab", "\x1b[31mred": `\x1b[31mred`,
		"cr\rover": `cr\x0dover`, "del\x7f": `del\x7f`, "c1\u009b": `c1\x9b`, "é ü «»": "é ü «»",
	} {
		if got := Printable(in); got != want {
			t.Errorf("Printable(%q) = %q, want %q", in, got, want)
		}
	}
}
