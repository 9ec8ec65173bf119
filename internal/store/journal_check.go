package store

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/kith-crm/kith/internal/kith"
)

// An undo of an entry that is not the latest must not overwrite what a
// later entry did. These checks refuse it, naming the later entry, when a
// later entry touched a record the entry touched (for two changes of the
// same row: a column both changed), or when a row now refers to a row the
// undo would remove, or the undo would put back a row that refers to one
// removed since. An undo and the entry it reversed, both later, left the
// records as they were and are passed over.

// updatedAt is the column that only says when a row last changed: two
// entries that both set it do not stand in each other's way, and an undo
// leaves it as a later entry set it.
const updatedAt = "updated_at"

// footprint is what an entry did to one row that was there before it.
type footprint struct {
	columns map[string]bool // the columns it changed
	removed bool
}

// footprints lists, by table, the rows an entry changed or removed, with
// their ids sorted for lookups by range.
func (p *undoPlan) footprints() (map[string]map[int64]footprint, map[string][]int64) {
	fps := map[string]map[int64]footprint{}
	ids := map[string][]int64{}
	add := func(r rowImage, removed bool) {
		if fps[r.table] == nil {
			fps[r.table] = map[int64]footprint{}
		}
		fp := footprint{columns: map[string]bool{}, removed: removed}
		for c := range r.values {
			fp.columns[c] = true
		}
		fps[r.table][r.id] = fp
		ids[r.table] = append(ids[r.table], r.id)
	}
	for _, r := range p.restore {
		add(r, false)
	}
	for _, r := range p.removals {
		add(rowImage{table: r.table, id: r.id}, true)
	}
	for t := range ids {
		sort.Slice(ids[t], func(i, j int) bool { return ids[t][i] < ids[t][j] })
	}
	return fps, ids
}

// overlap returns a row of the set within first..last.
func (rs rangeSet) overlap(first, last int64) (int64, bool) {
	i := sort.Search(len(rs), func(i int) bool { return rs[i].last >= first })
	if i == len(rs) || rs[i].first > last {
		return 0, false
	}
	return max(rs[i].first, first), true
}

// checkLater reads the changes of the entries after the one to undo and
// refuses the undo when one of them stands in the way. It returns, by
// table and row, the columns later entries changed that the undo must
// leave alone (only updated_at can be among them).
func (tx *Tx) checkLater(p *undoPlan, later []Entry, cancelled map[int64]bool) (map[string]map[int64]map[string]bool, error) {
	keep := map[string]map[int64]map[string]bool{}
	if len(later) == 0 {
		return keep, nil
	}
	fps, ids := p.footprints()
	rows, err := tx.Query(`SELECT id, tbl, op, first_row, last_row, CASE WHEN op = 'update' THEN old END
		FROM journal_changes WHERE id > ? ORDER BY id`, p.entry.lastChange)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	owner := 0 // later[owner] is the entry of the change read
	for rows.Next() {
		var c change
		var old sql.NullString
		if err := rows.Scan(&c.id, &c.table, &c.op, &c.first, &c.last, &old); err != nil {
			return nil, err
		}
		for owner < len(later) && later[owner].lastChange < c.id {
			owner++
		}
		if owner == len(later) || cancelled[later[owner].ID] {
			continue
		}
		if id, ok := p.createdRows[c.table].overlap(c.first, c.last); ok {
			return nil, laterEntryError(p.entry, later[owner], fmt.Sprintf("the %s #%d it added was %s afterwards", Noun(c.table, 1), id, pastTense(c.op)))
		}
		tableIDs := ids[c.table]
		for i := sort.Search(len(tableIDs), func(i int) bool { return tableIDs[i] >= c.first }); i < len(tableIDs) && tableIDs[i] <= c.last; i++ {
			id := tableIDs[i]
			fp := fps[c.table][id]
			if c.op == "update" && !fp.removed {
				image, err := decodeImage(old.String)
				if err != nil {
					return nil, err
				}
				if shared := sharedColumn(fp.columns, image); shared == "" {
					markKept(keep, c.table, id, image)
					continue
				}
			}
			return nil, laterEntryError(p.entry, later[owner], fmt.Sprintf("%s #%d was %s afterwards", Noun(c.table, 1), id, pastTense(c.op)))
		}
	}
	return keep, rows.Err()
}

// sharedColumn is a column both changes changed, updated_at aside.
func sharedColumn(mine map[string]bool, theirs map[string]any) string {
	for c := range theirs {
		if mine[c] && c != updatedAt {
			return c
		}
	}
	return ""
}

// markKept notes the columns a later change set on a row.
func markKept(keep map[string]map[int64]map[string]bool, table string, id int64, image map[string]any) {
	if keep[table] == nil {
		keep[table] = map[int64]map[string]bool{}
	}
	if keep[table][id] == nil {
		keep[table][id] = map[string]bool{}
	}
	for c := range image {
		keep[table][id][c] = true
	}
}

// pastTense words a change's operation.
func pastTense(op string) string {
	switch op {
	case "insert":
		return "added"
	case "delete":
		return "removed"
	}
	return "changed"
}

// checkReferences runs after the replay: no row may still refer to a row
// the undo removed.
func (tx *Tx) checkReferences(p *undoPlan) error {
	fks, err := p.foreignKeys(tx)
	if err != nil {
		return err
	}
	for _, c := range p.created {
		for _, fk := range fks {
			if fk.parent != c.table {
				continue
			}
			var child, parent int64
			err := tx.QueryRow("SELECT id, "+quoteIdent(fk.column)+" FROM "+quoteIdent(fk.child)+" WHERE "+quoteIdent(fk.column)+
				" BETWEEN ? AND ? LIMIT 1", c.first, c.last).Scan(&child, &parent)
			if errors.Is(err, sql.ErrNoRows) {
				continue
			}
			if err != nil {
				return err
			}
			return tx.refusal(p.entry, fk.child, child, fmt.Sprintf("%s #%d refers to the %s #%d it added",
				Noun(fk.child, 1), child, Noun(c.table, 1), parent))
		}
	}
	return nil
}

