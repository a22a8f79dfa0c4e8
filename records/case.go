package records

// Case is one complaint file. Field names (YAML and JSON) are a contract: they only grow.
// The order of fields here is the canonical key order of a record file.
type Case struct {
	ID             string       `yaml:"id" json:"id"`
	Aliases        []string     `yaml:"aliases" json:"aliases,omitempty"`       // former ids (renumber): letters sent under them still find the case
	LegacyIDs      []string     `yaml:"legacy_ids" json:"legacy_ids,omitempty"` // file numbers of the system the case came from (E-2024-0001): they find the case like ids
	Type           string       `yaml:"type" json:"type"`
	Status         string       `yaml:"status" json:"status"`
	Language       string       `yaml:"language" json:"language"`
	Received       Date         `yaml:"received" json:"received"`
	Channel        string       `yaml:"channel" json:"channel,omitempty"`
	PoliceReceived Date         `yaml:"police_received" json:"police_received,omitzero"` // police-forwarded intake: the day the police service received the complaint (starts the forwarding clock)
	Complainant    *Party       `yaml:"complainant" json:"complainant,omitempty"`
	Representative *Party       `yaml:"representative" json:"representative,omitempty"`
	Respondent     *Respondent  `yaml:"respondent" json:"respondent,omitempty"`
	Incident       *Incident    `yaml:"incident" json:"incident,omitempty"`
	Summary        string       `yaml:"summary" json:"summary,omitempty"`
	Categories     []string     `yaml:"categories" json:"categories,omitempty"`
	Flags          []string     `yaml:"flags" json:"flags,omitempty"`
	Related        []string     `yaml:"related" json:"related,omitempty"` // ids of other cases about the same matter (renumber updates them)
	Fields         Fields       `yaml:"fields" json:"fields,omitempty"`   // the profile's declared fields (records/decl.go)
	Screening      *Screening   `yaml:"screening" json:"screening,omitempty"`
	Routing        string       `yaml:"routing" json:"routing,omitempty"`
	Referrals      []Referral   `yaml:"referrals" json:"referrals,omitempty"`
	Requests       []Request    `yaml:"requests" json:"requests,omitempty"`
	Review         *Review      `yaml:"review" json:"review,omitempty"`
	Disposition    *Disposition `yaml:"disposition" json:"disposition,omitempty"`
	Hold           *Hold        `yaml:"hold" json:"hold,omitempty"`             // blocks disposal under the retention schedule
	ImportKey      string       `yaml:"import_key" json:"import_key,omitempty"` // the source row a spreadsheet import made the case from (sha256 of its cells): refuses importing it twice
	History        []Entry      `yaml:"history" json:"history,omitempty"`
}

// Party is a complainant or their representative.
type Party struct {
	Name         string `yaml:"name" json:"name,omitempty"`
	Organization string `yaml:"organization" json:"organization,omitempty"`
	Email        string `yaml:"email" json:"email,omitempty"`
	Phone        string `yaml:"phone" json:"phone,omitempty"`
	Address      string `yaml:"address" json:"address,omitempty"`
}

// Respondent is the police service complained about and the officers named.
type Respondent struct {
	Service  string    `yaml:"service" json:"service,omitempty"`
	Officers []Officer `yaml:"officers" json:"officers,omitempty"`
}

type Officer struct {
	Name  string `yaml:"name" json:"name,omitempty"`
	Badge string `yaml:"badge" json:"badge,omitempty"`
}

// Incident is when and where it happened. Area is a code of the profile's areas (the
// municipality or region, public, what statistics group by); Location is free text (perhaps a
// street address: confidential, removed by purge).
type Incident struct {
	Date     Date   `yaml:"date" json:"date,omitzero"`
	Area     string `yaml:"area" json:"area,omitempty"`
	Location string `yaml:"location" json:"location,omitempty"`
}

// Screening is the office's decision to deal with the complaint (in) or not (out).
type Screening struct {
	Decision string   `yaml:"decision" json:"decision"`
	Decided  Date     `yaml:"decided" json:"decided,omitzero"`
	Grounds  []string `yaml:"grounds" json:"grounds,omitempty"`
}

