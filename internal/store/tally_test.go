package store_test

import (
	"context"
	"maps"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// tally reads the one-to-one tally as "day category" → people, leaving out
// days and categories counted down to none.
func tally(t *testing.T, db *store.DB) map[string]int {
	t.Helper()
	return keyCounts(t, db, "SELECT held_on || ' ' || category_key, people FROM one_to_one_tally WHERE people <> 0")
}

// assertMeetingsTallied checks the meeting tally against the meetings held.
func assertMeetingsTallied(t *testing.T, db *store.DB) {
	t.Helper()
	assert.Equal(t, keyCounts(t, db, "SELECT held_on || ' ' || kind, count(*) FROM coffees WHERE planned = 0 GROUP BY held_on, kind"),
		keyCounts(t, db, "SELECT held_on || ' ' || kind, meetings FROM meeting_tally WHERE meetings <> 0"), "meetings")
}

// tallyMatches checks that a tally's rows (kept) are what the records
// count (counted), both read as keyCounts, and returns the tally's.
func tallyMatches(t *testing.T, db *store.DB, what, counted, kept string) map[string]int {
	t.Helper()
	tallied := keyCounts(t, db, kept)
	assert.Equal(t, keyCounts(t, db, counted), tallied, what)
	return tallied
}

// keyCounts reads a query's rows of a key and a count.
func keyCounts(t *testing.T, db *store.DB, q string, args ...any) map[string]int {
	t.Helper()
	rows, err := db.SQL().Query(q, args...)
	require.NoError(t, err)
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var key string
		var n int
		require.NoError(t, rows.Scan(&key, &n))
		out[key] = n
	}
	require.NoError(t, rows.Err())
	return out
}

// TestOneToOneTallyFollowsEveryWrite: the tallies the report reads its
// one-to-ones per category and its meetings by day from are kept by every
// write that changes what they count, and by the undo of each, and a
// restore counts them anew.
func TestOneToOneTallyFollowsEveryWrite(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	undo := func() {
		t.Helper()
		_, err := db.Undo(ctx, 0, false)
		require.NoError(t, err)
	}
	for _, c := range []kith.Contact{{Name: "Ana Lima", Category: "Lawyer"}, {Name: "Bo Chen", Category: "friend"}, {Name: "Cy Diaz"}} {
		_, err := db.AddContact(ctx, c)
		require.NoError(t, err)
	}
	day := func(s string) dates.Date { d, err := dates.ParseISO(s); require.NoError(t, err); return d }
	logged, err := db.LogCoffee(ctx, store.NewCoffee{Refs: []string{"ana", "bo"}, Kind: kith.KindLunch, On: day("2026-02-10")})
	require.NoError(t, err)
	lunch := logged.ID
	_, err = db.LogCoffee(ctx, store.NewCoffee{Refs: []string{"ana"}, Kind: kith.KindEvent, On: day("2026-02-11")})
	require.NoError(t, err)
	plan, err := db.LogCoffee(ctx, store.NewCoffee{Refs: []string{"cy"}, On: day("2026-03-05"), Planned: true})
	require.NoError(t, err)
	met := map[string]int{"2026-02-10 lawyer": 1, "2026-02-10 friend": 1}
	assert.Equal(t, met, tally(t, db), "an event and a plan count nowhere")

	// each step is undone before the next, so each starts from met
	steps := []struct {
		name  string
		write func() error
		want  map[string]int
	}{
		{"someone added to the lunch", func() error {
			_, err := db.EditCoffee(ctx, lunch, store.CoffeeEdit{Add: []string{"cy"}})
			return err
		}, map[string]int{"2026-02-10 lawyer": 1, "2026-02-10 friend": 1, "2026-02-10 ": 1}},
		{"someone taken off it", func() error {
			_, err := db.EditCoffee(ctx, lunch, store.CoffeeEdit{Remove: []string{"bo"}})
			return err
		}, map[string]int{"2026-02-10 lawyer": 1}},
		{"the lunch moved to another day", func() error {
			_, err := db.EditCoffee(ctx, lunch, store.CoffeeEdit{On: ptr(day("2026-02-12"))})
			return err
		}, map[string]int{"2026-02-12 lawyer": 1, "2026-02-12 friend": 1}},
		{"the lunch was an event", func() error {
			_, err := db.EditCoffee(ctx, lunch, store.CoffeeEdit{Kind: ptr(kith.KindEvent)})
			return err
		}, map[string]int{}},
		{"a plan held", func() error {
			_, err := db.HoldCoffee(ctx, plan.ID, ptr(day("2026-03-01")))
			return err
		}, map[string]int{"2026-02-10 lawyer": 1, "2026-02-10 friend": 1, "2026-03-01 ": 1}},
		{"a category changed", func() error {
			_, err := db.EditContactWithCard(ctx, 1, func(c *kith.Contact) error { c.Category = "banker"; return nil }, 0)
			return err
		}, map[string]int{"2026-02-10 banker": 1, "2026-02-10 friend": 1}},
		{"the lunch removed", func() error {
			_, err := db.RemoveCoffees(ctx, []int64{lunch})
			return err
		}, map[string]int{}},
		{"a person merged into another, who takes their category", func() error {
			_, err := db.MergeContacts(ctx, 3, []int64{2})
			return err
		}, map[string]int{"2026-02-10 lawyer": 1, "2026-02-10 friend": 1}},
		{"a person removed", func() error { return db.RemoveContact(ctx, 2) }, map[string]int{"2026-02-10 lawyer": 1}},
	}
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			before := tally(t, db)
			require.NoError(t, step.write())
			assert.Equal(t, step.want, tally(t, db))
			assertMeetingsTallied(t, db)
			undo()
			assert.Equal(t, before, tally(t, db), "undone")
			assertMeetingsTallied(t, db)
		})
	}

	// a restore puts attendance in before the meetings and people it
	// counts; the import counts the tally anew
	restored := restoredCopy(t, db)
	assert.Equal(t, tally(t, db), tally(t, restored))
	assertMeetingsTallied(t, restored)
}

