package letters

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"text/template"
	"text/template/parse"

	"github.com/dossier-dev/dossier/records"
)

// Office is the sender, in the letter's language.
type Office struct {
	Name, Address, Phone, Email, Signature string
}

// Input is everything a letter is made from. Case must already be redacted for To: the
// template sees nothing else of the case. Full is the case before redaction: the facts the
// template's front matter declares are about the case, not about what its reader may see
// (nil: Case).
type Input struct {
	Case    *records.Case
	Full    *records.Case
	Choice  Choice // --referral, --request
	Profile *records.Profile
	Lang    string
	To      string
	Today   records.Date
	Office  Office
}

// Data is what a template sees as dot.
type Data struct {
	Case   *records.Case // redacted; groups the reader may not see are present and empty
	Lang   string        // the letter's language
	To     string        // the reader (an audience)
	Today  records.Date  // the letter's date
	Office Office
}

// TemplateError is a template that does not parse or fails while rendering; the message starts
// with the template's file and line.
type TemplateError struct{ Msg string }

func (e *TemplateError) Error() string { return e.Msg }

func templateError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "template: ")
	return &TemplateError{Msg: msg}
}

// Render runs the template on the input and returns the letter, ready to be written in any
// format.
func Render(t *Template, in Input) (*Doc, error) {
	if in.Case == nil || in.Profile == nil {
		return nil, errors.New("letters: Render needs a case and a profile")
	}
	full := in.Full
	if full == nil {
		full = in.Case
	}
	e := &env{lang: t.Lang, in: &in}
	tt, err := parseTemplate(t, funcs(e))
	if err != nil {
		return nil, err
	}
	// Whether the letter applies is decided before anything is rendered.
	if e.sub, err = t.Check(full, in.Profile, in.Today, in.Choice); err != nil {
		return nil, err
	}
	in.Case = ownRequests(in.Case, full, in.To, e.sub)
	data := Data{Case: filled(in.Case), Lang: t.Lang, To: in.To, Today: in.Today, Office: in.Office}
	var b strings.Builder
	if err := tt.Execute(&b, data); err != nil {
		return nil, templateError(err)
	}
	title := t.Title
	if in.Case.ID != "" {
		title += " — " + in.Case.ID
	}
	return newDoc(title, t.Lang, in.Case.ID, in.Today, b.String()), nil
}

// parseTemplate parses the template and makes every action that prints pass its value through
// markData, the way html/template adds its escapers: whatever a pipeline produces is data.
func parseTemplate(t *Template, fm template.FuncMap) (*template.Template, error) {
	tt, err := template.New(t.File).Option("missingkey=error").Funcs(fm).Parse(t.body)
	if err != nil {
		return nil, templateError(err)
	}
	for _, x := range tt.Templates() {
		if x.Tree != nil {
			markActions(x.Tree.Root)
		}
	}
	return tt, nil
}

func markActions(n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			markActions(c)
		}
	case *parse.ActionNode:
		if len(n.Pipe.Decl) == 0 {
			n.Pipe.Cmds = append(n.Pipe.Cmds, &parse.CommandNode{
				NodeType: parse.NodeCommand, Pos: n.Pos,
				Args: []parse.Node{parse.NewIdentifier(markFunc).SetPos(n.Pos)},
			})
		}
	case *parse.IfNode:
		markActions(n.List)
		markActions(n.ElseList)
	case *parse.RangeNode:
		markActions(n.List)
		markActions(n.ElseList)
	case *parse.WithNode:
		markActions(n.List)
		markActions(n.ElseList)
	}
}

// Private-use characters delimit data in a template's output until the letter is parsed:
// nothing inside them is read as Markdown. They are removed from the data itself.
const (
	dataOpen  = '\uE000'
	dataClose = '\uE001'
	dataBreak = '\uE002' // a line break inside data
	markFunc  = "_data"
)

// markData marks what an action prints as data. A zero date printed as it is ({{.Case.Received}}
// on a case without one) is an error: a letter never holds an empty date.
func markData(v any) (string, error) {
	if d, ok := v.(records.Date); ok && d.IsZero() {
		return "", &ErrZero{What: "date", Helper: "print"}
	}
	s := fmt.Sprint(v)
	s = strings.Map(func(r rune) rune {
		switch r {
		case dataOpen, dataClose, dataBreak, '\r':
			return -1
		}
		return r
	}, s)
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return "", nil
	}
	return string(dataOpen) + strings.ReplaceAll(s, "\n", string(dataBreak)) + string(dataClose), nil
}

// parties are the readers a request may be asked of: a letter to one of them never shows
// what was asked of anyone else (a witness's name, the documents asked of the police).
var parties = []string{"complainant", "respondent"}

// ownRequests is c (redacted for to) keeping only the requests asked of to when to is a
// party, with sub's request indexes moved to match.
func ownRequests(c, full *records.Case, to string, sub *Subject) *records.Case {
	if !slices.Contains(parties, to) || len(c.Requests) != len(full.Requests) {
		return c
	}
	cp := *c
	cp.Requests = nil
	moved := map[int]int{}
	for i, rq := range c.Requests {
		if requestFrom(full, full.Requests[i], to) {
			moved[i] = len(cp.Requests)
			cp.Requests = append(cp.Requests, rq)
		}
	}
	if sub != nil {
		var idx []int
		for _, i := range sub.Requests {
			if j, ok := moved[i]; ok {
				idx = append(idx, j)
			}
		}
		sub.Requests = idx
	}
	return &cp
}

// filled is a copy of c whose withheld groups are empty values instead of nil, so that a
// template may write .Case.Complainant.Name for any reader and print nothing when it is
// withheld.
func filled(c *records.Case) *records.Case {
	cp := *c
	if cp.Complainant == nil {
		cp.Complainant = &records.Party{}
	}
	if cp.Representative == nil {
		cp.Representative = &records.Party{}
	}
	if cp.Respondent == nil {
		cp.Respondent = &records.Respondent{}
	}
	if cp.Incident == nil {
		cp.Incident = &records.Incident{}
	}
	if cp.Screening == nil {
		cp.Screening = &records.Screening{}
	}
	if cp.Review == nil {
		cp.Review = &records.Review{}
	}
	if cp.Disposition == nil {
		cp.Disposition = &records.Disposition{}
	}
	return &cp
}
