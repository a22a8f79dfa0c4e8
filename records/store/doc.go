// Package store keeps the case files on disk: one canonical YAML file per case under
// records/YYYY/, written atomically under inter-process locks, with id allocation and aliases,
// the summary index (.dossier), imports, scans of the whole repository, the repository check
// and the recovery of an interrupted renumber. It sits above records (the model), the codec,
// privacy and merge packages; nothing below imports it.
package store
