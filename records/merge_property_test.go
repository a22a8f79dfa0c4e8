package records

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// An edit changes one part of a case (its resource). Two sides whose edits touch different
// resources made disjoint edits; appending to the history, and adding distinct items to a
// list, are disjoint by nature and may happen on both sides.
type edit struct {
	resource string
	apply    func(c *Case)
}

func genBase(r *rand.Rand) Case {
	at := func(day, hour int) Timestamp {
		return Timestamp{time.Date(2026, 1, day, hour, 0, 0, 0, time.UTC)}
	}
	c := Case{
		ID: "2026-K7M2Q", Type: "conduct", Status: StatusClassified, Language: "en",
		Received:    Date{2026, 1, 10},
		Channel:     "email",
		Complainant: &Party{Name: "Marie Tremblay", Email: "marie@example.org"},
		Respondent:  &Respondent{Service: "ottawa-ps", Officers: []Officer{{Name: "Cst. J. Smith", Badge: "1234"}}},
		Summary:     "Rude language",
		Categories:  []string{"discreditable-conduct", "neglect-of-duty"},
		History: []Entry{
			{At: at(10, 9), Date: Date{2026, 1, 10}, By: "jdoe", Do: ActCreate},
			{At: at(11, 9), Date: Date{2026, 1, 11}, By: "jdoe", Do: ActClassify, Detail: "conduct"},
		},
	}
	if r.IntN(2) == 0 {
		c.Flags = []string{"litigious"}
	}
	if r.IntN(2) == 0 {
		c.Incident = &Incident{Date: Date{2026, 1, 2}, Location: "Ottawa"}
	}
	for i := range r.IntN(3) {
		c.Referrals = append(c.Referrals, Referral{To: fmt.Sprintf("partner-%d", i), Purpose: "investigation", Sent: Date{2026, 1, 12 + i}, Due: Date{2026, 5, 12 + i}})
	}
	for i := range r.IntN(3) {
		c.Requests = append(c.Requests, Request{Item: fmt.Sprintf("item-%d", i), From: "complainant", Sent: Date{2026, 1, 12}, Due: Date{2026, 2, 12}})
	}
	return c
}

// genEdits draws the edits of one side; side tells the sides' additions apart.
func genEdits(r *rand.Rand, base *Case, side string) []edit {
	s := func(what string) string { return fmt.Sprintf("%s %s %d", what, side, r.IntN(1000)) }
	// Every value is drawn here, not when an edit is applied: applying it twice gives the same.
	summary, mail, place, related := s("summary"), s("mail")+"@example.org", s("place"), "2026-0"+fmt.Sprint(100+r.IntN(800))
	channel, phone, badge := []string{"phone", "mail", "web"}[r.IntN(3)], "+1 613 555 0"+fmt.Sprint(100+r.IntN(899)), fmt.Sprint(r.IntN(9000)+1000)
	refSent, reqSent := Date{2026, 2, 1 + r.IntN(20)}, Date{2026, 2, 1 + r.IntN(20)}
	var all []edit
	all = append(all,
		edit{"summary", func(c *Case) { c.Summary = summary }},
		edit{"channel", func(c *Case) { c.Channel = channel }},
		edit{"complainant.email", func(c *Case) { c.Complainant.Email = mail }},
		edit{"complainant.phone", func(c *Case) { c.Complainant.Phone = phone }},
		edit{"incident.location", func(c *Case) {
			if c.Incident == nil {
				c.Incident = &Incident{}
			}
			c.Incident.Location = place
		}},
		edit{"language", func(c *Case) { c.Language = "fr" }},
		edit{"categories", func(c *Case) { c.Categories = append(c.Categories, "deceit") }},
		edit{"categories", func(c *Case) { c.Categories = slices.Delete(slices.Clone(c.Categories), 0, 1) }},
		edit{"flags", func(c *Case) { c.Flags = append(c.Flags, "vulnerable") }},
		edit{"related", func(c *Case) { c.Related = append(c.Related, related) }},
		edit{"officers+" + side, func(c *Case) {
			c.Respondent.Officers = append(c.Respondent.Officers, Officer{Name: "Officer " + side, Badge: badge})
		}},
		edit{"referrals+" + side, func(c *Case) {
			c.Referrals = append(c.Referrals, Referral{To: "partner-" + side, Sent: refSent, Due: Date{2026, 6, 1}})
		}},
		edit{"requests+" + side, func(c *Case) {
			c.Requests = append(c.Requests, Request{Item: "doc-" + side, From: "police", Sent: reqSent})
		}},
	)
	for i := range base.Referrals {
		returned := Date{2026, 3, 1 + r.IntN(20)}
		all = append(all, edit{fmt.Sprintf("referrals[%d]", i), func(c *Case) { c.Referrals[i].Returned = returned }})
	}
	for i := range base.Requests {
		received := Date{2026, 2, 1 + r.IntN(20)}
		all = append(all, edit{fmt.Sprintf("requests[%d]", i), func(c *Case) { c.Requests[i].Received = received }})
	}
	closed := Date{2026, 1, 12} // before any note, so that each side appends in date order
	all = append(all, edit{"disposition", func(c *Case) {
		c.Disposition = &Disposition{Outcome: OutcomeWithdrawn, Closed: closed}
		c.Status = StatusClosed
		c.History = append(c.History, Entry{At: Timestamp{closed.Time().Add(20 * time.Hour)}, Date: closed, By: side, Do: ActWithdraw})
	}})
	var out []edit
	for _, e := range all {
		if r.IntN(3) == 0 {
			out = append(out, e)
		}
	}
	// History appends: notes on increasing days and times, distinct for each side.
	day, hour := 12+r.IntN(5), r.IntN(12)
	for i := range r.IntN(4) {
		day += r.IntN(3)
		d, h, detail := day, hour+i, s("note")
		out = append(out, edit{"history+" + side, func(c *Case) {
			c.History = append(c.History, Entry{At: Timestamp{time.Date(2026, 2, d, h, 0, 0, 0, time.UTC)}, Date: Date{2026, 1, d}, By: side, Do: ActNote, Detail: detail})
		}})
	}
	return out
}

