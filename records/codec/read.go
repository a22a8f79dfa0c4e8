package codec

import "github.com/dossier-dev/dossier/records"

// ParseReadOnly reads a record for a caller that only reads the case (the scans behind list,
// reports, stats and check): a file in canonical form goes through the canonical reader,
// straight into the case, and any other file through Parse. The checks on the bytes and the
// errors are Parse's, and so is the case; only the node tree is left out when the canonical
// reader read the file: Doc is nil and Pos gives 0, 0. A canonical file has no comments, so a
// caller that rewrites the record loses nothing; a caller that needs positions (to locate a
// problem) parses the file again with Parse.
func ParseReadOnly(name string, data []byte) (*records.Record, error) {
	if err := precheck(name, data); err != nil {
		return nil, err
	}
	if c, ok := decodeCanonical(data); ok {
		return &records.Record{Path: name, Case: c, Raw: data}, nil
	}
	return parseStrict(name, data)
}
