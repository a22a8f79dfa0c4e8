package letters

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"
	"unicode/utf8"
)

// Formats a letter can be written in.
var Formats = []string{"md", "txt", "html", "pdf"}

// Write writes the letter in format (one of Formats).
func (d *Doc) Write(w io.Writer, format string) error {
	switch format {
	case "md":
		_, err := io.WriteString(w, d.Markdown())
		return err
	case "txt":
		_, err := io.WriteString(w, d.Text(TextWidth))
		return err
	case "html":
		return d.HTML(w)
	case "pdf":
		return d.PDF(w)
	}
	return fmt.Errorf("unknown letter format %q: use one of %s", format, strings.Join(Formats, ", "))
}

// Markdown is the template's output with the data escaped so that it reads as text, not
// Markdown; a line break inside data is a hard break.
func (d *Doc) Markdown() string {
	var b strings.Builder
	s := d.marked
	for s != "" {
		i := strings.IndexRune(s, dataOpen)
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		s = s[i+len(string(dataOpen)):]
		j := strings.IndexRune(s, dataClose)
		if j < 0 {
			j = len(s)
		}
		b.WriteString(escapeMarkdown(s[:j]))
		s = strings.TrimPrefix(s[j:], string(dataClose))
	}
	return tidyLines(b.String())
}

var markdownSpecial = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`, "#", `\#`, "|", `\|`,
)

func escapeMarkdown(s string) string {
	lines := strings.Split(s, string(dataBreak))
	for i, l := range lines {
		l = markdownSpecial.Replace(l)
		if i > 0 && (strings.HasPrefix(l, "-") || strings.HasPrefix(l, "+")) {
			l = `\` + l
		}
		lines[i] = l
	}
	return strings.Join(lines, "\\\n")
}

// tidyLines drops leading blank lines and runs of more than one blank line, and ends the text
// with exactly one newline. Trailing spaces stay: in Markdown they are line breaks.
func tidyLines(s string) string {
	lines := strings.Split(s, "\n")
	var out []string
	blank := true
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			if blank {
				continue
			}
			blank = true
			out = append(out, "")
			continue
		}
		blank = false
		out = append(out, l)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n") + "\n"
}

// TextWidth is the width plain-text letters are wrapped at.
const TextWidth = 72

// Text is the letter as plain text wrapped at width columns (a word longer than the width
// gets a line of its own).
func (d *Doc) Text(width int) string {
	var b strings.Builder
	for i, bl := range d.Blocks {
		if i > 0 {
			b.WriteString("\n")
		}
		switch bl.Kind {
		case BlockHeading:
			text := plain(bl.Spans)
			b.WriteString(wrap(text, width, "", ""))
			underline := "="
			if bl.Level > 1 {
				underline = "-"
			}
			b.WriteString(strings.Repeat(underline, min(width, longestLine(text))) + "\n")
		case BlockParagraph:
			b.WriteString(wrap(plain(bl.Spans), width, "", ""))
		case BlockList:
			for _, it := range bl.Items {
				b.WriteString(wrap(plain(it), width, "- ", "  "))
			}
		case BlockRule:
			b.WriteString(strings.Repeat("-", width) + "\n")
		}
	}
	return b.String()
}

// plain is the spans' text with "\n" for breaks.
func plain(spans []Span) string {
	var b strings.Builder
	for _, s := range spans {
		if s.Break {
			b.WriteString("\n")
		} else {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

func longestLine(s string) int {
	n := 0
	for _, l := range strings.Split(s, "\n") {
		n = max(n, utf8.RuneCountInString(l))
	}
	return n
}

// wrap fills each line of text to width, breaking at ordinary spaces only (never at a
// non-breaking space) and keeping runs of spaces inside a line (Toronto ON  M7A 2T4); first
// prefixes the first output line, indent the others.
func wrap(text string, width int, first, indent string) string {
	var b strings.Builder
	prefix := first
	for _, line := range strings.Split(text, "\n") {
		words := strings.Split(line, " ")
		cur := prefix
		n := utf8.RuneCountInString(cur)
		empty := true
		for _, w := range words {
			if w == "" && empty {
				continue // spaces at the start of a line
			}
			wl := utf8.RuneCountInString(w)
			if !empty && n+1+wl > width {
				b.WriteString(cur + "\n")
				cur, n, empty = indent, utf8.RuneCountInString(indent), true
			}
			if !empty {
				cur += " "
				n++
			}
			cur += w
			n += wl
			empty = false
		}
		b.WriteString(strings.TrimRight(cur, " ") + "\n")
		prefix = indent
	}
	return b.String()
}

//go:embed letter.css
var stylesheet string

var pageTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("letter.html").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<style>
{{.CSS}}</style>
</head>
<body>
<article class="letter">
{{range .Blocks}}{{if eq .Kind "heading"}}{{if eq .Level 1}}<h1>{{template "spans" .Spans}}</h1>
{{else if eq .Level 2}}<h2>{{template "spans" .Spans}}</h2>
{{else}}<h3>{{template "spans" .Spans}}</h3>
{{end}}{{else if eq .Kind "list"}}<ul>
{{range .Items}}<li>{{template "spans" .}}</li>
{{end}}</ul>
{{else if eq .Kind "rule"}}<hr>
{{else}}<p>{{template "spans" .Spans}}</p>
{{end}}{{end}}</article>
</body>
</html>
{{define "spans"}}{{range .}}{{if .Break}}<br>
{{else if .Bold}}<strong>{{.Text}}</strong>{{else}}{{.Text}}{{end}}{{end}}{{end}}`))
})

// HTML writes the letter as a standalone page with a print stylesheet. html/template escapes
// every piece of text; only the page's own tags are markup.
func (d *Doc) HTML(w io.Writer) error {
	return pageTemplate().Execute(w, struct {
		*Doc
		CSS template.CSS
	}{d, template.CSS(stylesheet)})
}
