package cli

import "runtime/debug"

// The memory policy. A soft ceiling on the heap makes a cold run, which parses every file
// and drops most of what it parses, collect harder near the ceiling instead of growing to
// twice its live set. But a ceiling under the live set makes the collector run without end:
// the summaries of every case are live until a read command ends (about 1.4 KB a case with
// the index's own share at 100,000 cases, BENCHMARKS.md), so a fixed 256 MB ceiling, which
// 100,000 cases fit under, made a command at 1,000,000 cases spend most of its time
// collecting (a cold `list` 20× the read floor instead of 5×). The ceiling is therefore
// memoryFloor, raised to summaryBudget a case once Summaries knows how many files it reads.

const (
	memoryFloor   = 256 << 20
	summaryBudget = 2 << 10 // bytes a case: its summary, the index's share, and room to collect
)

// raiseMemoryLimit raises the soft heap ceiling to what the summaries of files cases need,
// never lowers it (a command may have set a tighter one for its own phase, export does; a
// test run has none).
func raiseMemoryLimit(files int) {
	if want := int64(files) * summaryBudget; want > debug.SetMemoryLimit(-1) {
		debug.SetMemoryLimit(want)
	}
}
