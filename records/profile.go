package records

import (
	"fmt"
	"slices"
	"strings"
)

// Code is one value of a taxonomy with its English and French labels.
type Code struct {
	Code string `yaml:"code" json:"code"`
	En   string `yaml:"en" json:"en"`
	Fr   string `yaml:"fr" json:"fr"`
	Kind string `yaml:"kind,omitempty" json:"kind,omitempty"`
	// Audience (partners only) is the disclosure audience of what is sent to the partner
	// (report overdue --partner); default: respondent for a police service, public otherwise.
	Audience string `yaml:"audience,omitempty" json:"audience,omitempty"`
}

// Label is the code's label in lang, falling back to English, then the code itself.
func (c Code) Label(lang string) string {
	if lang == "fr" && c.Fr != "" {
		return c.Fr
	}
	if c.En != "" {
		return c.En
	}
	return c.Code
}

// Codes is an ordered taxonomy; the order is the order reports print.
type Codes []Code

func (cs Codes) Has(code string) bool { return cs.Find(code) != nil }

func (cs Codes) Find(code string) *Code {
	for i := range cs {
		if cs[i].Code == code {
			return &cs[i]
		}
	}
	return nil
}

func (cs Codes) List() []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Code
	}
	return out
}

// Check returns nil when code belongs to cs, else an error naming the allowed codes.
func (cs Codes) Check(what, code string) error {
	if cs.Has(code) {
		return nil
	}
	return fmt.Errorf("unknown %s %q%s: use one of %s", what, code, Suggest(code, cs.List()), strings.Join(cs.List(), ", "))
}

// Clocks are the deadlines of the profile, in days unless named otherwise.
type Clocks struct {
	ForwardBusinessDays int `json:"forward_business_days"`
	ReferralReport      int `json:"referral_report"`
	StatusUpdate        int `json:"status_update"`
	ReviewRequest       int `json:"review_request"`
	ReviewDecision      int `json:"review_decision"`
	InformationRequest  int `json:"information_request"`
	SixMonthLimit       int `json:"six_month_limit"`
}

// TakesCategories reports whether cases of type typ take categories: whether
// codes.category_types names it (Ontario: conduct complaints, whose categories are the Code of
// Conduct's).
func (p *Profile) TakesCategories(typ string) bool { return slices.Contains(p.CategoryTypes, typ) }

// Profile is an office's taxonomy and clocks: everything the rules need that is configuration.
type Profile struct {
	Types          Codes
	Channels       Codes
	Languages      Codes
	Categories     Codes
	CategoryTypes  []string // the types whose cases take categories (codes.category_types)
	Grounds        Codes
	Routings       Codes
	Outcomes       map[string]Codes // by case type
	ReviewOutcomes Codes
	Flags          Codes
	Purposes       Codes
	Items          Codes // what requests ask for, labelled for letters; an item not listed is printed as written
	Partners       Codes
	Statuses       Codes
	Areas          Codes // where incidents happen (municipalities, regions): incident.area
	Clocks         Clocks
	Holidays       []Date // days business-day clocks skip (holidays: in dossier.yaml)

	// The declared profile (docs/profiles.md): its name and title, what a case is (Fields) and
	// how it moves (Workflow), its named deadlines, count tables, audiences and letters.
	Name      string
	Title     Code // En, Fr
	Workflow  Workflow
	Fields    FieldDefs
	Deadlines ClockDefs
	Reports   ReportDefs
	Audiences AudienceDefs
	Letters   LetterDefs
	List      ListDef // what list shows of each case (listcols.go)
}

// PartnerAudience is the disclosure audience of a partner: its audience: in dossier.yaml, else
// respondent for a police service and public for any other body.
func (p *Profile) PartnerAudience(partner string) string {
	c := p.Partners.Find(partner)
	switch {
	case c == nil:
		return AudiencePublic
	case c.Audience != "":
		return c.Audience
	case c.Kind == "police":
		return AudienceRespondent
	}
	return AudiencePublic
}

// ForwardingDue is the day a police service must have forwarded a complaint it received on
// received: forward_business_days later, skipping weekends and the holidays.
func (p *Profile) ForwardingDue(received Date) Date {
	return received.AddBusinessDaysSkipping(p.Clocks.ForwardBusinessDays, p.Holidays)
}

// TaxonomyKinds are the names Taxonomy knows, for messages.
const TaxonomyKinds = "type, status, channel, language, category, ground, routing, purpose, outcome, review_outcome, flag, item, area or partner"

