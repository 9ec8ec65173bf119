package app

import (
	"context"
	"strconv"
	"strings"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/draft"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// DraftFollowup writes a follow-up message from what kith knows, signed
// with signature. arg is a follow-up id, or else a contact REF; for a
// contact, the task is their earliest open follow-up, else the idea on
// their card.
func DraftFollowup(ctx context.Context, db *store.DB, arg, signature string) (draft.Draft, error) {
	var facts draft.Facts
	err := db.Read(ctx, "draft follow-up", func(tx *store.Tx) error {
		c, task, err := draftSubject(tx, arg)
		if err != nil {
			return err
		}
		facts = draft.Facts{Name: c.Name, Email: c.Email, Company: c.Company, MetAt: c.MetAt,
			Topic: c.Topic, Task: task.Text, Promised: task.Source == kith.FromCoffee,
			Added: dates.Of(c.CreatedAt), KnownBefore: knownBefore(c), Signature: signature, Today: tx.Today()}
		if facts.Others, err = draftOthers(tx, task.ID, c.ID); err != nil {
			return err
		}
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

// draftOthers lists the others a shared follow-up is for besides the
// person addressed, in the follow-up's order, for the greeting and the To
// line; none for a follow-up not yet stored (a card's idea).
func draftOthers(tx *store.Tx, followupID, addressed int64) ([]draft.Person, error) {
	if followupID == 0 {
		return nil, nil
	}
	ids, err := tx.FollowupPeople(followupID)
	if err != nil {
		return nil, err
	}
	cs, err := tx.ContactsByID(ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]kith.Contact, len(cs))
	for _, c := range cs {
		byID[c.ID] = c
	}
	var out []draft.Person
	for _, id := range ids {
		if id != addressed {
			out = append(out, draft.Person{Name: byID[id].Name, Email: byID[id].Email})
		}
	}
	return out, nil
}

// knownBefore reports whether the user knew c before adding them: an
// imported or synced contact came from an address book, and a friend, a
// client or family is known already, whatever day kith learnt of them.
func knownBefore(c kith.Contact) bool {
	if strings.HasPrefix(c.Source, "import:") || strings.HasPrefix(c.Source, "sync:") ||
		c.Stage == kith.Client || c.Stage == kith.PastClient {
		return true
	}
	category := kith.Fold(c.Category)
	return strings.Contains(category, "friend") || strings.Contains(category, "client") || strings.Contains(category, "family")
}

// draftSubject finds who a draft is for and what it follows up on (a
// card's idea is a follow-up not yet stored). A number is a follow-up id
// first, then a contact id.
func draftSubject(tx *store.Tx, arg string) (kith.Contact, kith.Followup, error) {
	id, err := strconv.ParseInt(strings.TrimSpace(arg), 10, 64)
	if err == nil && id > 0 {
		fu, c, err := tx.FollowupWithContact(id)
		if kith.ErrorCode(err) != kith.NotFound {
			return c, fu, err
		}
	}
	c, err := tx.ResolveContact(arg)
	if kith.ErrorCode(err) == kith.NotFound && id > 0 {
		return c, kith.Followup{}, kith.Errorf(kith.NotFound, "no follow-up #%d and no contact matches %q", id, arg).
			WithHint("kith followup list shows follow-up ids; kith contact list shows contacts")
	}
	if err != nil {
		return c, kith.Followup{}, err
	}
	fu, err := tx.NextOpenFollowup(c.ID)
	if err != nil || fu == nil {
		return c, kith.Followup{Text: c.Idea, Source: kith.FromCard}, err
	}
	return c, *fu, nil
}
