package records

import "strings"

// A DetailPart is one piece of a history entry's detail as dossier writes it: text as written
// (separators, dates, free text), a connective word (due, from, :) that a reader in another
// language reads in theirs, or a code of a taxonomy (Kind names it, as Profile.Taxonomy does)
// that a reader sees as its label. Joined, the parts' values are the detail.
type DetailPart struct {
	Kind  string // PartText, PartWord, or a taxonomy: partner, purpose, outcome, ground, type, category, flag, review_outcome, item
	Value string
}

// The kinds of part that are no taxonomy.
const (
	PartText = ""
	PartWord = "word"
)

// detailShapes is how dossier writes the detail of each built-in action that holds codes;
// a profile's own action, run by do, is written by its role (roleShapes). Every other detail (a note, a
// reason, a hand edit) is text.
var detailShapes = map[string]string{
	ActRefer: "refer", ActReferFor: "refer",
	ActUpdate: "referral", ActCancelReferral: "referral", ActCancelInvest: "referral",
	ActReturn: "return", ActReturnFor: "return",
	ActRequest:        "request",
	ActReceive:        "item",
	ActCancelRequest:  "item",
	ActReviewRequest:  "due",
	ActScreenOut:      "grounds",
	ActClassify:       "classify",
	ActDecide:         "outcome",
	ActClose:          "outcome",
	ActRedirect:       "outcome",
	ActReviewDecision: "review",
}

var roleShapes = map[string]string{
	RoleClassify: "classify", RoleRefer: "refer", RoleReturn: "return", RoleReviewReq: "due", RoleScreenOut: "grounds",
	RoleDecide: "outcome", RoleClose: "outcome", RoleReviewDecide: "review",
}

// DetailParts splits the detail of a history entry of action do into its parts, when it is
// exactly what dossier writes for that action (records/obligations.go, verbs.go, do.go);
// otherwise (a note, a hand edit, a detail withheld from an audience) it is one text part.
func DetailParts(p *Profile, do, detail string) []DetailPart {
	if detail == "" {
		return nil
	}
	shape, ok := detailShapes[do] // an action of dossier's verbs, whoever declares it
	if !ok && p != nil {
		if d := p.Workflow.Actions.Find(do); d != nil { // a profile's own, run by do
			shape = roleShapes[d.Role]
		}
	}
	var parts []DetailPart
	ok = false
	switch shape {
	case "refer":
		parts, ok = referParts(detail)
	case "referral":
		parts, ok = referralParts(detail, false)
	case "return":
		parts, ok = referralParts(detail, true)
	case "request":
		parts, ok = requestParts(detail)
	case "due":
		parts, ok = dueParts(detail)
	case "grounds":
		parts, ok = codeListParts("ground", detail)
	case "classify":
		parts, ok = classifyParts(detail)
	case "item": // a document of the profile's list, or as written
		parts, ok = []DetailPart{{"item", detail}}, true
	case "outcome", "review":
		kind := "outcome"
		if shape == "review" {
			kind = "review_outcome"
		}
		if ok = codeToken(detail); ok {
			parts = []DetailPart{{kind, detail}}
		}
	}
	if !ok || joinParts(parts) != detail {
		return []DetailPart{{Value: detail}}
	}
	return parts
}

func joinParts(parts []DetailPart) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p.Value)
	}
	return b.String()
}

// codeToken reports whether s can be a code dossier wrote: one word, none of the separators
// of a detail.
func codeToken(s string) bool {
	return s != "" && !strings.ContainsAny(s, " \t\n(),:[]")
}

// cutDue splits "REST, due DATE" (or "due DATE" alone, rest ""), with DATE a date.
func cutDue(s string) (rest string, due []DetailPart, ok bool) {
	head, date, found := "", "", false
	if i := strings.LastIndex(s, ", due "); i >= 0 {
		head, date, found = s[:i], s[i+len(", due "):], true
		due = []DetailPart{{Value: ", "}, {PartWord, "due"}, {Value: " "}, {Value: date}}
	} else if d, cut := strings.CutPrefix(s, "due "); cut {
		date, found = d, true
		due = []DetailPart{{PartWord, "due"}, {Value: " "}, {Value: date}}
	}
	if !found {
		return s, nil, true
	}
	if _, err := ParseDate(date); err != nil {
		return "", nil, false
	}
	return head, due, true
}

