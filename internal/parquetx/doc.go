// Package parquetx writes cases as Parquet tables for engines beyond one machine (DuckDB, a
// warehouse): the cases table and its child tables (referrals, requests, history), keyed by the
// case id, with typed columns and a versioned schema (README.md, "Parquet"). It knows the record
// model and the profile's declared fields; what an audience may see is decided before a case
// reaches it (privacy.RedactFor), so a withheld value is a null here.
package parquetx
