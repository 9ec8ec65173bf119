package store_test

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// openAt opens a fresh database whose clock stands at now.
func openAt(t *testing.T, now time.Time) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "kith.db"), func() time.Time { return now })
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

// openClock opens a fresh database whose clock reads *now, so a test can
// write follow-ups on one day and read them as late on a later one.
func openClock(t *testing.T, now *time.Time) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "kith.db"), func() time.Time { return *now })
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

func day(s string) dates.Date {
	d, err := dates.ParseISO(s)
	if err != nil {
		panic(err)
	}
	return d
}

// fids names stored follow-ups as item ids.
func fids(ids ...int64) []kith.ItemID {
	out := make([]kith.ItemID, len(ids))
	for i, id := range ids {
		out[i] = kith.FollowupID(id)
	}
	return out
}

// dueLines renders due items as "due contact what overdue" for compact
// comparison.
func dueLines(items []kith.DueItem) []string {
	out := []string{}
	for _, it := range items {
		out = append(out, strings.Join([]string{it.Due.String(), it.Contact, it.What, string(it.Kind)}, " | "))
	}
	return out
}

func TestDue(t *testing.T) {
	ctx := context.Background()
	days := func(n int) *int { return &n }
	last := func(s string) *dates.Date { d := day(s); return &d }
	tests := []struct {
		name     string
		contacts []kith.Contact
		policy   kith.CadencePolicy
		through  string
		want     []string
	}{
		{
			name: "own cadence from last contact, due on the day counts",
			contacts: []kith.Contact{
				{Name: "Due today", CadenceDays: days(30), LastContact: last("2026-01-31")},
				{Name: "Not yet", CadenceDays: days(30), LastContact: last("2026-02-01")},
				{Name: "No cadence", LastContact: last("2020-01-01")},
			},
			through: "2026-03-02",
			want:    []string{"2026-03-02 | Due today | stay in touch | cadence"},
		},
		{
			name:     "never contacted counts from the day added",
			contacts: []kith.Contact{{Name: "New", CadenceDays: days(1)}},
			through:  "2026-03-03",
			want:     []string{"2026-03-03 | New | stay in touch | cadence"},
		},
		{
			name: "category cadence, then default, own cadence first",
			contacts: []kith.Contact{
				{Name: "Lawyer", Category: "Lawyer", LastContact: last("2026-01-20")},
				{Name: "Friend", Category: "friend", LastContact: last("2020-01-01")},
				{Name: "Banker", Category: "banker", LastContact: last("2025-11-30")},
				{Name: "Own", Category: "lawyer", CadenceDays: days(365), LastContact: last("2026-01-20")},
			},
			policy:  kith.CadencePolicy{Default: 90, ByCategory: map[string]int{"lawyer": 30, "friend": 0}},
			through: "2026-03-02",
			want: []string{
				"2026-02-19 | Lawyer | stay in touch | cadence",
				"2026-02-28 | Banker | stay in touch | cadence",
			},
		},
		{
			name:     "window reaches ahead",
			contacts: []kith.Contact{{Name: "Soon", CadenceDays: days(14), LastContact: last("2026-02-20")}},
			through:  "2026-03-09",
			want:     []string{"2026-03-06 | Soon | stay in touch | cadence"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openAt(t, fixedNow)
			for _, c := range tt.contacts {
				_, err := db.AddContact(ctx, c)
				require.NoError(t, err)
			}
			items, err := db.Due(ctx, day(tt.through), tt.policy)
			require.NoError(t, err)
			assert.Equal(t, tt.want, dueLines(items))
		})
	}
}