// checkParents refuses to put back or restore a row that refers to a row
// that is not there (removed since the entry; the rows the undo puts back
// are back by then, parents first), before a trigger that reads the
// parent fails on it.
func (tx *Tx) checkParents(p *undoPlan, r rowImage) error {
	fks, err := p.foreignKeys(tx)
	if err != nil {
		return err
	}
	for _, fk := range fks {
		v, ok := r.values[fk.column]
		if fk.child != r.table || !ok || v == nil {
			continue
		}
		parent, err := sqlValue(v)
		if err != nil {
			return err
		}
		st, err := tx.prepared("SELECT EXISTS (SELECT 1 FROM " + quoteIdent(fk.parent) + " WHERE id = ?)")
		if err != nil {
			return err
		}
		var there bool
		if err := st.QueryRowContext(tx.ctx, parent).Scan(&there); err != nil {
			return err
		}
		if !there {
			id, _ := parent.(int64)
			return tx.refusal(p.entry, fk.parent, id, fmt.Sprintf("it would put back %s #%d, which refers to %s #%v, removed afterwards",
				Noun(r.table, 1), r.id, Noun(fk.parent, 1), parent))
		}
	}
	return nil
}

// foreignKeys reads the references between tables once per undo.
func (p *undoPlan) foreignKeys(tx *Tx) ([]foreignKey, error) {
	if p.fks == nil {
		fks, err := tx.foreignKeys()
		if err != nil {
			return nil, err
		}
		p.fks = fks
	}
	return p.fks, nil
}

// referenceRanks ranks tables by how far they are from the tables nothing
// refers to: a table that refers to another ranks above it.
func (tx *Tx) referenceRanks() (map[string]int, error) {
	fks, err := tx.foreignKeys()
	if err != nil {
		return nil, err
	}
	rank := map[string]int{}
	for range fks { // enough rounds for the longest chain
		for _, fk := range fks {
			if fk.child != fk.parent && rank[fk.child] <= rank[fk.parent] {
				rank[fk.child] = rank[fk.parent] + 1
			}
		}
	}
	return rank, nil
}

// foreignKey is one column of a table that refers to another's id.
type foreignKey struct {
	child, column, parent string
}

// foreignKeys lists the references between the journaled tables.
func (tx *Tx) foreignKeys() ([]foreignKey, error) {
	tables, err := tx.journaledTables()
	if err != nil {
		return nil, err
	}
	var out []foreignKey
	for _, t := range tables {
		fks, err := queryAll(tx, func(s interface{ Scan(...any) error }) (foreignKey, error) {
			fk := foreignKey{child: t}
			return fk, s.Scan(&fk.column, &fk.parent)
		}, `SELECT "from", "table" FROM pragma_foreign_key_list(?)`, t)
		if err != nil {
			return nil, err
		}
		out = append(out, fks...)
	}
	return out, nil
}

// undoConflict explains a row the undo could not write back: another row
// holds the same unique value now (a tag added again, a goal set again),
// named with the entry that wrote it.
func (tx *Tx) undoConflict(p *undoPlan, r rowImage, err error) error {
	m := sqliteConstraint().FindStringSubmatch(err.Error())
	if m == nil || m[1] != "UNIQUE" {
		return err
	}
	var conds []string
	var args []any
	for _, qualified := range strings.Split(m[2], ", ") {
		_, col, _ := strings.Cut(qualified, ".")
		if !slices.Contains(p.columns[r.table], col) {
			return err
		}
		conds = append(conds, quoteIdent(col)+" IS ?")
		args = append(args, r.values[col])
	}
	var holder int64
	if qerr := tx.QueryRow("SELECT id FROM "+quoteIdent(r.table)+" WHERE "+strings.Join(conds, " AND "), sqlValues(args)...).Scan(&holder); qerr != nil {
		return err
	}
	return tx.refusal(p.entry, r.table, holder, fmt.Sprintf("it would put back %s #%d, and %s #%d holds the same %s now",
		Noun(r.table, 1), r.id, Noun(r.table, 1), holder, strings.Join(columnNames(m[2]), " and ")))
}

// columnNames takes the table names off "t.a, t.b".
func columnNames(qualified string) []string {
	var out []string
	for _, q := range strings.Split(qualified, ", ") {
		_, col, _ := strings.Cut(q, ".")
		out = append(out, col)
	}
	return out
}

// refusal is the error of an undo that a later entry stands in the way
// of: the entry that last touched row id of table is named, with why.
func (tx *Tx) refusal(e Entry, table string, id int64, why string) error {
	later, err := tx.lastEntryTouching(table, id)
	if err != nil {
		return kith.Errorf(kith.Conflict, "cannot undo #%d (%s): %s", e.ID, e.Summary, why)
	}
	return laterEntryError(e, later, why)
}

// laterEntryError refuses an undo of e because of the later entry.
func laterEntryError(e, later Entry, why string) error {
	return kith.Errorf(kith.Conflict, "cannot undo #%d (%s): %s, by #%d (%s)", e.ID, e.Summary, why, later.ID, later.CommandLine()).
		WithHint("undo #%d first, or leave #%d as it is", later.ID, e.ID)
}
