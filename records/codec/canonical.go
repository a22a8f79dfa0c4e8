package codec

import (
	"bytes"
	"encoding"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/dossier-dev/dossier/records"
)

// The canonical reader decodes a record file written in the canonical form (EncodeDocument's
// output: block mappings indented by two, lists of records as indented "- " items, short
// lists of codes in flow style, text plain, single- or double-quoted on one line, or a "|" or
// "|-" literal block) straight into a records.Case, without yaml.v3's scanner, parser and
// node tree, which cost most of a cold read.
//
// It is a second reader of the same files, so it must never disagree with the strict one
// (decodeNode on a yaml.v3 tree): it accepts only a subset of YAML whose meaning it knows
// exactly, and declines everything else — a comment, a blank line, a tab or a carriage
// return, flow mappings, anchors, tags, folded or kept blocks, plain text that could be
// read two ways, multi-line quoted or plain text, a null, an unknown or repeated field, a
// value that does not parse — so that the strict reader reads the file and words any error.
// It never reports an error itself. TestCanonicalAgreesWithStrict and FuzzCanonicalReader
// hold the two to the same case for every file it accepts.

// decodeCanonical decodes data into a case, or reports false when the file is not in a form
// the canonical reader knows (which says nothing about whether the file is valid).
func decodeCanonical(data []byte) (records.Case, bool) {
	var c records.Case
	if len(data) == 0 || data[len(data)-1] != '\n' ||
		bytes.IndexByte(data, '\t') >= 0 || bytes.IndexByte(data, '\r') >= 0 ||
		bytes.Contains(data, []byte("\uFEFF")) { // a byte order mark is skipped at a line start
		return c, false
	}
	r := canonReader{data: data}
	if r.indent() != 0 || !r.mapping(0, false, casePlan(), reflect.ValueOf(&c).Elem()) || r.p != len(data) {
		return records.Case{}, false
	}
	return c, true
}

type canonReader struct {
	data []byte
	p    int // the next byte to read
}

// indent is the number of spaces that open the line at r.p, or -1 at the end of the data.
func (r *canonReader) indent() int {
	if r.p >= len(r.data) {
		return -1
	}
	n := 0
	for r.p+n < len(r.data) && r.data[r.p+n] == ' ' {
		n++
	}
	return n
}

// newline consumes the end of the current line, which must come next.
func (r *canonReader) newline() bool {
	if r.p < len(r.data) && r.data[r.p] == '\n' {
		r.p++
		return true
	}
	return false
}

// mapping reads a block mapping of struct fields at column col into v. With inline, the first
// key starts at r.p (after a list item's "- "); otherwise r.p is at the start of a line.
func (r *canonReader) mapping(col int, inline bool, pl *plan, v reflect.Value) bool {
	if pl.kind != planStruct {
		return false
	}
	var seen uint64
	for ; ; inline = false {
		if !inline {
			switch n := r.indent(); {
			case n < col: // the end of the data or of this mapping
				return seen != 0
			case n > col:
				return false
			default:
				r.p += n
			}
		}
		key, ok := r.plainKey()
		if !ok {
			return false
		}
		idx, ok := pl.names[string(key)]
		if !ok || seen&(1<<idx) != 0 {
			return false
		}
		seen |= 1 << idx
		if !r.value(col, pl.field[idx], v.Field(idx)) {
			return false
		}
	}
}

// plainKey reads a field name and its colon; a name is ASCII letters and digits, "_", "-",
// "." and any non-ASCII character, and does not start with "-" or "." (any other key goes to
// the strict reader).
func (r *canonReader) plainKey() ([]byte, bool) {
	start := r.p
	for r.p < len(r.data) && isKeyByte(r.data[r.p]) {
		r.p++
	}
	key := r.data[start:r.p]
	if len(key) == 0 || len(key) > 128 || key[0] == '-' || key[0] == '.' || !r.colon() {
		return nil, false
	}
	return key, true
}

func isKeyByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b == '-' || b == '.' || b >= 0x80
}