func TestDueMergesFollowupsOldestFirst(t *testing.T) {
	ctx := context.Background()
	now := fixedNow // 2026-03-02
	db := openClock(t, &now)
	seven := 7
	ana, err := db.AddContact(ctx, kith.Contact{Name: "Ana", CadenceDays: &seven})
	require.NoError(t, err)
	now = fixedNow.AddDate(0, -2, 0) // the follow-ups were written in January
	_, err = db.AddFollowup(ctx, "ana", "late", day("2026-02-01"))
	require.NoError(t, err)
	_, err = db.AddFollowup(ctx, "ana", "later", day("2026-03-20"))
	require.NoError(t, err)
	done, err := db.AddFollowup(ctx, "ana", "done already", day("2026-02-02"))
	require.NoError(t, err)
	now = fixedNow
	_, err = db.DoneItems(ctx, fids(done.ID), kith.CadencePolicy{})
	require.NoError(t, err)

	items, err := db.Due(ctx, day("2026-03-09"), kith.CadencePolicy{})
	require.NoError(t, err)
	assert.Equal(t, []string{
		"2026-02-01 | Ana | late | followup",
		"2026-03-09 | Ana | stay in touch | cadence",
	}, dueLines(items))
	assert.Equal(t, "1", items[0].ID.String())
	assert.Equal(t, 29, items[0].OverdueDays)
	assert.Equal(t, "c1", items[1].ID.String(), "a cadence item is named by its contact")
	assert.Equal(t, ana.ID, items[1].ContactID)
	assert.Equal(t, -7, items[1].OverdueDays)
}

// The day a contact was added is the user's local day, not UTC's: added
// late in the evening in New York is already tomorrow in UTC.
func TestDueCountsTheLocalDayAdded(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	ctx := context.Background()
	added := time.Date(2026, 3, 1, 22, 0, 0, 0, ny) // 03:00 UTC on March 2
	db := openAt(t, added)
	one := 1
	_, err = db.AddContact(ctx, kith.Contact{Name: "Late", CadenceDays: &one})
	require.NoError(t, err)

	items, err := db.Due(ctx, day("2026-03-02"), kith.CadencePolicy{})
	require.NoError(t, err)
	assert.Equal(t, []string{"2026-03-02 | Late | stay in touch | cadence"}, dueLines(items))

	items, err = db.Due(ctx, day("2026-03-01"), kith.CadencePolicy{})
	require.NoError(t, err)
	assert.Empty(t, items)
}

// TestDueUsesIndexes keeps the due queries on their indexes, the two that
// a long morning list runs through on covering ones: a scan of contacts or
// follow-ups, or a lookup per row, is what would make followup due slow on
// a big network.
func TestDueUsesIndexes(t *testing.T) {
	db := openAt(t, fixedNow)
	want := map[string]string{
		"followups":        "COVERING INDEX followups_open_due",
		"own cadence":      "COVERING INDEX contacts_cadence_due",
		"category cadence": "INDEX contacts_category_base",
		"default cadence":  "INDEX contacts_base",
	}
	require.Len(t, store.DueQueries, len(want))
	for name, query := range store.DueQueries {
		t.Run(name, func(t *testing.T) {
			n := strings.Count(query, "?")
			if m := regexp.MustCompile(`\?(\d)`).FindAllStringSubmatch(query, -1); len(m) > 0 {
				n = 0 // numbered parameters: as many as the highest number
				for _, p := range m {
					n = max(n, int(p[1][0]-'0'))
				}
			}
			args := make([]any, n)
			for i := range args {
				args[i] = "2026-03-02"
			}
			plan := queryPlan(t, db, query, args...)
			assert.Contains(t, strings.Join(plan, "; "), want[name])
			assert.NotContains(t, strings.Join(plan, "; "), "SCAN contacts")
			assert.NotContains(t, strings.Join(plan, "; "), "SCAN followups")
		})
	}
}

// TestFollowupsKeepTheContactName checks the triggers that copy a contact's
// name onto their follow-ups for the due list: a rename reaches them at
// once, and so does a follow-up moved to another contact.
func TestFollowupsKeepTheContactName(t *testing.T) {
	ctx := context.Background()
	now := fixedNow.AddDate(0, 0, -1)
	db := openClock(t, &now)
	cs := addContacts(t, db, "Ana", "Bo")
	fu, err := db.AddFollowup(ctx, "ana", "call", day("2026-03-01"))
	require.NoError(t, err)
	now = fixedNow
	_, err = db.SQL().Exec("INSERT INTO followups (contact_id, text, due_on, created_at, updated_at) VALUES (?, 'raw', '2026-03-01', 'x', 'x')", cs[1].ID)
	require.NoError(t, err)

	names := func() []string {
		items, err := db.Due(ctx, day("2026-03-02"), kith.CadencePolicy{})
		require.NoError(t, err)
		var out []string
		for _, it := range items {
			out = append(out, it.Contact+": "+it.What)
		}
		return out
	}
	assert.Equal(t, []string{"Ana: call", "Bo: raw"}, names(), "filled on insert, even by raw SQL")

	_, err = db.UpdateContact(ctx, cs[0].ID, func(c *kith.Contact) error { c.Name = "Ana\tLima \"AL\" \\ \n"; return nil })
	require.NoError(t, err)
	assert.Equal(t, []string{"Ana\tLima \"AL\" \\: call", "Bo: raw"}, names(), "a rename reaches the follow-ups; tabs and quotes survive the packing")

	_, err = db.SQL().Exec("UPDATE followups SET contact_id = ? WHERE id = ?", cs[1].ID, fu.ID)
	require.NoError(t, err)
	_, err = db.SQL().Exec("UPDATE followups SET contact_name = 'stale' WHERE id = ?", fu.ID)
	require.NoError(t, err)
	assert.Equal(t, []string{"Bo: call", "Bo: raw"}, names(), "moved, and never stale")
}

func TestDoneIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	db := openAt(t, fixedNow)
	addContacts(t, db, "Ana")
	a, err := db.AddFollowup(ctx, "ana", "one", day("2026-03-03"))
	require.NoError(t, err)
	b, err := db.AddFollowup(ctx, "ana", "two", day("2026-03-03"))
	require.NoError(t, err)

	tests := []struct {
		name     string
		ids      []int64
		wantCode kith.Code
		wantMsg  string
	}{
		{"one missing", []int64{a.ID, 99}, kith.NotFound, "no follow-up #99; nothing was marked done"},
		{"several missing", []int64{98, a.ID, 99}, kith.NotFound, "no follow-ups #98, #99"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := db.DoneItems(ctx, fids(tt.ids...), kith.CadencePolicy{})
			require.Error(t, err)
			assert.Equal(t, tt.wantCode, kith.ErrorCode(err))
			assert.Contains(t, err.Error(), tt.wantMsg)
			open, err := db.ListFollowups(ctx, store.FollowupFilter{Open: true})
			require.NoError(t, err)
			assert.Len(t, open, 2, "nothing was marked done")
		})
	}

	done, err := db.DoneItems(ctx, fids(a.ID), kith.CadencePolicy{})
	require.NoError(t, err)
	require.Len(t, done, 1)
	assert.Equal(t, "done", done[0].Status)

	_, err = db.DoneItems(ctx, fids(b.ID, a.ID), kith.CadencePolicy{})
	require.Error(t, err)
	assert.Equal(t, kith.Conflict, kith.ErrorCode(err))
	assert.Contains(t, err.Error(), "#1 (done 2026-03-02) is already done")
	open, err := db.ListFollowups(ctx, store.FollowupFilter{Open: true})
	require.NoError(t, err)
	assert.Len(t, open, 1, "b stays open")
}

func TestSnooze(t *testing.T) {
	ctx := context.Background()
	now := fixedNow.AddDate(0, -2, 0)
	db := openClock(t, &now)
	addContacts(t, db, "Ana")
	fu, err := db.AddFollowup(ctx, "ana", "call", day("2026-02-01"))
	require.NoError(t, err)
	now = fixedNow

	_, err = db.SnoozeItems(ctx, fids(fu.ID), day("2026-03-01"), kith.CadencePolicy{})
	require.Error(t, err)
	assert.Equal(t, kith.Invalid, kith.ErrorCode(err))
	assert.Contains(t, err.Error(), "due from today on")

	got, err := db.SnoozeItems(ctx, fids(fu.ID), day("2026-03-02"), kith.CadencePolicy{})
	require.NoError(t, err, "today is not the past")
	require.Len(t, got, 1)
	assert.Equal(t, "2026-03-02", got[0].Due.String())
	assert.Equal(t, "snoozed", got[0].Status)

	_, err = db.SnoozeItems(ctx, fids(99), day("2026-04-01"), kith.CadencePolicy{})
	assert.Equal(t, kith.NotFound, kith.ErrorCode(err))
}

