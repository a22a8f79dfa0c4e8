package records

import (
	"encoding"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
)

// Audiences every office has. AudienceInternal sees everything and needs no policy; the others
// see only the fields dossier.yaml's disclosure section lists for them.
const (
	AudienceInternal    = "internal"
	AudienceComplainant = "complainant"
	AudienceRespondent  = "respondent"
	AudiencePanel       = "panel"
	AudiencePublic      = "public"
)

// NotesField is the pseudo-field that lets an audience see the history's notes (entries with
// do: note), which are internal by default even where the rest of the history is disclosed.
const NotesField = "notes"

// Policy says, per audience, which fields of a case it may see. A field is named by its YAML
// path with list indexes left out ("complainant.email", "respondent.officers.badge"); naming a
// field grants everything under it ("complainant"); "*" grants every field and the notes.
// Anything not granted is withheld: a field added to the record later is hidden until an
// office discloses it.
type Policy map[string][]string

// UnknownAudienceError is an audience the policy does not define.
type UnknownAudienceError struct {
	Audience string
	Known    []string
}

func (e *UnknownAudienceError) Error() string {
	return fmt.Sprintf("unknown audience %q%s: use one of %s (audiences are defined under disclosure: in dossier.yaml)",
		printable(e.Audience), Suggest(e.Audience, e.Known), strings.Join(e.Known, ", "))
}

// Audiences lists the audiences of the policy, internal first, then in alphabetical order.
func (p Policy) Audiences() []string {
	out := []string{AudienceInternal}
	var rest []string
	for a := range p {
		if a != AudienceInternal {
			rest = append(rest, a)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// Has reports whether audience is defined.
func (p Policy) Has(audience string) bool {
	_, ok := p[audience]
	return ok || audience == AudienceInternal
}

// DisclosureFields lists every field name a policy may grant, in record order.
func DisclosureFields() []string {
	var out []string
	var walk func(t reflect.Type, prefix string)
	walk = func(t reflect.Type, prefix string) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name := joinPath(prefix, fieldName(f))
			out = append(out, name)
			if st, ok := recordStruct(f.Type); ok {
				walk(st, name)
			}
		}
	}
	walk(reflect.TypeFor[Case](), "")
	return append(out, NotesField)
}

// Validate reports the policy's problems: unknown fields, a redefined internal audience.
func (p Policy) Validate() []string {
	known := DisclosureFields()
	var probs []string
	for _, a := range p.Audiences() {
		if a == AudienceInternal {
			if _, ok := p[a]; ok {
				probs = append(probs, "disclosure.internal: internal always sees every field: remove it")
			}
			continue
		}
		for _, f := range p[a] {
			if f == "*" || slices.Contains(known, f) {
				continue
			}
			probs = append(probs, fmt.Sprintf("disclosure.%s: unknown field %q%s; fields are %s", a, printable(f), Suggest(f, known), strings.Join(known, ", ")))
		}
	}
	return probs
}

// grants tells how the audience's list covers one field: the whole field, some fields under it,
// or nothing.
type grant int

const (
	grantNone grant = iota
	grantSome
	grantAll
)

func grantOf(fields []string, path string) grant {
	g := grantNone
	for _, f := range fields {
		switch {
		case f == "*", f == path, strings.HasPrefix(path, f+"."):
			return grantAll
		case strings.HasPrefix(f, path+"."):
			g = grantSome
		}
	}
	return g
}

// Redact returns a deep copy of c holding only what audience may see under the policy; withheld
// fields are zero (nil for a withheld group such as the complainant). The internal audience gets
// a full copy. c is not changed.
func Redact(c *Case, p Policy, audience string) (*Case, error) {
	fields, ok := p[audience]
	switch {
	case audience == AudienceInternal:
		fields = []string{"*"}
	case !ok:
		return nil, &UnknownAudienceError{Audience: audience, Known: p.Audiences()}
	}
	out := new(Case)
	copyGranted(reflect.ValueOf(out).Elem(), reflect.ValueOf(c).Elem(), fields, "")
	if out.History != nil && grantOf(fields, NotesField) != grantAll {
		out.History = slices.DeleteFunc(out.History, func(e Entry) bool { return e.Do == ActNote })
		if len(out.History) == 0 {
			out.History = nil
		}
	}
	return out, nil
}

// copyGranted copies the granted fields of the struct src into dst (a zero value of the same
// type), deeply: the copy shares no slice or pointer with src.
func copyGranted(dst, src reflect.Value, fields []string, prefix string) {
	for i := 0; i < src.NumField(); i++ {
		path := joinPath(prefix, fieldName(src.Type().Field(i)))
		g := grantOf(fields, path)
		if g == grantNone {
			continue
		}
		copyValue(dst.Field(i), src.Field(i), fields, path, g)
	}
}

func copyValue(dst, src reflect.Value, fields []string, path string, g grant) {
	if _, ok := recordStruct(src.Type()); !ok && g != grantAll {
		return // a leaf value is disclosed whole or not at all
	}
	switch src.Kind() {
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		v := reflect.New(src.Type().Elem())
		copyValue(v.Elem(), src.Elem(), fields, path, g)
		if !v.Elem().IsZero() {
			dst.Set(v)
		}
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := 0; i < src.Len(); i++ {
			copyValue(s.Index(i), src.Index(i), fields, path, g)
		}
		dst.Set(s)
	case reflect.Struct:
		if _, ok := recordStruct(src.Type()); ok {
			if g == grantAll {
				fields = []string{"*"}
			}
			copyGranted(dst, src, fields, path)
			return
		}
		dst.Set(src) // a leaf value such as Date: no references inside
	default:
		dst.Set(src)
	}
}

// recordStruct reports whether t (or what it points to, or holds in a list) is one of the
// record's own groups of fields, as opposed to a leaf value such as a Date.
func recordStruct(t reflect.Type) (reflect.Type, bool) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || reflect.PointerTo(t).Implements(reflect.TypeFor[encoding.TextUnmarshaler]()) {
		return nil, false
	}
	return t, true
}
