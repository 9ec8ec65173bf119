package store

import (
	"context"

	"github.com/kith-crm/kith/internal/kith"
)

// History is what happened with one contact: their coffees and the
// introductions they are part of, both newest first.
type History struct {
	Coffees       []kith.Coffee       `json:"coffees"`
	Introductions []kith.Introduction `json:"introductions"`
}

// ContactHistory resolves ref and reads the contact with their history in
// one snapshot.
func (db *DB) ContactHistory(ctx context.Context, ref string) (kith.Contact, History, error) {
	var (
		c kith.Contact
		h History
	)
	err := db.read(ctx, func(tx *Tx) error {
		var err error
		if c, err = tx.ResolveContact(ref); err != nil {
			return err
		}
		h, err = tx.History(c.ID)
		return err
	})
	return c, h, err
}

// History is the in-transaction form of DB.ContactHistory for a known id.
func (tx *Tx) History(id int64) (History, error) {
	var h History
	var err error
	if h.Coffees, err = tx.ListCoffees(CoffeeFilter{ContactID: id}); err != nil {
		return h, err
	}
	h.Introductions, err = tx.ListIntroductions(IntroFilter{ContactID: id})
	return h, err
}

// ContactWithHistory is a contact together with their history.
type ContactWithHistory struct {
	Contact kith.Contact
	History
}

// Advocates returns everyone whose advocacy is advocate (derived or set by
// the user), with their history, in one snapshot: the people the 211°
// list ranks.
func (db *DB) Advocates(ctx context.Context) ([]ContactWithHistory, error) {
	var out []ContactWithHistory
	err := db.read(ctx, func(tx *Tx) error {
		// Load the contacts who could be advocates, then keep those whose
		// effective level (computed by contactColumns) is advocate.
		cs, err := tx.queryContacts("SELECT " + contactColumns + ` FROM contacts c WHERE c.advocacy = 'advocate'
			OR (c.advocacy IS NULL AND EXISTS (SELECT 1 FROM introductions i WHERE i.from_id = c.id
				AND i.direction = 'received' AND i.status <> 'promised'))
			ORDER BY c.name_key, c.id`)
		if err != nil {
			return err
		}
		for _, c := range cs {
			if c.Advocacy != kith.Advocate {
				continue
			}
			h, err := tx.History(c.ID)
			if err != nil {
				return err
			}
			out = append(out, ContactWithHistory{Contact: c, History: h})
		}
		return nil
	})
	return out, err
}
