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
	require.Len(t, res.Paths, 3, "a few colleagues in the ring, not all 300")
	for _, p := range res.Paths {
		assert.Equal(t, 2, p.Hops)
		assert.Equal(t, "Kim Known", p.People[0].Name)
		assert.Equal(t, "Tia Target", p.People[2].Name)
		assert.Equal(t, warmpath.Colleague, p.Links[0].Kind)
		assert.Equal(t, "BigCo", p.Links[0].Company)
	}
}
