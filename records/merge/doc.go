// Package merge is the three-way merge of case files (the git merge driver's engine): it merges
// two edits of one case field by field, keeps a disposal that either side made, lists the
// conflicts it cannot settle and explains them for people. It builds on records and its codec
// and privacy layers; the store uses it to explain conflicts in a check.
package merge
