package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/kith-crm/kith/internal/kith"
)

// opUndo names an undo's transaction (and its journal entry).
const opUndo = "undo"

// UndoResult says what an undo did, or would do (DryRun).
type UndoResult struct {
	Undone Entry `json:"undone"` // the entry reversed
	// Original is the command the undo is about: Undone itself, or, when
	// Undone is an undo (or a redo), the entry it undid in the end.
	// Redo says the undo puts Original's change back.
	Original Entry `json:"original"`
	Redo     bool  `json:"redo"`
	Entry    int64 `json:"entry,omitempty"` // the undo's own entry; 0 for a dry run
	DryRun   bool  `json:"dry_run"`
	// Counts are the rows the undo added, changed and removed, by table.
	Counts map[string]TableCounts `json:"counts"`
}

// Undo reverses journal entry id (0: the latest) in one transaction, which
// is itself an entry, so undoing an undo redoes. It puts back every row the
// entry changed or removed, as it was before, and removes every row it
// added. It refuses, naming the later entry, when a later entry changed
// the same records (or added a row that refers to one the undo would
// remove); a dry run does everything, reports it, and rolls back.
//
// The undo runs with foreign keys off on its own connection, so removing a
// row never cascades beyond what the entry itself did; every reference is
// checked before the commit instead.
func (db *DB) Undo(ctx context.Context, id int64, dryRun bool) (UndoResult, error) {
	var res UndoResult
	err := db.withoutForeignKeys(ctx, func(conn *sql.Conn) error {
		return db.withLargeCache(ctx, conn, func() error {
			return db.runOn(ctx, conn, nil, opUndo, func(tx *Tx) error {
				if err := tx.undo(id, &res); err != nil {
					return err
				}
				if dryRun {
					return errDryRun
				}
				return nil
			})
		})
	})
	if errors.Is(err, errDryRun) {
		res.DryRun = true
		return res, nil
	}
	return res, err
}

// undoPlan is what reversing an entry takes.
type undoPlan struct {
	entry   Entry
	columns map[string][]string // the current columns of each table it touched
	created []change            // the ranges of rows it added, in the order to remove them
	// the rows it added, by table
	createdRows map[string]rangeSet
	restore     []rowImage // rows it changed: the columns it changed, as they were
	removals    []removal  // rows it removed, in the order to put them back
	fks         []foreignKey
	// set by the replay: how many rows it removed from each table, and the
	// last change recorded once it had
	removed      map[string]int
	afterRemoval int64
}

// rowImage is a row's values before an entry, or the part of them it
// changed.
type rowImage struct {
	table  string
	id     int64
	values map[string]any
}

// removal is a row an entry removed that was there before it.
type removal struct {
	table  string
	id     int64
	change int64 // the change that recorded the removal, whose image is the row
	// the values of the columns the entry changed before it removed the
	// row, as they were before; nil when it only removed it
	values map[string]any
}

func (tx *Tx) undo(id int64, res *UndoResult) error {
	e, err := tx.entry(id)
	if err != nil {
		return err
	}
	later, err := tx.entriesAfter(e.ID)
	if err != nil {
		return err
	}
	cancelled, undoneBy := cancelledPairs(later)
	if by := undoneBy[e.ID]; by != 0 {
		return kith.Errorf(kith.Conflict, "#%d was already undone by #%d", e.ID, by).WithHint("kith undo %d redoes it", by)
	}
	plan, err := tx.planUndo(e)
	if err != nil {
		return err
	}
	keep, err := tx.checkLater(plan, later, cancelled)
	if err != nil {
		return err
	}
	if err := tx.replayIndexing(plan, keep); err != nil {
		return err
	}
	if err := tx.checkReferences(plan); err != nil {
		return err
	}
	if res.Counts, err = tx.countUndo(plan); err != nil {
		return err
	}
	res.Undone = e
	if res.Original, res.Redo, err = tx.originalOf(e); err != nil {
		return err
	}
	tx.journal.undoes = e.ID
	verb := "undid"
	if res.Redo {
		verb = "redid"
	}
	tx.journal.summary = fmt.Sprintf("%s #%d: %s", verb, res.Original.ID, res.Original.Summary)
	tx.journal.counts = res.Counts
	tx.journal.written = func(id int64) { res.Entry = id }
	return nil
}

// originalOf follows undoes back to the command they are about, and says
// whether undoing e puts that command's change back (an odd number of
// undos between them).
func (tx *Tx) originalOf(e Entry) (Entry, bool, error) {
	redo := false
	for e.Undoes != 0 {
		undone, err := tx.entry(e.Undoes)
		if err != nil {
			return e, false, err
		}
		e, redo = undone, !redo
	}
	return e, redo, nil
}

