package store

// What makes the undo of a large import (100,000 contacts) take no longer
// than the import: tables' indexes dropped and built again around a removal
// of most of their rows, the search index filled again once instead of row
// by row, and the removed rows counted as they are removed rather than
// read back from the changes they left.

// replayIndexing replays the plan. When it writes at least bulkRows rows,
// and as many as the search index holds, the index is filled again from
// the records at the end instead of row by row (withSearchRebuilt).
func (tx *Tx) replayIndexing(p *undoPlan, keep map[string]map[int64]map[string]bool) error {
	written := int64(len(p.removals))
	for _, c := range p.created {
		written += c.last - c.first + 1
	}
	indexed, err := tx.indexedRecords()
	if err != nil {
		return err
	}
	if written < bulkRows || written < indexed {
		return tx.replay(p, keep)
	}
	return tx.withSearchRebuilt(func() error { return tx.replay(p, keep) })
}

// bulkRows is how many rows an undo must remove from a table, or put back
// into it, and at least as many as the table keeps (or holds already),
// before dropping the table's indexes and building them again beats
// keeping them in order row by row (as a large import does).
const bulkRows = 10_000

// deleteRows removes the rows first..last of table, and says how many
// there were.
func (tx *Tx) deleteRows(table string, first, last int64) (int, error) {
	var n, total int
	if err := tx.QueryRow("SELECT (SELECT count(*) FROM "+quoteIdent(table)+" WHERE id BETWEEN ?1 AND ?2), (SELECT count(*) FROM "+
		quoteIdent(table)+")", first, last).Scan(&n, &total); err != nil {
		return 0, err
	}
	return n, tx.withoutIndexesIf(n >= bulkRows && 2*n >= total, table, func() error {
		_, err := tx.Exec("DELETE FROM "+quoteIdent(table)+" WHERE id BETWEEN ? AND ?", first, last)
		return err
	})
}

// countUndo counts what the undo did. When the changes its removals left
// are exactly the rows it removed (no trigger wrote more meanwhile), those
// rows are counted as it removed them, without reading the image of each
// (a large import's undo leaves hundreds of thousands); the rest from the
// changes.
func (tx *Tx) countUndo(p *undoPlan) (map[string]TableCounts, error) {
	from, removed := tx.journal.lastChange, 0
	for _, n := range p.removed {
		removed += n
	}
	counted := p.afterRemoval-from == int64(removed)
	if counted {
		from = p.afterRemoval
	}
	changes, err := tx.changesAfter(from)
	if err != nil {
		return nil, err
	}
	counts, err := tx.countChanges(changes)
	if err != nil || !counted {
		return counts, err
	}
	for t, n := range p.removed {
		if n > 0 {
			tc := counts[t]
			tc.Removed += n
			counts[t] = tc
		}
	}
	return counts, nil
}

// withoutIndexesIf runs fn, with table's indexes dropped and built again
// after it when bulk is true. The unique constraints' own indexes stay.
func (tx *Tx) withoutIndexesIf(bulk bool, table string, fn func() error) error {
	if !bulk {
		return fn()
	}
	dropped, err := tx.dropDefs(false, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = ? ORDER BY name", table)
	if err != nil {
		return err
	}
	if err := fn(); err != nil {
		return err
	}
	return tx.makeDefs(dropped)
}
