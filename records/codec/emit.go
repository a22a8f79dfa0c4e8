package codec

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// emitCanonical writes a node tree built by EncodeValue the way yaml.v3's encoder writes it
// (2-space indent, no line folding), without yaml.v3's emitter, which costs most of an
// encode. It takes only what it is sure to write exactly as yaml.v3 does: block mappings and
// sequences, flow sequences of scalars, empty flow mappings, dates and times, and one-line
// scalars in plain or single-quoted style as yaml.v3's analysis chooses, printable-ASCII
// double-quoted ones and literal blocks. For anything else (a comment, a string yaml.v3
// writes with escapes, a shape EncodeValue does not build) it reports false and
// EncodeDocument uses yaml.v3.
// TestEmitAgreesWithYAML and FuzzEmitAgreesWithYAML hold the two to the same bytes.
func emitCanonical(doc *yaml.Node) ([]byte, bool) {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || hasComment(doc) {
		return nil, false
	}
	root := doc.Content[0]
	e := emitter{}
	switch {
	case root.Kind == yaml.MappingNode && len(root.Content) == 0:
		e.buf.WriteString("{}\n")
	case root.Kind == yaml.MappingNode:
		if !e.mapping(root, 0) {
			return nil, false
		}
	case root.Kind == yaml.SequenceNode && len(root.Content) > 0 && root.Style&yaml.FlowStyle == 0:
		if !e.sequence(root, 0) {
			return nil, false
		}
	default:
		return nil, false
	}
	return e.buf.Bytes(), true
}

type emitter struct{ buf bytes.Buffer }

func hasComment(n *yaml.Node) bool {
	if n.HeadComment != "" || n.LineComment != "" || n.FootComment != "" || n.Anchor != "" || n.Alias != nil {
		return true
	}
	for _, c := range n.Content {
		if hasComment(c) {
			return true
		}
	}
	return false
}

// mapping writes a non-empty block mapping whose keys start at column indent; the first key
// continues the current line when the mapping is a sequence item ("- key: value").
func (e *emitter) mapping(m *yaml.Node, indent int) bool {
	if len(m.Content)%2 != 0 || m.Style&yaml.FlowStyle != 0 {
		return false
	}
	for i := 0; i < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if i > 0 || e.atLineStart() {
			e.indent(indent)
		}
		if k.Kind != yaml.ScalarNode || len(k.Value) > 100 || k.Tag == "!!timestamp" {
			return false // a long key is written as a complex one (? key)
		}
		if !e.scalar(k, false) {
			return false
		}
		e.buf.WriteByte(':')
		if !e.value(v, indent) {
			return false
		}
	}
	return true
}

// value writes what follows "key:" for a key at column indent.
func (e *emitter) value(v *yaml.Node, indent int) bool {
	switch v.Kind {
	case yaml.ScalarNode:
		if v.Style&yaml.LiteralStyle != 0 {
			return e.literal(v.Value, indent+2)
		}
		e.buf.WriteByte(' ')
		if !e.scalar(v, false) {
			return false
		}
		e.buf.WriteByte('\n')
		return true
	case yaml.MappingNode:
		if len(v.Content) == 0 {
			if v.Style&yaml.FlowStyle == 0 {
				return false
			}
			e.buf.WriteString(" {}\n")
			return true
		}
		e.buf.WriteByte('\n')
		return e.mapping(v, indent+2)
	case yaml.SequenceNode:
		if len(v.Content) == 0 {
			return false
		}
		if v.Style&yaml.FlowStyle != 0 {
			e.buf.WriteByte(' ')
			if !e.flowSequence(v) {
				return false
			}
			e.buf.WriteByte('\n')
			return true
		}
		e.buf.WriteByte('\n')
		return e.sequence(v, indent+2)
	}
	return false
}

