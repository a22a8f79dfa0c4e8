package main

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"testing"
	"time"
)

// TestGrowthSVG: the chart is well-formed SVG with one line per measure and the floor, and
// a measure missing at one size is drawn through the sizes it has.
func TestGrowthSVG(t *testing.T) {
	var all []sizeResult
	for i, n := range []int{10000, 100000, 1000000} {
		s := sizeResult{n: n, floor: result{wall: time.Duration(n) * 28 * time.Microsecond}}
		s.add("stats --by service,type (warm)", result{wall: time.Duration(n) * 4 * time.Microsecond, rss: 1024})
		if i > 0 {
			s.add("check", result{wall: time.Duration(n) * 50 * time.Microsecond})
		}
		all = append(all, s)
	}
	svg := growthSVG(all)
	d := xml.NewDecoder(bytes.NewReader(svg))
	lines, points := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, svg)
		}
		if el, ok := tok.(xml.StartElement); ok {
			switch el.Name.Local {
			case "polyline":
				lines++
			case "circle":
				points++
			}
		}
	}
	if lines != 3 || points != 3+3+2 {
		t.Fatalf("%d lines and %d points, want 3 and 8:\n%s", lines, points, svg)
	}
}

// TestMergeResults: sizes measured now replace their saved figures, the others are kept,
// and the file holds the union, by size.
func TestMergeResults(t *testing.T) {
	file := t.TempDir() + "/results.json"
	one := func(n int, ms time.Duration) sizeResult {
		s := sizeResult{n: n, floor: result{wall: ms * time.Millisecond}}
		s.add("check", result{wall: 2 * ms * time.Millisecond, cpu: ms * time.Millisecond, rss: 2048})
		return s
	}
	mergeResults(file, []sizeResult{one(1000000, 28000), one(10000, 300)})
	all := mergeResults(file, []sizeResult{one(10000, 250), one(100000, 2800)})
	var got []string
	for _, s := range all {
		got = append(got, fmt.Sprintf("%d:%v:%v:%d", s.n, s.floor.wall, s.times["check"].wall, s.times["check"].rss))
	}
	want := "[10000:250ms:500ms:2048 100000:2.8s:5.6s:2048 1000000:28s:56s:2048]"
	if fmt.Sprint(got) != want {
		t.Fatalf("got %v, want %s", got, want)
	}
}
