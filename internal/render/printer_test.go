package render

import (
	"bytes"
	"errors"
	"testing"
)

func TestOfferChoose(t *testing.T) {
	o := Offer{Formats: []string{"table", "tsv", "csv", "json"}, Pipe: "tsv"}
	for _, tc := range []struct {
		asked           string
		given, terminal bool
		want            string
	}{
		{"table", false, true, "table"}, // the flag's default, on a terminal
		{"table", false, false, "tsv"},  // the flag's default, in a pipe
		{"table", true, false, "table"}, // asked for: even in a pipe
		{"csv", true, true, "csv"},
		{"", false, true, "table"},
	} {
		if got, err := o.Choose(tc.asked, tc.given, tc.terminal); err != nil || got != tc.want {
			t.Errorf("Choose(%q, %v, %v) = %q, %v; want %q", tc.asked, tc.given, tc.terminal, got, err, tc.want)
		}
	}
	_, err := o.Choose("xml", true, true)
	var uf *UnknownFormatError
	if !errors.As(err, &uf) || err.Error() != `-o: unknown output format "xml": use one of table, tsv, csv, json` {
		t.Errorf("unknown format: %v", err)
	}
}

func TestPrinterFormats(t *testing.T) {
	tbl := Table{Header: []string{"ID", "WHERE"}, Rows: [][]string{{"2026-0001", "=1+1"}, {"2026-0002", "a|b"}}}
	for format, want := range map[string]string{
		"tsv":  "ID\tWHERE\n2026-0001\t'=1+1\n2026-0002\ta|b\n",
		"csv":  "ID,WHERE\r\n2026-0001,'=1+1\r\n2026-0002,a|b\r\n",
		"ids":  "2026-0001\n2026-0002\n",
		"md":   "| ID | WHERE |\n|:--|:--|\n| 2026-0001 | =1+1 |\n| 2026-0002 | a\\|b |\n",
		"json": "{\n  \"n\": 1\n}\n",
	} {
		var b bytes.Buffer
		p := &Printer{Format: format, W: &b}
		if err := p.Print(Output{Table: tbl, TextColumns: 2, Object: map[string]int{"n": 1}}); err != nil {
			t.Fatal(err)
		}
		if b.String() != want {
			t.Errorf("-o %s:\n got %q\nwant %q", format, b.String(), want)
		}
	}
	var b bytes.Buffer
	if err := (&Printer{Format: "yaml", W: &b}).Print(Output{}); err == nil {
		t.Error("a format the command has no writer for must be an error, not empty output")
	}
}

func TestLongIsOneTable(t *testing.T) {
	got := Long(Table{Header: []string{"status", "N"}, Rows: [][]string{{"received", "2"}}},
		Table{Header: []string{"days", "N"}, Rows: [][]string{{"0-30", "1"}}})
	var b bytes.Buffer
	if err := WriteCSV(&b, got); err != nil {
		t.Fatal(err)
	}
	if want := "table,key,count\r\nstatus,received,2\r\ndays,0-30,1\r\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

func TestMarkdownCell(t *testing.T) {
	for in, want := range map[string]string{
		"plain text, 2026-01-05": "plain text, 2026-01-05",
		"<script>|x":             "&lt;script&gt;\\|x",
		"*a* _b_ [c](d) `e` ~f~": "\\*a\\* \\_b\\_ \\[c\\](d) \\`e\\` \\~f\\~",
		"&amp; \\":               "&amp;amp; \\\\",
		"two\nlines\r\n":         "two lines ",
		"\x1b[31m":               "\\x1b\\[31m",
	} {
		if got := MarkdownCell(in); got != want {
			t.Errorf("MarkdownCell(%q) = %q, want %q", in, got, want)
		}
	}
}
