package records

import (
	"fmt"
	"slices"
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

// AllStatuses in lifecycle order.
var AllStatuses = []string{StatusReceived, StatusClassified, StatusScreenedIn, StatusReferred, StatusRetained, StatusDecided, StatusUnderReview, StatusClosed}

// Outcomes with a meaning of their own for the rules.
const (
	OutcomeScreenedOut = "screened-out"
	OutcomeWithdrawn   = "withdrawn"
	OutcomeRedirected  = "redirected" // sent to another organisation before screening (no jurisdiction, advice given)
)

// PurposeInvestigation is the one referral purpose that decides routing and status.
const PurposeInvestigation = "investigation"

// History actions (Entry.Do). Each is one row group of the transition table.
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

// stay means the action does not change the status; restore means "the status before closing".
const (
	stay    = "="
	restore = "<"
)

var openStatuses = []string{StatusReceived, StatusClassified, StatusScreenedIn, StatusReferred, StatusRetained, StatusDecided, StatusUnderReview}
var screenedStatuses = []string{StatusScreenedIn, StatusReferred, StatusRetained, StatusDecided, StatusUnderReview}
var unscreenedStatuses = []string{StatusReceived, StatusClassified}

// transitions is the one place the lifecycle rules live: action → from-statuses → to-status.
// Guards that depend on more than the status (finality of a screen-out, outcome of the right
// type, a known partner) are in the verb functions of this package and in allowed().
var transitions = map[string]struct {
	from []string
	to   string
}{
	ActClassify:       {[]string{StatusReceived, StatusClassified}, StatusClassified},
	ActScreenIn:       {[]string{StatusClassified}, StatusScreenedIn},
	ActScreenOut:      {[]string{StatusReceived, StatusClassified}, StatusClosed},
	ActRefer:          {[]string{StatusScreenedIn, StatusReferred, StatusRetained}, StatusReferred}, // new steps: see narrowed
	ActReferFor:       {screenedStatuses, stay},
	ActUpdate:         {screenedStatuses, stay},
	ActReturn:         {[]string{StatusReferred}, StatusDecided},
	ActReturnFor:      {screenedStatuses, stay},
	ActCancelReferral: {screenedStatuses, stay},
	ActCancelInvest:   {[]string{StatusReferred}, StatusScreenedIn},
	ActCancelRequest:  {openStatuses, stay},
	ActRedirect:       {unscreenedStatuses, StatusClosed},
	ActRetain:         {[]string{StatusScreenedIn, StatusReferred}, StatusRetained},
	ActDecide:         {[]string{StatusReferred, StatusRetained}, StatusDecided},
	ActRequest:        {openStatuses, stay},
	ActReceive:        {openStatuses, stay},
	ActNote:           {append(slices.Clone(openStatuses), StatusClosed), stay},
	ActEdit:           {append(slices.Clone(openStatuses), StatusClosed), stay},
	ActReviewRequest:  {[]string{StatusDecided, StatusClosed}, StatusUnderReview},
	ActReviewDecision: {[]string{StatusUnderReview}, StatusDecided}, // new-investigation → referred, taken-over → retained
	ActClose:          {screenedStatuses, StatusClosed},
	ActWithdraw:       {openStatuses, StatusClosed},
	ActReopen:         {[]string{StatusClosed}, restore},
	ActHold:           {append(slices.Clone(openStatuses), StatusClosed), stay},
	ActLiftHold:       {append(slices.Clone(openStatuses), StatusClosed), stay},
	ActDispose:        {[]string{StatusClosed}, stay},
}

// narrowed are the statuses a new step of an action may start from when that is narrower than
// what histories written under earlier rules replay with (transitions). A referral for
// investigation decides routing once: only a screened-in case takes one. A second investigation
// (after a review) is ordered with review --decide new-investigation, never with refer; a
// case referred by mistake has its investigation referral cancelled (refer --cancel), which
// takes it back to screened-in, and is then referred again.
var narrowed = map[string][]string{
	ActRefer: {StatusScreenedIn},
}

// afterScreenOut are the actions a screened-out case still takes: the screen-out is final, but
// the file is still annotated, held and in time disposed of.
var afterScreenOut = []string{ActNote, ActEdit, ActHold, ActLiftHold, ActDispose}

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

// Allowed lists the verbs a case in its current state accepts (for messages and completion).
func Allowed(c *Case) []string {
	var out []string
	for _, verb := range verbOrder {
		for _, act := range verbActs[verb] {
			if Disallowed(c, act) == "" {
				out = append(out, verb)
				break
			}
		}
	}
	return out
}

var verbOrder = []string{"classify", "screen", "redirect", "refer", "retain", "decide", "request", "note", "review", "close", "withdraw", "reopen"}
var verbActs = map[string][]string{
	"classify": {ActClassify}, "screen": {ActScreenIn, ActScreenOut}, "refer": {ActRefer, ActUpdate, ActReturn},
	"retain": {ActRetain}, "decide": {ActDecide}, "request": {ActRequest, ActCancelRequest}, "note": {ActNote}, "redirect": {ActRedirect},
	"review": {ActReviewRequest, ActReviewDecision}, "close": {ActClose}, "withdraw": {ActWithdraw}, "reopen": {ActReopen},
}

// Disallowed returns "" when act may be applied to c, else why not.
func Disallowed(c *Case, act string) string {
	t, ok := transitions[act]
	if !ok {
		return "unknown action"
	}
	if Disposed(c) && act != ActEdit && act != ActNote {
		return "the file was disposed of under the retention schedule: it takes no further step"
	}
	if c.Outcome() == OutcomeScreenedOut && !slices.Contains(afterScreenOut, act) {
		return "the complaint was screened out, which is final within the office (only a court's judicial review can undo it; record that with note)"
	}
	from := t.from
	if n, ok := narrowed[act]; ok {
		from = n
	}
	if !slices.Contains(from, c.Status) {
		switch {
		case act == ActRefer && slices.Contains(t.from, c.Status):
			return fmt.Sprintf("the case already has its investigation (routing %s): the first investigation referral decides routing; a new investigation is ordered with review --decide new-investigation, and a referral made by mistake is cancelled with refer --cancel first", orNone(c.Routing))
		case act == ActRedirect && c.Status != StatusClosed:
			return "the case is screened: redirect is for a complaint sent elsewhere before screening (after screening, screen-out grounds or close apply)"
		case act == ActScreenIn && c.Status == StatusReceived:
			return "the case is not classified: classify it first (classify --type)"
		case act == ActClose && (c.Status == StatusReceived || c.Status == StatusClassified):
			return "the case is not screened: before screening only screen --out and withdraw close a case"
		case c.Status == StatusClosed && act != ActReviewRequest:
			return "the case is closed (reopen it first if it must go on)"
		}
		return fmt.Sprintf("not allowed while the case is %s", c.Status)
	}
	switch act {
	case ActScreenIn:
		if c.Type == "" {
			return "the case has no type: classify it first"
		}
	case ActReviewRequest:
		if !hasFinding(c) {
			return "there is no decision to review: a review needs a finding (refer --returned or decide)"
		}
		if c.Status == StatusClosed && c.Outcome() == OutcomeWithdrawn {
			return "the complaint was withdrawn"
		}
	}
	return ""
}

func hasFinding(c *Case) bool {
	for _, e := range c.History {
		if e.Do == ActReturn || e.Do == ActDecide {
			return true
		}
	}
	return false
}

// Refuse builds the error for an action that allowed() rejected.
func Refuse(c *Case, verb, why string) error {
	return &RefusedError{ID: c.ID, Status: c.Status, Action: verb, Why: why, Allowed: Allowed(c)}
}

// DeriveStatus replays the history through the transition table. It returns the status the
// history implies and an error naming the first entry the table does not allow.
func DeriveStatus(history []Entry) (string, error) {
	if len(history) == 0 || history[0].Do != ActCreate {
		return "", fmt.Errorf("history must start with a create entry")
	}
	status := StatusReceived
	var beforeClose []string
	screenedOut, disposed := false, false
	for i, e := range history[1:] {
		t, ok := transitions[e.Do]
		if !ok {
			if e.Do == ActCreate {
				return "", fmt.Errorf("history[%d]: a second create entry", i+1)
			}
			return "", fmt.Errorf("history[%d]: unknown action %q", i+1, e.Do)
		}
		if screenedOut && !slices.Contains(afterScreenOut, e.Do) {
			return "", fmt.Errorf("history[%d]: %s after a screen-out, which is final", i+1, e.Do)
		}
		if disposed && e.Do != ActEdit && e.Do != ActNote {
			return "", fmt.Errorf("history[%d]: %s after the file was disposed of", i+1, e.Do)
		}
		if !slices.Contains(t.from, status) {
			return "", fmt.Errorf("history[%d]: %s is not allowed while %s", i+1, e.Do, status)
		}
		next := t.to
		switch {
		case next == stay:
			next = status
		case next == restore:
			if len(beforeClose) == 0 {
				return "", fmt.Errorf("history[%d]: reopen with nothing to reopen", i+1)
			}
			next = beforeClose[len(beforeClose)-1]
			beforeClose = beforeClose[:len(beforeClose)-1]
		case e.Do == ActReviewDecision && e.Detail == "new-investigation":
			next = StatusReferred
		case e.Do == ActReviewDecision && e.Detail == "taken-over":
			next = StatusRetained
		}
		if next == StatusClosed && status != StatusClosed {
			beforeClose = append(beforeClose, status)
		}
		if e.Do == ActScreenOut {
			screenedOut = true
		}
		if e.Do == ActDispose {
			disposed = true
		}
		status = next
	}
	return status, nil
}
