// Package render prints rows and objects in the format chosen with -o. It is the only user of
// tablewriter.
package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/template"

	"github.com/dossier-dev/dossier/internal/termtext"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// UnknownFormatError is an -o value the command does not offer (a usage error).
type UnknownFormatError struct {
	Format  string
	Allowed []string
}

func (e *UnknownFormatError) Error() string {
	return fmt.Sprintf("-o: unknown output format %q: use one of %s", e.Format, strings.Join(e.Allowed, ", "))
}

// CheckFormat validates an -o value against the formats a command offers.
func CheckFormat(format string, allowed []string) error {
	if slices.Contains(allowed, format) {
		return nil
	}
	return &UnknownFormatError{Format: format, Allowed: allowed}
}

// Table is rows of text under a header.
type Table struct {
	Header []string
	Rows   [][]string
}

// writeAligned writes t as an aligned table, for a terminal.
func writeAligned(w io.Writer, t Table) error {
	var buf bytes.Buffer
	tbl := tablewriter.NewTable(&buf,
		tablewriter.WithRendition(tw.Rendition{Borders: tw.BorderNone, Settings: tw.Settings{Separators: tw.Separators{BetweenColumns: tw.Off, BetweenRows: tw.Off, ShowHeader: tw.Off}, Lines: tw.Lines{ShowHeaderLine: tw.Off}}}),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithPadding(tw.Padding{Left: "", Right: "  "}),
	)
	tbl.Header(anySlice(t.Header)...)
	for _, r := range t.Rows {
		row := make([]string, len(r))
		for i, cell := range r {
			row[i] = Printable(cell)
		}
		if err := tbl.Append(row); err != nil {
			return err
		}
	}
	if err := tbl.Render(); err != nil {
		return err
	}
	for _, line := range strings.SplitAfter(buf.String(), "\n") {
		if line == "" {
			continue
		}
		if _, err := io.WriteString(w, strings.TrimRight(line, " \n")+"\n"); err != nil {
			return err
		}
	}
	return nil
}

func anySlice(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// Printable shows control and bidirectional characters as \xNN or \uNNNN (termtext, the
// one escape of terminal output), so text from a record can never drive the terminal.
func Printable(s string) string { return termtext.Printable(s) }

// WriteTSV writes a header line and one line per row, tabs between fields; tabs and newlines
// inside a field become spaces so every row stays one line, and a field a spreadsheet would run
// as a formula is escaped as in CSV (EscapeCell): a spreadsheet opens TSV too.
func WriteTSV(w io.Writer, t Table) error {
	clean := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")
	write := func(fields []string) error {
		out := make([]string, len(fields))
		for i, f := range fields {
			out[i] = Printable(clean.Replace(EscapeCell(f)))
		}
		_, err := fmt.Fprintln(w, strings.Join(out, "\t"))
		return err
	}
	if err := write(t.Header); err != nil {
		return err
	}
	for _, r := range t.Rows {
		if err := write(r); err != nil {
			return err
		}
	}
	return nil
}

// WriteCSV writes RFC 4180 CSV. Cells that a spreadsheet would run as a formula (starting with
// = + - @ tab or CR) get a leading apostrophe.
func WriteCSV(w io.Writer, t Table) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(t.Header); err != nil {
		return err
	}
	for _, r := range t.Rows {
		row := make([]string, len(r))
		for i, cell := range r {
			row[i] = NeutralizeFormula(cell)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// NeutralizeFormula is EscapeCell (kept for the callers that name it so).
func NeutralizeFormula(s string) string { return EscapeCell(s) }

// WriteJSON writes v as indented JSON with a final newline; HTML characters are not escaped.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// Template parses a user's --template (text/template over the JSON form of each object).
func Template(text string) (*template.Template, error) {
	t, err := template.New("--template").Option("missingkey=zero").Funcs(template.FuncMap{
		"join": strings.Join,
	}).Parse(text)
	if err != nil {
		return nil, fmt.Errorf("--template: %v", strings.TrimPrefix(strings.TrimPrefix(err.Error(), "template: "), "--template:"))
	}
	return t, nil
}

// ExecTemplate runs t on the JSON form of v (snake_case keys, as in -o json).
func ExecTemplate(w io.Writer, t *template.Template, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	var m any
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	if err := t.Execute(w, m); err != nil {
		return fmt.Errorf("--template: %v", strings.TrimPrefix(err.Error(), "template: "))
	}
	return nil
}
