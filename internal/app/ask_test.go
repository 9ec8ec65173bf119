package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/app"
	"github.com/kith-crm/kith/internal/kith"
)

func TestPrepareAsk(t *testing.T) {
	h := newHistory(t)
	ana := h.contact("Ana Lima", "lawyer", "", "manual", kith.Halo, "2026-01-01")
	bo := h.contact("Bo Chen", "", "", "manual", kith.Halo, "2026-01-01")
	h.intro(intro{from: ana, to: bo, on: "2026-01-10"})
	h.coffee("2026-02-01", false, ana)
	h.exec("INSERT INTO targets (name, name_key, segment, notes, created_at) VALUES ('Acme', 'acme', '', '', '2026-01-01T09:00:00Z')")

	b, err := app.PrepareAsk(context.Background(), h.db, "ana")
	require.NoError(t, err)
	assert.Equal(t, ana, b.Contact.ID)
	assert.Equal(t, 1, b.Reminder.Received)
	require.NotNil(t, b.Reminder.LastMet)
	assert.Equal(t, "2026-02-01", b.Reminder.LastMet.On.String())
	require.Len(t, b.Questions, 3)
	assert.Contains(t, b.Questions[1].Text, "Acme", "the client question names the targets")

	_, err = app.PrepareAsk(context.Background(), h.db, "nobody")
	assert.Equal(t, kith.NotFound, kith.ErrorCode(err))
}
