// Package records is the domain core of dossier: the Case model, dates and ids, the workflow
// table and the verbs that add history entries, deadlines and obligations, the office profile,
// the classification of fields and the invariants of a disposed case, Validate, and the
// Problem, InputError and Record types every layer reports with. It imports none of its
// sub-packages (codec, privacy, merge, store), which all build on it.
package records
