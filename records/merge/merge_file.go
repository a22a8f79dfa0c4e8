package merge

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"

	"github.com/dossier-dev/dossier/records"
	"github.com/dossier-dev/dossier/records/codec"
	"go.yaml.in/yaml/v3"
)

// MergeResult is the outcome of merging one record file.
type MergeResult struct {
	Data      []byte     // the merged file: canonical, or with conflict blocks when not clean
	Conflicts []Conflict // fields changed differently on the two sides
	Collision bool       // both sides created a different case under the same id
}

// Clean reports whether the merge needs no person.
func (r *MergeResult) Clean() bool { return len(r.Conflicts) == 0 && !r.Collision }

// Conflict block markers, as git writes them, so that editors and merge tools know them.
const (
	markerOurs   = "<<<<<<< ours"
	markerSep    = "======="
	markerTheirs = ">>>>>>> theirs"
	// collisionLabel marks the block of an id collision, so that check can say so.
	collisionLabel = " (id collision: two different cases)"
)

// MergeFiles merges three versions of the record file name. An empty base means both sides
// added the file (two branches minted the same id): the result is a collision, written as
// one conflict block around the two whole files. It fails when a side cannot be read as a
// record: the caller then falls back to a line merge. The profile's workflow derives the
// merged status.
//
// The sides are read with codec.ParseReadOnly: only the node trees' comments are carried into
// the merged file, and a file the canonical reader takes has none (its Doc is nil), while one
// with comments goes through the strict parser and keeps its tree. The case and the errors
// are Parse's either way; the merge driver reads three files for each record both branches
// changed.
func MergeFiles(name string, base, ours, theirs []byte, p *records.Profile) (*MergeResult, error) {
	parse := func(side string, data []byte) (*records.Record, error) {
		r, err := codec.ParseReadOnly(name, data)
		if err != nil {
			return nil, fmt.Errorf("%s side: %w", side, err)
		}
		return r, nil
	}
	o, err := parse("ours", ours)
	if err != nil {
		return nil, err
	}
	t, err := parse("theirs", theirs)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(base)) == 0 {
		// Both branches added this file: whatever the two hold, each branch minted the id on
		// its own. Merging two cases into one would lose one of them without a trace.
		var b bytes.Buffer
		b.WriteString(markerOurs + collisionLabel + "\n")
		b.Write(ours)
		b.WriteString(markerSep + "\n")
		b.Write(theirs)
		b.WriteString(markerTheirs + collisionLabel + "\n")
		return &MergeResult{Data: b.Bytes(), Collision: true}, nil
	}
	br, err := parse("base", base)
	if err != nil {
		return nil, err
	}
	scrubAfterDisposal(br, o, t)
	co, ct, conflicts := MergeCases(&br.Case, &o.Case, &t.Case, p)
	dataO, err := encodeMerged(co, o.Doc, t.Doc)
	if err != nil {
		return nil, err
	}
	if len(conflicts) == 0 {
		return &MergeResult{Data: dataO}, nil
	}
	dataT, err := encodeMerged(ct, o.Doc, t.Doc)
	if err != nil {
		return nil, err
	}
	return &MergeResult{Data: conflictBlocks(dataO, dataT), Conflicts: conflicts}, nil
}

// DifferentCases reports whether a and b, two versions of one id, are surely two different
// cases: they were received on different days or made by different create entries. (Two
// cases created in the same second by the same person look like one: callers that know the
// merge base use it instead.)
func DifferentCases(a, b *records.Case) bool {
	if !a.Received.IsZero() && !b.Received.IsZero() && a.Received != b.Received {
		return true
	}
	if len(a.History) == 0 || len(b.History) == 0 {
		return len(a.History) != len(b.History)
	}
	return a.History[0] != b.History[0]
}

// encodeMerged renders c canonically with the comments of ours, and of theirs where ours has
// none on a node.
func encodeMerged(c *records.Case, ours, theirs *yaml.Node) ([]byte, error) {
	body := codec.EncodeValue(reflect.ValueOf(*c))
	if body == nil {
		body = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	}
	doc := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{body}}
	addComments(ours, doc, "")
	addComments(theirs, doc, "")
	codec.SettleComments(doc)
	return codec.EncodeDocument(doc)
}

