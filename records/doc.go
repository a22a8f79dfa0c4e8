// Package records is the domain core of dossier: the Case model, dates and ids, the workflow
// table, the verbs that add history entries, deadlines and obligations, the office profile,
// and the Problem and InputError types every layer reports with. It imports none of its
// sub-packages (codec, privacy, merge, store), which all build on it.
package records