// sequence writes a block sequence whose dashes are at column indent.
func (e *emitter) sequence(s *yaml.Node, indent int) bool {
	for _, item := range s.Content {
		e.indent(indent)
		e.buf.WriteString("- ")
		switch {
		case item.Kind == yaml.ScalarNode && item.Style&yaml.LiteralStyle == 0:
			if !e.scalar(item, false) {
				return false
			}
			e.buf.WriteByte('\n')
		case item.Kind == yaml.MappingNode && len(item.Content) == 0 && item.Style&yaml.FlowStyle != 0:
			e.buf.WriteString("{}\n")
		case item.Kind == yaml.MappingNode && len(item.Content) > 0:
			if !e.mapping(item, indent+2) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// flowSequence writes [a, b] on the current line.
func (e *emitter) flowSequence(s *yaml.Node) bool {
	e.buf.WriteByte('[')
	for i, item := range s.Content {
		if item.Kind != yaml.ScalarNode || item.Style&yaml.LiteralStyle != 0 {
			return false
		}
		if i > 0 {
			e.buf.WriteString(", ")
		}
		if !e.scalar(item, true) {
			return false
		}
	}
	e.buf.WriteByte(']')
	return true
}

// scalar writes a one-line scalar: a date or time, a double-quoted string of printable ASCII,
// or a plain string that no reader could take for anything else.
func (e *emitter) scalar(n *yaml.Node, flow bool) bool {
	switch {
	case n.Tag == "!!timestamp":
		if !timestampText(n.Value) {
			return false
		}
		e.buf.WriteString(n.Value)
	case n.Style&yaml.DoubleQuotedStyle != 0:
		if !quotedOK(n.Value) {
			return false
		}
		e.buf.WriteByte('"')
		e.buf.WriteString(n.Value)
		e.buf.WriteByte('"')
	case n.Style == 0 && (n.Tag == "" || n.Tag == "!!str"):
		single, ok := oneLineStyle(n.Value, flow)
		switch {
		case !ok:
			return false
		case single:
			e.buf.WriteByte('\'')
			e.buf.WriteString(strings.ReplaceAll(n.Value, "'", "''"))
			e.buf.WriteByte('\'')
		default:
			e.buf.WriteString(n.Value)
		}
	default:
		return false
	}
	return true
}

// literal writes a literal block scalar (|, |-) for a key whose content goes at column indent.
func (e *emitter) literal(s string, indent int) bool {
	body, clip := strings.CutSuffix(s, "\n")
	if body == "" || !utf8.ValidString(body) || strings.HasSuffix(body, "\n") || strings.HasPrefix(body, " ") || strings.HasPrefix(body, "\n") {
		return false
	}
	for _, line := range strings.Split(body, "\n") {
		if strings.HasSuffix(line, " ") {
			return false
		}
		for _, r := range line {
			if !printable(r) || r == '\t' || r == 0x2028 || r == 0x2029 {
				return false
			}
		}
	}
	if clip {
		e.buf.WriteString(" |\n")
	} else {
		e.buf.WriteString(" |-\n")
	}
	for _, line := range strings.Split(body, "\n") {
		if line != "" {
			e.indent(indent)
			e.buf.WriteString(line)
		}
		e.buf.WriteByte('\n')
	}
	return true
}

func (e *emitter) atLineStart() bool {
	b := e.buf.Bytes()
	return len(b) == 0 || b[len(b)-1] == '\n'
}

func (e *emitter) indent(n int) {
	for range n {
		e.buf.WriteByte(' ')
	}
}

// oneLineStyle is how yaml.v3 writes s when plain style is asked for, s being one line of
// printable characters without tabs (ok false otherwise: the caller declines): plain, or in
// single quotes when plain would read otherwise (an indicator, a space at either end). It
// follows yaml.v3's yaml_emitter_analyze_scalar and select_scalar_style for that case, and
// declines a plain string yaml.v3 would quote because it reads as another type
// (surelyString).
func oneLineStyle(s string, flow bool) (single, ok bool) {
	if s == "" || !utf8.ValidString(s) || strings.ContainsRune(s, '\n') {
		return false, false
	}
	blockInd, flowInd := false, false
	if strings.HasPrefix(s, "---") || strings.HasPrefix(s, "...") {
		blockInd, flowInd = true, true
	}
	precededBySpace := true
	for i, r := range s {
		if !printable(r) || r == '\t' || r == 0x2028 || r == 0x2029 { // LF is printable but a break
			return false, false
		}
		next := i + utf8.RuneLen(r)
		followedBySpace := next >= len(s) || s[next] == ' '
		if i == 0 {
			switch r {
			case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
				blockInd, flowInd = true, true
			case '?', ':':
				flowInd = true
				blockInd = blockInd || followedBySpace
			case '-':
				if followedBySpace {
					blockInd, flowInd = true, true
				}
			}
		} else {
			switch r {
			case ',', '?', '[', ']', '{', '}':
				flowInd = true
			case ':':
				flowInd = true
				blockInd = blockInd || followedBySpace
			case '#':
				if precededBySpace {
					blockInd, flowInd = true, true
				}
			}
		}
		precededBySpace = r == ' '
	}
	plain := s[0] != ' ' && s[len(s)-1] != ' ' && !blockInd && !(flow && flowInd)
	if plain && !surelyString(s) {
		return false, false
	}
	return !plain, true
}

// surelyString reports whether yaml.v3 reads the plain scalar s as the string s (and so
// writes it plain): a string that starts with a letter does (stringNode has asked for double
// quotes for the words that are booleans or null); any other is resolved by yaml.v3's own
// resolver, as its encoder resolves it (a number, a date, a merge key are not strings).
// Node.ShortTag of an untagged plain scalar is that resolver, without parsing s as a
// document (which a sequential id or a phone number paid at every write).
func surelyString(s string) bool {
	if r, _ := utf8.DecodeRuneInString(s); unicode.IsLetter(r) {
		return true
	}
	// A letter that no number (digits, hex, exponents, 0x/0o/0b, inf, nan) and no time (T,
	// Z) holds makes it a string, as for a case id (2026-K7M2Q); yaml.v3 decides the rest.
	if strings.ContainsFunc(s, func(r rune) bool { return unicode.IsLetter(r) && !strings.ContainsRune("aAbBcCdDeEfFiInNoOtTxXzZ", r) }) {
		return true
	}
	return (&yaml.Node{Kind: yaml.ScalarNode, Value: s}).ShortTag() == "!!str"
}

// printable is a character yaml.v3 writes as it is (its is_printable): LF, printable ASCII,
// and U+00A0 to U+FFFD but for the surrogates and the BOM; beyond U+FFFF, and U+0085, are
// escaped.
func printable(r rune) bool {
	switch {
	case r == 0x0A || 0x20 <= r && r <= 0x7E:
		return true
	case 0xA0 <= r && r <= 0xD7FF:
		return true
	case 0xE000 <= r && r <= 0xFFFD:
		return r != 0xFEFF
	}
	return false
}

// quotedOK reports whether s is written "s" by yaml.v3's double-quoted style: printable
// ASCII with nothing to escape.
func quotedOK(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7E || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// timestampText reports whether s is a date (2026-01-15) or a time in UTC
// (2026-01-15T14:02:11Z, with fractions of a second), as records writes them.
func timestampText(s string) bool {
	if len(s) < 10 || !digitsAt(s, 0, 4) || s[4] != '-' || !digitsAt(s, 5, 2) || s[7] != '-' || !digitsAt(s, 8, 2) {
		return false
	}
	if len(s) == 10 {
		return true
	}
	t := s[10:]
	if len(t) < 10 || t[0] != 'T' || !digitsAt(t, 1, 2) || t[3] != ':' || !digitsAt(t, 4, 2) || t[6] != ':' || !digitsAt(t, 7, 2) {
		return false
	}
	t = t[9:]
	if f, ok := strings.CutPrefix(t, "."); ok {
		n := 0
		for n < len(f) && '0' <= f[n] && f[n] <= '9' {
			n++
		}
		if n == 0 {
			return false
		}
		t = f[n:]
	}
	return t == "Z"
}

func digitsAt(s string, at, n int) bool {
	if at+n > len(s) {
		return false
	}
	for i := at; i < at+n; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