// colon consumes the ":" after a key, which a space or the end of the line must follow.
func (r *canonReader) colon() bool {
	if r.p+1 < len(r.data) && r.data[r.p] == ':' && (r.data[r.p+1] == ' ' || r.data[r.p+1] == '\n') {
		r.p++
		return true
	}
	return false
}

// value reads the value of a key of a mapping at column col into v; r.p is after the colon.
func (r *canonReader) value(col int, pl *plan, v reflect.Value) bool {
	if r.data[r.p] == '\n' { // a block below: a mapping or a list, indented by two
		r.p++
		if r.indent() != col+2 {
			return false // nothing below (null), or not indented as canonical
		}
		switch pl.kind {
		case planPtrStruct:
			r.p += col + 2
			if r.isItem() {
				return false
			}
			v.Set(reflect.New(v.Type().Elem()))
			return r.mapping(col+2, true, pl.elem, v.Elem())
		case planFields:
			fs, ok := r.fields(col + 2)
			if ok {
				v.Set(reflect.ValueOf(fs))
			}
			return ok
		case planStrings, planSlice:
			return r.list(col+2, pl, v)
		}
		return false
	}
	r.p++ // the space after the colon
	switch {
	case pl.scalar():
		s, ok := r.scalar(col + 2)
		return ok && setScalar(pl, v, s)
	case (pl.kind == planStrings || pl.kind == planSlice) && r.data[r.p] == '[':
		return r.flowList(pl, v)
	}
	return false
}

// isItem reports whether a list item ("- ") starts at r.p.
func (r *canonReader) isItem() bool {
	return r.p+1 < len(r.data) && r.data[r.p] == '-' && r.data[r.p+1] == ' '
}

// list reads a block list whose "- " items are at column col.
func (r *canonReader) list(col int, pl *plan, v reflect.Value) bool {
	if pl.kind == planStrings {
		var out []string
		for r.indent() == col {
			r.p += col
			if !r.isItem() {
				return false
			}
			r.p += 2
			s, ok := r.scalar(col + 2)
			if !ok {
				return false
			}
			out = append(out, s)
		}
		if r.indent() > col || len(out) == 0 {
			return false
		}
		v.Set(reflect.ValueOf(out))
		return true
	}
	elem := pl.elem
	s := reflect.MakeSlice(v.Type(), 0, 4)
	for r.indent() == col {
		r.p += col
		if !r.isItem() {
			return false
		}
		r.p += 2
		s = reflect.Append(s, reflect.Zero(v.Type().Elem()))
		item := s.Index(s.Len() - 1)
		switch {
		case elem.kind == planStruct && r.emptyMapping():
		case elem.kind == planStruct:
			if !r.mapping(col+2, true, elem, item) {
				return false
			}
		case elem.scalar():
			str, ok := r.scalar(col + 2)
			if !ok || !setScalar(elem, item, str) {
				return false
			}
		default:
			return false
		}
	}
	if r.indent() > col || s.Len() == 0 {
		return false
	}
	v.Set(s)
	return true
}

// emptyMapping consumes a "{}" that fills a line's rest.
func (r *canonReader) emptyMapping() bool {
	if bytes.HasPrefix(r.data[r.p:], []byte("{}\n")) {
		r.p += 3
		return true
	}
	return false
}

// flowList reads a list of scalars in flow style, "[a, b]", to the end of the line.
func (r *canonReader) flowList(pl *plan, v reflect.Value) bool {
	items, ok := r.flowScalars()
	if !ok {
		return false
	}
	if pl.kind == planStrings {
		v.Set(reflect.ValueOf(items))
		return true
	}
	if !pl.elem.scalar() {
		return false
	}
	s := reflect.MakeSlice(v.Type(), len(items), len(items))
	for i, item := range items {
		if !setScalar(pl.elem, s.Index(i), item) {
			return false
		}
	}
	v.Set(s)
	return true
}

