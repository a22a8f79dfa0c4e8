package store

import "encoding/binary"

// rewriteIdentities writes the index again with the k-th entry's stat identity replaced by
// found[k]'s, when found are exactly the files of the index, in its order, each with the
// content the index holds (a fresh clone with .dossier/ restored: every identity changed,
// no content). The string table, the names and the rest of each entry are copied as they are:
// the bytes writeIndexFrom would write for the same summaries, without encoding a hundred
// thousand of them again (most of what a fresh clone's first read cost). False, with nothing
// written, when the index is not that (the caller writes it from the summaries).
func (s *Store) rewriteIdentities(found []scanned) bool {
	h := s.openIndexHead()
	if h == nil {
		return false
	}
	defer h.close()
	if h.count != len(found) {
		return false
	}
	for k, f := range found {
		if h.names[2*k] != f.path {
			return false
		}
	}
	tableAndNames := make([]byte, h.entriesStart-h.dirsEnd)
	if _, err := h.f.ReadAt(tableAndNames, h.dirsEnd); err != nil {
		return false
	}
	var entries blockBuffer
	var body, id []byte
	for _, f := range found {
		body = h.src.read(body[:0], h.src.count())
		if h.src.err != nil {
			return false
		}
		at := 0 // past the old identity: size, mtime, ctime, inode (indexWriter.entry)
		for range 4 {
			_, n := binary.Uvarint(body[at:])
			if n <= 0 {
				return false
			}
			at += n
		}
		id = binary.AppendVarint(id[:0], f.id.size)
		id = binary.AppendVarint(id, f.id.mtime)
		id = binary.AppendVarint(id, f.id.ctime)
		id = binary.AppendUvarint(id, f.id.ino)
		entries.uvarint(uint64(len(id) + len(body) - at))
		entries.write(id)
		entries.write(body[at:])
	}
	if h.src.left != 0 {
		return false
	}
	s.writeIndexParts(append([][]byte{s.indexHeadBytes(), tableAndNames}, entries.blocks...))
	return true
}
