package privacy

import "github.com/dossier-dev/dossier/records"

// Discloses lists the classified fields (and the notes) audience may see under p, in record
// order; internal sees everything.
func (p Policy) Discloses(audience string) ([]string, error) { return p.DisclosesFor(nil, audience) }

// DisclosesFor is Discloses under the profile prof, its declared fields one by one.
func (p Policy) DisclosesFor(prof *records.Profile, audience string) ([]string, error) {
	if audience == records.AudienceInternal {
		return DisclosureLeavesFor(prof), nil
	}
	fields, ok := p[audience]
	if !ok {
		return nil, &UnknownAudienceError{Audience: audience, Known: p.Audiences()}
	}
	var out []string
	for _, leaf := range DisclosureLeavesFor(prof) {
		if grantsLeaf(fields, leaf, leafClass(prof, leaf)) {
			out = append(out, leaf)
		}
	}
	return out, nil
}

// Widens lists the fields audience wide may see and audience narrow may not, in record order:
// empty when a letter written for wide discloses nothing that one written for narrow would not.
func (p Policy) Widens(wide, narrow string) ([]string, error) {
	w, err := p.Discloses(wide)
	if err != nil {
		return nil, err
	}
	n, err := p.Discloses(narrow)
	if err != nil {
		return nil, err
	}
	has := make(map[string]bool, len(n))
	for _, f := range n {
		has[f] = true
	}
	var out []string
	for _, f := range w {
		if !has[f] {
			out = append(out, f)
		}
	}
	return out, nil
}
