package app

import (
	"context"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/period"
	"github.com/kith-crm/kith/internal/store"
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

// FunnelOver counts the contacts in each stage now and at the start of p,
// and the moves between stages within p, from the history of moves.
func FunnelOver(ctx context.Context, db *store.DB, p period.Period) (Funnel, error) {
	fn := Funnel{Period: p}
	byStage := map[kith.Stage]*FunnelStage{}
	for _, st := range kith.Stages {
		fn.Stages = append(fn.Stages, FunnelStage{Stage: st})
	}
	for i := range fn.Stages {
		byStage[fn.Stages[i].Stage] = &fn.Stages[i]
	}
	err := db.Scan(ctx, "funnel", func(tx *store.Tx) error {
		counts, err := tx.StageCounts()
		if err != nil {
			return err
		}
		for i := range fn.Stages {
			fn.Stages[i].Count = counts[fn.Stages[i].Stage]
			fn.Stages[i].AtStart = fn.Stages[i].Count
		}
		moves, err := tx.StageMovesSince(p.From, p.To)
		for _, m := range moves {
			fn.count(m, byStage)
		}
		return err
	})
	for _, s := range fn.Stages {
		fn.Total += s.Count
	}
	return fn, err
}

// count adds one group of moves. Every stage change is a move, so a
// stage's count when the period began is its count now, less the moves
// into it since, plus the moves out of it since.
func (fn *Funnel) count(m store.StageMoves, byStage map[kith.Stage]*FunnelStage) {
	dir := kith.MoveDirection(m.From, m.To)
	if dir == kith.MoveNone {
		return
	}
	if s := byStage[m.To]; s != nil {
		s.AtStart -= m.Count
		if m.InPeriod {
			s.Entered += m.Count
		}
	}
	if s := byStage[m.From]; s != nil {
		s.AtStart += m.Count
		if m.InPeriod {
			s.Left += m.Count
		}
	}
	if !m.InPeriod {
		return
	}
	switch dir {
	case kith.MoveNew:
		fn.New += m.Count
	case kith.MoveUp:
		fn.Up += m.Count
	case kith.MoveDown:
		fn.Down += m.Count
	}
}
