package store

import "strings"

// An import fills the search index itself. Through the triggers, every
// contact would be indexed once for its row and again for each email and
// tag written after it (each time removed and indexed anew), which made a
// 100,000-row import half as slow again. So for the import's transaction
// the triggers that index contacts are dropped, and at its end the index
// gets each new contact once, in one statement from the same view the
// triggers read (contact_search_docs), and each contact the import
// changed anew. The triggers come back in the same transaction: if the
// import fails, the rollback brings them back as they were.

// contactIndexTriggers selects the triggers that index a contact's own
// fields, emails and tags (0017_search.sql). The one that removes a
// contact's entry stays, as does the one that indexes introductions
// under a contact's new name.
const contactIndexTriggers = `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (
	'search_contacts_insert', 'search_contacts_update',
	'search_contact_emails_insert', 'search_contact_emails_update', 'search_contact_emails_delete',
	'search_contact_tags_insert', 'search_contact_tags_update', 'search_contact_tags_delete') ORDER BY name`

// pauseContactIndex drops the triggers that index contacts and returns
// them, for resumeContactIndex to make again.
func (tx *Tx) pauseContactIndex() ([]indexDef, error) {
	return tx.dropDefs(true, contactIndexTriggers)
}

// resumeContactIndex indexes the contacts from firstNew on and those in
// changed, then makes the dropped triggers again.
func (tx *Tx) resumeContactIndex(defs []indexDef, firstNew int64, changed []int64) error {
	if _, err := tx.Exec(`INSERT INTO contact_search (rowid, name, company, title, category, emails, tags, met_at, topic, idea, notes)
		SELECT * FROM contact_search_docs WHERE id >= ?`, firstNew); err != nil {
		return err
	}
	for _, id := range changed {
		if id >= firstNew {
			continue // indexed above, as it is now
		}
		if _, err := tx.execOften("DELETE FROM contact_search WHERE rowid = ?", id); err != nil {
			return err
		}
		if _, err := tx.execOften(`INSERT INTO contact_search (rowid, name, company, title, category, emails, tags, met_at, topic, idea, notes)
			SELECT * FROM contact_search_docs WHERE id = ?`, id); err != nil {
			return err
		}
	}
	return tx.makeDefs(defs)
}

// An undo that rewrites most of the records at once (the undo of a large
// import, or its redo) would, through the triggers, remove and index each
// contact up to three times (for its row, then for each email and tag);
// instead the index is emptied and filled again from the records, in one
// pass per kind, once the undo has written them.

// searchIndexes are the index's tables, with the view that says what each
// of its rows holds and the table whose records those are (0017_search.sql).
var searchIndexes = []struct{ index, docs, records string }{
	{"contact_search", "contact_search_docs", "contacts"},
	{"coffee_search", "coffee_search_docs", "coffees"},
	{"intro_search", "intro_search_docs", "introductions"},
	{"followup_search", "followup_search_docs", "followups"},
}

// searchTriggers selects every trigger that keeps the search index.
const searchTriggers = `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search\_%' ESCAPE '\' ORDER BY name`

// indexedRecords counts the records the search index holds.
func (tx *Tx) indexedRecords() (int64, error) {
	var total int64
	for _, ix := range searchIndexes {
		var n int64
		if err := tx.QueryRow("SELECT count(*) FROM " + quoteIdent(ix.records)).Scan(&n); err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

// withSearchRebuilt runs fn with the search index's triggers dropped, then
// fills the index again from the records and makes the triggers again.
func (tx *Tx) withSearchRebuilt(fn func() error) error {
	defs, err := tx.dropDefs(true, searchTriggers)
	if err != nil {
		return err
	}
	if err := fn(); err != nil {
		return err
	}
	for _, ix := range searchIndexes {
		cols, err := tx.tableColumns(ix.index)
		if err != nil {
			return err
		}
		quoted := []string{"rowid"}
		for _, c := range cols {
			quoted = append(quoted, quoteIdent(c))
		}
		table := quoteIdent(ix.index)
		if _, err := tx.Exec("INSERT INTO " + table + " (" + table + ") VALUES ('delete-all')"); err != nil {
			return err
		}
		if _, err := tx.Exec("INSERT INTO " + table + " (" + strings.Join(quoted, ", ") + ") SELECT * FROM " + quoteIdent(ix.docs)); err != nil {
			return err
		}
	}
	return tx.makeDefs(defs)
}
