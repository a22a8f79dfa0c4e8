package store

import (
	"slices"
	"strings"
	"sync"

	"github.com/dossier-dev/dossier/records"
)

// A cold run (no index, or many changed files) keeps one summary per record file until the
// command ends: at 1,000,000 cases that is the live set of the process. A summary made by
// Summarize shares its strings and lists with the parsed record, and a parsed string is one
// allocation of its own (or a view of the whole file, for a reader that slices the file's
// bytes), so a million summaries would hold tens of millions of small strings, most of them
// the same few hundred codes. compact gives a summary its own, exactly sized copies and one
// shared copy of each repeated string, as the index's string table does on the warm path:
// nothing of the parsed record or of the file stays reachable from it.

// maxInterned bounds the strings an interner keeps: codes, actors and coded details are a few
// thousand at most; past the bound (unique values of a declared field, say) strings are
// copied, not shared, and the table stops growing.
const maxInterned = 1 << 16

// interner hands out one shared copy of each string it is given; safe on all cores.
type interner struct {
	mu          sync.Mutex
	seen        map[string]string
	respondents sharedRespondents
}

func newInterner() *interner { return &interner{seen: make(map[string]string, 256)} }

// sharedRespondents hands out one Respondent per service: in a summary it holds nothing else
// (the officers are personal), and summaries are read, never changed.
type sharedRespondents map[string]*records.Respondent

func (sr *sharedRespondents) of(service string) *records.Respondent {
	r, ok := (*sr)[service]
	if !ok {
		if *sr == nil {
			*sr = sharedRespondents{}
		}
		r = &records.Respondent{Service: service}
		if len(*sr) < maxInterned {
			(*sr)[service] = r
		}
	}
	return r
}

// str is s's shared copy.
func (in *interner) str(s string) string {
	if s == "" {
		return ""
	}
	in.mu.Lock()
	t, ok := in.seen[s]
	if !ok {
		t = strings.Clone(s)
		if len(in.seen) < maxInterned {
			in.seen[t] = t
		}
	}
	in.mu.Unlock()
	return t
}

// strs is a copy of ss made of shared strings (nil when empty).
func (in *interner) strs(ss []string) []string {
	if len(ss) == 0 {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = in.str(s)
	}
	return out
}

// own is a copy of ss whose strings are copied, not shared: values unique to one case (ids).
func own(ss []string) []string {
	if len(ss) == 0 {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.Clone(s)
	}
	return out
}

// compact rewrites the summary s (made by Summarize) so that it shares nothing with the record
// it was made from: every part it points to is its own copy, every repeated string the
// interner's. It returns s.
func (in *interner) compact(s *records.Case) *records.Case {
	s.ID = strings.Clone(s.ID)
	s.Aliases, s.LegacyIDs, s.Related = own(s.Aliases), own(s.LegacyIDs), own(s.Related)
	s.ImportKey = strings.Clone(s.ImportKey)
	s.Type, s.Status, s.Language = in.str(s.Type), in.str(s.Status), in.str(s.Language)
	s.Channel, s.Routing = in.str(s.Channel), in.str(s.Routing)
	if s.Respondent != nil {
		service := in.str(s.Respondent.Service)
		in.mu.Lock()
		s.Respondent = in.respondents.of(service)
		in.mu.Unlock()
	}
	if s.Incident != nil {
		s.Incident = &records.Incident{Date: s.Incident.Date, Area: in.str(s.Incident.Area), Location: strings.Clone(s.Incident.Location)}
	}
	s.Categories, s.Flags = in.strs(s.Categories), in.strs(s.Flags)
	if len(s.Fields) > 0 {
		fs := make(records.Fields, len(s.Fields))
		for name, v := range s.Fields {
			fs[in.str(name)] = records.FieldValue{Scalar: in.str(v.Scalar), Codes: in.strs(v.Codes)}
		}
		s.Fields = fs
	}
	if sc := s.Screening; sc != nil {
		s.Screening = &records.Screening{Decision: in.str(sc.Decision), Decided: sc.Decided, Grounds: in.strs(sc.Grounds)}
	}
	if len(s.Referrals) > 0 {
		rs := make([]records.Referral, len(s.Referrals))
		for i, r := range s.Referrals {
			r.To, r.Purpose, r.Finding, r.Reason = in.str(r.To), in.str(r.Purpose), in.str(r.Finding), strings.Clone(r.Reason)
			r.Updates = slices.Clip(slices.Clone(r.Updates))
			rs[i] = r
		}
		s.Referrals = rs
	}
	if len(s.Requests) > 0 {
		rs := make([]records.Request, len(s.Requests))
		for i, r := range s.Requests {
			r.Item, r.From, r.Reason = strings.Clone(r.Item), in.str(r.From), strings.Clone(r.Reason)
			rs[i] = r
		}
		s.Requests = rs
	}
	if rv := s.Review; rv != nil {
		r := *rv
		r.Outcome = in.str(r.Outcome)
		s.Review = &r
	}
	if d := s.Disposition; d != nil {
		c := *d
		c.Outcome, c.Reason, c.RedirectedTo = in.str(c.Outcome), strings.Clone(c.Reason), strings.Clone(c.RedirectedTo)
		s.Disposition = &c
	}
	if h := s.Hold; h != nil {
		s.Hold = &records.Hold{Reason: strings.Clone(h.Reason), Since: h.Since}
	}
	s.Summary = strings.Clone(s.Summary)
	if len(s.History) > 0 {
		hs := make([]records.Entry, len(s.History))
		for i, e := range s.History {
			e.By, e.Do, e.Detail = in.str(e.By), in.str(e.Do), in.str(e.Detail)
			hs[i] = e
		}
		s.History = hs
	}
	return s
}
