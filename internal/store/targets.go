package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/kith-crm/kith/internal/kith"
)

const targetColumns = "id, name, segment, notes, created_at"

func scanTarget(row interface{ Scan(...any) error }) (kith.Target, error) {
	var t kith.Target
	var created string
	if err := row.Scan(&t.ID, &t.Name, &t.Segment, &t.Notes, &created); err != nil {
		return t, err
	}
	var err error
	t.CreatedAt, err = time.Parse(time.RFC3339, created)
	return t, err
}

// AddTarget stores a target company or segment; names are unique in any
// case.
func (db *DB) AddTarget(ctx context.Context, t kith.Target) (kith.Target, error) {
	if err := t.Normalize(); err != nil {
		return t, err
	}
	err := db.write(ctx, "add target", func(tx *Tx) error {
		var exists int64
		err := tx.QueryRow("SELECT id FROM targets WHERE name_key = ?", kith.Fold(t.Name)).Scan(&exists)
		if err == nil {
			return kith.Errorf(kith.Conflict, "target %q is already on the list (#%d)", t.Name, exists).
				WithHint("kith target list shows them")
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		res, err := tx.Exec("INSERT INTO targets (name, name_key, segment, notes, created_at) VALUES (?, ?, ?, ?, ?)",
			t.Name, kith.Fold(t.Name), t.Segment, t.Notes, tx.Now())
		if err != nil {
			return err
		}
		id, err := res.LastInsertId()
		if err != nil {
			return err
		}
		t, err = scanTarget(tx.QueryRow("SELECT "+targetColumns+" FROM targets WHERE id = ?", id))
		return err
	})
	return t, err
}

// ListTargets returns the targets, by segment then name; a non-empty
// segment keeps only that segment's (any case).
func (db *DB) ListTargets(ctx context.Context, segment string) ([]kith.Target, error) {
	return collect(func(add func(kith.Target) error) error { return db.EachTarget(ctx, segment, add) })
}

// EachTarget calls fn with each target as ListTargets orders them, as it
// is read.
func (db *DB) EachTarget(ctx context.Context, segment string, fn func(kith.Target) error) error {
	return db.scan(ctx, "list targets", func(tx *Tx) error {
		q, args := targetQuery(segment)
		return queryEach(tx, scanTarget, fn, q, args...)
	})
}

// ListTargets is the in-transaction form of DB.ListTargets.
func (tx *Tx) ListTargets(segment string) ([]kith.Target, error) {
	q, args := targetQuery(segment)
	return queryAll(tx, scanTarget, q, args...)
}

// targetQuery is the query that lists the targets of segment (all when
// empty).
func targetQuery(segment string) (string, []any) {
	q := "SELECT " + targetColumns + " FROM targets"
	var args []any
	if segment != "" {
		q += " WHERE kith_fold(segment) = ?"
		args = append(args, kith.Fold(segment))
	}
	return q + " ORDER BY kith_fold(segment), name_key", args
}

// RemoveTarget deletes the target named ref (its id or its name in any
// case) and returns it.
func (db *DB) RemoveTarget(ctx context.Context, ref string) (kith.Target, error) {
	var t kith.Target
	err := db.write(ctx, "remove target", func(tx *Tx) error {
		ref = strings.TrimSpace(ref)
		row := tx.QueryRow("SELECT "+targetColumns+" FROM targets WHERE name_key = ?", kith.Fold(ref))
		if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
			row = tx.QueryRow("SELECT "+targetColumns+" FROM targets WHERE id = ? OR name_key = ? ORDER BY name_key = ? DESC LIMIT 1",
				id, kith.Fold(ref), kith.Fold(ref))
		}
		var err error
		t, err = scanTarget(row)
		if errors.Is(err, sql.ErrNoRows) {
			return kith.Errorf(kith.NotFound, "no target matches %q", ref).WithHint("kith target list shows them")
		}
		if err != nil {
			return err
		}
		_, err = tx.Exec("DELETE FROM targets WHERE id = ?", t.ID)
		return err
	})
	return t, err
}
