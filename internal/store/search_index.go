package store

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
	rows, err := tx.Query(contactIndexTriggers)
	if err != nil {
		return nil, err
	}
	defs, err := scanIndexDefs(rows)
	if err != nil {
		return nil, err
	}
	for _, d := range defs {
		if _, err := tx.Exec("DROP TRIGGER " + quoteIdent(d.name)); err != nil {
			return nil, err
		}
	}
	return defs, nil
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
	for _, d := range defs {
		if _, err := tx.Exec(d.sql); err != nil {
			return err
		}
	}
	return nil
}
