package render

import (
	"regexp"
	"sync"
)

// EscapeCell makes a cell safe to open in a spreadsheet, reversibly. A cell starting with one
// of = + - @, a tab or a carriage return (a spreadsheet would run it as a formula) or with an
// apostrophe (the escape itself) gets one apostrophe in front. A plain number (-91, +3.5) is
// data, not a formula, and is left alone. Because every value starting with an apostrophe is
// escaped too, UnescapeCell(EscapeCell(s)) == s for every s: a real value '=1+1 and the
// neutralised formula =1+1 are written differently (”=1+1 and '=1+1).
func EscapeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '\'':
		return "'" + s
	case '=', '+', '-', '@', '\t', '\r':
		if !plainNumber().MatchString(s) {
			return "'" + s
		}
	}
	return s
}

// UnescapeCell reverses EscapeCell: it strips exactly one leading apostrophe. Use it only on
// files dossier wrote (a spreadsheet from elsewhere keeps its leading apostrophes).
func UnescapeCell(s string) string {
	if s != "" && s[0] == '\'' {
		return s[1:]
	}
	return s
}

var plainNumber = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[-+]?[0-9]+(\.[0-9]+)?$`) })
