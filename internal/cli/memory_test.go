package cli

import "testing"

// TestMemoryCeiling: the ceiling grows with the cases read and parsed, and stays a quarter
// above the live heap. (The pure computation: the process's limit and live heap are shared
// by every test running in parallel, so raiseMemoryLimit itself is not asserted on.)
func TestMemoryCeiling(t *testing.T) {
	for _, tc := range []struct {
		files, parse int
		live, want   int64
	}{
		{0, 0, 1 << 30, 0},
		{1000, 0, 0, 1000 * summaryBudget},
		{1_000_000, 0, 0, 1_000_000 * summaryBudget},
		{1_000_000, 1_000_000, 0, 1_000_000 * (summaryBudget + parseBudget)},
		{1000, 0, 400 << 20, 500 << 20},
	} {
		if got := memoryCeiling(tc.files, tc.parse, tc.live); got != tc.want {
			t.Errorf("memoryCeiling(%d, %d, %d) = %d, want %d", tc.files, tc.parse, tc.live, got, tc.want)
		}
	}
}