// assertIntroducersTallied checks the introducer tally against each
// person's introductions received that happened.
func assertIntroducersTallied(t *testing.T, db *store.DB) map[string]int {
	t.Helper()
	return tallyMatches(t, db, "introducers",
		`SELECT from_id || ' ' || min(made_on) || ' ' || COALESCE(min(CASE WHEN asked = 0 THEN made_on END), '-'), 1
		FROM introductions WHERE direction = 'received' AND made_on IS NOT NULL GROUP BY from_id`,
		`SELECT contact_id || ' ' || first_made || ' ' || COALESCE(first_unasked, '-'), 1 FROM introducer_tally`)
}

// TestIntroducerTallyFollowsEveryWrite: the tally the report finds new
// advocates and raving fans in is kept by every write that changes when
// someone first introduced the user, by the undo of each, and by a restore.
func TestIntroducerTallyFollowsEveryWrite(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	for _, c := range []kith.Contact{{Name: "Ana Lima"}, {Name: "Bo Chen"}, {Name: "Cy Diaz"}, {Name: "Di Roy"}} {
		_, err := db.AddContact(ctx, c)
		require.NoError(t, err)
	}
	day := func(s string) dates.Date { d, err := dates.ParseISO(s); require.NoError(t, err); return d }
	record := func(from, to string, asked bool, status kith.IntroStatus, on string) int64 {
		return recordIntro(t, db, from, to, kith.Received, asked, status, on)
	}
	record("ana", "bo", true, kith.Made, "2026-02-10")
	unasked := record("ana", "cy", false, kith.Made, "2026-02-20")
	promise := record("bo", "di", true, kith.Promised, "2026-02-01")
	assert.Equal(t, map[string]int{"1 2026-02-10 2026-02-20": 1}, assertIntroducersTallied(t, db), "a promise is not made")

	steps := []tallyStep{
		{"a promise made", func() error {
			_, err := db.UpdateIntroduction(ctx, promise, store.IntroUpdate{Status: kith.Made, On: day("2026-02-25")})
			return err
		}},
		{"a made day corrected", func() error {
			_, err := db.EditIntroduction(ctx, unasked, store.IntroEdit{Days: map[string]*dates.Date{"made": ptr(day("2026-02-05"))}})
			return err
		}},
		{"asked after all", func() error {
			_, err := db.EditIntroduction(ctx, unasked, store.IntroEdit{Asked: ptr(true)})
			return err
		}},
		{"another introducer", func() error {
			_, err := db.EditIntroduction(ctx, unasked, store.IntroEdit{From: "di"})
			return err
		}},
		{"an introduction removed", func() error {
			_, err := db.RemoveIntroductions(ctx, []int64{unasked})
			return err
		}},
		{"the introducer merged into another", func() error {
			_, err := db.MergeContacts(ctx, 4, []int64{1})
			return err
		}},
		{"the introducer removed", func() error { return db.RemoveContact(ctx, 1) }},
	}
	runTallySteps(t, db, steps, assertIntroducersTallied)
	assertIntroducersTallied(t, restoredCopy(t, db))
}

