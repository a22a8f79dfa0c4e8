package records

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// This file declares the profile language: what a profile says a case is (fields) and how it
// moves (statuses, actions), its named deadlines (clocks) and its count tables (reports).
// docs/profiles.md documents every key with an example. In YAML each of these is a mapping
// keyed by name, in the order the profile declares them; a repository's dossier.yaml extends
// its profile key by key (a new action is added, a redeclared one replaced).

// Field kinds.
const (
	KindCode    = "code"    // one code of the field's codes
	KindCodes   = "codes"   // several codes of the field's codes
	KindText    = "text"    // free text
	KindDate    = "date"    // YYYY-MM-DD
	KindInteger = "integer" // a whole number
	KindMoney   = "money"   // an amount with at most two decimals ("1234.50"), in the office's currency
	KindPartner = "partner" // a code of the profile's partners
	KindList    = "list"    // a list of records with their own sub-fields (court orders...)
)

// FieldKinds lists the kinds, for messages.
func FieldKinds() []string {
	return []string{KindCode, KindCodes, KindText, KindDate, KindInteger, KindMoney, KindPartner, KindList}
}

// FieldDef is a custom field a profile declares. Its value is stored in the record under
// fields.NAME.
type FieldDef struct {
	Name  string `yaml:"-"`
	Kind  string `yaml:"kind"`
	Codes Codes  `yaml:"codes"` // code and codes kinds: the allowed values, in report order
	Class Class  `yaml:"class"` // required: personal, confidential, internal or public
	En    string `yaml:"en"`
	Fr    string `yaml:"fr"`
	// Group: statistics, list filters and declared reports may group by it (public or
	// internal fields only; the index carries it).
	Group bool `yaml:"group"`
	// Required: "intake" (create and import refuse a case without it); RequiredBefore: the
	// actions that refuse to run while it is empty.
	Required       string   `yaml:"required"`
	RequiredBefore []string `yaml:"required_before"`
	// Fields are the sub-fields of a list (scalar kinds only).
	Fields FieldDefs `yaml:"fields"`
	// Confirm marks a value chosen as plausible, not sourced ("to confirm").
	Confirm string `yaml:"confirm"`
	Line    int    `yaml:"-"`
}

// Label is the field's label in lang, falling back to English, then its name.
func (f FieldDef) Label(lang string) string {
	return Code{Code: f.Name, En: f.En, Fr: f.Fr}.Label(lang)
}

// StatusDef is a status a workflow declares.
type StatusDef struct {
	Code string `yaml:"-"`
	En   string `yaml:"en"`
	Fr   string `yaml:"fr"`
	Line int    `yaml:"-"`
}

// ActionDef is a step a workflow declares: the statuses it starts from, the status it leads to,
// the role the engine knows it by, and its guards.
type ActionDef struct {
	Name string `yaml:"-"` // the history's do: value
	// Role is what the engine must know of the action's meaning (see Roles); "" for an action
	// that only moves the status and sets fields.
	Role string `yaml:"role"`
	// Verb is the command that runs it (classify, screen, refer...) in the list of what a
	// status allows; default: the action's name.
	Verb string `yaml:"verb"`
	// From: the statuses a history entry of this action may start from (replay); NewFrom, when
	// narrower, the statuses a new step may start from (rules tightened after older histories
	// were written).
	From    []string `yaml:"from"`
	NewFrom []string `yaml:"new_from"`
	// To: the status it leads to; "" keeps the status, "previous" restores the status before
	// the case was closed. ToByDetail: the status by the entry's detail, when that decides it.
	To         string            `yaml:"to"`
	ToByDetail map[string]string `yaml:"to_by_detail"`
	// Final: after this action only the actions of Then may follow (FinalMessage says why).
	Final        bool     `yaml:"final"`
	Then         []string `yaml:"then"`
	FinalMessage string   `yaml:"final_message"`
	// Requires: case fields (a declared field's name, or type) that must be set, with the
	// message when one is not. RequiresDone: one of these actions must be in the history.
	Requires     []Guard `yaml:"requires"`
	RequiresDone []Guard `yaml:"requires_done"`
	// UnlessOutcome: refused when the case's outcome is one of these.
	UnlessOutcome []Guard `yaml:"unless_outcome"`
	// Sets: the declared fields `dossier do --field` may set with this action.
	Sets []string `yaml:"sets"`
	// Outcomes: the outcomes (close role) or findings (return, decide roles) it accepts, by
	// case type ("*" for every type); empty: the profile's outcomes for the case type.
	Outcomes map[string]Codes `yaml:"outcomes"`
	// Reasons: the codes --reason must be one of (screen-out role: the grounds), empty: free text.
	Reasons Codes `yaml:"reasons"`
	// Refusals: the message when the action is tried from a status it does not start from,
	// by status (or "open" for any status but closed).
	Refusals map[string]string `yaml:"refusals"`
	En       string            `yaml:"en"`
	Fr       string            `yaml:"fr"`
	Line     int               `yaml:"-"`
}

