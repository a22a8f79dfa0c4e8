package records

import (
	"strings"
	"testing"
)

func history(acts ...string) []Entry {
	h := make([]Entry, len(acts))
	for i, a := range acts {
		do, detail, _ := strings.Cut(a, ":")
		h[i] = Entry{Do: do, Detail: detail, By: "tester"}
	}
	return h
}

func TestDeriveStatusValid(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		acts []string
		want string
	}{
		{[]string{"create"}, StatusReceived},
		{[]string{"create", "note"}, StatusReceived},
		{[]string{"create", "classify"}, StatusClassified},
		{[]string{"create", "classify", "classify"}, StatusClassified},
		{[]string{"create", "classify", "screen-in"}, StatusScreenedIn},
		{[]string{"create", "screen-out"}, StatusClosed},
		{[]string{"create", "classify", "screen-out", "note"}, StatusClosed},
		{[]string{"create", "classify", "screen-in", "refer"}, StatusReferred},
		{[]string{"create", "classify", "screen-in", "refer", "update", "request", "receive"}, StatusReferred},
		{[]string{"create", "classify", "screen-in", "refer", "return"}, StatusDecided},
		{[]string{"create", "classify", "screen-in", "retain"}, StatusRetained},
		{[]string{"create", "classify", "screen-in", "retain", "decide"}, StatusDecided},
		{[]string{"create", "classify", "screen-in", "refer", "return", "close"}, StatusClosed},
		{[]string{"create", "classify", "screen-in", "refer", "return", "close", "review-request"}, StatusUnderReview},
		{[]string{"create", "classify", "screen-in", "refer", "return", "review-request", "review-decision:confirmed"}, StatusDecided},
		{[]string{"create", "classify", "screen-in", "refer", "return", "review-request", "review-decision:new-investigation"}, StatusReferred},
		{[]string{"create", "classify", "screen-in", "refer", "return", "review-request", "review-decision:taken-over"}, StatusRetained},
		{[]string{"create", "withdraw"}, StatusClosed},
		{[]string{"create", "classify", "withdraw", "reopen"}, StatusClassified},
		{[]string{"create", "classify", "screen-in", "refer", "withdraw", "reopen", "return"}, StatusDecided},
		{[]string{"create", "withdraw", "note", "edit"}, StatusClosed},
	} {
		got, err := testProfile(t).DeriveStatus(history(tc.acts...))
		if err != nil || got != tc.want {
			t.Errorf("testProfile(t).DeriveStatus(%v) = %q, %v; want %s", tc.acts, got, err, tc.want)
		}
	}
}

func TestDeriveStatusInvalid(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		acts []string
		err  string
	}{
		{nil, "history must start with a create entry"},
		{[]string{"classify"}, "history must start with a create entry"},
		{[]string{"create", "create"}, "history[1]: a second create entry"},
		{[]string{"create", "dance"}, `history[1]: unknown action "dance"`},
		{[]string{"create", "screen-in"}, "history[1]: screen-in is not allowed while received"},
		{[]string{"create", "refer"}, "history[1]: refer is not allowed while received"},
		{[]string{"create", "close"}, "history[1]: close is not allowed while received"},
		{[]string{"create", "classify", "screen-out", "reopen"}, "history[3]: reopen after a screen-out, which is final"},
		{[]string{"create", "screen-out", "classify"}, "history[2]: classify after a screen-out, which is final"},
		{[]string{"create", "reopen"}, "history[1]: reopen is not allowed while received"},
		{[]string{"create", "withdraw", "withdraw"}, "history[2]: withdraw is not allowed while closed"},
		{[]string{"create", "classify", "screen-in", "refer", "return", "close", "close"}, "history[6]: close is not allowed while closed"},
		{[]string{"create", "classify", "screen-in", "review-request"}, "history[3]: review-request is not allowed while screened-in"},
	} {
		got, err := testProfile(t).DeriveStatus(history(tc.acts...))
		if err == nil || err.Error() != tc.err {
			t.Errorf("testProfile(t).DeriveStatus(%v) = %q, %v; want error %q", tc.acts, got, err, tc.err)
		}
	}
}

// TestValidateStatusAgainstHistory: check reports a status that the history contradicts.
func TestValidateStatusAgainstHistory(t *testing.T) {
	t.Parallel()
	p := testProfile(t)
	c := Case{ID: "2026-K7M2Q", Status: StatusClosed, Language: "en", Received: Date{2026, 1, 15},
		Disposition: &Disposition{Outcome: OutcomeWithdrawn, Closed: Date{2026, 1, 20}},
		History:     []Entry{{At: Timestamp{}, Do: ActCreate}}}
	c.History[0].At, _ = ParseTimestamp("2026-01-15T10:00:00Z")
	ps := Validate(&Record{Path: RecordPath(c.ID), Case: c}, p)
	if !hasProblem(ps, "status", "says closed but the history says received") {
		t.Errorf("problems: %v", ps)
	}
	c.History = append(c.History, c.History[0])
	c.History[1].Do = ActWithdraw
	if ps := Validate(&Record{Path: RecordPath(c.ID), Case: c}, p); HasErrors(ps) {
		t.Errorf("consistent case: %v", ps)
	}
	c.Status = "archived"
	if ps := Validate(&Record{Path: RecordPath(c.ID), Case: c}, p); !hasProblem(ps, "status", `unknown status "archived"`) {
		t.Errorf("problems: %v", ps)
	}
}

func hasProblem(ps []Problem, field, msg string) bool {
	for _, p := range ps {
		if p.Field == field && strings.Contains(p.Msg, msg) {
			return true
		}
	}
	return false
}
