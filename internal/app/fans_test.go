package app_test

import (
	"context"
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
