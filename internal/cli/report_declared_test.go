package cli

import (
	"testing"

	"github.com/dossier-dev/dossier/records"
)

func TestOversightNeedsTheRolesItReads(t *testing.T) {
	p := &records.Profile{Name: "activity-log",
		Workflow: records.Workflow{Actions: records.ActionDefs{{Name: "carry-out", Role: records.RoleClose}}},
		Reports:  records.ReportDefs{{Name: "yearly"}}}
	err := missingRolesError(p, "oversight", oversightRoles)
	want := "report oversight: the profile activity-log declares no action with the role screen-in, screen-out, refer, retain, withdraw, review-request, review-decide, which this report reads; its own reports are yearly (dossier report NAME)"
	if err == nil || err.Error() != want || exitCode(err) != ExitUsage {
		t.Errorf("err = %v (exit %d)\nwant %s (exit 2)", err, exitCode(err), want)
	}
	for _, a := range oversightRoles {
		p.Workflow.Actions = append(p.Workflow.Actions, records.ActionDef{Name: a, Role: a})
	}
	if err := missingRolesError(p, "oversight", oversightRoles); err != nil {
		t.Errorf("every role declared: %v", err)
	}
}
