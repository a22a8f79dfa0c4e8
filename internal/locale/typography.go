package locale

import "strings"

// FrenchTypography puts a no-break space (U+00A0) before : ; ! ? and inside « », in place of
// the ordinary space an author types.
func FrenchTypography(s string) string { return frenchSpaces.Replace(s) }

var frenchSpaces = strings.NewReplacer(
	" :", NBSP+":", " ;", NBSP+";", " !", NBSP+"!", " ?", NBSP+"?",
	"« ", "«"+NBSP, " »", NBSP+"»",
)

// Quote puts s in the language's quotation marks: « s » with no-break spaces in French, “s”
// otherwise.
func Quote(lang, s string) string {
	if lang == "fr" {
		return "«" + NBSP + s + NBSP + "»"
	}
	return "“" + s + "”"
}

// Colon is the separator of a label and its text: "label : text" with a no-break space in
// French, "label: text" otherwise.
func Colon(lang string) string {
	if lang == "fr" {
		return NBSP + ": "
	}
	return ": "
}
