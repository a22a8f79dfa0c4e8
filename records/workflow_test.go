package records

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// wfProfile is a small profile written out here, so that these tests do not depend on the
// embedded configuration: the codes the verbs check and the clocks of the issue.
func wfProfile() *Profile {
	codes := func(list ...string) Codes {
		var cs Codes
		for _, c := range list {
			cs = append(cs, Code{Code: c, En: c})
		}
		return cs
	}
	return &Profile{
		Types:         codes("conduct", "service", "policy"),
		Channels:      codes("mail", "email", "phone"),
		Languages:     codes("en", "fr"),
		Categories:    codes("discreditable-conduct", "deceit", "neglect-of-duty"),
		CategoryTypes: []string{"conduct"},
		Grounds:       codes("frivolous", "vexatious", "over-six-months"),
		Routings:      codes("referred", "other-service", "retained"),
		Outcomes: map[string]Codes{
			"conduct": codes("unsubstantiated", "substantiated", "section-72", "withdrawn", "early-resolution", "informal-resolution"),
			"service": codes("action-taken", "no-action", "early-resolution", "withdrawn"),
			"policy":  codes("action-taken", "no-action", "early-resolution", "withdrawn"),
		},
		ReviewOutcomes: codes("confirmed", "new-investigation", "varied", "taken-over", "other"),
		Flags:          codes("litigious", "youth"),
		Purposes:       codes("investigation", "information", "program"),
		Partners:       codes("toronto-ps", "ottawa-ps", "opp", "siu"),
		Clocks: Clocks{ForwardBusinessDays: 3, ReferralReport: 120, StatusUpdate: 45, ReviewRequest: 30,
			ReviewDecision: 30, InformationRequest: 30, SixMonthLimit: 183},
		Workflow: ontarioWorkflow(),
	}
}

// wfAct is the fixed actor and clock: recorded 2026-03-02, effective on that day.
func wfAct() Act {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	return Act{Actor: "tester", Now: now, Date: DateOf(now)}
}

func wfCase(t *testing.T) *Case {
	t.Helper()
	return wfCaseIn(testProfile(t))
}

// wfCaseIn is wfCase with the default profile already read (tp, testProfile's).
func wfCaseIn(tp *Profile) *Case {
	c := &Case{ID: "2026-0001", Language: "en", Received: Date{2026, 2, 27}, Channel: "email",
		Respondent: &Respondent{Service: "ottawa-ps"}}
	a := wfAct()
	a.Date = c.Received
	NewCase(c, tp, a)
	return c
}

