package merge

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
	"github.com/dossier-dev/dossier/records/internal/rectest"
)

const mergeBase = `id: 2026-K7M2Q
type: conduct
status: classified
language: fr
received: 2026-01-15
channel: email
complainant:
  name: Marie Tremblay
  email: marie@example.org
respondent:
  service: ottawa-ps
  officers:
    - name: Cst. J. Smith
      badge: "1234"
summary: Langage grossier
categories: [discreditable-conduct]
history:
  - at: 2026-01-15T14:02:11Z
    date: 2026-01-15
    by: jdoe
    do: create
  - at: 2026-01-16T09:00:00Z
    date: 2026-01-16
    by: jdoe
    do: classify
    detail: conduct
`

const noteOurs = `  - at: 2026-01-20T10:00:00Z
    date: 2026-01-20
    by: ana
    do: note
    detail: called the complainant
`

const noteTheirs = `  - at: 2026-01-19T08:00:00Z
    date: 2026-01-19
    by: bob
    do: note
    detail: police file number received
`

func mergeBytes(t *testing.T, base, ours, theirs string) *MergeResult {
	t.Helper()
	r, err := MergeFiles("records/2026/2026-K7M2Q.yaml", []byte(base), []byte(ours), []byte(theirs), rectest.Profile(t))
	if err != nil {
		t.Fatalf("MergeFiles: %v", err)
	}
	return r
}

func TestMergeDisjointEditsBothDirections(t *testing.T) {
	ours := strings.Replace(mergeBase, "summary: Langage grossier", "summary: Langage grossier et menaces", 1) + noteOurs
	theirs := strings.Replace(mergeBase, "email: marie@example.org", "email: m.tremblay@example.org", 1) + noteTheirs
	theirs = strings.Replace(theirs, "categories: [discreditable-conduct]", "categories: [discreditable-conduct, deceit]", 1)
	r := mergeBytes(t, mergeBase, ours, theirs)
	if !r.Clean() {
		t.Fatalf("conflicts: %v", r.Conflicts)
	}
	want := strings.NewReplacer(
		"summary: Langage grossier", "summary: Langage grossier et menaces",
		"email: marie@example.org", "email: m.tremblay@example.org",
		"categories: [discreditable-conduct]", "categories: [discreditable-conduct, deceit]",
	).Replace(mergeBase) + noteTheirs + noteOurs // the 19th before the 20th
	if string(r.Data) != want {
		t.Errorf("merged:\n%s\nwant:\n%s", r.Data, want)
	}
	back := mergeBytes(t, mergeBase, theirs, ours)
	if !bytes.Equal(back.Data, r.Data) {
		t.Errorf("the other direction differs:\n%s\nvs\n%s", back.Data, r.Data)
	}
}

