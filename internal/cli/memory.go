package cli

import (
	"runtime/debug"
	"runtime/metrics"
)

// The memory policy. A soft ceiling on the heap makes a cold run, which parses every file
// and drops most of what it parses, collect harder near the ceiling instead of growing to
// twice its live set. But a ceiling under the live set makes the collector run without end:
// the summaries of every case are live until a read command ends, so a fixed 256 MB ceiling,
// which 100,000 cases fit under, made a command at 1,000,000 cases spend most of its time
// collecting (a cold `list` 20× the read floor instead of 5×). (Most read commands now hold
// only the summaries they keep, Store.SummariesKept and store.EachSummary: their heap stays
// far under the ceiling, which then costs nothing.) The ceiling is therefore
// memoryFloor, raised once Summaries knows how many files it reads (summaryBudget a case)
// and again once it knows how many it must parse (parseBudget more each).
//
// summaryBudget is the live set of a warm read at its peak, when the index's entries are
// joined with the files found (about 1.2 KB a case at 1,000,000 cases: 0.8 KB of summary,
// the rest the scan's and the index's tables), with a little room: a warm read allocates
// little besides what it keeps, so the heap stays near its live set instead of doubling
// (BENCHMARKS.md "One million cases"). A parse makes garbage, which parseBudget gives the
// collector room for, so that a cold run does not collect without end either.

const (
	memoryFloor   = 256 << 20
	summaryBudget = 1280 // bytes a case read from the index
	parseBudget   = 768  // bytes more a case parsed
)

// raiseMemoryLimit raises the soft heap ceiling to what files cases, parse of them parsed,
// need, never lowers it (a command may have set a tighter one for its own phase, export
// does; a test run has none). A repository whose summaries are larger than the budget (more
// history, more declared fields) would have a ceiling under its live set: the ceiling is
// also kept a quarter above the live heap the last collection found.
func raiseMemoryLimit(files, parse int) {
	if want := memoryCeiling(files, parse, liveHeap()); want > debug.SetMemoryLimit(-1) {
		debug.SetMemoryLimit(want)
	}
}

// memoryCeiling is the ceiling files cases, parse of them parsed, need, with live the heap
// the last collection found live.
func memoryCeiling(files, parse int, live int64) int64 {
	want := int64(files)*summaryBudget + int64(parse)*parseBudget
	if files > 0 {
		want = max(want, live*5/4)
	}
	return want
}

// liveHeap is the heap the last collection marked live (0 before the first).
func liveHeap() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}
