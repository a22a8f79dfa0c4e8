package parquetx

import (
	"fmt"
	"strings"

	"github.com/dossier-dev/dossier/records"
	"github.com/parquet-go/parquet-go"
)

// SchemaVersion is the version of the tables' layout, in every file's key-value metadata
// (dossier.schema). Columns are only ever added; a change of a column's name, type or meaning
// is a new version. README.md ("Parquet") documents version 1, column by column.
const SchemaVersion = "1"

// The tables: cases (one row a case, and a tombstone row for a case gone since --since), and
// the child tables keyed by case_id and n (the 1-based position in the case's list).
const (
	TableCases     = "cases"
	TableReferrals = "referrals"
	TableRequests  = "requests"
	TableHistory   = "history"
)

// Tables lists the tables, cases first.
func Tables() []string { return []string{TableCases, TableReferrals, TableRequests, TableHistory} }

// Tombstone reasons (the cases table's tombstone column).
const (
	Deleted    = "deleted"    // the file is gone
	Disposed   = "disposed"   // personal information disposed of (purge): the row holds what remains
	Renumbered = "renumbered" // the case has a new id (renumbered_to); its row is under that id
)

// The column types. Codes are dictionary-encoded (a column holds a few distinct values); a
// list is a standard LIST of required elements (empty, never null); every other column is
// optional: null when the case has no value or the audience may not see it.
func text() parquet.Node   { return parquet.Optional(parquet.String()) }
func code() parquet.Node   { return parquet.Optional(dictString()) }
func date() parquet.Node   { return parquet.Optional(parquet.Date()) }
func texts() parquet.Node  { return parquet.List(parquet.String()) }
func codes() parquet.Node  { return parquet.List(dictString()) }
func dates() parquet.Node  { return parquet.List(parquet.Date()) }
func number() parquet.Node { return parquet.Optional(parquet.Int(64)) }
func money() parquet.Node  { return parquet.Optional(parquet.Decimal(2, 18, parquet.Int64Type)) }
func key() parquet.Node    { return dictString() }
func seq() parquet.Node    { return parquet.Int(32) }
func stamp() parquet.Node  { return parquet.Optional(parquet.Timestamp(parquet.Millisecond)) }

func dictString() parquet.Node {
	return parquet.Encoded(parquet.String(), &parquet.RLEDictionary)
}

func optional(cols ...parquet.Field) parquet.Node { return parquet.Optional(group(cols)) }

func partyNode() parquet.Node {
	return optional(col("name", text()), col("organization", text()), col("email", text()), col("phone", text()), col("address", text()))
}

// Schema is the schema of table under profile p (the cases table has a fields group of the
// profile's declared fields, when it declares any).
func Schema(table string, p *records.Profile) (*parquet.Schema, error) {
	var cols []parquet.Field
	switch table {
	case TableCases:
		cols = casesColumns(p)
	case TableReferrals:
		cols = []parquet.Field{col("office", code()), col("case_id", key()), col("n", seq()),
			col("to", code()), col("purpose", code()), col("sent", date()), col("due", date()),
			col("updates", dates()), col("returned", date()), col("finding", code()),
			col("cancelled", date()), col("reason", text())}
	case TableRequests:
		cols = []parquet.Field{col("office", code()), col("case_id", key()), col("n", seq()),
			col("item", code()), col("from", code()), col("sent", date()), col("due", date()),
			col("received", date()), col("cancelled", date()), col("reason", text())}
	case TableHistory:
		cols = []parquet.Field{col("office", code()), col("case_id", key()), col("n", seq()),
			col("at", stamp()), col("date", date()), col("by", code()), col("do", code()),
			col("detail", text())}
	default:
		return nil, fmt.Errorf("no table %s: tables: %s", records.Quote(table), strings.Join(Tables(), ", "))
	}
	return parquet.NewSchema(table, group(cols)), nil
}

func casesColumns(p *records.Profile) []parquet.Field {
	cols := []parquet.Field{
		col("office", code()),
		col("id", parquet.String()),
		col("tombstone", code()),
		col("renumbered_to", text()),
		col("aliases", texts()),
		col("legacy_ids", texts()),
		col("type", code()),
		col("status", code()),
		col("language", code()),
		col("received", date()),
		col("channel", code()),
		col("police_received", date()),
		col("complainant", partyNode()),
		col("representative", partyNode()),
		col("respondent", optional(col("service", code()),
			col("officers", parquet.List(group{col("name", text()), col("badge", text())})))),
		col("incident", optional(col("date", date()), col("area", code()), col("location", text()))),
		col("summary", text()),
		col("categories", codes()),
		col("flags", codes()),
		col("related", texts()),
	}
	if fs := fieldsGroup(p); fs != nil {
		cols = append(cols, col("fields", fs))
	}
	return append(cols,
		col("screening", optional(col("decision", code()), col("decided", date()), col("grounds", codes()))),
		col("routing", code()),
		col("review", optional(col("requested", date()), col("due", date()), col("decided", date()), col("outcome", code()))),
		col("disposition", optional(col("outcome", code()), col("closed", date()), col("reason", text()), col("redirected_to", text()))),
		col("hold", optional(col("reason", text()), col("since", date()))),
		col("import_key", text()),
	)
}

// fieldsGroup is the group of the profile's declared fields, in declaration order, each typed
// by its kind; nil when the profile declares none (Parquet has no empty group).
func fieldsGroup(p *records.Profile) parquet.Node {
	if p == nil || len(p.Fields) == 0 {
		return nil
	}
	var g group
	for _, def := range p.Fields {
		g = append(g, col(def.Name, fieldNode(def)))
	}
	return g
}

func fieldNode(def records.FieldDef) parquet.Node {
	switch def.Kind {
	case records.KindCode, records.KindPartner:
		return code()
	case records.KindCodes:
		return codes()
	case records.KindDate:
		return date()
	case records.KindInteger:
		return number()
	case records.KindMoney:
		return money()
	case records.KindList:
		var item group
		for _, sub := range def.Fields {
			item = append(item, col(sub.Name, fieldNode(sub)))
		}
		if len(item) == 0 {
			return texts() // a list without sub-fields: check reports it; nothing to hold
		}
		return parquet.List(item)
	}
	return text()
}

// SchemaText is the schema of table under p as Parquet's message notation (for docs and the
// test that keeps the layout stable).
func SchemaText(table string, p *records.Profile) (string, error) {
	s, err := Schema(table, p)
	if err != nil {
		return "", err
	}
	return s.String(), nil
}