func wfMust(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// wfStates are the ways to reach each status (and the three kinds of closed case) through the
// verbs. Every case also has an outstanding request for a statement.
var wfStates = []struct {
	name, status string
	build        func(t *testing.T, c *Case, p *Profile, a Act)
}{
	{"received", StatusReceived, func(t *testing.T, c *Case, p *Profile, a Act) {}},
	{"classified", StatusClassified, func(t *testing.T, c *Case, p *Profile, a Act) {
		wfMust(t, Classify(c, p, a, "conduct", []string{"deceit"}, nil))
	}},
	{"screened-in", StatusScreenedIn, func(t *testing.T, c *Case, p *Profile, a Act) {
		wfMust(t, Classify(c, p, a, "conduct", nil, nil))
		wfMust(t, ScreenIn(c, p, a))
	}},
	{"referred", StatusReferred, func(t *testing.T, c *Case, p *Profile, a Act) {
		wfMust(t, Classify(c, p, a, "conduct", nil, nil))
		wfMust(t, ScreenIn(c, p, a))
		wfMust(t, Refer(c, p, a, "ottawa-ps", "", Date{}))
	}},
	{"retained", StatusRetained, func(t *testing.T, c *Case, p *Profile, a Act) {
		wfMust(t, Classify(c, p, a, "conduct", nil, nil))
		wfMust(t, ScreenIn(c, p, a))
		wfMust(t, Retain(c, p, a))
	}},
	{"decided", StatusDecided, func(t *testing.T, c *Case, p *Profile, a Act) {
		wfMust(t, Classify(c, p, a, "conduct", nil, nil))
		wfMust(t, ScreenIn(c, p, a))
		wfMust(t, Refer(c, p, a, "ottawa-ps", "", Date{}))
		wfMust(t, ReferralReturned(c, p, a, ReferralChoice{}, "unsubstantiated"))
	}},
	{"under-review", StatusUnderReview, func(t *testing.T, c *Case, p *Profile, a Act) {
		wfMust(t, Classify(c, p, a, "conduct", nil, nil))
		wfMust(t, ScreenIn(c, p, a))
		wfMust(t, Refer(c, p, a, "ottawa-ps", "", Date{}))
		wfMust(t, ReferralReturned(c, p, a, ReferralChoice{}, "unsubstantiated"))
		_, err := ReviewRequest(c, p, a)
		wfMust(t, err)
	}},
	{"closed", StatusClosed, func(t *testing.T, c *Case, p *Profile, a Act) {
		wfMust(t, Classify(c, p, a, "conduct", nil, nil))
		wfMust(t, ScreenIn(c, p, a))
		wfMust(t, Refer(c, p, a, "ottawa-ps", "", Date{}))
		wfMust(t, ReferralReturned(c, p, a, ReferralChoice{}, "unsubstantiated"))
		wfMust(t, Close(c, p, a, "unsubstantiated", ""))
	}},
	{"withdrawn", StatusClosed, func(t *testing.T, c *Case, p *Profile, a Act) {
		wfMust(t, Withdraw(c, p, a, "changed their mind"))
	}},
	{"screened-out", StatusClosed, func(t *testing.T, c *Case, p *Profile, a Act) {
		wfMust(t, Classify(c, p, a, "conduct", nil, nil))
		wfMust(t, ScreenOut(c, p, a, []string{"frivolous"}))
	}},
}

func wfState(t *testing.T, name string) *Case {
	t.Helper()
	return wfStateIn(t, name, testProfile(t), wfProfile())
}

// wfStateIn is wfState with the profiles already built (tp: testProfile's, p: wfProfile's), for
// a test that builds hundreds of states.
func wfStateIn(t *testing.T, name string, tp, p *Profile) *Case {
	t.Helper()
	for _, s := range wfStates {
		if s.name == name {
			c, a := wfCaseIn(tp), wfAct()
			wfMust(t, RequestItem(c, p, a, "statement", "complainant", Date{}))
			s.build(t, c, p, a)
			if c.Status != s.status {
				t.Fatalf("building %s: status %s, want %s", name, c.Status, s.status)
			}
			return c
		}
	}
	t.Fatalf("no state %s", name)
	return nil
}

// wfActions run one step each, with valid arguments; verb is the command a user types.
var wfActions = []struct {
	name, verb string
	run        func(c *Case, p *Profile, a Act) error
}{
	{ActClassify, "classify", func(c *Case, p *Profile, a Act) error { return Classify(c, p, a, "service", nil, nil) }},
	{ActScreenIn, "screen", func(c *Case, p *Profile, a Act) error { return ScreenIn(c, p, a) }},
	{ActScreenOut, "screen", func(c *Case, p *Profile, a Act) error { return ScreenOut(c, p, a, []string{"vexatious"}) }},
	{ActRefer, "refer", func(c *Case, p *Profile, a Act) error { return Refer(c, p, a, "toronto-ps", "investigation", Date{}) }},
	{ActReferFor, "refer", func(c *Case, p *Profile, a Act) error { return Refer(c, p, a, "siu", "information", Date{}) }},
	{ActCancelInvest, "refer", func(c *Case, p *Profile, a Act) error {
		return ReferralCancel(c, p, a, ReferralChoice{}, "sent to the wrong service")
	}},
	{ActUpdate, "refer", func(c *Case, p *Profile, a Act) error { return ReferralUpdate(c, p, a, ReferralChoice{}) }},
	{ActReturn, "refer", func(c *Case, p *Profile, a Act) error {
		return ReferralReturned(c, p, a, ReferralChoice{}, "substantiated")
	}},
	{ActRetain, "retain", func(c *Case, p *Profile, a Act) error { return Retain(c, p, a) }},
	{ActDecide, "decide", func(c *Case, p *Profile, a Act) error { return Decide(c, p, a, "substantiated") }},
	{ActRequest, "request", func(c *Case, p *Profile, a Act) error { return RequestItem(c, p, a, "photos", "complainant", Date{}) }},
	{ActReceive, "request", func(c *Case, p *Profile, a Act) error { return RequestReceived(c, p, a, "statement", "") }},
	{ActCancelRequest, "request", func(c *Case, p *Profile, a Act) error {
		return RequestCancel(c, p, a, "statement", "", "no longer needed")
	}},
	{ActRedirect, "redirect", func(c *Case, p *Profile, a Act) error {
		return Redirect(c, p, a, "Ontario Ombudsman", "no jurisdiction: a municipal matter")
	}},
	{ActNote, "note", func(c *Case, p *Profile, a Act) error { return Note(c, p, a, "called back") }},
	{ActReviewRequest, "review", func(c *Case, p *Profile, a Act) error { _, err := ReviewRequest(c, p, a); return err }},
	{ActReviewDecision, "review", func(c *Case, p *Profile, a Act) error { return ReviewDecide(c, p, a, "confirmed") }},
	{ActClose, "close", func(c *Case, p *Profile, a Act) error { return Close(c, p, a, "early-resolution", "") }},
	{ActWithdraw, "withdraw", func(c *Case, p *Profile, a Act) error { return Withdraw(c, p, a, "") }},
	{ActReopen, "reopen", func(c *Case, p *Profile, a Act) error { return Reopen(c, p, a, "new evidence") }},
}

// want is the documented lifecycle (the issue and DESIGN.md §2), written out independently of
// the transitions map: state → action → the status after it; a missing action is refused.
var wfWant = map[string]map[string]string{
	"received": {ActClassify: StatusClassified, ActScreenOut: StatusClosed, ActRequest: StatusReceived,
		ActReceive: StatusReceived, ActCancelRequest: StatusReceived, ActNote: StatusReceived, ActWithdraw: StatusClosed,
		ActRedirect: StatusClosed},
	"classified": {ActClassify: StatusClassified, ActScreenIn: StatusScreenedIn, ActScreenOut: StatusClosed,
		ActRequest: StatusClassified, ActReceive: StatusClassified, ActCancelRequest: StatusClassified,
		ActNote: StatusClassified, ActWithdraw: StatusClosed, ActRedirect: StatusClosed},
	"screened-in": {ActRefer: StatusReferred, ActReferFor: StatusScreenedIn, ActRetain: StatusRetained, ActRequest: StatusScreenedIn,
		ActReceive: StatusScreenedIn, ActCancelRequest: StatusScreenedIn, ActNote: StatusScreenedIn, ActClose: StatusClosed, ActWithdraw: StatusClosed},
	"referred": {ActReferFor: StatusReferred, ActUpdate: StatusReferred, ActReturn: StatusDecided, ActCancelInvest: StatusScreenedIn,
		ActRetain: StatusRetained, ActDecide: StatusDecided, ActRequest: StatusReferred, ActReceive: StatusReferred,
		ActCancelRequest: StatusReferred, ActNote: StatusReferred, ActClose: StatusClosed, ActWithdraw: StatusClosed},
	"retained": {ActReferFor: StatusRetained, ActDecide: StatusDecided, ActRequest: StatusRetained,
		ActReceive: StatusRetained, ActCancelRequest: StatusRetained, ActNote: StatusRetained, ActClose: StatusClosed, ActWithdraw: StatusClosed},
	"decided": {ActReferFor: StatusDecided, ActRequest: StatusDecided, ActReceive: StatusDecided, ActCancelRequest: StatusDecided,
		ActNote: StatusDecided, ActReviewRequest: StatusUnderReview, ActClose: StatusClosed, ActWithdraw: StatusClosed},
	"under-review": {ActReferFor: StatusUnderReview, ActRequest: StatusUnderReview, ActReceive: StatusUnderReview,
		ActCancelRequest: StatusUnderReview, ActNote: StatusUnderReview,
		ActReviewDecision: StatusDecided, ActClose: StatusClosed, ActWithdraw: StatusClosed},
	"closed":       {ActNote: StatusClosed, ActReviewRequest: StatusUnderReview, ActReopen: StatusDecided},
	"withdrawn":    {ActNote: StatusClosed, ActReopen: StatusReceived},
	"screened-out": {ActNote: StatusClosed},
}

// Every (state, action) pair is either allowed and leads to the documented status, with a
// history the replay agrees with and a record that validates, or refused with a
// RefusedError naming the case and its status, leaving the case untouched.
func TestTransitionTable(t *testing.T) {
	t.Parallel()
	p, tp := wfProfile(), testProfile(t) // read once: each of the ~200 subtests builds two states
	for _, s := range wfStates {
		for _, act := range wfActions {
			t.Run(s.name+"/"+act.name, func(t *testing.T) {
				c := wfStateIn(t, s.name, tp, p)
				before := wfStateIn(t, s.name, tp, p)
				err := act.run(c, p, wfAct())
				to, ok := wfWant[s.name][act.name]
				if !ok {
					var refused *RefusedError
					if !errors.As(err, &refused) {
						t.Fatalf("%s on a %s case: got %v, want a RefusedError", act.name, s.name, err)
					}
					if refused.ID != c.ID || refused.Status != s.status || !strings.HasPrefix(refused.Action, act.verb) {
						t.Errorf("RefusedError{ID: %q, Status: %q, Action: %q}, want %s, %s, %s", refused.ID, refused.Status, refused.Action, c.ID, s.status, act.verb)
					}
					msg := err.Error()
					if !strings.Contains(msg, c.ID) || !strings.Contains(msg, "status "+s.status) {
						t.Errorf("message %q does not name the case and its status", msg)
					}
					if !reflect.DeepEqual(c, before) {
						t.Errorf("a refused %s changed the case:\n got %+v\nwant %+v", act.name, c, before)
					}
					return
				}
				if err != nil {
					t.Fatalf("%s on a %s case: %v, want status %s", act.name, s.name, err, to)
				}
				if c.Status != to {
					t.Errorf("%s on a %s case: status %s, want %s", act.name, s.name, c.Status, to)
				}
				if last := c.History[len(c.History)-1]; last.Do != act.name && !(act.name == ActDecide && last.Do == ActReturn) {
					t.Errorf("last history entry is %q, want %q", last.Do, act.name)
				}
				if len(c.History) != len(before.History)+1 {
					t.Errorf("history grew by %d entries, want 1", len(c.History)-len(before.History))
				}
				derived, err := tp.DeriveStatus(c.History)
				if err != nil || derived != c.Status {
					t.Errorf("DeriveStatus = %q, %v; the verb left status %q", derived, err, c.Status)
				}
				if probs := Validate(&Record{Path: RecordPath(c.ID), Case: *c}, p); HasErrors(probs) {
					t.Errorf("the record no longer validates: %v", probs)
				}
			})
		}
	}
}

// Allowed (what refusal messages and completion offer) lists exactly the verbs of which at
// least one action is allowed.
func TestAllowedMatchesTable(t *testing.T) {
	t.Parallel()
	for _, s := range wfStates {
		c := wfState(t, s.name)
		var wantVerbs []string
		for _, act := range wfActions {
			// request --received shares the request verb, and decide on a referred case is
			// refer --returned: Allowed lists the verb only for its main action.
			if act.name == ActReceive || act.name == ActCancelRequest {
				continue
			}
			if _, ok := wfWant[s.name][act.name]; ok && !slices.Contains(wantVerbs, act.verb) {
				wantVerbs = append(wantVerbs, act.verb)
			}
		}
		got := testProfile(t).Allowed(c)
		slices.Sort(got)
		slices.Sort(wantVerbs)
		if !slices.Equal(got, wantVerbs) {
			t.Errorf("%s: Allowed = %v, want %v", s.name, got, wantVerbs)
		}
	}
}

// The review decision's outcome decides where the case goes: back to decided, referred again
// (with a new referral to the same partner) or retained by the office.
func TestReviewDecisionOutcomes(t *testing.T) {
	t.Parallel()
	p := wfProfile()
	for outcome, status := range map[string]string{"confirmed": StatusDecided, "varied": StatusDecided, "other": StatusDecided,
		"new-investigation": StatusReferred, "taken-over": StatusRetained} {
		c := wfState(t, "under-review")
		wfMust(t, ReviewDecide(c, p, wfAct(), outcome))
		if c.Status != status {
			t.Errorf("review --decide --outcome %s: status %s, want %s", outcome, c.Status, status)
		}
		if d, err := testProfile(t).DeriveStatus(c.History); err != nil || d != c.Status {
			t.Errorf("%s: DeriveStatus = %q, %v, want %s", outcome, d, err, c.Status)
		}
		if got := c.Review.Outcome; got != outcome {
			t.Errorf("review.outcome = %q, want %q", got, outcome)
		}
		switch outcome {
		case "new-investigation":
			if n := len(c.Referrals); n != 2 || c.Referrals[1].To != "ottawa-ps" || !c.Referrals[1].Returned.IsZero() || c.Referrals[1].Due != (Date{2026, 6, 30}) {
				t.Errorf("new-investigation: referrals %+v, want a second open one to ottawa-ps due 2026-06-30", c.Referrals)
			}
			wfMust(t, ReferralReturned(c, p, wfAct(), ReferralChoice{}, "substantiated"))
			if c.Status != StatusDecided || c.Referrals[1].Finding != "substantiated" {
				t.Errorf("the new referral's return: status %s, referrals %+v", c.Status, c.Referrals)
			}
		case "taken-over":
			if c.Routing != "retained" {
				t.Errorf("taken-over: routing %q, want retained", c.Routing)
			}
		}
	}
}

// Reopening restores the status the case had when it was closed, also after a close, a
// review and a second close.
func TestReopenRestoresStatus(t *testing.T) {
	t.Parallel()
	p, a := wfProfile(), wfAct()
	c := wfState(t, "retained")
	wfMust(t, Close(c, p, a, "section-72", "s.72 closure"))
	wfMust(t, Reopen(c, p, a, "new evidence"))
	if c.Status != StatusRetained || c.Disposition != nil {
		t.Fatalf("reopen: status %s, disposition %+v; want retained and none", c.Status, c.Disposition)
	}
	wfMust(t, Decide(c, p, a, "unsubstantiated"))
	wfMust(t, Close(c, p, a, "unsubstantiated", ""))
	_, err := ReviewRequest(c, p, a)
	wfMust(t, err)
	wfMust(t, ReviewDecide(c, p, a, "confirmed"))
	wfMust(t, Close(c, p, a, "unsubstantiated", ""))
	wfMust(t, Reopen(c, p, a, "court order"))
	if c.Status != StatusDecided {
		t.Errorf("second reopen: status %s, want decided", c.Status)
	}
	if d, err := testProfile(t).DeriveStatus(c.History); err != nil || d != c.Status {
		t.Errorf("DeriveStatus = %q, %v, want %s", d, err, c.Status)
	}
}

// DeriveStatus refuses histories the table does not allow, naming the entry.
func TestDeriveStatusRejects(t *testing.T) {
	t.Parallel()
	e := func(do string) Entry { return Entry{Do: do, By: "tester"} }
	for _, tc := range []struct {
		name    string
		history []Entry
		msg     string
	}{
		{"empty", nil, "must start with a create entry"},
		{"no create", []Entry{e(ActClassify)}, "must start with a create entry"},
		{"second create", []Entry{e(ActCreate), e(ActCreate)}, "history[1]: a second create entry"},
		{"unknown", []Entry{e(ActCreate), e("approve")}, `history[1]: unknown action "approve"`},
		{"screen-in unclassified", []Entry{e(ActCreate), e(ActScreenIn)}, "history[1]: screen-in is not allowed while received"},
		{"close before screening", []Entry{e(ActCreate), e(ActClassify), e(ActClose)}, "history[2]: close is not allowed while classified"},
		{"reopen after screen-out", []Entry{e(ActCreate), e(ActScreenOut), e(ActNote), e(ActReopen)}, "history[3]: reopen after a screen-out, which is final"},
		{"refer after screen-out", []Entry{e(ActCreate), e(ActClassify), e(ActScreenOut), e(ActRefer)}, "history[3]: refer after a screen-out"},
		{"close twice", []Entry{e(ActCreate), e(ActWithdraw), e(ActClose)}, "history[2]: close is not allowed while closed"},
		{"reopen open", []Entry{e(ActCreate), e(ActReopen)}, "history[1]: reopen is not allowed while received"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, err := testProfile(t).DeriveStatus(tc.history)
			if err == nil || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("DeriveStatus = %q, %v; want an error containing %q", st, err, tc.msg)
			}
		})
	}
}

