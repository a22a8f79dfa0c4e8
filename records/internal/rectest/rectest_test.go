package rectest

import (
	"reflect"
	"testing"
)

// Profile hands out copies of one read: each is the profile as read, and shares nothing with
// the others, so that a test that changes its copy changes no other test's.
func TestProfileCopiesAreTheProfileAndShareNothing(t *testing.T) {
	fresh, err := readProfile()
	if err != nil {
		t.Fatal(err)
	}
	a, b := Profile(t), Profile(t)
	if !reflect.DeepEqual(a, fresh) || !reflect.DeepEqual(b, fresh) {
		t.Fatal("a copy of the profile differs from the profile read afresh")
	}
	if path := shared(reflect.ValueOf(a), reflect.ValueOf(b), "profile"); path != "" {
		t.Errorf("two copies share %s", path)
	}
	// and a change to one is seen by no later copy
	a.Workflow.Actions[0].From = append(a.Workflow.Actions[0].From[:0], "changed")
	a.Outcomes["conduct"][0].Code = "changed"
	a.Types = nil
	if !reflect.DeepEqual(Profile(t), fresh) {
		t.Error("a change to one copy shows in the next")
	}
}

// shared is the path of a pointer, map or slice array that a and b (values of one type)
// both hold, or "".
func shared(a, b reflect.Value, path string) string {
	switch a.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice:
		if !a.IsNil() && !b.IsNil() && a.Pointer() == b.Pointer() && (a.Kind() != reflect.Slice || a.Cap() > 0) {
			return path
		}
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !a.IsNil() && !b.IsNil() {
			return shared(a.Elem(), b.Elem(), path)
		}
	case reflect.Struct:
		for i := range a.NumField() {
			if a.Type().Field(i).IsExported() {
				if p := shared(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name); p != "" {
					return p
				}
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range min(a.Len(), b.Len()) {
			if p := shared(a.Index(i), b.Index(i), path+"[]"); p != "" {
				return p
			}
		}
	case reflect.Map:
		for it := a.MapRange(); it.Next(); {
			if bv := b.MapIndex(it.Key()); bv.IsValid() {
				if p := shared(it.Value(), bv, path+"[key]"); p != "" {
					return p
				}
			}
		}
	}
	return ""
}
