package store

import (
	"database/sql"
	"errors"
	"math"

	"github.com/kith-crm/kith/internal/kith"
)

// matchKeys are the filter keys a contact can be found by.
func matchKeys(c kith.Contact) []string {
	keys := make([]string, 0, len(c.Emails)+len(c.Phones)+2)
	for _, e := range c.Emails {
		keys = append(keys, "e\x00"+kith.Fold(e))
	}
	if c.LinkedInURL != "" {
		keys = append(keys, "l\x00"+c.LinkedInURL)
	}
	for _, p := range c.Phones {
		if d := kith.PhoneDigits(p); len(d) >= minPhoneDigits {
			keys = append(keys, "p\x00"+kith.PhoneMatchKey(d))
		}
	}
	return append(keys, "n\x00"+kith.Fold(c.Name)+"\x00"+kith.Fold(c.Company))
}

// buildFilter loads every match key in the database into a new filter and
// starts batching after the last stored id.
func (imp *Importer) buildFilter() error {
	f := newBloom()
	add := func(prefix string) func(*sql.Rows, error) error {
		return func(rows *sql.Rows, err error) error {
			return addKeys(f, prefix, rows, err)
		}
	}
	if err := add("e\x00")(imp.tx.Query("SELECT email_key FROM contact_emails")); err != nil {
		return err
	}
	if err := add("l\x00")(imp.tx.Query("SELECT linkedin_url FROM contacts WHERE linkedin_url <> ''")); err != nil {
		return err
	}
	if err := add("p\x00")(imp.tx.Query("SELECT substr(digits, -9) FROM contact_phones")); err != nil {
		return err
	}
	if err := add("n\x00")(imp.tx.Query("SELECT name_key || char(0) || company_key FROM contacts")); err != nil {
		return err
	}
	if err := imp.tx.QueryRow("SELECT count(*) FROM contacts").Scan(&imp.existing); err != nil {
		return err
	}
	var err error
	if imp.nextID, err = imp.tx.nextContactID(); err != nil {
		return err
	}
	imp.filter = f
	return nil
}

// addKeys adds each key a query returns, after prefix, to f.
func addKeys(f *bloom, prefix string, rows *sql.Rows, err error) error {
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return err
		}
		f.add(prefix + k)
	}
	return rows.Err()
}

// Match finds the stored contact an imported one is: by any of its
// emails, then its LinkedIn URL, then a phone (the same number, with or
// without a country code: kith.SamePhoneDigits) held by someone whose name
// may be the record's person's, then the exact name and company. It
// returns 0 when there is none.
func (imp *Importer) Match(c kith.Contact) (int64, error) {
	id, _, err := imp.matchBefore(c, math.MaxInt64)
	return id, err
}

// PossibleDuplicate is a contact an import created although it shares a
// key with a stored one (Key, such as "phone +1 415 555 0100"): their
// names say they are two people, but only the user can tell
// (kith contact dupes lists them too).
type PossibleDuplicate struct {
	Key        string
	NewID      int64
	NewName    string
	StoredID   int64
	StoredName string
}

// keptApart notes a new contact that shares a key with a stored one.
func (imp *Importer) keptApart(ap apart, id int64, name string) {
	imp.counts.PossibleDuplicates = append(imp.counts.PossibleDuplicates,
		PossibleDuplicate{Key: ap.key, NewID: id, NewName: name, StoredID: ap.id, StoredName: ap.name})
}

// apart is a stored contact that shares a phone with a record but is kept
// apart from it: their names are not one person's (an office line, a
// family's landline).
type apart struct {
	id        int64
	name, key string
}

