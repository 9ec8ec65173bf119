package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// happenedReceived picks, as i, the introductions received that were
// made (a promise is not evidence, and one lost unmade never was): each
// makes its introducer (from_id) an advocate, or a raving fan when it came
// unasked. kith.DeriveAdvocacy is the same rule in Go.
const happenedReceived = `i.direction = 'received' AND i.made_on IS NOT NULL`

// derivedAdvocacy is the advocacy contact c's introductions earn, from
// the introducer tally (0030_introducer_tally), which holds a row for each
// person with an introduction happenedReceived picks, and the day of their
// first unasked one.
const derivedAdvocacy = `CASE (SELECT t.first_unasked IS NOT NULL FROM introducer_tally t WHERE t.contact_id = c.id)
		WHEN 1 THEN 'raving_fan' WHEN 0 THEN 'advocate' ELSE 'none' END`

// effectiveAdvocacy is a contact's advocacy: the user's choice, or else
// derived from introductions received.
const effectiveAdvocacy = `COALESCE(c.advocacy, ` + derivedAdvocacy + `)`

// contactRowColumns are a contact's own columns, without its lists and
// with advocacy as stored (NULL: derived), for contactRow.
const contactRowColumns = `c.id, c.name, c.company, c.title, c.category, c.stage, c.advocacy,
	c.met_at, c.topic, c.idea, c.cadence_days, c.linkedin_url, c.birthday, c.anniversaries, c.source,
	c.last_contact, c.notes, c.created_at, c.updated_at`

// contactRowArray selects contactRowColumns as one JSON array, for
// contactRow.parse: a listing reads many rows, and through the driver a
// column each cost more than the row.
const contactRowArray = "json_array(" + contactRowColumns + ")"

// contactRowFields is how many fields a contactRowArray holds.
const contactRowFields = 19

// contactColumns selects a whole contact in one row, for reads of a few
// contacts: the contact's own columns, its effective advocacy, and its
// lists as JSON arrays from correlated subqueries. Listings read the lists
// in queries of their own instead (eachContactBatch).
const contactColumns = contactRowColumns + `,
	` + effectiveAdvocacy + `,
	(SELECT json_group_array(email) FROM (SELECT email FROM contact_emails WHERE contact_id = c.id ORDER BY position)),
	(SELECT json_group_array(phone) FROM (SELECT phone FROM contact_phones WHERE contact_id = c.id ORDER BY position)),
	(SELECT json_group_array(tag) FROM (SELECT tag FROM contact_tags WHERE contact_id = c.id ORDER BY tag_key))`

// contactRow receives the contactRowColumns of one row; contact turns it
// into a kith.Contact once the lists are known.
type contactRow struct {
	c                kith.Contact
	advocacy         sql.NullString
	cadence          sql.NullInt64
	lastContact      sql.NullString
	anniversaries    string
	created, updated string
}

// dests returns the Scan destinations of contactRowColumns, in order.
func (r *contactRow) dests() []any {
	c := &r.c
	return []any{&c.ID, &c.Name, &c.Company, &c.Title, &c.Category, &c.Stage, &r.advocacy,
		&c.MetAt, &c.Topic, &c.Idea, &r.cadence, &c.LinkedInURL, &c.Birthday, &r.anniversaries, &c.Source,
		&r.lastContact, &c.Notes, &r.created, &r.updated}
}

// parse reads a row selected with contactRowArray, in its fields (see
// packedRows: null reads as ""). None of the columns that may be null
// holds "" when it is not.
func (r *contactRow) parse(f []string) error {
	id, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil {
		return fmt.Errorf("contact id %q: %w", f[0], err)
	}
	*r = contactRow{c: kith.Contact{ID: id, Name: f[1], Company: f[2], Title: f[3], Category: f[4], Stage: kith.Stage(f[5]),
		MetAt: f[7], Topic: f[8], Idea: f[9], LinkedInURL: f[11], Birthday: f[12], Source: f[14], Notes: f[16]},
		advocacy: sql.NullString{String: f[6], Valid: f[6] != ""}, lastContact: sql.NullString{String: f[15], Valid: f[15] != ""},
		anniversaries: f[13], created: f[17], updated: f[18]}
	if f[10] != "" {
		days, err := strconv.ParseInt(f[10], 10, 64)
		if err != nil {
			return fmt.Errorf("contact %d: cadence_days %q: %w", id, f[10], err)
		}
		r.cadence = sql.NullInt64{Int64: days, Valid: true}
	}
	return nil
}

