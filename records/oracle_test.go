package records_test

// The workflow engine as it was before the profile declared it (records/workflow.go up to
// issue 14), kept verbatim but for the names (old…) as the oracle of the differential test
// (engine_diff_test.go): the declared Ontario workflow must agree with it on every status,
// refusal and message.

import (
	"fmt"
	"slices"

	. "github.com/dossier-dev/dossier/records" //nolint:revive // verbatim: the old engine was written inside package records
)

// oldStay means the action does not change the status; oldRestore means "the status before closing".
const (
	oldStay    = "="
	oldRestore = "<"
)

var oldOpenStatuses = []string{StatusReceived, StatusClassified, StatusScreenedIn, StatusReferred, StatusRetained, StatusDecided, StatusUnderReview}
var oldScreenedStatuses = []string{StatusScreenedIn, StatusReferred, StatusRetained, StatusDecided, StatusUnderReview}
var oldUnscreenedStatuses = []string{StatusReceived, StatusClassified}

// oldTransitions is the one place the lifecycle rules live: action → from-statuses → to-status.
// Guards that depend on more than the status (finality of a screen-out, outcome of the right
// type, a known partner) are in the verb functions of this package and in allowed().
var oldTransitions = map[string]struct {
	from []string
	to   string
}{
	ActClassify:       {[]string{StatusReceived, StatusClassified}, StatusClassified},
	ActScreenIn:       {[]string{StatusClassified}, StatusScreenedIn},
	ActScreenOut:      {[]string{StatusReceived, StatusClassified}, StatusClosed},
	ActRefer:          {[]string{StatusScreenedIn, StatusReferred, StatusRetained}, StatusReferred}, // new steps: see oldNarrowed
	ActReferFor:       {oldScreenedStatuses, oldStay},
	ActUpdate:         {oldScreenedStatuses, oldStay},
	ActReturn:         {[]string{StatusReferred}, StatusDecided},
	ActReturnFor:      {oldScreenedStatuses, oldStay},
	ActCancelReferral: {oldScreenedStatuses, oldStay},
	ActCancelInvest:   {[]string{StatusReferred}, StatusScreenedIn},
	ActCancelRequest:  {oldOpenStatuses, oldStay},
	ActRedirect:       {oldUnscreenedStatuses, StatusClosed},
	ActRetain:         {[]string{StatusScreenedIn, StatusReferred}, StatusRetained},
	ActDecide:         {[]string{StatusReferred, StatusRetained}, StatusDecided},
	ActRequest:        {oldOpenStatuses, oldStay},
	ActReceive:        {oldOpenStatuses, oldStay},
	ActNote:           {append(slices.Clone(oldOpenStatuses), StatusClosed), oldStay},
	ActEdit:           {append(slices.Clone(oldOpenStatuses), StatusClosed), oldStay},
	ActReviewRequest:  {[]string{StatusDecided, StatusClosed}, StatusUnderReview},
	ActReviewDecision: {[]string{StatusUnderReview}, StatusDecided}, // new-investigation → referred, taken-over → retained
	ActClose:          {oldScreenedStatuses, StatusClosed},
	ActWithdraw:       {oldOpenStatuses, StatusClosed},
	ActReopen:         {[]string{StatusClosed}, oldRestore},
	ActHold:           {append(slices.Clone(oldOpenStatuses), StatusClosed), oldStay},
	ActLiftHold:       {append(slices.Clone(oldOpenStatuses), StatusClosed), oldStay},
	ActDispose:        {[]string{StatusClosed}, oldStay},
}

// oldNarrowed are the statuses a new step of an action may start from when that is narrower than
// what histories written under earlier rules replay with (oldTransitions). A referral for
// investigation decides routing once: only a screened-in case takes one. A second investigation
// (after a review) is ordered with review --decide new-investigation, never with refer; a
// case referred by mistake has its investigation referral cancelled (refer --cancel), which
// takes it back to screened-in, and is then referred again.
var oldNarrowed = map[string][]string{
	ActRefer: {StatusScreenedIn},
}

// oldAfterScreenOut are the actions a screened-out case still takes: the screen-out is final, but
// the file is still annotated, held and in time disposed of.
var oldAfterScreenOut = []string{ActNote, ActEdit, ActHold, ActLiftHold, ActDispose}

// oldAllowed lists the verbs a case in its current state accepts (for messages and completion).
func oldAllowed(c *Case) []string {
	var out []string
	for _, verb := range oldVerbOrder {
		for _, act := range oldVerbActs[verb] {
			if oldDisallowed(c, act) == "" {
				out = append(out, verb)
				break
			}
		}
	}
	return out
}

var oldVerbOrder = []string{"classify", "screen", "redirect", "refer", "retain", "decide", "request", "note", "review", "close", "withdraw", "reopen"}
var oldVerbActs = map[string][]string{
	"classify": {ActClassify}, "screen": {ActScreenIn, ActScreenOut}, "refer": {ActRefer, ActUpdate, ActReturn},
	"retain": {ActRetain}, "decide": {ActDecide}, "request": {ActRequest, ActCancelRequest}, "note": {ActNote}, "redirect": {ActRedirect},
	"review": {ActReviewRequest, ActReviewDecision}, "close": {ActClose}, "withdraw": {ActWithdraw}, "reopen": {ActReopen},
}

// oldDisallowed returns "" when act may be applied to c, else why not.
func oldDisallowed(c *Case, act string) string {
	t, ok := oldTransitions[act]
	if !ok {
		return "unknown action"
	}
	if Disposed(c) && act != ActEdit && act != ActNote {
		return "the file was disposed of under the retention schedule: it takes no further step"
	}
	if c.Outcome() == OutcomeScreenedOut && !slices.Contains(oldAfterScreenOut, act) {
		return "the complaint was screened out, which is final within the office (only a court's judicial review can undo it; record that with note)"
	}
	from := t.from
	if n, ok := oldNarrowed[act]; ok {
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
		if !oldHasFinding(c) {
			return "there is no decision to review: a review needs a finding (refer --returned or decide)"
		}
		if c.Status == StatusClosed && c.Outcome() == OutcomeWithdrawn {
			return "the complaint was withdrawn"
		}
	}
	return ""
}

func oldHasFinding(c *Case) bool {
	for _, e := range c.History {
		if e.Do == ActReturn || e.Do == ActDecide {
			return true
		}
	}
	return false
}

// oldDeriveStatus replays the history through the transition table. It returns the status the
// history implies and an error naming the first entry the table does not allow.
func oldDeriveStatus(history []Entry) (string, error) {
	if len(history) == 0 || history[0].Do != ActCreate {
		return "", fmt.Errorf("history must start with a create entry")
	}
	status := StatusReceived
	var beforeClose []string
	screenedOut, disposed := false, false
	for i, e := range history[1:] {
		t, ok := oldTransitions[e.Do]
		if !ok {
			if e.Do == ActCreate {
				return "", fmt.Errorf("history[%d]: a second create entry", i+1)
			}
			return "", fmt.Errorf("history[%d]: unknown action %q", i+1, e.Do)
		}
		if screenedOut && !slices.Contains(oldAfterScreenOut, e.Do) {
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
		case next == oldStay:
			next = status
		case next == oldRestore:
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

// orNone is records' helper the old engine used (unexported there).
func orNone(t string) string {
	if t == "" {
		return "(unclassified)"
	}
	return t
}
