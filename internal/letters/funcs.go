package letters

import (
	"time"

	"fmt"
	"sort"
	"strings"
	"text/template"

	"github.com/dossier-dev/dossier/internal/locale"
	"github.com/dossier-dev/dossier/records"
)

// env is what the template helpers know: the letter's language, its input and what it speaks
// of (chosen from the facts its front matter declares).
type env struct {
	lang string
	in   *Input
	sub  *Subject
}

// funcs are the helpers a template may call. Every one returns data (text to print or a value
// to test); none returns markup.
func funcs(e *env) template.FuncMap {
	return template.FuncMap{
		markFunc:             markData,
		"date":               e.date,
		"optdate":            e.optdate,
		"default":            byDefault,
		"required":           required,
		"label":              e.label,
		"labels":             e.labels,
		"deadline":           e.deadline,
		"quote":              e.quote,
		"referral":           e.referral,
		"requests":           e.requests,
		"investigations":     e.investigations,
		"requestsFromReader": e.requestsFromReader,
		"decision":           e.decision,
		"reviewWindow":       e.reviewWindow,
		"chronology":         e.chronology,
		"daysLate":           e.daysLate,
		"clock":              e.clock,
		"clockDue":           e.clockDue,
		"clockLabel":         e.clockLabel,
		"last":               last,
		"join":               strings.Join,
		"field":              e.field,
		"optfield":           e.optfield,
		"fieldLabel":         e.fieldLabel,
		"latestReferral":     e.latestReferral,
	}
}

// FormatDate writes a date the way a letter in lang does (package locale): January 15, 2026;
// 15 janvier 2026 (1er for the first of the month). Other languages get YYYY-MM-DD.
func FormatDate(d records.Date, lang string) string {
	if d.IsZero() {
		return ""
	}
	return locale.LongDate(lang, int(d.Year), time.Month(d.Month), int(d.Day))
}

// ErrZero is a helper given a value the case does not have: the template must say what to
// print instead ({{with optdate .X}}…{{end}}, {{default "…" .X}}).
type ErrZero struct{ What, Helper string }

func (e *ErrZero) Error() string {
	return fmt.Sprintf("%s: the case has no %s here: test it first ({{with ...}}) or say what to print instead ({{default \"...\" ...}}, {{with optdate ...}})", e.Helper, e.What)
}

// date is a date in the letter's language; a zero date is an error (a letter never says
// "on ,").
func (e *env) date(d records.Date) (string, error) {
	if d.IsZero() {
		return "", &ErrZero{What: "date", Helper: "date"}
	}
	return FormatDate(d, e.lang), nil
}

// optdate is date for a value the letter may do without: empty for the zero date, so that
// {{with optdate .Case.Incident.Date}} … {{end}} prints only what the case has.
func (e *env) optdate(d records.Date) string { return FormatDate(d, e.lang) }

// required is v, or an error when v is a zero value: for a value a letter cannot do without
// and that the template prints as it is ({{required .Case.Disposition.RedirectedTo}}).
func required(v any) (any, error) {
	if byDefault("\x00", v) == "\x00" {
		return nil, &ErrZero{What: "value", Helper: "required"}
	}
	return v, nil
}

// byDefault is v, or fallback when v is a zero value (an empty text, date or list): the
// template's way of saying what to print instead.
func byDefault(fallback string, v any) any {
	switch x := v.(type) {
	case nil:
		return fallback
	case string:
		if strings.TrimSpace(x) == "" {
			return fallback
		}
	case records.Date:
		if x.IsZero() {
			return fallback
		}
	case []string:
		if len(x) == 0 {
			return fallback
		}
	}
	return v
}

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
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(code) == "" {
		return "", &ErrZero{What: kind, Helper: "label"}
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
		return "", &ErrZero{What: kind, Helper: "labels"}
	case 1:
		return out[0], nil
	default:
		return strings.Join(out[:n-1], ", ") + and + out[n-1], nil
	}
}

