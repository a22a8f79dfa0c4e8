package letters

import (
	"fmt"
	"strings"
	"text/template"
	"time"

	"github.com/dossier-dev/dossier/records"
)

// env is what the template helpers know: the letter's language and its input.
type env struct {
	lang string
	in   *Input
}

// funcs are the helpers a template may call. Every one returns data (text to print or a value
// to test); none returns markup.
func funcs(e *env) template.FuncMap {
	return template.FuncMap{
		markFunc:       markData,
		"date":         e.date,
		"label":        e.label,
		"labels":       e.labels,
		"deadline":     e.deadline,
		"quote":        e.quote,
		"lastReferral": e.lastReferral,
		"openRequests": e.openRequests,
		"chronology":   e.chronology,
		"daysLate":     e.daysLate,
		"clock":        e.clock,
		"last":         last,
		"join":         strings.Join,
	}
}

var monthsFr = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// FormatDate writes a date the way a letter in lang does: January 15, 2026; 15 janvier 2026
// (1er for the first of the month). Other languages get YYYY-MM-DD.
func FormatDate(d records.Date, lang string) string {
	if d.IsZero() {
		return ""
	}
	switch lang {
	case "fr":
		day := fmt.Sprint(d.Day)
		if d.Day == 1 {
			day = "1er"
		}
		return fmt.Sprintf("%s %s %d", day, monthsFr[d.Month-1], d.Year)
	case "en":
		return fmt.Sprintf("%s %d, %d", d.Month.String(), d.Day, d.Year)
	}
	return d.String()
}

func (e *env) date(d records.Date) string { return FormatDate(d, e.lang) }

// codes maps the kind a template names to the profile's taxonomy.
func (e *env) codes(kind string) (records.Codes, error) {
	if cs, ok := e.in.Profile.Taxonomy(kind); ok {
		return cs, nil
	}
	return nil, fmt.Errorf("label: unknown kind %q: use %s", kind, records.TaxonomyKinds)
}

// label is the code's label in the letter's language (the code itself when the profile does
// not know it, so that nothing silently disappears from a letter).
func (e *env) label(kind, code string) (string, error) {
	cs, err := e.codes(kind)
	if err != nil || code == "" {
		return "", err
	}
	if c := cs.Find(code); c != nil {
		return c.Label(e.lang), nil
	}
	return code, nil
}

// labels is label over a list, joined the way the language joins: a, b and c; a, b et c.
func (e *env) labels(kind string, codes []string) (string, error) {
	var out []string
	for _, c := range codes {
		l, err := e.label(kind, c)
		if err != nil {
			return "", err
		}
		out = append(out, l)
	}
	and := " and "
	if e.lang == "fr" {
		and = " et "
	}
	switch n := len(out); n {
	case 0:
		return "", nil
	case 1:
		return out[0], nil
	default:
		return strings.Join(out[:n-1], ", ") + and + out[n-1], nil
	}
}

// clock is the number of days of a configured clock, for a letter to state it.
func (e *env) clock(name string) (int, error) {
	if name == "forward_business_days" {
		return e.in.Profile.Clocks.ForwardBusinessDays, nil
	}
	d, err := e.deadline(name, records.Date{Year: 2000, Month: 1, Day: 1})
	if err != nil {
		return 0, err
	}
	return records.Date{Year: 2000, Month: 1, Day: 1}.DaysUntil(d), nil
}

// last is the last date of a list (a referral's updates), or the zero date.
func last(ds []records.Date) records.Date {
	if len(ds) == 0 {
		return records.Date{}
	}
	return ds[len(ds)-1]
}

// deadline is from plus the configured clock (forward_business_days counts business days).
func (e *env) deadline(clock string, from records.Date) (records.Date, error) {
	if from.IsZero() {
		return records.Date{}, nil
	}
	c := e.in.Profile.Clocks
	days := map[string]int{
		"referral_report":     c.ReferralReport,
		"status_update":       c.StatusUpdate,
		"review_request":      c.ReviewRequest,
		"review_decision":     c.ReviewDecision,
		"information_request": c.InformationRequest,
		"six_month_limit":     c.SixMonthLimit,
	}
	if clock == "forward_business_days" {
		return from.AddBusinessDays(c.ForwardBusinessDays), nil
	}
	n, ok := days[clock]
	if !ok {
		return records.Date{}, fmt.Errorf("deadline: unknown clock %q: use one of forward_business_days, referral_report, status_update, review_request, review_decision, information_request, six_month_limit", clock)
	}
	return from.AddDays(n), nil
}