func applyEdits(c Case, edits []edit) Case {
	c = deepCopyCase(c)
	for _, e := range edits {
		e.apply(&c)
	}
	return c
}

func deepCopyCase(c Case) Case {
	out := NormalizedCase(c) // copies every pointer and list
	if c.History != nil && out.History == nil {
		out.History = []Entry{}
	}
	return out
}

// disjoint keeps the edits of b that touch no resource of a.
func disjoint(a, b []edit) []edit {
	used := map[string]bool{}
	for _, e := range a {
		used[e.resource] = true
	}
	return slices.DeleteFunc(slices.Clone(b), func(e edit) bool { return used[e.resource] })
}

// expectedMerge applies both sides' edits one after the other, then puts what both sides
// appended to a list in the documented order: history by (effective date, recorded time,
// entry id); officers, referrals and requests added on either side by their identity.
func expectedMerge(base Case, a, b []edit) Case {
	c := applyEdits(applyEdits(base, a), b)
	nb := len(base.History)
	slices.SortStableFunc(c.History[nb:], entryOrder)
	if c.Respondent != nil {
		sortAdded(c.Respondent.Officers, len(base.Respondent.Officers), func(o Officer) string { return o.Name + "\x00" + o.Badge })
	}
	sortAdded(c.Referrals, len(base.Referrals), func(r Referral) string { return r.Sent.String() + "\x00" + r.To })
	sortAdded(c.Requests, len(base.Requests), func(r Request) string { return r.Sent.String() + "\x00" + r.Item })
	st, err := DeriveStatus(c.History)
	if err == nil {
		c.Status = st
	}
	return c
}

func sortAdded[T any](s []T, n int, key func(T) string) {
	if len(s) > n {
		slices.SortStableFunc(s[n:], func(x, y T) int { return strings.Compare(key(x), key(y)) })
	}
}

// Property: for generated pairs of disjoint edits, the merge is clean, equals applying both
// edits, and does not depend on the direction.
func TestMergeDisjointEditsProperty(t *testing.T) {
	const runs = 400
	for seed := range uint64(runs) {
		r := rand.New(rand.NewPCG(seed, 42))
		base := genBase(r)
		a := genEdits(r, &base, "a")
		b := disjoint(a, genEdits(r, &base, "b"))
		ours, theirs := applyEdits(base, a), applyEdits(base, b)
		baseData, _ := Encode(&base)
		oursData, _ := Encode(&ours)
		theirsData, _ := Encode(&theirs)
		res, err := MergeFiles("records/2026/2026-K7M2Q.yaml", baseData, oursData, theirsData)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if !res.Clean() {
			t.Fatalf("seed %d: disjoint edits conflict: %v\nours:\n%s\ntheirs:\n%s", seed, res.Conflicts, oursData, theirsData)
		}
		want := expectedMerge(base, a, b)
		wantData, _ := Encode(&want)
		if string(res.Data) != string(wantData) {
			t.Fatalf("seed %d: merged:\n%s\nwant:\n%s", seed, res.Data, wantData)
		}
		back, err := MergeFiles("records/2026/2026-K7M2Q.yaml", baseData, theirsData, oursData)
		if err != nil || string(back.Data) != string(res.Data) {
			t.Fatalf("seed %d: the other direction gives a different file (%v):\n%s", seed, err, back.Data)
		}
	}
}
