package letters

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
