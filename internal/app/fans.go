package app

import (
	"context"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/ladder"
	"github.com/kith-crm/kith/internal/store"
)

// Fans ranks the advocates for the 211° list and keeps the first limit of
// them (0: all), with the topics of their last coffees, in one snapshot.
func Fans(ctx context.Context, db *store.DB, limit int) ([]ladder.Fan, error) {
	var fans []ladder.Fan
	err := db.Read(ctx, "rank fans", func(tx *store.Tx) error {
		var err error
		fans, err = rankFans(tx, limit)
		return err
	})
	return fans, err
}

// Plan lays out the 12-week plan for the top advocates of the 211° list,
// from the week of today.
func Plan(ctx context.Context, db *store.DB, top int) ([]ladder.Step, error) {
	var steps []ladder.Step
	err := db.Read(ctx, "plan fans", func(tx *store.Tx) error {
		fans, err := rankFans(tx, top)
		if err != nil {
			return err
		}
		steps = ladder.Plan(fans, tx.Today())
		return nil
	})
	return steps, err
}

func rankFans(tx *store.Tx, limit int) ([]ladder.Fan, error) {
	advocates, err := tx.Advocates()
	if err != nil {
		return nil, err
	}
	cands := make([]ladder.Candidate, len(advocates))
	for i, a := range advocates {
		cands[i] = ladder.Candidate{Contact: a.Contact, Advocacy: kith.Advocate, LastContact: a.LastContact,
			Made: a.Made, Promised: a.Promised, Given: a.Given}
	}
	fans := ladder.Rank(cands, tx.Today())
	if limit > 0 && len(fans) > limit {
		fans = fans[:limit]
	}
	ids := make([]int64, len(fans))
	for i, fan := range fans {
		ids[i] = fan.Contact.ID
	}
	topics, err := tx.LastTopics(ids)
	if err != nil {
		return nil, err
	}
	ladder.WithTopics(fans, topics)
	return fans, nil
}