// assertCategoriesTallied checks the category tally against the contacts
// not archived, by category: "key contacts never-met".
func assertCategoriesTallied(t *testing.T, db *store.DB) map[string]int {
	t.Helper()
	return tallyMatches(t, db, "categories",
		`SELECT category_key || ' ' || count(*) || ' ' || (count(*) - count(last_contact)), 1
		FROM contacts WHERE archived_on IS NULL GROUP BY category_key`,
		`SELECT category_key || ' ' || contacts || ' ' || never_met, 1 FROM category_tally WHERE contacts <> 0`)
}

// TestCategoryTallyFollowsEveryWrite: the tally the napkin and the report
// count each category's contacts from is kept by every write that adds,
// moves, meets, archives or removes a contact, by the undo of each, and
// by a restore.
func TestCategoryTallyFollowsEveryWrite(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	for _, c := range []kith.Contact{{Name: "Ana Lima", Category: "Lawyer"}, {Name: "Bo Chen", Category: "lawyer"}, {Name: "Cy Diaz"}} {
		_, err := db.AddContact(ctx, c)
		require.NoError(t, err)
	}
	day := func(s string) dates.Date { d, err := dates.ParseISO(s); require.NoError(t, err); return d }
	_, err := db.LogCoffee(ctx, store.NewCoffee{Refs: []string{"ana"}, On: day("2026-02-10")})
	require.NoError(t, err)
	assert.Equal(t, map[string]int{"lawyer 2 1": 1, " 1 1": 1}, assertCategoriesTallied(t, db))

	steps := []tallyStep{
		{"a contact added", func() error {
			_, err := db.AddContact(ctx, kith.Contact{Name: "Di Roy", Category: "banker"})
			return err
		}},
		{"a category changed", func() error {
			_, err := db.EditContactWithCard(ctx, 2, func(c *kith.Contact) error { c.Category = "banker"; return nil }, 0)
			return err
		}},
		{"someone met for the first time", func() error {
			_, err := db.LogCoffee(ctx, store.NewCoffee{Refs: []string{"bo"}, On: day("2026-02-11")})
			return err
		}},
		{"the only coffee with someone removed", func() error {
			_, err := db.RemoveCoffees(ctx, []int64{1})
			return err
		}},
		{"a contact archived", func() error {
			_, err := db.ArchiveContacts(ctx, []string{"cy"})
			return err
		}},
		{"two merged", func() error {
			_, err := db.MergeContacts(ctx, 1, []int64{2})
			return err
		}},
		{"a contact removed", func() error { return db.RemoveContact(ctx, 1) }},
	}
	runTallySteps(t, db, steps, assertCategoriesTallied)
	_, err = db.ArchiveContacts(ctx, []string{"cy"})
	require.NoError(t, err)
	_, err = db.UnarchiveContacts(ctx, []string{"cy"})
	require.NoError(t, err)
	assertCategoriesTallied(t, db)
	assertCategoriesTallied(t, restoredCopy(t, db))
}

// tallyStep is a write a tally must follow (or a few, undone together).
type tallyStep struct {
	name  string
	write func() error
}

// runTallySteps makes each write, checks that it changed the tally and
// that the tally is what the records count (tallied), then undoes it and
// checks the tally is back as it was.
func runTallySteps(t *testing.T, db *store.DB, steps []tallyStep, tallied func(*testing.T, *store.DB) map[string]int) {
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			before := tallied(t, db)
			var last int64
			require.NoError(t, db.SQL().QueryRow("SELECT coalesce(max(id), 0) FROM journal").Scan(&last))
			require.NoError(t, step.write())
			assert.NotEqual(t, before, tallied(t, db), "the write changed nothing the tally keeps")
			// the step's entries, the latest first
			written := keyCounts(t, db, "SELECT id, id FROM journal WHERE id > ?", last)
			for _, id := range slices.Backward(slices.Sorted(maps.Values(written))) {
				_, err := db.Undo(context.Background(), int64(id), false)
				require.NoError(t, err)
			}
			assert.Equal(t, before, tallied(t, db), "undone")
		})
	}
}

// assertLastCoffeesTallied checks the last-coffee tally against each
// person's meetings held: "contact day meeting" of the latest.
func assertLastCoffeesTallied(t *testing.T, db *store.DB) map[string]int {
	t.Helper()
	return tallyMatches(t, db, "last coffees",
		`SELECT contact_id || ' ' || held_on || ' ' || coffee_id, 1 FROM (
		SELECT a.contact_id, k.held_on, k.id AS coffee_id,
			row_number() OVER (PARTITION BY a.contact_id ORDER BY k.held_on DESC, k.id DESC) AS latest
		FROM coffee_contacts a JOIN coffees k ON k.id = a.coffee_id WHERE k.planned = 0) WHERE latest = 1`,
		`SELECT contact_id || ' ' || held_on || ' ' || coffee_id, 1 FROM last_coffee_tally`)
}

