// Package codec reads and writes case files: the strict YAML decoder (unknown fields, YAML
// features and conflict markers refused with a Problem that says where), the canonical encoder
// that keeps the comments a person wrote, and the JSON and CSV forms of a case. It builds on
// records only.
package codec
