package store_test

import (
	"context"
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

// keyCounts reads a query's rows of a key and a count.
func keyCounts(t *testing.T, db *store.DB, q string) map[string]int {
	t.Helper()
	rows, err := db.SQL().Query(q)
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
	counted := keyCounts(t, db, `SELECT from_id || ' ' || min(made_on) || ' ' || COALESCE(min(CASE WHEN asked = 0 THEN made_on END), '-'), 1
		FROM introductions WHERE direction = 'received' AND made_on IS NOT NULL GROUP BY from_id`)
	kept := keyCounts(t, db, `SELECT contact_id || ' ' || first_made || ' ' || COALESCE(first_unasked, '-'), 1 FROM introducer_tally`)
	assert.Equal(t, counted, kept, "introducers")
	return kept
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
		t.Helper()
		c, err := db.RecordIntroduction(ctx, store.IntroRefs{From: from, To: to},
			store.NewIntroduction{Direction: kith.Received, Kind: kith.ClientIntro, Asked: asked, Status: status, On: day(on)})
		require.NoError(t, err)
		return c.ID
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
	counted := keyCounts(t, db, `SELECT category_key || ' ' || count(*) || ' ' || (count(*) - count(last_contact)), 1
		FROM contacts WHERE archived_on IS NULL GROUP BY category_key`)
	kept := keyCounts(t, db, `SELECT category_key || ' ' || contacts || ' ' || never_met, 1 FROM category_tally WHERE contacts <> 0`)
	assert.Equal(t, counted, kept, "categories")
	return kept
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

// tallyStep is a write a tally must follow.
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
			require.NoError(t, step.write())
			assert.NotEqual(t, before, tallied(t, db), "the write changed nothing the tally keeps")
			_, err := db.Undo(context.Background(), 0, false)
			require.NoError(t, err)
			assert.Equal(t, before, tallied(t, db), "undone")
		})
	}
}

// assertLastCoffeesTallied checks the last-coffee tally against each
// person's meetings held: "contact day meeting" of the latest.
func assertLastCoffeesTallied(t *testing.T, db *store.DB) map[string]int {
	t.Helper()
	counted := keyCounts(t, db, `SELECT contact_id || ' ' || held_on || ' ' || coffee_id, 1 FROM (
		SELECT a.contact_id, k.held_on, k.id AS coffee_id,
			row_number() OVER (PARTITION BY a.contact_id ORDER BY k.held_on DESC, k.id DESC) AS latest
		FROM coffee_contacts a JOIN coffees k ON k.id = a.coffee_id WHERE k.planned = 0) WHERE latest = 1`)
	kept := keyCounts(t, db, `SELECT contact_id || ' ' || held_on || ' ' || coffee_id, 1 FROM last_coffee_tally`)
	assert.Equal(t, counted, kept, "last coffees")
	return kept
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
	counted := keyCounts(t, db, `SELECT m.moved_on || ' ' || c.source, count(*) FROM stage_moves m
		JOIN contacts c ON c.id = m.contact_id WHERE m.from_stage IS NULL GROUP BY m.moved_on, c.source`)
	kept := keyCounts(t, db, `SELECT added_on || ' ' || source, contacts FROM source_tally WHERE contacts <> 0`)
	assert.Equal(t, counted, kept, "sources")
	return kept
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
	counted := keyCounts(t, db, `SELECT day || ' ' || category_key || ' ' || sum(made) || ' ' || sum(won) || ' ' || sum(cents), 1 FROM (
		SELECT i.made_on AS day, x.category_key, 1 AS made, 0 AS won, 0 AS cents FROM introductions i JOIN contacts x ON x.id = i.from_id
			WHERE i.direction = 'received' AND i.made_on IS NOT NULL
		UNION ALL SELECT i.closed_on, x.category_key, 0, 1, CAST(round(coalesce(i.value, 0) * 100) AS INTEGER)
			FROM introductions i JOIN contacts x ON x.id = i.from_id
			WHERE i.direction = 'received' AND i.status = 'won' AND i.closed_on IS NOT NULL)
		GROUP BY day, category_key`)
	kept := keyCounts(t, db, `SELECT day || ' ' || category_key || ' ' || made || ' ' || won || ' ' || won_cents, 1
		FROM intro_yield_tally WHERE made <> 0 OR won <> 0 OR won_cents <> 0`)
	assert.Equal(t, counted, kept, "introduction yields")
	return kept
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
		t.Helper()
		c, err := db.RecordIntroduction(ctx, store.IntroRefs{From: from, To: to},
			store.NewIntroduction{Direction: dir, Kind: kith.ClientIntro, Asked: true, Status: status, On: day(on)})
		require.NoError(t, err)
		return c.ID
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
