package records

import (
	"encoding"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Class is how sensitive a field of the record is. It decides who may see the field (the
// disclosure policy grants classes), what purge removes (personal and confidential fields) and
// what an error message may quote (never a personal or confidential value).
type Class string

// Classes, from the most sensitive to the least.
const (
	// Personal identifies or describes a person: the complainant, a representative, an officer.
	Personal Class = "personal"
	// Confidential is free text and details that may hold personal information or that the
	// office keeps to itself (notes, reasons, the documents requested, where it happened).
	Confidential Class = "confidential"
	// Internal is the office's working data: codes and dates that identify nobody but are not
	// published (flags, language, the history's who and when).
	Internal Class = "internal"
	// Public is what open data and statistics may show.
	Public Class = "public"
)

// Classes lists the classes from the most sensitive to the least.
func Classes() []Class { return []Class{Personal, Confidential, Internal, Public} }

// IsClass reports whether s names a class.
func IsClass(s string) bool { return slices.Contains(Classes(), Class(s)) }

// sensitivity orders the classes: higher is more sensitive.
func (c Class) sensitivity() int {
	return len(Classes()) - slices.Index(Classes(), c)
}

// Removable reports whether purge removes fields of this class.
func (c Class) Removable() bool { return c == Personal || c == Confidential }

// classification is the one table of the classes of the record's fields: every leaf field of
// Case, by its path without list indexes, plus the notes pseudo-field. TestClassificationCovers
// fails when a field of the schema is missing here, so a field added later cannot be disclosed,
// kept through a purge or quoted in an error by default.
var classification = map[string]Class{
	"id":                          Public,
	"aliases":                     Internal,
	"legacy_ids":                  Internal,
	"type":                        Public,
	"status":                      Public,
	"language":                    Internal,
	"received":                    Public,
	"channel":                     Public,
	"police_received":             Internal,
	"complainant.name":            Personal,
	"complainant.organization":    Personal,
	"complainant.email":           Personal,
	"complainant.phone":           Personal,
	"complainant.address":         Personal,
	"representative.name":         Personal,
	"representative.organization": Personal,
	"representative.email":        Personal,
	"representative.phone":        Personal,
	"representative.address":      Personal,
	"respondent.service":          Public,
	"respondent.officers.name":    Personal,
	"respondent.officers.badge":   Personal,
	"incident.date":               Internal,
	"incident.area":               Public,
	"incident.location":           Confidential,
	"summary":                     Personal,
	"categories":                  Public,
	"flags":                       Internal,
	"related":                     Internal,
	"screening.decision":          Public,
	"screening.decided":           Public,
	"screening.grounds":           Public,
	"routing":                     Public,
	"referrals.to":                Public,
	"referrals.purpose":           Public,
	"referrals.sent":              Public,
	"referrals.due":               Public,
	"referrals.updates":           Internal,
	"referrals.returned":          Public,
	"referrals.finding":           Public,
	"referrals.cancelled":         Internal,
	"referrals.reason":            Confidential,
	"requests.item":               Confidential,
	"requests.from":               Confidential,
	"requests.sent":               Internal,
	"requests.due":                Internal,
	"requests.received":           Internal,
	"requests.cancelled":          Internal,
	"requests.reason":             Confidential,
	"review.requested":            Public,
	"review.due":                  Internal,
	"review.decided":              Public,
	"review.outcome":              Public,
	"disposition.outcome":         Public,
	"disposition.closed":          Public,
	"disposition.reason":          Confidential,
	"disposition.redirected_to":   Internal,
	"hold.reason":                 Confidential,
	"hold.since":                  Internal,
	"import_key":                  Internal,
	// fields holds the profile's declared fields; each declares its own class (FieldDef.Class).
	// Until the profile is consulted, the group is treated as confidential: withheld and purged.
	"fields":         Confidential,
	"history.at":     Internal,
	"history.date":   Internal,
	"history.by":     Internal,
	"history.do":     Internal,
	"history.detail": Confidential,
	NotesField:       Confidential,
}

var listIndex = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\[\d+\]`) })

// ClassOf is the class of a field path ("complainant.email", "respondent.officers[0].name").
// A group of fields ("complainant") has the class of its most sensitive field. ok is false for
// a path the record does not have.
func ClassOf(path string) (c Class, ok bool) {
	path = listIndex().ReplaceAllString(path, "")
	if c, ok := classification[path]; ok {
		return c, true
	}
	for _, leaf := range leavesUnder(path) {
		if lc := classification[leaf]; !ok || lc.sensitivity() > c.sensitivity() {
			c, ok = lc, true
		}
	}
	return c, ok
}

// FieldsOfClass lists the classified fields of one class, sorted.
func FieldsOfClass(c Class) []string {
	var out []string
	for f, fc := range classification {
		if fc == c {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}

// leavesUnder lists the classified fields at or under path, sorted.
func leavesUnder(path string) []string {
	var out []string
	for f := range classification {
		if f == path || (len(f) > len(path) && f[:len(path)] == path && f[len(path)] == '.') {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}

// WalkSchema calls fn for every field path of the Case type, in record order; leaf tells a
// value disclosed or removed whole (text, a date, a list of those) from a group of fields.
func WalkSchema(fn func(path string, leaf bool)) {
	var walk func(t reflect.Type, prefix string)
	walk = func(t reflect.Type, prefix string) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name := JoinPath(prefix, FieldName(f))
			st, group := RecordStruct(f.Type)
			fn(name, !group)
			if group {
				walk(st, name)
			}
		}
	}
	walk(reflect.TypeFor[Case](), "")
}

// SchemaLeaves lists the leaf field paths of the Case type.
func SchemaLeaves() []string {
	var out []string
	WalkSchema(func(path string, leaf bool) {
		if leaf {
			out = append(out, path)
		}
	})
	return out
}

// DescribeValue is how an error message about field path shows a value v: quoted when the
// field is public or internal; only described when it may be personal information (or when
// the path is not a field of the record, which is treated as personal).
func DescribeValue(path, v string) string {
	c, ok := ClassOf(path)
	if ok && !c.Removable() {
		return "the value " + Quote(v)
	}
	if !ok {
		c = Personal
	}
	return "a value (not shown: " + string(c) + " field)"
}

// recordStruct reports whether t (or what it points to, or holds in a list) is one of the
// record's own groups of fields, as opposed to a leaf value such as a Date.
func RecordStruct(t reflect.Type) (reflect.Type, bool) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || reflect.PointerTo(t).Implements(reflect.TypeFor[encoding.TextUnmarshaler]()) {
		return nil, false
	}
	return t, true
}

// LeafClass is the class of a schema leaf (a path without list indices), or "" for a leaf the
// classification table does not list.
func LeafClass(leaf string) Class { return classification[leaf] }

// NotesField is the pseudo-field that lets an audience see the history's notes (entries with
// do: note), which are internal by default even where the rest of the history is disclosed.
const NotesField = "notes"

func JoinPath(path, field string) string {
	if path == "" {
		return field
	}
	return path + "." + field
}

func FieldName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if name == "" {
		return strings.ToLower(f.Name)
	}
	return name
}

// ClassifiedLeaves lists the schema leaves the classification table lists, in no particular
// order.
func ClassifiedLeaves() []string { return slices.Collect(maps.Keys(classification)) }
