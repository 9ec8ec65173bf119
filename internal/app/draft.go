package app

import (
	"context"
	"strconv"
	"strings"

	"github.com/kith-crm/kith/internal/draft"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// DraftFollowup writes a follow-up message from what kith knows. arg is a
// follow-up id, or else a contact REF; for a contact, the task is their
// earliest open follow-up, else the idea on their card.
func DraftFollowup(ctx context.Context, db *store.DB, arg string) (draft.Draft, error) {
	var facts draft.Facts
	err := db.Read(ctx, "draft follow-up", func(tx *store.Tx) error {
		c, task, err := draftSubject(tx, arg)
		if err != nil {
			return err
		}
		facts = draft.Facts{Name: c.Name, Email: c.Email, Company: c.Company, MetAt: c.MetAt,
			Topic: c.Topic, Task: task, Today: tx.Today()}
		last, err := tx.LastMeeting(c.ID)
		if last != nil {
			facts.LastMeeting = &draft.Meeting{Kind: string(last.Kind), On: last.On, Place: last.Place, Topic: last.Topic}
		}
		return err
	})
	if err != nil {
		return draft.Draft{}, err
	}
	return draft.Write(facts), nil
}

// draftSubject finds who a draft is for and what it follows up on. A
// number is a follow-up id first, then a contact id.
func draftSubject(tx *store.Tx, arg string) (kith.Contact, string, error) {
	if id, err := strconv.ParseInt(strings.TrimSpace(arg), 10, 64); err == nil && id > 0 {
		fu, c, err := tx.FollowupWithContact(id)
		if err == nil {
			return c, fu.Text, nil
		}
		if kith.ErrorCode(err) != kith.NotFound {
			return kith.Contact{}, "", err
		}
		c, err = tx.ResolveContact(arg)
		if kith.ErrorCode(err) == kith.NotFound {
			return c, "", kith.Errorf(kith.NotFound, "no follow-up #%d and no contact matches %q", id, arg).
				WithHint("kith followup list shows follow-up ids; kith contact list shows contacts")
		}
		return c, "", err
	}
	c, err := tx.ResolveContact(arg)
	if err != nil {
		return c, "", err
	}
	fu, err := tx.NextOpenFollowup(c.ID)
	if err != nil || fu == nil {
		return c, c.Idea, err
	}
	return c, fu.Text, nil
}
