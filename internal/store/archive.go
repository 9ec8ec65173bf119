package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// Archive: a contact put away rather than removed. Hidden from the lists
// people read, from completion and from what is due; their history stays
// and the reports count it, and a REF still names them.

// archivedIDs selects the archived contacts' ids from the small partial
// index contacts_archived, so a query leaves them out by id (id NOT IN
// archivedIDs) and keeps reading only its own index.
const archivedIDs = "(SELECT id FROM contacts WHERE archived_on IS NOT NULL)"

// ArchiveFilter picks contacts by whether they are archived.
type ArchiveFilter uint8

// The archive filters. The zero value is everyone: what an export or a
// sync reads; the lists people read ask for Unarchived.
const (
	AnyContact ArchiveFilter = iota
	Unarchived
	OnlyArchived
)

// ArchivedContact is a contact archive or unarchive changed, with the day
// they were archived (nil once unarchived).
type ArchivedContact struct {
	kith.ContactRef
	ArchivedOn *dates.Date `json:"archived_on"`
}

// ArchiveContacts archives the contacts refs name, all or none, today.
func (db *DB) ArchiveContacts(ctx context.Context, refs []string) ([]ArchivedContact, error) {
	return db.setArchived(ctx, "archive contacts", refs, true)
}

// UnarchiveContacts brings the archived contacts refs name back, all or
// none.
func (db *DB) UnarchiveContacts(ctx context.Context, refs []string) ([]ArchivedContact, error) {
	return db.setArchived(ctx, "unarchive contacts", refs, false)
}

// setArchived archives (or brings back) the contacts refs name, refusing
// one already so: nothing is changed then.
func (db *DB) setArchived(ctx context.Context, op string, refs []string, archive bool) ([]ArchivedContact, error) {
	var out []ArchivedContact
	err := db.write(ctx, op, func(tx *Tx) error {
		seen := map[int64]bool{}
		for _, ref := range refs {
			c, err := tx.ResolveContact(ref)
			if err != nil {
				return err
			}
			if seen[c.ID] {
				continue
			}
			seen[c.ID] = true
			on, err := tx.ArchivedOn(c.ID)
			switch {
			case err != nil:
				return err
			case archive && on != nil:
				return kith.Errorf(kith.Conflict, "%s is already archived (since %s); nothing was changed", c.Name, on).
					WithHint("kith contact unarchive %d brings them back", c.ID)
			case !archive && on == nil:
				return kith.Errorf(kith.Conflict, "%s is not archived; nothing was changed", c.Name).
					WithHint("kith contact list --archived lists the archived")
			}
			ac := ArchivedContact{ContactRef: kith.ContactRef{ID: c.ID, Name: c.Name}}
			if archive {
				today := tx.Today()
				ac.ArchivedOn = &today
			}
			if err := tx.SetArchived(c.ID, archive); err != nil {
				return err
			}
			out = append(out, ac)
		}
		return nil
	})
	return out, err
}

// SetArchived archives the contact with id today, or brings them back,
// inside a larger write (a sync archives whom the server removed).
func (tx *Tx) SetArchived(id int64, archive bool) error {
	var day any
	if archive {
		day = tx.Today().String()
	}
	_, err := tx.Exec("UPDATE contacts SET archived_on = ?, updated_at = ? WHERE id = ?", day, tx.Now(), id)
	return err
}

// ArchivedOn is the day the contact with id was archived, nil when they
// are not.
func (tx *Tx) ArchivedOn(id int64) (*dates.Date, error) {
	var on sql.NullString
	err := tx.QueryRow("SELECT archived_on FROM contacts WHERE id = ?", id).Scan(&on)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, kith.Errorf(kith.NotFound, "no contact with id %d", id).WithHint("kith contact list shows the ids")
	}
	if err != nil {
		return nil, err
	}
	return dateOf(on)
}

