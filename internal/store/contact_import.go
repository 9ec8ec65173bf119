package store

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"strings"

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

// ImportContacts runs fn in one write transaction with an Importer on it: all the
// contacts fn puts go in together or not at all. A dry run rolls back at
// the end, after every check has run. It returns what the import did (for
// a large import the outcomes Put returned are settled only at the end).
func (db *DB) ImportContacts(ctx context.Context, opts ImportOptions, fn func(*Importer) error) (ImportCounts, error) {
	var counts ImportCounts
	err := db.withoutForeignKeys(ctx, func(conn *sql.Conn) error {
		// The CHECK constraints on stages and advocacy are IN lists, which
		// SQLite evaluates by building a small temporary b-tree for every row
		// written: 15% of a large import's CPU. Every contact an import writes
		// has passed kith.Contact.Normalize, which enforces the same rules, so
		// the import skips the second check.
		if _, err := conn.ExecContext(ctx, "PRAGMA ignore_check_constraints = ON"); err != nil {
			return openError(db.path, err)
		}
		defer conn.ExecContext(context.Background(), "PRAGMA ignore_check_constraints = OFF")
		// Foreign keys are off (withoutForeignKeys): an import only adds
		// contacts and rows that point at the ids it has just given them, so
		// per-row foreign key lookups would check nothing; they cost a parent
		// lookup per row and force a statement journal on every multi-row
		// insert.
		// A large page cache also keeps statement journals of multi-row
		// inserts in memory instead of a temporary file.
		return db.withLargeCache(ctx, conn, func() error { return db.importOn(ctx, conn, opts, fn, &counts) })
	})
	if errors.Is(err, errDryRun) {
		return counts, nil
	}
	return counts, err
}

// importOn runs the import's one transaction on conn.
func (db *DB) importOn(ctx context.Context, conn *sql.Conn, opts ImportOptions, fn func(*Importer) error, counts *ImportCounts) error {
	return db.runOn(ctx, conn, nil, "import contacts", func(tx *Tx) error {
		imp, err := tx.newImporter(opts)
		if err != nil {
			return err
		}
		paused, err := tx.pauseContactIndex()
		if err != nil {
			return err
		}
		if err := fn(imp); err != nil {
			return err
		}
		if err := imp.flush(); err != nil {
			return err
		}
		if err := imp.leaveBulk(); err != nil {
			return err
		}
		if err := tx.resumeContactIndex(paused, imp.firstNew, imp.changed); err != nil {
			return err
		}
		*counts = imp.counts
		if opts.DryRun {
			return errDryRun
		}
		return nil
	})
}

// ImportCounts says what an import did.
type ImportCounts struct {
	Created, Updated, Unchanged int
	// PossibleDuplicates are new contacts that share a phone with
	// someone stored, kept apart because their names are not one
	// person's.
	PossibleDuplicates []PossibleDuplicate
}

func (c *ImportCounts) add(o Outcome) {
	switch o {
	case Created:
		c.Created++
	case Updated:
		c.Updated++
	default:
		c.Unchanged++
	}
}

// Importer matches and writes imported contacts inside one transaction.
// Its statements are prepared once for the whole file. After the first
// few hundred records it keeps a Bloom filter of every match key in the
// database, and new contacts whose keys it has certainly not seen are
// written in batches, so a large import spends its time in SQLite's
// b-trees rather than in one round trip per row.
type Importer struct {
	tx   *Tx
	opts ImportOptions
	now  string
	day  string

	seen     int       // contacts put so far
	firstNew int64     // the id of the first contact this import creates
	filter   *bloom    // nil until batching starts
	nextID   int64     // the id the next batched contact gets
	pending  []pending // new contacts not yet written
	counts   ImportCounts

	// bulk mode: see import_bulk.go
	existing int64      // contacts stored when batching started
	bulk     bool       // the match indexes are dropped until finish
	bulkDone bool       // bulk mode has been left; it is not entered again
	dropped  []indexDef // what to recreate
	bulkFrom int64      // the id of the first contact written in bulk mode
	suspects []suspect  // contacts written in bulk mode that may match an earlier one

	inserts map[insertKey]*sql.Stmt // see insertStmt
	changed []int64                 // stored contacts the import changed, to index anew
}

// table is a multi-row INSERT: its head up to VALUES and its column count.
type table struct {
	head string
	cols int
}

// The tables a new contact is written to, in an order foreign keys allow.
// OR ROLLBACK: a failed insert fails the whole import anyway, and it spares
// SQLite a statement journal for each multi-row insert.
var (
	contactsTable = table{`INSERT OR ROLLBACK INTO contacts (id, name, name_key, company, company_key, title, category,
		category_key, stage, advocacy, met_at, topic, idea, cadence_days, linkedin_url, birthday, anniversaries,
		source, notes, created_at, updated_at) VALUES `, 21}
	emailsTable = table{"INSERT OR ROLLBACK INTO contact_emails (contact_id, position, email, email_key) VALUES ", 4}
	phonesTable = table{"INSERT OR ROLLBACK INTO contact_phones (contact_id, position, phone, digits) VALUES ", 4}
	tagsTable   = table{"INSERT OR ROLLBACK INTO contact_tags (contact_id, tag, tag_key) VALUES ", 3}
	movesTable  = table{"INSERT OR ROLLBACK INTO stage_moves (contact_id, from_stage, to_stage, moved_on, created_at) VALUES ", 5}
)