func TestMergeConflictNamesFieldAndBothValues(t *testing.T) {
	ours := strings.Replace(mergeBase, "summary: Langage grossier", "summary: Insultes", 1) + noteOurs
	theirs := strings.Replace(mergeBase, "summary: Langage grossier", "summary: Menaces", 1) + noteTheirs
	r := mergeBytes(t, mergeBase, ours, theirs)
	if len(r.Conflicts) != 1 {
		t.Fatalf("conflicts = %v, want one on summary", r.Conflicts)
	}
	if got, want := r.Conflicts[0].String(), `summary: changed differently on the two sides: ours "Insultes", theirs "Menaces"`; got != want {
		t.Errorf("conflict = %q, want %q", got, want)
	}
	wantBlock := "<<<<<<< ours\nsummary: Insultes\n=======\nsummary: Menaces\n>>>>>>> theirs\n"
	if !strings.Contains(string(r.Data), wantBlock) {
		t.Errorf("no conflict block around summary:\n%s", r.Data)
	}
	if _, err := codec.Parse("x.yaml", r.Data); err == nil {
		t.Error("the conflicted file parses: check would not reject it")
	}
	errs := ExplainConflicts("records/2026/2026-K7M2Q.yaml", r.Data, true)
	if len(errs) != 1 {
		t.Fatalf("ExplainConflicts = %v, want one", errs)
	}
	want := `records/2026/2026-K7M2Q.yaml:15: summary: merge conflict: changed differently on the two sides: ours "Insultes", theirs "Menaces": keep one, then delete the other and the <<<<<<< ======= >>>>>>> lines`
	if got := errs[0].Error(); got != want {
		t.Errorf("explanation:\n%s\nwant:\n%s", got, want)
	}
	// Without showValues (stderr, CI logs) the confidential summary is named, never quoted.
	withheld := ExplainConflicts("records/2026/2026-K7M2Q.yaml", r.Data, false)
	if len(withheld) != 1 || strings.Contains(withheld[0].Error(), "Insultes") || strings.Contains(withheld[0].Error(), "Menaces") ||
		!strings.Contains(withheld[0].Error(), "summary: merge conflict: changed differently on the two sides: ours (a personal value, withheld") {
		t.Errorf("explanation without values: %v", withheld)
	}
	// Both notes are in both resolutions: only summary is left to choose.
	for _, n := range []string{"called the complainant", "police file number"} {
		if strings.Count(string(r.Data), n) != 1 {
			t.Errorf("%q appears %d times in the conflicted file, want once", n, strings.Count(string(r.Data), n))
		}
	}
}

func TestMergeNestedConflictResolvesEitherWay(t *testing.T) {
	ours := strings.Replace(mergeBase, "email: marie@example.org", "email: a@example.org", 1)
	theirs := strings.Replace(mergeBase, "email: marie@example.org", "email: b@example.org", 1)
	theirs = strings.Replace(theirs, "channel: email", "channel: phone", 1)
	r := mergeBytes(t, mergeBase, ours, theirs)
	errs := ExplainConflicts("f.yaml", r.Data, true)
	if len(errs) != 1 || errs[0].Field != "complainant.email" || !strings.Contains(errs[0].Msg, `ours "a@example.org", theirs "b@example.org"`) {
		t.Fatalf("explanation = %v", errs)
	}
	if !strings.Contains(string(r.Data), "channel: phone\n") || strings.Contains(string(r.Data), "channel: email") {
		t.Errorf("theirs' channel change not merged:\n%s", r.Data)
	}
}

func TestMergeInvalidHistoryIsAConflict(t *testing.T) {
	screenOut := "  - at: 2026-01-20T10:00:00Z\n    date: 2026-01-20\n    by: ana\n    do: screen-out\n    detail: frivolous\n"
	screenIn := "  - at: 2026-01-20T11:00:00Z\n    date: 2026-01-20\n    by: bob\n    do: screen-in\n"
	ours := strings.Replace(mergeBase, "status: classified", "status: closed", 1) + screenOut
	theirs := strings.Replace(mergeBase, "status: classified", "status: screened-in", 1) + screenIn
	r := mergeBytes(t, mergeBase, ours, theirs)
	if r.Clean() {
		t.Fatalf("merged a screen-out and a screen-in cleanly:\n%s", r.Data)
	}
	var fields []string
	for _, c := range r.Conflicts {
		fields = append(fields, c.Field)
	}
	if !strings.Contains(strings.Join(fields, ","), "history") {
		t.Errorf("conflicts %v do not name the history", r.Conflicts)
	}
}

func TestMergeAddAddOfTwoCasesIsACollision(t *testing.T) {
	other := strings.Replace(mergeBase, "2026-01-15T14:02:11Z", "2026-01-15T15:00:00Z", 1)
	r := mergeBytes(t, "", mergeBase, other)
	if !r.Collision {
		t.Fatal("two different cases under one id merged")
	}
	errs := ExplainConflicts("f.yaml", r.Data, false)
	if len(errs) != 1 || !strings.Contains(errs[0].Msg, "id collision") || !strings.Contains(errs[0].Msg, "dossier renumber 2026-K7M2Q") {
		t.Errorf("explanation = %v", errs)
	}
	// Even two cases that look alike (created in the same second by the same person) are
	// not merged into one.
	twin := strings.Replace(mergeBase, "summary: Langage grossier", "summary: Menaces", 1)
	if r := mergeBytes(t, "", mergeBase, twin); !r.Collision {
		t.Error("two cases made in the same second merged into one")
	}
}