func TestCardIdeaBecomesFollowupInOneTransaction(t *testing.T) {
	ctx := context.Background()
	db := openAt(t, fixedNow)
	c, card, err := db.AddContactWithCard(ctx, kith.Contact{Name: "Ana", Idea: "  send seminar invite "}, 2)
	require.NoError(t, err)
	require.NotNil(t, card)
	assert.Equal(t, c.ID, card.ContactID)
	assert.Equal(t, "send seminar invite", card.Text)
	assert.Equal(t, "2026-03-04", card.Due.String())
	assert.Equal(t, kith.FromCard, card.Source)

	_, card, err = db.AddContactWithCard(ctx, kith.Contact{Name: "Bo"}, 2)
	require.NoError(t, err)
	assert.Nil(t, card, "no idea, no follow-up")

	_, _, err = db.AddContactWithCard(ctx, kith.Contact{Name: "Cy", Idea: "x", Emails: []string{"bad"}}, 2)
	require.Error(t, err)
	assert.Equal(t, 2, countRows(t, db, "contacts"))
	assert.Equal(t, 1, countRows(t, db, "followups"))
}

func TestRemoveFollowups(t *testing.T) {
	ctx := context.Background()
	db := openAt(t, fixedNow)
	addContacts(t, db, "Ana")
	fu, err := db.AddFollowup(ctx, "ana", "call", day("2026-03-03"))
	require.NoError(t, err)
	_, err = db.RemoveFollowups(ctx, []int64{fu.ID, 42})
	require.Error(t, err)
	assert.Equal(t, 1, countRows(t, db, "followups"))
	removed, err := db.RemoveFollowups(ctx, []int64{fu.ID})
	require.NoError(t, err)
	assert.Equal(t, "call", removed[0].Text)
	assert.Equal(t, 0, countRows(t, db, "followups"))
}

func TestCoffeeNextStepJoinsAnOpenTwin(t *testing.T) {
	ctx := context.Background()
	db := openAt(t, fixedNow) // 2026-03-02
	c, card, err := db.AddContactWithCard(ctx, kith.Contact{Name: "Ana", Idea: "send seminar invite"}, 5)
	require.NoError(t, err)
	require.NotNil(t, card)

	tests := []struct {
		name, text string
		due        string
		wantIDs    []int64
		wantOpen   []int64
		wantDue    string
	}{
		{"later twin keeps the earlier day", " SEND seminar invite", "2026-03-20", []int64{card.ID}, []int64{card.ID}, "2026-03-07"},
		{"earlier twin moves it earlier", "send seminar invite", "2026-03-04", []int64{card.ID}, []int64{card.ID}, "2026-03-04"},
		{"other text is a new follow-up", "send the deck", "2026-03-04", []int64{card.ID + 1}, []int64{}, "2026-03-04"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logged, err := db.LogCoffee(ctx, store.NewCoffee{Refs: []string{"ana"}, On: day("2026-03-02"),
				Next: &kith.NextStep{Text: tt.text, Due: day(tt.due)}})
			require.NoError(t, err)
			assert.Equal(t, tt.wantIDs, logged.FollowupIDs)
			assert.Equal(t, tt.wantOpen, logged.AlreadyOpen)
			fus, err := db.ListFollowups(ctx, store.FollowupFilter{ContactRef: "ana"})
			require.NoError(t, err)
			for _, fu := range fus {
				if fu.ID == tt.wantIDs[0] {
					assert.Equal(t, tt.wantDue, fu.Due.String())
				}
			}
		})
	}

	edit, err := db.EditContactWithCard(ctx, c.ID, func(k *kith.Contact) error { k.Idea = "Send the deck "; return nil }, 2)
	require.NoError(t, err)
	require.NotNil(t, edit.Card)
	assert.True(t, edit.AlreadyOpen, "the coffee's step says the same")
	assert.Equal(t, card.ID+1, edit.Card.ID)

	edit, err = db.EditContactWithCard(ctx, c.ID, func(k *kith.Contact) error { k.Title = "Partner"; return nil }, 2)
	require.NoError(t, err)
	assert.Nil(t, edit.Card, "the idea did not change")
}

// TestManyMissingFollowupsAreCounted checks that an error about thousands
// of ids (a script's bad loop) names the first few and counts the rest,
// instead of printing every one on its one line.
func TestManyMissingFollowupsAreCounted(t *testing.T) {
	db, _ := openTemp(t)
	ids := make([]int64, 5000)
	for i := range ids {
		ids[i] = int64(i + 1)
	}
	_, err := db.DoneItems(context.Background(), fids(ids...), kith.CadencePolicy{})
	require.Error(t, err)
	assert.Equal(t, "no follow-ups #1, #2, #3, #4, #5, #6, #7, #8, #9, #10 and 4990 more; nothing was marked done", err.Error())
}
