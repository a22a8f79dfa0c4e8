package parquetx

import (
	"fmt"
	"io"
	"time"

	"github.com/dossier-dev/dossier/records"
	"github.com/parquet-go/parquet-go"
)

// Meta is what a file says about itself in its key-value metadata (dossier.*).
type Meta struct {
	Profile  string    // the profile's name
	Office   string    // the office (settings office.name), also the office column
	Audience string    // whose view of the cases (--as)
	Exported time.Time // the export's clock (DOSSIER_NOW)
	Since    string    // --since: the commit the changes are counted from ("" : a full export)
	Head     string    // the commit checked out when exporting ("" : not in git); the next --since
	Version  string    // dossier's version
}

// rowGroupRows bounds a row group: a reader parallelises over row groups, and the writer holds
// one row group's pages in memory (DuckDB's own default is 122,880 rows).
const rowGroupRows = 100_000

// Writer writes one table to a Parquet file.
type Writer struct {
	table   string
	profile *records.Profile
	office  string
	pw      *parquet.Writer
	rows    int
}

// NewWriter starts a Parquet file of table on out.
func NewWriter(out io.Writer, table string, p *records.Profile, m Meta) (*Writer, error) {
	schema, err := Schema(table, p)
	if err != nil {
		return nil, err
	}
	opts := []parquet.WriterOption{
		schema,
		parquet.Compression(&parquet.Zstd),
		parquet.MaxRowsPerRowGroup(rowGroupRows),
		parquet.CreatedBy("dossier", m.Version, ""),
		parquet.KeyValueMetadata("dossier.schema", SchemaVersion),
		parquet.KeyValueMetadata("dossier.table", table),
		parquet.KeyValueMetadata("dossier.profile", m.Profile),
		parquet.KeyValueMetadata("dossier.audience", m.Audience),
		parquet.KeyValueMetadata("dossier.exported", m.Exported.UTC().Format(time.RFC3339)),
	}
	for k, v := range map[string]string{"dossier.office": m.Office, "dossier.since": m.Since, "dossier.head": m.Head} {
		if v != "" {
			opts = append(opts, parquet.KeyValueMetadata(k, v))
		}
	}
	return &Writer{table: table, profile: p, office: m.Office, pw: parquet.NewWriter(out, opts...)}, nil
}

// Write writes c (as the audience sees it): one row of the cases table, or its rows of a
// child table.
func (w *Writer) Write(c *records.Case) error {
	if w.table == TableCases {
		r, err := caseRow(w.profile, w.office, c)
		if err != nil {
			return err
		}
		return w.write(r)
	}
	for _, r := range childRows(w.table, w.office, c) {
		if err := w.write(r); err != nil {
			return err
		}
	}
	return nil
}

// Tombstone writes the row saying case id is gone since --since (reason Deleted or
// Renumbered, to: the new id): its id, the reason and nothing else. Child tables hold no
// tombstones: a loader replaces a case's child rows by the case ids of the cases table.
func (w *Writer) Tombstone(id, reason, to string) error {
	if w.table != TableCases {
		return nil
	}
	r := row{"office": str(w.office), "id": id, "tombstone": reason, "renumbered_to": str(to),
		"aliases": []string{}, "legacy_ids": []string{}, "categories": []string{}, "flags": []string{}, "related": []string{}}
	if fs := fieldsGroup(w.profile); fs != nil {
		r["fields"] = emptyFields(w.profile)
	}
	return w.write(r)
}

// MarkDisposed writes c's row (what disposal left of it) with the tombstone disposed: a
// loader drops what it holds of the case's personal information elsewhere.
func (w *Writer) MarkDisposed(c *records.Case) error {
	if w.table != TableCases {
		return w.Write(c)
	}
	r, err := caseRow(w.profile, w.office, c)
	if err != nil {
		return err
	}
	r["tombstone"] = Disposed
	return w.write(r)
}

func emptyFields(p *records.Profile) row {
	fs := row{}
	for _, def := range p.Fields {
		v, _ := fieldValue(def, records.FieldValue{})
		fs[def.Name] = v
	}
	return fs
}

func (w *Writer) write(r row) error {
	if err := w.pw.Write(r); err != nil {
		return fmt.Errorf("writing the %s table: %w", w.table, err)
	}
	w.rows++
	return nil
}

// Rows is how many rows were written.
func (w *Writer) Rows() int { return w.rows }

// Close ends the file (its footer: the schema, the row groups, the metadata).
func (w *Writer) Close() error {
	if err := w.pw.Close(); err != nil {
		return fmt.Errorf("writing the %s table: %w", w.table, err)
	}
	return nil
}
