package codec

import (
	"bytes"
	"encoding"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/dossier-dev/dossier/records"
	"go.yaml.in/yaml/v3"
)

// The record codec maps yaml.Node trees to Go values by the `yaml` struct tags, by hand rather
// than through yaml.v3's decoder, so that every error can name the line and the field path,
// unknown fields and duplicate keys are refused, and the canonical form is under our control.

var textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()

// decoder decodes one document; it remembers the field tables of the struct types it met, so
// a record's many history entries do not each rebuild theirs.
type decoder struct {
	fields map[reflect.Type]map[string]int
}

func (d *decoder) structFields(t reflect.Type) map[string]int {
	if m, ok := modelFields()[t]; ok {
		return m
	}
	if m, ok := d.fields[t]; ok {
		return m
	}
	if d.fields == nil {
		d.fields = map[reflect.Type]map[string]int{}
	}
	m := structFields(t)
	d.fields[t] = m
	return m
}

// decodeNode fills v (a pointer) from n; path is the dotted field path of n for error messages.
func decodeNode(n *yaml.Node, v reflect.Value, path string) error {
	var d decoder
	return d.decode(n, v, path)
}

func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) error {
	if err := refuseYAMLFeatures(n, path); err != nil {
		return err
	}
	if v.Kind() == reflect.Pointer && v.Type().Elem().Kind() == reflect.Struct {
		if isNull(n) {
			return nil
		}
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		return d.decode(n, v.Elem(), path)
	}
	if fs, ok := v.Addr().Interface().(*records.Fields); ok {
		return decodeFields(n, fs, path)
	}
	if v.CanAddr() && v.Addr().Type().Implements(textUnmarshaler) {
		if n.Kind != yaml.ScalarNode {
			return nodeError(n, path, "expected a single value, found %s", kindName(n, path))
		}
		if isNull(n) {
			return nil
		}
		if err := v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(n.Value)); err != nil {
			return nodeError(n, path, "%v", err)
		}
		return nil
	}
	switch v.Kind() {
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			return nodeError(n, path, "expected text, found %s", kindName(n, path))
		}
		if isNull(n) {
			return nil
		}
		v.SetString(n.Value)
		return nil
	case reflect.Slice:
		if isNull(n) {
			return nil
		}
		if n.Kind != yaml.SequenceNode {
			return nodeError(n, path, "expected a list, found %s", kindName(n, path))
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, item := range n.Content {
			if err := d.decode(item, s.Index(i), path+"["+strconv.Itoa(i)+"]"); err != nil {
				return err
			}
		}
		v.Set(s)
		return nil
	case reflect.Struct:
		if isNull(n) {
			return nil
		}
		if n.Kind != yaml.MappingNode {
			return nodeError(n, path, "expected a mapping of fields, found %s", kindName(n, path))
		}
		fields := d.structFields(v.Type())
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			if err := refuseYAMLFeatures(k, path); err != nil {
				return err
			}
			if k.Kind != yaml.ScalarNode {
				return nodeError(k, path, "a field name must be plain text")
			}
			kpath := records.JoinPath(path, k.Value)
			if k.Value == "<<" {
				return nodeError(k, kpath, "merge keys (<<) are not allowed in a record: write the fields out")
			}
			for j := 0; j < i; j += 2 { // a record has a few dozen fields: no map needed
				if first := n.Content[j]; first.Value == k.Value {
					return nodeError(k, kpath, "duplicate field (first at line %d): keep one", first.Line)
				}
			}
			idx, ok := fields[k.Value]
			if !ok {
				return nodeError(k, kpath, "unknown field%s", suggestField(k.Value, fields))
			}
			if err := d.decode(val, v.Field(idx), kpath); err != nil {
				return err
			}
		}
		return nil
	}
	return nodeError(n, path, "internal: cannot decode into %s", v.Type())
}

func refuseYAMLFeatures(n *yaml.Node, path string) error {
	switch {
	case n.Kind == yaml.AliasNode:
		return nodeError(n, path, "aliases (*%s) are not allowed in a record: write the value out", n.Value)
	case n.Anchor != "":
		return nodeError(n, path, "anchors (&%s) are not allowed in a record: remove the anchor", n.Anchor)
	case n.Style&yaml.TaggedStyle != 0:
		return nodeError(n, path, "explicit YAML tags (%s) are not allowed in a record: remove the tag", n.Tag)
	}
	return nil
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// kindName describes what n is for an error about the field path; the value of a personal or
// confidential field is not quoted.
func kindName(n *yaml.Node, path string) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	return records.DescribeValue(path, n.Value)
}

