package store

import (
	"context"
	"database/sql"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/period"
)

// FunnelStage is one stage of the funnel over a period.
type FunnelStage struct {
	Stage   kith.Stage `json:"stage"`
	Count   int        `json:"count"`    // contacts in the stage now
	AtStart int        `json:"at_start"` // contacts in the stage when the period began
	Entered int        `json:"entered"`  // moves into the stage in the period, new contacts included
	Left    int        `json:"left"`     // moves out of the stage in the period
}

// Funnel is the funnel now and the moves that shaped it over a period.
type Funnel struct {
	Period period.Period `json:"period"`
	Stages []FunnelStage `json:"stages"`
	Total  int           `json:"total"`
	New    int           `json:"new"`  // contacts added in the period
	Up     int           `json:"up"`   // moves toward client
	Down   int           `json:"down"` // any other move
}

// Funnel counts the contacts in each stage now and at the start of p, and
// the moves between stages within p, from the stage_moves history (read
// through its covering index stage_moves_day).
func (db *DB) Funnel(ctx context.Context, p period.Period) (Funnel, error) {
	fn := Funnel{Period: p}
	err := db.read(ctx, "funnel", func(tx *Tx) error {
		byStage := map[kith.Stage]*FunnelStage{}
		for _, st := range kith.Stages {
			fn.Stages = append(fn.Stages, FunnelStage{Stage: st})
		}
		for i := range fn.Stages {
			byStage[fn.Stages[i].Stage] = &fn.Stages[i]
		}
		if err := scanStageCounts(tx, "SELECT stage, count(*) FROM contacts GROUP BY stage", byStage); err != nil {
			return err
		}
		for i := range fn.Stages {
			fn.Stages[i].AtStart = fn.Stages[i].Count
		}
		// Every stage change is a move, so a stage's count when the period
		// began is its count now, less the moves into it since, plus the
		// moves out of it since: one pass over the moves from the period on.
		rows, err := tx.Query(`SELECT from_stage, to_stage, moved_on <= ?, count(*) FROM stage_moves
			WHERE moved_on >= ? GROUP BY from_stage, to_stage, moved_on <= ?`, p.To.String(), p.From.String(), p.To.String())
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var from sql.NullString
			var to string
			var inPeriod bool
			var n int
			if err := rows.Scan(&from, &to, &inPeriod, &n); err != nil {
				return err
			}
			dir := kith.MoveDirection(kith.Stage(from.String), kith.Stage(to))
			if dir == kith.MoveNone {
				continue
			}
			if s := byStage[kith.Stage(to)]; s != nil {
				s.AtStart -= n
				if inPeriod {
					s.Entered += n
				}
			}
			if s := byStage[kith.Stage(from.String)]; s != nil {
				s.AtStart += n
				if inPeriod {
					s.Left += n
				}
			}
			if !inPeriod {
				continue
			}
			switch dir {
			case kith.MoveNew:
				fn.New += n
			case kith.MoveUp:
				fn.Up += n
			case kith.MoveDown:
				fn.Down += n
			}
		}
		return rows.Err()
	})
	for _, s := range fn.Stages {
		fn.Total += s.Count
	}
	return fn, err
}

// scanStageCounts runs a query yielding (stage, count) rows into Count.
func scanStageCounts(tx *Tx, q string, byStage map[kith.Stage]*FunnelStage) error {
	rows, err := tx.Query(q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return err
		}
		if s := byStage[kith.Stage(st)]; s != nil {
			s.Count = n
		}
	}
	return rows.Err()
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
