package merge

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
	"go.yaml.in/yaml/v3"
)

var fieldsType = reflect.TypeFor[records.Fields]()

// fields merges the declared fields key by key: a field changed on one side takes that side; a
// codes field changed on both merges as a set (like categories); a list to which both sides
// only added items gets both sides' items; any other field changed differently on both sides
// is a conflict named fields.NAME.
func (m *merger) fields(path string, b, o, t records.Fields) (records.Fields, records.Fields) {
	names := map[string]bool{}
	for _, fs := range []records.Fields{b, o, t} {
		for name := range fs {
			names[name] = true
		}
	}
	sorted := make([]string, 0, len(names))
	for name := range names {
		sorted = append(sorted, name)
	}
	slices.Sort(sorted)
	var ro, rt records.Fields
	set := func(dst *records.Fields, name string, v records.FieldValue) {
		if v.IsZero() {
			return
		}
		if *dst == nil {
			*dst = records.Fields{}
		}
		(*dst)[name] = v
	}
	for _, name := range sorted {
		bv, ov, tv := b[name], o[name], t[name]
		var merged records.FieldValue
		ok := true
		switch {
		case reflect.DeepEqual(ov, tv):
			merged = ov
		case m.diff:
			ok = false
		case reflect.DeepEqual(bv, ov):
			merged = tv
		case reflect.DeepEqual(bv, tv):
			merged = ov
		case codesOnly(bv) && codesOnly(ov) && codesOnly(tv):
			merged = records.FieldValue{Codes: mergeSet(reflect.ValueOf(bv.Codes), reflect.ValueOf(ov.Codes), reflect.ValueOf(tv.Codes)).Interface().([]string)}
		default:
			merged, ok = addedItems(bv, ov, tv)
		}
		if !ok {
			m.conflicts = append(m.conflicts, Conflict{Field: records.JoinPath(path, name), Ours: renderField(ov), Theirs: renderField(tv)})
			set(&ro, name, ov)
			set(&rt, name, tv)
			continue
		}
		set(&ro, name, merged)
		set(&rt, name, merged)
	}
	return ro, rt
}

// codesOnly reports a value that is a list of codes, or empty.
func codesOnly(v records.FieldValue) bool { return v.Scalar == "" && len(v.Items) == 0 }

// addedItems merges a list to which each side only added items after the base's: the base's
// items, then the added ones (once each) in an order that does not depend on the side.
func addedItems(b, o, t records.FieldValue) (records.FieldValue, bool) {
	n := len(b.Items)
	if b.Scalar != "" || len(b.Codes) > 0 || o.Scalar != "" || len(o.Codes) > 0 || t.Scalar != "" || len(t.Codes) > 0 ||
		len(o.Items) < n || len(t.Items) < n || !reflect.DeepEqual(o.Items[:n], b.Items) || !reflect.DeepEqual(t.Items[:n], b.Items) {
		return records.FieldValue{}, false
	}
	added := map[string]map[string]string{}
	for _, item := range append(slices.Clone(o.Items[n:]), t.Items[n:]...) {
		key, err := json.Marshal(item)
		if err != nil {
			return records.FieldValue{}, false
		}
		added[string(key)] = item
	}
	keys := make([]string, 0, len(added))
	for k := range added {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	items := slices.Clone(b.Items)
	for _, k := range keys {
		items = append(items, added[k])
	}
	return records.FieldValue{Items: items}, true
}

// renderField writes a declared field's value for a message, as YAML flow text.
func renderField(v records.FieldValue) string {
	if v.IsZero() {
		return absent
	}
	n := codec.EncodeValue(reflect.ValueOf(records.Fields{"v": v}))
	if n == nil || len(n.Content) < 2 {
		return absent
	}
	val := n.Content[1]
	flowStyle(val)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	if err := enc.Encode(val); err != nil {
		return absent
	}
	enc.Close()
	return strings.TrimSpace(buf.String())
}

// normalizedFields drops the unset fields, so that a field written empty and one left out
// compare equal.
func normalizedFields(fs records.Fields) records.Fields {
	var out records.Fields
	for name, v := range fs {
		if v.IsZero() {
			continue
		}
		if out == nil {
			out = records.Fields{}
		}
		if len(v.Codes) == 0 {
			v.Codes = nil
		}
		if len(v.Items) == 0 {
			v.Items = nil
		}
		out[name] = v
	}
	return out
}
