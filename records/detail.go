package records

import "slices"

// detailFields is the one table of what the detail of each history action holds: the fields of
// the record it repeats. A detail is classified like those fields (the most sensitive of them)
// and disclosed only to an audience that may see all of them, so a hold reason reaches nobody
// who may not read hold.reason, a document's name nobody who may not read requests.item.
// Free text no field holds (a note, a reopening's reason, a hand edit) counts as the notes.
// An action missing here (a history written by hand) is treated as notes too.
// TestDetailFieldsCover fails when an action of the workflow is missing.
var detailFields = map[string][]string{
	ActCreate:         {NotesField}, // empty when dossier writes it: anything there was written by hand
	ActClassify:       {"type", "categories", "flags"},
	ActScreenIn:       {NotesField}, // empty when dossier writes it: anything there was written by hand
	ActScreenOut:      {"screening.grounds"},
	ActRefer:          {"referrals.to", "referrals.purpose", "referrals.due"},
	ActReferFor:       {"referrals.to", "referrals.purpose", "referrals.due"},
	ActUpdate:         {"referrals.to", "referrals.purpose", "referrals.updates"},
	ActReturn:         {"referrals.to", "referrals.purpose", "referrals.finding"},
	ActReturnFor:      {"referrals.to", "referrals.purpose", "referrals.finding"},
	ActCancelReferral: {"referrals.to", "referrals.purpose", "referrals.cancelled"},
	ActCancelInvest:   {"referrals.to", "referrals.purpose", "referrals.cancelled"},
	ActCancelRequest:  {"requests.item"},
	ActRedirect:       {"disposition.outcome"}, // empty when dossier writes it
	ActRetain:         {NotesField},            // empty when dossier writes it: anything there was written by hand
	ActDecide:         {"referrals.finding"},
	ActRequest:        {"requests.item", "requests.from", "requests.due"},
	ActReceive:        {"requests.item"},
	ActNote:           {NotesField},
	ActReviewRequest:  {"review.due"},
	ActReviewDecision: {"review.outcome"},
	ActClose:          {"disposition.outcome"},
	ActWithdraw:       {"disposition.reason"},
	ActReopen:         {NotesField},
	ActEdit:           {NotesField},
	ActHold:           {"hold.reason"},
	ActLiftHold:       {"hold.reason"},
	ActDispose:        {"history.by"}, // who authorised the disposal: office staff, like history.by
}

// DetailFields lists the fields the detail of a history action repeats (see detailFields).
func DetailFields(action string) []string {
	f, ok := detailFields[action]
	if !ok {
		return []string{NotesField}
	}
	return f
}

// DetailClass is the class of the detail of a history action: the most sensitive class of the
// fields it repeats.
func DetailClass(action string) Class {
	c := Public
	for _, f := range DetailFields(action) {
		if fc, _ := ClassOf(f); fc.sensitivity() > c.sensitivity() {
			c = fc
		}
	}
	return c
}

// DetailActions lists the actions of the detail table, in workflow order.
func DetailActions() []string {
	return []string{ActCreate, ActClassify, ActScreenIn, ActScreenOut, ActRedirect, ActRefer, ActReferFor, ActUpdate, ActReturn,
		ActReturnFor, ActCancelReferral, ActCancelInvest, ActRetain, ActDecide, ActRequest, ActReceive, ActCancelRequest, ActNote, ActReviewRequest, ActReviewDecision, ActClose, ActWithdraw, ActReopen, ActEdit,
		ActHold, ActLiftHold, ActDispose}
}

// detailDisclosed reports whether an audience with access acc sees the detail of an entry of
// this action: it sees history.detail and every field the detail repeats.
func detailDisclosed(acc access, action string) bool {
	if acc.of("history.detail") != grantAll {
		return false
	}
	return !slices.ContainsFunc(DetailFields(action), func(f string) bool { return acc.of(f) != grantAll })
}