type insertKey struct {
	head string
	rows int
}

// chunkRows is how many rows one INSERT statement carries.
const chunkRows = 100

// pending is a new contact waiting for its batch.
type pending struct {
	id int64
	c  kith.Contact
}

// batchAfter is how many contacts an import writes one by one before it
// builds its filter and starts batching: small imports never pay for the
// filter's scan of the database.
const batchAfter = 500

// batchSize is how many new contacts go into one batch of inserts.
const batchSize = 500

func (tx *Tx) newImporter(opts ImportOptions) (*Importer, error) {
	if opts.Stage == "" {
		opts.Stage = kith.Halo
	}
	// new contacts without a stage of their own take this one, after
	// Normalize: it is checked here, as the schema's check is off
	if _, err := kith.ParseStage(string(opts.Stage)); err != nil {
		return nil, err
	}
	imp := &Importer{tx: tx, opts: opts, now: tx.Now(), day: tx.Today().String(), inserts: map[insertKey]*sql.Stmt{}}
	if err := tx.QueryRow("SELECT COALESCE(MAX(id), 0) + 1 FROM contacts").Scan(&imp.firstNew); err != nil {
		return nil, err
	}
	return imp, nil
}

// The importer's statements, each prepared once per import (Tx.prepared).
// Each lookup takes an id bound (?2, or ?3 for phones): only contacts
// stored before it match, which lets bulk mode check its suspects against
// earlier rows.
const (
	byEmailQuery    = "SELECT contact_id FROM contact_emails WHERE email_key = ?1 AND contact_id < ?2 ORDER BY contact_id LIMIT 1"
	byLinkedInQuery = "SELECT id FROM contacts WHERE linkedin_url = ?1 AND linkedin_url <> '' AND id < ?2 ORDER BY id LIMIT 1"
	// Phones sharing the match key, the same number first; the rule
	// (kith.SamePhoneDigits) picks among them.
	byPhoneQuery = phoneCandidatesQuery + " AND contact_id < ?3 ORDER BY digits <> ?2, contact_id"
	// Two different LinkedIn profiles are two people, whatever their names.
	byNameCompanyQuery = `SELECT id FROM contacts WHERE name_key = ?1 AND company_key = ?3
		AND (?4 = '' OR linkedin_url = '' OR linkedin_url = ?4) AND id < ?2 ORDER BY id LIMIT 1`
	// A re-import reads every matched contact: parsed once, not (with its
	// subqueries) for each row, which was half of its time.
	byIDQuery         = "SELECT " + contactColumns + " FROM contacts c WHERE c.id = ?"
	nameByIDQuery     = "SELECT name FROM contacts WHERE id = ?"
	insertTargetQuery = "INSERT INTO targets (name, name_key, created_at) VALUES (?, ?, ?) ON CONFLICT (name_key) DO NOTHING"
)

// contact reads a stored contact.
func (imp *Importer) contact(id int64) (kith.Contact, error) {
	st, err := imp.tx.prepared(byIDQuery)
	if err != nil {
		return kith.Contact{}, err
	}
	return scanContact(st.QueryRowContext(imp.tx.ctx, id))
}

