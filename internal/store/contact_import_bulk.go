package store

import (
	"database/sql"
	"fmt"
)

// Bulk mode. A large import into a database smaller than itself spends
// nearly all its time keeping the match indexes (name and company, company,
// LinkedIn URL, email, phone) in order: their keys arrive in random order,
// so each insert lands on a different page, and once the indexes outgrow
// the page cache every insert is a read and a write of a page. So after
// enough new contacts the import drops those indexes, appends rows, and
// builds the indexes again at the end by sorting, which is many times
// faster. Everything stays inside the one transaction: if the import
// fails, the indexes come back with the rollback.
//
// The category and source tallies (0031, 0034) are not kept row by row
// either: their insert triggers are dropped with the indexes, and the
// contacts written in bulk mode are counted into them in one pass when it
// ends.
//
// Without the indexes nothing can be looked up, so a contact the Bloom
// filter cannot rule out as new is written anyway and remembered as a
// suspect. When the indexes are back, each suspect is matched against the
// contacts stored before it; one that matches is merged into its match and
// removed, exactly as if it had been matched on arrival.

// bulkAfter is how many contacts an import must have created before bulk
// mode pays for rebuilding the indexes.
var bulkAfter = 10_000

// maxSuspects bounds the suspects held in memory (16 bytes each): a file
// that turns out to repeat itself leaves bulk mode and goes on matching
// row by row.
var maxSuspects = 100_000

// suspect is a contact written in bulk mode that may be someone stored
// before it. Only its id is kept (the row holds the rest), and whether
// the file gave its stage and category, which a match must not take from
// the import's defaults.
type suspect struct {
	id                        int64
	stageGiven, categoryGiven bool
}

// indexDef is a dropped index (or trigger) and the statement that makes
// it again.
type indexDef struct {
	name, sql string
}

// dropDefs drops the indexes (with triggers, the triggers) that query
// selects as name and sql, and returns them for makeDefs: a large write
// drops what it would keep up row by row, and makes it again at its end,
// in the same transaction (a rollback brings them back as they were).
func (tx *Tx) dropDefs(triggers bool, query string, args ...any) ([]indexDef, error) {
	rows, err := tx.Query(query, args...)
	if err != nil {
		return nil, err
	}
	defs, err := scanIndexDefs(rows)
	if err != nil {
		return nil, err
	}
	drop := "DROP INDEX "
	if triggers {
		drop = "DROP TRIGGER "
	}
	for _, d := range defs {
		if _, err := tx.Exec(drop + quoteIdent(d.name)); err != nil {
			return nil, err
		}
	}
	return defs, nil
}

// makeDefs makes what dropDefs dropped again, from the statements
// sqlite_master kept.
func (tx *Tx) makeDefs(defs []indexDef) error {
	for _, d := range defs {
		if _, err := tx.Exec(d.sql); err != nil {
			return err
		}
	}
	return nil
}

// maybeEnterBulk enters bulk mode once the import has created more
// contacts than bulkAfter and than the database held before it.
func (imp *Importer) maybeEnterBulk() error {
	if imp.bulk || imp.bulkDone || imp.filter == nil {
		return nil
	}
	created := int64(imp.counts.Created)
	if created < int64(bulkAfter) || created < imp.existing {
		return nil
	}
	if err := imp.flush(); err != nil {
		return err
	}
	defs, err := imp.tx.dropDefs(false, `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
		AND name IN ('contacts_name_company', 'contacts_company_key', 'contacts_linkedin_url',
			'contact_emails_key', 'contact_phones_tail') ORDER BY name`)
	if err != nil {
		return err
	}
	tally, err := imp.tx.dropDefs(true, `SELECT name, sql FROM sqlite_master WHERE type = 'trigger'
		AND name IN ('tally_category_insert', 'tally_source_insert') ORDER BY name`)
	if err != nil {
		return err
	}
	imp.dropped, imp.bulk, imp.bulkFrom = append(defs, tally...), true, imp.nextID
	return nil
}

