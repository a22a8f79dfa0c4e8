package codec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/dossier-dev/dossier/records"
	"go.yaml.in/yaml/v3"
)

func nodeError(n *yaml.Node, path, format string, args ...any) *records.Problem {
	return &records.Problem{Line: n.Line, Col: n.Column, Field: path, Msg: fmt.Sprintf(format, args...)}
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

// Parse reads a record strictly, with the node tree that keeps its comments (Record.Doc). name
// is used in error messages only.
func Parse(name string, data []byte) (*records.Record, error) {
	if err := precheck(name, data); err != nil {
		return nil, err
	}
	return parseStrict(name, data)
}

// precheck applies the rules that hold on the bytes as written, before either reader sees them.
func precheck(name string, data []byte) error {
	fail := func(e *records.Problem) error { e.File = name; return e }
	if len(data) > records.MaxRecordSize {
		return fail(&records.Problem{Msg: fmt.Sprintf("file is over the %d-byte (1 MiB) limit for a record: keep attachments out of the record", records.MaxRecordSize)})
	}
	if at := conflictMarkerAt(data); at >= 0 {
		line := bytes.Count(data[:at], []byte("\n")) + 1
		return fail(&records.Problem{Line: line, Col: 1, Msg: "git conflict marker: resolve the merge conflict (or run the dossier merge driver) and remove the markers"})
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line := bytes.Count(data[:i], []byte("\n")) + 1
		return fail(&records.Problem{Line: line, Msg: "NUL byte in the file: a record is UTF-8 text"})
	}
	// The text rules hold on the bytes as written: a YAML parser folds a raw U+0085 into a
	// space, and reports invalid UTF-8 without a place.
	if line, col, terr := records.CheckDocumentText(data); terr != nil {
		return fail(&records.Problem{Line: line, Col: col, Msg: terr.Error()})
	}
	return nil
}

// parseStrict decodes a file that passed precheck through a yaml.v3 node tree: every YAML
// form, every error with its line and field.
func parseStrict(name string, data []byte) (*records.Record, error) {
	fail := func(e *records.Problem) error { e.File = name; return e }
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fail(&records.Problem{Msg: "empty file: a record needs at least id, status, language and received"})
		}
		return nil, fail(yamlSyntaxError(err))
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, fail(&records.Problem{Line: extra.Line, Msg: "a second YAML document (---): a record file holds exactly one case"})
	} else if !errors.Is(err, io.EOF) {
		return nil, fail(yamlSyntaxError(err))
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		n := &doc
		if len(doc.Content) > 0 {
			n = doc.Content[0]
		}
		return nil, fail(&records.Problem{Line: n.Line, Col: n.Column, Msg: "a record is a mapping of fields (id: ..., status: ...)"})
	}
	rec := &records.Record{Path: name, Doc: &doc, Raw: data}
	if err := decodeNode(doc.Content[0], reflect.ValueOf(&rec.Case).Elem(), ""); err != nil {
		var e *records.Problem
		if errors.As(err, &e) {
			return nil, fail(e)
		}
		return nil, err
	}
	return rec, nil
}

var yamlLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^yaml: line (\d+): (.*)$`) })

func yamlSyntaxError(err error) *records.Problem {
	msg := err.Error()
	if m := yamlLine().FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &records.Problem{Line: line, Msg: "YAML syntax: " + m[2]}
	}
	return &records.Problem{Msg: "YAML syntax: " + strings.TrimPrefix(msg, "yaml: ")}
}

// EncodeRecord renders the record in canonical form, keeping the comments of its node tree.
func EncodeRecord(r *records.Record) ([]byte, error) {
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
func Encode(c *records.Case) ([]byte, error) {
	return EncodeRecord(&records.Record{Case: *c})
}

// EncodeList renders cases as one YAML list of records in canonical form.
func EncodeList(cases []*records.Case) ([]byte, error) {
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
