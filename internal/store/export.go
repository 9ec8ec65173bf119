package store

import (
	"context"

	"github.com/kith-crm/kith/internal/kith"
)

// query is the listing query for the filter, in contactOrder.
func (f ContactFilter) query() (string, []any) {
	where, args := f.where()
	q := "SELECT " + contactColumns + " FROM contacts c" + where + contactOrder
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	return q, args
}

// EachContact calls fn with every contact that passes the filter, by name,
// reading them one at a time from one snapshot so an export of any size
// never holds them all.
func (db *DB) EachContact(ctx context.Context, f ContactFilter, fn func(kith.Contact) error) error {
	return db.read(ctx, func(tx *Tx) error {
		q, args := f.query()
		rows, err := tx.Query(q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			c, err := scanContact(rows)
			if err != nil {
				return err
			}
			if err := fn(c); err != nil {
				return err
			}
		}
		return rows.Err()
	})
}
