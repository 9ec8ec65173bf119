package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/kith-crm/kith/internal/clip"
	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// followupColumns selects a whole follow-up with the names of everyone it
// is for (contact_name, kept by triggers: migration 0022).
const followupColumns = `f.id, f.contact_id, f.contact_name, f.text, f.due_on, f.source, f.snoozed, f.done_at, f.created_at`

// scanFollowup reads one row selected with followupColumns.
func scanFollowup(row interface{ Scan(...any) error }) (kith.Followup, error) {
	var (
		fu           kith.Followup
		due, created string
		done         sql.NullString
	)
	if err := row.Scan(&fu.ID, &fu.ContactID, &fu.Contact, &fu.Text, &due, &fu.Source, &fu.Snoozed, &done, &created); err != nil {
		return fu, err
	}
	var err error
	if fu.Due, err = dates.ParseISO(due); err != nil {
		return fu, fmt.Errorf("follow-up %d: due_on: %w", fu.ID, err)
	}
	if done.Valid {
		t, err := time.Parse(time.RFC3339, done.String)
		if err != nil {
			return fu, fmt.Errorf("follow-up %d: done_at: %w", fu.ID, err)
		}
		fu.DoneAt = &t
	}
	if fu.CreatedAt, err = time.Parse(time.RFC3339, created); err != nil {
		return fu, fmt.Errorf("follow-up %d: created_at: %w", fu.ID, err)
	}
	return fu, nil
}

func (tx *Tx) queryFollowups(q string, args ...any) ([]kith.Followup, error) {
	return queryAll(tx, scanFollowup, q, args...)
}

