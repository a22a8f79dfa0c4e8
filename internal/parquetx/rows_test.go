package parquetx

import (
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/records"
)

// A value its column cannot hold stops the export with the error naming it only when the
// field is public or internal: a personal or confidential value is never quoted back (it would
// land in a terminal or a cron log that the disclosure policy does not cover).
func TestFieldValueErrorsQuoteOnlyDisclosableValues(t *testing.T) {
	const secret = "Mx-9 Tremblay"
	for _, kind := range []string{records.KindDate, records.KindInteger, records.KindMoney} {
		for _, class := range []records.Class{records.Personal, records.Confidential, records.Internal} {
			def := records.FieldDef{Name: "x", Kind: kind, Class: class}
			_, err := fieldValue(def, records.FieldValue{Scalar: secret})
			if err == nil {
				t.Fatalf("%s %s: no error for %q", kind, class, secret)
			}
			quoted := strings.Contains(err.Error(), secret)
			if quoted != (class == records.Internal) {
				t.Errorf("%s %s: %v", kind, class, err)
			}
			list := records.FieldDef{Name: "l", Kind: records.KindList, Class: class, Fields: []records.FieldDef{{Name: "n", Kind: kind}}}
			_, err = fieldValue(list, records.FieldValue{Items: []map[string]string{{"n": secret}}})
			if err == nil || strings.Contains(err.Error(), secret) != (class == records.Internal) {
				t.Errorf("list of %s %s: %v", kind, class, err)
			}
		}
	}
}