// modelFields are the field tables of the struct types a records.Case holds, built the first
// time a record is decoded and only read afterwards (each parse built its own).
var modelFields = sync.OnceValue(func() map[reflect.Type]map[string]int {
	out := map[reflect.Type]map[string]int{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if _, ok := out[t]; ok || t.Kind() != reflect.Struct {
			return
		}
		out[t] = structFields(t)
		for i := range t.NumField() {
			walk(t.Field(i).Type)
		}
	}
	walk(reflect.TypeFor[records.Case]())
	return out
})

// structFields maps yaml field names to struct field indexes.
func structFields(t reflect.Type) map[string]int {
	m := make(map[string]int, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		m[records.FieldName(t.Field(i))] = i
	}
	return m
}

func suggestField(name string, fields map[string]int) string {
	best, bestD := "", 3
	for f := range fields {
		if d := records.EditDistance(name, f); d < bestD || (d == bestD && best != "" && f < best) {
			best, bestD = f, d
		}
	}
	if best == "" {
		names := make([]string, 0, len(fields))
		for f := range fields {
			names = append(names, f)
		}
		return ": allowed fields are " + strings.Join(records.SortedCopy(names), ", ")
	}
	return fmt.Sprintf(": did you mean %q?", best)
}

var (
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
	fieldsType        = reflect.TypeFor[records.Fields]()
)

// EncodeValue builds the canonical node for v, or nil when v is empty and may be left out.
func EncodeValue(v reflect.Value) *yaml.Node {
	var e valueEncoder
	return e.value(v)
}

// valueEncoder builds the nodes of one value, allocated in blocks (a record is a few hundred
// nodes: one allocation each was a fifth of encoding it).
type valueEncoder struct{ block []yaml.Node }

// node is a new node of the block (set in place: copying a whole node in was a fifth of
// encoding).
func (e *valueEncoder) node(kind yaml.Kind, tag, value string) *yaml.Node {
	if len(e.block) == cap(e.block) { // a full block is never moved: the tree points into it
		e.block = make([]yaml.Node, 0, 64)
	}
	e.block = e.block[:len(e.block)+1]
	n := &e.block[len(e.block)-1]
	n.Kind, n.Tag, n.Value = kind, tag, value
	return n
}

func (e *valueEncoder) value(v reflect.Value) *yaml.Node {
	// the type first: Interface copies the value (a whole Case) into an interface
	t := v.Type()
	if t == dateType {
		d, _ := reflect.TypeAssert[records.Date](v)
		if d.IsZero() {
			return nil
		}
		return e.node(yaml.ScalarNode, "!!timestamp", d.String())
	}
	p := planOf(t)
	if p.marshaler && v.CanInterface() {
		b, _ := v.Interface().(encoding.TextMarshaler).MarshalText()
		if len(b) == 0 {
			return nil
		}
		return e.node(yaml.ScalarNode, "!!timestamp", string(b))
	}
	if t == fieldsType {
		return encodeFields(v.Interface().(records.Fields))
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return e.value(v.Elem())
	case reflect.String:
		if v.String() == "" {
			return nil
		}
		n := e.node(yaml.ScalarNode, "!!str", v.String())
		n.Style = stringStyle(n.Value)
		return n
	case reflect.Slice:
		if v.Len() == 0 {
			return nil
		}
		seq := e.node(yaml.SequenceNode, "!!seq", "")
		seq.Content = make([]*yaml.Node, 0, v.Len())
		for i := 0; i < v.Len(); i++ {
			item := e.value(v.Index(i))
			if item == nil && t.Elem().Kind() == reflect.Struct {
				item = e.node(yaml.MappingNode, "!!map", "")
				item.Style = yaml.FlowStyle
			} else if item == nil {
				item = e.node(yaml.ScalarNode, "!!str", "")
				item.Style = yaml.DoubleQuotedStyle
			}
			seq.Content = append(seq.Content, item)
		}
		if allScalars(seq) && t.Elem().Kind() == reflect.String {
			seq.Style = yaml.FlowStyle
		}
		return seq
	case reflect.Struct:
		var content []*yaml.Node
		for _, f := range p.fields {
			val := e.value(v.Field(f.index))
			if val == nil {
				continue
			}
			if content == nil {
				content = make([]*yaml.Node, 0, 2*(len(p.fields)-f.index))
			}
			content = append(content, e.node(yaml.ScalarNode, "!!str", f.name), val)
		}
		if len(content) == 0 {
			return nil
		}
		m := e.node(yaml.MappingNode, "!!map", "")
		m.Content = content
		return m
	}
	panic(fmt.Sprintf("records: cannot encode %s", v.Type()))
}

