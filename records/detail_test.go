package records

import (
	"slices"
	"strings"
	"testing"
)

// TestDetailFieldsCover: every action of the workflow has a row in the detail table, and every
// field a row names is a classified field (a typo would disclose nothing, silently).
func TestDetailFieldsCover(t *testing.T) {
	actions := DetailActions()
	for a := range transitions {
		if !slices.Contains(actions, a) {
			t.Errorf("action %s is not in DetailActions", a)
		}
	}
	for _, a := range actions {
		if _, ok := detailFields[a]; !ok {
			t.Errorf("action %s has no row in detailFields", a)
		}
	}
	for a, fields := range detailFields {
		if !slices.Contains(actions, a) {
			t.Errorf("detailFields row %s is not in DetailActions", a)
		}
		for _, f := range fields {
			if _, ok := classification[f]; !ok {
				t.Errorf("detailFields[%s]: %s is not a classified field", a, f)
			}
		}
	}
}

// TestDetailDisclosedPerAction: each audience of the default policy sees the detail of an
// entry exactly when it may see every field the detail repeats; the panel never sees a hold
// reason, a note or hand-written text through the history.
func TestDetailDisclosedPerAction(t *testing.T) {
	pol := defaultPolicy(t)
	c := &Case{ID: "2026-K7M2Q", Received: Date{Year: 2026, Month: 1, Day: 15}}
	for _, a := range append(DetailActions(), "made-up") {
		c.History = append(c.History, Entry{By: "jdoe", Do: a, Detail: "DETAIL[" + a + "]"})
	}
	for _, aud := range pol.Audiences() {
		r, err := Redact(c, pol, aud)
		if err != nil {
			t.Fatal(err)
		}
		got := jsonForTest(t, r)
		for _, a := range append(DetailActions(), "made-up") {
			want := aud == AudienceInternal
			if !want && grantOf(pol[aud], "history.detail") == grantAll {
				want = true
				for _, f := range DetailFields(a) {
					if !grantsLeaf(pol[aud], f) {
						want = false
					}
				}
			}
			if in := strings.Contains(got, "DETAIL["+a+"]"); in != want {
				t.Errorf("%s: detail of %s present=%v, want %v", aud, a, in, want)
			}
		}
	}
	r, err := Redact(c, pol, AudiencePanel)
	if err != nil {
		t.Fatal(err)
	}
	got := jsonForTest(t, r)
	for _, a := range []string{ActHold, ActLiftHold, ActNote, ActReopen, ActEdit, ActCreate, "made-up"} {
		if strings.Contains(got, "DETAIL["+a+"]") {
			t.Errorf("the panel sees the detail of %s: %s", a, got)
		}
	}
	if !strings.Contains(got, "DETAIL["+ActRefer+"]") {
		t.Errorf("the panel no longer sees the referrals in the history: %s", got)
	}
}

// TestDetailClass: free text is confidential, codes are not; disposal keeps exactly the
// details of a class it does not remove.
func TestDetailClass(t *testing.T) {
	for a, want := range map[string]Class{ActHold: Confidential, ActNote: Confidential, ActRequest: Confidential, ActWithdraw: Confidential,
		ActReopen: Confidential, "made-up": Confidential, ActRefer: Public, ActClose: Public, ActClassify: Internal, ActDispose: Internal} {
		if got := DetailClass(a); got != want {
			t.Errorf("DetailClass(%s) = %s, want %s", a, got, want)
		}
	}
}
