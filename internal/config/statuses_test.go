package config

import (
	"testing"

	"github.com/dossier-dev/dossier/records"
)

// The statuses and their labels come from the workflow; codes.statuses, which repositories
// started before the workflow was declared still hold, relabels them.
func TestStatusLabelsFromWorkflowAndOverrides(t *testing.T) {
	s, err := load(t, "", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Profile.Statuses.Find(records.StatusScreenedIn); got == nil || got.En != "Screened in" || got.Fr != "Retenue à l’examen préliminaire" {
		t.Fatalf("screened-in: %+v", got)
	}
	s, err = load(t, "codes:\n  statuses:\n    - {code: screened-in, en: Accepted}\n", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	got := s.Profile.Statuses
	if len(got) != 8 || got[2].En != "Accepted" || got[2].Fr != "Retenue à l’examen préliminaire" || got[0].En != "Received" {
		t.Fatalf("statuses: %+v", got)
	}
}
