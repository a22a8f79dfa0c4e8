package records_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/config"
	"github.com/dossier-dev/dossier/internal/demo"
	"github.com/dossier-dev/dossier/records"
)

func partsText(parts []records.DetailPart) string {
	var out []string
	for _, p := range parts {
		switch p.Kind {
		case records.PartText:
			out = append(out, "'"+p.Value+"'")
		case records.PartWord:
			out = append(out, "word:"+p.Value)
		default:
			out = append(out, p.Kind+":"+p.Value)
		}
	}
	return strings.Join(out, " ")
}

// The details dossier writes split into codes, words and text; anything else is text whole.
func TestDetailParts(t *testing.T) {
	t.Parallel()
	p := ontario(t)
	for _, tc := range []struct{ do, detail, want string }{
		{records.ActRefer, "toronto-ps (investigation), due 2026-06-30", "partner:toronto-ps ' (' purpose:investigation ')' ', ' word:due ' ' '2026-06-30'"},
		{records.ActRefer, "siu", "partner:siu"},
		{records.ActReturn, "toronto-ps substantiated", "partner:toronto-ps ' ' outcome:substantiated"},
		{records.ActReturnFor, "siu (information) no-action", "partner:siu ' (' purpose:information ')' ' ' outcome:no-action"},
		{records.ActUpdate, "siu (information)", "partner:siu ' (' purpose:information ')'"},
		{records.ActRequest, "video footage from complainant, due 2026-04-01", "item:video footage ' ' word:from ' ' partner:complainant ', ' word:due ' ' '2026-04-01'"},
		{records.ActReviewRequest, "due 2026-04-24", "word:due ' ' '2026-04-24'"},
		{records.ActScreenOut, "frivolous, over-six-months", "ground:frivolous ', ' ground:over-six-months"},
		{records.ActClassify, "conduct: use-of-force, arrest [youth]", "type:conduct word:: ' ' category:use-of-force ', ' category:arrest ' [' flag:youth ']'"},
		{records.ActClassify, "service", "type:service"},
		{records.ActDecide, "no-action", "outcome:no-action"},
		{records.ActReviewDecision, "new-investigation", "review_outcome:new-investigation"},
		// what dossier does not write that way stays whole
		{records.ActRefer, "toronto-ps, due next week", "'toronto-ps, due next week'"},
		{records.ActRefer, "called Toronto (twice)", "'called Toronto (twice)'"},
		{records.ActDecide, "no action taken", "'no action taken'"},
		{records.ActNote, "due 2026-01-01", "'due 2026-01-01'"},
		{records.ActRequest, "(withheld)", "'(withheld)'"},
		{records.ActClassify, ": arrest", "': arrest'"},
		{records.ActScreenOut, "frivolous,, x", "'frivolous,, x'"},
	} {
		if got := partsText(records.DetailParts(p, tc.do, tc.detail)); got != tc.want {
			t.Errorf("%s %q:\n got %s\nwant %s", tc.do, tc.detail, got, tc.want)
		}
	}
	if got := records.DetailParts(p, records.ActRefer, ""); got != nil {
		t.Errorf("an empty detail: %v", got)
	}
}

// Every detail the demo writes of an action that holds codes splits into them, and the parts
// join into the detail.
func TestDetailPartsOfTheDemo(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		p    *records.Profile
		life func(*records.Profile, demo.Options, int) (*records.Case, error)
	}{{ontario(t), demo.Case}, {quebec(t), demo.QuebecCase}} {
		p := tc.p
		o := demo.Options{Cases: 300, Today: records.Date{Year: 2026, Month: 3, Day: 2}, Seed: 1, Actor: "demo"}
		for i := range o.Cases {
			c, err := tc.life(p, o, i)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range c.History {
				parts := records.DetailParts(p, e.Do, e.Detail)
				var joined strings.Builder
				coded := false
				for _, part := range parts {
					joined.WriteString(part.Value)
					coded = coded || part.Kind != records.PartText
				}
				if joined.String() != e.Detail {
					t.Fatalf("case %d: %s %q: the parts join into %q", i, e.Do, e.Detail, joined.String())
				}
				if e.Detail != "" && !coded && e.Do != records.ActNote && e.Do != records.ActCreate {
					t.Errorf("case %d: %s %q is not split into its codes", i, e.Do, e.Detail)
				}
			}
		}
	}
}

// quebec is the embedded Québec profile as a repository on it has it.
func quebec(tb testing.TB) *records.Profile {
	tb.Helper()
	s, err := config.Embedded("quebec-alternative-measures")
	if err != nil {
		tb.Fatal(err)
	}
	return s.Profile
}

// Whatever a detail holds (a hand edit, a hostile string), its parts join into it.
func FuzzDetailParts(f *testing.F) {
	p := ontario(f)
	for _, s := range []string{"toronto-ps (investigation), due 2026-06-30", "a from b, due 2026-01-01", "conduct: x, y [z]", "due 2026-13-45", " (", ", due ", "x (", "x ()", "a [b", "\xff"} {
		f.Add(records.ActRefer, s)
		f.Add(records.ActClassify, s)
		f.Add(records.ActRequest, s)
	}
	f.Fuzz(func(t *testing.T, do, detail string) {
		var b strings.Builder
		for _, part := range records.DetailParts(p, do, detail) {
			b.WriteString(part.Value)
		}
		if b.String() != detail {
			t.Errorf("%s %q: the parts join into %q", do, detail, b.String())
		}
	})
}

// IsBuiltin answers for exactly the actions BuiltinActions lists.
func TestIsBuiltinIsTheList(t *testing.T) {
	t.Parallel()
	for _, a := range append(records.BuiltinActions(), "refer", "classify", "notes", "", "Create") {
		if got, want := records.IsBuiltin(a), slices.Contains(records.BuiltinActions(), a); got != want {
			t.Errorf("IsBuiltin(%q) = %v, BuiltinActions says %v", a, got, want)
		}
	}
}
