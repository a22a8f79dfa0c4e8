package records

import (
	"slices"
	"strings"
	"testing"
)

func TestChooseReferral(t *testing.T) {
	t.Parallel()
	p, a := wfProfile(), wfAct()
	c := wfState(t, "referred") // ottawa-ps, investigation
	wfMust(t, Refer(c, p, a, "siu", "information", Date{}))
	wfMust(t, Refer(c, p, a, "siu", "program", Date{}))
	if _, err := ChooseReferral(c, testProfile(t), ReferralChoice{}, "refer --update"); err == nil || !strings.Contains(err.Error(), "3 open referrals") {
		t.Errorf("no --to with three open: %v", err)
	}
	wfInputErr(t, ReferralUpdate(c, p, a, ReferralChoice{To: "siu"}), "field=referral.purpose", "2 open referrals to siu")
	wfInputErr(t, ReferralUpdate(c, p, a, ReferralChoice{To: "opp"}), "field=referral.to", "no open referral")
	if i, err := ChooseReferral(c, testProfile(t), ReferralChoice{To: "siu", Purpose: "program"}, "x"); err != nil || c.Referrals[i].Purpose != "program" {
		t.Errorf("siu program: %d %v", i, err)
	}
	// the information report changes no status; the investigation's does
	wfMust(t, ReferralReturned(c, p, a, ReferralChoice{To: "siu", Purpose: "information"}, ""))
	if c.Status != StatusReferred || c.History[len(c.History)-1].Do != ActReturnFor {
		t.Errorf("information returned: %s %s", c.Status, c.History[len(c.History)-1].Do)
	}
	wfRefused(t, Refer(c, p, a, "siu", "program", Date{}), "already open")
	wfMust(t, ReferralCancel(c, p, a, ReferralChoice{To: "siu"}, "not needed"))
	wfMust(t, ReferralReturned(c, p, a, ReferralChoice{}, "unsubstantiated"))
	if c.Status != StatusDecided {
		t.Errorf("investigation returned: %s", c.Status)
	}
	wfRefused(t, ReferralUpdate(c, p, a, ReferralChoice{}), "no referral is open")
}

func TestCloseSettlesObligations(t *testing.T) {
	t.Parallel()
	p, a := wfProfile(), wfAct()
	c := wfState(t, "referred")
	wfMust(t, Close(c, p, a, "section-72", ""))
	if c.Referrals[0].Open() || c.Requests[0].Open() || c.Referrals[0].Reason != "the file was closed (section-72)" {
		t.Errorf("close left obligations open: %+v %+v", c.Referrals, c.Requests)
	}
	if xs := RecordContradictions(c); len(xs) != 0 {
		t.Errorf("contradictions after close: %+v", xs)
	}
}

// Every named check fires on the case built to break it, and only the checks it names.
func TestContradictionsNamed(t *testing.T) {
	t.Parallel()
	breakers := map[string]func(c *Case){
		"screened-in-with-grounds": func(c *Case) { c.Screening.Grounds = []string{"frivolous"} },
		"screened-out-not-closed":  func(c *Case) { c.Screening.Decision = "out"; c.Screening.Grounds = nil },
		"screening-missing":        func(c *Case) { c.Screening = nil },
		"closed-without-outcome":   func(c *Case) { c.Status = StatusClosed },
		"open-with-disposition":    func(c *Case) { c.Disposition = &Disposition{Outcome: "substantiated", Closed: c.Received} },
		"referred-without-investigation": func(c *Case) {
			c.Referrals[0].Cancelled, c.Referrals[0].Reason = c.Received, "x"
		},
		"routing-of-status":     func(c *Case) { c.Routing = "retained" },
		"returned-without-date": func(c *Case) { c.Referrals[0].Finding = "substantiated" },
		"returned-and-cancelled": func(c *Case) {
			c.Requests[0].Received, c.Requests[0].Cancelled, c.Requests[0].Reason = c.Received, c.Received, "x"
		},
		"cancelled-without-reason":      func(c *Case) { c.Requests[0].Cancelled = c.Received },
		"police-received-not-forwarded": func(c *Case) { c.PoliceReceived = c.Received },
		"date-order":                    func(c *Case) { c.Requests[0].Received = Date{2000, 1, 1} },
		"under-review-without-review":   func(c *Case) { c.Status = StatusUnderReview },
	}
	for name, breakIt := range breakers {
		c := wfState(t, "referred")
		if xs := RecordContradictions(c); len(xs) != 0 {
			t.Fatalf("a referred case contradicts itself: %+v", xs)
		}
		breakIt(c)
		var got []string
		for _, x := range RecordContradictions(c) {
			got = append(got, x.Check)
		}
		if !slices.Contains(got, name) {
			t.Errorf("%s: checks %v", name, got)
		}
		if !slices.Contains(InvariantNames(), name) {
			t.Errorf("%s is not a named check", name)
		}
	}
}

func TestTimelineByDateThenRecording(t *testing.T) {
	t.Parallel()
	c := &Case{History: []Entry{
		{Do: "create", Date: Date{2026, 1, 2}},
		{Do: "note", Date: Date{2026, 1, 9}, Detail: "a"},
		{Do: "screen-in", Date: Date{2026, 1, 5}},
		{Do: "note", Date: Date{2026, 1, 5}, Detail: "b"},
	}}
	var got []string
	for _, e := range Timeline(c) {
		got = append(got, e.Do+e.Detail)
	}
	if want := []string{"create", "screen-in", "noteb", "notea"}; !slices.Equal(got, want) {
		t.Errorf("Timeline = %v, want %v", got, want)
	}
	if c.History[1].Detail != "a" {
		t.Errorf("Timeline changed the history")
	}
}

func TestForwardingClockSkipsHolidays(t *testing.T) {
	t.Parallel()
	p := wfProfile()
	p.Clocks.ForwardBusinessDays = 3
	c := &Case{ID: "2026-0001", Status: StatusReceived, Channel: "police-forwarded", Received: Date{2026, 2, 20}, PoliceReceived: Date{2026, 2, 12}}
	it, ok := ForwardingItem(c, p)
	if !ok || it.Due != (Date{2026, 2, 17}) || !it.Late(Date{}) {
		t.Errorf("no holidays: %+v", it)
	}
	p.Holidays = []Date{{2026, 2, 16}}
	if it, _ := ForwardingItem(c, p); it.Due != (Date{2026, 2, 18}) {
		t.Errorf("with 2026-02-16 a holiday: due %s, want 2026-02-18", it.Due)
	}
	c.Received = Date{2026, 2, 13}
	if items := DueItems(c, p); len(items) != 0 {
		t.Errorf("an on-time forwarding is not due: %+v", items)
	}
}
