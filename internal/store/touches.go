package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/kith-crm/kith/internal/clip"
	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// TouchResult is what kith touch recorded: who, on which day, and their
// stay-in-touch item as it now stands (nil when they have no cadence).
type TouchResult struct {
	ID        int64      `json:"id"`
	ContactID int64      `json:"contact_id"`
	Contact   string     `json:"contact"`
	On        dates.Date `json:"touched_on"`
	Note      string     `json:"note"`
	// Next is the contact's stay-in-touch item after the touch.
	Next *kith.DueItem `json:"next_due"`
}

// Touch records a message sent to the contact ref names, on the day on
// (today or earlier): it restarts their stay-in-touch cadence and ends a
// snooze of it, without counting as a meeting.
func (db *DB) Touch(ctx context.Context, ref string, on dates.Date, note string, policy kith.CadencePolicy) (TouchResult, error) {
	res := TouchResult{On: on, Note: strings.TrimSpace(note)}
	err := db.write(ctx, "touch contact", func(tx *Tx) error {
		c, err := tx.ResolveContact(ref)
		if err != nil {
			return err
		}
		if res.ID, err = tx.touch(c.ID, on, res.Note); err != nil {
			return err
		}
		res.ContactID, res.Contact = c.ID, c.Name
		if next, ok, err := tx.stayInTouch(c, policy); ok {
			res.Next = &next
		} else if err != nil {
			return err
		}
		return nil
	})
	return res, err
}

