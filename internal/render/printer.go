package render

import (
	"fmt"
	"io"
	"strings"
	"text/template"
)

// The output formats a command may offer with -o.
const (
	FormatTable    = "table"    // aligned columns, for a person at a terminal
	FormatTSV      = "tsv"      // a header line, tabs between fields: the default in a pipe
	FormatCSV      = "csv"      // RFC 4180, for spreadsheets
	FormatJSON     = "json"     // the object, snake_case keys that only ever grow
	FormatYAML     = "yaml"     // the object in canonical record YAML
	FormatIDs      = "ids"      // the first column, one a line
	FormatMarkdown = "md"       // a Markdown table, or the command's Markdown document
	FormatHTML     = "html"     // the command's HTML document
	FormatTemplate = "template" // a Go template over the JSON form of each item
	FormatText     = "text"     // the command's own text (show)
	FormatJSONL    = "jsonl"    // one JSON object a line (export writes it itself)
)

// Offer is the formats a command offers with -o. The first is the default; Pipe, when set,
// is the default when stdout is not a terminal (a table for a person, TSV for a program).
type Offer struct {
	Formats []string
	Pipe    string
}

// Choose is the format to print in: asked (what -o says, checked against the offer) when the
// user gave it, else the default for where stdout goes.
func (o Offer) Choose(asked string, given, terminal bool) (string, error) {
	if !given {
		if !terminal && o.Pipe != "" {
			return o.Pipe, nil
		}
		if asked == "" {
			return o.Formats[0], nil
		}
	}
	return asked, CheckFormat(asked, o.Formats)
}

// Printer prints a command's output in the one format chosen with -o.
type Printer struct {
	Format string
	W      io.Writer
}

// NewPrinter chooses the format (see Offer.Choose) and returns the printer for it, or an
// UnknownFormatError listing the formats the command offers.
func NewPrinter(w io.Writer, o Offer, asked string, given, terminal bool) (*Printer, error) {
	format, err := o.Choose(asked, given, terminal)
	if err != nil {
		return nil, err
	}
	return &Printer{Format: format, W: w}, nil
}

// Output is what a command hands the printer: its rows and its object, and its own writers for
// the formats only it knows how to write. Each format takes the part it prints.
type Output struct {
	Table       Table                  // table, tsv, csv, md (when Text is nil), ids (the first column)
	TextColumns int                    // md table: the first TextColumns columns are text (left-aligned), the rest numbers
	Object      any                    // json
	YAML        func() ([]byte, error) // yaml: the command's encoding of the object
	Items       []any                  // template: run once per item
	Template    *template.Template     // template
	Text        func(io.Writer) error  // text, html, and md when the command renders a document
}

// Print writes out in the printer's format: the one place a format is turned into bytes.
// Formulas are neutralised in TSV and CSV (EscapeCell), Markdown syntax in Markdown cells
// (MarkdownCell), control characters in tables (Printable).
func (p *Printer) Print(out Output) error {
	switch p.Format {
	case FormatTable:
		return writeAligned(p.W, out.Table)
	case FormatTSV:
		return WriteTSV(p.W, out.Table)
	case FormatCSV:
		return WriteCSV(p.W, out.Table)
	case FormatMarkdown:
		if out.Text != nil {
			return out.Text(p.W)
		}
		return WriteMarkdown(p.W, out.Table, out.TextColumns)
	case FormatText, FormatHTML:
		if out.Text != nil {
			return out.Text(p.W)
		}
	case FormatJSON:
		return WriteJSON(p.W, out.Object)
	case FormatYAML:
		if out.YAML != nil {
			data, err := out.YAML()
			if err != nil {
				return err
			}
			_, err = p.W.Write(data)
			return err
		}
	case FormatIDs:
		for _, r := range out.Table.Rows {
			if _, err := fmt.Fprintln(p.W, Printable(r[0])); err != nil {
				return err
			}
		}
		return nil
	case FormatTemplate:
		if out.Template != nil {
			for _, it := range out.Items {
				if err := ExecTemplate(p.W, out.Template, it); err != nil {
					return err
				}
			}
			return nil
		}
	}
	return fmt.Errorf("-o %s: this command has nothing to print in that format", p.Format)
}

// Long turns several tables of counts into one table with one header, for a CSV or TSV that a
// spreadsheet reads as one table: a table column naming each row's table (its first header),
// the row's key and its count. Every table has two columns, the key and the count.
func Long(tables ...Table) Table {
	t := Table{Header: []string{"table", "key", "count"}}
	for _, tb := range tables {
		for _, r := range tb.Rows {
			t.Rows = append(t.Rows, append([]string{tb.Header[0]}, r...))
		}
	}
	return t
}

// WriteMarkdown writes t as a Markdown table, the first nText columns left-aligned and the
// others (counts) right-aligned. Every cell of the rows goes through MarkdownCell.
func WriteMarkdown(w io.Writer, t Table, nText int) error {
	var b strings.Builder
	line := func(cells []string, esc func(string) string) {
		b.WriteString("|")
		for _, c := range cells {
			b.WriteString(" " + esc(c) + " |")
		}
		b.WriteString("\n")
	}
	line(t.Header, headerCell.Replace) // the command's own words: only what would break the table
	b.WriteString("|")
	for i := range t.Header {
		if i < nText {
			b.WriteString(":--|")
		} else {
			b.WriteString("--:|")
		}
	}
	b.WriteString("\n")
	for _, r := range t.Rows {
		line(r, MarkdownCell)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownCell escapes what Markdown (and the HTML it may carry) would read as syntax in an
// inline cell: emphasis, code, links and images, raw HTML and entities, strike-through, the
// table's pipes; line breaks become spaces so a row stays one line.
var markdownCell = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "~", `\~`, "|", `\|`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "\r\n", " ", "\n", " ", "\r", " ",
)

var headerCell = strings.NewReplacer("|", `\|`, "\n", " ", "\r", " ")

// MarkdownCell makes text from a record safe as the text of a Markdown table cell or inline
// text: it shows as written, never as markup, a link or HTML.
func MarkdownCell(s string) string { return Printable(markdownCell.Replace(s)) }
