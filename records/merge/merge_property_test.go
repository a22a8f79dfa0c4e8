package merge

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
	"github.com/dossier-dev/dossier/records/internal/rectest"
)

// An edit changes one part of a case (its resource). Two sides whose edits touch different
// resources made disjoint edits; appending to the history, and adding distinct items to a
// list, are disjoint by nature and may happen on both sides.
type edit struct {
	resource string
	apply    func(c *records.Case)
}

func genBase(r *rand.Rand) records.Case {
	at := func(day, hour int) records.Timestamp {
		return records.Timestamp{Time: time.Date(2026, 1, day, hour, 0, 0, 0, time.UTC)}
	}
	c := records.Case{
		ID: "2026-K7M2Q", Type: "conduct", Status: records.StatusClassified, Language: "en",
		Received:    records.Date{Year: 2026, Month: 1, Day: 10},
		Channel:     "email",
		Complainant: &records.Party{Name: "Marie Tremblay", Email: "marie@example.org"},
		Respondent:  &records.Respondent{Service: "ottawa-ps", Officers: []records.Officer{{Name: "Cst. J. Smith", Badge: "1234"}}},
		Summary:     "Rude language",
		Categories:  []string{"discreditable-conduct", "neglect-of-duty"},
		History: []records.Entry{
			{At: at(10, 9), Date: records.Date{Year: 2026, Month: 1, Day: 10}, By: "jdoe", Do: records.ActCreate},
			{At: at(11, 9), Date: records.Date{Year: 2026, Month: 1, Day: 11}, By: "jdoe", Do: records.ActClassify, Detail: "conduct"},
		},
	}
	if r.IntN(2) == 0 {
		c.Flags = []string{"litigious"}
	}
	if r.IntN(2) == 0 {
		c.Incident = &records.Incident{Date: records.Date{Year: 2026, Month: 1, Day: 2}, Location: "Ottawa"}
	}
	for i := range r.IntN(3) {
		c.Referrals = append(c.Referrals, records.Referral{To: fmt.Sprintf("partner-%d", i), Purpose: "investigation", Sent: records.Date{Year: 2026, Month: 1, Day: uint8(12 + i)}, Due: records.Date{Year: 2026, Month: 5, Day: uint8(12 + i)}})
	}
	for i := range r.IntN(3) {
		c.Requests = append(c.Requests, records.Request{Item: fmt.Sprintf("item-%d", i), From: "complainant", Sent: records.Date{Year: 2026, Month: 1, Day: 12}, Due: records.Date{Year: 2026, Month: 2, Day: 12}})
	}
	return c
}

