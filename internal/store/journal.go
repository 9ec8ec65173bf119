package store

import (
	"database/sql"
	"encoding/json"
	"sort"
)

// The journal records every write transaction as one entry, in the same
// transaction: when, the command line, what the store did, a summary, and
// the changes, enough to reverse them (journal_undo.go).
//
// Why a change log of row images rather than SQLite's own undo/redo
// technique (triggers that record the inverse SQL statements): the images
// are data, so undo reads them and runs statements made from the schema
// with the values bound, as every query in kith is (the SQL vet test would
// rightly refuse running SQL text read from a table); an entry can be
// checked against later ones row by row and column by column, to refuse
// an undo that would overwrite a later change and name that change; and
// history can tell what happened to a person from the same rows. Inserts
// are ranges of ids, so an import of 100,000 contacts is a handful of
// journal rows instead of 100,000 (see bench/RESULTS.md for the figures).

// opImportDatabase names the restore of a whole-database export, which is
// not an entry: it fills an empty database with what the export held,
// the journal included.
const opImportDatabase = "import database"

// SetCommand sets the command line (its arguments as typed, without the
// program's name) that the journal entries of this handle's writes carry.
// The CLI sets it once, when it opens the store.
func (db *DB) SetCommand(args []string) {
	if args == nil {
		args = []string{}
	}
	b, _ := json.Marshal(args) // strings always marshal
	db.command = string(b)
}

// journalWrite is the journal's view of one write transaction: what it
// saw when the transaction began, and what the undo engine adds.
type journalWrite struct {
	seqs       map[string]int64 // each table's id sequence at the start
	lastChange int64            // the last change recorded before it
	// set by an undo: the entry it reverses, its own summary and counts
	// (it has counted its changes already), and what learns the new
	// entry's id
	undoes  int64
	summary string
	counts  map[string]TableCounts
	written func(id int64)
}

// journaling wraps fn so that its transaction is journaled: fn's changes
// become one entry, written before the commit. The migration and the
// restore of an export are not entries.
func (db *DB) journaling(op string, fn func(*Tx) error) func(*Tx) error {
	if !journalOn || op == opMigrate || op == opImportDatabase {
		return fn
	}
	command := db.command
	if command == "" {
		command = "[]"
	}
	return func(tx *Tx) error {
		if err := tx.beginJournal(); err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			return err
		}
		return tx.endJournal(op, command)
	}
}

// unjournaled runs fn and forgets the changes the journal's triggers
// recorded meanwhile, for a write that is not an entry.
func (tx *Tx) unjournaled(fn func() error) error {
	last, err := tx.lastChangeID()
	if err != nil {
		return err
	}
	if err := fn(); err != nil {
		return err
	}
	_, err = tx.Exec("DELETE FROM journal_changes WHERE id > ?", last)
	return err
}

// lastChangeID is the id of the last change recorded (0: none).
func (tx *Tx) lastChangeID() (int64, error) {
	var id int64
	err := tx.QueryRow("SELECT COALESCE(MAX(id), 0) FROM journal_changes").Scan(&id)
	return id, err
}

// beginJournal notes each table's sequence and the last change so far.
func (tx *Tx) beginJournal() error {
	seqs, err := tx.sequenceMap()
	if err != nil {
		return err
	}
	j := &journalWrite{seqs: seqs}
	if j.lastChange, err = tx.lastChangeID(); err != nil {
		return err
	}
	tx.journal = j
	return nil
}

// sequenceMap reads every table's id sequence.
func (tx *Tx) sequenceMap() (map[string]int64, error) {
	return queryMap[string, int64](tx, "SELECT name, seq FROM sqlite_sequence")
}

// endJournal records the rows the write added, as ranges of ids above each
// table's sequence at the start, and writes the entry, unless the write
// changed nothing.
func (tx *Tx) endJournal(op, command string) error {
	j := tx.journal
	seqs, err := tx.sequenceMap()
	if err != nil {
		return err
	}
	tables := make([]string, 0, len(seqs))
	for t := range seqs {
		tables = append(tables, t)
	}
	sort.Strings(tables)
	for _, t := range tables {
		if before := j.seqs[t]; seqs[t] > before && !isJournalTable(t) {
			if err := tx.recordInserted(t, before+1, seqs[t]); err != nil {
				return err
			}
		}
	}
	var first, last sql.NullInt64
	if err := tx.QueryRow("SELECT min(id), max(id) FROM journal_changes WHERE id > ?", j.lastChange).Scan(&first, &last); err != nil || !first.Valid {
		return err // no change, no entry
	}
	counts, summary := j.counts, j.summary
	if counts == nil {
		changes, err := tx.changesAfter(j.lastChange)
		if err != nil {
			return err
		}
		if counts, err = tx.countChanges(changes); err != nil {
			return err
		}
		if summary, err = tx.summarize(op, changes, counts); err != nil {
			return err
		}
	}
	countsJSON, err := json.Marshal(counts)
	if err != nil {
		return err
	}
	var undoes any
	if j.undoes != 0 {
		undoes = j.undoes
	}
	res, err := tx.Exec(`INSERT INTO journal (at, command, operation, summary, counts, undoes, first_change, last_change)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, tx.Now(), command, op, summary, string(countsJSON), undoes, first.Int64, last.Int64)
	if err != nil || j.written == nil {
		return err
	}
	id, err := res.LastInsertId()
	j.written(id)
	return err
}

// recordInserted records that rows first..last of table were added.
func (tx *Tx) recordInserted(table string, first, last int64) error {
	_, err := tx.Exec("INSERT INTO journal_changes (tbl, op, first_row, last_row) VALUES (?, 'insert', ?, ?)", table, first, last)
	return err
}

// change is one row of journal_changes, without its image.
type change struct {
	id          int64
	table, op   string
	first, last int64
}

// changesAfter reads the changes recorded after the change id, in order.
func (tx *Tx) changesAfter(id int64) ([]change, error) {
	return queryAll(tx, scanChange, "SELECT id, tbl, op, first_row, last_row FROM journal_changes WHERE id > ? ORDER BY id", id)
}

func scanChange(s interface{ Scan(...any) error }) (change, error) {
	var c change
	err := s.Scan(&c.id, &c.table, &c.op, &c.first, &c.last)
	return c, err
}
