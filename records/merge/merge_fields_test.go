package merge

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/internal/rectest"
)

func TestMergeFieldsKeyByKey(t *testing.T) {
	p := rectest.FieldsProfile(t)
	with := func(c *records.Case, sets ...string) *records.Case {
		cp := *c
		rectest.SetFields(t, p, &cp, sets...)
		return &cp
	}
	base := with(&records.Case{ID: "2026-K7M2Q"}, "district=montreal", "themes=conjugal", "orders=number=A-1")
	for _, tc := range []struct {
		name         string
		ours, theirs *records.Case
		want         map[string]string // field: value as rendered
		conflict     string
	}{
		{"different fields", with(base, "district=quebec"), with(base, "value=12"),
			map[string]string{"district": `"quebec"`, "value": `"12.00"`, "themes": `["conjugal"]`}, ""},
		{"codes on both sides", with(base, "themes=elders"), with(base, "nickname=Ti-Jean"),
			map[string]string{"themes": `["conjugal", "elders"]`, "nickname": `"Ti-Jean"`}, ""},
		{"codes added on both sides", with(base, "themes=elders"), func() *records.Case {
			c := *base
			c.Fields = records.Fields{"district": base.Fields["district"], "orders": base.Fields["orders"], "themes": {Codes: []string{"conjugal", "zz"}}}
			return &c
		}(), map[string]string{"themes": `["conjugal", "elders", "zz"]`}, ""},
		{"items added on both sides", with(base, "orders=number=B-2"), with(base, "orders=number=C-3", "orders=number=B-2"),
			map[string]string{"orders": `[{"number": "A-1"}, {"number": "B-2"}, {"number": "C-3"}]`}, ""},
		{"same field differently", with(base, "district=quebec"), func() *records.Case {
			c := *base
			c.Fields = records.Fields{"district": {Scalar: "laval"}, "themes": base.Fields["themes"], "orders": base.Fields["orders"]}
			return &c
		}(), nil, `fields.district: changed differently on the two sides: ours "quebec", theirs "laval"`},
		{"removed on one side", func() *records.Case {
			c := *base
			c.Fields = records.Fields{"themes": base.Fields["themes"], "orders": base.Fields["orders"]}
			return &c
		}(), with(base, "value=1"), map[string]string{"district": absent, "value": `"1.00"`}, ""},
	} {
		for _, swap := range []bool{false, true} {
			o, th := tc.ours, tc.theirs
			if swap {
				o, th = th, o
			}
			ro, rt, conflicts := MergeCases(base, o, th, rectest.Profile(t))
			if tc.conflict != "" {
				if len(conflicts) != 1 || (conflicts[0].String() != tc.conflict && !swap) || conflicts[0].Field != "fields.district" {
					t.Errorf("%s: conflicts %v, want %s", tc.name, conflicts, tc.conflict)
				}
				continue
			}
			if len(conflicts) > 0 || !reflect.DeepEqual(ro, rt) {
				t.Errorf("%s: conflicts %v", tc.name, conflicts)
				continue
			}
			for name, want := range tc.want {
				if got := renderField(ro.Fields[name]); got != want {
					t.Errorf("%s (swapped %v): %s = %s, want %s", tc.name, swap, name, got, want)
				}
			}
		}
	}
}

func TestMergeFilesFieldsConflictWithheld(t *testing.T) {
	base := "id: 2026-K7M2Q\nstatus: received\nlanguage: en\nreceived: 2026-03-01\nfields:\n  nickname: Jean\nhistory:\n  - {at: 2026-03-01T10:00:00Z, date: 2026-03-01, by: t, do: create}\n"
	ours := strings.Replace(base, "nickname: Jean", "nickname: Zorblax", 1)
	theirs := strings.Replace(base, "nickname: Jean", "nickname: Quintavius", 1)
	res, err := MergeFiles("records/2026/2026-K7M2Q.yaml", []byte(base), []byte(ours), []byte(theirs), rectest.Profile(t))
	if err != nil {
		t.Fatal(err)
	}
	if res.Clean() || len(res.Conflicts) != 1 || res.Conflicts[0].Field != "fields.nickname" {
		t.Fatalf("conflicts %v", res.Conflicts)
	}
	if w := res.Conflicts[0].Withheld().String(); strings.Contains(w, "Zorblax") || strings.Contains(w, "Quintavius") {
		t.Fatalf("a declared field's value in a conflict explanation: %s", w)
	}
}
