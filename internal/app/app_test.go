package app_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// now is the tests' clock: a Monday morning.
var now = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

func day(s string) dates.Date {
	d, err := dates.ParseISO(s)
	if err != nil {
		panic(err)
	}
	return d
}

// history writes rows straight into a test database (a real SQLite file in
// a temp folder), dated as the test needs, for the use cases to read.
type history struct {
	t  *testing.T
	db *store.DB
}

func newHistory(t *testing.T) *history {
	db, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "kith.db"), func() time.Time { return now })
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	return &history{t: t, db: db}
}

func (h *history) exec(q string, args ...any) int64 {
	h.t.Helper()
	res, err := h.db.SQL().Exec(q, args...)
	require.NoError(h.t, err)
	id, err := res.LastInsertId()
	require.NoError(h.t, err)
	return id
}

// contact adds a contact placed in stage on the given day.
func (h *history) contact(name, category, company, source string, stage kith.Stage, on string) int64 {
	id := h.exec(`INSERT INTO contacts (name, name_key, company, company_key, category, category_key, stage, source, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, name, kith.Fold(name), company, kith.Fold(company), category,
		kith.Fold(category), string(stage), source, on+"T09:00:00Z", on+"T09:00:00Z")
	h.exec("INSERT INTO stage_moves (contact_id, from_stage, to_stage, moved_on, created_at) VALUES (?, NULL, ?, ?, ?)",
		id, string(stage), on, on+"T09:00:00Z")
	return id
}

// move records a funnel move and updates the contact's stage.
func (h *history) move(id int64, from, to kith.Stage, on string) {
	h.exec("INSERT INTO stage_moves (contact_id, from_stage, to_stage, moved_on, created_at) VALUES (?, ?, ?, ?, ?)",
		id, string(from), string(to), on, on+"T09:00:00Z")
	h.exec("UPDATE contacts SET stage = ? WHERE id = ?", string(to), id)
}

// coffee logs a held coffee with the contacts, keeping last_contact.
func (h *history) coffee(on string, planned bool, ids ...int64) {
	cid := h.exec("INSERT INTO coffees (held_on, planned, created_at, updated_at) VALUES (?, ?, ?, ?)",
		on, planned, on+"T09:00:00Z", on+"T09:00:00Z")
	for _, id := range ids {
		h.exec("INSERT INTO coffee_contacts (coffee_id, contact_id) VALUES (?, ?)", cid, id)
		if !planned {
			h.exec("UPDATE contacts SET last_contact = max(COALESCE(last_contact, ''), ?) WHERE id = ?", on, id)
		}
	}
}

// intro records an introduction from → to: recorded on on (promised
// first when promised is set), and moved to status on statusOn through the
// domain's step rules (a promise lost is lost unmade).
type intro struct {
	from, to      int64
	given, unsked bool
	promised      bool
	kind, status  string
	value         float64
	on, statusOn  string
}

func (h *history) intro(i intro) int64 {
	h.t.Helper()
	direction := "received"
	if i.given {
		direction = "given"
	}
	if i.kind == "" {
		i.kind = "client"
	}
	if i.status == "" {
		i.status = "made"
	}
	if i.statusOn == "" {
		i.statusOn = i.on
	}
	var value any
	if i.value > 0 {
		value = i.value
	}
	first := kith.Made
	if i.promised || i.status == "promised" {
		first = kith.Promised
	}
	steps, err := kith.NewIntroSteps(first, day(i.on))
	require.NoError(h.t, err)
	steps, err = steps.Move(first, kith.IntroStatus(i.status), day(i.statusOn), day(i.statusOn))
	require.NoError(h.t, err)
	col := func(d *dates.Date) any {
		if d == nil {
			return nil
		}
		return d.String()
	}
	return h.exec(`INSERT INTO introductions (from_id, to_id, direction, kind, asked, status, value, intro_on, status_on,
		promised_on, made_on, met_on, closed_on, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, i.from, i.to, direction, i.kind, !i.unsked, i.status, value,
		i.on, i.statusOn, col(steps.PromisedOn), col(steps.MadeOn), col(steps.MetOn), col(steps.ClosedOn),
		i.on+"T09:00:00Z", i.on+"T09:00:00Z")
}