// flowScalars reads "[a, b]" and the end of the line: at least one item, each plain, single-
// or double-quoted, separated by ", ".
func (r *canonReader) flowScalars() ([]string, bool) {
	r.p++ // [
	var items []string
	for {
		var s string
		var ok bool
		switch r.data[r.p] {
		case '"':
			s, ok = r.doubleQuoted()
		case '\'':
			s, ok = r.singleQuoted()
		default:
			s, ok = r.flowPlain()
		}
		if !ok {
			return nil, false
		}
		items = append(items, s)
		switch {
		case bytes.HasPrefix(r.data[r.p:], []byte(", ")):
			r.p += 2
		case bytes.HasPrefix(r.data[r.p:], []byte("]\n")):
			r.p += 2
			return items, true
		default:
			return nil, false
		}
	}
}

// flowPlain reads a plain scalar inside a flow list, up to the "," or "]" after it.
func (r *canonReader) flowPlain() (string, bool) {
	start := r.p
	if !plainStart(r.data, start, true) {
		return "", false
	}
	for ; r.p < len(r.data); r.p++ {
		switch b := r.data[r.p]; b {
		case ',', ']':
			s := r.data[start:r.p]
			if s[len(s)-1] == ' ' || isNullWord(s) {
				return "", false
			}
			return string(s), true
		case '\n', '[', '{', '}', '?', ':':
			return "", false
		case '#':
			if r.data[r.p-1] == ' ' {
				return "", false
			}
		}
	}
	return "", false
}

// plainStart reports whether a plain scalar may start at data[i] (YAML's indicators may not
// start one, "-", "?" and ":" only before a non-space in block context).
func plainStart(data []byte, i int, flow bool) bool {
	switch data[i] {
	case ' ', '\n', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return false
	case '?', ':':
		if flow {
			return false
		}
		fallthrough
	case '-':
		next := data[i+1] // the data ends with a newline: there is a next byte
		return next != ' ' && next != '\n' && !(flow && (next == ',' || next == ']'))
	}
	return true
}

// isNullWord reports the plain scalars YAML reads as null.
func isNullWord(s []byte) bool {
	switch string(s) {
	case "~", "null", "Null", "NULL":
		return true
	}
	return false
}

// scalar reads one scalar that fills the rest of the line in block context: plain, quoted or
// a literal block whose lines are indented to column contentCol.
func (r *canonReader) scalar(contentCol int) (string, bool) {
	var s string
	var ok bool
	switch r.data[r.p] {
	case '"':
		s, ok = r.doubleQuoted()
	case '\'':
		s, ok = r.singleQuoted()
	case '|':
		return r.literal(contentCol)
	default:
		return r.blockPlain()
	}
	return s, ok && r.newline()
}

// blockPlain reads a plain scalar that fills the rest of the line.
func (r *canonReader) blockPlain() (string, bool) {
	start := r.p
	if !plainStart(r.data, start, false) {
		return "", false
	}
	for ; r.data[r.p] != '\n'; r.p++ {
		switch r.data[r.p] {
		case ':':
			if r.data[r.p+1] == ' ' || r.data[r.p+1] == '\n' {
				return "", false
			}
		case '#':
			if r.data[r.p-1] == ' ' {
				return "", false
			}
		}
	}
	s := r.data[start:r.p]
	if s[len(s)-1] == ' ' || isNullWord(s) {
		return "", false
	}
	r.p++
	return string(s), true
}

// singleQuoted reads '...' on one line (a doubled quote stands for one).
func (r *canonReader) singleQuoted() (string, bool) {
	r.p++
	start := r.p
	var b []byte // only when the text has a ''
	for r.p < len(r.data) {
		switch r.data[r.p] {
		case '\n':
			return "", false
		case '\'':
			if r.p+1 < len(r.data) && r.data[r.p+1] == '\'' {
				b = append(append(b, r.data[start:r.p]...), '\'')
				r.p += 2
				start = r.p
				continue
			}
			s := string(append(b, r.data[start:r.p]...))
			r.p++
			return s, true
		}
		r.p++
	}
	return "", false
}