// Referral is the complaint sent to a partner (the police service, another body, a program).
type Referral struct {
	To        string `yaml:"to" json:"to"`
	Purpose   string `yaml:"purpose" json:"purpose,omitempty"`
	Sent      Date   `yaml:"sent" json:"sent,omitzero"`
	Due       Date   `yaml:"due" json:"due,omitzero"`
	Updates   []Date `yaml:"updates" json:"updates,omitempty"`
	Returned  Date   `yaml:"returned" json:"returned,omitzero"`
	Finding   string `yaml:"finding" json:"finding,omitempty"`
	Cancelled Date   `yaml:"cancelled" json:"cancelled,omitzero"`
	Reason    string `yaml:"reason" json:"reason,omitempty"` // why it was cancelled
}

// Open reports whether the referral still waits for its report (not returned, not cancelled).
func (r Referral) Open() bool { return r.Returned.IsZero() && r.Cancelled.IsZero() }

// Request is a document asked of a party (statements, photos, medical records...).
type Request struct {
	Item      string `yaml:"item" json:"item"`
	From      string `yaml:"from" json:"from,omitempty"`
	Sent      Date   `yaml:"sent" json:"sent,omitzero"`
	Due       Date   `yaml:"due" json:"due,omitzero"`
	Received  Date   `yaml:"received" json:"received,omitzero"`
	Cancelled Date   `yaml:"cancelled" json:"cancelled,omitzero"`
	Reason    string `yaml:"reason" json:"reason,omitempty"` // why it was cancelled
}

// Open reports whether the request still waits for its item (not received, not cancelled).
func (r Request) Open() bool { return r.Received.IsZero() && r.Cancelled.IsZero() }

// Review is a complainant's request for review of the police decision.
type Review struct {
	Requested Date   `yaml:"requested" json:"requested,omitzero"`
	Due       Date   `yaml:"due" json:"due,omitzero"`
	Decided   Date   `yaml:"decided" json:"decided,omitzero"`
	Outcome   string `yaml:"outcome" json:"outcome,omitempty"`
}

// Disposition is how and when the file was closed.
type Disposition struct {
	Outcome      string `yaml:"outcome" json:"outcome"`
	Closed       Date   `yaml:"closed" json:"closed,omitzero"`
	Reason       string `yaml:"reason" json:"reason,omitempty"`
	RedirectedTo string `yaml:"redirected_to" json:"redirected_to,omitempty"` // outcome redirected: the organisation the complainant was sent to
}

// Hold keeps a closed file from disposal: a legal hold, a pending access request or appeal.
type Hold struct {
	Reason string `yaml:"reason" json:"reason"`
	Since  Date   `yaml:"since" json:"since,omitzero"`
}

// Entry is one line of the append-only history: who did what, on which day it happened
// (Date, the effective date reports use) and when it was recorded (At).
type Entry struct {
	At     Timestamp `yaml:"at" json:"at"`
	Date   Date      `yaml:"date" json:"date,omitzero"`
	By     string    `yaml:"by" json:"by"`
	Do     string    `yaml:"do" json:"do"`
	Detail string    `yaml:"detail" json:"detail,omitempty"`
}

// Open reports whether the case is not closed.
func (c *Case) Open() bool { return c.Status != StatusClosed }

// Outcome is the disposition outcome, or "" while open.
func (c *Case) Outcome() string {
	if c.Disposition == nil {
		return ""
	}
	return c.Disposition.Outcome
}

// Service is the respondent police service code, or "".
func (c *Case) Service() string {
	if c.Respondent == nil {
		return ""
	}
	return c.Respondent.Service
}

// Location is the incident location, or "".
func (c *Case) Location() string {
	if c.Incident == nil {
		return ""
	}
	return c.Incident.Location
}

// Area is the incident's area code, or "".
func (c *Case) Area() string {
	if c.Incident == nil {
		return ""
	}
	return c.Incident.Area
}
