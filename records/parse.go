package records

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// MaxRecordSize is the largest record file dossier reads; a case file is a few kilobytes.
const MaxRecordSize = 1 << 20

// Severity tells whether a problem blocks a write (an error) or is only reported (a warning).
type Severity int

const (
	SeverityError Severity = iota
	SeverityWarning
)

// Problem is the one form of everything wrong with a record, a profile, a policy or a
// template: where it is (file, line, column — each optional), the field it is about, what is
// wrong and how to fix it, and whether it blocks a write. Printed as
// "file:line:col: field: message" ("warning: message" for a warning). A *Problem is an error.
type Problem struct {
	File     string
	Line     int
	Col      int
	Field    string
	Msg      string
	Severity Severity
}

// IsWarning reports whether the problem is reported but does not block a write.
func (e Problem) IsWarning() bool { return e.Severity == SeverityWarning }

func (e *Problem) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
			if e.Col > 0 {
				fmt.Fprintf(&b, ":%d", e.Col)
			}
		}
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	if e.IsWarning() {
		b.WriteString("warning: ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

func nodeError(n *yaml.Node, path, format string, args ...any) *Problem {
	return &Problem{Line: n.Line, Col: n.Column, Field: path, Msg: fmt.Sprintf(format, args...)}
}

// Record is a parsed record file: the typed case plus the node tree that carries the comments
// a person wrote, so a rewrite keeps them.
type Record struct {
	Path string // slash path relative to the repository root, for messages
	Case Case
	Doc  *yaml.Node
	Raw  []byte
}

// conflictMarkerAt returns the offset of the first line that is a git conflict marker
// (seven <, =, > or | then a space or the end of the line), or -1. A hand-written scan: it
// runs on every record read.
func conflictMarkerAt(data []byte) int {
	for start := 0; start < len(data); {
		line := data[start:]
		if end := bytes.IndexByte(line, '\n'); end >= 0 {
			line = line[:end]
		}
		if len(line) >= 7 && bytes.IndexByte([]byte("<=>|"), line[0]) >= 0 {
			c, marker := line[0], true
			for i := 1; i < 7; i++ {
				if line[i] != c {
					marker = false
					break
				}
			}
			if marker && (len(line) == 7 || line[7] == ' ' || line[7] == '\r') {
				return start
			}
		}
		start += len(line) + 1
	}
	return -1
}

// Parse reads a record strictly. name is used in error messages only.
func Parse(name string, data []byte) (*Record, error) {
	fail := func(e *Problem) error { e.File = name; return e }
	if len(data) > MaxRecordSize {
		return nil, fail(&Problem{Msg: fmt.Sprintf("file is over the %d-byte (1 MiB) limit for a record: keep attachments out of the record", MaxRecordSize)})
	}
	if at := conflictMarkerAt(data); at >= 0 {
		line := bytes.Count(data[:at], []byte("\n")) + 1
		return nil, fail(&Problem{Line: line, Col: 1, Msg: "git conflict marker: resolve the merge conflict (or run the dossier merge driver) and remove the markers"})
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line := bytes.Count(data[:i], []byte("\n")) + 1
		return nil, fail(&Problem{Line: line, Msg: "NUL byte in the file: a record is UTF-8 text"})
	}
	// The text rules hold on the bytes as written: a YAML parser folds a raw U+0085 into a
	// space, and reports invalid UTF-8 without a place.
	if line, col, terr := CheckDocumentText(data); terr != nil {
		return nil, fail(&Problem{Line: line, Col: col, Msg: terr.Error()})
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fail(&Problem{Msg: "empty file: a record needs at least id, status, language and received"})
		}
		return nil, fail(yamlSyntaxError(err))
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, fail(&Problem{Line: extra.Line, Msg: "a second YAML document (---): a record file holds exactly one case"})
	} else if !errors.Is(err, io.EOF) {
		return nil, fail(yamlSyntaxError(err))
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		n := &doc
		if len(doc.Content) > 0 {
			n = doc.Content[0]
		}
		return nil, fail(&Problem{Line: n.Line, Col: n.Column, Msg: "a record is a mapping of fields (id: ..., status: ...)"})
	}
	rec := &Record{Path: name, Doc: &doc, Raw: data}
	if err := decodeNode(doc.Content[0], reflect.ValueOf(&rec.Case).Elem(), ""); err != nil {
		var e *Problem
		if errors.As(err, &e) {
			return nil, fail(e)
		}
		return nil, err
	}
	return rec, nil
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

func yamlSyntaxError(err error) *Problem {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &Problem{Line: line, Msg: "YAML syntax: " + m[2]}
	}
	return &Problem{Msg: "YAML syntax: " + strings.TrimPrefix(msg, "yaml: ")}
}

// Encode renders the record in canonical form, keeping the comments of its node tree.
func (r *Record) Encode() ([]byte, error) {
	body := EncodeValue(reflect.ValueOf(r.Case))
	if body == nil { // every field empty: still a mapping, never a nil node
		body = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	}
	doc := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{body}}
	transferComments(r.Doc, doc)
	SettleComments(doc)
	return EncodeDocument(doc)
}

// Encode renders a case with no comments in canonical form.
func Encode(c *Case) ([]byte, error) {
	r := &Record{Case: *c}
	return r.Encode()
}

// Pos returns the line and column of a field path (e.g. "screening.decision", "referrals[0].to"),
// or of the closest enclosing field that exists.
func (r *Record) Pos(path string) (line, col int) {
	if r.Doc == nil || len(r.Doc.Content) == 0 {
		return 0, 0
	}
	n := r.Doc.Content[0]
	line, col = n.Line, n.Column
	for _, part := range splitPath(path) {
		next := (*yaml.Node)(nil)
		switch {
		case part.index >= 0 && n.Kind == yaml.SequenceNode && part.index < len(n.Content):
			next = n.Content[part.index]
		case part.index < 0 && n.Kind == yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == part.name {
					line, col = n.Content[i].Line, n.Content[i].Column
					next = n.Content[i+1]
					break
				}
			}
		}
		if next == nil {
			return line, col
		}
		n = next
		if part.index >= 0 {
			line, col = n.Line, n.Column
		}
	}
	return line, col
}

type pathPart struct {
	name  string
	index int
}

func splitPath(path string) []pathPart {
	var parts []pathPart
	for _, f := range strings.Split(path, ".") {
		name, rest, _ := strings.Cut(f, "[")
		if name != "" {
			parts = append(parts, pathPart{name: name, index: -1})
		}
		for rest != "" {
			num, after, _ := strings.Cut(rest, "]")
			i, err := strconv.Atoi(num)
			if err != nil {
				break
			}
			parts = append(parts, pathPart{index: i})
			rest = strings.TrimPrefix(after, "[")
		}
	}
	return parts
}

// EncodeList renders cases as one YAML list of records in canonical form.
func EncodeList(cases []*Case) ([]byte, error) {
	seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, c := range cases {
		item := EncodeValue(reflect.ValueOf(*c))
		if item == nil {
			item = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		}
		seq.Content = append(seq.Content, item)
	}
	if len(cases) == 0 {
		return []byte("[]\n"), nil
	}
	return EncodeDocument(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{seq}})
}