// addComments copies the comments of old onto the nodes of fresh that have none. Mapping
// entries match by key; list items by identity (history entries by content, referrals by
// partner and date...), never by position, since a merge interleaves both sides' items.
func addComments(old, fresh *yaml.Node, key string) {
	if old == nil || fresh == nil {
		return
	}
	fill := func(dst *string, src string) {
		if *dst == "" {
			*dst = src
		}
	}
	fill(&fresh.HeadComment, old.HeadComment)
	fill(&fresh.LineComment, old.LineComment)
	fill(&fresh.FootComment, old.FootComment)
	switch {
	case old.Kind == yaml.DocumentNode && fresh.Kind == yaml.DocumentNode:
		if len(old.Content) > 0 && len(fresh.Content) > 0 {
			addComments(old.Content[0], fresh.Content[0], "")
		}
	case old.Kind == yaml.MappingNode && fresh.Kind == yaml.MappingNode:
		for i := 0; i+1 < len(fresh.Content); i += 2 {
			k := fresh.Content[i].Value
			for j := 0; j+1 < len(old.Content); j += 2 {
				if old.Content[j].Value == k {
					addComments(old.Content[j], fresh.Content[i], "")
					addComments(old.Content[j+1], fresh.Content[i+1], k)
					break
				}
			}
		}
	case old.Kind == yaml.SequenceNode && fresh.Kind == yaml.SequenceNode:
		used := make([]bool, len(old.Content))
		for _, item := range fresh.Content {
			fp := itemFingerprint(item, key)
			for j, o := range old.Content {
				if !used[j] && itemFingerprint(o, key) == fp {
					used[j] = true
					addComments(o, item, "")
					break
				}
			}
		}
		if codec.HasComments(fresh) {
			fresh.Style &^= yaml.FlowStyle
		}
	}
}

// itemFingerprint identifies a list item across versions: by the identity fields of
// referrals, requests and officers, by the whole content otherwise.
func itemFingerprint(n *yaml.Node, list string) string {
	fields := map[string][]string{"referrals": {"to", "sent"}, "requests": {"item", "sent"}, "officers": {"name", "badge"}}[list]
	var b strings.Builder
	if n.Kind == yaml.MappingNode && fields != nil {
		for _, f := range fields {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == f {
					b.WriteString(n.Content[i+1].Value)
				}
			}
			b.WriteByte(0)
		}
		return b.String()
	}
	var walk func(*yaml.Node)
	walk = func(n *yaml.Node) {
		b.WriteString(n.Value)
		b.WriteByte(0)
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// conflictBlocks writes a and b as one text with a conflict block around every run of lines
// where they differ, like git's own conflicts.
func conflictBlocks(a, b []byte) []byte {
	la, lb := splitLines(a), splitLines(b)
	var out bytes.Buffer
	block := func(x, y []string) {
		if len(x) == 0 && len(y) == 0 {
			return
		}
		out.WriteString(markerOurs + "\n")
		for _, l := range x {
			out.WriteString(l + "\n")
		}
		out.WriteString(markerSep + "\n")
		for _, l := range y {
			out.WriteString(l + "\n")
		}
		out.WriteString(markerTheirs + "\n")
	}
	i, j := 0, 0
	for _, p := range commonLines(la, lb) {
		block(la[i:p[0]], lb[j:p[1]])
		out.WriteString(la[p[0]] + "\n")
		i, j = p[0]+1, p[1]+1
	}
	block(la[i:], lb[j:])
	return out.Bytes()
}

func splitLines(data []byte) []string {
	s := strings.TrimSuffix(string(data), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// commonLines returns the index pairs of a longest common subsequence of a and b (common
// prefix and suffix first; the middle by dynamic programming, or nothing when it is huge).
func commonLines(a, b []string) [][2]int {
	var pairs [][2]int
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pairs = append(pairs, [2]int{pre, pre})
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	if len(ma) > 0 && len(mb) > 0 && len(ma)*len(mb) <= 4_000_000 {
		n, m := len(ma), len(mb)
		dp := make([][]int32, n+1)
		for i := range dp {
			dp[i] = make([]int32, m+1)
		}
		for i := n - 1; i >= 0; i-- {
			for j := m - 1; j >= 0; j-- {
				if ma[i] == mb[j] {
					dp[i][j] = dp[i+1][j+1] + 1
				} else {
					dp[i][j] = max(dp[i+1][j], dp[i][j+1])
				}
			}
		}
		for i, j := 0, 0; i < n && j < m; {
			switch {
			case ma[i] == mb[j]:
				pairs = append(pairs, [2]int{pre + i, pre + j})
				i++
				j++
			case dp[i+1][j] >= dp[i][j+1]:
				i++
			default:
				j++
			}
		}
	}
	for k := suf; k > 0; k-- {
		pairs = append(pairs, [2]int{len(a) - k, len(b) - k})
	}
	return pairs
}

// scrubAfterDisposal makes a disposal on one side win over the other side's changes (see
// disposed.go): when exactly one side disposed of the case since base, base and the other
// side are scrubbed as the disposal scrubbed the case, so their personal data and free text
// cannot come back through the merge; the other side's comments are dropped too.
func scrubAfterDisposal(base, ours, theirs *records.Record) {
	if records.Disposed(&base.Case) || records.Disposed(&ours.Case) == records.Disposed(&theirs.Case) {
		return
	}
	other := theirs
	if records.Disposed(&theirs.Case) {
		other = ours
	}
	for _, r := range []*records.Record{base, other} {
		records.Scrub(&r.Case)
		r.Doc = nil
	}
}
