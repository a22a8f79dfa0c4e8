package records

import (
	"fmt"
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

// Record is a parsed record file: the typed case plus the node tree that carries the comments
// a person wrote, so a rewrite keeps them.
type Record struct {
	Path string // slash path relative to the repository root, for messages
	Case Case
	Doc  *yaml.Node
	Raw  []byte
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
