package records

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// In JSON (export, JSON Lines, show -o json, create --from) a declared field's value is a
// string (code, text, date, integer, money, partner), a list of strings (codes) or a list of
// objects of strings (list items), as in YAML.

// MarshalJSON writes the value as a string, a list of codes or a list of items.
func (v FieldValue) MarshalJSON() ([]byte, error) {
	switch {
	case len(v.Items) > 0:
		return json.Marshal(v.Items)
	case len(v.Codes) > 0:
		return json.Marshal(v.Codes)
	}
	return json.Marshal(v.Scalar)
}

// UnmarshalJSON reads a string, a number (kept as written: 1234.50), a list of strings or a
// list of objects of strings; null is an unset field.
func (v *FieldValue) UnmarshalJSON(data []byte) error {
	*v = FieldValue{}
	data = bytes.TrimSpace(data)
	switch {
	case bytes.Equal(data, []byte("null")):
		return nil
	case len(data) > 0 && data[0] == '"':
		return json.Unmarshal(data, &v.Scalar)
	case len(data) > 0 && (data[0] == '-' || data[0] >= '0' && data[0] <= '9'):
		var n json.Number
		if err := json.Unmarshal(data, &n); err != nil {
			return err
		}
		v.Scalar = n.String()
		return nil
	case len(data) > 0 && data[0] == '[':
		var items []json.RawMessage
		if err := json.Unmarshal(data, &items); err != nil {
			return err
		}
		for _, raw := range items {
			raw = bytes.TrimSpace(raw)
			switch {
			case len(raw) > 0 && raw[0] == '"' && v.Items == nil:
				var s string
				if err := json.Unmarshal(raw, &s); err != nil {
					return err
				}
				v.Codes = append(v.Codes, s)
			case len(raw) > 0 && raw[0] == '{' && v.Codes == nil:
				var item map[string]*string
				if err := json.Unmarshal(raw, &item); err != nil {
					return fmt.Errorf("a list item's fields must be plain values (name: text)")
				}
				rec := make(map[string]string, len(item))
				for k, s := range item {
					if s != nil {
						rec[k] = *s
					} else {
						rec[k] = ""
					}
				}
				v.Items = append(v.Items, rec)
			default:
				return fmt.Errorf("a declared field's list holds codes (text) or items (objects), all of the same kind")
			}
		}
		return nil
	}
	return fmt.Errorf("a declared field's value is text, a list of codes or a list of items")
}