// Guard is one condition of an action with the message it refuses with.
type Guard struct {
	Any     []string `yaml:"any"`
	Message string   `yaml:"message"`
}

// Roles the engine knows an action by.
const (
	RoleClassify     = "classify"
	RoleScreenIn     = "screen-in"
	RoleScreenOut    = "screen-out"
	RoleRefer        = "refer"  // sends the case to a partner (--to): a referral
	RoleReturn       = "return" // the partner's report on the referral (--outcome: the finding)
	RoleRetain       = "retain"
	RoleDecide       = "decide"
	RoleReviewReq    = "review-request"
	RoleReviewDecide = "review-decide"
	RoleClose        = "close" // closes with an outcome (--outcome) and a reason
	RoleWithdraw     = "withdraw"
	RoleRedirect     = "redirect"
	RoleReopen       = "reopen"
)

// Workflow is a profile's statuses and actions. The status of a case is derived by replaying
// its history through the actions; the first status is where a new case starts.
type Workflow struct {
	Statuses StatusDefs `yaml:"statuses"`
	Actions  ActionDefs `yaml:"actions"`
	// Refusals: the message for any action tried from these statuses (e.g. closed), unless the
	// action has its own.
	Refusals map[string]string `yaml:"refusals"`
}

// ClockDef is a named deadline: it starts on an action or a date field, stops on actions,
// may repeat, and its length may depend on a code field.
type ClockDef struct {
	Name     string         `yaml:"-"`
	Days     int            `yaml:"days"`
	Business bool           `yaml:"business"` // business days (weekends and holidays skipped)
	Start    string         `yaml:"start"`    // an action name, or fields.NAME / a case date field
	Stop     []string       `yaml:"stop"`     // actions that stop it
	Every    int            `yaml:"every"`    // repeats every N days after it starts, until stopped
	By       string         `yaml:"by"`       // a code field whose value chooses the length
	DaysBy   map[string]int `yaml:"days_by"`  // length by that field's value
	Warn     int            `yaml:"warn"`     // days before the deadline it shows as due soon
	Before   bool           `yaml:"before"`   // the deadline is Days before the start date (an expiry)
	En       string         `yaml:"en"`
	Fr       string         `yaml:"fr"`
	Confirm  string         `yaml:"confirm"`
	Line     int            `yaml:"-"`
}

// ReportDef is a declared count table: rows × columns over groupable fields or the status,
// with measures.
type ReportDef struct {
	Name string `yaml:"-"`
	En   string `yaml:"en"` // title
	Fr   string `yaml:"fr"`
	// Rows: status, type, outcome, partner or a groupable declared field; a list gives one
	// table per dimension (by program, by district, by theme).
	Rows    Dims   `yaml:"rows"`
	Columns string `yaml:"columns"` // optional, the same
	// Filter keeps the cases whose value of a dimension is one of the codes listed.
	Filter map[string][]string `yaml:"filter"`
	// Measures: count, sum:FIELD (money, integer), rate:ACTION/ACTION (cases with the first
	// over cases with the second), median:ACTION..ACTION (days between two actions).
	Measures []string `yaml:"measures"`
	// Labels: a measure's column heading in en and fr, by measure ("rate:complete/refer":
	// {en: Completion rate, fr: Taux de réussite}); default: one made of the labels it names.
	Labels map[string]Code `yaml:"labels"`
	// Period: the date that puts a case in the report's period: received, or an action name.
	Period string `yaml:"period"`
	Line   int    `yaml:"-"`
}

// AudienceDef is an audience the profile's disclosure policy names, with its labels.
type AudienceDef struct {
	Name string `yaml:"-"`
	En   string `yaml:"en"`
	Fr   string `yaml:"fr"`
	Line int    `yaml:"-"`
}

// LetterDef is a letter that belongs to the profile: its template (NAME.LANG.md.tmpl under
// templates/letters/ of the profile), who it is to, and the actions after which it may be sent.
type LetterDef struct {
	Name     string   `yaml:"-"`
	To       string   `yaml:"to"`       // an audience
	After    []string `yaml:"after"`    // the case's history must hold one of these actions
	Statuses []string `yaml:"statuses"` // or the case must be in one of these statuses
	En       string   `yaml:"en"`
	Fr       string   `yaml:"fr"`
	Line     int      `yaml:"-"`
}