// TestLastCoffeeTallyFollowsEveryWrite: the tally the 211° list reads the
// topic of each person's latest meeting through is kept by every write
// that changes which meeting that is, by the undo of each, and by a
// restore.
func TestLastCoffeeTallyFollowsEveryWrite(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	for _, c := range []kith.Contact{{Name: "Ana Lima"}, {Name: "Bo Chen"}, {Name: "Cy Diaz"}} {
		_, err := db.AddContact(ctx, c)
		require.NoError(t, err)
	}
	day := func(s string) dates.Date { d, err := dates.ParseISO(s); require.NoError(t, err); return d }
	log := func(in store.NewCoffee) int64 {
		t.Helper()
		c, err := db.LogCoffee(ctx, in)
		require.NoError(t, err)
		return c.ID
	}
	both := log(store.NewCoffee{Refs: []string{"ana", "bo"}, On: day("2026-02-10")})
	sameDay := log(store.NewCoffee{Refs: []string{"ana"}, Kind: kith.KindEvent, On: day("2026-02-10")})
	log(store.NewCoffee{Refs: []string{"bo"}, On: day("2026-02-01")})
	plan := log(store.NewCoffee{Refs: []string{"cy"}, On: day("2026-03-05"), Planned: true})
	assert.Equal(t, map[string]int{"1 2026-02-10 2": 1, "2 2026-02-10 1": 1}, assertLastCoffeesTallied(t, db),
		"of a day's meetings the one logged last; a plan is not met")

	steps := []tallyStep{
		{"a later meeting logged", func() error {
			_, err := db.LogCoffee(ctx, store.NewCoffee{Refs: []string{"bo"}, On: day("2026-02-20")})
			return err
		}},
		{"someone put at a later meeting", func() error {
			_, err := db.EditCoffee(ctx, sameDay, store.CoffeeEdit{Add: []string{"bo"}})
			return err
		}},
		{"someone taken off their latest", func() error {
			_, err := db.EditCoffee(ctx, both, store.CoffeeEdit{Remove: []string{"bo"}})
			return err
		}},
		{"the latest moved to an earlier day", func() error {
			_, err := db.EditCoffee(ctx, sameDay, store.CoffeeEdit{On: ptr(day("2026-02-05"))})
			return err
		}},
		{"a plan held", func() error {
			_, err := db.HoldCoffee(ctx, plan, ptr(day("2026-03-01")))
			return err
		}},
		{"the latest removed", func() error {
			_, err := db.RemoveCoffees(ctx, []int64{both})
			return err
		}},
		{"a person merged into another", func() error {
			_, err := db.MergeContacts(ctx, 3, []int64{1})
			return err
		}},
		{"a person removed", func() error { return db.RemoveContact(ctx, 1) }},
	}
	runTallySteps(t, db, steps, assertLastCoffeesTallied)
	assertLastCoffeesTallied(t, restoredCopy(t, db))
}

// assertSourcesTallied checks the source tally against the first
// placements, by day and the contact's source: "day source" → contacts.
func assertSourcesTallied(t *testing.T, db *store.DB) map[string]int {
	t.Helper()
	return tallyMatches(t, db, "sources",
		`SELECT m.moved_on || ' ' || c.source, count(*) FROM stage_moves m
		JOIN contacts c ON c.id = m.contact_id WHERE m.from_stage IS NULL GROUP BY m.moved_on, c.source`,
		`SELECT added_on || ' ' || source, contacts FROM source_tally WHERE contacts <> 0`)
}

// TestSourceTallyFollowsEveryWrite: the tally the report counts its new
// contacts by source from is kept by every write that adds, re-sources,
// merges or removes a contact, by the undo of each, and by a restore.
func TestSourceTallyFollowsEveryWrite(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	for _, c := range []kith.Contact{{Name: "Ana Lima", Source: "BNI"}, {Name: "Bo Chen", Source: "BNI"}, {Name: "Cy Diaz"}} {
		_, err := db.AddContact(ctx, c)
		require.NoError(t, err)
	}
	today := dates.Of(fixedNow).String()
	assert.Equal(t, map[string]int{today + " BNI": 2, today + " ": 1}, assertSourcesTallied(t, db))

	steps := []tallyStep{
		{"a contact added", func() error {
			_, err := db.AddContact(ctx, kith.Contact{Name: "Di Roy", Source: "linkedin"})
			return err
		}},
		{"a source changed", func() error {
			_, err := db.EditContactWithCard(ctx, 2, func(c *kith.Contact) error { c.Source = "referral"; return nil }, 0)
			return err
		}},
		{"contacts imported", func() error {
			_, err := db.ImportContacts(ctx, store.ImportOptions{}, func(imp *store.Importer) error {
				_, err := imp.Put(kith.Contact{Name: "Ed Fox", Source: "card"})
				return err
			})
			return err
		}},
		{"two merged", func() error {
			_, err := db.MergeContacts(ctx, 3, []int64{1})
			return err
		}},
		{"a contact removed", func() error { return db.RemoveContact(ctx, 1) }},
	}
	runTallySteps(t, db, steps, assertSourcesTallied)
	assertSourcesTallied(t, restoredCopy(t, db))
}

