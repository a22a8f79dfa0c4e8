// Package privacy decides who may see what and when personal data goes: the disclosure
// policies (which audience sees which fields of a case, and redaction for an audience), the
// retention schedule (when a closed case is due for disposal) and the disposal itself (purge).
// The classification of fields and the disposal invariants that Validate enforces stay in
// records; privacy builds on records and nothing in records imports it.
package privacy
