package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"github.com/kith-crm/kith/internal/kith"
)

// ImportOptions say how imported contacts are matched and written.
type ImportOptions struct {
	// Update overwrites fields that differ; without it an import only
	// fills fields the stored contact has empty.
	Update bool
	// DryRun does everything and then rolls back.
	DryRun bool
	// Stage is the funnel stage of new contacts whose record has none.
	Stage kith.Stage
	// Category and Tags apply to every imported contact: the category
	// where the contact has none (or always with Update), the tags added.
	Category string
	Tags     []string
}

// Outcome is what an import did with one contact.
type Outcome int

// The outcomes of Importer.Put.
const (
	Created Outcome = iota
	Updated
	Unchanged
)

// errDryRun rolls a dry run back.
var errDryRun = errors.New("dry run")

// Import runs fn in one write transaction with an Importer on it: all the
// contacts fn puts go in together or not at all. A dry run rolls back at
// the end, after every check has run.
func (db *DB) Import(ctx context.Context, opts ImportOptions, fn func(*Importer) error) error {
	err := db.write(ctx, func(tx *Tx) error {
		imp, err := tx.newImporter(opts)
		if err != nil {
			return err
		}
		defer imp.close()
		if err := fn(imp); err != nil {
			return err
		}
		if opts.DryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		return nil
	}
	return err
}

// Importer matches and writes imported contacts inside one transaction,
// with its statements prepared once for the whole file.
type Importer struct {
	tx   *Tx
	opts ImportOptions
	now  string
	day  string

	byEmail, byLinkedIn, byPhone, byNameCompany *sql.Stmt
	insContact, insEmail, insPhone, insTag      *sql.Stmt
	insMove, insTarget                          *sql.Stmt
}

func (tx *Tx) newImporter(opts ImportOptions) (*Importer, error) {
	if opts.Stage == "" {
		opts.Stage = kith.Halo
	}
	imp := &Importer{tx: tx, opts: opts, now: tx.Now(), day: tx.Today().String()}
	// A big import touches index pages all over the file; a larger page
	// cache keeps them from being spilled and read back. The setting is the
	// connection's, so it is put back when the import ends.
	if _, err := tx.Exec(fmt.Sprintf("PRAGMA cache_size = -%d", importCacheKiB)); err != nil {
		return nil, err
	}
	stmts := []struct {
		dst **sql.Stmt
		sql string
	}{
		{&imp.byEmail, "SELECT contact_id FROM contact_emails WHERE email_key = ? ORDER BY contact_id LIMIT 1"},
		{&imp.byLinkedIn, "SELECT id FROM contacts WHERE linkedin_url = ? AND linkedin_url <> '' ORDER BY id LIMIT 1"},
		{&imp.byPhone, "SELECT contact_id FROM contact_phones WHERE digits = ? ORDER BY contact_id LIMIT 1"},
		{&imp.byNameCompany, "SELECT id FROM contacts WHERE name_key = ? AND company_key = ? ORDER BY id LIMIT 1"},
		{&imp.insContact, `INSERT INTO contacts (name, name_key, company, company_key, title, category,
			category_key, stage, advocacy, met_at, topic, idea, cadence_days, linkedin_url, birthday, source,
			notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&imp.insEmail, "INSERT INTO contact_emails (contact_id, position, email, email_key) VALUES (?, ?, ?, ?)"},
		{&imp.insPhone, "INSERT INTO contact_phones (contact_id, position, phone, digits) VALUES (?, ?, ?, ?)"},
		{&imp.insTag, "INSERT INTO contact_tags (contact_id, tag, tag_key) VALUES (?, ?, ?)"},
		{&imp.insMove, "INSERT INTO stage_moves (contact_id, from_stage, to_stage, moved_on, created_at) VALUES (?, NULL, ?, ?, ?)"},
		{&imp.insTarget, "INSERT INTO targets (name, name_key, created_at) VALUES (?, ?, ?) ON CONFLICT (name_key) DO NOTHING"},
	}
	for _, s := range stmts {
		st, err := tx.PrepareContext(tx.ctx, s.sql)
		if err != nil {
			imp.close()
			return nil, err
		}
		*s.dst = st
	}
	return imp, nil
}

func (imp *Importer) close() {
	_, _ = imp.tx.Exec("PRAGMA cache_size = -2000")
	for _, st := range []*sql.Stmt{imp.byEmail, imp.byLinkedIn, imp.byPhone, imp.byNameCompany,
		imp.insContact, imp.insEmail, imp.insPhone, imp.insTag, imp.insMove, imp.insTarget} {
		if st != nil {
			st.Close()
		}
	}
}

// importCacheKiB is the page cache an import may use, within the memory
// budget of a large import (64 MiB resident in all).
const importCacheKiB = 32 << 10

// minPhoneDigits keeps short numbers (extensions, "0") from matching
// strangers.
const minPhoneDigits = 6

// Match finds the stored contact an imported one is: by any of its
// emails, then its LinkedIn URL, then a phone (digits only), then the
// exact name and company. It returns 0 when there is none.
func (imp *Importer) Match(c kith.Contact) (int64, error) {
	var id int64
	try := func(st *sql.Stmt, args ...any) (bool, error) {
		err := st.QueryRowContext(imp.tx.ctx, args...).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return false, nil
		}
		return err == nil, err
	}
	for _, e := range c.Emails {
		if ok, err := try(imp.byEmail, kith.Fold(e)); ok || err != nil {
			return id, err
		}
	}
	if c.LinkedInURL != "" {
		if ok, err := try(imp.byLinkedIn, c.LinkedInURL); ok || err != nil {
			return id, err
		}
	}
	for _, p := range c.Phones {
		if d := kith.PhoneDigits(p); len(d) >= minPhoneDigits {
			if ok, err := try(imp.byPhone, d); ok || err != nil {
				return id, err
			}
		}
	}
	if ok, err := try(imp.byNameCompany, kith.Fold(c.Name), kith.Fold(c.Company)); ok || err != nil {
		return id, err
	}
	return 0, nil
}

// Put creates the contact, or merges it into the stored contact it
// matches. An invalid contact is reported with its error and nothing of
// it is written, so the caller may skip it.
func (imp *Importer) Put(c kith.Contact) (Outcome, error) {
	c.Tags = append(c.Tags, imp.opts.Tags...)
	given := c.Stage
	if err := c.Normalize(); err != nil {
		return 0, err
	}
	id, err := imp.Match(c)
	if err != nil {
		return 0, err
	}
	if id == 0 {
		if given == "" {
			c.Stage = imp.opts.Stage
		}
		return Created, imp.create(c)
	}
	if given == "" {
		c.Stage = "" // the file does not say: keep the stored stage
	}
	return imp.merge(id, c)
}

// create inserts a new contact with lean statements: no read-back.
func (imp *Importer) create(c kith.Contact) error {
	if c.Category == "" {
		c.Category = imp.opts.Category
	}
	ctx := imp.tx.ctx
	res, err := imp.insContact.ExecContext(ctx, c.Name, kith.Fold(c.Name), c.Company, kith.Fold(c.Company), c.Title,
		c.Category, kith.Fold(c.Category), string(c.Stage), advocacyColumn(c), c.MetAt, c.Topic, c.Idea,
		c.CadenceDays, c.LinkedInURL, c.Birthday, c.Source, c.Notes, imp.now, imp.now)
	if err != nil {
		return err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return err
	}
	for i, e := range c.Emails {
		if _, err := imp.insEmail.ExecContext(ctx, id, i, e, kith.Fold(e)); err != nil {
			return err
		}
	}
	for i, p := range c.Phones {
		if _, err := imp.insPhone.ExecContext(ctx, id, i, p, kith.PhoneDigits(p)); err != nil {
			return err
		}
	}
	for _, t := range c.Tags {
		if _, err := imp.insTag.ExecContext(ctx, id, t, kith.Fold(t)); err != nil {
			return err
		}
	}
	_, err = imp.insMove.ExecContext(ctx, id, string(c.Stage), imp.day, imp.now)
	return err
}

// merge combines an imported contact into a stored one: lists gain what
// they lack; other fields are filled where empty, or overwritten where they
// differ with Update. Unchanged contacts are not written at all.
func (imp *Importer) merge(id int64, in kith.Contact) (Outcome, error) {
	before, err := imp.tx.getContact(id)
	if err != nil {
		return 0, err
	}
	after := MergeFields(before, in, imp.opts.Update)
	if after.Category == "" && imp.opts.Category != "" || imp.opts.Update && imp.opts.Category != "" {
		after.Category = imp.opts.Category
	}
	if sameContact(before, after) {
		return Unchanged, nil
	}
	if _, err := imp.tx.UpdateContact(id, func(c *kith.Contact) error { *c = after; return nil }); err != nil {
		return 0, err
	}
	return Updated, nil
}

// MergeFields returns stored with in's fields combined into it: emails,
// phones and tags are joined (stored ones first); each other field takes
// in's value when stored has none, or, with overwrite, whenever in has a
// different one. Stage and advocacy change only with overwrite.
func MergeFields(stored, in kith.Contact, overwrite bool) kith.Contact {
	out := stored
	out.Emails = joinFold(stored.Emails, in.Emails)
	out.Phones = joinFold(stored.Phones, in.Phones)
	out.Tags = joinFold(stored.Tags, in.Tags)
	for _, f := range []struct{ dst, src *string }{
		{&out.Name, &in.Name}, {&out.Company, &in.Company}, {&out.Title, &in.Title}, {&out.Category, &in.Category},
		{&out.MetAt, &in.MetAt}, {&out.Topic, &in.Topic}, {&out.Idea, &in.Idea}, {&out.LinkedInURL, &in.LinkedInURL},
		{&out.Birthday, &in.Birthday}, {&out.Notes, &in.Notes},
	} {
		if *f.src != "" && (*f.dst == "" || overwrite) {
			*f.dst = *f.src
		}
	}
	if in.CadenceDays != nil && (out.CadenceDays == nil || overwrite) {
		out.CadenceDays = in.CadenceDays
	}
	if in.AdvocacySet && (!out.AdvocacySet || overwrite) {
		out.Advocacy, out.AdvocacySet = in.Advocacy, true
	}
	if overwrite && in.Stage != "" {
		out.Stage = in.Stage
	}
	return out
}

func joinFold(a, b []string) []string {
	out := append([]string{}, a...)
	for _, v := range b {
		found := false
		for _, have := range out {
			if kith.Fold(have) == kith.Fold(v) {
				found = true
				break
			}
		}
		if !found && v != "" {
			out = append(out, v)
		}
	}
	return out
}

// sameContact compares what an import can change.
func sameContact(a, b kith.Contact) bool {
	return a.Name == b.Name && a.Company == b.Company && a.Title == b.Title && a.Category == b.Category &&
		a.MetAt == b.MetAt && a.Topic == b.Topic && a.Idea == b.Idea && a.LinkedInURL == b.LinkedInURL &&
		a.Birthday == b.Birthday && a.Notes == b.Notes && a.Stage == b.Stage &&
		a.AdvocacySet == b.AdvocacySet && (!a.AdvocacySet || a.Advocacy == b.Advocacy) &&
		equalCadence(a.CadenceDays, b.CadenceDays) &&
		slices.Equal(a.Emails, b.Emails) && slices.Equal(a.Phones, b.Phones) && slices.Equal(a.Tags, b.Tags)
}

func equalCadence(a, b *int) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

// AddTarget adds a company to the target market unless it is there
// already, and reports whether it added it.
func (imp *Importer) AddTarget(name string) (bool, error) {
	res, err := imp.insTarget.ExecContext(imp.tx.ctx, name, kith.Fold(name), imp.now)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}
