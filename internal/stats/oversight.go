package stats

import (
	"slices"

	"github.com/dossier-dev/dossier/records"
)

// Unrouted is the routing key of screened-in cases that were closed or carried over before any
// routing (referral or retention) was recorded. It is always present, like the profile's codes,
// so that outcomes + carried_over = screened_in + screened_earlier holds for every case.
const Unrouted = "unrouted"

// Oversight is the oversight statistics report (DESIGN §5). Its JSON is a contract: keys only
// grow, and every code of the profile is present, with 0 when no case has it.
type Oversight struct {
	Period      DateSpan           `json:"period"`
	Filter      OversightFilter    `json:"filter"`
	Complaints  Complaints         `json:"complaints"`
	Types       Keyed[*TypeCounts] `json:"types"`
	Allegations Counts             `json:"allegations"`
	Reviews     Reviews            `json:"reviews"`
	Durations   Keyed[Duration]    `json:"durations"`
}

// DateSpan is a period in JSON.
type DateSpan struct {
	From records.Date `json:"from"`
	To   records.Date `json:"to"`
}

// OversightFilter says which cases were counted; a null service means every service.
type OversightFilter struct {
	Service *string `json:"service"`
}

// Complaints are the counts over every complaint, whatever its type.
type Complaints struct {
	Received                 int `json:"received"`
	CarriedIn                int `json:"carried_in"`
	Managed                  int `json:"managed"`
	WithdrawnBeforeScreening int `json:"withdrawn_before_screening"`
}

// TypeCounts are the counts of one complaint type.
type TypeCounts struct {
	Managed             int           `json:"managed"`
	Screened            int           `json:"screened"`
	ScreenedEarlier     int           `json:"screened_earlier"`
	ScreenedIn          int           `json:"screened_in"`
	ScreenedOut         int           `json:"screened_out"`
	ScreenedOutByGround Counts        `json:"screened_out_by_ground"`
	Outcomes            Keyed[Counts] `json:"outcomes"`
	CarriedOver         Counts        `json:"carried_over"`
}

// Reviews are the counts of reviews of police decisions.
type Reviews struct {
	Managed     int    `json:"managed"`
	Outcomes    Counts `json:"outcomes"`
	CarriedOver int    `json:"carried_over"`
}

// Duration is how long the files of a type closed in the period took, received to closed.
type Duration struct {
	Closed     int `json:"closed"`
	MedianDays int `json:"median_days"`
	P90Days    int `json:"p90_days"`
}

// NewOversight is the report with every key and every count at zero.
func NewOversight(p *records.Profile, period Period, service string) *Oversight {
	o := &Oversight{Period: DateSpan{period.From, period.To}}
	if service != "" {
		o.Filter.Service = &service
	}
	for _, t := range p.Types {
		o.Types = append(o.Types, KV[*TypeCounts]{t.Code, newTypeCounts(p, t.Code)})
		o.Durations = append(o.Durations, KV[Duration]{Key: t.Code})
	}
	o.Allegations = countsOf(p.Categories.List())
	o.Reviews.Outcomes = countsOf(p.ReviewOutcomes.List())
	return o
}

func routingKeys(p *records.Profile) []string {
	return append(p.Routings.List(), Unrouted)
}

func newTypeCounts(p *records.Profile, typ string) *TypeCounts {
	outcomes := p.OutcomesFor(typ).List()
	tc := &TypeCounts{
		ScreenedOutByGround: countsOf(p.Grounds.List()),
		Outcomes:            keyedOf(routingKeys(p), func() Counts { return countsOf(outcomes) }),
		CarriedOver:         countsOf(routingKeys(p)),
	}
	return tc
}

// ComputeOversight counts cases for the period, only those against service when it is not "".
//
// Definitions (DESIGN §5 and the issue), all by effective dates:
//   - received: received in the period; carried_in: received before it and open at the end of
//     the day before it starts; managed = received + carried_in.
//   - withdrawn_before_screening: withdrawn in the period with no screening decision before.
//   - per type: screened: screening decision in the period (in or out, by ground for out);
//     screened_earlier: screened in before the period and open at its start; managed =
//     screened + screened_earlier. Of the screened-in cases among those, the ones closed at
//     the end of the period count in outcomes (by the routing in force on the day of closing and
//     the closing outcome), the others in carried_over (by the routing at the end).
//   - allegations: the categories of conduct complaints screened in during the period, each
//     category once per case.
//   - reviews: managed = requested in the period + requested before and undecided at its start;
//     outcomes = decided in the period; carried_over = undecided at its end.
//   - durations: files of each type whose (last) closing falls in the period; days from
//     received to closed, median and 90th percentile by nearest rank.
//
// "Closed" on a day is read from the history, so a file reopened later still counts as closed
// on the days it was; a file closed before the period and reopened during it is not carried in.
func ComputeOversight(cases []*records.Case, p *records.Profile, period Period, service string) *Oversight {
	oc := NewOversightCounter(p, period, service)
	all := allFacts(cases)
	for i, c := range cases {
		oc.Add(c, CaseFacts{all[i]})
	}
	return oc.Result()
}

