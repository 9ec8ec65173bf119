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
	if err := imp.tx.QueryRow("SELECT COALESCE(MAX(id), 0) + 1, count(*) FROM contacts").Scan(&imp.nextID, &imp.existing); err != nil {
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
// without a country code: kith.SamePhoneDigits), then the
// exact name and company. It returns 0 when there is none.
func (imp *Importer) Match(c kith.Contact) (int64, error) {
	return imp.matchBefore(c, math.MaxInt64)
}

// matchBefore is Match among the contacts whose id is below before.
func (imp *Importer) matchBefore(c kith.Contact, before int64) (int64, error) {
	if err := imp.flush(); err != nil {
		return 0, err
	}
	for _, e := range c.Emails {
		if id, err := imp.lookup(byEmailQuery, kith.Fold(e), before); id != 0 || err != nil {
			return id, err
		}
	}
	if c.LinkedInURL != "" {
		if id, err := imp.lookup(byLinkedInQuery, c.LinkedInURL, before); id != 0 || err != nil {
			return id, err
		}
	}
	for _, p := range c.Phones {
		if d := kith.PhoneDigits(p); len(d) >= minPhoneDigits {
			if id, err := imp.matchPhone(d, before); id != 0 || err != nil {
				return id, err
			}
		}
	}
	return imp.lookup(byNameCompanyQuery, kith.Fold(c.Name), before, kith.Fold(c.Company), c.LinkedInURL)
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
// with or without a country code.
func (imp *Importer) matchPhone(d string, before int64) (int64, error) {
	st, err := imp.tx.prepared(byPhoneQuery)
	if err != nil {
		return 0, err
	}
	rows, err := st.QueryContext(imp.tx.ctx, kith.PhoneMatchKey(d), d, before)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var stored string
		if err := rows.Scan(&id, &stored); err != nil {
			return 0, err
		}
		if kith.SamePhoneDigits(stored, d) {
			return id, nil
		}
	}
	return 0, rows.Err()
}
