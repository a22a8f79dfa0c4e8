package privacy

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/dossier-dev/dossier/records"
)

// Policy says, per audience, which fields of a case it may see. A field is named by its YAML
// path with list indexes left out ("complainant.email", "respondent.officers.badge"); naming a
// field grants everything under it ("complainant"); "class:public" grants every field of that
// class (see the classification table: personal, confidential, internal, public; the notes are
// confidential); "*" grants every field and the notes. An entry starting with "-" is an
// exception: it withholds a field or a class the other entries grant ("-referrals.due",
// "-class:internal"). Anything not granted is withheld: a field added to the record later is
// hidden until an office discloses it.
type Policy map[string][]string

// ClassPrefix starts a policy entry that names a class rather than a field.
const ClassPrefix = "class:"

// UnknownAudienceError is an audience the policy does not define.
type UnknownAudienceError struct {
	Audience string
	Known    []string
}

func (e *UnknownAudienceError) Error() string {
	return fmt.Sprintf("unknown audience %q%s: use one of %s (audiences are defined under disclosure: in dossier.yaml)",
		records.Printable(e.Audience), records.Suggest(e.Audience, e.Known), strings.Join(e.Known, ", "))
}

// Audiences lists the audiences of the policy, internal first, then in alphabetical order.
func (p Policy) Audiences() []string {
	out := []string{records.AudienceInternal}
	var rest []string
	for a := range p {
		if a != records.AudienceInternal {
			rest = append(rest, a)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// Has reports whether audience is defined.
func (p Policy) Has(audience string) bool {
	_, ok := p[audience]
	return ok || audience == records.AudienceInternal
}

// DisclosureFields lists every field name a policy may grant, in record order.
func DisclosureFields() []string { return DisclosureFieldsFor(nil) }

// DisclosureFieldsFor lists every field name a policy may grant under the profile prof (its
// declared fields as fields.NAME, a list's sub-fields as fields.NAME.SUB), in record order.
func DisclosureFieldsFor(prof *records.Profile) []string {
	var out []string
	records.WalkSchema(func(path string, _ bool) {
		out = append(out, path)
		if path == "fields" {
			out = append(out, declaredPaths(prof, true)...)
		}
	})
	return append(out, records.NotesField)
}

// declaredPaths lists the paths of the declared fields of prof: fields.NAME, and with subs each
// list's fields.NAME.SUB after it (without: only the leaves, a list by its sub-fields).
func declaredPaths(prof *records.Profile, groups bool) []string {
	if prof == nil {
		return nil
	}
	var out []string
	for _, def := range prof.Fields {
		path := records.FieldPath(def.Name)
		if groups || len(def.Fields) == 0 {
			out = append(out, path)
		}
		for _, sub := range def.Fields {
			out = append(out, path+"."+sub.Name)
		}
	}
	return out
}

// Validate reports the policy's problems: unknown fields, a redefined internal audience.
func (p Policy) Validate() []records.Problem { return p.ValidateFor(nil) }

// ValidateFor is Validate under the profile prof: its declared fields may be granted by name
// (fields.NAME), and the public may not be granted a personal or confidential one.
func (p Policy) ValidateFor(prof *records.Profile) []records.Problem {
	known := DisclosureFieldsFor(prof)
	var probs []records.Problem
	for _, a := range p.Audiences() {
		if a == records.AudienceInternal {
			if _, ok := p[a]; ok {
				probs = append(probs, records.Problem{File: "dossier.yaml", Field: "disclosure.internal", Msg: "internal always sees every field: remove it"})
			}
			continue
		}
		for _, entry := range p[a] {
			f := strings.TrimPrefix(entry, "-")
			if f == "*" || slices.Contains(known, f) {
				continue
			}
			if cl, ok := strings.CutPrefix(f, ClassPrefix); ok {
				if !records.IsClass(cl) {
					probs = append(probs, records.Problem{File: "dossier.yaml", Field: "disclosure." + a, Msg: fmt.Sprintf("unknown class %q%s; classes are %s", records.Printable(cl), records.Suggest(cl, classNames()), strings.Join(classNames(), ", "))})
				}
				continue
			}
			probs = append(probs, records.Problem{File: "dossier.yaml", Field: "disclosure." + a, Msg: fmt.Sprintf("unknown field %q%s; fields are %s (or class:CLASS, -FIELD for an exception)", records.Printable(f), records.Suggest(f, known), strings.Join(known, ", "))})
		}
		if a == records.AudiencePublic {
			var leaks []string
			for _, leaf := range DisclosureLeavesFor(prof) {
				if cl := leafClass(prof, leaf); cl.Removable() && grantsLeaf(p[a], leaf, cl) {
					leaks = append(leaks, fmt.Sprintf("%s (%s)", leaf, cl))
				}
			}
			if len(leaks) > 0 {
				probs = append(probs, records.Problem{File: "dossier.yaml", Field: "disclosure.public", Msg: fmt.Sprintf("grants %s: the public sees no personal or confidential field; remove them or add exceptions (-FIELD)", strings.Join(leaks, ", "))})
			}
		}
	}
	return probs
}

func classNames() []string {
	var out []string
	for _, c := range records.Classes() {
		out = append(out, string(c))
	}
	return out
}

// DisclosureLeaves lists the classified fields (leaves and the notes) in record order.
func DisclosureLeaves() []string { return DisclosureLeavesFor(nil) }

// DisclosureLeavesFor lists the classified fields (leaves and the notes) in record order, the
// declared fields of prof one by one where the fields: key is (a list by its sub-fields).
func DisclosureLeavesFor(prof *records.Profile) []string {
	var out []string
	for _, leaf := range records.SchemaLeaves() {
		if leaf == "fields" && prof != nil && len(prof.Fields) > 0 {
			out = append(out, declaredPaths(prof, false)...)
			continue
		}
		out = append(out, leaf)
	}
	return append(out, records.NotesField)
}

// leafClass is the class of a classified field: the declared fields' by the profile.
func leafClass(prof *records.Profile, leaf string) records.Class {
	if strings.HasPrefix(leaf, "fields.") {
		c, _ := prof.ClassOf(leaf)
		return c
	}
	return records.LeafClass(leaf)
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
	return compileAccess(nil, fields).of(path)
}

// grantsLeaf tells whether the entries grant one classified field of class cl: some entry
// grants it and no exception withholds it.
func grantsLeaf(fields []string, leaf string, cl records.Class) bool {
	in := false
	for _, f := range fields {
		entry, except := strings.CutPrefix(f, "-")
		if !entryCovers(entry, leaf, cl) {
			continue
		}
		if except {
			return false
		}
		in = true
	}
	return in
}

func entryCovers(entry, leaf string, leafCl records.Class) bool {
	if cl, ok := strings.CutPrefix(entry, ClassPrefix); ok {
		return leafCl == records.Class(cl)
	}
	return entry == "*" || entry == leaf || strings.HasPrefix(leaf, entry+".")
}

// access is an audience's entries compiled once: how many classified fields are under each
// path, and how many of them are granted.
type access struct{ granted, total map[string]int }

func compileAccess(prof *records.Profile, fields []string) access {
	a := access{granted: map[string]int{}, total: map[string]int{}}
	leaves := records.ClassifiedLeaves()
	if prof != nil && len(prof.Fields) > 0 {
		leaves = append(slices.DeleteFunc(leaves, func(l string) bool { return l == "fields" }), declaredPaths(prof, false)...)
	}
	for _, leaf := range leaves {
		ok := grantsLeaf(fields, leaf, leafClass(prof, leaf))
		for p := leaf; ; {
			a.total[p]++
			if ok {
				a.granted[p]++
			}
			i := strings.LastIndexByte(p, '.')
			if i < 0 {
				break
			}
			p = p[:i]
		}
	}
	return a
}

func (a access) of(path string) grant {
	switch g := a.granted[path]; {
	case g == 0:
		return grantNone
	case g == a.total[path]:
		return grantAll
	}
	return grantSome
}

// Redact returns a deep copy of c holding only what audience may see under the policy; withheld
// fields are zero (nil for a withheld group such as the complainant). The internal audience gets
// a full copy. c is not changed. The declared fields are withheld as a whole unless the audience
// is granted every field (RedactFor classifies them by the profile).
func Redact(c *records.Case, p Policy, audience string) (*records.Case, error) {
	return RedactFor(nil, c, p, audience)
}

// RedactFor is Redact under the profile prof: each declared field is disclosed when granted by
// name (fields.NAME, or fields for all of them) or by its class; a list keeps, in each item,
// the sub-fields granted.
func RedactFor(prof *records.Profile, c *records.Case, p Policy, audience string) (*records.Case, error) {
	r, err := NewRedactor(prof, p, audience)
	if err != nil {
		return nil, err
	}
	return r.Redact(c), nil
}

// Redactor is RedactFor for one audience with its entries compiled once: a command that
// redacts many cases (export, a report) compiles them once, not for each case.
type Redactor struct {
	prof *records.Profile
	acc  access
}

// NewRedactor compiles what audience may see under the policy p and the profile prof (nil:
// without declared fields), or says the audience is unknown.
func NewRedactor(prof *records.Profile, p Policy, audience string) (*Redactor, error) {
	fields, ok := p[audience]
	switch {
	case audience == records.AudienceInternal:
		fields = []string{"*"}
	case !ok:
		return nil, &UnknownAudienceError{Audience: audience, Known: p.Audiences()}
	}
	return &Redactor{prof: prof, acc: compileAccess(prof, fields)}, nil
}

// Redact is RedactFor(prof, c, p, audience) with the redactor's profile, policy and audience.
func (r *Redactor) Redact(c *records.Case) *records.Case {
	prof, acc := r.prof, r.acc
	out := new(records.Case)
	copyGranted(reflect.ValueOf(out).Elem(), reflect.ValueOf(c).Elem(), acc, "")
	out.Fields = grantedFields(prof, c.Fields, acc)
	if out.History != nil && acc.of(records.NotesField) != grantAll {
		out.History = slices.DeleteFunc(out.History, func(e records.Entry) bool { return e.Do == records.ActNote })
		if len(out.History) == 0 {
			out.History = nil
		}
	}
	for i := range out.History {
		if e := &out.History[i]; e.Detail != "" && !detailDisclosed(acc, e.Do) {
			e.Detail = ""
		}
	}
	return out
}

// copyGranted copies the granted fields of the struct src into dst (a zero value of the same
// type), deeply: the copy shares no slice or pointer with src.
func copyGranted(dst, src reflect.Value, acc access, prefix string) {
	for i := 0; i < src.NumField(); i++ {
		path := records.JoinPath(prefix, records.FieldName(src.Type().Field(i)))
		g := acc.of(path)
		if g == grantNone {
			continue
		}
		copyValue(dst.Field(i), src.Field(i), acc, path, g)
	}
}

func copyValue(dst, src reflect.Value, acc access, path string, g grant) {
	if _, ok := records.RecordStruct(src.Type()); !ok && g != grantAll {
		return // a leaf value is disclosed whole or not at all
	}
	switch src.Kind() {
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		v := reflect.New(src.Type().Elem())
		copyValue(v.Elem(), src.Elem(), acc, path, g)
		if !v.Elem().IsZero() {
			dst.Set(v)
		}
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := 0; i < src.Len(); i++ {
			copyValue(s.Index(i), src.Index(i), acc, path, g)
		}
		dst.Set(s)
	case reflect.Struct:
		if _, ok := records.RecordStruct(src.Type()); ok {
			copyGranted(dst, src, acc, path)
			return
		}
		dst.Set(src) // a leaf value such as Date: no references inside
	default:
		dst.Set(src)
	}
}

// detailDisclosed reports whether an audience with access acc sees the detail of an entry of
// this action: it sees history.detail and every field the detail repeats.
func detailDisclosed(acc access, action string) bool {
	if acc.of("history.detail") != grantAll {
		return false
	}
	return !slices.ContainsFunc(records.DetailFields(action), func(f string) bool { return acc.of(f) != grantAll })
}

// grantedFields is a deep copy of the declared fields acc grants: without declarations (prof
// nil or declaring none) all or nothing, as the fields group; otherwise field by field, and in
// a list item sub-field by sub-field. A field the profile does not declare is withheld but from
// an audience granted every field.
func grantedFields(prof *records.Profile, fs records.Fields, acc access) records.Fields {
	var out records.Fields
	keep := func(name string, v records.FieldValue) {
		if out == nil {
			out = records.Fields{}
		}
		out[name] = v
	}
	for name, v := range fs {
		if v.IsZero() {
			continue
		}
		path := records.FieldPath(name)
		var def *records.FieldDef
		if prof != nil && len(prof.Fields) > 0 {
			def = prof.Fields.Find(name)
		}
		if def == nil && acc.of("fields") != grantAll {
			continue // an undeclared field: only for who sees every field
		}
		switch {
		case len(v.Items) > 0:
			var items []map[string]string
			for _, item := range v.Items {
				kept := map[string]string{}
				for k, s := range item {
					if def == nil || acc.of(path+"."+k) == grantAll {
						kept[k] = s
					}
				}
				if len(kept) > 0 {
					items = append(items, kept)
				}
			}
			if len(items) > 0 {
				keep(name, records.FieldValue{Items: items})
			}
		case def == nil || acc.of(path) == grantAll:
			keep(name, records.FieldValue{Scalar: v.Scalar, Codes: slices.Clone(v.Codes)})
		}
	}
	return out
}
