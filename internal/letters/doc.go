package letters

import (
	"strings"

	"github.com/dossier-dev/dossier/internal/locale"
	"github.com/dossier-dev/dossier/records"
)

// Doc is a rendered letter: the template's Markdown output with its data still marked, and the
// blocks every format is written from.
type Doc struct {
	Title  string
	Lang   string
	CaseID string
	Date   records.Date // the letter's date
	marked string
	Blocks []Block
}

// Block kinds.
const (
	BlockHeading   = "heading"
	BlockParagraph = "paragraph"
	BlockList      = "list"
	BlockRule      = "rule"
)

// Block is a heading (Level 1–3), a paragraph, a list (Items) or a rule.
type Block struct {
	Kind  string
	Level int
	Spans []Span
	Items [][]Span
}

// Span is a run of text, or a line break. Data spans come from the case or the configuration:
// they are never read as markup.
type Span struct {
	Text  string
	Bold  bool
	Data  bool
	Break bool
}

func newDoc(title, lang, id string, date records.Date, out string) *Doc {
	if lang == "fr" {
		out = mapLiteral(out, locale.FrenchTypography)
	}
	d := &Doc{Title: title, Lang: lang, CaseID: id, Date: date, marked: out}
	d.Blocks = parseBlocks(out)
	return d
}

// mapLiteral applies fn to the template's own text, leaving the data as it is.
func mapLiteral(s string, fn func(string) string) string {
	var b strings.Builder
	for s != "" {
		i := strings.IndexRune(s, dataOpen)
		if i < 0 {
			b.WriteString(fn(s))
			break
		}
		b.WriteString(fn(s[:i]))
		j := strings.IndexRune(s[i:], dataClose)
		if j < 0 {
			b.WriteString(s[i:])
			break
		}
		j += i + len(string(dataClose))
		b.WriteString(s[i:j])
		s = s[j:]
	}
	return b.String()
}

// parseBlocks reads the Markdown subset letters use: # headings, paragraphs (a line ending in
// a backslash or two spaces breaks the line), - lists, --- rules, **bold**.
func parseBlocks(s string) []Block {
	var blocks []Block
	var para []string
	var list [][]string
	flush := func() {
		if len(para) > 0 {
			blocks = append(blocks, Block{Kind: BlockParagraph, Spans: inline(para)})
			para = nil
		}
		if len(list) > 0 {
			b := Block{Kind: BlockList}
			for _, it := range list {
				b.Items = append(b.Items, inline(it))
			}
			blocks = append(blocks, b)
			list = nil
		}
	}
	for _, line := range strings.Split(s, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
			flush()
		case trimmed == "---" || trimmed == "***":
			flush()
			blocks = append(blocks, Block{Kind: BlockRule})
		case headingLevel(trimmed) > 0:
			flush()
			lvl := headingLevel(trimmed)
			blocks = append(blocks, Block{Kind: BlockHeading, Level: lvl, Spans: inline([]string{trimmed[lvl+1:]})})
		case strings.HasPrefix(trimmed, "- ") || strings.HasPrefix(trimmed, "* "):
			if len(para) > 0 {
				flush()
			}
			list = append(list, []string{trimmed[2:]})
		case len(list) > 0:
			list[len(list)-1] = append(list[len(list)-1], line)
		default:
			para = append(para, line)
		}
	}
	flush()
	return blocks
}

func headingLevel(line string) int {
	n := 0
	for n < len(line) && line[n] == '#' {
		n++
	}
	if n == 0 || n > 3 || len(line) <= n || line[n] != ' ' {
		return 0
	}
	return n
}

// inline turns the lines of one block into spans: lines join with a space, or with a break
// after a backslash or two trailing spaces; ** toggles bold outside data; a backslash escapes
// the punctuation after it.
func inline(lines []string) []Span {
	var spans []Span
	bold := false
	var cur strings.Builder
	emit := func(data bool) {
		if cur.Len() > 0 {
			spans = append(spans, Span{Text: cur.String(), Bold: bold, Data: data})
			cur.Reset()
		}
	}
	for i, line := range lines {
		hard := false
		switch {
		case strings.HasSuffix(line, "\\") && !strings.HasSuffix(line, "\\\\"):
			line, hard = strings.TrimSuffix(line, "\\"), true
		case strings.HasSuffix(line, "  "):
			hard = true
		}
		line = strings.TrimSpace(line)
		rs := []rune(line)
		for j := 0; j < len(rs); j++ {
			r := rs[j]
			switch {
			case r == dataOpen:
				emit(false)
				k := j + 1
				for k < len(rs) && rs[k] != dataClose {
					if rs[k] == dataBreak {
						emit(true)
						spans = append(spans, Span{Break: true})
					} else {
						cur.WriteRune(rs[k])
					}
					k++
				}
				emit(true)
				j = k
			case r == '\\' && j+1 < len(rs) && strings.ContainsRune("\\`*_[]{}()#+-.!<>|", rs[j+1]):
				cur.WriteRune(rs[j+1])
				j++
			case r == '*' && j+1 < len(rs) && rs[j+1] == '*':
				emit(false)
				bold = !bold
				j++
			default:
				cur.WriteRune(r)
			}
		}
		emit(false)
		if hard && i < len(lines)-1 {
			spans = append(spans, Span{Break: true})
		}
		if !hard && i < len(lines)-1 {
			cur.WriteByte(' ')
		}
	}
	emit(false)
	return trimSpans(spans)
}

// trimSpans drops the space runs that joining left at the ends of lines, and the breaks at
// the ends of the block.
func trimSpans(spans []Span) []Span {
	var out []Span
	for i, s := range spans {
		if !s.Break && !s.Data {
			if i == 0 || spans[i-1].Break {
				s.Text = strings.TrimLeft(s.Text, " ")
			}
			if i == len(spans)-1 || spans[i+1].Break {
				s.Text = strings.TrimRight(s.Text, " ")
			}
			if s.Text == "" {
				continue
			}
		}
		out = append(out, s)
	}
	for len(out) > 0 && out[len(out)-1].Break {
		out = out[:len(out)-1]
	}
	for len(out) > 0 && out[0].Break {
		out = out[1:] // a first line left empty by a withheld value
	}
	return out
}
