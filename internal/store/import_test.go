package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// importAll puts every contact in one import and returns what it did.
func importAll(t *testing.T, db *store.DB, opts store.ImportOptions, cs []kith.Contact) store.ImportCounts {
	t.Helper()
	counts, err := db.ImportContacts(context.Background(), opts, func(imp *store.Importer) error {
		for _, c := range cs {
			if _, err := imp.Put(c); err != nil {
				return err
			}
		}
		return nil
	})
	require.NoError(t, err)
	return counts
}

// outcome is the counts of an import of one contact.
func outcome(o store.Outcome) store.ImportCounts {
	return [...]store.ImportCounts{{Created: 1}, {Updated: 1}, {Unchanged: 1}}[o]
}

func TestImportMatching(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		again kith.Contact
		want  store.Outcome
	}{
		{"email in another case", kith.Contact{Name: "Someone Else", Emails: []string{"ANA@LIMA.LAW"}}, store.Unchanged},
		{"second email", kith.Contact{Name: "A. Lima", Emails: []string{"x@y.example", "ana@home.net"}}, store.Updated},
		{"linkedin url", kith.Contact{Name: "Ana L.", LinkedInURL: "https://www.linkedin.com/in/analima"}, store.Unchanged},
		{"phone digits", kith.Contact{Name: "Ana?", Phones: []string{"1-555-010-0100"}}, store.Unchanged},
		{"phone, by a name of no one", kith.Contact{Name: "+1 555 010 0100", Phones: []string{"+1 555 010 0100"}}, store.Unchanged},
		{"name and company", kith.Contact{Name: "ana lima", Company: "LIMA LAW"}, store.Unchanged},
		{"same name, other company", kith.Contact{Name: "Ana Lima", Company: "Other"}, store.Created},
		{"same name and company, other profile", kith.Contact{Name: "Ana Lima", Company: "Lima Law", LinkedInURL: "https://www.linkedin.com/in/someone-else"}, store.Created},
		{"short phone never matches", kith.Contact{Name: "Zed", Phones: []string{"0100"}}, store.Created},
		{"phone without its country code", kith.Contact{Name: "Ana?", Phones: []string{"(555) 010-0100"}}, store.Unchanged},
		{"phone after a trunk 0", kith.Contact{Name: "Zed", Phones: []string{"0 555 010 0100"}}, store.Created},
		{"phone with another country code", kith.Contact{Name: "Zed", Phones: []string{"+44 555 010 0100"}}, store.Created},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, _ := openTemp(t)
			_, err := db.AddContact(ctx, kith.Contact{Name: "Ana Lima", Company: "Lima Law", Emails: []string{"ana@lima.law", "ana@home.net"},
				Phones: []string{"+1 555 010 0100", "0100"}, LinkedInURL: "https://www.linkedin.com/in/analima"})
			require.NoError(t, err)
			got := importAll(t, db, store.ImportOptions{}, []kith.Contact{tt.again})
			assert.Equal(t, outcome(tt.want), got)
		})
	}
}

// TestImportSharedPhone keeps two people apart who share a phone (an
// office line): the phone joins records only when their names may be one
// person's, and within one file only when they are the same. What it kept
// apart is listed as a possible duplicate.
func TestImportSharedPhone(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	_, err := db.AddContact(ctx, kith.Contact{Name: "Ana Lima", Phones: []string{"+1 555 010 0100"}})
	require.NoError(t, err)
	got := importAll(t, db, store.ImportOptions{}, []kith.Contact{
		{Name: "Bo Chen", Phones: []string{"555-010-0100"}},                   // the office line: someone else
		{Name: "A. Lima", Phones: []string{"555 010 0100"}, Title: "Partner"}, // Ana, stored before
		{Name: "Bo Chen", Phones: []string{"555 010 0100", "555 010 0199"}},   // Bo again, same name in the file
		{Name: "Bo", Phones: []string{"555 010 0199"}},                        // another row of the file, another name
	})
	assert.Equal(t, 2, got.Created)
	assert.Equal(t, 2, got.Updated)
	assert.Equal(t, []store.PossibleDuplicate{
		{Key: "phone 555-010-0100", NewID: 2, NewName: "Bo Chen", StoredID: 1, StoredName: "Ana Lima"},
		{Key: "phone 555 010 0199", NewID: 3, NewName: "Bo", StoredID: 2, StoredName: "Bo Chen"},
	}, got.PossibleDuplicates)
	ana, err := db.GetContact(ctx, 1)
	require.NoError(t, err)
	assert.Equal(t, "Partner", ana.Title)
	assert.Equal(t, []string{"+1 555 010 0100"}, ana.Phones, "Bo's numbers did not go to Ana")
}

