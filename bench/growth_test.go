package main

import (
	"bytes"
	"encoding/xml"
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