// quote puts s in the language's quotation marks: “s”; « s » with non-breaking spaces.
func (e *env) quote(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if e.lang == "fr" {
		return "«" + nbsp + s + nbsp + "»"
	}
	return "“" + s + "”"
}

// lastReferral is the latest referral of the case, or nil.
func (e *env) lastReferral() *records.Referral {
	if n := len(e.in.Case.Referrals); n > 0 {
		r := e.in.Case.Referrals[n-1]
		return &r
	}
	return nil
}

// openRequests are the documents asked for and not yet received.
func (e *env) openRequests() []records.Request {
	var out []records.Request
	for _, r := range e.in.Case.Requests {
		if r.Received.IsZero() {
			out = append(out, r)
		}
	}
	return out
}

// daysLate is how many days d is behind the letter's date (0 when not late).
func (e *env) daysLate(d records.Date) int {
	if d.IsZero() {
		return 0
	}
	return max(0, d.DaysUntil(e.in.Today))
}

// Event is one step of a case's chronology, in the letter's language.
type Event struct {
	Date records.Date
	What string
}

var actLabels = map[string][2]string{
	records.ActCreate:         {"Complaint received", "Plainte reçue"},
	records.ActClassify:       {"Complaint classified", "Plainte classée"},
	records.ActScreenIn:       {"Screened in", "Retenue à l’examen préalable"},
	records.ActScreenOut:      {"Screened out", "Écartée à l’examen préalable"},
	records.ActRefer:          {"Referred", "Renvoyée"},
	records.ActUpdate:         {"Status update received", "Compte rendu reçu"},
	records.ActReturn:         {"Investigation report received", "Rapport d’enquête reçu"},
	records.ActRetain:         {"Retained by the office", "Conservée par le Bureau"},
	records.ActDecide:         {"Decision made", "Décision rendue"},
	records.ActRequest:        {"Information requested", "Renseignements demandés"},
	records.ActReceive:        {"Information received", "Renseignements reçus"},
	records.ActNote:           {"Note", "Note"},
	records.ActReviewRequest:  {"Review requested", "Révision demandée"},
	records.ActReviewDecision: {"Review decided", "Révision tranchée"},
	records.ActClose:          {"File closed", "Dossier fermé"},
	records.ActWithdraw:       {"Complaint withdrawn", "Plainte retirée"},
	records.ActReopen:         {"File reopened", "Dossier rouvert"},
	records.ActEdit:           {"Record corrected", "Dossier corrigé"},
}

// chronology lists the steps of the case's history the reader may see (the history is empty
// for readers who may not see it), on their effective dates, with the partner or the item
// named where the step has one.
func (e *env) chronology() []Event {
	var out []Event
	refs, reqs := 0, 0
	c := e.in.Case
	for _, h := range c.History {
		labels, ok := actLabels[h.Do]
		what := h.Do
		if ok {
			what = labels[0]
			if e.lang == "fr" {
				what = labels[1]
			}
		}
		switch h.Do {
		case records.ActRefer:
			if refs < len(c.Referrals) {
				l, _ := e.label("partner", c.Referrals[refs].To)
				what += " : " + l
				if e.lang == "en" {
					what = labels[0] + " to " + l
				}
				refs++
			}
		case records.ActRequest:
			if reqs < len(c.Requests) {
				what += " : " + c.Requests[reqs].Item
				reqs++
			}
		case records.ActNote:
			what += " : " + h.Detail
		}
		if e.lang != "fr" {
			what = strings.Replace(what, " : ", ": ", 1)
		} else {
			what = strings.Replace(what, " : ", nbsp+": ", 1)
		}
		d := h.Date
		if d.IsZero() {
			d = records.DateOf(h.At.Time.In(time.UTC))
		}
		out = append(out, Event{Date: d, What: what})
	}
	return out
}