// assertIntroYieldsTallied checks the introduction yield tally against
// the introductions received: "day category made won cents" of each day
// and introducer's category.
func assertIntroYieldsTallied(t *testing.T, db *store.DB) map[string]int {
	t.Helper()
	return tallyMatches(t, db, "introduction yields",
		`SELECT day || ' ' || category_key || ' ' || sum(made) || ' ' || sum(won) || ' ' || sum(cents), 1 FROM (
		SELECT i.made_on AS day, x.category_key, 1 AS made, 0 AS won, 0 AS cents FROM introductions i JOIN contacts x ON x.id = i.from_id
			WHERE i.direction = 'received' AND i.made_on IS NOT NULL
		UNION ALL SELECT i.closed_on, x.category_key, 0, 1, CAST(round(coalesce(i.value, 0) * 100) AS INTEGER)
			FROM introductions i JOIN contacts x ON x.id = i.from_id
			WHERE i.direction = 'received' AND i.status = 'won' AND i.closed_on IS NOT NULL)
		GROUP BY day, category_key`,
		`SELECT day || ' ' || category_key || ' ' || made || ' ' || won || ' ' || won_cents, 1
		FROM intro_yield_tally WHERE made <> 0 OR won <> 0 OR won_cents <> 0`)
}

// TestIntroYieldTallyFollowsEveryWrite: the tally the report credits each
// category with the introductions its people made and won from is kept by
// every write that makes, wins, values, moves or removes an introduction
// or recategorizes, merges or removes an introducer, by the undo of each,
// and by a restore.
func TestIntroYieldTallyFollowsEveryWrite(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	for _, c := range []kith.Contact{{Name: "Ana Lima", Category: "lawyer"}, {Name: "Bo Chen", Category: "banker"},
		{Name: "Cy Diaz"}, {Name: "Di Roy", Category: "lawyer"}} {
		_, err := db.AddContact(ctx, c)
		require.NoError(t, err)
	}
	day := func(s string) dates.Date { d, err := dates.ParseISO(s); require.NoError(t, err); return d }
	record := func(from, to string, dir kith.Direction, status kith.IntroStatus, on string) int64 {
		return recordIntro(t, db, from, to, dir, true, status, on)
	}
	made := record("ana", "cy", kith.Received, kith.Made, "2026-02-10")
	promise := record("bo", "di", kith.Received, kith.Promised, "2026-02-01")
	given := record("cy", "di", kith.Given, kith.Made, "2026-02-12")
	assert.Equal(t, map[string]int{"2026-02-10 lawyer 1 0 0": 1}, assertIntroYieldsTallied(t, db), "a promise or one given is not made")

	value, more := 1250.505, 9000.0
	_, err := db.UpdateIntroduction(ctx, made, store.IntroUpdate{Status: kith.Won, Value: &value, On: day("2026-03-01")})
	require.NoError(t, err)
	assert.Equal(t, map[string]int{"2026-02-10 lawyer 1 0 0": 1, "2026-03-01 lawyer 0 1 125051": 1}, assertIntroYieldsTallied(t, db),
		"won, its value to the nearest cent")

	steps := []tallyStep{
		{"a promise made", func() error {
			_, err := db.UpdateIntroduction(ctx, promise, store.IntroUpdate{Status: kith.Made, On: day("2026-02-25")})
			return err
		}},
		{"a value corrected", func() error {
			_, err := db.EditIntroduction(ctx, made, store.IntroEdit{Value: &more})
			return err
		}},
		{"a made day corrected", func() error {
			_, err := db.EditIntroduction(ctx, made, store.IntroEdit{Days: map[string]*dates.Date{"made": ptr(day("2026-02-05"))}})
			return err
		}},
		{"another introducer", func() error {
			_, err := db.EditIntroduction(ctx, made, store.IntroEdit{From: "bo"})
			return err
		}},
		{"received, not given", func() error {
			_, err := db.EditIntroduction(ctx, given, store.IntroEdit{Direction: kith.Received})
			return err
		}},
		{"an introduction removed", func() error {
			_, err := db.RemoveIntroductions(ctx, []int64{made})
			return err
		}},
		{"an introducer's category changed", func() error {
			_, err := db.EditContactWithCard(ctx, 1, func(c *kith.Contact) error { c.Category = "banker"; return nil }, 0)
			return err
		}},
		{"the introducer merged into another", func() error {
			_, err := db.MergeContacts(ctx, 2, []int64{1})
			return err
		}},
		{"the introducer removed", func() error { return db.RemoveContact(ctx, 1) }},
	}
	runTallySteps(t, db, steps, assertIntroYieldsTallied)
	assertIntroYieldsTallied(t, restoredCopy(t, db))
}

