package records

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
)

// DisposedMarker replaces every personal and confidential text of a disposed file, so that a
// reader sees the field was there and was removed on purpose.
const DisposedMarker = "[disposed]"

// A history detail of a public or internal class (see detailFields) is made of the office's
// codes and dates only (outcome, partner, grounds, due date): the reports read them, so
// disposal keeps them. Every other detail is free text (a note, a reason, a document's name)
// and is removed.

// codeText is what a coded detail looks like; a detail written by hand in a coded entry (with
// capitals, quotes, digits of a phone number after letters...) that does not match is removed.
var CodeText = regexp.MustCompile(`^[a-z0-9 ,:()\[\]._-]*$`)

// DisposeRecord disposes of the personal information of a closed case that is due under the
// retention schedule r on a.Date: every personal and confidential field (see the
// classification table) is replaced by DisposedMarker (text) or emptied (other values), the
// comments of the file are dropped (a person may have written anything there), and a dispose
// entry naming who authorised it is appended. What the statistics read — type, dates, codes,
// outcome, the coded history — stays, so the reports of past periods count the same.
func DisposeRecord(r *Record, a Act, ret Retention, authorizedBy string) error {
	c := &r.Case
	authorizedBy = strings.TrimSpace(authorizedBy)
	if authorizedBy == "" {
		return inputErr("authorized_by", "name who authorised the disposal (recorded in the history)")
	}
	if strings.ContainsAny(authorizedBy, "\n\r\t") {
		return inputErr("authorized_by", "one line, a name")
	}
	if Disposed(c) {
		return redispose(r, a, authorizedBy)
	}
	if why := allowed(c, ActDispose); why != "" {
		return refuse(c, "dispose", why)
	}
	due, years, _ := ret.DueDate(c)
	if c.Hold != nil {
		return refuse(c, "dispose", fmt.Sprintf("the file is on hold since %s (lift the hold with hold --lift when its reason has passed)", c.Hold.Since))
	}
	if due.After(a.Date) {
		return refuse(c, "dispose", fmt.Sprintf("it is kept until %s (%d years after closing on %s, outcome %s)", due, years, c.Disposition.Closed, c.Disposition.Outcome))
	}
	detail := fmt.Sprintf("authorized by %s; %s, kept %d years after closing on %s (due %s)", authorizedBy, c.Disposition.Outcome, years, c.Disposition.Closed, due)
	return apply(c, a, "dispose", ActDispose, detail, func() error {
		Scrub(c)
		r.Doc = nil
		return nil
	})
}

// Scrub replaces the personal and confidential fields of c: text by DisposedMarker (empty text
// stays empty), any other value by its zero value. History details are kept for the coded
// actions (detailFields) and replaced for the others.
func Scrub(c *Case) {
	history := c.History
	c.History = nil
	scrubStruct(reflect.ValueOf(c).Elem(), "")
	for i := range history {
		e := &history[i]
		if !keptDetail(*e) {
			e.Detail = DisposedMarker
		}
	}
	c.History = history
}

// keptDetail reports whether disposal keeps the detail of a history entry: empty, made of codes
// only, or the record of the disposal itself (who authorised it).
func keptDetail(e Entry) bool {
	return e.Detail == "" || e.Do == ActDispose || (!DetailClass(e.Do).Removable() && CodeText.MatchString(e.Detail))
}

// RemovedFields lists the fields of c that Scrub would change (for purge --dry-run), in record
// order, with list indexes.
func RemovedFields(c *Case) []string {
	var out []string
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), path)
			}
			return
		case reflect.Slice:
			if _, ok := RecordStruct(v.Type()); ok {
				for i := 0; i < v.Len(); i++ {
					walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
				}
				return
			}
		case reflect.Struct:
			if _, ok := RecordStruct(v.Type()); ok {
				for i := 0; i < v.NumField(); i++ {
					walk(v.Field(i), JoinPath(path, FieldName(v.Type().Field(i))))
				}
				return
			}
		}
		if cl, _ := ClassOf(path); cl.Removable() && !v.IsZero() && !scrubbed(v) {
			out = append(out, path)
		}
	}
	history := c.History
	cc := *c
	cc.History = nil
	walk(reflect.ValueOf(&cc).Elem(), "")
	for i, e := range history {
		if !keptDetail(e) && e.Detail != DisposedMarker {
			out = append(out, fmt.Sprintf("history[%d].detail", i))
		}
	}
	return out
}

// scrubbed reports whether a value already holds nothing but the marker.
func scrubbed(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String:
		return v.String() == DisposedMarker
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			if !scrubbed(v.Index(i)) {
				return false
			}
		}
		return true
	}
	return false
}

func scrubStruct(v reflect.Value, prefix string) {
	for i := 0; i < v.NumField(); i++ {
		scrubValue(v.Field(i), JoinPath(prefix, FieldName(v.Type().Field(i))))
	}
}

func scrubValue(v reflect.Value, path string) {
	if _, ok := RecordStruct(v.Type()); ok {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				scrubValue(v.Elem(), path)
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				scrubValue(v.Index(i), path)
			}
		case reflect.Struct:
			scrubStruct(v, path)
		}
		return
	}
	cl, ok := ClassOf(path)
	if ok && !cl.Removable() {
		return
	}
	// A removable leaf, or one the table does not know (removed: the safe side).
	switch {
	case v.Kind() == reflect.String:
		if v.String() != "" {
			v.SetString(DisposedMarker)
		}
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.String:
		for i := 0; i < v.Len(); i++ {
			if v.Index(i).String() != "" {
				v.Index(i).SetString(DisposedMarker)
			}
		}
	default:
		v.Set(reflect.Zero(v.Type()))
	}
}

// CheckDispose tells what DisposeRecord would do to r on a.Date without changing r: the fields
// it would remove, or the refusal it would give.
func CheckDispose(r *Record, a Act, ret Retention) ([]string, error) {
	cp, err := Redact(&r.Case, nil, AudienceInternal)
	if err != nil {
		return nil, err
	}
	if err := DisposeRecord(&Record{Path: r.Path, Case: *cp}, a, ret, "dry run"); err != nil {
		return nil, err
	}
	if Disposed(&r.Case) {
		return DisposedResidue(&r.Case), nil
	}
	return RemovedFields(&r.Case), nil
}