// TestImportPhoneCountryCode matches a number written with a country code
// to the same one stored without, and the other way around, keeping the
// stored form; an exact match wins over one by country code.
func TestImportPhoneCountryCode(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	_, err := db.AddContact(ctx, kith.Contact{Name: "Ana Lima", Phones: []string{"415-555-0100"}})
	require.NoError(t, err)
	_, err = db.AddContact(ctx, kith.Contact{Name: "Bo Chen", Phones: []string{"+33 6 12 34 56 78"}})
	require.NoError(t, err)
	_, err = db.AddContact(ctx, kith.Contact{Name: "Cy Exact", Phones: []string{"+1 650 555 0199", "06 12 34 56 78"}})
	require.NoError(t, err)
	_, err = db.AddContact(ctx, kith.Contact{Name: "Di Later", Phones: []string{"650.555.0199"}})
	require.NoError(t, err)

	got := importAll(t, db, store.ImportOptions{}, []kith.Contact{
		{Name: "A. Lima", Phones: []string{"+1 415 555 0100"}, Title: "Partner"},
		{Name: "B. Chen", Phones: []string{"612345678"}, Title: "Owner"},
		{Name: "D. Later", Phones: []string{"6505550199"}, Title: "Chef"},
	})
	assert.Equal(t, store.ImportCounts{Updated: 3}, got)
	for id, want := range map[int64]kith.Contact{
		1: {Title: "Partner", Phones: []string{"415-555-0100"}},
		2: {Title: "Owner", Phones: []string{"+33 6 12 34 56 78"}},
		3: {Title: "", Phones: []string{"+1 650 555 0199", "06 12 34 56 78"}},
		4: {Title: "Chef", Phones: []string{"650.555.0199"}},
	} {
		c, err := db.GetContact(ctx, id)
		require.NoError(t, err)
		assert.Equal(t, want.Title, c.Title, "title of #%d", id)
		assert.Equal(t, want.Phones, c.Phones, "phones of #%d", id)
	}
}

// TestPhoneLookupUsesItsIndex keeps the import's phone lookup, and the
// dupes join, on the index of the phones' last nine digits.
func TestPhoneLookupUsesItsIndex(t *testing.T) {
	db, _ := openTemp(t)
	plan := strings.Join(queryPlan(t, db, store.PhoneCandidatesQuery+" AND contact_id < ?3 ORDER BY digits <> ?2, contact_id",
		"155550100", "4155550100", 10), "; ")
	assert.Contains(t, plan, "USING INDEX contact_phones_tail")
	assert.NotContains(t, plan, "SCAN contact_phones")
}

func TestImportFillsOrUpdates(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	_, err := db.AddContact(ctx, kith.Contact{Name: "Ana Lima", Emails: []string{"ana@lima.law"}, Title: "Partner", Stage: kith.Lead})
	require.NoError(t, err)
	in := kith.Contact{Name: "Ana Lima", Emails: []string{"ana@lima.law"}, Title: "Managing Partner", Company: "Lima Law", Tags: []string{"bni"}}

	assert.Equal(t, outcome(store.Updated), importAll(t, db, store.ImportOptions{Category: "lawyer"}, []kith.Contact{in}))
	c, err := db.GetContact(ctx, 1)
	require.NoError(t, err)
	assert.Equal(t, "Partner", c.Title, "without --update a stored field stays")
	assert.Equal(t, "Lima Law", c.Company, "an empty field is filled")
	assert.Equal(t, "lawyer", c.Category)
	assert.Equal(t, []string{"bni"}, c.Tags)
	assert.Equal(t, kith.Lead, c.Stage, "the file says nothing of the stage")

	assert.Equal(t, outcome(store.Updated), importAll(t, db, store.ImportOptions{Update: true}, []kith.Contact{in}))
	c, err = db.GetContact(ctx, 1)
	require.NoError(t, err)
	assert.Equal(t, "Managing Partner", c.Title)
	assert.Equal(t, outcome(store.Unchanged), importAll(t, db, store.ImportOptions{Update: true}, []kith.Contact{in}))
}

