package stats

import (
	"strings"
	"testing"
)

// The baseline chart escapes what it is given, cuts long labels, scales the bar and the
// baseline tick to the largest of both, and draws the same bytes every time.
func TestBaselineChart(t *testing.T) {
	bars := []BaselineBar{
		{Label: "Toronto <Police> Service × Neglect of duty and a very long category name", Value: 4, Baseline: 1, Text: "4 (baseline 1.00)"},
		{Label: "Ottawa & co × Deceit", Value: 2, Baseline: 0, Text: "2"},
	}
	got := BaselineChart("Flagged & baseline", bars)
	if again := BaselineChart("Flagged & baseline", bars); again != got {
		t.Fatal("two draws differ")
	}
	for _, want := range []string{
		`aria-label="Flagged &amp; baseline"`,
		`<title>Toronto &lt;Police&gt; Service × Neglect of duty and a very long category name</title>`,
		`>Toronto &lt;Police&gt; Service × Neglect of duty a…</text>`,
		`<rect x="300" y="5" width="190" height="18"`, // the largest value spans the plot
		`<line x1="347" y1="3" x2="347" y2="25"`,      // baseline 1 of 4
		`<rect x="300" y="31" width="95" height="18"`,
		`<line x1="300" y1="29" x2="300" y2="51"`, // baseline 0
		`>Ottawa &amp; co × Deceit</text>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("chart lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, "<script") {
		t.Error("chart has a script")
	}
	if empty := BaselineChart("none", nil); !strings.HasSuffix(empty, "<title>none</title></svg>") {
		t.Errorf("empty chart: %s", empty)
	}
}