// touch stores a touch of contact id and ends the snooze of their
// stay-in-touch item: what is done is done, whatever it was put off to.
func (tx *Tx) touch(contactID int64, on dates.Date, note string) (int64, error) {
	if on.After(tx.Today()) {
		return 0, kith.Errorf(kith.Invalid, "a touch is something done: %s is after today (%s)", on, tx.Today()).
			WithHint("use --on today or an earlier day")
	}
	res, err := tx.Exec(`INSERT INTO touches (contact_id, touched_on, note, created_at) VALUES (?, ?, ?, ?)`,
		contactID, on.String(), note, tx.Now())
	if err != nil {
		return 0, err
	}
	if _, err := tx.Exec("DELETE FROM cadence_snoozes WHERE contact_id = ?", contactID); err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// cadenceHoldsQuery reads every contact's latest touch and snooze; a
// contact has at most one of each row here.
const cadenceHoldsQuery = `SELECT contact_id, max(touched_on), NULL FROM touches GROUP BY contact_id
	UNION ALL SELECT contact_id, NULL, until_on FROM cadence_snoozes`

// cadenceHolds returns the holds on stay-in-touch items, by contact id.
// Touches and snoozes are few beside contacts, so reading them all costs
// less than looking each due contact up.
func (tx *Tx) cadenceHolds() (map[int64]kith.CadenceHold, error) {
	rows, err := tx.Query(cadenceHoldsQuery)
	if err != nil {
		return nil, err
	}
	return scanHolds(rows)
}

// cadenceHold returns the hold on one contact's stay-in-touch item.
func (tx *Tx) cadenceHold(contactID int64) (kith.CadenceHold, error) {
	rows, err := tx.Query(`SELECT ?1, (SELECT max(touched_on) FROM touches WHERE contact_id = ?1),
		(SELECT until_on FROM cadence_snoozes WHERE contact_id = ?1)`, contactID)
	if err != nil {
		return kith.CadenceHold{}, err
	}
	holds, err := scanHolds(rows)
	return holds[contactID], err
}

func scanHolds(rows *sql.Rows) (map[int64]kith.CadenceHold, error) {
	defer rows.Close()
	holds := map[int64]kith.CadenceHold{}
	for rows.Next() {
		var id int64
		var touched, until sql.NullString
		if err := rows.Scan(&id, &touched, &until); err != nil {
			return nil, err
		}
		h := holds[id]
		for _, d := range []struct {
			s  sql.NullString
			to *dates.Date
		}{{touched, &h.Touched}, {until, &h.Until}} {
			if !d.s.Valid {
				continue
			}
			day, err := dates.ParseISO(d.s.String)
			if err != nil {
				return nil, fmt.Errorf("contact %d: cadence hold: %w", id, err)
			}
			*d.to = day
		}
		holds[id] = h
	}
	return holds, rows.Err()
}

// stayInTouch returns contact c's stay-in-touch item as it stands, with
// its hold; ok is false when c has no cadence.
func (tx *Tx) stayInTouch(c kith.Contact, policy kith.CadencePolicy) (item kith.DueItem, ok bool, err error) {
	days := policy.For(c.Category, c.CadenceDays)
	if days <= 0 {
		return item, false, nil
	}
	hold, err := tx.cadenceHold(c.ID)
	if err != nil {
		return item, false, err
	}
	due := hold.Apply(kith.CadenceDue(c.LastContact, tx.LocalDay(c.CreatedAt), days), days)
	return kith.CadenceItem(c.ID, c.Name, due, tx.Today()), true, nil
}

// cadenceContacts loads the contacts whose stay-in-touch items ids name,
// in order, failing unless each exists and has a cadence. verb says what
// would have happened to them, for the error.
func (tx *Tx) cadenceContacts(ids []kith.ItemID, policy kith.CadencePolicy, verb string) ([]kith.Contact, error) {
	var out []kith.Contact
	var missing, none []string
	for _, id := range ids {
		c, err := tx.getContact(id.N)
		switch {
		case kith.ErrorCode(err) == kith.NotFound:
			missing = append(missing, id.String())
			continue
		case err != nil:
			return nil, err
		case policy.For(c.Category, c.CadenceDays) <= 0:
			none = append(none, fmt.Sprintf("%s (%s)", id, c.Name))
		}
		out = append(out, c)
	}
	if len(missing) > 0 {
		return nil, kith.Errorf(kith.NotFound, "no contact for %s; nothing was %s", clip.List(missing), verb).
			WithHint("c12 is contact #12's stay-in-touch item; kith followup due shows the ids")
	}
	if len(none) > 0 {
		return nil, kith.Errorf(kith.Invalid, "%s: no stay-in-touch cadence, so no such item; nothing was %s", clip.List(none), verb).
			WithHint("kith touch REF records a message to anyone; contact edit --cadence 30d sets a cadence")
	}
	return out, nil
}

// splitIDs parts item ids into stored follow-ups' ids and stay-in-touch
// items.
func splitIDs(ids []kith.ItemID) (followups []int64, cadences []kith.ItemID) {
	for _, id := range ids {
		if id.Cadence {
			cadences = append(cadences, id)
		} else {
			followups = append(followups, id.N)
		}
	}
	return followups, cadences
}

// actOnItems is DoneItems and SnoozeItems: it loads every item the ids
// name, failing before any change unless all exist and are open, then
// applies onFollowup or onCadence to each, in the order given.
func (tx *Tx) actOnItems(ids []kith.ItemID, policy kith.CadencePolicy, verb string,
	onFollowup func(kith.Followup) error, onCadence func(kith.Contact) error) ([]kith.ItemState, error) {
	fids, cids := splitIDs(ids)
	fus, err := tx.followupsByID(fids, verb)
	if err != nil {
		return nil, err
	}
	if err := tx.requireOpen(fus, verb); err != nil {
		return nil, err
	}
	cs, err := tx.cadenceContacts(cids, policy, verb)
	if err != nil {
		return nil, err
	}
	out := make([]kith.ItemState, 0, len(ids))
	for _, id := range ids {
		if !id.Cadence {
			fu := fus[0]
			fus = fus[1:]
			if err := onFollowup(fu); err != nil {
				return nil, err
			}
			if fu, err = tx.getFollowup(fu.ID); err != nil {
				return nil, err
			}
			out = append(out, fu.State(tx.Today()))
			continue
		}
		c := cs[0]
		cs = cs[1:]
		if err := onCadence(c); err != nil {
			return nil, err
		}
		item, _, err := tx.stayInTouch(c, policy)
		if err != nil {
			return nil, err
		}
		out = append(out, kith.ItemState{DueItem: item, Status: cadenceStatus(verb)})
	}
	return out, nil
}

// cadenceStatus is the status a stay-in-touch item reports after verb.
func cadenceStatus(verb string) string {
	if verb == "snoozed" {
		return "snoozed"
	}
	return "done"
}

// DoneItems marks items done, all or none: a stored follow-up is marked
// done, a stay-in-touch item (c12) gets a touch today, which restarts the
// cadence. A missing or already-done id fails the whole command. A done
// stay-in-touch item reports when it next falls due.
func (db *DB) DoneItems(ctx context.Context, ids []kith.ItemID, policy kith.CadencePolicy) ([]kith.ItemState, error) {
	var out []kith.ItemState
	err := db.write(ctx, "done followups", func(tx *Tx) error {
		var err error
		out, err = tx.actOnItems(ids, policy, "marked done", func(fu kith.Followup) error {
			return tx.FollowupDone(fu.ID)
		}, func(c kith.Contact) error {
			_, err := tx.touch(c.ID, tx.Today(), "")
			return err
		})
		return err
	})
	return out, err
}

// FollowupDone marks the stored follow-up id done now, inside a larger
// write (a sync marks done what was ticked on the phone).
func (tx *Tx) FollowupDone(id int64) error {
	_, err := tx.Exec("UPDATE followups SET done_at = ?, updated_at = ? WHERE id = ? AND done_at IS NULL", tx.Now(), tx.Now(), id)
	return err
}

// SnoozeItems puts items off until the day until (today or later), all
// or none: a stored follow-up's due day moves there, and a stay-in-touch
// item is not due before it (a later cadence day still stands).
func (db *DB) SnoozeItems(ctx context.Context, ids []kith.ItemID, until dates.Date, policy kith.CadencePolicy) ([]kith.ItemState, error) {
	var out []kith.ItemState
	err := db.write(ctx, "snooze followups", func(tx *Tx) error {
		if err := kith.CheckFollowupDue(until, tx.Today()); err != nil {
			return err.WithHint("snooze --for a length such as 3d or 1w, or --until a day from today on")
		}
		var err error
		out, err = tx.actOnItems(ids, policy, "snoozed", func(fu kith.Followup) error {
			_, err := tx.Exec("UPDATE followups SET due_on = ?, snoozed = 1, updated_at = ? WHERE id = ?",
				until.String(), tx.Now(), fu.ID)
			return err
		}, func(c kith.Contact) error {
			_, err := tx.Exec(`INSERT INTO cadence_snoozes (contact_id, until_on, created_at) VALUES (?, ?, ?)
				ON CONFLICT (contact_id) DO UPDATE SET until_on = excluded.until_on, created_at = excluded.created_at`,
				c.ID, until.String(), tx.Now())
			return err
		})
		return err
	})
	return out, err
}
