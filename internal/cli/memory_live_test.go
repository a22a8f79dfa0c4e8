package cli

import (
	"runtime"
	"runtime/debug"
	"testing"
)

// TestSizeMemoryStaysAboveLive: a live heap larger than the budget of its cases raises the
// ceiling above it (a ceiling under the live set would make the collector run without end).
func TestSizeMemoryStaysAboveLive(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(memoryFloor))
	live := make([][]byte, 0, 40)
	for range 40 {
		live = append(live, make([]byte, 8<<20)) // 320 MB: more than the floor, and than 10 cases' budget
	}
	runtime.GC()
	sizeMemory(10, 0)
	if got := debug.SetMemoryLimit(-1); got < 320<<20 {
		t.Fatalf("ceiling %d under a live heap of 320 MB", got)
	}
	runtime.KeepAlive(live)
}
