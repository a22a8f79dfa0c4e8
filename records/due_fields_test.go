package records

import "testing"

// The parts of a due item are typed fields: a request's item and party may hold " from ".
func TestDueItemsTypedParts(t *testing.T) {
	t.Parallel()
	p, a := wfProfile(), wfAct()
	a.Date = Date{2026, 2, 28}
	c := wfCase(t)
	wfMust(t, Classify(c, p, a, "conduct", nil, nil))
	wfMust(t, ScreenIn(c, p, a))
	wfMust(t, Refer(c, p, a, "ottawa-ps", "", Date{}))
	wfMust(t, RequestItem(c, p, a, "copy from the archive", "a witness from the bar", Date{}))
	var sawRequest, sawReferral bool
	for _, it := range DueItems(c, p) {
		switch it.Kind {
		case DueInformation:
			sawRequest = true
			if it.Item != "copy from the archive" || it.From != "a witness from the bar" || it.Partner != "a witness from the bar" {
				t.Errorf("request item: %+v", it)
			}
		case DueReferralReport:
			sawReferral = true
			if it.Partner != "ottawa-ps" || it.Item != "" {
				t.Errorf("referral item: %+v", it)
			}
		}
	}
	if !sawRequest || !sawReferral {
		t.Fatalf("DueItems: %+v", DueItems(c, p))
	}
}