func TestImportInBatches(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	var cs []kith.Contact
	for i := range 1800 {
		c := kith.Contact{Name: fmt.Sprintf("Person %d", i), Company: "Acme", Source: "import:test",
			LinkedInURL: fmt.Sprintf("https://www.linkedin.com/in/p%d", i), Tags: []string{"t"}}
		if i%3 == 0 {
			c.Emails = []string{fmt.Sprintf("p%d@acme.example", i)}
		}
		if i%5 == 0 {
			c.Phones = []string{fmt.Sprintf("+1 555 %07d", i)}
		}
		cs = append(cs, c)
	}
	// the same people again later in the same file, by email or phone
	cs = append(cs, kith.Contact{Name: "P Three", Emails: []string{"P3@ACME.EXAMPLE"}}, kith.Contact{Name: "Person 10", Phones: []string{"15550000010"}},
		kith.Contact{Name: "Person 15", Phones: []string{"555 000 0015"}}, // without the +1
		kith.Contact{Name: "Person 1799", Company: "acme", Title: "CEO"})
	got := importAll(t, db, store.ImportOptions{Stage: kith.Lead, Tags: []string{"batch"}}, cs)
	assert.Equal(t, store.ImportCounts{Created: 1800, Updated: 1, Unchanged: 3}, got)

	all, err := db.ListContacts(ctx, store.ContactFilter{})
	require.NoError(t, err)
	require.Len(t, all, 1800)
	for _, c := range all {
		assert.Equal(t, kith.Lead, c.Stage)
		assert.Equal(t, []string{"batch", "t"}, c.Tags)
	}
	c, err := db.ResolveContact(ctx, "p1500@acme.example")
	require.NoError(t, err)
	assert.Equal(t, "Person 1500", c.Name)
	assert.Equal(t, []string{"+1 555 0001500"}, c.Phones)
	last, err := db.ResolveContact(ctx, "Person 1799")
	require.NoError(t, err)
	assert.Equal(t, "CEO", last.Title)

	// every new contact has its first funnel placement
	var moves int
	require.NoError(t, db.SQL().QueryRow("SELECT count(*) FROM stage_moves WHERE from_stage IS NULL AND to_stage = 'lead'").Scan(&moves))
	assert.Equal(t, 1800, moves)

	again := importAll(t, db, store.ImportOptions{Stage: kith.Lead, Tags: []string{"batch"}}, cs[:1800])
	assert.Equal(t, store.ImportCounts{Unchanged: 1800}, again)
}

func TestImportAllOrNothing(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	var cs []kith.Contact
	for i := range 1200 {
		cs = append(cs, kith.Contact{Name: fmt.Sprintf("P%d", i)})
	}
	_, err := db.ImportContacts(ctx, store.ImportOptions{}, func(imp *store.Importer) error {
		for _, c := range cs {
			if _, err := imp.Put(c); err != nil {
				return err
			}
		}
		_, err := imp.Put(kith.Contact{Name: "Bad", Emails: []string{"nope"}})
		return err
	})
	require.Error(t, err)
	assert.Equal(t, kith.Invalid, kith.ErrorCode(err))
	all, err := db.ListContacts(ctx, store.ContactFilter{})
	require.NoError(t, err)
	assert.Empty(t, all)

	// a dry run checks everything and writes nothing
	importAll(t, db, store.ImportOptions{DryRun: true}, cs)
	all, err = db.ListContacts(ctx, store.ContactFilter{})
	require.NoError(t, err)
	assert.Empty(t, all)
}

func TestBackupWhileAnotherWrites(t *testing.T) {
	ctx := context.Background()
	db, path := openTemp(t)
	_, err := db.AddContact(ctx, kith.Contact{Name: "Committed"})
	require.NoError(t, err)

	// another process holds the write lock with a row not yet committed
	other, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(5000)&_txlock=immediate")
	require.NoError(t, err)
	defer other.Close()
	tx, err := other.Begin()
	require.NoError(t, err)
	_, err = tx.Exec("INSERT INTO contacts (name, name_key, created_at, updated_at) VALUES ('Uncommitted', 'uncommitted', 'x', 'x')")
	require.NoError(t, err)

	copyPath := filepath.Join(t.TempDir(), "copy.db")
	require.NoError(t, db.Backup(ctx, copyPath))
	require.NoError(t, tx.Rollback())

	cp, err := store.Open(ctx, copyPath, func() time.Time { return fixedNow })
	require.NoError(t, err)
	defer cp.Close()
	all, err := cp.ListContacts(ctx, store.ContactFilter{})
	require.NoError(t, err)
	require.Len(t, all, 1)
	assert.Equal(t, "Committed", all[0].Name)
}

