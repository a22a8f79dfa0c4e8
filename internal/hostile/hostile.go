// Package hostile is the checked-in corpus of hostile strings the tests push through every
// path into a record (records/text.go states the rules): oneline.txt for every text field,
// multiline.txt for the multi-line ones (summary, notes, reasons, addresses).
package hostile

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
)

// String is one string of the corpus; Keep tells printable text (kept byte for byte) from
// text the rules refuse.
type String struct {
	Line int
	Keep bool
	S    string
}

//go:embed oneline.txt
var oneLine string

//go:embed multiline.txt
var multiLine string

// OneLine is the corpus for every text field.
func OneLine() []String { return parse("oneline.txt", oneLine) }

// MultiLine is the corpus for the multi-line fields (OneLine applies to them too).
func MultiLine() []String { return parse("multiline.txt", multiLine) }

func parse(name, text string) []String {
	var out []String
	for i, line := range strings.Split(text, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		verb, quoted, _ := strings.Cut(line, " ")
		s, err := strconv.Unquote(quoted)
		if err != nil || (verb != "keep" && verb != "refuse") {
			panic(fmt.Sprintf("%s:%d: want keep|refuse \"Go string\"", name, i+1))
		}
		out = append(out, String{Line: i + 1, Keep: verb == "keep", S: s})
	}
	return out
}
