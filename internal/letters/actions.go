package letters

import "github.com/dossier-dev/dossier/records"

// ActionLabel is the label of a history action in lang (en or fr), as letters print it, or
// the action itself when it has none.
func ActionLabel(act, lang string) string {
	l, ok := actLabels[act]
	if !ok {
		return act
	}
	if lang == "fr" {
		return l[1]
	}
	return l[0]
}

// ProfileActionLabel is the label of a history action in lang: the profile's declaration of the
// action when it labels it (dossier do's actions), else ActionLabel's.
func ProfileActionLabel(p *records.Profile, act, lang string) string {
	if p != nil {
		if d := p.Workflow.Actions.Find(act); d != nil && (d.En != "" || d.Fr != "") {
			return records.Code{Code: act, En: d.En, Fr: d.Fr}.Label(lang)
		}
	}
	return ActionLabel(act, lang)
}
