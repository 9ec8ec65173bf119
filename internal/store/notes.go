package store

import (
	"context"
	"time"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// A contact's dated notes (contact_notes) only grow: they are added here
// and never rewritten; they go only with their contact.

const noteColumns = `n.id, n.contact_id, c.name, n.noted_on, n.text, n.created_at
	FROM contact_notes n JOIN contacts c ON c.id = n.contact_id`

func scanNote(row interface{ Scan(...any) error }) (kith.Note, error) {
	var n kith.Note
	var on, created string
	err := row.Scan(&n.ID, &n.Contact.ID, &n.Contact.Name, &on, &n.Text, &created)
	if err != nil {
		return n, err
	}
	if n.On, err = dates.ParseISO(on); err != nil {
		return n, err
	}
	n.CreatedAt, err = time.Parse(time.RFC3339, created)
	return n, err
}

// AddNote resolves ref and adds a note dated on (zero: today) to the
// contact, in one transaction.
func (db *DB) AddNote(ctx context.Context, ref string, on dates.Date, text string) (kith.Note, error) {
	var out kith.Note
	err := db.write(ctx, "add contact note", func(tx *Tx) error {
		c, err := tx.ResolveContact(ref)
		if err != nil {
			return err
		}
		out, err = tx.AddNote(c.ID, on, text)
		return err
	})
	return out, err
}

// AddNote adds a note dated on (zero: today) to the contact with id,
// inside an open transaction. A note records what was said or learned, so
// it is dated today or earlier.
func (tx *Tx) AddNote(id int64, on dates.Date, text string) (kith.Note, error) {
	text, err := kith.NoteOf(text)
	if err != nil {
		return kith.Note{}, err
	}
	if on.IsZero() {
		on = tx.Today()
	}
	if on.After(tx.Today()) {
		return kith.Note{}, kith.Errorf(kith.Invalid, "%s is in the future: a note records what already happened", on).
			WithHint("give --on today or an earlier day; kith followup add remembers something to do")
	}
	res, err := tx.Exec("INSERT INTO contact_notes (contact_id, noted_on, text, created_at) VALUES (?, ?, ?, ?)",
		id, on.String(), text, tx.Now())
	if err != nil {
		return kith.Note{}, err
	}
	noteID, err := res.LastInsertId()
	if err != nil {
		return kith.Note{}, err
	}
	return scanNote(tx.QueryRow("SELECT "+noteColumns+" WHERE n.id = ?", noteID))
}

// Notes returns the contact's dated notes, newest first.
func (tx *Tx) Notes(id int64) ([]kith.Note, error) {
	notes, err := queryAll(tx, scanNote, "SELECT "+noteColumns+" WHERE n.contact_id = ? ORDER BY n.noted_on DESC, n.id DESC", id)
	if notes == nil {
		notes = []kith.Note{} // [] in JSON
	}
	return notes, err
}
