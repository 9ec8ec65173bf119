package store

import (
	"database/sql"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// StageCounts returns how many contacts are in each stage now.
func (tx *Tx) StageCounts() (map[kith.Stage]int, error) {
	rows, err := tx.Query("SELECT stage, count(*) FROM contacts GROUP BY stage")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[kith.Stage]int{}
	for rows.Next() {
		var st kith.Stage
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[st] = n
	}
	return out, rows.Err()
}

// StageMoves counts the funnel moves from one stage to another.
type StageMoves struct {
	From     kith.Stage // "" for a contact's first placement
	To       kith.Stage
	InPeriod bool // on or before the period's last day
	Count    int
}

// StageMovesSince counts the funnel moves on or after from, by the stages
// they left and entered, and whether they fall on or before through. It
// reads the stage_moves history through its covering index stage_moves_day.
func (tx *Tx) StageMovesSince(from, through dates.Date) ([]StageMoves, error) {
	return queryAll(tx, func(row interface{ Scan(...any) error }) (StageMoves, error) {
		var m StageMoves
		var from sql.NullString
		err := row.Scan(&from, &m.To, &m.InPeriod, &m.Count)
		m.From = kith.Stage(from.String)
		return m, err
	}, `SELECT from_stage, to_stage, moved_on <= ?, count(*) FROM stage_moves
		WHERE moved_on >= ? GROUP BY from_stage, to_stage, moved_on <= ?`, through.String(), from.String(), through.String())
}

// dateOf reads a nullable YYYY-MM-DD column.
func dateOf(s sql.NullString) (*dates.Date, error) {
	if !s.Valid {
		return nil, nil
	}
	d, err := dates.ParseISO(s.String)
	if err != nil {
		return nil, err
	}
	return &d, nil
}
