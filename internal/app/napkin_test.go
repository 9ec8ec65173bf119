package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/app"
	"github.com/kith-crm/kith/internal/kith"
)

func TestNapkin(t *testing.T) {
	h := newHistory(t)
	ana := h.contact("Ana Lima", "lawyer", "", "manual", kith.Halo, "2026-01-01")
	bo := h.contact("Bo Chen", "Lawyer", "", "manual", kith.Halo, "2026-01-01")
	h.contact("Cy Diaz", "lawyer", "", "manual", kith.Halo, "2026-01-01")
	dee := h.contact("Dee Eng", "friend", "", "manual", kith.Halo, "2026-01-01")
	h.contact("Ed Fox", "", "", "manual", kith.Halo, "2026-01-01")
	h.coffee("2026-02-01", false, ana)
	h.coffee("2026-01-10", false, bo)
	h.coffee("2025-11-10", false, dee)
	h.coffee("2026-03-01", true, dee) // planned: not a last contact

	n, err := app.DrawNapkin(context.Background(), h.db, 2, 2)
	require.NoError(t, err)
	assert.Equal(t, 5, n.Total)
	assert.Equal(t, 2, n.NeverMet)
	require.Len(t, n.Columns, 3)
	lawyers := n.Columns[0]
	assert.Equal(t, 3, lawyers.Count)
	assert.Equal(t, 1, lawyers.NeverMet)
	require.Len(t, lawyers.Recent, 2)
	assert.Equal(t, "Ana Lima", lawyers.Recent[0].Name, "most recently met first")
	assert.Equal(t, "Bo Chen", lawyers.Recent[1].Name)
	assert.Equal(t, "friend", n.Columns[1].Category)
	assert.Equal(t, "", n.Columns[2].Category, "the uncategorised last")
	assert.Equal(t, 1, n.Columns[2].NeverMet)
	require.Len(t, n.Longest, 2)
	assert.Equal(t, "Dee Eng", n.Longest[0].Name)
	assert.Equal(t, "2025-11-10", n.Longest[0].LastContact.String())
	assert.Equal(t, "Bo Chen", n.Longest[1].Name)
}

// TestNapkinLeavesOutArchived: archived contacts are neither counted nor
// named, and a category of archived contacts only has no column.
func TestNapkinLeavesOutArchived(t *testing.T) {
	h := newHistory(t)
	ana := h.contact("Ana Lima", "lawyer", "", "manual", kith.Halo, "2026-01-01")
	h.contact("Bo Chen", "lawyer", "", "manual", kith.Halo, "2026-01-01")
	cy := h.contact("Cy Diaz", "lawyer", "", "manual", kith.Halo, "2026-01-01")
	h.contact("Gus Hale", "banker", "", "manual", kith.Halo, "2026-01-01")
	h.coffee("2026-02-01", false, ana, cy)
	_, err := h.db.ArchiveContacts(context.Background(), []string{"cy", "gus"})
	require.NoError(t, err)

	n, err := app.DrawNapkin(context.Background(), h.db, 5, 5)
	require.NoError(t, err)
	assert.Equal(t, 2, n.Total)
	assert.Equal(t, 1, n.NeverMet)
	require.Len(t, n.Columns, 1, "nobody left in banker")
	assert.Equal(t, app.NapkinColumn{Category: "lawyer", Count: 2, NeverMet: 1, Recent: n.Columns[0].Recent}, n.Columns[0])
	require.Len(t, n.Columns[0].Recent, 2)
	assert.Equal(t, "Ana Lima", n.Columns[0].Recent[0].Name)
	require.Len(t, n.Longest, 1)
	assert.Equal(t, "Ana Lima", n.Longest[0].Name)
}
