package store

import (
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// putBackAll inserts the rows the entry removed again, with their ids, in
// the plan's order (parents first). Rows removed one after the other in the
// same table (as removing many at once records them) go back in one
// statement in which SQLite reads their images itself: undoing the undo of
// a large import costs about what the import did, not a Go round trip and
// a decoded image per row. It records the rows put back as added.
func (tx *Tx) putBackAll(p *undoPlan) error {
	ids := map[string][]int64{}
	for i := 0; i < len(p.removals); {
		r := p.removals[i]
		j := i + 1
		if r.values == nil {
			for j < len(p.removals) && p.removals[j].table == r.table && p.removals[j].values == nil &&
				p.removals[j].change == p.removals[j-1].change-1 {
				j++
			}
			if err := tx.putBackRun(p, r.table, p.removals[j-1].change, r.change); err != nil {
				return err
			}
		} else if err := tx.putBackChanged(p, r); err != nil {
			return err
		}
		for _, x := range p.removals[i:j] {
			ids[x.table] = append(ids[x.table], x.id)
		}
		i = j
	}
	tables := make([]string, 0, len(ids))
	for t := range ids {
		tables = append(tables, t)
	}
	sort.Strings(tables)
	for _, t := range tables {
		if err := tx.recordRanges(t, ids[t]); err != nil {
			return err
		}
	}
	return nil
}

// recordRanges records rows put back as added, consecutive ids as one
// range.
func (tx *Tx) recordRanges(table string, ids []int64) error {
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for i := 0; i < len(ids); {
		j := i + 1
		for j < len(ids) && ids[j] == ids[j-1]+1 {
			j++
		}
		if err := tx.recordInserted(table, ids[i], ids[j-1]); err != nil {
			return err
		}
		i = j
	}
	return nil
}

// putBackRun puts back the rows of table whose removals the changes
// first..last recorded, the last removed first.
func (tx *Tx) putBackRun(p *undoPlan, table string, first, last int64) error {
	cols, paths, err := tx.imageColumns(p, table, last)
	if err != nil {
		return err
	}
	if err := tx.checkRunParents(p, table, first, last); err != nil {
		return err
	}
	var held int64
	if err := tx.QueryRow("SELECT count(*) FROM " + quoteIdent(table)).Scan(&held); err != nil {
		return err
	}
	n := last - first + 1
	err = tx.withoutIndexesIf(n >= bulkRows && n >= held, table, func() error {
		_, err := tx.Exec(putBackQuery(table, cols, "BETWEEN ? AND ? ORDER BY id DESC"), append(paths, first, last)...)
		return err
	})
	if err == nil || sqliteConstraint().FindStringSubmatch(err.Error()) == nil {
		return err
	}
	// a row is in the way: put them back one by one to name it
	one := putBackQuery(table, cols, "= ?")
	for id := last; id >= first; id-- {
		if _, err := tx.Exec(one, append(paths, id)...); err != nil {
			image, ierr := tx.changeImage(id)
			if ierr != nil {
				return err
			}
			var row int64
			if ierr := tx.QueryRow("SELECT first_row FROM journal_changes WHERE id = ?", id).Scan(&row); ierr != nil {
				return err
			}
			return tx.undoConflict(p, rowImage{table: table, id: row, values: image}, err)
		}
	}
	return nil
}

// putBackQuery inserts into table the columns cols of the images of the
// changes that where selects ("= ?", "BETWEEN ? AND ?"); each column's
// JSON path is a parameter before those of where.
func putBackQuery(table string, cols []string, where string) string {
	var quoted, values []string
	for _, c := range cols {
		quoted = append(quoted, quoteIdent(c))
		values = append(values, "old ->> ?")
	}
	return "INSERT INTO " + quoteIdent(table) + " (" + strings.Join(quoted, ", ") + ") SELECT " +
		strings.Join(values, ", ") + " FROM journal_changes WHERE id " + where
}

// imageColumns are the columns a removal's image holds that the table
// still has, with their JSON paths as query parameters. The images one
// entry made of one table all hold the same columns (the schema does not
// change inside a transaction).
func (tx *Tx) imageColumns(p *undoPlan, table string, change int64) ([]string, []any, error) {
	rows, err := tx.Query("SELECT key FROM json_each((SELECT old FROM journal_changes WHERE id = ?))", change)
	if err != nil {
		return nil, nil, err
	}
	keys, err := scanStrings(rows)
	if err != nil {
		return nil, nil, err
	}
	has := map[string]bool{}
	for _, k := range keys {
		has[k] = true
	}
	var cols []string
	var paths []any
	for _, c := range p.columns[table] {
		if has[c] {
			cols = append(cols, c)
			paths = append(paths, jsonPath(c))
		}
	}
	return cols, paths, nil
}

// checkRunParents refuses to put back rows that refer to a row that is
// not there (removed since the entry).
func (tx *Tx) checkRunParents(p *undoPlan, table string, first, last int64) error {
	fks, err := p.foreignKeys(tx)
	if err != nil {
		return err
	}
	for _, fk := range fks {
		if fk.child != table {
			continue
		}
		var row, parent int64
		err := tx.QueryRow(`SELECT first_row, old ->> ?1 FROM journal_changes j WHERE id BETWEEN ?2 AND ?3
			AND (old ->> ?1) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM `+quoteIdent(fk.parent)+` WHERE id = j.old ->> ?1) LIMIT 1`,
			jsonPath(fk.column), first, last).Scan(&row, &parent)
		if err == nil {
			return tx.refusal(p.entry, fk.parent, parent, fmt.Sprintf("it would put back %s #%d, which refers to %s #%d, removed afterwards",
				Noun(table, 1), row, Noun(fk.parent, 1), parent))
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	return nil
}

// putBackChanged puts back a row the entry changed before removing it:
// its image as removed, with the columns it changed as they were before.
func (tx *Tx) putBackChanged(p *undoPlan, r removal) error {
	image, err := tx.changeImage(r.change)
	if err != nil {
		return err
	}
	for c, v := range r.values {
		image[c] = v
	}
	row := rowImage{table: r.table, id: r.id, values: image}
	if err := tx.checkParents(p, row); err != nil {
		return err
	}
	var cols []string
	var args []any
	for _, c := range p.columns[r.table] {
		if v, ok := image[c]; ok {
			cols = append(cols, quoteIdent(c))
			args = append(args, v)
		}
	}
	q := "INSERT INTO " + quoteIdent(r.table) + " (" + strings.Join(cols, ", ") + ") VALUES " + placeholders(len(cols), 1)
	if _, err := tx.Exec(q, sqlValues(args)...); err != nil {
		return tx.undoConflict(p, row, err)
	}
	return nil
}
