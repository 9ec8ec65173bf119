package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// Corrections to coffees: a coffee logged wrong is edited or removed, a
// plan is marked held or cancelled. Each rewrites the last contact of the
// people it touches from their held coffees, so a coffee that goes (or
// moves, or loses someone) stops counting for them at once.

// CoffeeEdit is what coffee edit changes: nil fields stay as they are.
// Add and Remove are REFs of people to add to the coffee or take off it.
type CoffeeEdit struct {
	On                  *dates.Date
	Kind                *kith.CoffeeKind
	Place, Topic, Notes *string
	Add, Remove         []string
}

// ChangedCoffee is a coffee as a correction left it, with the ids of the
// open follow-ups its next step had made for people who are no longer at
// it ([] in JSON when none).
type ChangedCoffee struct {
	kith.Coffee
	RemovedFollowupIDs []int64 `json:"removed_followup_ids"`
}

// EditCoffee changes the coffee with id as e says, in one transaction.
// The coffee keeps at least one person; a held coffee stays in the past
// and a plan in the future (coffee held logs a plan that happened).
func (db *DB) EditCoffee(ctx context.Context, id int64, e CoffeeEdit) (ChangedCoffee, error) {
	var out ChangedCoffee
	err := db.write(ctx, "edit coffee", func(tx *Tx) error {
		before, err := tx.getCoffee(id)
		if err != nil {
			return err
		}
		add, remove, err := tx.coffeeGuests(before, e)
		if err != nil {
			return err
		}
		if err := tx.checkCoffeeEdit(before, e); err != nil {
			return err
		}
		after := before
		setIf(&after.Place, e.Place)
		setIf(&after.Topic, e.Topic)
		setIf(&after.Notes, e.Notes)
		if e.On != nil {
			after.On = *e.On
		}
		if e.Kind != nil {
			after.Kind = *e.Kind
		}
		if _, err := tx.Exec(`UPDATE coffees SET held_on = ?, kind = ?, place = ?, topic = ?, notes = ?, updated_at = ?
			WHERE id = ?`, after.On.String(), string(after.Kind), strings.TrimSpace(after.Place),
			strings.TrimSpace(after.Topic), strings.TrimSpace(after.Notes), tx.Now(), id); err != nil {
			return err
		}
		for _, c := range add {
			if _, err := tx.Exec("INSERT INTO coffee_contacts (coffee_id, contact_id) VALUES (?, ?)", id, c); err != nil {
				return err
			}
		}
		if out.RemovedFollowupIDs, err = tx.takeOffCoffee(id, remove); err != nil {
			return err
		}
		if err := tx.refreshLastContact(append(contactIDs(before.Contacts), add...)); err != nil {
			return err
		}
		out.Coffee, err = tx.getCoffee(id)
		return err
	})
	return out, err
}

// setIf sets *dst to *v when v is given.
func setIf(dst *string, v *string) {
	if v != nil {
		*dst = *v
	}
}

// coffeeGuests resolves the people to add to coffee c and to take off it:
// someone added must not be there yet, someone taken off must be, and
// someone must stay.
func (tx *Tx) coffeeGuests(c kith.Coffee, e CoffeeEdit) (add, remove []int64, err error) {
	there := map[int64]bool{}
	for _, p := range c.Contacts {
		there[p.ID] = true
	}
	for _, ref := range e.Add {
		p, err := tx.ResolveContact(ref)
		if err != nil {
			return nil, nil, err
		}
		if there[p.ID] {
			return nil, nil, kith.Errorf(kith.Conflict, "%s is already at coffee #%d; nothing was changed", p.Name, c.ID).
				WithHint("--add names someone who was not at it")
		}
		there[p.ID] = true
		add = append(add, p.ID)
	}
	for _, ref := range e.Remove {
		p, err := tx.ResolveContact(ref)
		if err != nil {
			return nil, nil, err
		}
		if !there[p.ID] || slices.Contains(add, p.ID) {
			return nil, nil, kith.Errorf(kith.Conflict, "%s is not at coffee #%d; nothing was changed", p.Name, c.ID).
				WithHint("kith coffee list --contact %d shows their coffees", p.ID)
		}
		delete(there, p.ID)
		remove = append(remove, p.ID)
	}
	if len(there) == 0 {
		return nil, nil, kith.Errorf(kith.Invalid, "coffee #%d would have no one at it; nothing was changed", c.ID).
			WithHint("kith coffee rm %d removes the coffee", c.ID)
	}
	return add, remove, nil
}

