package app_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/app"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/ladder"
)

func TestFansAndPlan(t *testing.T) {
	h := newHistory(t)
	ana := h.contact("Ana Lima", "lawyer", "", "manual", kith.Halo, "2026-01-01")
	bo := h.contact("Bo Chen", "friend", "", "manual", kith.Halo, "2026-01-01")
	cy := h.contact("Cy Diaz", "", "", "manual", kith.Halo, "2026-01-01")
	fan := h.contact("Fay Fan", "", "", "manual", kith.Halo, "2026-01-01")
	h.intro(intro{from: ana, to: cy, on: "2026-01-10"})
	h.intro(intro{from: ana, to: bo, on: "2026-01-12"})
	h.intro(intro{from: bo, to: cy, on: "2026-01-15"})
	h.intro(intro{from: fan, to: cy, unsked: true, on: "2026-01-15"}) // a raving fan: past the list
	h.coffee("2025-12-01", false, ana)
	h.exec("UPDATE coffees SET topic = 'sailing'")

	fans, err := app.Fans(context.Background(), h.db, app.FanList{})
	require.NoError(t, err)
	require.Len(t, fans, 2)
	assert.Equal(t, "Ana Lima", fans[0].Contact.Name, "two introductions made beat one")
	assert.Equal(t, "sailing", fans[0].LastTopic)
	assert.Equal(t, 2, fans[1].Rank)

	top, err := app.Fans(context.Background(), h.db, app.FanList{Limit: 1})
	require.NoError(t, err)
	assert.Equal(t, fans[:1], top)

	all, err := app.Fans(context.Background(), h.db, app.FanList{All: true})
	require.NoError(t, err)
	require.Len(t, all, 3)
	assert.Equal(t, fans, all[:2], "the advocates first, as fans lists them")
	assert.Equal(t, "Fay Fan", all[2].Contact.Name)
	assert.Equal(t, kith.RavingFan, all[2].Advocacy)
	assert.Equal(t, 3, all[2].Rank)

	steps, err := app.Plan(context.Background(), h.db, 2)
	require.NoError(t, err)
	require.Len(t, steps, 2*ladder.Weeks)
	assert.Equal(t, fans[0].Next, steps[0].Action)
	assert.Equal(t, "2026-03-02", steps[0].StartsOn.String(), "this week's Monday, from the store's clock")
}

// TestFirstFewFansAreTheListsFirst: the first few of the 211° list (the
// digest's one, a plan's few) are read from only the advocates who could
// be among them, and are the first of the whole list, on many random
// histories of close and distant advocates.
func TestFirstFewFansAreTheListsFirst(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 1))
	for round := range 12 {
		h := newHistory(t)
		var people []int64
		for i := range 25 {
			people = append(people, h.contact(fmt.Sprintf("P%02d %d", i, round), "", "", "manual", kith.Halo, "2025-06-01"))
		}
		for range 60 {
			from, to := people[rng.IntN(len(people))], people[rng.IntN(len(people))]
			if from == to {
				continue
			}
			i := intro{from: from, to: to, on: fmt.Sprintf("2026-01-%02d", 1+rng.IntN(28)), given: rng.IntN(4) == 0}
			if rng.IntN(4) == 0 {
				i.status = "promised"
			}
			h.intro(i)
		}
		for _, p := range people {
			if rng.IntN(2) == 0 {
				h.coffee(fmt.Sprintf("2026-%02d-%02d", 1+rng.IntN(2), 1+rng.IntN(28)), false, p)
			}
		}
		all, err := app.Fans(context.Background(), h.db, app.FanList{})
		require.NoError(t, err)
		for _, n := range []int{1, 2, 3, 5, len(all), len(all) + 1} {
			first, err := app.Fans(context.Background(), h.db, app.FanList{Limit: n})
			require.NoError(t, err)
			assert.Equal(t, all[:min(n, len(all))], first, "round %d, the first %d", round, n)
		}
	}
}