// partnerParts is "TO" or "TO (PURPOSE)".
func partnerParts(s string) ([]DetailPart, bool) {
	if to, rest, found := strings.Cut(s, " ("); found {
		purpose, closed := strings.CutSuffix(rest, ")")
		if !closed || !codeToken(to) || !codeToken(purpose) {
			return nil, false
		}
		return []DetailPart{{"partner", to}, {Value: " ("}, {"purpose", purpose}, {Value: ")"}}, true
	}
	return []DetailPart{{"partner", s}}, codeToken(s)
}

// referParts is "TO[ (PURPOSE)][, due DATE]".
func referParts(s string) ([]DetailPart, bool) {
	head, due, ok := cutDue(s)
	if !ok || head == "" {
		return nil, false
	}
	to, ok := partnerParts(head)
	return append(to, due...), ok
}

// referralParts is "TO[ (PURPOSE)]", with finding "TO[ (PURPOSE)][ FINDING]".
func referralParts(s string, finding bool) ([]DetailPart, bool) {
	var tail []DetailPart
	if finding {
		cut := strings.LastIndexByte(s, ' ')
		if cut > 0 && !strings.HasSuffix(s, ")") {
			if f := s[cut+1:]; codeToken(f) {
				tail = []DetailPart{{Value: " "}, {"outcome", f}}
				s = s[:cut]
			}
		}
	}
	to, ok := partnerParts(s)
	return append(to, tail...), ok
}

// requestParts is "ITEM from FROM, due DATE": the item as written when it is no code.
func requestParts(s string) ([]DetailPart, bool) {
	head, due, ok := cutDue(s)
	if !ok || due == nil {
		return nil, false
	}
	i := strings.LastIndex(head, " from ")
	if i <= 0 {
		return nil, false
	}
	item, from := head[:i], head[i+len(" from "):]
	if !codeToken(from) {
		return nil, false
	}
	parts := []DetailPart{{"item", item}, {Value: " "}, {PartWord, "from"}, {Value: " "}, {"partner", from}}
	return append(parts, due...), true
}

func dueParts(s string) ([]DetailPart, bool) {
	head, due, ok := cutDue(s)
	return due, ok && head == "" && due != nil
}

// codeListParts is "CODE, CODE, ...".
func codeListParts(kind, s string) ([]DetailPart, bool) {
	var parts []DetailPart
	for i, c := range strings.Split(s, ", ") {
		if !codeToken(c) {
			return nil, false
		}
		if i > 0 {
			parts = append(parts, DetailPart{Value: ", "})
		}
		parts = append(parts, DetailPart{kind, c})
	}
	return parts, true
}

// classifyParts is "TYPE[: CATEGORY, ...][ [FLAG, ...]]".
func classifyParts(s string) ([]DetailPart, bool) {
	var flags []DetailPart
	if i := strings.Index(s, " ["); i >= 0 {
		list, closed := strings.CutSuffix(s[i+2:], "]")
		f, ok := codeListParts("flag", list)
		if !closed || !ok {
			return nil, false
		}
		flags = append(append([]DetailPart{{Value: " ["}}, f...), DetailPart{Value: "]"})
		s = s[:i]
	}
	typ, cats, hasCats := strings.Cut(s, ": ")
	if !codeToken(typ) {
		return nil, false
	}
	parts := []DetailPart{{"type", typ}}
	if hasCats {
		c, ok := codeListParts("category", cats)
		if !ok {
			return nil, false
		}
		parts = append(append(parts, DetailPart{PartWord, ":"}, DetailPart{Value: " "}), c...)
	}
	return append(parts, flags...), true
}