func TestMergeKeepsComments(t *testing.T) {
	commented := strings.Replace(mergeBase, "summary: Langage grossier", "# asked for the video\nsummary: Langage grossier", 1)
	commented = strings.Replace(commented, "    do: classify\n", "    do: classify # checked by the lead\n", 1)
	theirs := mergeBase + noteTheirs
	r := mergeBytes(t, mergeBase, commented+noteOurs, theirs)
	for _, c := range []string{"# asked for the video\nsummary:", "do: classify # checked by the lead"} {
		if !strings.Contains(string(r.Data), c) {
			t.Errorf("comment %q lost:\n%s", c, r.Data)
		}
	}
	back := mergeBytes(t, mergeBase, theirs, commented+noteOurs)
	if !bytes.Equal(back.Data, r.Data) {
		t.Errorf("comments depend on the direction:\n%s\nvs\n%s", back.Data, r.Data)
	}
}

func TestMergeListsByIdentity(t *testing.T) {
	base := mergeBase + "" // referrals are added below in canonical position
	withRef := strings.Replace(base, "history:", "referrals:\n  - to: ottawa-ps\n    purpose: investigation\n    sent: 2026-01-21\n    due: 2026-05-21\nhistory:", 1)
	ours := strings.Replace(withRef, "due: 2026-05-21", "due: 2026-06-01", 1)
	theirs := strings.Replace(withRef, "    due: 2026-05-21\n", "    due: 2026-05-21\n    returned: 2026-04-01\n", 1)
	theirs = strings.Replace(theirs, "  officers:\n    - name: Cst. J. Smith\n      badge: \"1234\"\n", "  officers:\n    - name: Cst. J. Smith\n      badge: \"1234\"\n    - name: Sgt. P. Roy\n", 1)
	r := mergeBytes(t, withRef, ours, theirs)
	if !r.Clean() {
		t.Fatalf("conflicts: %v", r.Conflicts)
	}
	for _, want := range []string{"due: 2026-06-01\n    returned: 2026-04-01", "- name: Sgt. P. Roy"} {
		if !strings.Contains(string(r.Data), want) {
			t.Errorf("merged file lacks %q:\n%s", want, r.Data)
		}
	}
	// Both change the due date of the same referral differently: the conflict names it.
	theirs2 := strings.Replace(withRef, "due: 2026-05-21", "due: 2026-07-01", 1)
	r2 := mergeBytes(t, withRef, ours, theirs2)
	if len(r2.Conflicts) != 1 || r2.Conflicts[0].Field != "referrals[to: ottawa-ps, sent: 2026-01-21].due" {
		t.Errorf("conflicts = %v", r2.Conflicts)
	}
}

func TestValidateAliasesAndRelated(t *testing.T) {
	p := rectest.Profile(t)
	c := records.Case{ID: "2026-0001", Language: "en", Received: records.Date{Year: 2026, Month: 2, Day: 27}, Aliases: []string{"2026-K7M2Q", "../x"}, Related: []string{"2026-0001"}}
	a := rectest.Act()
	a.Date = c.Received
	records.NewCase(&c, rectest.Profile(t), a)
	var got []string
	for _, pr := range records.Validate(&records.Record{Path: records.RecordPath(c.ID), Case: c}, p) {
		got = append(got, pr.Field+": "+pr.Msg)
	}
	want := []string{`aliases[1]: "../x" is not a case id (YYYY-XXXXX or YYYY-NNNN)`, `related[0]: 2026-0001 is this case's own id`}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q\nwant %q", got, want)
	}
}
