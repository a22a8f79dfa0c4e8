package records

import (
	"errors"
	"strings"
	"testing"
)

func wfInputErr(t *testing.T, err error, contains ...string) {
	t.Helper()
	var in *InputError
	if !errors.As(err, &in) {
		t.Fatalf("got %v, want an InputError", err)
	}
	for _, s := range contains {
		// "field=X": the error names field X (never a flag: the CLI maps fields to flags).
		if f, ok := strings.CutPrefix(s, "field="); ok {
			if in.Field != f {
				t.Errorf("error %q is about field %q, want %q", err, in.Field, f)
			}
			continue
		}
		if !strings.Contains(err.Error(), s) {
			t.Errorf("message %q does not contain %q", err, s)
		}
	}
	if strings.Contains(err.Error(), "--") {
		t.Errorf("message %q names a flag: the domain names fields", err)
	}
}

func wfRefused(t *testing.T, err error, contains ...string) {
	t.Helper()
	var r *RefusedError
	if !errors.As(err, &r) {
		t.Fatalf("got %v, want a RefusedError", err)
	}
	for _, s := range contains {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("message %q does not contain %q", err, s)
		}
	}
}

func TestClassifyReclassifyKeepsHistory(t *testing.T) {
	t.Parallel()
	p, a := wfProfile(), wfAct()
	c := wfCase(t)
	wfMust(t, Classify(c, p, a, "conduct", []string{"deceit", "deceit"}, []string{"youth"}))
	if c.Type != "conduct" || strings.Join(c.Categories, ",") != "deceit" || strings.Join(c.Flags, ",") != "youth" {
		t.Fatalf("after classify: type %q categories %v flags %v", c.Type, c.Categories, c.Flags)
	}
	wfMust(t, Classify(c, p, a, "service", nil, []string{"litigious"}))
	if c.Type != "service" || c.Categories != nil || strings.Join(c.Flags, ",") != "youth,litigious" {
		t.Errorf("after reclassify: type %q categories %v flags %v; want service, none, youth+litigious", c.Type, c.Categories, c.Flags)
	}
	if n := len(c.History); n != 3 || c.History[1].Detail != "conduct: deceit [youth]" || c.History[2].Detail != "service [litigious]" {
		t.Errorf("history %+v: want both classifications kept", c.History)
	}
	wfInputErr(t, Classify(c, p, a, "service", []string{"deceit"}, nil), "field=categories", "cases of type service take no categories: only conduct do")
	wfInputErr(t, Classify(c, p, a, "conduc", nil, nil), "field=type", `"conduc"`, "did you mean conduct")
	wfInputErr(t, Classify(c, p, a, "conduct", []string{"deciet"}, nil), "field=categories", "did you mean deceit")
	wfInputErr(t, Classify(c, p, a, "conduct", nil, []string{"yuth"}), "field=flags", "did you mean youth")
}

func TestScreenInNeedsType(t *testing.T) {
	t.Parallel()
	c := wfCase(t)
	wfRefused(t, ScreenIn(c, wfProfile(), wfAct()), "2026-0001", "cannot screen", "status received", "classify")
	if c.Screening != nil || len(c.History) != 1 {
		t.Errorf("a refused screen-in changed the case: %+v", c)
	}
}

func TestScreenOut(t *testing.T) {
	t.Parallel()
	p, a := wfProfile(), wfAct()
	c := wfCase(t)
	wfInputErr(t, ScreenOut(c, p, a, nil), "field=screening.grounds", "at least one ground", "frivolous")
	wfInputErr(t, ScreenOut(c, p, a, []string{"frivolus"}), "field=screening.grounds", "did you mean frivolous")
	wfMust(t, ScreenOut(c, p, a, []string{"frivolous", "over-six-months", "frivolous"}))
	if c.Status != StatusClosed || c.Outcome() != OutcomeScreenedOut || strings.Join(c.Screening.Grounds, ",") != "frivolous,over-six-months" {
		t.Errorf("screen-out: status %s outcome %s screening %+v", c.Status, c.Outcome(), c.Screening)
	}
	for name, err := range map[string]error{
		"reopen":   Reopen(c, p, a, "judicial review"),
		"classify": Classify(c, p, a, "conduct", nil, nil),
		"refer":    Refer(c, p, a, "ottawa-ps", "", Date{}),
		"withdraw": Withdraw(c, p, a, ""),
	} {
		t.Run(name, func(t *testing.T) {
			wfRefused(t, err, "cannot "+name, "screened out, which is final", "status closed allows: note")
		})
	}
	wfMust(t, Note(c, testProfile(t), a, "judicial review application filed"))
}