// DeriveStatus on hand-written histories that the verbs would write.
func TestDeriveStatusReplays(t *testing.T) {
	t.Parallel()
	e := func(do, detail string) Entry { return Entry{Do: do, Detail: detail} }
	for _, tc := range []struct {
		history []Entry
		want    string
	}{
		{[]Entry{e(ActCreate, "")}, StatusReceived},
		{[]Entry{e(ActCreate, ""), e(ActNote, "x"), e(ActClassify, "conduct"), e(ActClassify, "service")}, StatusClassified},
		{[]Entry{e(ActCreate, ""), e(ActClassify, ""), e(ActScreenOut, "frivolous"), e(ActNote, "judicial review filed")}, StatusClosed},
		{[]Entry{e(ActCreate, ""), e(ActWithdraw, ""), e(ActReopen, "x")}, StatusReceived},
		{[]Entry{e(ActCreate, ""), e(ActClassify, ""), e(ActScreenIn, ""), e(ActRefer, ""), e(ActUpdate, ""), e(ActReturn, ""),
			e(ActReviewRequest, ""), e(ActReviewDecision, "new-investigation")}, StatusReferred},
		{[]Entry{e(ActCreate, ""), e(ActClassify, ""), e(ActScreenIn, ""), e(ActRetain, ""), e(ActDecide, ""), e(ActClose, ""),
			e(ActReviewRequest, ""), e(ActReviewDecision, "taken-over")}, StatusRetained},
		{[]Entry{e(ActCreate, ""), e(ActClassify, ""), e(ActScreenIn, ""), e(ActRefer, ""), e(ActClose, ""), e(ActReopen, "")}, StatusReferred},
	} {
		got, err := testProfile(t).DeriveStatus(tc.history)
		if err != nil || got != tc.want {
			var dos []string
			for _, h := range tc.history {
				dos = append(dos, h.Do)
			}
			t.Errorf("testProfile(t).DeriveStatus(%v) = %q, %v; want %s", dos, got, err, tc.want)
		}
	}
}