// planUndo reads an entry's changes and works out the rows to remove, to
// restore and to put back. Only the images of changed rows are read here:
// a removed row's image is read when it is put back, by SQLite itself for
// rows removed together (an import undone is 100,000 of them).
func (tx *Tx) planUndo(e Entry) (*undoPlan, error) {
	changes, images, err := tx.entryChanges(e)
	if err != nil {
		return nil, err
	}
	p := &undoPlan{entry: e, columns: map[string][]string{}, createdRows: addedRows(changes)}
	before := map[string]map[int64]map[string]any{} // changed rows' values before the entry
	removed := map[string]map[int64]bool{}
	for i, c := range changes {
		if err := tx.knowTable(p, c.table); err != nil {
			return nil, err
		}
		switch {
		case c.op == "insert":
			p.created = append(p.created, c)
		case p.createdRows[c.table].has(c.first):
			// added by the entry itself: removing it is enough
		case c.op == "delete":
			if removed[c.table] == nil {
				removed[c.table] = map[int64]bool{}
			}
			removed[c.table][c.first] = true
			p.removals = append(p.removals, removal{table: c.table, id: c.first, change: c.id, values: before[c.table][c.first]})
		default:
			image, err := decodeImage(images[i])
			if err != nil {
				return nil, err
			}
			if before[c.table] == nil {
				before[c.table] = map[int64]map[string]any{}
			}
			vals := before[c.table][c.first]
			if vals == nil {
				vals = map[string]any{}
				before[c.table][c.first] = vals
				p.restore = append(p.restore, rowImage{table: c.table, id: c.first, values: vals})
			}
			for col, v := range image {
				if _, seen := vals[col]; !seen {
					vals[col] = v // the first change of a column holds its value before the entry
				}
			}
		}
	}
	p.restore = slices.DeleteFunc(p.restore, func(r rowImage) bool { return removed[r.table][r.id] })
	return p, tx.orderChanges(p)
}

// entryChanges reads an entry's changes in order, with the images of its
// updates (short: the changed columns only).
func (tx *Tx) entryChanges(e Entry) ([]change, []string, error) {
	rows, err := tx.Query(`SELECT id, tbl, op, first_row, last_row, CASE WHEN op = 'update' THEN old END
		FROM journal_changes WHERE id BETWEEN ? AND ? ORDER BY id`, e.firstChange, e.lastChange)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var changes []change
	var images []string
	for rows.Next() {
		var c change
		var old sql.NullString
		if err := rows.Scan(&c.id, &c.table, &c.op, &c.first, &c.last, &old); err != nil {
			return nil, nil, err
		}
		changes = append(changes, c)
		images = append(images, old.String)
	}
	return changes, images, rows.Err()
}

// knowTable checks that a table an entry touched still exists, and notes
// its columns.
func (tx *Tx) knowTable(p *undoPlan, table string) error {
	if _, ok := p.columns[table]; ok {
		return nil
	}
	cols, err := tx.tableColumns(table)
	if err != nil {
		return err
	}
	if len(cols) == 0 || isJournalTable(table) {
		return kith.Errorf(kith.Conflict, "cannot undo #%d: it changed table %s, which this kith no longer has", p.entry.ID, table)
	}
	p.columns[table] = cols
	return nil
}

// orderChanges sorts the rows to remove so that a row goes before the
// rows it refers to, and the rows to put back parents first (the last
// removed first within a table): triggers that read a parent (a
// follow-up's contact name) need it there, and an undo of the undo puts
// the removed rows back in the same order.
func (tx *Tx) orderChanges(p *undoPlan) error {
	rank, err := tx.referenceRanks()
	if err != nil {
		return err
	}
	sort.SliceStable(p.created, func(i, j int) bool {
		a, b := p.created[i], p.created[j]
		if rank[a.table] != rank[b.table] {
			return rank[a.table] > rank[b.table]
		}
		return a.first > b.first
	})
	sort.SliceStable(p.removals, func(i, j int) bool {
		a, b := p.removals[i], p.removals[j]
		if rank[a.table] != rank[b.table] {
			return rank[a.table] < rank[b.table]
		}
		return a.change > b.change
	})
	return nil
}

// replay reverses the entry: the rows it added go (children first), the
// rows it removed come back (parents first) with their ids, and the rows
// it changed get their old values back, once the rows they may refer to
// again are there (a trigger reads a follow-up's contact). keep names, by
// table and row, the columns a later entry set since, which stay as they
// are.
func (tx *Tx) replay(p *undoPlan, keep map[string]map[int64]map[string]bool) error {
	p.removed = map[string]int{}
	for _, c := range p.created {
		n, err := tx.deleteRows(c.table, c.first, c.last)
		if err != nil {
			return err
		}
		p.removed[c.table] += n
	}
	var err error
	if p.afterRemoval, err = tx.lastChangeID(); err != nil {
		return err
	}
	if err := tx.putBackAll(p); err != nil {
		return err
	}
	for _, r := range p.restore {
		cols, args := p.assignments(r, keep[r.table][r.id])
		if len(cols) == 0 {
			continue
		}
		if err := tx.checkParents(p, r); err != nil {
			return err
		}
		q := "UPDATE " + quoteIdent(r.table) + " SET " + strings.Join(cols, ", ") + " WHERE id = ?"
		if _, err := tx.Exec(q, append(args, r.id)...); err != nil {
			return tx.undoConflict(p, r, err)
		}
	}
	return nil
}

// assignments are the "column = ?" of an image's columns the table still
// has, but those in skip, with their values.
func (p *undoPlan) assignments(r rowImage, skip map[string]bool) ([]string, []any) {
	var cols []string
	var args []any
	for _, c := range p.columns[r.table] {
		v, ok := r.values[c]
		if !ok || skip[c] {
			continue
		}
		cols = append(cols, quoteIdent(c)+" = ?")
		args = append(args, v)
	}
	return cols, sqlValues(args)
}

// sqlValues turns a JSON image's values back into what was stored.
func sqlValues(vs []any) []any {
	for i, v := range vs {
		if x, err := sqlValue(v); err == nil {
			vs[i] = x
		}
	}
	return vs
}