// doubleQuoted reads "..." on one line with YAML's escapes.
func (r *canonReader) doubleQuoted() (string, bool) {
	r.p++
	start := r.p
	for r.p < len(r.data) && r.data[r.p] != '"' && r.data[r.p] != '\\' && r.data[r.p] != '\n' {
		r.p++
	}
	if r.p < len(r.data) && r.data[r.p] == '"' { // no escapes: the common case
		s := string(r.data[start:r.p])
		r.p++
		return s, true
	}
	b := append([]byte(nil), r.data[start:r.p]...)
	for r.p < len(r.data) {
		c := r.data[r.p]
		switch c {
		case '\n':
			return "", false
		case '"':
			r.p++
			return string(b), true
		case '\\':
			if r.p+1 >= len(r.data) {
				return "", false
			}
			esc := r.data[r.p+1]
			r.p += 2
			if simple, ok := simpleEscapes[esc]; ok {
				b = append(b, simple...)
				continue
			}
			var n int
			switch esc {
			case 'x':
				n = 2
			case 'u':
				n = 4
			case 'U':
				n = 8
			default:
				return "", false
			}
			if r.p+n > len(r.data) {
				return "", false
			}
			v := 0
			for _, h := range r.data[r.p : r.p+n] {
				d, ok := hexDigit(h)
				if !ok {
					return "", false
				}
				v = v<<4 | d
			}
			r.p += n
			if v >= 0xD800 && v <= 0xDFFF || v > 0x10FFFF {
				return "", false
			}
			b = utf8.AppendRune(b, rune(v))
		default:
			b = append(b, c)
			r.p++
		}
	}
	return "", false
}

// simpleEscapes are the one-letter escapes of a double-quoted scalar, as yaml.v3 reads them.
var simpleEscapes = map[byte]string{
	'0': "\x00", 'a': "\a", 'b': "\b", 't': "\t", 'n': "\n", 'v': "\v", 'f': "\f", 'r': "\r",
	'e': "\x1b", ' ': " ", '"': "\"", '\'': "'", '\\': "\\", 'N': "\u0085", '_': "\u00a0",
	'L': "\u2028", 'P': "\u2029",
}

func hexDigit(h byte) (int, bool) {
	switch {
	case h >= '0' && h <= '9':
		return int(h - '0'), true
	case h >= 'a' && h <= 'f':
		return int(h-'a') + 10, true
	case h >= 'A' && h <= 'F':
		return int(h-'A') + 10, true
	}
	return 0, false
}

// literal reads a "|" (one final newline) or "|-" (none) block whose lines are indented to
// exactly col: the first line has text at col, no line ends with a space, and no empty line
// ends the block (the canonical encoder writes no other).
func (r *canonReader) literal(col int) (string, bool) {
	r.p++ // |
	strip := false
	if r.data[r.p] == '-' {
		strip = true
		r.p++
	}
	if !r.newline() || r.indent() != col || r.data[r.p+col] == '\n' {
		return "", false
	}
	var b strings.Builder
	empty := 0 // empty lines not yet written
	for {
		n := r.indent()
		if n >= 0 && r.data[r.p+n] == '\n' {
			if n > 0 {
				return "", false // a line of spaces only
			}
			empty++
			r.p++
			continue
		}
		if n < col {
			if empty > 0 {
				return "", false
			}
			break
		}
		end := r.p + bytes.IndexByte(r.data[r.p:], '\n')
		if r.data[end-1] == ' ' {
			return "", false
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		for ; empty > 0; empty-- {
			b.WriteByte('\n')
		}
		b.Write(r.data[r.p+col : end])
		r.p = end + 1
	}
	if !strip {
		b.WriteByte('\n')
	}
	return b.String(), true
}

// setScalar stores the text s in v as the strict decoder would (decode), or reports false when
// the strict decoder would refuse it.
func setScalar(pl *plan, v reflect.Value, s string) bool {
	switch pl.kind {
	case planString:
		v.SetString(s)
	case planDate:
		d, err := records.ParseDate(s)
		if err != nil {
			return false
		}
		*v.Addr().Interface().(*records.Date) = d
	case planTimestamp:
		if err := v.Addr().Interface().(*records.Timestamp).UnmarshalText([]byte(s)); err != nil {
			return false
		}
	case planText:
		if err := v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(s)); err != nil {
			return false
		}
	default:
		return false
	}
	return true
}