// matchIndexes lists the indexes bulk mode drops and builds again.
func matchIndexes(t *testing.T, db *store.DB) []string {
	t.Helper()
	rows, err := db.SQL().Query(`SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('contacts_name_company',
		'contacts_company_key', 'contacts_linkedin_url', 'contact_emails_key', 'contact_phones_tail') ORDER BY name`)
	require.NoError(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		require.NoError(t, rows.Scan(&n))
		out = append(out, n)
	}
	return out
}

func TestImportBulkMode(t *testing.T) {
	defer store.SetBulkLimits(600, 200)()
	ctx := context.Background()
	db, _ := openTemp(t)
	before := matchIndexes(t, db)
	require.Len(t, before, 5)
	_, err := db.AddContact(ctx, kith.Contact{Name: "Old Friend", Emails: []string{"old@friend.example"}})
	require.NoError(t, err)

	var cs []kith.Contact
	for i := range 3000 {
		c := kith.Contact{Name: fmt.Sprintf("Person %d", i), Company: fmt.Sprintf("Co %d", i%97),
			LinkedInURL: fmt.Sprintf("https://www.linkedin.com/in/p%d", i), Category: fmt.Sprintf("Kind %d", i%5),
			Source: fmt.Sprintf("list %d", i%3)}
		if i%3 == 0 {
			c.Emails = []string{fmt.Sprintf("p%d@example.com", i)}
		}
		if i%7 == 0 {
			c.Phones = []string{fmt.Sprintf("+1 555 %07d", i)}
		}
		cs = append(cs, c)
		// well after bulk mode began: people met earlier in the file, and before it
		switch i {
		case 2000:
			cs = append(cs, kith.Contact{Name: "P Three", Emails: []string{"P3@EXAMPLE.COM"}, Title: "CTO"})
		case 2100:
			cs = append(cs, kith.Contact{Name: "Person 7", Phones: []string{"15550000007"}})
		case 2150:
			cs = append(cs, kith.Contact{Name: "Person 14", Phones: []string{"5550000014"}, Title: "COO"}) // without the +1
		case 2200:
			cs = append(cs, kith.Contact{Name: "person 1999", Company: "co 59"})
		case 2300:
			cs = append(cs, kith.Contact{Name: "Old F.", Emails: []string{"old@friend.example"}, Company: "Friendly"})
		case 2400:
			cs = append(cs, kith.Contact{Name: "P Ten", LinkedInURL: "https://www.linkedin.com/in/p2399", Title: "Owner"})
		}
	}
	got := importAll(t, db, store.ImportOptions{}, cs)
	assert.Equal(t, store.ImportCounts{Created: 3000, Updated: 4, Unchanged: 2}, got)
	assert.Equal(t, before, matchIndexes(t, db), "the indexes are back")

	all, err := db.ListContacts(ctx, store.ContactFilter{})
	require.NoError(t, err)
	assert.Len(t, all, 3001)
	for ref, check := range map[string]func(kith.Contact){
		"p3@example.com":     func(c kith.Contact) { assert.Equal(t, "CTO", c.Title) },
		"Person 7":           func(c kith.Contact) { assert.Equal(t, []string{"+1 555 0000007"}, c.Phones) },
		"Person 14":          func(c kith.Contact) { assert.Equal(t, "COO", c.Title) },
		"old@friend.example": func(c kith.Contact) { assert.Equal(t, "Friendly", c.Company) },
		"Person 2399":        func(c kith.Contact) { assert.Equal(t, "Owner", c.Title) },
	} {
		c, err := db.ResolveContact(ctx, ref)
		require.NoError(t, err, ref)
		check(c)
	}
	var orphans int
	require.NoError(t, db.SQL().QueryRow(`SELECT (SELECT count(*) FROM stage_moves WHERE contact_id NOT IN (SELECT id FROM contacts))
		+ (SELECT count(*) FROM contact_emails WHERE contact_id NOT IN (SELECT id FROM contacts))`).Scan(&orphans))
	assert.Zero(t, orphans)
	var moves int
	require.NoError(t, db.SQL().QueryRow("SELECT count(*) FROM stage_moves").Scan(&moves))
	assert.Equal(t, 3001, moves)
	assert.Len(t, assertCategoriesTallied(t, db), 6, "counted in one pass, the merged suspects taken off")
	assert.Len(t, assertSourcesTallied(t, db), 4, "counted in one pass, the merged suspects taken off")

	// the same file again: nothing new, and it never enters bulk mode
	again := importAll(t, db, store.ImportOptions{}, cs)
	assert.Equal(t, store.ImportCounts{Unchanged: 3006}, again)
}