// assertClientWinsTallied checks the client win tallies against the wins
// (moves into client from halo, lead or past client): "win day won
// introduced" by day, "credit day category clients" by day and category
// credited, and "rewin move day prior" of each win with one before it.
func assertClientWinsTallied(t *testing.T, db *store.DB) map[string]int {
	t.Helper()
	const wins = `SELECT w.id, w.contact_id, w.moved_on FROM stage_moves w
		WHERE w.to_stage = 'client' AND w.from_stage IN ('halo', 'lead', 'past_client')`
	const introducers = `SELECT i.to_id, x.category_key FROM introductions i JOIN contacts x ON x.id = i.from_id
		WHERE i.direction = 'received' AND i.made_on IS NOT NULL`
	return tallyMatches(t, db, "client wins",
		`WITH wins AS (`+wins+`), introducers AS (`+introducers+`)
		SELECT 'win ' || moved_on || ' ' || count(*) || ' ' || count(*) FILTER (WHERE contact_id IN (SELECT to_id FROM introducers)), 1
			FROM wins GROUP BY moved_on
		UNION ALL SELECT 'credit ' || moved_on || ' ' || category_key || ' ' || count(*), 1 FROM (
			SELECT DISTINCT w.id, w.moved_on, COALESCE(n.category_key, c.category_key) AS category_key FROM wins w
			JOIN contacts c ON c.id = w.contact_id LEFT JOIN introducers n ON n.to_id = w.contact_id)
			GROUP BY moved_on, category_key
		UNION ALL SELECT 'rewin ' || id || ' ' || moved_on || ' ' || prior, 1 FROM (
			SELECT id, moved_on, lag(moved_on) OVER (PARTITION BY contact_id ORDER BY moved_on, id) AS prior FROM wins)
			WHERE prior IS NOT NULL`,
		`SELECT 'win ' || won_on || ' ' || won || ' ' || introduced, 1 FROM client_win_tally WHERE won <> 0
		UNION ALL SELECT 'credit ' || won_on || ' ' || category_key || ' ' || clients, 1 FROM client_credit_tally WHERE clients <> 0
		UNION ALL SELECT 'rewin ' || move_id || ' ' || won_on || ' ' || prior_on, 1 FROM client_rewin_tally
		UNION ALL SELECT 'recredit ' || contact_id, 1 FROM client_recredit_tally`)
}

