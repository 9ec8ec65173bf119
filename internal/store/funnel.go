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
// the moves between stages within p, from the stage_moves history.
func (db *DB) Funnel(ctx context.Context, p period.Period) (Funnel, error) {
	fn := Funnel{Period: p}
	err := db.read(ctx, func(tx *Tx) error {
		byStage := map[kith.Stage]*FunnelStage{}
		for _, st := range kith.Stages {
			fn.Stages = append(fn.Stages, FunnelStage{Stage: st})
		}
		for i := range fn.Stages {
			byStage[fn.Stages[i].Stage] = &fn.Stages[i]
		}
		if err := scanStageCounts(tx, "SELECT stage, count(*) FROM contacts GROUP BY stage", byStage,
			func(s *FunnelStage, n int) { s.Count = n }); err != nil {
			return err
		}
		// Each contact's latest move before the period says where it stood.
		if err := scanStageCounts(tx, `SELECT m.to_stage, count(*) FROM stage_moves m
			WHERE m.moved_on < ? AND m.id = (SELECT m2.id FROM stage_moves m2
				WHERE m2.contact_id = m.contact_id AND m2.moved_on < ?
				ORDER BY m2.moved_on DESC, m2.id DESC LIMIT 1)
			GROUP BY m.to_stage`, byStage, func(s *FunnelStage, n int) { s.AtStart = n },
			p.From.String(), p.From.String()); err != nil {
			return err
		}
		rows, err := tx.Query(`SELECT from_stage, to_stage, count(*) FROM stage_moves
			WHERE moved_on >= ? AND moved_on <= ? GROUP BY from_stage, to_stage`, p.From.String(), p.To.String())
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var from sql.NullString
			var to string
			var n int
			if err := rows.Scan(&from, &to, &n); err != nil {
				return err
			}
			switch kith.MoveDirection(kith.Stage(from.String), kith.Stage(to)) {
			case kith.MoveNew:
				fn.New += n
			case kith.MoveUp:
				fn.Up += n
			case kith.MoveDown:
				fn.Down += n
			case kith.MoveNone:
				continue
			}
			if s := byStage[kith.Stage(to)]; s != nil {
				s.Entered += n
			}
			if s := byStage[kith.Stage(from.String)]; s != nil {
				s.Left += n
			}
		}
		return rows.Err()
	})
	for _, s := range fn.Stages {
		fn.Total += s.Count
	}
	return fn, err
}

// scanStageCounts runs a query yielding (stage, count) rows and hands each
// count to set.
func scanStageCounts(tx *Tx, q string, byStage map[kith.Stage]*FunnelStage, set func(*FunnelStage, int), args ...any) error {
	rows, err := tx.Query(q, args...)
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
			set(s, n)
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
