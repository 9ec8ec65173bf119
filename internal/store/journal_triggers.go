package store

import (
	"fmt"
	"strings"
)

// The journal's triggers are made from the schema, not written by hand:
// after every migration the store drops them and makes them again for
// every table there is, with every column it has. So a command added later
// is journaled without describing its own inverse, and a table or column
// added later is covered as soon as its migration runs.
//
// Each table gets two: after an UPDATE that changes something, the changed
// columns' old values; after a DELETE, the whole old row. Inserts need no
// trigger: ids are never given twice, so the rows a write added are the ids
// above each table's sequence when it began (endJournal records them as
// ranges). A 100,000-contact import thus costs the journal nothing per row.

// journalTriggerPrefix starts the name of every trigger the journal owns.
const journalTriggerPrefix = "journal_"

// isJournalTable reports whether table is one of the journal's own, which
// are not journaled.
func isJournalTable(table string) bool {
	return table == "journal" || strings.HasPrefix(table, "journal_")
}

// dropJournalTriggers removes the journal's triggers, before a migration
// changes the tables they are made from (and so that the migration's own
// writes are not journaled).
func (tx *Tx) dropJournalTriggers() error {
	rows, err := tx.Query(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'journal\_%' ESCAPE '\'`)
	if err != nil {
		return err
	}
	names, err := scanStrings(rows)
	if err != nil {
		return err
	}
	for _, name := range names {
		if _, err := tx.Exec("DROP TRIGGER " + quoteIdent(name)); err != nil {
			return err
		}
	}
	return nil
}

// installJournalTriggers makes the update and delete triggers of every
// table but the journal's own. A table without an AUTOINCREMENT id is
// refused: the journal could not see the rows added to it.
func (tx *Tx) installJournalTriggers() error {
	if !journalOn {
		return nil
	}
	tables, err := tx.journaledTables()
	if err != nil {
		return err
	}
	for _, t := range tables {
		cols, err := tx.tableColumns(t)
		if err != nil {
			return err
		}
		for _, q := range []string{updateTrigger(t, cols), deleteTrigger(t, cols)} {
			if _, err := tx.Exec(q); err != nil {
				return fmt.Errorf("journal trigger on %s: %w", t, err)
			}
		}
	}
	return nil
}

// journaledTables lists the tables the journal covers, checking that each
// has an AUTOINCREMENT id. The search index's virtual tables and their
// shadow tables are not among them (tableNames leaves them out): triggers
// on the tables it indexes keep it, so an undo that puts those tables back
// keeps the index right too.
func (tx *Tx) journaledTables() ([]string, error) {
	tables, err := tx.tableNames()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, t := range tables {
		if isJournalTable(t) {
			continue
		}
		var auto bool
		err := tx.QueryRow(`SELECT EXISTS (SELECT 1 FROM pragma_table_info(?1) WHERE name = 'id' AND pk = 1)
			AND (SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1) LIKE '%AUTOINCREMENT%'`, t).Scan(&auto)
		if err != nil {
			return nil, err
		}
		if !auto {
			return nil, fmt.Errorf("table %s has no id INTEGER PRIMARY KEY AUTOINCREMENT, which the journal needs to see the rows added to it", t)
		}
		out = append(out, t)
	}
	return out, nil
}

// updateTrigger records, for a change that changed anything, the old value
// of each column that changed (json_remove drops the others; a column that
// did not change is removed by a path no key has).
func updateTrigger(table string, cols []string) string {
	var changed, unchanged []string
	for _, c := range cols {
		changed = append(changed, "OLD."+quoteIdent(c)+" IS NOT NEW."+quoteIdent(c))
		unchanged = append(unchanged, "CASE WHEN OLD."+quoteIdent(c)+" IS NEW."+quoteIdent(c)+
			" THEN "+quoteString(jsonPath(c))+" ELSE '$.\"kith:none\"' END")
	}
	return "CREATE TRIGGER " + quoteIdent(journalTriggerPrefix+table+"_update") + " AFTER UPDATE ON " + quoteIdent(table) +
		" WHEN " + strings.Join(changed, " OR ") + " BEGIN INSERT INTO journal_changes (tbl, op, first_row, last_row, old) VALUES (" +
		quoteString(table) + ", 'update', NEW.id, NEW.id, json_remove(" + oldRow(cols) + ", " +
		strings.Join(unchanged, ", ") + ")); END"
}

// deleteTrigger records the whole row removed.
func deleteTrigger(table string, cols []string) string {
	return "CREATE TRIGGER " + quoteIdent(journalTriggerPrefix+table+"_delete") + " AFTER DELETE ON " + quoteIdent(table) +
		" BEGIN INSERT INTO journal_changes (tbl, op, first_row, last_row, old) VALUES (" +
		quoteString(table) + ", 'delete', OLD.id, OLD.id, " + oldRow(cols) + "); END"
}

// oldRow is a json_object of the old row's columns.
func oldRow(cols []string) string {
	var pairs []string
	for _, c := range cols {
		pairs = append(pairs, quoteString(c)+", OLD."+quoteIdent(c))
	}
	return "json_object(" + strings.Join(pairs, ", ") + ")"
}

// jsonPath is the JSON path of a column's key in a row object (kith's
// column names are plain words, without quotes).
func jsonPath(col string) string {
	return `$."` + col + `"`
}

// quoteString quotes a name read from the schema as an SQL string literal,
// for DDL, which takes no parameters.
func quoteString(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
