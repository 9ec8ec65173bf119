package store

import (
	"context"
	"encoding/json"
	"errors"
	"time"
)

// HistoryQuery selects the entries kith history lists.
type HistoryQuery struct {
	Contact int64     // only the entries that touched this contact's records; 0: all
	Since   time.Time // only the entries written at or after it; zero: all
	Limit   int       // at most this many, the newest; 0: all
}

// errEnough stops a read that has passed on as many records as were asked
// for.
var errEnough = errors.New("enough records")

// EachEntry calls fn with the journal's entries, newest first, as they are
// read, each with the undo that reversed it (when nothing has redone it
// since). Read newest first, an undo comes before the entry it reversed,
// so that entry's undo is known when it is reached; an undo that a later
// undo reversed (a redo) no longer counts.
func (db *DB) EachEntry(ctx context.Context, q HistoryQuery, fn func(Entry) error) error {
	return db.scan(ctx, "history", func(tx *Tx) error {
		since := ""
		if !q.Since.IsZero() {
			since = q.Since.UTC().Format(time.RFC3339)
		}
		var touched map[int64]bool
		if q.Contact != 0 {
			var err error
			if touched, err = tx.entriesTouching(q.Contact); err != nil {
				return err
			}
		}
		undoneBy, reversed := map[int64]int64{}, map[int64]bool{}
		passed := 0
		err := queryEach(tx, scanEntry, func(e Entry) error {
			if e.Undoes != 0 && !reversed[e.ID] {
				undoneBy[e.Undoes], reversed[e.Undoes] = e.ID, true
			}
			if touched != nil && !touched[e.ID] {
				return nil
			}
			e.UndoneBy = undoneBy[e.ID]
			if err := fn(e); err != nil {
				return err
			}
			if passed++; passed == q.Limit {
				return errEnough
			}
			return nil
		}, "SELECT "+entryColumns+" FROM journal WHERE at >= ? ORDER BY id DESC", since)
		if errors.Is(err, errEnough) {
			return nil
		}
		return err
	})
}

// personRow is one record of a person's: a row of a table.
type personRow struct {
	Table string `json:"t"`
	ID    int64  `json:"id"`
}

// entriesTouching finds the entries that added, changed or removed one
// of the contact's records: the contact, every row that refers to it (an
// email, a follow-up, an introduction either way, an attendance), as it is
// now or as the journal saw it before a change or a removal, and the rows
// such a link row joins it to (the coffees the contact was at).
func (tx *Tx) entriesTouching(contact int64) (map[int64]bool, error) {
	rows, err := tx.personRows(contact)
	if err != nil {
		return nil, err
	}
	mine, err := json.Marshal(rows)
	if err != nil {
		return nil, err
	}
	ids, err := queryAll(tx, scanInt64, `WITH mine AS (SELECT value ->> 't' AS tbl, value ->> 'id' AS id FROM json_each(?))
		SELECT j.id FROM journal j WHERE EXISTS (SELECT 1 FROM journal_changes c JOIN mine m
			ON c.tbl = m.tbl AND m.id BETWEEN c.first_row AND c.last_row
			WHERE c.id BETWEEN j.first_change AND j.last_change)`, string(mine))
	if err != nil {
		return nil, err
	}
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

func scanInt64(s interface{ Scan(...any) error }) (int64, error) {
	var n int64
	err := s.Scan(&n)
	return n, err
}

// personRows lists the contact's records, found through the references
// the schema declares, so a table added later is covered by its foreign
// key alone.
func (tx *Tx) personRows(contact int64) ([]personRow, error) {
	fks, err := tx.foreignKeys()
	if err != nil {
		return nil, err
	}
	out := []personRow{{"contacts", contact}}
	for _, fk := range fks {
		if fk.parent != "contacts" || fk.child == "contacts" {
			continue
		}
		links := []foreignKey{{child: fk.child, column: "id", parent: fk.child}}
		for _, other := range fks {
			if other.child == fk.child && other.parent != "contacts" {
				links = append(links, other) // a link table: the row it joins the contact to
			}
		}
		for _, l := range links {
			found, err := tx.rowsReferring(fk, l.column, contact)
			if err != nil {
				return nil, err
			}
			for _, id := range found {
				out = append(out, personRow{l.parent, id})
			}
		}
	}
	return out, nil
}

// rowsReferring reads column col of the rows of fk's table whose fk
// column is the contact: those there now, and those the journal recorded
// before a change or a removal.
func (tx *Tx) rowsReferring(fk foreignKey, col string, contact int64) ([]int64, error) {
	return queryAll(tx, scanInt64, "SELECT "+quoteIdent(col)+" FROM "+quoteIdent(fk.child)+" WHERE "+quoteIdent(fk.column)+" = ?1 AND "+
		quoteIdent(col)+` IS NOT NULL
		UNION SELECT CASE WHEN ?3 = 'id' THEN first_row ELSE old ->> ?3 END FROM journal_changes
			WHERE tbl = ?2 AND op <> 'insert' AND old ->> ?4 = ?1 AND (?3 = 'id' OR old ->> ?3 IS NOT NULL)`,
		contact, fk.child, col, fk.column)
}
