package records

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"sync"
)

// A disposed case stays disposed: no merge, edit or restore may bring back what disposal
// removed. The rules:
//
//   - Residue: in a disposed file, a personal or confidential field holding a value (not the
//     DisposedMarker), or a free-text history detail recorded before the (first) dispose entry,
//     is personal data that disposal removed and something brought back. Validate reports it
//     as an error and purge removes it again. Notes recorded after the disposal are the
//     office's own later entries and stay.
//   - Merges: when one side disposed of the case and the other did not, the other side's
//     changes are scrubbed the way disposal would have scrubbed them before they are merged:
//     its new history entries are kept (date, time, who, action: the history only grows) with
//     their free-text detail replaced by DisposedMarker, its personal fields and its comments
//     are dropped.
//   - History loss: an entry of a parent commit missing from a merge result is refused, unless
//     the result is disposed and holds the entry with its detail removed by disposal.

// FirstDispose is the index of the first dispose entry of c, or -1.
func FirstDispose(c *Case) int {
	for i := range c.History {
		if c.History[i].Do == ActDispose {
			return i
		}
	}
	return -1
}

// DisposedResidue lists the fields of a disposed case that hold personal data again (see
// above), in record order; nil when c is not disposed or holds none.
func DisposedResidue(c *Case) []string {
	last := FirstDispose(c)
	if last < 0 {
		return nil
	}
	cc := *c
	cc.History = c.History[:last]
	return RemovedFields(&cc)
}

// ScrubResidue removes the residue of a disposed case: personal fields and the free-text
// details of the entries before the first dispose entry.
func ScrubResidue(c *Case) {
	last := FirstDispose(c)
	if last < 0 {
		return
	}
	later := slices.Clone(c.History[last:])
	c.History = c.History[:last]
	Scrub(c)
	c.History = append(c.History, later...)
}

// disposedProblems reports the residue of a disposed case as errors.
func disposedProblems(c *Case, p *Profile) []Problem {
	var ps []Problem
	for _, f := range p.DisposedResidue(c) {
		ps = append(ps, Problem{Field: f, Msg: fmt.Sprintf("personal data in a disposed file: the case was disposed of on %s and this field holds a value again (a merge or an edit brought it back): run dossier purge to remove it", c.History[FirstDispose(c)].Date)})
	}
	return ps
}

// scrubbedEntry is e as disposal leaves it.
func scrubbedEntry(e Entry) Entry {
	if !keptDetail(e) {
		e.Detail = DisposedMarker
	}
	return e
}

// LostEntries lists the history entries of parent (an earlier version of the same case, e.g.
// a parent commit of a merge) that result does not hold, in parent's order. An entry whose
// detail a disposal in result removed counts as held.
func LostEntries(parent, result *Case) []Entry {
	have := map[Entry]bool{}
	for _, e := range result.History {
		have[e] = true
	}
	disposed := Disposed(result)
	var lost []Entry
	for _, e := range parent.History {
		if have[e] || disposed && have[scrubbedEntry(e)] {
			continue
		}
		lost = append(lost, e)
	}
	return lost
}

// DisposedMarker replaces every personal and confidential text of a disposed file, so that a
// reader sees the field was there and was removed on purpose.
const DisposedMarker = "[disposed]"

// A history detail of a public or internal class (see detailFields) is made of the office's
// codes and dates only (outcome, partner, grounds, due date): the reports read them, so
// disposal keeps them. Every other detail is free text (a note, a reason, a document's name)
// and is removed.

// codeText is what a coded detail looks like; a detail written by hand in a coded entry (with
// capitals, quotes, digits of a phone number after letters...) that does not match is removed.
var codeText = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9 ,:()\[\]._-]*$`) })

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
	return e.Detail == "" || e.Do == ActDispose || (!DetailClass(e.Do).Removable() && codeText().MatchString(e.Detail))
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

// Disposed reports whether the case's personal information was disposed of (a dispose entry
// in its history).
func Disposed(c *Case) bool {
	for _, e := range c.History {
		if e.Do == ActDispose {
			return true
		}
	}
	return false
}

// IsCodeText reports whether a history detail looks coded (see codeText): such a detail
// survives disposal.
func IsCodeText(s string) bool { return codeText().MatchString(s) }