// checkCoffeeEdit applies the coffee rules to the edited values: a held
// coffee cannot move into the future, nor a plan into the past; a
// cancelled one may go anywhere, since it counts nowhere.
func (tx *Tx) checkCoffeeEdit(c kith.Coffee, e CoffeeEdit) error {
	if e.Kind != nil {
		if _, err := kith.ParseCoffeeKind(string(*e.Kind)); err != nil {
			return err
		}
	}
	if e.On == nil || c.Status == kith.CoffeeCancelled {
		return nil
	}
	err := kith.CheckCoffeeDate(*e.On, tx.Today(), c.Planned)
	switch {
	case err == nil:
		return nil
	case c.Planned:
		return err.WithHint("kith coffee held %d --on %s logs the plan as held on that day", c.ID, *e.On)
	}
	return err.WithHint("give --on the day you met")
}

// takeOffCoffee takes people off coffee id, with the open follow-ups its
// next step made for them, and returns those follow-ups' ids.
func (tx *Tx) takeOffCoffee(id int64, people []int64) ([]int64, error) {
	gone := []int64{}
	for _, p := range people {
		fus, err := tx.nextStepsOf(id, p)
		if err != nil {
			return nil, err
		}
		gone = append(gone, fus...)
		if _, err := tx.Exec("DELETE FROM coffee_contacts WHERE coffee_id = ? AND contact_id = ?", id, p); err != nil {
			return nil, err
		}
	}
	return gone, nil
}

// nextStepsOf takes contact off the open follow-ups coffee id's next step
// made (everyone, when contact is 0) and returns the ids of those that
// went: a follow-up goes when no one is left on it. Done ones stay: they
// record something that was done.
func (tx *Tx) nextStepsOf(id, contact int64) ([]int64, error) {
	rows, err := tx.Query(`SELECT f.id FROM followups f WHERE f.coffee_id = ?1 AND f.source = 'coffee' AND f.done_at IS NULL
		AND (?2 = 0 OR f.contact_id = ?2 OR f.id IN (SELECT followup_id FROM followup_people WHERE contact_id = ?2))
		ORDER BY f.id`, id, contact)
	if err != nil {
		return nil, err
	}
	ids, err := scanColumn[int64](rows)
	if err != nil {
		return nil, err
	}
	gone := []int64{} // [] in JSON, not null
	for _, fu := range ids {
		removed := true
		if contact != 0 {
			removed, err = tx.takeOffFollowup(fu, contact)
		} else {
			_, err = tx.Exec("DELETE FROM followups WHERE id = ?", fu)
		}
		if err != nil {
			return nil, err
		}
		if removed {
			gone = append(gone, fu)
		}
	}
	return gone, nil
}

// RemoveCoffees removes the coffees with ids, all or none, with the open
// follow-ups their next steps made; introductions made at them stay.
func (db *DB) RemoveCoffees(ctx context.Context, ids []int64) ([]ChangedCoffee, error) {
	var out []ChangedCoffee
	err := db.write(ctx, "remove coffees", func(tx *Tx) error {
		found, err := tx.coffeesByID(ids, "removed")
		if err != nil {
			return err
		}
		var people []int64
		for _, c := range found {
			gone, err := tx.nextStepsOf(c.ID, 0)
			if err != nil {
				return err
			}
			if _, err := tx.Exec("DELETE FROM coffees WHERE id = ?", c.ID); err != nil {
				return err
			}
			out = append(out, ChangedCoffee{Coffee: c, RemovedFollowupIDs: gone})
			people = append(people, contactIDs(c.Contacts)...)
		}
		return tx.refreshLastContact(people)
	})
	return out, err
}