// clock is the number of days of a configured clock, for a letter to state it (a declared
// clock of the profile's own: its length for the case, see declaredClockDays).
func (e *env) clock(name string) (int, error) {
	if name == "forward_business_days" {
		return e.in.Profile.Clocks.ForwardBusinessDays, nil
	}
	if d := e.in.Profile.Deadlines.Find(name); d != nil && d.Runs() {
		return e.declaredClockDays(d)
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
		return records.Date{}, &ErrZero{What: "date to count " + clock + " from", Helper: "deadline"}
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
func (e *env) quote(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", &ErrZero{What: "text", Helper: "quote"}
	}
	return locale.Quote(e.lang, s), nil
}

// referral is the referral the letter speaks of, as its reader may see it: the overdue one,
// or the open investigation referral, that the front matter's facts (and --referral) chose.
func (e *env) referral() (*records.Referral, error) {
	if e.sub == nil || e.sub.Referral < 0 {
		return nil, fmt.Errorf("referral: the letter speaks of no referral: declare facts: [%s] or [%s] in its front matter", FactOverdueReferral, FactOpenInvestigation)
	}
	if e.sub.Referral >= len(e.in.Case.Referrals) {
		return nil, fmt.Errorf("referral: the letter's reader %s may not see the case's referrals", e.in.To)
	}
	r := e.in.Case.Referrals[e.sub.Referral]
	return &r, nil
}

// requests are the open requests the letter speaks of: those asked of its reader (and chosen
// with --request), never another party's.
func (e *env) requests() ([]records.Request, error) {
	if e.sub == nil || len(e.sub.Requests) == 0 {
		return nil, fmt.Errorf("requests: the letter speaks of no request: declare facts: [%s] in its front matter", FactOpenRequest)
	}
	var out []records.Request
	for _, i := range e.sub.Requests {
		if i >= len(e.in.Case.Requests) {
			return nil, fmt.Errorf("requests: the letter's reader %s may not see the case's requests", e.in.To)
		}
		out = append(out, e.in.Case.Requests[i])
	}
	return out, nil
}

// investigations are the case's referrals for investigation, as the reader may see them
// (referrals for information or to a program are not about the complaint's outcome).
func (e *env) investigations() []records.Referral {
	var out []records.Referral
	for _, r := range e.in.Case.Referrals {
		if isInvestigation(r) {
			out = append(out, r)
		}
	}
	return out
}

// requestsFromReader are the open requests asked of the letter's reader, whatever the letter
// speaks of: never a request asked of another party.
func (e *env) requestsFromReader() []records.Request {
	var out []records.Request
	for _, rq := range e.in.Case.Requests {
		if requestOpen(rq) && requestFrom(e.full(), rq, e.reader()) {
			out = append(out, rq)
		}
	}
	return out
}

func (e *env) reader() string {
	if e.sub != nil && e.sub.Reader != "" {
		return e.sub.Reader
	}
	return e.in.To
}

// decision is the decision on the complaint (the returned investigation referral, or the
// office's own), nil when there is none: the letter names who made it from it, never from the
// last referral.
func (e *env) decision() *Decision {
	if e.sub == nil {
		return nil
	}
	return e.sub.Decision
}

// ReviewWindow is a decision that may still be the subject of a request for review, and the
// last day to ask.
type ReviewWindow struct {
	Decision *Decision
	Deadline records.Date
}

// reviewWindow is the open review window on the letter's date, or nil when the decision is
// not reviewable or its window has passed: a letter never offers a window already past.
func (e *env) reviewWindow() *ReviewWindow {
	d := e.decision()
	if !reviewWindowOpen(e.full(), e.in.Profile, d, e.in.Today) {
		return nil
	}
	return &ReviewWindow{Decision: d, Deadline: d.Date.AddDays(e.in.Profile.Clocks.ReviewRequest)}
}

func (e *env) full() *records.Case {
	if e.in.Full != nil {
		return e.in.Full
	}
	return e.in.Case
}

// daysLate is how many days d is behind the letter's date (0 when not late).
func (e *env) daysLate(d records.Date) (int, error) {
	if d.IsZero() {
		return 0, &ErrZero{What: "due date", Helper: "daysLate"}
	}
	return max(0, d.DaysUntil(e.in.Today)), nil
}

// Event is one step of a case's chronology, in the letter's language.
type Event struct {
	Date records.Date
	What string
}

var actLabels = map[string][2]string{
	records.ActCreate:         {"Complaint received", "Plainte reçue"},
	records.ActClassify:       {"Complaint classified", "Plainte classée"},
	records.ActScreenIn:       {"Screened in", "Retenue à l’examen préliminaire"},
	records.ActScreenOut:      {"Screened out", "Rejetée à l’examen préliminaire"},
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
	actReferFor:               {"Referred", "Renvoyée"},
	"return-for":              {"Report received", "Rapport reçu"},
	"cancel-referral":         {"Referral cancelled", "Renvoi annulé"},
	"cancel-investigation":    {"Investigation referral cancelled", "Renvoi pour enquête annulé"},
	"cancel-request":          {"Request cancelled", "Demande annulée"},
	"redirect":                {"Complaint redirected to another organisation", "Plainte réorientée vers un autre organisme"},
}

// actReferFor is the history action of a referral for a purpose other than investigation: like
// a referral, it names its partner in a chronology.
const actReferFor = "refer-for"

// chronology lists, in the order they happened, the steps of the case's history the reader may see (the history is empty
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
		case records.ActRefer, actReferFor:
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
				l, _ := e.label("item", c.Requests[reqs].Item)
				what += " : " + l
				reqs++
			}
		case records.ActNote:
			what += " : " + h.Detail
		}
		what = strings.Replace(what, " : ", locale.Colon(e.lang), 1)
		out = append(out, Event{Date: records.EntryDate(h), What: what})
	}
	// In the order things happened; steps of one day in the order they were recorded (the rule
	// of records.Timeline; the walk above is in recording order to pair each refer and request
	// entry with its referral and request).
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
}
