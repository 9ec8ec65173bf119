package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/app"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/period"
)

func TestFunnelAtStart(t *testing.T) {
	h := newHistory(t)
	ana := h.contact("Ana", "", "", "manual", kith.Halo, "2025-12-01")
	h.move(ana, kith.Halo, kith.Lead, "2025-12-10")
	h.move(ana, kith.Lead, kith.Client, "2026-01-10")
	bo := h.contact("Bo", "", "", "manual", kith.Lead, "2025-12-01")
	h.move(bo, kith.Lead, kith.Halo, "2026-02-01")
	h.contact("Cy", "", "", "manual", kith.Halo, "2026-01-20")

	fn, err := app.FunnelOver(context.Background(), h.db, period.ThisQuarter(day("2026-03-02")))
	require.NoError(t, err)
	got := map[kith.Stage]app.FunnelStage{}
	for _, s := range fn.Stages {
		got[s.Stage] = s
	}
	assert.Equal(t, app.FunnelStage{Stage: kith.Halo, Count: 2, AtStart: 0, Entered: 2, Left: 0}, got[kith.Halo])
	assert.Equal(t, app.FunnelStage{Stage: kith.Lead, Count: 0, AtStart: 2, Entered: 0, Left: 2}, got[kith.Lead])
	assert.Equal(t, app.FunnelStage{Stage: kith.Client, Count: 1, AtStart: 0, Entered: 1, Left: 0}, got[kith.Client])
	assert.Equal(t, 3, fn.Total)
	assert.Equal(t, 1, fn.New)
	assert.Equal(t, 1, fn.Up)
	assert.Equal(t, 1, fn.Down)
}
