package privacy

import (
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
)

// TestDetailDisclosedPerAction: each audience of the default policy sees the detail of an
// entry exactly when it may see every field the detail repeats; the panel never sees a hold
// reason, a note or hand-written text through the history.
func TestDetailDisclosedPerAction(t *testing.T) {
	pol := defaultPolicy(t)
	c := &records.Case{ID: "2026-K7M2Q", Received: records.Date{Year: 2026, Month: 1, Day: 15}}
	for _, a := range append(records.DetailActions(), "made-up") {
		c.History = append(c.History, records.Entry{By: "jdoe", Do: a, Detail: "DETAIL[" + a + "]"})
	}
	for _, aud := range pol.Audiences() {
		r, err := Redact(c, pol, aud)
		if err != nil {
			t.Fatal(err)
		}
		got := jsonForTest(t, r)
		for _, a := range append(records.DetailActions(), "made-up") {
			want := aud == records.AudienceInternal
			if !want && grantOf(pol[aud], "history.detail") == grantAll {
				want = true
				for _, f := range records.DetailFields(a) {
					if !grantsLeaf(pol[aud], f, records.LeafClass(f)) {
						want = false
					}
				}
			}
			if in := strings.Contains(got, "DETAIL["+a+"]"); in != want {
				t.Errorf("%s: detail of %s present=%v, want %v", aud, a, in, want)
			}
		}
	}
	r, err := Redact(c, pol, records.AudiencePanel)
	if err != nil {
		t.Fatal(err)
	}
	got := jsonForTest(t, r)
	for _, a := range []string{records.ActHold, records.ActLiftHold, records.ActNote, records.ActReopen, records.ActEdit, records.ActCreate, "made-up"} {
		if strings.Contains(got, "DETAIL["+a+"]") {
			t.Errorf("the panel sees the detail of %s: %s", a, got)
		}
	}
	if !strings.Contains(got, "DETAIL["+records.ActRefer+"]") {
		t.Errorf("the panel no longer sees the referrals in the history: %s", got)
	}
}
