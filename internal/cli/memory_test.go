package cli

import (
	"runtime/debug"
	"testing"
)

// TestRaiseMemoryLimit: the ceiling grows with the number of cases, never shrinks.
func TestRaiseMemoryLimit(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(memoryFloor))
	raiseMemoryLimit(1000, 0)
	if got := debug.SetMemoryLimit(-1); got != memoryFloor {
		t.Fatalf("1,000 cases: ceiling %d, want the floor %d", got, memoryFloor)
	}
	raiseMemoryLimit(1_000_000, 0)
	if got, want := debug.SetMemoryLimit(-1), int64(1_000_000*summaryBudget); got != want {
		t.Fatalf("1,000,000 cases: ceiling %d, want %d", got, want)
	}
	raiseMemoryLimit(10, 0)
	if got, want := debug.SetMemoryLimit(-1), int64(1_000_000*summaryBudget); got != want {
		t.Fatalf("the ceiling went down to %d", got)
	}
}