// Taxonomy is the list of codes of a kind, by the name templates, reports and stats use for it
// (service is another name for partner, review for review_outcome), or the codes of a declared
// code, codes or partner field by its name.
func (p *Profile) Taxonomy(kind string) (Codes, bool) {
	switch kind {
	case "type":
		return p.Types, true
	case "status":
		return p.Statuses, true
	case "channel":
		return p.Channels, true
	case "language":
		return p.Languages, true
	case "category":
		return p.Categories, true
	case "ground":
		return p.Grounds, true
	case "routing":
		return p.Routings, true
	case "purpose":
		return p.Purposes, true
	case "outcome":
		return p.AllOutcomes(), true
	case "review_outcome", "review":
		return p.ReviewOutcomes, true
	case "flag":
		return p.Flags, true
	case "partner", "service":
		return p.Partners, true
	case "area":
		return p.Areas, true
	case "item":
		return p.Items, true
	}
	if f := p.Fields.Find(kind); f != nil && p.FieldCodes(f) != nil { // a declared code, codes or partner field
		return p.FieldCodes(f), true
	}
	return nil, false
}

// OutcomesFor lists the closing outcomes allowed for a case type.
func (p *Profile) OutcomesFor(caseType string) Codes { return p.Outcomes[caseType] }

// AllOutcomes is every outcome code of every type, plus screened-out, without repeats.
func (p *Profile) AllOutcomes() Codes {
	var out Codes
	for _, t := range p.Types {
		for _, o := range p.Outcomes[t.Code] {
			if !out.Has(o.Code) {
				out = append(out, o)
			}
		}
	}
	if !out.Has(OutcomeScreenedOut) {
		out = append(out, Code{Code: OutcomeScreenedOut, En: "Screened out", Fr: "Rejetée à l’examen préliminaire"})
	}
	if !out.Has(OutcomeRedirected) {
		out = append(out, Code{Code: OutcomeRedirected, En: "Redirected to another organisation", Fr: "Réorientée vers un autre organisme"})
	}
	return out
}

// Validate reports what is wrong with the profile itself: empty taxonomies, duplicates, and
// every check of its declarations (unknown references, missing labels...).
func (p *Profile) Validate() []Problem {
	var probs []Problem
	for name, cs := range map[string]Codes{"codes.types": p.Types, "codes.channels": p.Channels, "codes.languages": p.Languages} {
		if len(cs) == 0 {
			probs = append(probs, Problem{File: "dossier.yaml", Field: name, Msg: "empty: list at least one code"})
		}
	}
	check := func(name string, cs Codes) {
		seen := map[string]bool{}
		for i, c := range cs {
			switch {
			case c.Code == "":
				probs = append(probs, Problem{File: "dossier.yaml", Field: fmt.Sprintf("%s[%d]", name, i), Msg: "code is empty"})
			case seen[c.Code]:
				probs = append(probs, Problem{File: "dossier.yaml", Field: fmt.Sprintf("%s[%d]", name, i), Msg: fmt.Sprintf("code %q listed twice", c.Code)})
			}
			seen[c.Code] = true
		}
	}
	for _, x := range []struct {
		n  string
		cs Codes
	}{{"codes.types", p.Types}, {"codes.channels", p.Channels}, {"codes.languages", p.Languages}, {"codes.categories", p.Categories}, {"codes.grounds", p.Grounds}, {"codes.routings", p.Routings}, {"codes.review_outcomes", p.ReviewOutcomes}, {"codes.flags", p.Flags}, {"codes.purposes", p.Purposes}, {"codes.items", p.Items}, {"codes.areas", p.Areas}, {"partners", p.Partners}} {
		check(x.n, x.cs)
	}
	for i, t := range p.CategoryTypes {
		if p.Types.Find(t) == nil {
			probs = append(probs, Problem{File: "dossier.yaml", Field: fmt.Sprintf("codes.category_types[%d]", i), Msg: fmt.Sprintf("%q is not a type: use one of %s", Printable(t), strings.Join(p.Types.List(), ", "))})
		}
	}
	for _, t := range p.Types {
		if len(p.Outcomes[t.Code]) == 0 {
			probs = append(probs, Problem{File: "dossier.yaml", Field: "codes.outcomes." + t.Code, Msg: "no outcomes for type " + t.Code})
		}
		check("codes.outcomes."+t.Code, p.Outcomes[t.Code])
	}
	// each construct's own checks, then the ones across them (profile_check.go)
	for _, c := range []func() []Problem{p.CheckWorkflow, p.CheckFields, p.CheckGroups, p.CheckClocks, p.CheckReports, p.CheckLabels, p.CheckAudiences, p.CheckLetters, p.CheckList} {
		probs = append(probs, c()...)
	}
	SortProblems(probs)
	return probs
}

// Audiences every office has. AudienceInternal sees everything and needs no policy; the others
// see only the fields dossier.yaml's disclosure section lists for them.
const (
	AudienceInternal    = "internal"
	AudienceComplainant = "complainant"
	AudienceRespondent  = "respondent"
	AudiencePanel       = "panel"
	AudiencePublic      = "public"
)