// The tallies' counts of the contacts written in bulk mode, from the id
// given on: by category, and their first placements by source.
const (
	tallyCategoriesBulkSQL = `INSERT INTO category_tally (category_key, contacts, never_met)
	SELECT category_key, count(*), count(*) - count(last_contact) FROM contacts
	WHERE id >= ? AND archived_on IS NULL GROUP BY category_key
	ON CONFLICT (category_key) DO UPDATE SET contacts = contacts + excluded.contacts, never_met = never_met + excluded.never_met`
	tallySourcesBulkSQL = `INSERT INTO source_tally (added_on, source, contacts)
	SELECT m.moved_on, c.source, count(*) FROM stage_moves m JOIN contacts c ON c.id = m.contact_id
	WHERE m.contact_id >= ? AND m.from_stage IS NULL GROUP BY m.moved_on, c.source
	ON CONFLICT (added_on, source) DO UPDATE SET contacts = contacts + excluded.contacts`
)

func scanIndexDefs(rows *sql.Rows) ([]indexDef, error) {
	defer rows.Close()
	var out []indexDef
	for rows.Next() {
		var d indexDef
		if err := rows.Scan(&d.name, &d.sql); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// leaveBulk builds the dropped indexes again and settles the suspects.
func (imp *Importer) leaveBulk() error {
	if !imp.bulk {
		return nil
	}
	if err := imp.flush(); err != nil {
		return err
	}
	// Building an index sorts in memory pages as large as the page cache;
	// the default cache keeps that within the memory budget.
	if _, err := imp.tx.Exec("PRAGMA cache_size = -2000"); err != nil {
		return err
	}
	if _, err := imp.tx.Exec(tallyCategoriesBulkSQL, imp.bulkFrom); err != nil {
		return err
	}
	if _, err := imp.tx.Exec(tallySourcesBulkSQL, imp.bulkFrom); err != nil {
		return err
	}
	if err := imp.tx.makeDefs(imp.dropped); err != nil {
		return err
	}
	if _, err := imp.tx.Exec(fmt.Sprintf("PRAGMA cache_size = -%d", importCacheKiB)); err != nil {
		return err
	}
	imp.bulk, imp.bulkDone, imp.dropped = false, true, nil
	suspects := imp.suspects
	imp.suspects = nil
	for _, s := range suspects {
		c, err := imp.contact(s.id)
		if err != nil {
			return err
		}
		if !s.stageGiven {
			c.Stage = ""
		}
		if !s.categoryGiven {
			c.Category = ""
		}
		match, ap, err := imp.matchBefore(c, s.id)
		if err != nil {
			return err
		}
		if match == 0 {
			// the filter's false alarm, or a shared phone only: a new
			// contact after all
			if ap.id != 0 {
				imp.keptApart(ap, s.id, c.Name)
			}
			continue
		}
		if err := imp.tx.unwrite(s.id); err != nil {
			return err
		}
		o, err := imp.merge(match, c)
		if err != nil {
			return err
		}
		imp.counts.Created--
		imp.counts.add(o)
	}
	return nil
}

// unwrite removes a contact this import wrote, with its rows; foreign keys
// are off during an import, so nothing cascades by itself.
func (tx *Tx) unwrite(id int64) error {
	for _, q := range []func() (sql.Result, error){
		func() (sql.Result, error) { return tx.Exec("DELETE FROM contact_emails WHERE contact_id = ?", id) },
		func() (sql.Result, error) { return tx.Exec("DELETE FROM contact_phones WHERE contact_id = ?", id) },
		func() (sql.Result, error) { return tx.Exec("DELETE FROM contact_tags WHERE contact_id = ?", id) },
		func() (sql.Result, error) { return tx.Exec("DELETE FROM stage_moves WHERE contact_id = ?", id) },
		func() (sql.Result, error) { return tx.Exec("DELETE FROM contacts WHERE id = ?", id) },
	} {
		if _, err := q(); err != nil {
			return err
		}
	}
	return nil
}
