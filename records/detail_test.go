package records

import (
	"slices"
	"testing"
)

// TestDetailFieldsCover: every action of the workflow has a row in the detail table, and every
// field a row names is a classified field (a typo would disclose nothing, silently).
func TestDetailFieldsCover(t *testing.T) {
	t.Parallel()
	actions := DetailActions()
	declared := BuiltinActions()
	for _, d := range testProfile(t).Workflow.Actions {
		declared = append(declared, d.Name)
	}
	for _, a := range declared {
		if !slices.Contains(actions, a) {
			t.Errorf("action %s is not in DetailActions", a)
		}
	}
	for _, a := range actions {
		if _, ok := detailFields[a]; !ok {
			t.Errorf("action %s has no row in detailFields", a)
		}
	}
	for a, fields := range detailFields {
		if !slices.Contains(actions, a) {
			t.Errorf("detailFields row %s is not in DetailActions", a)
		}
		for _, f := range fields {
			if _, ok := classification[f]; !ok {
				t.Errorf("detailFields[%s]: %s is not a classified field", a, f)
			}
		}
	}
}

// TestDetailClass: free text is confidential, codes are not; disposal keeps exactly the
// details of a class it does not remove.
func TestDetailClass(t *testing.T) {
	t.Parallel()
	for a, want := range map[string]Class{ActHold: Confidential, ActNote: Confidential, ActRequest: Confidential, ActWithdraw: Confidential,
		ActReopen: Confidential, "made-up": Confidential, ActRefer: Public, ActClose: Public, ActClassify: Internal, ActDispose: Internal} {
		if got := DetailClass(a); got != want {
			t.Errorf("DetailClass(%s) = %s, want %s", a, got, want)
		}
	}
}