// coffeesByID reads the coffees with ids, all or none; verb says what
// was then not done to them.
func (tx *Tx) coffeesByID(ids []int64, verb string) ([]kith.Coffee, error) {
	return recordsByID(ids, tx.getCoffee, "coffee", verb, "coffee")
}

// HoldCoffee marks the plan with id as held on on (nil: the planned day,
// or today when that is still to come). A cancelled plan that happened
// after all can be marked held too; a coffee already held cannot.
func (db *DB) HoldCoffee(ctx context.Context, id int64, on *dates.Date) (kith.Coffee, error) {
	var out kith.Coffee
	err := db.write(ctx, "hold coffee", func(tx *Tx) error {
		c, err := tx.getCoffee(id)
		if err != nil {
			return err
		}
		if !c.Planned {
			return kith.Errorf(kith.Conflict, "coffee #%d is not planned: it was held on %s; nothing was changed", c.ID, c.On).
				WithHint("kith coffee edit %d --on DATE changes its day", c.ID)
		}
		day := c.On
		if on != nil {
			day = *on
		} else if day.After(tx.Today()) {
			day = tx.Today()
		}
		if err := kith.CheckCoffeeDate(day, tx.Today(), false); err != nil {
			return err.WithHint("give --on the day you met, today or earlier")
		}
		if err := tx.holdPlan(id, NewCoffee{On: day}); err != nil {
			return err
		}
		if err := tx.refreshLastContact(contactIDs(c.Contacts)); err != nil {
			return err
		}
		out, err = tx.getCoffee(id)
		return err
	})
	return out, err
}

// CancelCoffees marks the plans with ids cancelled, all or none: kept in
// the history, counted nowhere. Their follow-ups stay.
func (db *DB) CancelCoffees(ctx context.Context, ids []int64) ([]ChangedCoffee, error) {
	var out []ChangedCoffee
	err := db.write(ctx, "cancel coffees", func(tx *Tx) error {
		found, err := tx.coffeesByID(ids, "cancelled")
		if err != nil {
			return err
		}
		for _, c := range found {
			switch c.Status {
			case kith.CoffeeHeld:
				return kith.Errorf(kith.Conflict, "coffee #%d was held on %s, so it cannot be cancelled; nothing was cancelled", c.ID, c.On).
					WithHint("kith coffee rm %d removes a coffee logged by mistake", c.ID)
			case kith.CoffeeCancelled:
				return kith.Errorf(kith.Conflict, "coffee #%d is already cancelled; nothing was cancelled", c.ID).
					WithHint("kith coffee held %d records that it happened after all", c.ID)
			}
			if _, err := tx.Exec("UPDATE coffees SET cancelled = 1, updated_at = ? WHERE id = ?", tx.Now(), c.ID); err != nil {
				return err
			}
		}
		after, err := tx.coffeesByID(ids, "cancelled")
		for _, c := range after {
			out = append(out, ChangedCoffee{Coffee: c, RemovedFollowupIDs: []int64{}})
		}
		return err
	})
	return out, err
}

// refreshLastContact sets each contact's last contact to the day of their
// latest held coffee (NULL when none is left), touching only those whose
// day changes.
func (tx *Tx) refreshLastContact(ids []int64) error {
	for _, id := range ids {
		if _, err := tx.Exec(`UPDATE contacts SET last_contact = latest, updated_at = ?
			FROM (SELECT max(f.held_on) AS latest FROM coffee_contacts cc JOIN coffees f ON f.id = cc.coffee_id
				WHERE cc.contact_id = ? AND f.planned = 0)
			WHERE id = ? AND last_contact IS NOT latest`, tx.Now(), id, id); err != nil {
			return fmt.Errorf("last contact of #%d: %w", id, err)
		}
	}
	return nil
}

// contactIDs returns the ids of the people at a coffee.
func contactIDs(refs []kith.ContactRef) []int64 {
	ids := make([]int64, len(refs))
	for i, r := range refs {
		ids[i] = r.ID
	}
	return ids
}