// Ordered declarations: a YAML mapping keyed by name, kept in the order written.
type (
	FieldDefs    []FieldDef
	StatusDefs   []StatusDef
	ActionDefs   []ActionDef
	ClockDefs    []ClockDef
	ReportDefs   []ReportDef
	AudienceDefs []AudienceDef
	LetterDefs   []LetterDef
)

// decodeOrdered reads a mapping keyed by name into a list, naming each item and recording the
// line it was declared on.
func decodeOrdered[T any](n *yaml.Node, what string, set func(*T, string, int)) ([]T, error) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil, nil
	}
	if n.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("line %d: %s: expected a mapping keyed by name", n.Line, what)
	}
	out := make([]T, 0, len(n.Content)/2)
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			return nil, fmt.Errorf("line %d: %s %q declared twice", k.Line, what, k.Value)
		}
		seen[k.Value] = true
		var item T
		if !(v.Kind == yaml.ScalarNode && v.Tag == "!!null") {
			if err := v.Decode(&item); err != nil {
				return nil, fmt.Errorf("line %d: %s %q: %v", v.Line, what, k.Value, err)
			}
		}
		set(&item, k.Value, k.Line)
		out = append(out, item)
	}
	return out, nil
}

func (d *FieldDefs) UnmarshalYAML(n *yaml.Node) (err error) {
	*d, err = decodeOrdered(n, "field", func(f *FieldDef, name string, line int) { f.Name, f.Line = name, line })
	return err
}

func (d *StatusDefs) UnmarshalYAML(n *yaml.Node) (err error) {
	*d, err = decodeOrdered(n, "status", func(s *StatusDef, name string, line int) { s.Code, s.Line = name, line })
	return err
}

func (d *ActionDefs) UnmarshalYAML(n *yaml.Node) (err error) {
	*d, err = decodeOrdered(n, "action", func(a *ActionDef, name string, line int) { a.Name, a.Line = name, line })
	return err
}

func (d *ClockDefs) UnmarshalYAML(n *yaml.Node) (err error) {
	*d, err = decodeOrdered(n, "clock", func(c *ClockDef, name string, line int) { c.Name, c.Line = name, line })
	return err
}

func (d *ReportDefs) UnmarshalYAML(n *yaml.Node) (err error) {
	*d, err = decodeOrdered(n, "report", func(r *ReportDef, name string, line int) { r.Name, r.Line = name, line })
	return err
}

func (d *AudienceDefs) UnmarshalYAML(n *yaml.Node) (err error) {
	*d, err = decodeOrdered(n, "audience", func(a *AudienceDef, name string, line int) { a.Name, a.Line = name, line })
	return err
}

func (d *LetterDefs) UnmarshalYAML(n *yaml.Node) (err error) {
	*d, err = decodeOrdered(n, "letter", func(l *LetterDef, name string, line int) { l.Name, l.Line = name, line })
	return err
}

// Find returns the declaration named name, or nil.
func (d FieldDefs) Find(name string) *FieldDef {
	for i := range d {
		if d[i].Name == name {
			return &d[i]
		}
	}
	return nil
}

// Find returns the action named name, or nil.
func (d ActionDefs) Find(name string) *ActionDef {
	for i := range d {
		if d[i].Name == name {
			return &d[i]
		}
	}
	return nil
}

// Find returns the clock named name, or nil.
func (d ClockDefs) Find(name string) *ClockDef {
	for i := range d {
		if d[i].Name == name {
			return &d[i]
		}
	}
	return nil
}

// Find returns the report named name, or nil.
func (d ReportDefs) Find(name string) *ReportDef {
	for i := range d {
		if d[i].Name == name {
			return &d[i]
		}
	}
	return nil
}

// FieldValue is the value of one declared field in a record (fields.NAME): a scalar (code,
// text, date, integer, money, partner, written canonically: dates YYYY-MM-DD, money with two
// decimals), a list of codes (codes), or a list of records of scalar sub-fields (list).
type FieldValue struct {
	Scalar string
	Codes  []string
	Items  []map[string]string
}

// IsZero reports whether the value is empty (the field is not set).
func (v FieldValue) IsZero() bool {
	return v.Scalar == "" && len(v.Codes) == 0 && len(v.Items) == 0
}

// Values are what statistics group by: the codes, or the scalar alone.
func (v FieldValue) Values() []string {
	if len(v.Codes) > 0 {
		return v.Codes
	}
	if v.Scalar != "" {
		return []string{v.Scalar}
	}
	return nil
}

// Fields holds a case's declared fields by name (the record's fields: key).
type Fields map[string]FieldValue

// Field is the value of the declared field name (zero when unset).
func (c *Case) Field(name string) FieldValue {
	if c.Fields == nil {
		return FieldValue{}
	}
	return c.Fields[name]
}