func TestReferRoutingAndDue(t *testing.T) {
	t.Parallel()
	p, a := wfProfile(), wfAct()
	c := wfState(t, "screened-in")
	wfInputErr(t, Refer(c, p, a, "otawa-ps", "", Date{}), "field=referral.to", `unknown partner "otawa-ps"`, "did you mean ottawa-ps")
	wfInputErr(t, Refer(c, p, a, "ottawa-ps", "audit", Date{}), "field=referral.purpose")
	wfInputErr(t, Refer(c, p, a, "ottawa-ps", "", a.Date), "field=referral.due", "not after the referral date")
	if len(c.Referrals) != 0 || c.Status != StatusScreenedIn {
		t.Fatalf("rejected referrals changed the case: %+v", c.Referrals)
	}
	wfMust(t, Refer(c, p, a, "ottawa-ps", "", Date{}))
	if r := c.Referrals[0]; c.Routing != "referred" || r.Purpose != "investigation" || r.Sent != a.Date || r.Due != (Date{2026, 6, 30}) {
		t.Errorf("refer to the service concerned: routing %q referral %+v; want referred, due 120 days later", c.Routing, r)
	}
	c = wfState(t, "screened-in")
	wfMust(t, Refer(c, p, a, "toronto-ps", "investigation", Date{2026, 4, 1}))
	if r := c.Referrals[0]; c.Routing != "other-service" || r.Due != (Date{2026, 4, 1}) || r.Purpose != "investigation" {
		t.Errorf("refer to another service: routing %q referral %+v", c.Routing, r)
	}
	// a referral for information decides neither routing nor status
	c = wfState(t, "retained")
	wfMust(t, Refer(c, p, a, "siu", "information", Date{}))
	if c.Routing != "retained" || c.Status != StatusRetained || c.History[len(c.History)-1].Do != ActReferFor {
		t.Errorf("information referral on a retained case: routing %q status %s", c.Routing, c.Status)
	}
}

func TestReferralUpdateAndReturn(t *testing.T) {
	t.Parallel()
	p, a := wfProfile(), wfAct()
	c := wfState(t, "referred")
	wfMust(t, ReferralUpdate(c, p, a, ReferralChoice{}))
	if got := c.Referrals[0].Updates; len(got) != 1 || got[0] != a.Date {
		t.Errorf("updates %v, want [%s]", got, a.Date)
	}
	wfInputErr(t, ReferralReturned(c, p, a, ReferralChoice{}, "action-taken"), "field=finding", "conduct complaint", "unsubstantiated")
	wfMust(t, ReferralReturned(c, p, a, ReferralChoice{}, "unsubstantiated"))
	if r := c.Referrals[0]; r.Returned != a.Date || r.Finding != "unsubstantiated" || c.Status != StatusDecided {
		t.Errorf("returned: %+v, status %s", r, c.Status)
	}
	wfRefused(t, ReferralUpdate(c, p, a, ReferralChoice{}), "status decided")
}

func TestCloseOutcomeOfItsType(t *testing.T) {
	t.Parallel()
	p, a := wfProfile(), wfAct()
	c := wfState(t, "referred")
	wfInputErr(t, Close(c, p, a, "", ""), "field=disposition.outcome", "required")
	wfInputErr(t, Close(c, p, a, "action-taken", ""), "field=disposition.outcome", `"action-taken"`, "conduct complaint", "unsubstantiated")
	wfInputErr(t, Close(c, p, a, OutcomeScreenedOut, ""), "field=disposition.outcome")
	if c.Status != StatusReferred || c.Disposition != nil {
		t.Fatalf("a rejected close changed the case")
	}
	// a finding is not a precondition: section-72 while the referral is open
	wfMust(t, Close(c, p, a, "section-72", "s.72"))
	if c.Status != StatusClosed || c.Disposition.Outcome != "section-72" || c.Disposition.Reason != "s.72" {
		t.Errorf("close: %s %+v", c.Status, c.Disposition)
	}
	wfRefused(t, Close(c, p, a, "section-72", ""), "cannot close", "status closed")
	// before screening only screen --out and withdraw close a case
	c = wfState(t, "classified")
	wfRefused(t, Close(c, p, a, "unsubstantiated", ""), "cannot close", "status classified", "screen", "withdraw")
}