// Footprint is what goes with a contact when they are removed, and what
// of it the reports count.
type Footprint struct {
	OwnCoffees    int `json:"own_coffees"`    // coffees no one else attended: removed
	SharedCoffees int `json:"shared_coffees"` // coffees with others: kept, without them
	Introductions int `json:"introductions"`  // on either side: removed
	// IntrosMade are those of Introductions that were made, IntrosWon
	// those won, and Revenue what the won ones brought: the reports
	// count each.
	IntrosMade int     `json:"introductions_made"`
	IntrosWon  int     `json:"introductions_won"`
	Revenue    float64 `json:"revenue"`
	// WonOn is the day they last became a client, which the reports count
	// as a client won (nil if never).
	WonOn     *dates.Date `json:"won_on"`
	Followups int         `json:"followups"`
	Notes     int         `json:"notes"`
	Touches   int         `json:"touches"`
}

// CountsInReports reports whether removing the contact would change what
// the reports say: introductions made, revenue won, a client won.
func (fp Footprint) CountsInReports() bool {
	return fp.IntrosMade > 0 || fp.Revenue > 0 || fp.WonOn != nil
}

// ContactFootprint counts what goes with the contact with id.
func (db *DB) ContactFootprint(ctx context.Context, id int64) (Footprint, error) {
	var fp Footprint
	err := db.read(ctx, "count what a contact holds", func(tx *Tx) error {
		var won sql.NullString
		err := tx.QueryRow(`SELECT
			(SELECT count(*) FROM coffee_contacts cc WHERE cc.contact_id = ?1 AND NOT EXISTS
				(SELECT 1 FROM coffee_contacts o WHERE o.coffee_id = cc.coffee_id AND o.contact_id <> ?1)),
			(SELECT count(*) FROM coffee_contacts cc WHERE cc.contact_id = ?1 AND EXISTS
				(SELECT 1 FROM coffee_contacts o WHERE o.coffee_id = cc.coffee_id AND o.contact_id <> ?1)),
			count(i.id), count(i.made_on), count(CASE WHEN i.status = 'won' THEN 1 END),
			COALESCE(sum(CASE WHEN i.status = 'won' THEN i.value END), 0),
			(SELECT max(moved_on) FROM stage_moves WHERE contact_id = ?1 AND to_stage = 'client' AND from_stage IS NOT NULL),
			(SELECT count(*) FROM followups f WHERE f.contact_id = ?1
				AND NOT EXISTS (SELECT 1 FROM followup_people p WHERE p.followup_id = f.id)),
			(SELECT count(*) FROM contact_notes WHERE contact_id = ?1),
			(SELECT count(*) FROM touches WHERE contact_id = ?1)
			FROM (SELECT id, made_on, status, value FROM introductions WHERE from_id = ?1
				UNION SELECT id, made_on, status, value FROM introductions WHERE to_id = ?1) i`, id).
			Scan(&fp.OwnCoffees, &fp.SharedCoffees, &fp.Introductions, &fp.IntrosMade, &fp.IntrosWon, &fp.Revenue,
				&won, &fp.Followups, &fp.Notes, &fp.Touches)
		if err != nil {
			return err
		}
		fp.WonOn, err = dateOf(won)
		return err
	})
	return fp, err
}

// ArchivedNames completes a REF with the names of archived contacts that
// start with typed (any case), for contact unarchive: completion offers
// no one else them.
func (db *DB) ArchivedNames(ctx context.Context, typed string) ([]Completion, error) {
	var out []Completion
	err := db.read(ctx, "complete archived names", func(tx *Tx) error {
		lo, hi := prefixRange(kith.Fold(typed))
		found, err := queryAll(tx, scanCompletion, `SELECT id, name, company FROM contacts
			WHERE name_key >= ? AND name_key < ? AND archived_on IS NOT NULL`+contactOrderPlain+` LIMIT ?`, lo, hi, completionLimit)
		out = completionsOf(found)
		return err
	})
	return out, err
}