// genEdits draws the edits of one side; side tells the sides' additions apart.
func genEdits(r *rand.Rand, base *records.Case, side string) []edit {
	s := func(what string) string { return fmt.Sprintf("%s %s %d", what, side, r.IntN(1000)) }
	// Every value is drawn here, not when an edit is applied: applying it twice gives the same.
	summary, mail, place, related := s("summary"), s("mail")+"@example.org", s("place"), "2026-0"+fmt.Sprint(100+r.IntN(800))
	channel, phone, badge := []string{"phone", "mail", "web"}[r.IntN(3)], "+1 613 555 0"+fmt.Sprint(100+r.IntN(899)), fmt.Sprint(r.IntN(9000)+1000)
	refSent, reqSent := records.Date{Year: 2026, Month: 2, Day: uint8(1 + r.IntN(20))}, records.Date{Year: 2026, Month: 2, Day: uint8(1 + r.IntN(20))}
	var all []edit
	all = append(all,
		edit{"summary", func(c *records.Case) { c.Summary = summary }},
		edit{"channel", func(c *records.Case) { c.Channel = channel }},
		edit{"complainant.email", func(c *records.Case) { c.Complainant.Email = mail }},
		edit{"complainant.phone", func(c *records.Case) { c.Complainant.Phone = phone }},
		edit{"incident.location", func(c *records.Case) {
			if c.Incident == nil {
				c.Incident = &records.Incident{}
			}
			c.Incident.Location = place
		}},
		edit{"language", func(c *records.Case) { c.Language = "fr" }},
		edit{"categories", func(c *records.Case) { c.Categories = append(c.Categories, "deceit") }},
		edit{"categories", func(c *records.Case) { c.Categories = slices.Delete(slices.Clone(c.Categories), 0, 1) }},
		edit{"flags", func(c *records.Case) { c.Flags = append(c.Flags, "vulnerable") }},
		edit{"related", func(c *records.Case) { c.Related = append(c.Related, related) }},
		edit{"officers+" + side, func(c *records.Case) {
			c.Respondent.Officers = append(c.Respondent.Officers, records.Officer{Name: "Officer " + side, Badge: badge})
		}},
		edit{"referrals+" + side, func(c *records.Case) {
			c.Referrals = append(c.Referrals, records.Referral{To: "partner-" + side, Sent: refSent, Due: records.Date{Year: 2026, Month: 6, Day: 1}})
		}},
		edit{"requests+" + side, func(c *records.Case) {
			c.Requests = append(c.Requests, records.Request{Item: "doc-" + side, From: "police", Sent: reqSent})
		}},
	)
	for i := range base.Referrals {
		returned := records.Date{Year: 2026, Month: 3, Day: uint8(1 + r.IntN(20))}
		all = append(all, edit{fmt.Sprintf("referrals[%d]", i), func(c *records.Case) { c.Referrals[i].Returned = returned }})
	}
	for i := range base.Requests {
		received := records.Date{Year: 2026, Month: 2, Day: uint8(1 + r.IntN(20))}
		all = append(all, edit{fmt.Sprintf("requests[%d]", i), func(c *records.Case) { c.Requests[i].Received = received }})
	}
	closed := records.Date{Year: 2026, Month: 1, Day: 12} // before any note, so that each side appends in date order
	all = append(all, edit{"disposition", func(c *records.Case) {
		c.Disposition = &records.Disposition{Outcome: records.OutcomeWithdrawn, Closed: closed}
		c.Status = records.StatusClosed
		c.History = append(c.History, records.Entry{At: records.Timestamp{Time: closed.Time().Add(20 * time.Hour)}, Date: closed, By: side, Do: records.ActWithdraw})
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
		out = append(out, edit{"history+" + side, func(c *records.Case) {
			c.History = append(c.History, records.Entry{At: records.Timestamp{Time: time.Date(2026, 2, d, h, 0, 0, 0, time.UTC)}, Date: records.Date{Year: 2026, Month: 1, Day: uint8(d)}, By: side, Do: records.ActNote, Detail: detail})
		}})
	}
	return out
}

func applyEdits(c records.Case, edits []edit) records.Case {
	c = deepCopyCase(c)
	for _, e := range edits {
		e.apply(&c)
	}
	return c
}

func deepCopyCase(c records.Case) records.Case {
	out := NormalizedCase(c) // copies every pointer and list
	if c.History != nil && out.History == nil {
		out.History = []records.Entry{}
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
func expectedMerge(p *records.Profile, base records.Case, a, b []edit) records.Case {
	c := applyEdits(applyEdits(base, a), b)
	nb := len(base.History)
	slices.SortStableFunc(c.History[nb:], entryOrder)
	if c.Respondent != nil {
		sortAdded(c.Respondent.Officers, len(base.Respondent.Officers), func(o records.Officer) string { return o.Name + "\x00" + o.Badge })
	}
	sortAdded(c.Referrals, len(base.Referrals), func(r records.Referral) string { return r.Sent.String() + "\x00" + r.To })
	sortAdded(c.Requests, len(base.Requests), func(r records.Request) string { return r.Sent.String() + "\x00" + r.Item })
	st, err := p.DeriveStatus(c.History)
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
	p := rectest.Profile(t)
	for seed := range uint64(runs) {
		r := rand.New(rand.NewPCG(seed, 42))
		base := genBase(r)
		a := genEdits(r, &base, "a")
		b := disjoint(a, genEdits(r, &base, "b"))
		ours, theirs := applyEdits(base, a), applyEdits(base, b)
		baseData, _ := codec.Encode(&base)
		oursData, _ := codec.Encode(&ours)
		theirsData, _ := codec.Encode(&theirs)
		res, err := MergeFiles("records/2026/2026-K7M2Q.yaml", baseData, oursData, theirsData, p)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if !res.Clean() {
			t.Fatalf("seed %d: disjoint edits conflict: %v\nours:\n%s\ntheirs:\n%s", seed, res.Conflicts, oursData, theirsData)
		}
		want := expectedMerge(p, base, a, b)
		wantData, _ := codec.Encode(&want)
		if string(res.Data) != string(wantData) {
			t.Fatalf("seed %d: merged:\n%s\nwant:\n%s", seed, res.Data, wantData)
		}
		back, err := MergeFiles("records/2026/2026-K7M2Q.yaml", baseData, theirsData, oursData, p)
		if err != nil || string(back.Data) != string(res.Data) {
			t.Fatalf("seed %d: the other direction gives a different file (%v):\n%s", seed, err, back.Data)
		}
	}
}