func (tx *Tx) getFollowup(id int64) (kith.Followup, error) {
	fu, err := scanFollowup(tx.QueryRow("SELECT "+followupColumns+
		" FROM followups f WHERE f.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return fu, kith.Errorf(kith.NotFound, "no follow-up #%d", id).WithHint("kith followup list shows the ids")
	}
	return fu, err
}

// NewFollowup is a follow-up to store for a contact.
type NewFollowup struct {
	ContactID int64
	Text      string
	Due       dates.Date
	Source    kith.FollowupSource // manual when empty
	CoffeeID  *int64              // the coffee whose next step it is
	Others    []int64             // the others it is for, besides ContactID
}

// AddFollowup stores a follow-up inside an open transaction, for commands
// that create one as part of a larger write (a card, a coffee's next step).
func (tx *Tx) AddFollowup(n NewFollowup) (kith.Followup, error) {
	text, err := kith.ValidateFollowupText(n.Text)
	if err != nil {
		return kith.Followup{}, err
	}
	if err := kith.CheckFollowupDue(n.Due, tx.Today()); err != nil {
		return kith.Followup{}, err.WithHint("make it due today or later: --in a length such as 3d, or --due a day from today on")
	}
	if n.Source == "" {
		n.Source = kith.FromUser
	}
	res, err := tx.Exec(`INSERT INTO followups (contact_id, text, due_on, source, coffee_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, n.ContactID, text, n.Due.String(), string(n.Source), n.CoffeeID, tx.Now(), tx.Now())
	if err != nil {
		return kith.Followup{}, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return kith.Followup{}, err
	}
	if err := tx.addFollowupPeople(id, n.Others); err != nil {
		return kith.Followup{}, err
	}
	return tx.getFollowup(id)
}

// JoinFollowup is AddFollowup for the follow-ups kith writes itself (a
// card's idea, a coffee's next step): when someone it is for already has
// an open follow-up saying the same thing (kith.SameFollowupText), it adds
// no twin but keeps that one, for everyone it is for now, moved to the new
// due day if that is earlier, so a promise repeated never slips later.
// joined reports that it did.
func (tx *Tx) JoinFollowup(n NewFollowup) (fu kith.Followup, joined bool, err error) {
	if err := kith.CheckFollowupDue(n.Due, tx.Today()); err != nil {
		return fu, false, err.WithHint("make it due today or later: --in a length such as 3d, or --due a day from today on")
	}
	people, _ := json.Marshal(append([]int64{n.ContactID}, n.Others...)) // an []int64 always marshals
	open, err := tx.queryFollowups("SELECT "+followupColumns+` FROM followups f
		WHERE f.done_at IS NULL AND (f.contact_id IN (SELECT value FROM json_each(?1))
			OR f.id IN (SELECT followup_id FROM followup_people WHERE contact_id IN (SELECT value FROM json_each(?1))))
		ORDER BY f.due_on, f.id`, string(people))
	if err != nil {
		return fu, false, err
	}
	for _, twin := range open {
		if !kith.SameFollowupText(twin.Text, n.Text) {
			continue
		}
		if n.Due.Before(twin.Due) {
			if _, err := tx.Exec("UPDATE followups SET due_on = ?, updated_at = ? WHERE id = ?",
				n.Due.String(), tx.Now(), twin.ID); err != nil {
				return fu, false, err
			}
		}
		if err := tx.addFollowupPeople(twin.ID, append([]int64{n.ContactID}, n.Others...)); err != nil {
			return fu, false, err
		}
		twin, err = tx.getFollowup(twin.ID)
		return twin, true, err
	}
	fu, err = tx.AddFollowup(n)
	return fu, false, err
}

// AddFollowup stores a follow-up for the contact ref names, due on due.
func (db *DB) AddFollowup(ctx context.Context, ref, text string, due dates.Date) (kith.Followup, error) {
	var out kith.Followup
	err := db.write(ctx, "add followup", func(tx *Tx) error {
		c, err := tx.ResolveContact(ref)
		if err != nil {
			return err
		}
		out, err = tx.AddFollowup(NewFollowup{ContactID: c.ID, Text: text, Due: due})
		return err
	})
	return out, err
}

// AddContactWithCard stores a new contact and, when its card has a
// follow-up idea, a follow-up for it due cardDays from today, in one
// transaction. The follow-up is nil when there is no idea.
func (db *DB) AddContactWithCard(ctx context.Context, c kith.Contact, cardDays int) (kith.Contact, *kith.Followup, error) {
	var (
		added kith.Contact
		card  *kith.Followup
	)
	err := db.write(ctx, "add contact", func(tx *Tx) error {
		var err error
		if added, err = tx.AddContact(c); err != nil {
			return err
		}
		if added.Idea == "" {
			return nil
		}
		fu, err := tx.AddFollowup(NewFollowup{ContactID: added.ID, Text: added.Idea,
			Due: tx.Today().AddDays(cardDays), Source: kith.FromCard})
		card = &fu
		return err
	})
	return added, card, err
}

// CardEdit is what editing a contact did: the contact as stored, when
// the edit gave the card a new follow-up idea, the follow-up it became,
// and the note it added.
type CardEdit struct {
	Contact kith.Contact
	Card    *kith.Followup // nil unless the idea changed to a non-empty one
	Note    *kith.Note     // nil unless the edit added one
	// AlreadyOpen says Card is an open follow-up with the same text that
	// was there before, not a new one (see JoinFollowup).
	AlreadyOpen bool
}

// EditContactWithCard updates a contact as UpdateContact does and, when
// the edit changes the card's follow-up idea to a non-empty one, gives it
// a follow-up due cardDays from today, as adding the contact would have;
// each of notes is added to the contact's dated notes, today (CardEdit
// holds the last). One transaction, so a failing edit writes none of it.
func (db *DB) EditContactWithCard(ctx context.Context, id int64, change func(*kith.Contact) error, cardDays int, notes ...string) (CardEdit, error) {
	var out CardEdit
	err := db.write(ctx, "edit contact", func(tx *Tx) error {
		before, err := tx.getContact(id)
		if err != nil {
			return err
		}
		if out.Contact, err = tx.UpdateContact(id, change); err != nil {
			return err
		}
		for _, text := range notes {
			n, err := tx.AddNote(id, dates.Date{}, text)
			if err != nil {
				return err
			}
			out.Note = &n
		}
		if out.Contact.Idea == "" || out.Contact.Idea == before.Idea {
			return nil
		}
		fu, joined, err := tx.JoinFollowup(NewFollowup{ContactID: id, Text: out.Contact.Idea,
			Due: tx.Today().AddDays(cardDays), Source: kith.FromCard})
		out.Card, out.AlreadyOpen = &fu, joined
		return err
	})
	return out, err
}

// FollowupFilter narrows a follow-up listing.
type FollowupFilter struct {
	Open, Done bool   // only open, only done; neither or both: all
	ContactRef string // only this contact's, when set
}

// ListFollowups returns the stored follow-ups that pass the filter: open
// ones first, each group by due day.
func (db *DB) ListFollowups(ctx context.Context, f FollowupFilter) ([]kith.Followup, error) {
	return collect(func(add func(kith.Followup) error) error { return db.EachFollowup(ctx, f, add) })
}

// EachFollowup calls fn with each follow-up that passes the filter, in
// ListFollowups' order, as it is read.
func (db *DB) EachFollowup(ctx context.Context, f FollowupFilter, fn func(kith.Followup) error) error {
	return db.scan(ctx, "list followups", func(tx *Tx) error {
		onlyOpen, onlyDone := f.Open && !f.Done, f.Done && !f.Open
		var contactID int64
		if f.ContactRef != "" {
			c, err := tx.ResolveContact(f.ContactRef)
			if err != nil {
				return err
			}
			contactID = c.ID
		}
		return queryEach(tx, scanFollowup, fn, "SELECT "+followupColumns+` FROM followups f
			WHERE (NOT ?1 OR f.done_at IS NULL) AND (NOT ?2 OR f.done_at IS NOT NULL)
			AND (?3 = 0 OR f.contact_id = ?3 OR f.id IN (SELECT followup_id FROM followup_people WHERE contact_id = ?3))
			ORDER BY f.done_at IS NOT NULL, f.due_on, f.id`, onlyOpen, onlyDone, contactID)
	})
}

// followupsByID loads the follow-ups with the given ids, in that order,
// failing, and naming every missing id, unless all exist. verb says what
// would have happened to them ("marked done"), for the error.
func (tx *Tx) followupsByID(ids []int64, verb string) ([]kith.Followup, error) {
	var found []kith.Followup
	var missing []string
	for _, id := range ids {
		fu, err := tx.getFollowup(id)
		if kith.ErrorCode(err) == kith.NotFound {
			missing = append(missing, "#"+strconv.FormatInt(id, 10))
			continue
		}
		if err != nil {
			return nil, err
		}
		found = append(found, fu)
	}
	if len(missing) > 0 {
		noun := "follow-up"
		if len(missing) > 1 {
			noun = "follow-ups"
		}
		return nil, kith.Errorf(kith.NotFound, "no %s %s; nothing was %s", noun, clip.List(missing), verb).
			WithHint("kith followup list shows the ids")
	}
	return found, nil
}

// requireOpen fails, naming each one, when any of fus is already done.
func (tx *Tx) requireOpen(fus []kith.Followup, verb string) error {
	var done []string
	for _, fu := range fus {
		if !fu.Open() {
			done = append(done, fmt.Sprintf("#%d (done %s)", fu.ID, tx.LocalDay(*fu.DoneAt)))
		}
	}
	switch len(done) {
	case 0:
		return nil
	case 1:
		return kith.Errorf(kith.Conflict, "follow-up %s is already done; nothing was %s", done[0], verb).
			WithHint("kith followup list --open shows what is left to do")
	}
	return kith.Errorf(kith.Conflict, "follow-ups %s are already done; nothing was %s", clip.List(done), verb).
		WithHint("kith followup list --open shows what is left to do")
}

// RemoveFollowups deletes the follow-ups, all or none.
func (db *DB) RemoveFollowups(ctx context.Context, ids []int64) ([]kith.Followup, error) {
	var out []kith.Followup
	err := db.write(ctx, "remove followups", func(tx *Tx) error {
		var err error
		if out, err = tx.followupsByID(ids, "removed"); err != nil {
			return err
		}
		for _, fu := range out {
			if _, err := tx.Exec("DELETE FROM followups WHERE id = ?", fu.ID); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// LocalDay is the user's calendar day at the stored instant t.
func (tx *Tx) LocalDay(t time.Time) dates.Date {
	return dates.Of(t.In(tx.now.Location()))
}

// FollowupWithContact returns the follow-up with the given id and the
// contact it is for.
func (tx *Tx) FollowupWithContact(id int64) (kith.Followup, kith.Contact, error) {
	fu, err := tx.getFollowup(id)
	if err != nil {
		return fu, kith.Contact{}, err
	}
	c, err := tx.getContact(fu.ContactID)
	return fu, c, err
}

// NextOpenFollowup returns the earliest open follow-up the contact is on,
// or nil when they have none.
func (tx *Tx) NextOpenFollowup(contactID int64) (*kith.Followup, error) {
	fus, err := tx.queryFollowups(`SELECT `+followupColumns+` FROM followups f
		WHERE f.done_at IS NULL AND (f.contact_id = ?1 OR f.id IN (SELECT followup_id FROM followup_people WHERE contact_id = ?1))
		ORDER BY f.due_on, f.id LIMIT 1`, contactID)
	if err != nil || len(fus) == 0 {
		return nil, err
	}
	return &fus[0], nil
}

// lastMeetingSQL finds a contact's latest held meeting. CROSS JOIN keeps
// coffee_contacts outside: the planner would otherwise walk every coffee
// by date through coffees_held_kind and test each for the contact, which for
// someone never met reads all million coffees; this way it reads only the
// contact's own coffees, through coffee_contacts_contact.
const lastMeetingSQL = `SELECT k.id FROM coffee_contacts cc
		CROSS JOIN coffees k ON k.id = cc.coffee_id
		WHERE cc.contact_id = ? AND k.planned = 0 AND k.held_on <= ?
		ORDER BY k.held_on DESC, k.id DESC LIMIT 1`

// LastMeeting returns the latest meeting held with the contact up to
// today, or nil when there was none.
func (tx *Tx) LastMeeting(contactID int64) (*kith.Coffee, error) {
	var id int64
	err := tx.QueryRow(lastMeetingSQL, contactID, tx.Today().String()).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	c, err := tx.getCoffee(id)
	return &c, err
}