func TestDateBeforeReceived(t *testing.T) {
	t.Parallel()
	p, a := wfProfile(), wfAct()
	a.Date = Date{2026, 2, 26}
	c := wfCase(t)
	wfRefused(t, Classify(c, p, a, "conduct", nil, nil), "dated 2026-02-26", "before the complaint was received (2026-02-27)")
	if c.Type != "" || len(c.History) != 1 {
		t.Errorf("a rejected step changed the case")
	}
}

func TestRequestAndReceive(t *testing.T) {
	t.Parallel()
	p, a := wfProfile(), wfAct()
	c := wfCase(t)
	wfInputErr(t, RequestItem(c, p, a, " ", "complainant", Date{}), "field=request.item")
	wfInputErr(t, RequestItem(c, p, a, "photos", "", Date{}), "field=request.from")
	wfInputErr(t, RequestReceived(c, p, a, "photos", ""), "field=request.received", "none is")
	wfMust(t, RequestItem(c, p, a, "photos", "complainant", Date{}))
	wfMust(t, RequestItem(c, p, a, "photos", "witness", Date{2026, 3, 9}))
	if r := c.Requests[0]; r.Due != (Date{2026, 4, 1}) || r.Sent != a.Date {
		t.Errorf("request due %s, want 30 days after %s", r.Due, r.Sent)
	}
	wfInputErr(t, RequestReceived(c, p, a, "statement", ""), "field=request.received", "outstanding: photos from complainant, photos from witness")
	var choice *InputError
	if err := RequestReceived(c, p, a, "photos", ""); !errors.As(err, &choice) || !strings.Contains(err.Error(), "photos from complainant, photos from witness") {
		t.Fatalf("photos asked of two parties: %v, want an InputError listing them", err)
	}
	wfMust(t, RequestReceived(c, p, a, "photos", "complainant"))
	if c.Requests[0].Received != a.Date || !c.Requests[1].Received.IsZero() {
		t.Errorf("receive marks the oldest outstanding request: %+v", c.Requests)
	}
}

func TestReviewRequestWindow(t *testing.T) {
	t.Parallel()
	p := wfProfile()
	for _, tc := range []struct {
		day  Date
		late bool
	}{{Date{2026, 4, 1}, false}, {Date{2026, 4, 2}, true}} {
		c := wfState(t, "decided") // decision of 2026-03-02
		a := wfAct()
		a.Now, a.Date = tc.day.Time(), tc.day
		warning, err := ReviewRequest(c, p, a)
		wfMust(t, err)
		if (warning != "") != tc.late {
			t.Errorf("review requested on %s: warning %q, want one: %v", tc.day, warning, tc.late)
		}
		if tc.late && !strings.Contains(warning, "31 days after the decision of 2026-03-02, outside the 30-day window; recorded anyway") {
			t.Errorf("warning %q", warning)
		}
		if c.Status != StatusUnderReview || c.Review.Due != tc.day.AddDays(30) {
			t.Errorf("the request is recorded either way: status %s review %+v", c.Status, c.Review)
		}
	}
	c := wfState(t, "screened-in")
	_, err := ReviewRequest(c, p, wfAct())
	wfRefused(t, err, "cannot review --request", "status screened-in")
	c = wfState(t, "withdrawn")
	_, err = ReviewRequest(c, p, wfAct())
	wfRefused(t, err, "cannot review --request")
	// closed without a finding (early resolution): nothing to review
	c = wfState(t, "screened-in")
	wfMust(t, Close(c, p, wfAct(), "early-resolution", ""))
	_, err = ReviewRequest(c, p, wfAct())
	wfRefused(t, err, "no decision to review")
}

