package records

import (
	"slices"
	"strings"
	"testing"
)

func TestListColumns(t *testing.T) {
	t.Parallel()
	p := &Profile{Fields: FieldDefs{
		{Name: "program", Kind: KindCode, Class: Public, Codes: Codes{{Code: "pmrg"}}},
		{Name: "person", Kind: KindText, Class: Personal},
	}}
	if got := p.ListColumns(); !slices.Equal(got, []string{"type", "service", "location"}) {
		t.Errorf("default columns %v", got)
	}
	p.List.Columns = []string{"program", "partner", "person", "sevrice", "program"}
	if got := p.ListColumns(); !slices.Equal(got, p.List.Columns) {
		t.Errorf("declared columns %v", got)
	}
	var got []string
	for _, pr := range p.CheckList() {
		got = append(got, pr.Field+": "+pr.Msg)
	}
	want := []string{
		"list.columns[2]: field person is personal text",
		`list.columns[3]: unknown column "sevrice" (did you mean service?)`,
		`list.columns[4]: column "program" listed twice`,
	}
	if len(got) != len(want) {
		t.Fatalf("problems %q", got)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("problem %d: %q, want it to start %q", i, got[i], want[i])
		}
	}
}
