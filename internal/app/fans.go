package app

import (
	"context"

	"github.com/kith-crm/kith/internal/ladder"
	"github.com/kith-crm/kith/internal/store"
)

// FanList says which part of the 211° list to read.
type FanList struct {
	Limit int  // the first Limit (0: all)
	All   bool // the raving fans too, after the advocates
}

// Fans ranks the advocates for the 211° list, with the raving fans after
// them when asked, and keeps the first of them, with the topics of their
// last coffees, in one snapshot.
func Fans(ctx context.Context, db *store.DB, list FanList) ([]ladder.Fan, error) {
	var fans []ladder.Fan
	err := db.Scan(ctx, "rank fans", func(tx *store.Tx) error {
		var err error
		fans, err = rankFans(tx, list)
		return err
	})
	return fans, err
}

// Plan lays out the 12-week plan for the top advocates of the 211° list,
// from the week of today.
func Plan(ctx context.Context, db *store.DB, top int) ([]ladder.Step, error) {
	var steps []ladder.Step
	err := db.Scan(ctx, "plan fans", func(tx *store.Tx) error {
		fans, err := rankFans(tx, FanList{Limit: top})
		if err != nil {
			return err
		}
		steps = ladder.Plan(fans, tx.Today())
		return nil
	})
	return steps, err
}

func rankFans(tx *store.Tx, list FanList) ([]ladder.Fan, error) {
	// the first few of the advocates alone (a digest's one) need only those
	// who could be among them; the raving fans after them are ranked apart
	var cut store.AdvocateCut
	if !list.All {
		cut = store.AdvocateCut{N: list.Limit, Made: ladder.WeightMade, Given: ladder.WeightGiven,
			Promised: ladder.WeightPromised, Recent: ladder.MostRecency}
	}
	advocates, err := tx.Advocates(list.All, cut)
	if err != nil {
		return nil, err
	}
	cands := make([]ladder.Candidate, len(advocates))
	for i, a := range advocates {
		cands[i] = ladder.Candidate{Contact: a.Contact, Advocacy: a.Advocacy, LastContact: a.LastContact,
			Made: a.Made, Promised: a.Promised, Given: a.Given}
	}
	rank := ladder.Rank
	if list.All {
		rank = ladder.RankAll
	}
	fans := rank(cands, tx.Today(), list.Limit)
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
