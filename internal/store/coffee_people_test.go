package store

import (
	"context"
	"encoding/json"
	"math/rand"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// TestCoffeesAgreeWithOneByOne lists a few batches of coffees, some with
// no one left at them and some with namesakes, and checks who was at each
// against a subquery per coffee, people ordered by name, then id: with
// the names cache so small that it starts again on nearly every batch, and
// with everyone's names read at once.
func TestCoffeesAgreeWithOneByOne(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	db, err := Open(ctx, filepath.Join(t.TempDir(), "kith.db"), func() time.Time { return now })
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	defer func(max, after int) { personCacheMax, wholeAfter = max, after }(personCacheMax, wholeAfter)

	const n = 2*listBatch + 7
	texts := []string{"", "golf", `say "hi" \ back\slash`, "line\nbreak\ttab", "Zoë 山田 🙂", "ctl\x01\u2028end", "[1,2]", "null"}
	rng := rand.New(rand.NewSource(17))
	var people []int64
	require.NoError(t, db.write(ctx, "test", func(tx *Tx) error {
		for _, name := range []string{"Ana Lima", "ana lima", "Bruno Díaz", "Émile Roux", "Zoë Quintero", "Carl", "carl", "Dee"} {
			c, err := tx.AddContact(kith.Contact{Name: name})
			if err != nil {
				return err
			}
			people = append(people, c.ID)
		}
		day := dates.Of(now)
		for i := 0; i < n; i++ {
			at := map[int64]bool{}
			var ids []int64
			for k := 1 + rng.Intn(4); k > 0; k-- {
				if id := people[rng.Intn(len(people))]; !at[id] {
					at[id] = true
					ids = append(ids, id)
				}
			}
			// several coffees a day, not logged in date order, some planned,
			// their text what a JSON row must carry whole
			in := NewCoffee{On: day.AddDays(-rng.Intn(60)), Topic: texts[rng.Intn(len(texts))],
				Place: texts[rng.Intn(len(texts))], Notes: texts[rng.Intn(len(texts))]}
			if rng.Intn(5) == 0 {
				in.On, in.Planned = day.AddDays(rng.Intn(9)), true
			}
			if _, err := tx.LogCoffee(in, ids); err != nil {
				return err
			}
		}
		// the only person at some coffees leaves them with no one
		_, err := tx.Exec("DELETE FROM coffee_contacts WHERE contact_id = ?", people[len(people)-1])
		return err
	}))

	// everyone's: batches whose ids lie close together, read as a range;
	// one person's, and a few days': ids far apart, looked up one by one
	since := dates.Of(now).AddDays(-3)
	for _, cache := range []struct{ max, wholeAfter int }{{5, 1 << 20}, {1 << 17, 0}} {
		personCacheMax, wholeAfter = cache.max, cache.wholeAfter
		for _, f := range []CoffeeFilter{{}, {ContactID: people[0]}, {Since: &since}} {
			got, err := db.ListCoffees(ctx, f)
			require.NoError(t, err)
			require.NotEmpty(t, got)
			empty := checkWho(t, db, got)
			if f == (CoffeeFilter{}) {
				var stored int // a held coffee on a plan's day with its people is that plan
				require.NoError(t, db.sql.QueryRow("SELECT count(*) FROM coffees").Scan(&stored))
				assert.Equal(t, stored, len(got))
				assert.Greater(t, stored, 2*listBatch)
				assert.Positive(t, empty, "some coffees have no one left")
			}
		}
	}
}

// checkWho checks who is at each coffee listed, and the order, against a
// subquery per coffee; it returns how many had no one.
func checkWho(t *testing.T, db *DB, got []kith.Coffee) (empty int) {
	err := db.read(context.Background(), "test", func(tx *Tx) error {
		for i, c := range got {
			if i > 0 {
				prev := got[i-1]
				require.True(t, prev.On.After(c.On) || prev.On == c.On && prev.ID > c.ID, "newest first")
			}
			var who string
			if err := tx.QueryRow(`SELECT json_group_array(json_object('id', id, 'name', name)) FROM (
				SELECT c.id, c.name FROM coffee_contacts cc JOIN contacts c ON c.id = cc.contact_id
				WHERE cc.coffee_id = ? ORDER BY c.name_key, c.id)`, c.ID).Scan(&who); err != nil {
				return err
			}
			want := []kith.ContactRef{}
			require.NoError(t, json.Unmarshal([]byte(who), &want))
			assert.Equal(t, want, c.Contacts, "coffee %d", c.ID)
			var own struct {
				kind, on, place, topic, notes, created, updated string
				planned                                         bool
			}
			if err := tx.QueryRow("SELECT kind, held_on, place, topic, notes, planned, created_at, updated_at FROM coffees WHERE id = ?", c.ID).
				Scan(&own.kind, &own.on, &own.place, &own.topic, &own.notes, &own.planned, &own.created, &own.updated); err != nil {
				return err
			}
			assert.Equal(t, []any{own.kind, own.on, own.place, own.topic, own.notes, own.planned, own.created, own.updated},
				[]any{string(c.Kind), c.On.String(), c.Place, c.Topic, c.Notes, c.Planned,
					c.CreatedAt.Format(time.RFC3339), c.UpdatedAt.Format(time.RFC3339)}, "coffee %d", c.ID)
			if len(want) == 0 {
				empty++
			}
		}
		return nil
	})
	require.NoError(t, err)
	return empty
}