// TestClientWinTalliesFollowEveryWrite: the tallies the report counts
// its clients won from, and credits each category with them, are kept by
// every write that wins, loses or moves a client, introduces one or takes
// the introduction back, or recategorizes, merges or removes a client or
// an introducer, by the undo of each, and by a restore.
func TestClientWinTalliesFollowEveryWrite(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	for _, c := range []kith.Contact{{Name: "Ana Lima", Category: "lawyer"}, {Name: "Bo Chen", Category: "banker"},
		{Name: "Cy Diaz", Category: "friend", Stage: kith.Lead}, {Name: "Di Roy", Category: "lawyer"},
		{Name: "Ed Fox", Category: "banker"}, {Name: "Flo Gray", Stage: kith.Client}} {
		_, err := db.AddContact(ctx, c)
		require.NoError(t, err)
	}
	day := func(s string) dates.Date { d, err := dates.ParseISO(s); require.NoError(t, err); return d }
	record := func(from, to string, status kith.IntroStatus, on string) int64 {
		return recordIntro(t, db, from, to, kith.Received, true, status, on)
	}
	stage := func(id int64, s kith.Stage) error {
		_, err := db.EditContactWithCard(ctx, id, func(c *kith.Contact) error { c.Stage = s; return nil }, 0)
		return err
	}
	// Ana and Bo introduced Di, whom the introduction won; Cy was won alone
	won := record("ana", "di", kith.Made, "2026-02-10")
	record("bo", "di", kith.Made, "2026-02-11")
	promise := record("ana", "ed", kith.Promised, "2026-02-12")
	_, err := db.UpdateIntroduction(ctx, won, store.IntroUpdate{Status: kith.Won, On: day("2026-02-20")})
	require.NoError(t, err)
	require.NoError(t, stage(3, kith.Client))
	today := dates.Of(fixedNow).String()
	assert.Equal(t, map[string]int{"win 2026-02-20 1 1": 1, "credit 2026-02-20 lawyer 1": 1, "credit 2026-02-20 banker 1": 1,
		"win " + today + " 1 0": 1, "credit " + today + " friend 1": 1}, assertClientWinsTallied(t, db),
		"a client added as one is no win")

	steps := []tallyStep{
		{"a lead won", func() error { return stage(5, kith.Client) }},
		{"a client lost and won again", func() error {
			if err := stage(3, kith.PastClient); err != nil {
				return err
			}
			return stage(3, kith.Client)
		}},
		{"a won client introduced after all", func() error { record("ed", "cy", kith.Made, "2026-02-15"); return nil }},
		{"a promise made to a client", func() error {
			if err := stage(5, kith.Client); err != nil {
				return err
			}
			_, err := db.UpdateIntroduction(ctx, promise, store.IntroUpdate{Status: kith.Made, On: day("2026-02-25")})
			return err
		}},
		{"the win's day corrected", func() error {
			_, err := db.EditIntroduction(ctx, won, store.IntroEdit{Days: map[string]*dates.Date{"closed": ptr(day("2026-02-22"))}})
			return err
		}},
		{"another introducer", func() error {
			_, err := db.EditIntroduction(ctx, won, store.IntroEdit{From: "ed"})
			return err
		}},
		{"introduced someone else", func() error {
			_, err := db.EditIntroduction(ctx, won, store.IntroEdit{To: "cy"})
			return err
		}},
		{"an introduction removed", func() error {
			_, err := db.RemoveIntroductions(ctx, []int64{won})
			return err
		}},
		{"an introducer's category changed", func() error {
			_, err := db.EditContactWithCard(ctx, 1, func(c *kith.Contact) error { c.Category = "banker"; return nil }, 0)
			return err
		}},
		{"a client's category changed", func() error {
			_, err := db.EditContactWithCard(ctx, 3, func(c *kith.Contact) error { c.Category = "lawyer"; return nil }, 0)
			return err
		}},
		{"an introducer merged into another", func() error {
			_, err := db.MergeContacts(ctx, 2, []int64{1})
			return err
		}},
		{"two clients merged", func() error {
			_, err := db.MergeContacts(ctx, 3, []int64{4})
			return err
		}},
		{"an introducer removed", func() error { return db.RemoveContact(ctx, 1) }},
		{"both introducers removed", func() error {
			if err := db.RemoveContact(ctx, 1); err != nil {
				return err
			}
			return db.RemoveContact(ctx, 2)
		}},
		{"a client removed", func() error { return db.RemoveContact(ctx, 4) }},
	}
	runTallySteps(t, db, steps, assertClientWinsTallied)
	assertClientWinsTallied(t, restoredCopy(t, db))
}

// assertAdvocatesTallied checks the advocate tally against the
// introductions: "contact made unasked promised given" of each person
// with any.
func assertAdvocatesTallied(t *testing.T, db *store.DB) map[string]int {
	t.Helper()
	return tallyMatches(t, db, "advocates",
		`SELECT id || ' ' || sum(made) || ' ' || sum(unasked) || ' ' || sum(promised) || ' ' || sum(given), 1 FROM (
		SELECT from_id AS id, direction = 'received' AND made_on IS NOT NULL AS made,
			direction = 'received' AND made_on IS NOT NULL AND asked = 0 AS unasked,
			direction = 'received' AND status = 'promised' AS promised, direction = 'given' AND made_on IS NOT NULL AS given
		FROM introductions
		UNION ALL SELECT to_id, 0, 0, 0, direction = 'given' AND made_on IS NOT NULL FROM introductions)
		GROUP BY id HAVING sum(made) > 0 OR sum(promised) > 0 OR sum(given) > 0`,
		`SELECT contact_id || ' ' || made || ' ' || unasked || ' ' || promised || ' ' || given, 1 FROM advocate_tally`)
}

