package records

import (
	"fmt"
	"slices"
	"strings"
)

// This file holds the checks of a profile that cut across its constructs: labels in every
// language the office works in, the audiences and the letters. Each construct's own checks
// (CheckWorkflow, CheckFields, CheckClocks, CheckReports) live with the construct; Validate
// runs them all. A problem's Field is the dotted key of what is wrong (workflow.actions.refer.to,
// codes.types[2].fr): config gives it the file and line the key was written on.

// builtinAudiences are the audiences every office has (the disclosure policy's).
func builtinAudiences() []string {
	return []string{AudienceInternal, AudienceComplainant, AudienceRespondent, AudiencePanel, AudiencePublic}
}

// CheckLabels reports every label missing in a language the office works in (codes.languages):
// the profile's title, codes and partners, the reasons and outcomes of actions, audiences and
// letters. CheckWorkflow, CheckFields, CheckClocks and CheckReports report their own.
func (p *Profile) CheckLabels() []Problem {
	langs := p.labelLanguages()
	var probs []Problem
	need := func(key, what string, line int, en, fr string) {
		for _, l := range langs {
			if v := map[string]string{"en": en, "fr": fr}[l]; strings.TrimSpace(v) == "" {
				probs = append(probs, Problem{File: "dossier.yaml", Line: line, Field: key + "." + l,
					Msg: fmt.Sprintf("missing: the %s's label in %s", what, languageName(l))})
			}
		}
	}
	codes := func(key string, line int, cs Codes) {
		for i, c := range cs {
			need(fmt.Sprintf("%s[%d]", key, i), "code", line, c.En, c.Fr)
		}
	}
	if p.Name != "" {
		need("title", "profile", 0, p.Title.En, p.Title.Fr)
	}
	for _, x := range []struct {
		key string
		cs  Codes
	}{{"codes.languages", p.Languages}, {"codes.types", p.Types}, {"codes.channels", p.Channels},
		{"codes.categories", p.Categories}, {"codes.grounds", p.Grounds}, {"codes.routings", p.Routings}, {"codes.purposes", p.Purposes},
		{"codes.items", p.Items}, {"codes.review_outcomes", p.ReviewOutcomes}, {"codes.flags", p.Flags}, {"codes.areas", p.Areas},
		{"partners", p.Partners}} {
		codes(x.key, 0, x.cs)
	}
	for _, t := range p.Types {
		codes("codes.outcomes."+t.Code, 0, p.Outcomes[t.Code])
	}
	for _, a := range p.Workflow.Actions {
		key := "workflow.actions." + a.Name
		codes(key+".reasons", a.Line, a.Reasons)
		for _, t := range sortedKeys(a.Outcomes) {
			codes(key+".outcomes."+t, a.Line, a.Outcomes[t])
		}
	}
	for _, a := range p.Audiences {
		need("audiences."+a.Name, "audience", a.Line, a.En, a.Fr)
	}
	for _, l := range p.Letters {
		need("letters."+l.Name, "letter", l.Line, l.En, l.Fr)
	}
	return probs
}

// CheckLetters reports a letter addressed to an audience the office does not have, or sent
// after an action or in a status the workflow does not declare.
func (p *Profile) CheckLetters() []Problem {
	var probs []Problem
	audiences := p.audienceNames()
	actions := p.knownActions()
	statuses := p.statusNames()
	for _, l := range p.Letters {
		key := "letters." + l.Name
		if l.To == "" {
			probs = append(probs, Problem{File: "dossier.yaml", Line: l.Line, Field: key + ".to", Msg: "missing: name the audience the letter is to (" + strings.Join(audiences, ", ") + ")"})
		} else if !slices.Contains(audiences, l.To) {
			probs = append(probs, Problem{File: "dossier.yaml", Line: l.Line, Field: key + ".to", Msg: unknownMsg("audience", l.To, "audiences are", audiences)})
		}
		for _, a := range l.After {
			if !slices.Contains(actions, a) {
				probs = append(probs, Problem{File: "dossier.yaml", Line: l.Line, Field: key + ".after", Msg: unknownMsg("action", a, "actions are", actions)})
			}
		}
		for _, s := range l.Statuses {
			if len(statuses) > 0 && !slices.Contains(statuses, s) {
				probs = append(probs, Problem{File: "dossier.yaml", Line: l.Line, Field: key + ".statuses", Msg: unknownMsg("status", s, "statuses are", statuses)})
			}
		}
	}
	return probs
}

// CheckAudiences reports an audience declared twice under another spelling of a built-in one,
// or redeclaring internal (which always sees everything).
func (p *Profile) CheckAudiences() []Problem {
	var probs []Problem
	for _, a := range p.Audiences {
		if a.Name == AudienceInternal {
			probs = append(probs, Problem{File: "dossier.yaml", Line: a.Line, Field: "audiences." + a.Name, Msg: "internal is the office itself and always sees every field: remove it"})
		}
	}
	return probs
}

// audienceNames are the audiences a letter may be to: the built-in ones and the declared ones.
func (p *Profile) audienceNames() []string {
	out := builtinAudiences()
	for _, a := range p.Audiences {
		if !slices.Contains(out, a.Name) {
			out = append(out, a.Name)
		}
	}
	return out
}

// knownActions are the declared actions and the ones every profile has.
func (p *Profile) knownActions() []string {
	out := p.actionNames()
	for _, a := range BuiltinActions() {
		if !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

// statusNames are the declared statuses.
func (p *Profile) statusNames() []string {
	out := make([]string, len(p.Workflow.Statuses))
	for i, s := range p.Workflow.Statuses {
		out[i] = s.Code
	}
	return out
}

// unknownMsg is the message of a reference to something not declared.
func unknownMsg(what, name, are string, known []string) string {
	return fmt.Sprintf("unknown %s %q%s; %s %s", what, Printable(name), Suggest(name, known), are, strings.Join(known, ", "))
}
