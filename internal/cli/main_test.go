package cli

// testRunner runs the commands of the hostile-corpus, export and parquet tests in this
// process, keeping each dossier.yaml's layers read once (Runner); the other tests' Run reads
// every file each time, as a process does.
var testRunner = NewRunner()