// TestAdvocateTallyFollowsEveryWrite: the tally the 211° list counts each
// advocate's introductions from is kept by every write that records,
// moves on, corrects, redirects or removes an introduction, merges or
// removes a person, by the undo of each, and by a restore.
func TestAdvocateTallyFollowsEveryWrite(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	for _, c := range []kith.Contact{{Name: "Ana Lima"}, {Name: "Bo Chen"}, {Name: "Cy Diaz"}, {Name: "Di Roy"}} {
		_, err := db.AddContact(ctx, c)
		require.NoError(t, err)
	}
	day := func(s string) dates.Date { d, err := dates.ParseISO(s); require.NoError(t, err); return d }
	record := func(from, to string, dir kith.Direction, asked bool, status kith.IntroStatus, on string) int64 {
		return recordIntro(t, db, from, to, dir, asked, status, on)
	}
	made := record("ana", "bo", kith.Received, true, kith.Made, "2026-02-10")
	promise := record("ana", "cy", kith.Received, true, kith.Promised, "2026-02-11")
	given := record("cy", "di", kith.Given, true, kith.Made, "2026-02-12")
	assert.Equal(t, map[string]int{"1 1 0 1 0": 1, "3 0 0 0 1": 1, "4 0 0 0 1": 1}, assertAdvocatesTallied(t, db))

	steps := []tallyStep{
		{"an introduction recorded", func() error { record("bo", "di", kith.Received, false, kith.Made, "2026-02-13"); return nil }},
		{"a promise made", func() error {
			_, err := db.UpdateIntroduction(ctx, promise, store.IntroUpdate{Status: kith.Made, On: day("2026-02-25")})
			return err
		}},
		{"asked after all", func() error {
			_, err := db.EditIntroduction(ctx, made, store.IntroEdit{Asked: ptr(false)})
			return err
		}},
		{"another introducer", func() error {
			_, err := db.EditIntroduction(ctx, made, store.IntroEdit{From: "di"})
			return err
		}},
		{"received, not given", func() error {
			_, err := db.EditIntroduction(ctx, given, store.IntroEdit{Direction: kith.Received})
			return err
		}},
		{"an introduction removed", func() error {
			_, err := db.RemoveIntroductions(ctx, []int64{given})
			return err
		}},
		{"the introducer merged into another", func() error {
			_, err := db.MergeContacts(ctx, 4, []int64{1})
			return err
		}},
		{"the introducer removed", func() error { return db.RemoveContact(ctx, 1) }},
	}
	runTallySteps(t, db, steps, assertAdvocatesTallied)
	assertAdvocatesTallied(t, restoredCopy(t, db))
}

// recordIntro records an introduction between two contacts for a tally
// test, its step dated on, and returns its id.
func recordIntro(t *testing.T, db *store.DB, from, to string, dir kith.Direction, asked bool, status kith.IntroStatus, on string) int64 {
	t.Helper()
	d, err := dates.ParseISO(on)
	require.NoError(t, err)
	c, err := db.RecordIntroduction(context.Background(), store.IntroRefs{From: from, To: to},
		store.NewIntroduction{Direction: dir, Kind: kith.ClientIntro, Asked: asked, Status: status, On: d})
	require.NoError(t, err)
	return c.ID
}

// TestEveryTallyKeepsItsTriggers: SQLite drops a table's triggers with
// it, silently, so a migration that rebuilds contacts, stage_moves,
// introductions or coffees would leave a tally that nothing keeps. The
// triggers every tally needs are all there after every migration.
func TestEveryTallyKeepsItsTriggers(t *testing.T) {
	db, _ := openTemp(t)
	kept := keyCounts(t, db, "SELECT name, 1 FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'tally\\_%' ESCAPE '\\'")
	var want = map[string]int{}
	for _, name := range []string{
		"tally_advocate_delete", "tally_advocate_insert", "tally_advocate_update",
		"tally_attendance_delete", "tally_attendance_insert", "tally_attendance_update",
		"tally_category_delete", "tally_category_insert", "tally_category_update",
		"tally_client_category", "tally_client_category_before", "tally_client_contact_before_delete",
		"tally_client_contact_delete", "tally_client_intro_before_delete", "tally_client_intro_before_insert",
		"tally_client_intro_before_update", "tally_client_intro_delete", "tally_client_intro_insert",
		"tally_client_intro_update", "tally_client_move_before_delete", "tally_client_move_before_update",
		"tally_client_move_delete", "tally_client_move_insert", "tally_client_move_update",
		"tally_coffees_delete", "tally_coffees_update", "tally_contacts_category", "tally_contacts_delete",
		"tally_intro_yield_category", "tally_intro_yield_contact_delete", "tally_intro_yield_delete",
		"tally_intro_yield_insert", "tally_intro_yield_update",
		"tally_introducer_delete", "tally_introducer_insert", "tally_introducer_update",
		"tally_last_coffee_attendance_delete", "tally_last_coffee_attendance_insert",
		"tally_last_coffee_attendance_moved_from", "tally_last_coffee_attendance_moved_to", "tally_last_coffee_update",
		"tally_meetings_delete", "tally_meetings_insert", "tally_meetings_update",
		"tally_source_contact_delete", "tally_source_contact_update", "tally_source_delete",
		"tally_source_insert", "tally_source_update",
	} {
		want[name] = 1
	}
	assert.Equal(t, want, kept, "a trigger a tally needs is gone (or a new one is not listed here)")
}