func TestImportBulkModeRepeatingFile(t *testing.T) {
	defer store.SetBulkLimits(600, 50)()
	db, _ := openTemp(t)
	var cs []kith.Contact
	for i := range 1500 {
		cs = append(cs, kith.Contact{Name: fmt.Sprintf("P%d", i), Emails: []string{fmt.Sprintf("p%d@x.example", i)}})
	}
	cs = append(cs, cs...) // too many suspects: bulk mode ends early
	got := importAll(t, db, store.ImportOptions{}, cs)
	assert.Equal(t, store.ImportCounts{Created: 1500, Unchanged: 1500}, got)
	assert.Len(t, matchIndexes(t, db), 5)
	assertCategoriesTallied(t, db)
	assertSourcesTallied(t, db)
}

func TestImportBulkModeRollsBack(t *testing.T) {
	defer store.SetBulkLimits(600, 200)()
	ctx := context.Background()
	db, _ := openTemp(t)
	_, err := db.ImportContacts(ctx, store.ImportOptions{}, func(imp *store.Importer) error {
		for i := range 1000 {
			if _, err := imp.Put(kith.Contact{Name: fmt.Sprintf("P%d", i)}); err != nil {
				return err
			}
		}
		_, err := imp.Put(kith.Contact{Name: "Bad", Emails: []string{"nope"}})
		return err
	})
	require.Error(t, err)
	assert.Len(t, matchIndexes(t, db), 5)
	all, err := db.ListContacts(ctx, store.ContactFilter{})
	require.NoError(t, err)
	assert.Empty(t, all)
}

// An import skips the schema's CHECK constraints for speed, so the rules
// they state must hold in Go before a row is written, and the constraints
// must be back on for the commands after it.
func TestImportKeepsTheSchemaRulesWithoutItsChecks(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	db.SQL().SetMaxOpenConns(1) // the checks must be back on the very connection the import used
	zero := 0
	for name, c := range map[string]kith.Contact{
		"no name":        {Name: " "},
		"unknown stage":  {Name: "A", Stage: "prospect"},
		"unknown status": {Name: "A", Advocacy: "fan"},
		"zero cadence":   {Name: "A", CadenceDays: &zero},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := db.ImportContacts(ctx, store.ImportOptions{}, func(imp *store.Importer) error {
				_, err := imp.Put(c)
				return err
			})
			assert.Equal(t, kith.Invalid, kith.ErrorCode(err))
		})
	}
	_, err := db.ImportContacts(ctx, store.ImportOptions{}, func(imp *store.Importer) error {
		_, err := imp.AddTarget("  ")
		return err
	})
	assert.Equal(t, kith.Invalid, kith.ErrorCode(err))
	_, err = db.ImportContacts(ctx, store.ImportOptions{Stage: "prospect"}, func(imp *store.Importer) error {
		_, err := imp.Put(kith.Contact{Name: "A"})
		return err
	})
	assert.Equal(t, kith.Invalid, kith.ErrorCode(err), "the stage given for new contacts")
	_, err = db.ImportContacts(ctx, store.ImportOptions{}, func(imp *store.Importer) error {
		_, err := imp.AddTarget("\u200b")
		return err
	})
	assert.Equal(t, kith.Invalid, kith.ErrorCode(err), "a target named only by an invisible character")

	importAll(t, db, store.ImportOptions{}, []kith.Contact{{Name: "Ana Lima"}})
	_, err = db.SQL().ExecContext(ctx, "UPDATE contacts SET stage = 'prospect'")
	assert.ErrorContains(t, err, "CHECK constraint failed")
	all, err := db.ListContacts(ctx, store.ContactFilter{})
	require.NoError(t, err)
	require.Len(t, all, 1)
	assert.Equal(t, kith.Halo, all[0].Stage)
}
