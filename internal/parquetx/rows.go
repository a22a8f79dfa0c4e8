package parquetx

import (
	"fmt"

	"github.com/dossier-dev/dossier/records"
)

// A row is a map from column name to value: nil (or a missing key) is null, a string, an
// int32 day number for a DATE, an int64 for an INT64 or a DECIMAL in cents, a slice for a
// LIST, a map for a group.
type row = map[string]any

func str(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// day is d as a Parquet DATE: days since 1970-01-01; nil when unset.
func day(d records.Date) any {
	if d.IsZero() {
		return nil
	}
	return dayNumber(d)
}

func dayNumber(d records.Date) int32 { return int32(d.Time().Unix() / 86400) }

func strs(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func party(p *records.Party) any {
	if p == nil {
		return nil
	}
	return row{"name": str(p.Name), "organization": str(p.Organization), "email": str(p.Email), "phone": str(p.Phone), "address": str(p.Address)}
}

// caseRow is the row of c in the cases table.
func caseRow(p *records.Profile, office string, c *records.Case) (row, error) {
	r := row{
		"office":          str(office),
		"id":              c.ID,
		"aliases":         strs(c.Aliases),
		"legacy_ids":      strs(c.LegacyIDs),
		"type":            str(c.Type),
		"status":          str(c.Status),
		"language":        str(c.Language),
		"received":        day(c.Received),
		"channel":         str(c.Channel),
		"police_received": day(c.PoliceReceived),
		"complainant":     party(c.Complainant),
		"representative":  party(c.Representative),
		"summary":         str(c.Summary),
		"categories":      strs(c.Categories),
		"flags":           strs(c.Flags),
		"related":         strs(c.Related),
		"routing":         str(c.Routing),
		"import_key":      str(c.ImportKey),
	}
	if x := c.Respondent; x != nil {
		officers := make([]row, len(x.Officers))
		for i, o := range x.Officers {
			officers[i] = row{"name": str(o.Name), "badge": str(o.Badge)}
		}
		r["respondent"] = row{"service": str(x.Service), "officers": officers}
	}
	if x := c.Incident; x != nil {
		r["incident"] = row{"date": day(x.Date), "area": str(x.Area), "location": str(x.Location)}
	}
	if x := c.Screening; x != nil {
		r["screening"] = row{"decision": str(x.Decision), "decided": day(x.Decided), "grounds": strs(x.Grounds)}
	}
	if x := c.Review; x != nil {
		r["review"] = row{"requested": day(x.Requested), "due": day(x.Due), "decided": day(x.Decided), "outcome": str(x.Outcome)}
	}
	if x := c.Disposition; x != nil {
		r["disposition"] = row{"outcome": str(x.Outcome), "closed": day(x.Closed), "reason": str(x.Reason), "redirected_to": str(x.RedirectedTo)}
	}
	if x := c.Hold; x != nil {
		r["hold"] = row{"reason": str(x.Reason), "since": day(x.Since)}
	}
	if p != nil && len(p.Fields) > 0 {
		fs := row{}
		for _, def := range p.Fields {
			v, err := fieldValue(def, c.Field(def.Name))
			if err != nil {
				return nil, fmt.Errorf("%s: %s: %w", records.RecordPath(c.ID), records.FieldPath(def.Name), err)
			}
			fs[def.Name] = v
		}
		r["fields"] = fs
	}
	return r, nil
}

// fieldValue is the column value of a declared field by its kind. A value the kind cannot
// hold (a hand edit check reports) is an error: a typed column cannot carry it.
func fieldValue(def records.FieldDef, v records.FieldValue) (any, error) {
	switch def.Kind {
	case records.KindCodes:
		return strs(v.Codes), nil
	case records.KindList:
		items := make([]row, 0, len(v.Items))
		for i, item := range v.Items {
			if len(def.Fields) == 0 {
				break
			}
			out := row{}
			for _, sub := range def.Fields {
				x, err := scalarValue(sub, def.Class, item[sub.Name])
				if err != nil {
					return nil, fmt.Errorf("item %d: %s: %w", i+1, sub.Name, err)
				}
				out[sub.Name] = x
			}
			items = append(items, out)
		}
		if len(def.Fields) == 0 {
			return []string{}, nil
		}
		return items, nil
	}
	return scalarValue(def, def.Class, v.Scalar)
}

// scalarValue is the column value of a scalar (class: the field's, whose value an error may
// quote only when it is public or internal).
func scalarValue(def records.FieldDef, class records.Class, s string) (any, error) {
	if s == "" {
		return nil, nil
	}
	switch def.Kind {
	case records.KindDate:
		d, err := records.ParseDate(s)
		if err != nil {
			return nil, fmt.Errorf("%s is not a date (YYYY-MM-DD): run dossier check", records.FieldValueText(class, s))
		}
		return dayNumber(d), nil
	case records.KindInteger:
		n, err := records.ParseInteger(s)
		if err != nil {
			return nil, fmt.Errorf("%s %v: run dossier check", records.FieldValueText(class, s), err)
		}
		return n, nil
	case records.KindMoney:
		cents, err := records.ParseMoney(s)
		if err != nil {
			return nil, fmt.Errorf("%s %v: run dossier check", records.FieldValueText(class, s), err)
		}
		return cents, nil
	}
	return s, nil
}

// childRows are the rows of c in a child table.
func childRows(table, office string, c *records.Case) []row {
	var out []row
	switch table {
	case TableReferrals:
		for i, x := range c.Referrals {
			updates := make([]int32, len(x.Updates))
			for j, u := range x.Updates {
				updates[j] = dayNumber(u)
			}
			out = append(out, row{"office": str(office), "case_id": c.ID, "n": int32(i + 1),
				"to": str(x.To), "purpose": str(x.Purpose), "sent": day(x.Sent), "due": day(x.Due),
				"updates": updates, "returned": day(x.Returned), "finding": str(x.Finding),
				"cancelled": day(x.Cancelled), "reason": str(x.Reason)})
		}
	case TableRequests:
		for i, x := range c.Requests {
			out = append(out, row{"office": str(office), "case_id": c.ID, "n": int32(i + 1),
				"item": str(x.Item), "from": str(x.From), "sent": day(x.Sent), "due": day(x.Due),
				"received": day(x.Received), "cancelled": day(x.Cancelled), "reason": str(x.Reason)})
		}
	case TableHistory:
		for i, x := range c.History {
			var at any
			if !x.At.IsZero() {
				at = x.At.Time
			}
			out = append(out, row{"office": str(office), "case_id": c.ID, "n": int32(i + 1),
				"at": at, "date": day(x.Date), "by": str(x.By), "do": str(x.Do), "detail": str(x.Detail)})
		}
	}
	return out
}