// contact completes the row with the contact's lists (nil reads as empty)
// and the advocacy its introductions earn, used unless the user chose one.
func (r *contactRow) contact(derived kith.Advocacy, emails, phones, tags []string) (kith.Contact, error) {
	c := r.c
	c.Advocacy, c.AdvocacySet = derived, r.advocacy.Valid
	if r.advocacy.Valid {
		c.Advocacy = kith.Advocacy(r.advocacy.String)
	}
	if r.cadence.Valid {
		days := int(r.cadence.Int64)
		c.CadenceDays = &days
	}
	if r.lastContact.Valid {
		d, err := dates.ParseISO(r.lastContact.String)
		if err != nil {
			return c, fmt.Errorf("contact %d: last_contact: %w", c.ID, err)
		}
		c.LastContact = &d
	}
	c.Anniversaries = []string{}
	if r.anniversaries != "" {
		if err := json.Unmarshal([]byte(r.anniversaries), &c.Anniversaries); err != nil {
			return c, fmt.Errorf("contact %d: anniversaries: %w", c.ID, err)
		}
	}
	var err error
	if c.CreatedAt, err = time.Parse(time.RFC3339, r.created); err != nil {
		return c, err
	}
	if c.UpdatedAt, err = time.Parse(time.RFC3339, r.updated); err != nil {
		return c, err
	}
	c.Emails, c.Phones, c.Tags = orEmpty(emails), orEmpty(phones), orEmpty(tags)
	if len(c.Emails) > 0 {
		c.Email = c.Emails[0]
	}
	if len(c.Phones) > 0 {
		c.Phone = c.Phones[0]
	}
	return c, nil
}

