package records

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The text rules, the same on every path into a record (flags, YAML, JSON, CSV, JSON Lines,
// stdin): printable text is kept byte for byte — emoji, right-to-left and zero-width
// characters, leading and trailing spaces, formula, Markdown and HTML syntax, YAML's trap
// forms (yes, no, ~, 0x1F, 2026-01-02 as text). Only three kinds of character are refused,
// with the field and the byte offset named (never the value: it may be personal):
//   - invalid UTF-8;
//   - control characters (C0, DEL, C1 such as U+0085 NEL, and the line and paragraph
//     separators U+2028/U+2029), except a newline or a tab in a multi-line field;
//   - non-characters (U+FFFE, U+FFFF and the same in every plane, U+FDD0 to U+FDEF).

// TextError is a value refused by the text rules: what was found and at which byte of the value.
type TextError struct {
	Offset int    // byte offset in the value, from 0
	Rune   rune   // the character refused; utf8.RuneError for invalid UTF-8
	Kind   string // "invalid UTF-8", "a control character", "a non-character"
}

func (e *TextError) Error() string {
	if e.Kind == textInvalidUTF8 {
		return fmt.Sprintf("invalid UTF-8 at byte %d: save the text as UTF-8", e.Offset)
	}
	return fmt.Sprintf("contains %s (U+%04X) at byte %d: remove it", e.Kind, e.Rune, e.Offset)
}

const (
	textInvalidUTF8 = "invalid UTF-8"
	textControl     = "a control character"
	textNonChar     = "a non-character"
)

// CheckText applies the text rules to one value; multiLine allows newlines and tabs.
func CheckText(s string, multiLine bool) *TextError {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			return &TextError{Offset: i, Rune: r, Kind: textInvalidUTF8}
		}
		switch {
		case (r == '\n' || r == '\t') && multiLine:
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029':
			return &TextError{Offset: i, Rune: r, Kind: textControl}
		case IsNonCharacter(r):
			return &TextError{Offset: i, Rune: r, Kind: textNonChar}
		}
		i += size
	}
	return nil
}

// IsNonCharacter reports a Unicode non-character: U+FDD0..U+FDEF and the last two code points
// of every plane (U+FFFE, U+FFFF, U+1FFFE, ...).
func IsNonCharacter(r rune) bool {
	return (r >= 0xFDD0 && r <= 0xFDEF) || (r&0xFFFE == 0xFFFE && r <= unicode.MaxRune)
}

// CheckDocumentText applies the text rules to the raw bytes of a document (YAML or JSON)
// before any parser sees it: a YAML parser folds a raw U+0085 into a space and a JSON decoder
// turns invalid UTF-8 into U+FFFD, so the rule has to hold on the bytes as written. Newlines,
// tabs and carriage returns separate lines in a document and are allowed there.
func CheckDocumentText(data []byte) (line, col int, err *TextError) {
	line, lineStart := 1, 0
	for i := 0; i < len(data); {
		if b := data[i]; b >= 0x20 && b < 0x7f { // printable ASCII: most of every record
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		var kind string
		switch {
		case r == utf8.RuneError && size <= 1:
			kind = textInvalidUTF8
		case r == '\n':
			line, lineStart = line+1, i+1
		case r == '\t' || r == '\r':
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029':
			kind = textControl
		case IsNonCharacter(r):
			kind = textNonChar
		}
		if kind != "" {
			return line, utf8.RuneCount(data[lineStart:i]) + 1, &TextError{Offset: i, Rune: r, Kind: kind}
		}
		i += size
	}
	return 0, 0, nil
}

// isMultiLine tells the fields that may hold newlines and tabs (free text).
func isMultiLine(leaf string) bool { return freeTextFields[leaf] }

// visitStrings calls fn for every text field of c with its path (summary,
// respondent.officers[0].name) and leaf name, walking the Case type so that a field added to
// the model is covered without a change here. The path is built only when fn asks for it:
// check walks every string of every record, and almost all pass.
func visitStrings(c *Case, fn func(field func() string, leaf, v string)) {
	var stack []pathPart // index -1: a field name; otherwise a list index
	path := func() string {
		var b strings.Builder
		for _, p := range stack {
			if p.index >= 0 {
				fmt.Fprintf(&b, "[%d]", p.index)
				continue
			}
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(p.name)
		}
		return b.String()
	}
	var walk func(v reflect.Value, leaf string)
	walk = func(v reflect.Value, leaf string) {
		switch v.Kind() {
		case reflect.String:
			if s := v.String(); s != "" {
				fn(path, leaf, s)
			}
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), leaf)
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				stack = append(stack, pathPart{index: i})
				walk(v.Index(i), leaf)
				stack = stack[:len(stack)-1]
			}
		case reflect.Struct:
			for _, f := range textFieldsOf()[v.Type()] {
				stack = append(stack, pathPart{name: f.name, index: -1})
				walk(v.Field(f.index), f.name)
				stack = stack[:len(stack)-1]
			}
		}
	}
	walk(reflect.ValueOf(c).Elem(), "")
}

type textField struct {
	name  string
	index int
}

// textFieldsOf lists, for each struct type of the model, the fields visitStrings walks into
// with their names: built the first time it is asked for, only read afterwards.
var textFieldsOf = sync.OnceValue(func() map[reflect.Type][]textField {
	return textFieldTable(reflect.TypeFor[Case](), map[reflect.Type][]textField{})
})

func textFieldTable(t reflect.Type, table map[reflect.Type][]textField) map[reflect.Type][]textField {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice:
		return textFieldTable(t.Elem(), table)
	case reflect.Struct:
		if _, done := table[t]; done {
			return table
		}
		fields := []textField{}
		table[t] = fields
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name := FieldName(f)
			if name == "" || name == "-" {
				continue
			}
			fields = append(fields, textField{name: name, index: i})
			textFieldTable(f.Type, table)
		}
		table[t] = fields
	}
	return table
}

// checkText applies the text rules to every text field of c. The value is not quoted back (it
// may be personal information).
func checkText(c *Case, add func(field, format string, args ...any)) {
	visitStrings(c, func(field func() string, leaf, v string) {
		if err := CheckText(v, isMultiLine(leaf)); err != nil {
			add(field(), "%s", err.Error())
		}
	})
}

// VisitText calls fn for every non-empty text field of c with its path
// (respondent.officers[0].name).
func VisitText(c *Case, fn func(field, v string)) {
	visitStrings(c, func(field func() string, _, v string) { fn(field(), v) })
}

// CheckUTF8 is the part of the text rules a JSON document needs on its raw bytes: a JSON
// decoder turns invalid UTF-8 into U+FFFD silently. Every other character is decoded and then
// checked in its field (TextProblems), so the message names the field.
func CheckUTF8(data []byte) (line, col int, err *TextError) {
	if utf8.Valid(data) {
		return 0, 0, nil
	}
	line, lineStart := 1, 0
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return line, utf8.RuneCount(data[lineStart:i]) + 1, &TextError{Offset: i, Rune: r, Kind: textInvalidUTF8}
		}
		if r == '\n' {
			line, lineStart = line+1, i+1
		}
		i += size
	}
	return 0, 0, nil
}

// TextProblems applies the text rules to every text field of c, naming each field.
func TextProblems(c *Case) []Problem {
	var ps []Problem
	checkText(c, func(field, format string, args ...any) {
		ps = append(ps, Problem{Field: field, Msg: fmt.Sprintf(format, args...)})
	})
	return ps
}
