package records

import (
	"fmt"
	"strings"
)

// Statuses of a case (a contract: list --status and JSON use them).
const (
	StatusReceived    = "received"
	StatusClassified  = "classified"
	StatusScreenedIn  = "screened-in"
	StatusReferred    = "referred"
	StatusRetained    = "retained"
	StatusDecided     = "decided"
	StatusUnderReview = "under-review"
	StatusClosed      = "closed"
)

// AllStatuses are Ontario's statuses in lifecycle order. The ontario-oversight profile
// declares them (templates/profiles/ontario.yaml); code that works with any profile reads
// Profile.Workflow.
var AllStatuses = []string{StatusReceived, StatusClassified, StatusScreenedIn, StatusReferred, StatusRetained, StatusDecided, StatusUnderReview, StatusClosed}

// Outcomes with a meaning of their own for the rules.
const (
	OutcomeScreenedOut = "screened-out"
	OutcomeWithdrawn   = "withdrawn"
	OutcomeRedirected  = "redirected" // sent to another organisation before screening (no jurisdiction, advice given)
)

// PurposeInvestigation is the one referral purpose that decides routing and status.
const PurposeInvestigation = "investigation"

// History actions (Entry.Do): the built-in actions every workflow has (create, note, edit, hold,
// lift-hold, dispose) and the actions Ontario's workflow declares, which its named verbs run.
const (
	ActCreate         = "create"
	ActClassify       = "classify"
	ActScreenIn       = "screen-in"
	ActScreenOut      = "screen-out"
	ActRefer          = "refer"                // an investigation referral: decides routing
	ActReferFor       = "refer-for"            // a referral for another purpose (information, program...)
	ActUpdate         = "update"               // a status update on any open referral
	ActReturn         = "return"               // the report of the investigation referral: the finding
	ActReturnFor      = "return-for"           // the report of a referral for another purpose
	ActCancelReferral = "cancel-referral"      // a referral for another purpose no longer needed
	ActCancelInvest   = "cancel-investigation" // the investigation referral withdrawn before its report
	ActCancelRequest  = "cancel-request"
	ActRedirect       = "redirect"
	ActRetain         = "retain"
	ActDecide         = "decide"
	ActRequest        = "request"
	ActReceive        = "receive"
	ActNote           = "note"
	ActReviewRequest  = "review-request"
	ActReviewDecision = "review-decision"
	ActClose          = "close"
	ActWithdraw       = "withdraw"
	ActReopen         = "reopen"
	ActEdit           = "edit"
	ActHold           = "hold"
	ActLiftHold       = "lift-hold"
	ActDispose        = "dispose"
)

// RefusedError is a workflow step the rules forbid (exit status 4).
type RefusedError struct {
	ID, Status, Action, Why string
	Allowed                 []string
}

func (e *RefusedError) Error() string {
	msg := fmt.Sprintf("%s: cannot %s: %s", e.ID, e.Action, e.Why)
	if len(e.Allowed) > 0 {
		msg += fmt.Sprintf(" (status %s allows: %s)", e.Status, strings.Join(e.Allowed, ", "))
	} else {
		msg += fmt.Sprintf(" (status %s allows no further action but note)", e.Status)
	}
	return msg
}
