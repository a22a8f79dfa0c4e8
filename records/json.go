package records

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// IsJSONDocument tells a JSON document from YAML: a .json file, or content that is valid JSON
// (YAML is a superset of JSON, but a YAML parser reads "\ud83d\ude00" surrogate escapes, as
// Python's json.dumps writes them, as an error, so JSON is read with a JSON decoder).
func IsJSONDocument(name string, data []byte) bool {
	if strings.EqualFold(filepath.Ext(name), ".json") {
		return true
	}
	t := bytes.TrimLeft(data, " \t\r\n\ufeff")
	return len(t) > 0 && t[0] == '{' && json.Valid(data)
}

// ParseJSON reads one case from a JSON document: invalid UTF-8 is refused on the raw bytes (a
// JSON decoder silently turns it into U+FFFD); every other character is checked in its field
// by validation, as for a YAML document; unknown fields are refused. It returns
// the top-level keys present, for callers that refuse some of them.
func ParseJSON(name string, data []byte) (*Case, []string, error) {
	fail := func(line, col int, msg string) error { return &Problem{File: name, Line: line, Col: col, Msg: msg} }
	if len(data) > MaxRecordSize {
		return nil, nil, fail(0, 0, fmt.Sprintf("over the %d-byte (1 MiB) limit for a record", MaxRecordSize))
	}
	if line, col, terr := CheckUTF8(data); terr != nil {
		return nil, nil, fail(line, col, terr.Error())
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(data, &keys); err != nil {
		line, col := jsonPos(data, err)
		return nil, nil, fail(line, col, JSONErrorMessage(err))
	}
	var c Case
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		if e := fieldError(name, keys); e != nil {
			return nil, nil, e
		}
		line, col := jsonPos(data, err)
		return nil, nil, fail(line, col, JSONErrorMessage(err))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, nil, fail(0, 0, "more than one JSON value: a document holds exactly one case")
	}
	var names []string
	for k := range keys {
		names = append(names, k)
	}
	return &c, names, nil
}

// jsonPos is the line and column of a JSON syntax error, or 0, 0.
func jsonPos(data []byte, err error) (line, col int) {
	var se *json.SyntaxError
	if !errors.As(err, &se) || se.Offset <= 0 || se.Offset > int64(len(data)) {
		return 0, 0
	}
	before := data[:se.Offset]
	line = bytes.Count(before, []byte("\n")) + 1
	return line, len(before) - bytes.LastIndexByte(before, '\n')
}

// JSONErrorMessage says what is wrong with a JSON document without quoting its values.
func JSONErrorMessage(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return "not valid JSON: " + strings.TrimPrefix(se.Error(), "json: ")
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return fmt.Sprintf("%s: a JSON %s where a %s belongs", te.Field, te.Value, jsonKind(te.Type.Kind().String()))
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if f, ok := strings.CutPrefix(msg, "unknown field "); ok {
		return "unknown field " + f + ": remove it or check its spelling"
	}
	return "JSON: " + msg
}

func jsonKind(k string) string {
	switch k {
	case "slice":
		return "list"
	case "struct", "ptr":
		return "object"
	}
	return k
}

// fieldError explains a field the JSON decoder refused (an unknown field, a list where text
// belongs) as a record file would: with its path and a suggestion. The document is read again
// by the record parser from its re-encoded form, so the line numbers would be that form's:
// they are left out.
func fieldError(name string, keys map[string]json.RawMessage) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(keys); err != nil {
		return nil
	}
	_, err := Parse(name, b.Bytes())
	var e *Problem
	if !errors.As(err, &e) {
		return nil
	}
	e.Line, e.Col = 0, 0
	return e
}
