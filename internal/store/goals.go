package store

import (
	"context"
	"time"

	"github.com/kith-crm/kith/internal/kith"
)

// SetGoal stores an objective's value, replacing the one before; 0 clears
// it, so it reads as not set everywhere (the report leaves out what is not
// set). ok is false when it was cleared. The name and value are validated
// by the caller (kith.ParseGoalName and kith.ParseGoalValue); the table's
// CHECK refuses a negative value anyway.
func (db *DB) SetGoal(ctx context.Context, name string, value float64) (g kith.Goal, ok bool, err error) {
	err = db.write(ctx, "set goal", func(tx *Tx) error {
		if value == 0 {
			_, err := tx.Exec("DELETE FROM goals WHERE name = ?", name)
			return err
		}
		if _, err := tx.Exec(`INSERT INTO goals (name, value, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
			name, value, tx.Now()); err != nil {
			return err
		}
		goals, err := tx.Goals()
		g, ok = goals[name]
		return err
	})
	return g, ok, err
}

// Goals returns the objectives the user has set, by name.
func (db *DB) Goals(ctx context.Context) (map[string]kith.Goal, error) {
	var out map[string]kith.Goal
	err := db.read(ctx, "list goals", func(tx *Tx) error {
		var err error
		out, err = tx.Goals()
		return err
	})
	return out, err
}

// Goals returns the objectives set, by name.
func (tx *Tx) Goals() (map[string]kith.Goal, error) {
	rows, err := tx.Query("SELECT name, value, updated_at FROM goals")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]kith.Goal{}
	for rows.Next() {
		var g kith.Goal
		var updated string
		if err := rows.Scan(&g.Name, &g.Value, &updated); err != nil {
			return nil, err
		}
		if g.UpdatedAt, err = time.Parse(time.RFC3339, updated); err != nil {
			return nil, err
		}
		out[g.Name] = g
	}
	return out, rows.Err()
}