// orEmpty keeps a contact's lists non-nil, so JSON shows [] and not null.
func orEmpty(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

// scanContact reads one row selected with contactColumns.
func scanContact(row interface{ Scan(...any) error }) (kith.Contact, error) {
	var (
		r                    contactRow
		advocacy             string
		emails, phones, tags string
	)
	if err := row.Scan(append(r.dests(), &advocacy, &emails, &phones, &tags)...); err != nil {
		return r.c, err
	}
	var lists [3][]string
	for i, src := range []string{emails, phones, tags} {
		if err := json.Unmarshal([]byte(src), &lists[i]); err != nil {
			return r.c, err
		}
	}
	return r.contact(kith.Advocacy(advocacy), lists[0], lists[1], lists[2])
}

// contactOrder lists contacts by name, namesakes by company: exactly the
// order of the contacts_name_company index (whose last key is the rowid),
// so a listing streams from the index instead of sorting every contact.
const contactOrder = " ORDER BY c.name_key, c.company_key, c.id"

// ContactSort is the order of a contact listing.
type ContactSort string

// The orders a listing can take.
const (
	// ByName is contactOrder, the default.
	ByName ContactSort = "name"
	// ByLastContact puts who you have not met for longest first: by the
	// last meeting, or for someone never met the day they were added.
	ByLastContact ContactSort = "last-contact"
	// ByAdded puts the newest contacts first.
	ByAdded ContactSort = "added"
)

// ContactSorts lists the orders, as --sort takes them.
var ContactSorts = []ContactSort{ByName, ByLastContact, ByAdded}

// ContactFilter narrows a contact listing; zero fields do not filter.
type ContactFilter struct {
	Category string
	Tag      string
	Stage    kith.Stage
	Advocacy kith.Advocacy // the effective level: set by the user, or derived
	Search   string        // words of any field the search index holds (see Match), each a word or the start of one
	Limit    int
	Sort     ContactSort   // ByName when empty
	Archive  ArchiveFilter // everyone when zero
}

// order is the listing's ORDER BY clause.
func (f ContactFilter) order() string {
	switch f.Sort {
	case ByLastContact:
		return " ORDER BY COALESCE(c.last_contact, substr(c.created_at, 1, 10)), c.name_key, c.id"
	case ByAdded:
		return " ORDER BY c.created_at DESC, c.id DESC"
	}
	return contactOrder
}

// where builds the filter's WHERE clause and its parameters.
func (f ContactFilter) where() (string, []any) {
	var conds []string
	var args []any
	if f.Category != "" {
		conds = append(conds, "c.category_key = ?")
		args = append(args, kith.Fold(f.Category))
	}
	if f.Tag != "" {
		conds = append(conds, "EXISTS (SELECT 1 FROM contact_tags t WHERE t.contact_id = c.id AND t.tag_key = ?)")
		args = append(args, kith.Fold(f.Tag))
	}
	if f.Stage != "" {
		conds = append(conds, "c.stage = ?")
		args = append(args, string(f.Stage))
	}
	if f.Advocacy != "" {
		conds = append(conds, effectiveAdvocacy+" = ?")
		args = append(args, string(f.Advocacy))
	}
	if strings.TrimSpace(f.Search) != "" {
		// words without regard to case or accents, each a word or the
		// start of one; text without a letter or digit finds no one
		conds = append(conds, "c.id IN (SELECT rowid FROM contact_search WHERE contact_search MATCH ?)")
		args = append(args, Match{Words: kith.SearchWords(f.Search), Prefix: true}.expr())
	}
	switch f.Archive {
	case Unarchived:
		conds = append(conds, "c.id NOT IN "+archivedIDs)
	case OnlyArchived:
		conds = append(conds, "c.archived_on IS NOT NULL")
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// queryContacts reads the contacts a query selecting contactColumns finds,
// for reads of a few contacts (listings use eachContactBatch).
func (tx *Tx) queryContacts(q string, args ...any) ([]kith.Contact, error) {
	return queryAll(tx, scanContact, q, args...)
}

func (tx *Tx) getContact(id int64) (kith.Contact, error) {
	c, err := scanContact(tx.QueryRow("SELECT "+contactColumns+" FROM contacts c WHERE c.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, kith.Errorf(kith.NotFound, "no contact with id %d", id).WithHint("kith contact list shows the ids")
	}
	return c, err
}

// AddContact validates and stores a new contact, records its first funnel
// placement and returns it as stored, inside a larger write: contact add
// with its card's follow-up, a new person named by an introduction.
func (tx *Tx) AddContact(c kith.Contact) (kith.Contact, error) {
	if err := c.Normalize(); err != nil {
		return c, err
	}
	res, err := tx.Exec(`INSERT INTO contacts (name, name_key, company, company_key, title, category,
		category_key, stage, advocacy, met_at, topic, idea, cadence_days, linkedin_url, birthday, anniversaries,
		source, last_contact, notes, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Name, kith.Fold(c.Name), c.Company, kith.Fold(c.Company), c.Title, c.Category, kith.Fold(c.Category),
		string(c.Stage), advocacyColumn(c), c.MetAt, c.Topic, c.Idea, c.CadenceDays, c.LinkedInURL,
		c.Birthday, anniversariesColumn(c), c.Source, dateColumn(c.LastContact), c.Notes, tx.Now(), tx.Now())
	if err != nil {
		return c, err
	}
	if c.ID, err = res.LastInsertId(); err != nil {
		return c, err
	}
	if err := tx.writeContactLists(c); err != nil {
		return c, err
	}
	if err := tx.recordStageMove(c.ID, "", c.Stage, tx.Today()); err != nil {
		return c, err
	}
	return tx.getContact(c.ID)
}

// UpdateContact loads a contact, lets change edit it, validates the result
// and stores it, recording a funnel move when the stage changed.
func (tx *Tx) UpdateContact(id int64, change func(*kith.Contact) error) (kith.Contact, error) {
	before, err := tx.getContact(id)
	if err != nil {
		return before, err
	}
	c := before
	c.Emails = append([]string(nil), before.Emails...)
	c.Phones = append([]string(nil), before.Phones...)
	c.Tags = append([]string(nil), before.Tags...)
	c.Anniversaries = append([]string(nil), before.Anniversaries...)
	if err := change(&c); err != nil {
		return before, err
	}
	if err := tx.saveContact(id, before, c); err != nil {
		return before, err
	}
	return tx.getContact(id)
}

// saveContact writes a stored contact's new fields over before, which the
// caller has just read, recording a funnel move when the stage changed.
// A large import updates thousands of contacts it has already read, so it
// calls this directly instead of reading each one twice more.
func (tx *Tx) saveContact(id int64, before, c kith.Contact) error {
	if err := c.Normalize(); err != nil {
		return err
	}
	_, err := tx.execOften(`UPDATE contacts SET name = ?, name_key = ?, company = ?, company_key = ?, title = ?,
		category = ?, category_key = ?, stage = ?, advocacy = ?, met_at = ?, topic = ?, idea = ?,
		cadence_days = ?, linkedin_url = ?, birthday = ?, anniversaries = ?, source = ?, last_contact = ?, notes = ?,
		updated_at = ? WHERE id = ?`,
		c.Name, kith.Fold(c.Name), c.Company, kith.Fold(c.Company), c.Title, c.Category, kith.Fold(c.Category),
		string(c.Stage), advocacyColumn(c), c.MetAt, c.Topic, c.Idea, c.CadenceDays, c.LinkedInURL,
		c.Birthday, anniversariesColumn(c), c.Source, dateColumn(c.LastContact), c.Notes, tx.Now(), id)
	if err != nil {
		return err
	}
	c.ID = id
	if err := tx.rewriteList("DELETE FROM contact_emails WHERE contact_id = ?", before.Emails, c, c.Emails, tx.writeEmails); err != nil {
		return err
	}
	if err := tx.rewriteList("DELETE FROM contact_phones WHERE contact_id = ?", before.Phones, c, c.Phones, tx.writePhones); err != nil {
		return err
	}
	if err := tx.rewriteList("DELETE FROM contact_tags WHERE contact_id = ?", before.Tags, c, c.Tags, tx.writeTags); err != nil {
		return err
	}
	if c.Stage != before.Stage {
		return tx.recordStageMove(id, before.Stage, c.Stage, tx.Today())
	}
	return nil
}

// advocacyColumn stores NULL unless the user chose the level, so the
// derived value stays live as introductions change.
func advocacyColumn(c kith.Contact) any {
	if !c.AdvocacySet {
		return nil
	}
	return string(c.Advocacy)
}

// anniversariesColumn stores a contact's anniversaries as a JSON array,
// or ” when there are none, which the partial index leaves out.
func anniversariesColumn(c kith.Contact) string {
	if len(c.Anniversaries) == 0 {
		return ""
	}
	b, _ := json.Marshal(c.Anniversaries) // a []string always marshals
	return string(b)
}

// dateColumn stores a missing date as NULL.
func dateColumn(d *dates.Date) any {
	if d == nil {
		return nil
	}
	return d.String()
}

// rewriteList clears one of c's lists (emails, phones, tags) and writes it
// again, when it differs from before. A list rewritten as it was would
// still be rows removed and added in the journal, which an undo of an
// earlier edit would take for a later change.
func (tx *Tx) rewriteList(clear string, before []string, c kith.Contact, after []string, write func(kith.Contact) error) error {
	if slices.Equal(before, after) {
		return nil
	}
	if _, err := tx.execOften(clear, c.ID); err != nil {
		return err
	}
	return write(c)
}

// writeContactLists inserts c's emails and phones in their order and its
// tags; the caller has cleared the old ones.
func (tx *Tx) writeContactLists(c kith.Contact) error {
	for _, write := range []func(kith.Contact) error{tx.writeEmails, tx.writePhones, tx.writeTags} {
		if err := write(c); err != nil {
			return err
		}
	}
	return nil
}

func (tx *Tx) writeEmails(c kith.Contact) error {
	for i, e := range c.Emails {
		if _, err := tx.execOften("INSERT INTO contact_emails (contact_id, position, email, email_key) VALUES (?, ?, ?, ?)",
			c.ID, i, e, kith.Fold(e)); err != nil {
			return err
		}
	}
	return nil
}

func (tx *Tx) writePhones(c kith.Contact) error {
	for i, p := range c.Phones {
		if _, err := tx.execOften("INSERT INTO contact_phones (contact_id, position, phone, digits) VALUES (?, ?, ?, ?)",
			c.ID, i, p, kith.PhoneDigits(p)); err != nil {
			return err
		}
	}
	return nil
}

func (tx *Tx) writeTags(c kith.Contact) error {
	for _, t := range c.Tags {
		if _, err := tx.execOften("INSERT INTO contact_tags (contact_id, tag, tag_key) VALUES (?, ?, ?)",
			c.ID, t, kith.Fold(t)); err != nil {
			return err
		}
	}
	return nil
}

// recordStageMove keeps a funnel move on day on in the contact's history;
// from is empty for the contact's first placement.
func (tx *Tx) recordStageMove(id int64, from, to kith.Stage, on dates.Date) error {
	var fromCol any
	if from != "" {
		fromCol = string(from)
	}
	_, err := tx.execOften("INSERT INTO stage_moves (contact_id, from_stage, to_stage, moved_on, created_at) VALUES (?, ?, ?, ?, ?)",
		id, fromCol, string(to), on.String(), tx.Now())
	return err
}

// RemoveContact deletes a contact with everything that belongs only to
// them: their lists, follow-ups, introductions, and coffees no one else
// attended. Coffees shared with others stay, without them.
func (db *DB) RemoveContact(ctx context.Context, id int64) error {
	return db.write(ctx, "remove contact", func(tx *Tx) error { return tx.RemoveContact(id) })
}

// SharedEmail is an email address a contact shares with another contact.
type SharedEmail struct {
	Email     string
	ContactID int64
	Name      string // the other contact's
}

// SharedEmails lists the other contacts holding one of contact id's email
// addresses: such an address no longer names one contact as a REF.
func (db *DB) SharedEmails(ctx context.Context, id int64) ([]SharedEmail, error) {
	var out []SharedEmail
	err := db.read(ctx, "find shared emails", func(tx *Tx) error {
		rows, err := tx.Query(`SELECT e.email, o.contact_id, c.name FROM contact_emails e
			JOIN contact_emails o ON o.email_key = e.email_key AND o.contact_id <> e.contact_id
			JOIN contacts c ON c.id = o.contact_id
			WHERE e.contact_id = ? ORDER BY e.position, o.contact_id`, id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s SharedEmail
			if err := rows.Scan(&s.Email, &s.ContactID, &s.Name); err != nil {
				return err
			}
			out = append(out, s)
		}
		return rows.Err()
	})
	return out, err
}
