package app

import (
	"context"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/questions"
	"github.com/kith-crm/kith/internal/store"
)

// AskBrief is what to have in front of you before asking someone the
// three questions: what you and they have given each other, and the
// questions in words you can say.
type AskBrief struct {
	Contact   kith.Contact
	Reminder  questions.Reminder
	Questions []questions.Question
}

// PrepareAsk resolves ref and reads the contact's history and the targets
// in one snapshot, for the give-first reminder and the three questions.
func PrepareAsk(ctx context.Context, db *store.DB, ref string) (AskBrief, error) {
	var b AskBrief
	err := db.Read(ctx, "prepare ask", func(tx *store.Tx) error {
		c, err := tx.ResolveContact(ref)
		if err != nil {
			return err
		}
		h, err := tx.History(c.ID)
		if err != nil {
			return err
		}
		targets, err := tx.ListTargets("")
		if err != nil {
			return err
		}
		b = AskBrief{Contact: c, Reminder: questions.Remind(c.ID, h.Introductions, h.Coffees),
			Questions: questions.Ask(c.Name, targets)}
		return nil
	})
	return b, err
}