// fields reads the declared fields: a mapping at column col of name to a scalar, a list of
// codes or a list of records of scalar sub-fields.
func (r *canonReader) fields(col int) (records.Fields, bool) {
	out := records.Fields{}
	for {
		switch n := r.indent(); {
		case n < col:
			return out, len(out) > 0
		case n > col:
			return nil, false
		default:
			r.p += n
		}
		name, ok := r.anyKey()
		if !ok {
			return nil, false
		}
		if _, dup := out[name]; dup {
			return nil, false
		}
		var v records.FieldValue
		switch {
		case r.data[r.p] == '\n':
			r.p++
			if r.indent() != col+2 {
				return nil, false
			}
			if v, ok = r.fieldList(col + 2); !ok {
				return nil, false
			}
		case r.data[r.p+1] == '[':
			r.p++
			if v.Codes, ok = r.flowScalars(); !ok {
				return nil, false
			}
		default:
			r.p++
			if v.Scalar, ok = r.scalar(col + 2); !ok {
				return nil, false
			}
		}
		out[name] = v
	}
}

// anyKey reads a key of a declared field or sub-field: plain as plainKey, or quoted.
func (r *canonReader) anyKey() (string, bool) {
	switch r.data[r.p] {
	case '"', '\'':
		start := r.p
		var s string
		var ok bool
		if r.data[r.p] == '"' {
			s, ok = r.doubleQuoted()
		} else {
			s, ok = r.singleQuoted()
		}
		if !ok || s == "" || r.p-start > 1000 || !r.colon() { // yaml.v3 limits a key to 1024 characters
			return "", false
		}
		return s, true
	}
	key, ok := r.plainKey()
	return string(key), ok
}

// fieldList reads the block list of a declared field at column col: all codes, or all records.
func (r *canonReader) fieldList(col int) (records.FieldValue, bool) {
	var v records.FieldValue
	for r.indent() == col {
		r.p += col
		if !r.isItem() {
			return v, false
		}
		r.p += 2
		if r.itemIsMapping() {
			if len(v.Codes) > 0 {
				return v, false
			}
			item, ok := r.subFields(col + 2)
			if !ok {
				return v, false
			}
			v.Items = append(v.Items, item)
			continue
		}
		if len(v.Items) > 0 {
			return v, false
		}
		s, ok := r.scalar(col + 2)
		if !ok {
			return v, false
		}
		v.Codes = append(v.Codes, s)
	}
	return v, r.indent() < col && !v.IsZero()
}

// itemIsMapping tells a list item that is a record ("{}" or "key: ...") from a scalar one.
func (r *canonReader) itemIsMapping() bool {
	line := r.data[r.p:]
	line = line[:bytes.IndexByte(line, '\n')]
	if len(line) == 0 {
		return false
	}
	if string(line) == "{}" {
		return true
	}
	switch line[0] {
	case '"', '\'':
		save := r.p
		defer func() { r.p = save }()
		_, isKey := r.anyKey()
		return isKey
	}
	for i := 0; i+1 < len(line); i++ {
		if line[i] == ':' && line[i+1] == ' ' {
			return true
		}
	}
	return line[len(line)-1] == ':'
}

// subFields reads a record of a declared list field, inline after "- ", at column col.
func (r *canonReader) subFields(col int) (map[string]string, bool) {
	item := map[string]string{}
	if r.emptyMapping() {
		return item, true
	}
	for inline := true; ; inline = false {
		if !inline {
			switch n := r.indent(); {
			case n < col:
				return item, true
			case n > col:
				return nil, false
			default:
				r.p += n
			}
		}
		k, ok := r.anyKey()
		if !ok || r.data[r.p] != ' ' {
			return nil, false
		}
		if _, dup := item[k]; dup {
			return nil, false
		}
		r.p++
		s, ok := r.scalar(col + 2)
		if !ok {
			return nil, false
		}
		item[k] = s
	}
}
