package privacy

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
	"github.com/dossier-dev/dossier/records/internal/rectest"
)

// leafValues maps every leaf path (with list indexes) of c to its value.
func leafValues(c *records.Case) map[string]any {
	out := map[string]any{}
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		if _, ok := records.RecordStruct(v.Type()); !ok {
			out[path] = v.Interface()
			return
		}
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), path)
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				walk(v.Field(i), records.JoinPath(path, records.FieldName(v.Type().Field(i))))
			}
		}
	}
	walk(reflect.ValueOf(c).Elem(), "")
	return out
}

func TestDisposeRecord(t *testing.T) {
	p := rectest.Profile(t)
	c := rectest.FullClosedCase(t, p, records.Date{Year: 2020, Month: 3, Day: 2}, records.Date{Year: 2020, Month: 9, Day: 1})
	before := leafValues(c)
	text := "# Zorblax asked us to call after 5pm\n" + string(encodedForTest(t, c))
	rec, err := codec.Parse(records.RecordPath(c.ID), []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if err := DisposeRecord(rec, rectest.Profile(t), rectest.ActOn(records.Date{Year: 2026, Month: 3, Day: 2}), DefaultRetention(), "J. Registrar"); err != nil {
		t.Fatal(err)
	}
	if probs := records.Validate(rec, p); records.HasErrors(probs) {
		t.Fatalf("a disposed record must stay valid: %v", probs)
	}
	out, err := codec.EncodeRecord(rec)
	if err != nil {
		t.Fatal(err)
	}
	if s := string(out) + jsonForTest(t, &rec.Case); strings.Contains(s, "Zorblax") || strings.Contains(s, "9911") || strings.Contains(s, "555") || strings.Contains(s, "swore") {
		t.Errorf("personal information survived disposal:\n%s", out)
	}
	after := leafValues(&rec.Case)
	for path, v := range before {
		cl, _ := records.ClassOf(path)
		switch {
		case strings.HasPrefix(path, "history[") && strings.HasSuffix(path, ".detail"):
			continue // checked below
		case cl.Removable():
			if s, ok := v.(string); ok && s != "" && after[path] != records.DisposedMarker {
				t.Errorf("%s (%s): %v, want %s", path, cl, after[path], records.DisposedMarker)
			}
		default:
			if !reflect.DeepEqual(after[path], v) {
				t.Errorf("%s (%s) changed: %v → %v", path, cl, v, after[path])
			}
		}
	}
	for i, e := range c.History {
		got := rec.Case.History[i].Detail
		switch e.Do {
		case records.ActNote, records.ActRequest, records.ActDispose:
			if e.Detail != "" && got != records.DisposedMarker {
				t.Errorf("history[%d] (%s): %q survived", i, e.Do, got)
			}
		default:
			if got != e.Detail {
				t.Errorf("history[%d] (%s): coded detail %q became %q", i, e.Do, e.Detail, got)
			}
		}
	}
	last := rec.Case.History[len(rec.Case.History)-1]
	if last.Do != records.ActDispose || last.By != "tester" || last.Detail != "authorized by J. Registrar; unsubstantiated, kept 5 years after closing on 2020-09-01 (due 2025-09-01)" {
		t.Errorf("dispose entry: %+v", last)
	}
	if rec.Case.Status != records.StatusClosed {
		t.Errorf("status %s", rec.Case.Status)
	}
	if fields := records.RemovedFields(&rec.Case); len(fields) != 0 {
		t.Errorf("RemovedFields of a disposed file: %v", fields)
	}
	// A disposed file takes no step but a note.
	wfRefused(t, records.Reopen(&rec.Case, p, rectest.ActOn(records.Date{Year: 2026, Month: 3, Day: 3}), "x"), "disposed of")
	wfRefused(t, DisposeRecord(rec, rectest.Profile(t), rectest.ActOn(records.Date{Year: 2026, Month: 3, Day: 3}), DefaultRetention(), "J. Registrar"), "disposed of")
	if err := records.Note(&rec.Case, rectest.Profile(t), rectest.ActOn(records.Date{Year: 2026, Month: 3, Day: 3}), "access request: nothing left to disclose"); err != nil {
		t.Error(err)
	}
}

func TestRemovedFieldsMatchesScrub(t *testing.T) {
	p := rectest.Profile(t)
	c := rectest.FullClosedCase(t, p, records.Date{Year: 2020, Month: 3, Day: 2}, records.Date{Year: 2020, Month: 9, Day: 1})
	got := strings.Join(records.RemovedFields(c), " ")
	want := "complainant.name complainant.email complainant.phone complainant.address representative.name representative.organization respondent.officers[0].name respondent.officers[0].badge incident.location summary requests[0].item requests[0].from requests[0].reason disposition.reason history[2].detail history[5].detail"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestDisposeRefusals(t *testing.T) {
	p := rectest.Profile(t)
	ret := DefaultRetention()
	closed := rectest.FullClosedCase(t, p, records.Date{Year: 2024, Month: 3, Day: 2}, records.Date{Year: 2024, Month: 9, Day: 1})
	wfRefused(t, DisposeRecord(&records.Record{Case: *closed}, rectest.Profile(t), rectest.ActOn(records.Date{Year: 2029, Month: 8, Day: 31}), ret, "J. Registrar"), "kept until 2029-09-01 (5 years after closing on 2024-09-01, outcome unsubstantiated)")
	wfInputErr(t, DisposeRecord(&records.Record{Case: *closed}, rectest.Profile(t), rectest.ActOn(records.Date{Year: 2029, Month: 9, Day: 1}), ret, " "), "field=authorized_by")
	wfInputErr(t, DisposeRecord(&records.Record{Case: *closed}, rectest.Profile(t), rectest.ActOn(records.Date{Year: 2029, Month: 9, Day: 1}), ret, "a\nb"), "field=authorized_by")
	open := &records.Case{ID: "2024-AAAA2", Language: "en", Received: records.Date{Year: 2020, Month: 1, Day: 1}}
	records.NewCase(open, rectest.Profile(t), rectest.ActOn(open.Received))
	wfRefused(t, DisposeRecord(&records.Record{Case: *open}, rectest.Profile(t), rectest.ActOn(records.Date{Year: 2040, Month: 1, Day: 1}), ret, "J. Registrar"), "cannot dispose")
}

// TestDisposeHandWrittenCodedDetail: a hand-written detail in an entry whose detail is
// normally made of codes is removed all the same.
func TestDisposeHandWrittenCodedDetail(t *testing.T) {
	p := rectest.Profile(t)
	c := rectest.ScreenedOutCase(t, p, "2023-AAAA1", records.Date{Year: 2023, Month: 1, Day: 10}, records.Date{Year: 2023, Month: 1, Day: 15})
	c.History[2].Detail = "frivolous (Zorblax Quintavius)"
	records.Scrub(c)
	if c.History[2].Detail != records.DisposedMarker || c.History[1].Detail != "conduct: deceit" {
		t.Errorf("details after scrub: %+v", c.History)
	}
}
