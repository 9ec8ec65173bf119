package app_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/app"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/warmpath"
)

func TestWarmPathsThroughALargeEmployer(t *testing.T) {
	h := newHistory(t)
	target := h.contact("Tia Target", "", "Acme", "manual", kith.Halo, "2026-01-01")
	for i := range 300 {
		b := h.contact(fmt.Sprintf("Big %03d", i), "", "BigCo", "manual", kith.Halo, "2026-01-01")
		h.intro(intro{from: b, to: target, status: "promised", on: "2026-01-02"})
	}
	known := h.contact("Kim Known", "", "bigco", "manual", kith.Halo, "2026-01-01")
	h.coffee("2026-02-01", false, known)

	res, err := app.WarmPaths(context.Background(), h.db, "ACME", 4, 5)
	require.NoError(t, err)
	assert.False(t, res.Registered)
	assert.Equal(t, []string{"ACME"}, res.Companies)
	assert.Equal(t, 1, res.AtTarget)
	require.Len(t, res.Paths, 4, "a few colleagues in the ring, not all 300, and Tia directly")
	assert.Equal(t, []app.PathPerson{{ID: target, Name: "Tia Target", Company: "Acme", Stage: kith.Halo,
		Advocacy: kith.NoAdvocacy, Source: "manual"}}, res.Paths[3].People, "never met: cold, last")
	assert.False(t, res.Paths[3].Warm)
	assert.Equal(t, warmpath.Cold, res.Paths[3].Why)
	for _, p := range res.Paths[:3] {
		assert.True(t, p.Warm)
		assert.Equal(t, 1, p.People[0].Coffees)
		assert.Equal(t, 2, p.Hops)
		assert.Equal(t, "Kim Known", p.People[0].Name)
		assert.Equal(t, "Tia Target", p.People[2].Name)
		assert.Equal(t, warmpath.Colleague, p.Links[0].Kind)
		assert.Equal(t, "BigCo", p.Links[0].Company)
	}
}