var dateType = reflect.TypeFor[records.Date]()

// encodePlan is what encoding asks of a type, asked once: whether it writes itself as text,
// and a struct's fields with their names.
type encodePlan struct {
	marshaler bool
	fields    []planField
}

type planField struct {
	name  string
	index int
}

func newEncodePlan(t reflect.Type) *encodePlan {
	p := &encodePlan{marshaler: t.Kind() != reflect.Pointer && t.Implements(textMarshalerType)}
	if t.Kind() == reflect.Struct {
		p.fields = make([]planField, t.NumField())
		for i := range p.fields {
			p.fields[i] = planField{name: records.FieldName(t.Field(i)), index: i}
		}
	}
	return p
}

// encodePlans are the plans of the types a records.Case holds, made the first time a value is
// encoded and only read afterwards; another type's plan is made each time it is asked for.
var encodePlans = sync.OnceValue(func() map[reflect.Type]*encodePlan {
	out := map[reflect.Type]*encodePlan{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		if _, ok := out[t]; ok {
			return
		}
		out[t] = newEncodePlan(t)
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map:
			walk(t.Elem())
		case reflect.Struct:
			for i := range t.NumField() {
				walk(t.Field(i).Type)
			}
		}
	}
	walk(reflect.TypeFor[records.Case]())
	return out
})

func planOf(t reflect.Type) *encodePlan {
	if p, ok := encodePlans()[t]; ok {
		return p
	}
	return newEncodePlan(t)
}

func allScalars(seq *yaml.Node) bool {
	for _, c := range seq.Content {
		if c.Kind != yaml.ScalarNode || strings.ContainsAny(c.Value, "\n") || len(c.Value) > 40 {
			return false
		}
	}
	return true
}