// matchBefore is Match among the contacts whose id is below before. When
// it finds none but a phone is shared with someone else, it returns that
// contact as apart, for the summary's possible duplicates.
func (imp *Importer) matchBefore(c kith.Contact, before int64) (int64, apart, error) {
	if err := imp.flush(); err != nil {
		return 0, apart{}, err
	}
	for _, e := range c.Emails {
		if id, err := imp.lookup(byEmailQuery, kith.Fold(e), before); id != 0 || err != nil {
			return id, apart{}, err
		}
	}
	if c.LinkedInURL != "" {
		if id, err := imp.lookup(byLinkedInQuery, c.LinkedInURL, before); id != 0 || err != nil {
			return id, apart{}, err
		}
	}
	var first apart
	for _, p := range c.Phones {
		if d := kith.PhoneDigits(p); len(d) >= minPhoneDigits {
			id, ap, err := imp.matchPhone(d, before, c.Name)
			if id != 0 || err != nil {
				return id, apart{}, err
			}
			if first.id == 0 && ap.id != 0 {
				first = ap
				first.key = "phone " + p
			}
		}
	}
	id, err := imp.lookup(byNameCompanyQuery, kith.Fold(c.Name), before, kith.Fold(c.Company), c.LinkedInURL)
	if id != 0 {
		first = apart{}
	}
	return id, first, err
}

// lookup runs a query for one contact id; 0 when there is none.
func (imp *Importer) lookup(query string, args ...any) (int64, error) {
	st, err := imp.tx.prepared(query)
	if err != nil {
		return 0, err
	}
	var id int64
	if err := st.QueryRowContext(imp.tx.ctx, args...).Scan(&id); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	return id, nil
}

// matchPhone finds the earliest contact below before with a phone that is
// the number d (digits), preferring the same digits to the same number
// with or without a country code, and whose name may be name's person's
// (samePerson). The first holder of the number who is not is returned as
// apart.
func (imp *Importer) matchPhone(d string, before int64, name string) (int64, apart, error) {
	st, err := imp.tx.prepared(byPhoneQuery)
	if err != nil {
		return 0, apart{}, err
	}
	rows, err := st.QueryContext(imp.tx.ctx, kith.PhoneMatchKey(d), d, before)
	if err != nil {
		return 0, apart{}, err
	}
	defer rows.Close()
	var holders []int64
	for rows.Next() {
		var id int64
		var stored string
		if err := rows.Scan(&id, &stored); err != nil {
			return 0, apart{}, err
		}
		if kith.SamePhoneDigits(stored, d) {
			holders = append(holders, id)
		}
	}
	if err := rows.Err(); err != nil {
		return 0, apart{}, err
	}
	rows.Close()
	var ap apart
	for _, id := range holders {
		stored, err := imp.name(id)
		if err != nil {
			return 0, apart{}, err
		}
		if imp.samePerson(id, stored, name) {
			return id, apart{}, nil
		}
		if ap.id == 0 {
			ap = apart{id: id, name: stored}
		}
	}
	return 0, ap, nil
}

// samePerson decides whether a record named name is the contact id,
// named stored, with whom it shares a phone. A contact stored before this
// import may be the same person under a shorter or fuller name
// (kith.NamesCompatible: "Ana" is "Ana Lima"); one this import wrote
// from an earlier row of the file must have the same name, as two rows
// of one file are two entries of the address book that wrote it.
func (imp *Importer) samePerson(id int64, stored, name string) bool {
	if id >= imp.firstNew {
		return kith.Fold(stored) == kith.Fold(name)
	}
	return kith.NamesCompatible(stored, name)
}

// name reads a stored contact's name.
func (imp *Importer) name(id int64) (string, error) {
	st, err := imp.tx.prepared(nameByIDQuery)
	if err != nil {
		return "", err
	}
	var name string
	return name, st.QueryRowContext(imp.tx.ctx, id).Scan(&name)
}

// nextContactID is the id SQLite would give the next contact: above every
// id it ever gave (AUTOINCREMENT's sequence), so a removed contact's id is
// never given again. The importer names its contacts' ids itself, to write
// their emails and tags in the same batch.
func (tx *Tx) nextContactID() (int64, error) {
	var id int64
	err := tx.QueryRow(`SELECT max(COALESCE((SELECT MAX(id) FROM contacts), 0),
		COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'contacts'), 0)) + 1`).Scan(&id)
	return id, err
}