// insertRows writes rows into t, chunkRows to a statement.
func (imp *Importer) insertRows(t table, rows [][]any) error {
	args := make([]any, 0, chunkRows*t.cols)
	for len(rows) > 0 {
		n := min(len(rows), chunkRows)
		st, err := imp.insertStmt(t, n)
		if err != nil {
			return err
		}
		args = args[:0]
		for _, r := range rows[:n] {
			args = append(args, r...)
		}
		if _, err := st.ExecContext(imp.tx.ctx, args...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

// placeholders returns rows groups of cols ? placeholders: (?, ?), (?, ?).
func placeholders(cols, rows int) string {
	group := "(" + strings.Repeat("?, ", cols-1) + "?)"
	return group + strings.Repeat(", "+group, rows-1)
}

// insertStmt returns the prepared INSERT of n rows into t. It keeps them
// by table and row count, so a flush does not build the long statement
// text again to find it.
func (imp *Importer) insertStmt(t table, n int) (*sql.Stmt, error) {
	key := insertKey{t.head, n}
	if st := imp.inserts[key]; st != nil {
		return st, nil
	}
	st, err := imp.tx.prepared(t.head + placeholders(t.cols, n))
	if err != nil {
		return nil, err
	}
	imp.inserts[key] = st
	return st, nil
}

// importCacheKiB is the page cache an import may use, within the memory
// budget of a large import (64 MiB resident in all).
const importCacheKiB = 4 << 10

// minPhoneDigits keeps short numbers (extensions, "0") from matching
// strangers.
const minPhoneDigits = 6

// phoneCandidatesQuery finds the phones that may be the number whose
// match key is ?1 (kith.PhoneMatchKey), through the index on
// substr(digits, -9): the expression must stay written exactly so.
const phoneCandidatesQuery = "SELECT contact_id, digits FROM contact_phones WHERE substr(digits, -9) = ?1"

// Put creates the contact, or merges it into the stored contact it
// matches. An invalid contact is reported with its error and nothing of
// it is written, so the caller may skip it.
func (imp *Importer) Put(c kith.Contact) (Outcome, error) {
	o, err := imp.put(c)
	if err == nil {
		imp.counts.add(o)
	}
	return o, err
}

func (imp *Importer) put(c kith.Contact) (Outcome, error) {
	c.Tags = append(c.Tags, imp.opts.Tags...)
	given := c.Stage
	if err := c.Normalize(); err != nil {
		return 0, err
	}
	imp.seen++
	if imp.filter == nil && imp.seen > batchAfter {
		if err := imp.buildFilter(); err != nil {
			return 0, err
		}
	}
	if err := imp.maybeEnterBulk(); err != nil {
		return 0, err
	}
	keys := matchKeys(c)
	maybe := imp.filter == nil
	for _, k := range keys {
		maybe = maybe || imp.filter.mayHave(k)
	}
	asGiven := c
	if given == "" {
		asGiven.Stage = "" // the file does not say: a match keeps its stored stage
	}
	var ap apart
	if maybe && !imp.bulk {
		id, a, err := imp.matchBefore(c, math.MaxInt64)
		if err != nil {
			return 0, err
		}
		if id != 0 {
			return imp.merge(id, asGiven)
		}
		ap = a
	}
	if given == "" {
		c.Stage = imp.opts.Stage
	}
	if c.Category == "" {
		c.Category = imp.opts.Category
	}
	sus := suspect{id: imp.nextID, stageGiven: given != "", categoryGiven: asGiven.Category != ""}
	id, err := imp.create(c, keys, maybe, sus)
	if err == nil && ap.id != 0 {
		imp.keptApart(ap, id, c.Name)
	}
	return Created, err
}

// create writes a new contact, at once for a small import, else in the
// next batch (remembering it as a suspect in bulk mode when the filter
// cannot rule out that it matches someone), and returns its id.
func (imp *Importer) create(c kith.Contact, keys []string, maybe bool, sus suspect) (int64, error) {
	if imp.filter == nil {
		return imp.createOne(c)
	}
	for _, k := range keys {
		imp.filter.add(k)
	}
	if maybe && imp.bulk {
		// written now, checked against earlier contacts when bulk mode ends
		imp.suspects = append(imp.suspects, sus)
	}
	id := imp.nextID
	imp.pending = append(imp.pending, pending{id: id, c: c})
	imp.nextID++
	if len(imp.pending) >= batchSize {
		if err := imp.flush(); err != nil {
			return 0, err
		}
	}
	if len(imp.suspects) >= maxSuspects {
		return id, imp.leaveBulk()
	}
	return id, nil
}

// createOne writes one new contact at once and returns its id.
func (imp *Importer) createOne(c kith.Contact) (int64, error) {
	id, err := imp.tx.nextContactID()
	if err != nil {
		return 0, err
	}
	imp.pending = append(imp.pending, pending{id: id, c: c})
	return id, imp.flush()
}

// flush writes the pending new contacts: one statement per table.
func (imp *Importer) flush() error {
	if len(imp.pending) == 0 {
		return nil
	}
	var contacts, emails, phones, tags, moves [][]any
	for _, p := range imp.pending {
		c := p.c
		contacts = append(contacts, []any{p.id, c.Name, kith.Fold(c.Name), c.Company, kith.Fold(c.Company), c.Title,
			c.Category, kith.Fold(c.Category), string(c.Stage), advocacyColumn(c), c.MetAt, c.Topic, c.Idea,
			c.CadenceDays, c.LinkedInURL, c.Birthday, anniversariesColumn(c), c.Source, c.Notes, imp.now, imp.now})
		for i, e := range c.Emails {
			emails = append(emails, []any{p.id, i, e, kith.Fold(e)})
		}
		for i, ph := range c.Phones {
			phones = append(phones, []any{p.id, i, ph, kith.PhoneDigits(ph)})
		}
		for _, t := range c.Tags {
			tags = append(tags, []any{p.id, t, kith.Fold(t)})
		}
		moves = append(moves, []any{p.id, nil, string(c.Stage), imp.day, imp.now})
	}
	imp.pending = imp.pending[:0]
	for _, b := range []struct {
		t    table
		rows [][]any
	}{{contactsTable, contacts}, {emailsTable, emails}, {phonesTable, phones}, {tagsTable, tags}, {movesTable, moves}} {
		if err := imp.insertRows(b.t, b.rows); err != nil {
			return err
		}
	}
	return nil
}

// AddTarget adds a company to the target market unless it is there
// already, and reports whether it added it.
func (imp *Importer) AddTarget(name string) (bool, error) {
	t := kith.Target{Name: name} // the rules of target add (the schema's check is off)
	if err := t.Normalize(); err != nil {
		return false, err
	}
	res, err := imp.tx.execOften(insertTargetQuery, t.Name, kith.Fold(t.Name), imp.now)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}