// yaml11Trap matches plain scalars that a YAML 1.1 reader (PyYAML, old Ruby, spreadsheet
// importers) would take for something other than a string: booleans, nulls, numbers with
// leading zeros, octal, hex, binary, exponents, sexagesimal, infinities, dates, merge keys.
var yaml11Trap = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:` +
		`(?i:y|yes|n|no|true|false|on|off|null|~|\.inf|[-+]\.inf|\.nan)` +
		`|[-+]?[0-9_.:]*[0-9][0-9_.:]*(?:[eE][-+]?[0-9]+)?` +
		`|[-+]?0[xXbBoO][0-9a-fA-F_]+` +
		`|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?` +
		`|<<|=)$`)
})

// mayBeTrap is false for a string yaml11Trap cannot match, by its first character: most
// strings, without running the expression.
func mayBeTrap(s string) bool {
	if s == "" {
		return true
	}
	switch c := s[0]; {
	case '0' <= c && c <= '9', strings.IndexByte("+-._:~<=", c) >= 0:
		return true
	case strings.IndexByte("yYnNtTfFoO", c) >= 0:
		return len(s) <= len("false")
	}
	return false
}

func stringNode(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: stringStyle(s)}
}

// stringStyle is the style in which the string s reads back as s.
func stringStyle(s string) yaml.Style {
	switch {
	// Not for two or more final newlines: that needs a "|+" block, whose trailing blank lines
	// the end of the file would swallow.
	case strings.Contains(s, "\n") && !strings.ContainsAny(s, "\t\r") && !hasTrailingSpaceLine(s) && !strings.HasSuffix(s, "\n\n"):
		return yaml.LiteralStyle
	case strings.Contains(s, "\n"):
		// yaml.v3 left to itself writes some of these as block scalars that read back
		// differently (e.g. "\n" as an empty "|2+"): spell them out.
		return yaml.DoubleQuotedStyle
	case mayBeTrap(s) && yaml11Trap().MatchString(s):
		return yaml.DoubleQuotedStyle
	}
	return 0
}

func hasTrailingSpaceLine(s string) bool {
	for _, line := range strings.Split(s, "\n") {
		if strings.HasSuffix(line, " ") {
			return true
		}
	}
	return strings.HasPrefix(s, " ") || strings.HasPrefix(s, "\n")
}

// transferComments copies the comments a person wrote in old onto the matching nodes of fresh:
// mapping entries match by key, list items by position (history and lists only grow).
func transferComments(old, fresh *yaml.Node) {
	if old == nil || fresh == nil {
		return
	}
	fresh.HeadComment, fresh.LineComment, fresh.FootComment = old.HeadComment, old.LineComment, old.FootComment
	switch {
	case old.Kind == yaml.DocumentNode && fresh.Kind == yaml.DocumentNode:
		if len(old.Content) == 0 || len(fresh.Content) == 0 {
			break
		}
		oldRoot, freshRoot := old.Content[0], fresh.Content[0]
		// The comment at the top of the file is the file's, not its first field's (yaml.v3
		// attaches it to the first key): it stays at the top when the keys are reordered.
		var top string
		if oldRoot.Kind == yaml.MappingNode && freshRoot.Kind == yaml.MappingNode && len(oldRoot.Content) > 0 && len(freshRoot.Content) > 0 {
			top, oldRoot.Content[0].HeadComment = oldRoot.Content[0].HeadComment, ""
			defer func() { oldRoot.Content[0].HeadComment = top }()
		}
		transferComments(oldRoot, freshRoot)
		if top != "" {
			freshRoot.Content[0].HeadComment = joinComments(top, freshRoot.Content[0].HeadComment)
		}
	case old.Kind == yaml.MappingNode && fresh.Kind == yaml.MappingNode:
		byKey := map[string]int{}
		for i := 0; i+1 < len(old.Content); i += 2 {
			byKey[old.Content[i].Value] = i
		}
		var orphans []string
		for i := 0; i+1 < len(fresh.Content); i += 2 {
			if j, ok := byKey[fresh.Content[i].Value]; ok {
				transferComments(old.Content[j], fresh.Content[i])
				transferComments(old.Content[j+1], fresh.Content[i+1])
				delete(byKey, fresh.Content[i].Value)
			}
		}
		// Comments on fields that disappeared (emptied) are kept at the end of the mapping.
		for i := 0; i+1 < len(old.Content); i += 2 {
			if _, gone := byKey[old.Content[i].Value]; gone {
				for _, c := range []string{old.Content[i].HeadComment, old.Content[i].LineComment, old.Content[i+1].LineComment} {
					if c != "" {
						orphans = append(orphans, c)
					}
				}
			}
		}
		if len(orphans) > 0 && len(fresh.Content) > 0 {
			last := fresh.Content[len(fresh.Content)-2]
			last.FootComment = strings.Join(append([]string{last.FootComment}, orphans...), "\n")
			last.FootComment = strings.TrimPrefix(last.FootComment, "\n")
		}
	case old.Kind == yaml.SequenceNode && fresh.Kind == yaml.SequenceNode:
		for i := range min(len(old.Content), len(fresh.Content)) {
			transferComments(old.Content[i], fresh.Content[i])
		}
		if len(old.Content) > 0 && old.Style&yaml.FlowStyle == 0 && HasComments(fresh) {
			fresh.Style &^= yaml.FlowStyle
		}
	}
}

// SettleComments moves every foot comment below the document level to the head of the next
// entry, or after the last entry of a block up to the enclosing block, and at the top to the
// document's foot. The yaml.v3 encoder misplaces the foot comments of nested nodes (it can even
// write invalid YAML), and a parse of its output attaches them elsewhere, so keeping them
// would make fmt neither safe nor idempotent; head comments and the document's foot round-trip.
func SettleComments(doc *yaml.Node) {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return
	}
	doc.FootComment = joinComments(settleFoot(doc.Content[0]), doc.FootComment)
}

// settleFoot clears the foot comments inside n and returns those that belong below n.
func settleFoot(n *yaml.Node) string {
	own := n.FootComment
	n.FootComment = ""
	pending := ""
	place := func(head *string, foot string) {
		if pending != "" {
			*head = joinComments(pending, *head)
		}
		pending = foot
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			foot := joinComments(settleFoot(v), k.FootComment)
			k.FootComment = ""
			place(&k.HeadComment, foot)
		}
	case yaml.SequenceNode:
		for _, item := range n.Content {
			place(&item.HeadComment, settleFoot(item))
		}
	}
	return joinComments(pending, own)
}

func joinComments(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n")
}

func HasComments(n *yaml.Node) bool {
	if n.HeadComment != "" || n.LineComment != "" || n.FootComment != "" {
		return true
	}
	for _, c := range n.Content {
		if HasComments(c) {
			return true
		}
	}
	return false
}

// EncodeDocument renders a node tree in the canonical text form: 2-space indent, LF, one
// trailing newline: what yaml.v3 writes, written directly when the tree is one emitCanonical
// is sure of (most records), else by yaml.v3.
func EncodeDocument(doc *yaml.Node) ([]byte, error) {
	if out, ok := emitCanonical(doc); ok {
		return out, nil
	}
	return encodeWithYAML(doc)
}

// encodeWithYAML is EncodeDocument by yaml.v3's encoder.
func encodeWithYAML(doc *yaml.Node) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	out := bytes.TrimRight(buf.Bytes(), "\n")
	return append(out, '\n'), nil
}
