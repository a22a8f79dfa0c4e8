package records

import (
	"fmt"
	"slices"
	"strings"
)

// Code is one value of a taxonomy with its English and French labels.
type Code struct {
	Code string `mapstructure:"code" yaml:"code" json:"code"`
	En   string `mapstructure:"en" yaml:"en" json:"en"`
	Fr   string `mapstructure:"fr" yaml:"fr" json:"fr"`
	Kind string `mapstructure:"kind" yaml:"kind,omitempty" json:"kind,omitempty"`
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
	ForwardBusinessDays int `mapstructure:"forward_business_days" json:"forward_business_days"`
	ReferralReport      int `mapstructure:"referral_report" json:"referral_report"`
	StatusUpdate        int `mapstructure:"status_update" json:"status_update"`
	ReviewRequest       int `mapstructure:"review_request" json:"review_request"`
	ReviewDecision      int `mapstructure:"review_decision" json:"review_decision"`
	InformationRequest  int `mapstructure:"information_request" json:"information_request"`
	SixMonthLimit       int `mapstructure:"six_month_limit" json:"six_month_limit"`
}

// Profile is an office's taxonomy and clocks: everything the rules need that is configuration.
type Profile struct {
	Types          Codes            `mapstructure:"types"`
	Channels       Codes            `mapstructure:"channels"`
	Languages      Codes            `mapstructure:"languages"`
	Categories     Codes            `mapstructure:"categories"`
	Grounds        Codes            `mapstructure:"grounds"`
	Routings       Codes            `mapstructure:"routings"`
	Outcomes       map[string]Codes `mapstructure:"outcomes"` // by case type
	ReviewOutcomes Codes            `mapstructure:"review_outcomes"`
	Flags          Codes            `mapstructure:"flags"`
	Purposes       Codes            `mapstructure:"purposes"`
	Items          Codes            `mapstructure:"items"` // what requests ask for, labelled for letters; an item not listed is printed as written
	Partners       Codes            `mapstructure:"partners"`
	Statuses       Codes            `mapstructure:"statuses"`
	Clocks         Clocks           `mapstructure:"clocks"`
}

// TaxonomyKinds are the names Taxonomy knows, for messages.
const TaxonomyKinds = "type, status, channel, language, category, ground, routing, purpose, outcome, review_outcome, flag, item or partner"

// Taxonomy is the list of codes of a kind, by the name templates, reports and stats use for it
// (service is another name for partner, review for review_outcome).
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
	case "item":
		return p.Items, true
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
		out = append(out, Code{Code: OutcomeScreenedOut, En: "Screened out", Fr: "Écartée à l’examen préalable"})
	}
	return out
}

// Validate reports what is wrong with the profile itself (empty taxonomies, duplicates).
func (p *Profile) Validate() []string {
	var probs []string
	for name, cs := range map[string]Codes{"codes.types": p.Types, "codes.channels": p.Channels, "codes.languages": p.Languages} {
		if len(cs) == 0 {
			probs = append(probs, name+": empty: list at least one code")
		}
	}
	check := func(name string, cs Codes) {
		seen := map[string]bool{}
		for i, c := range cs {
			switch {
			case c.Code == "":
				probs = append(probs, fmt.Sprintf("%s[%d]: code is empty", name, i))
			case seen[c.Code]:
				probs = append(probs, fmt.Sprintf("%s[%d]: code %q listed twice", name, i, c.Code))
			}
			seen[c.Code] = true
		}
	}
	for _, x := range []struct {
		n  string
		cs Codes
	}{{"codes.types", p.Types}, {"codes.channels", p.Channels}, {"codes.languages", p.Languages}, {"codes.categories", p.Categories}, {"codes.grounds", p.Grounds}, {"codes.routings", p.Routings}, {"codes.review_outcomes", p.ReviewOutcomes}, {"codes.flags", p.Flags}, {"codes.purposes", p.Purposes}, {"codes.items", p.Items}, {"partners", p.Partners}} {
		check(x.n, x.cs)
	}
	for _, t := range p.Types {
		if len(p.Outcomes[t.Code]) == 0 {
			probs = append(probs, fmt.Sprintf("codes.outcomes.%s: no outcomes for type %s", t.Code, t.Code))
		}
		check("codes.outcomes."+t.Code, p.Outcomes[t.Code])
	}
	slices.Sort(probs)
	return probs
}
