package records

// ClosingOutcomes are the outcomes a closed case like c may have: screened-out, the profile's
// outcomes for the case's type, and the outcomes the workflow's closing actions declare for
// that type (or for every type, "*"). A profile whose cases are never classified (a register,
// a log) closes them with its actions' own outcomes, as `dossier do` accepts them.
func (p *Profile) ClosingOutcomes(c *Case) Codes {
	out := append(Codes{{Code: OutcomeScreenedOut}}, p.OutcomesFor(c.Type)...)
	for i := range p.Workflow.Actions {
		def := &p.Workflow.Actions[i]
		if def.Role != RoleClose {
			continue
		}
		for _, o := range outcomesOf(def, p, c.Type) {
			if !out.Has(o.Code) {
				out = append(out, o)
			}
		}
	}
	return out
}
