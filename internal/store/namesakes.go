package store

import (
	"context"
	"slices"

	"github.com/kith-crm/kith/internal/kith"
)

// Near-duplicates are warned of, not made silently: before contact add
// (or a rename) stores a person, it looks for the contacts they would be
// taken for, and before an answer to the three questions becomes someone
// new, for the contacts whose name it is the start of.

// Namesake is a stored contact that a contact being added or renamed
// would be taken for, and what they share.
type Namesake struct {
	kith.ContactRef
	Company string `json:"company"`
	// Same is what they share: "name", "email" or "phone"; Value is the
	// email or phone shared.
	Same     string `json:"same"`
	Value    string `json:"value,omitempty"`
	Archived bool   `json:"archived"`
}

// Namesakes finds the stored contacts c would be taken for: the same name
// (any case), an email, or a phone number as imports match them (the same
// number with or without a country code). The contact with id except is
// left out (0 leaves out no one); with nameOnly, only names are compared.
func (db *DB) Namesakes(ctx context.Context, c kith.Contact, except int64, nameOnly bool) ([]Namesake, error) {
	var out []Namesake
	err := db.read(ctx, "find namesakes", func(tx *Tx) error {
		if err := c.Normalize(); err != nil {
			return err
		}
		add := func(found []Namesake, err error) error {
			for _, n := range found {
				if !slices.ContainsFunc(out, func(o Namesake) bool { return o.ID == n.ID }) {
					out = append(out, n)
				}
			}
			return err
		}
		if err := add(tx.namesakesBy(namesakesByName, except, "name", "", kith.Fold(c.Name))); err != nil || nameOnly {
			return err
		}
		for _, e := range c.Emails {
			if err := add(tx.namesakesBy(namesakesByEmail, except, "email", e, kith.Fold(e))); err != nil {
				return err
			}
		}
		for _, p := range c.Phones {
			ids, err := tx.samePhone(kith.PhoneDigits(p))
			if err != nil {
				return err
			}
			for _, id := range ids {
				if err := add(tx.namesakesBy(namesakesByID, except, "phone", p, id)); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return out, err
}

// The namesake queries: the contacts but ?1 that share a name key, an
// email key, or are the contact ?2.
const (
	namesakeColumns  = `SELECT id, name, company, archived_on IS NOT NULL FROM contacts WHERE id <> ?1 AND `
	namesakesByName  = namesakeColumns + `name_key = ?2 ORDER BY id`
	namesakesByEmail = namesakeColumns + `id IN (SELECT contact_id FROM contact_emails WHERE email_key = ?2) ORDER BY id`
	namesakesByID    = namesakeColumns + `id = ?2`
)

// namesakesBy runs one namesake query, each contact it finds sharing same
// (value: the email or phone).
func (tx *Tx) namesakesBy(query string, except int64, same, value string, key any) ([]Namesake, error) {
	return queryAll(tx, func(row interface{ Scan(...any) error }) (Namesake, error) {
		n := Namesake{Same: same, Value: value}
		err := row.Scan(&n.ID, &n.Name, &n.Company, &n.Archived)
		return n, err
	}, query, except, key)
}

// samePhone lists the contacts holding the phone number digits, as
// imports match numbers (kith.SamePhoneDigits).
func (tx *Tx) samePhone(digits string) ([]int64, error) {
	if digits == "" {
		return nil, nil
	}
	tail := digits
	if len(tail) > 9 {
		tail = tail[len(tail)-9:]
	}
	rows, err := tx.Query(phoneCandidatesQuery, tail)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		var stored string
		if err := rows.Scan(&id, &stored); err != nil {
			return nil, err
		}
		if kith.SamePhoneDigits(stored, digits) && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids, rows.Err()
}

// NameStarts lists the contacts whose name starts with the words of name
// (any case) and goes on: "Hannah" starts "Hannah Lee", but "Carl" does
// not start "Carla Mendes". An answer to the three questions names a
// contact only by their whole name, so these are whom it may have meant.
func (db *DB) NameStarts(ctx context.Context, name string) ([]kith.Contact, error) {
	var out []kith.Contact
	err := db.read(ctx, "find names that start alike", func(tx *Tx) error {
		key := kith.Fold(kith.TrimText(name))
		if key == "" {
			return nil
		}
		lo, hi := prefixRange(key + " ")
		var err error
		out, err = tx.queryContacts("SELECT "+contactColumns+` FROM contacts c
			WHERE c.name_key >= ? AND c.name_key < ?`+contactOrder+` LIMIT ?`, lo, hi, maxCandidates+1)
		return err
	})
	return out, err
}