// A review ordering a new investigation of a case the office had retained sends it to the
// service concerned: the routing follows.
func TestReviewNewInvestigationOfRetainedCase(t *testing.T) {
	t.Parallel()
	p, a := wfProfile(), wfAct()
	c := wfState(t, "retained")
	wfMust(t, Decide(c, p, a, "unsubstantiated"))
	_, err := ReviewRequest(c, p, a)
	wfMust(t, err)
	wfMust(t, ReviewDecide(c, p, a, "new-investigation"))
	if c.Status != StatusReferred || len(c.Referrals) != 1 || c.Referrals[0].To != "ottawa-ps" || c.Routing != "referred" {
		t.Errorf("status %s routing %q referrals %+v; want referred to ottawa-ps", c.Status, c.Routing, c.Referrals)
	}

	// no service and no earlier referral: nobody to send it to
	c = wfState(t, "retained")
	c.Respondent = nil
	wfMust(t, Decide(c, p, a, "unsubstantiated"))
	_, err = ReviewRequest(c, p, a)
	wfMust(t, err)
	before := len(c.History)
	wfRefused(t, ReviewDecide(c, p, a, "new-investigation"), "refer", "taken-over")
	if c.Status != StatusUnderReview || len(c.History) != before {
		t.Errorf("a refused review decision changed the case: status %s", c.Status)
	}
}

func TestNoteAndReopenNeedText(t *testing.T) {
	t.Parallel()
	p, a := wfProfile(), wfAct()
	c := wfState(t, "withdrawn")
	wfInputErr(t, Note(c, testProfile(t), a, " \n"), "field=note", "empty")
	wfInputErr(t, Reopen(c, p, a, ""), "field=reopen.reason")
	wfMust(t, Reopen(c, p, a, "complainant came back"))
	if c.Status != StatusReceived || c.Disposition != nil {
		t.Errorf("reopen of a withdrawn case: %s %+v", c.Status, c.Disposition)
	}
}

// The fixed clock of the issue: a referral sent on 2026-01-10 is due 120 days later
// (2026-05-10), its first status update 45 days later (2026-02-24), and an information
// request of the same day 30 days later (2026-02-09).
func TestDueItemsClocks(t *testing.T) {
	t.Parallel()
	p := wfProfile()
	a := wfAct()
	a.Date = Date{2026, 1, 10}
	c := wfCase(t)
	c.Received = Date{2026, 1, 8}
	c.History[0].Date = c.Received
	wfMust(t, Classify(c, p, a, "conduct", nil, nil))
	wfMust(t, ScreenIn(c, p, a))
	wfMust(t, Refer(c, p, a, "ottawa-ps", "", Date{}))
	wfMust(t, RequestItem(c, p, a, "statement", "complainant", Date{}))
	var got []string
	for _, it := range DueItems(c, p) {
		got = append(got, it.Due.String()+" "+it.Kind+" "+it.What)
	}
	want := "2026-02-09 information-request statement from complainant|2026-02-24 status-update ottawa-ps|2026-05-10 referral-report ottawa-ps"
	if strings.Join(got, "|") != want {
		t.Errorf("DueItems:\n got %s\nwant %s", strings.Join(got, "|"), want)
	}
	a.Date = Date{2026, 2, 20}
	wfMust(t, ReferralUpdate(c, p, a, ReferralChoice{}))
	got = nil
	for _, it := range DueItems(c, p) {
		if it.Kind == DueStatusUpdate {
			got = append(got, it.Due.String())
		}
	}
	if strings.Join(got, ",") != "2026-04-06" {
		t.Errorf("next status update due %v, want 2026-04-06 (45 days after the update of 2026-02-20)", got)
	}
	wfMust(t, ReferralReturned(c, p, a, ReferralChoice{}, ""))
	wfMust(t, RequestReceived(c, p, a, "statement", ""))
	if items := DueItems(c, p); len(items) != 0 {
		t.Errorf("nothing is owed once the report and the statement are in: %+v", items)
	}
}