// An OversightCounter is ComputeOversight for a caller that reads the cases one at a time
// without holding them (store.EachSummary): FactsOf on all cores, then Add in path order.
type OversightCounter struct {
	o       *Oversight
	p       *records.Profile
	period  Period
	service string
	days    map[string][]int
}

// CaseFacts are the dated events of one case that the reports read (FactsOf).
type CaseFacts struct{ f *facts }

// FactsOf are the dated events of c; safe on all cores.
func FactsOf(c *records.Case) CaseFacts { return CaseFacts{factsOf(c)} }

func NewOversightCounter(p *records.Profile, period Period, service string) *OversightCounter {
	return &OversightCounter{o: NewOversight(p, period, service), p: p, period: period, service: service, days: map[string][]int{}}
}

// Add counts c, whose facts are cf; neither is kept.
func (oc *OversightCounter) Add(c *records.Case, cf CaseFacts) {
	if oc.service != "" && c.Service() != oc.service {
		return
	}
	countReviews(&oc.o.Reviews, cf.f.reviews, oc.period) // only the reviews count them: in any order
	oc.add(c, cf.f)
}

func (oc *OversightCounter) add(c *records.Case, f *facts) {
	o, p, period := oc.o, oc.p, oc.period
	if c.Received.IsZero() || c.Received.After(period.To) {
		return
	}
	openAtStart := f.openAt(period.From.AddDays(-1))
	if period.Contains(c.Received) {
		o.Complaints.Received++
	} else if openAtStart {
		o.Complaints.CarriedIn++
	}
	if slices.ContainsFunc(f.withdrawnUnscreened, period.Contains) {
		o.Complaints.WithdrawnBeforeScreening++
	}
	if c.Type == "" {
		return
	}
	tc := *o.Types.At(c.Type, func() *TypeCounts { return newTypeCounts(p, c.Type) })
	if _, ok := o.Durations.Get(c.Type); !ok {
		o.Durations = append(o.Durations, KV[Duration]{Key: c.Type})
	}
	if ch, ok := f.closedIn(period); ok {
		oc.days[c.Type] = append(oc.days[c.Type], c.Received.DaysUntil(ch.date))
	}
	s := c.Screening
	if s == nil || s.Decided.IsZero() {
		return
	}
	screenedNow := period.Contains(s.Decided)
	if screenedNow {
		tc.Screened++
		switch s.Decision {
		case "in":
			tc.ScreenedIn++
		case "out":
			tc.ScreenedOut++
			for _, g := range uniq(s.Grounds) {
				inc(&tc.ScreenedOutByGround, g)
			}
		}
	}
	if s.Decision != "in" {
		return
	}
	earlier := s.Decided.Before(period.From) && openAtStart
	if earlier {
		tc.ScreenedEarlier++
	}
	if !screenedNow && !earlier {
		return
	}
	if c.Type == "conduct" && screenedNow {
		for _, cat := range uniq(c.Categories) {
			inc(&o.Allegations, cat)
		}
	}
	if ch, ok := f.closedIn(period); ok {
		r := orUnrouted(f.routingAt(ch.date))
		byOutcome := tc.Outcomes.At(r, func() Counts { return countsOf(p.OutcomesFor(c.Type).List()) })
		inc(byOutcome, ch.outcome)
	} else {
		inc(&tc.CarriedOver, orUnrouted(f.routingAt(period.To)))
	}
}

// Reset forgets every case added.
func (oc *OversightCounter) Reset() {
	*oc = *NewOversightCounter(oc.p, oc.period, oc.service)
}

// Result is the report of the cases added.
func (oc *OversightCounter) Result() *Oversight {
	o := oc.o
	for _, kv := range o.Types {
		kv.Value.Managed = kv.Value.Screened + kv.Value.ScreenedEarlier
	}
	o.Complaints.Managed = o.Complaints.Received + o.Complaints.CarriedIn
	for i := range o.Durations {
		d := oc.days[o.Durations[i].Key]
		o.Durations[i].Value = Duration{Closed: len(d), MedianDays: Percentile(d, 50), P90Days: Percentile(d, 90)}
	}
	return o
}

func countReviews(r *Reviews, spans []reviewSpan, period Period) {
	for _, s := range spans {
		if s.requested.IsZero() || s.requested.After(period.To) {
			continue
		}
		undecidedAtStart := s.requested.Before(period.From) && (s.decided.IsZero() || !s.decided.Before(period.From))
		if period.Contains(s.requested) || undecidedAtStart {
			r.Managed++
		}
		if period.Contains(s.decided) {
			inc(&r.Outcomes, s.outcome)
		}
		if s.decided.IsZero() || s.decided.After(period.To) {
			r.CarriedOver++
		}
	}
}

func orUnrouted(r string) string {
	if r == "" {
		return Unrouted
	}
	return r
}

func uniq(s []string) []string { return records.Uniq(s) }

// Percentile is the p-th percentile of values by the nearest-rank method: the smallest value
// such that at least p% of the values are at or below it (so the median of an even count is
// the lower of the two middle values). It is 0 for no values.
func Percentile(values []int, p int) int {
	if len(values) == 0 {
		return 0
	}
	s := slices.Clone(values)
	slices.Sort(s)
	rank := (p*len(s) + 99) / 100 // ceil(p/100 × n)
	rank = max(rank, 1)
	return s[rank-1]
}
