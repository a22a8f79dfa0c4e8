package store

// SummaryKeeps reports whether a summary (the index) keeps every history entry of action, so
// that a declared report reading its dates may run from the index.
func SummaryKeeps(action string) bool { return keptInSummary(action) }
