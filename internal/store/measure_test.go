package store_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/period"
	"github.com/kith-crm/kith/internal/store"
)

// history writes rows straight into a test database, dated as the test
// needs, for the measuring queries to read.
type history struct {
	t  *testing.T
	db *store.DB
}

func newHistory(t *testing.T) *history {
	db, _ := openTemp(t)
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

// intro records an introduction from → to.
type intro struct {
	from, to      int64
	given, unsked bool
	kind, status  string
	value         float64
	on, statusOn  string
}

func (h *history) intro(i intro) int64 {
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
	return h.exec(`INSERT INTO introductions (from_id, to_id, direction, kind, asked, status, value, intro_on, status_on, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, i.from, i.to, direction, i.kind, !i.unsked, i.status, value,
		i.on, i.statusOn, i.on+"T09:00:00Z", i.on+"T09:00:00Z")
}

func TestReport(t *testing.T) {
	h := newHistory(t)
	ana := h.contact("Ana Lima", "lawyer", "Lima Law", "manual", kith.Halo, "2025-12-01")
	bo := h.contact("Bo Chen", "Lawyer", "", "manual", kith.Halo, "2026-01-05")
	cy := h.contact("Cy Diaz", "friend", "", "import:linkedin", kith.Halo, "2026-02-10")
	dee := h.contact("Dee Eng", "", "Acme", "intro", kith.Halo, "2026-02-11")
	ed := h.contact("Ed Fox", "", "Acme", "intro", kith.Lead, "2026-02-12")
	old := h.contact("Old Friend", "friend", "", "manual", kith.Halo, "2025-06-01")

	// coffees: two in the quarter's last week (one planned, not counted),
	// one earlier in the quarter, one before it
	h.coffee("2026-03-02", false, ana, bo)
	h.coffee("2026-03-03", true, cy)
	h.coffee("2026-02-16", false, cy)
	h.coffee("2025-12-20", false, ana)

	// Ana (lawyer) introduced Dee, asked, and Dee became a client worth 5000;
	// Cy (friend) introduced Ed without being asked; Bo only promised one;
	// the user introduced Ana to Cy (given); Old Friend was an advocate
	// long ago and introduced someone again this quarter.
	h.intro(intro{from: ana, to: dee, status: "won", value: 5000, on: "2026-02-11", statusOn: "2026-02-25"})
	h.intro(intro{from: cy, to: ed, unsked: true, on: "2026-02-12"})
	h.intro(intro{from: bo, to: cy, status: "promised", on: "2026-02-20"})
	h.intro(intro{from: ana, to: cy, given: true, kind: "alliance", on: "2026-02-21"})
	h.intro(intro{from: old, to: bo, on: "2025-07-01"})
	h.intro(intro{from: old, to: cy, status: "met", on: "2026-01-15"})
	h.move(dee, kith.Halo, kith.Client, "2026-02-25")
	h.move(ana, kith.Halo, kith.Client, "2026-03-01")
	h.move(ana, kith.Client, kith.PastClient, "2026-03-02")

	today := day("2026-03-03")
	q := period.ThisQuarter(today)
	r, err := h.db.Report(context.Background(), q, period.Weeks(today, 3))
	require.NoError(t, err)

	assert.Equal(t, 2, r.Coffees)
	require.Len(t, r.Weeks, 3)
	assert.Equal(t, []int{1, 0, 1}, []int{r.Weeks[0].Coffees, r.Weeks[1].Coffees, r.Weeks[2].Coffees})
	assert.Equal(t, "2026-03-02", r.Weeks[2].From.String())

	assert.Equal(t, store.IntroCounts{Total: 5, Asked: 3, Unasked: 1, Promised: 1, Made: 4, Met: 2, Given: 1, Received: 4}, r.Intros)
	assert.Equal(t, 1, r.IntrosWon)
	assert.Equal(t, 5000.0, r.Revenue)
	assert.Equal(t, 2, r.ClientsWon)
	assert.Equal(t, 1, r.ClientsFromIntros)
	assert.Equal(t, 4, r.NewContacts)
	assert.Equal(t, []store.SourceCount{{Source: "intro", Count: 2}, {Source: "import:linkedin", Count: 1}, {Source: "manual", Count: 1}}, r.Sources)
	assert.Equal(t, []store.CategoryYield{
		{Category: "lawyer", Intros: 1, Clients: 1, Revenue: 5000},
		{Category: "friend", Intros: 2},
	}, r.Categories)

	assert.Equal(t, 1, r.NewAdvocates)
	assert.Equal(t, 1, r.NewRavingFans)
	require.Len(t, r.Advocacy, 2)
	assert.Equal(t, store.AdvocacyChange{ID: cy, Name: "Cy Diaz", Category: "friend", Advocacy: kith.RavingFan, On: day("2026-02-12")}, r.Advocacy[0])
	assert.Equal(t, store.AdvocacyChange{ID: ana, Name: "Ana Lima", Category: "lawyer", Advocacy: kith.Advocate, On: day("2026-02-11")}, r.Advocacy[1])

	t.Run("a week with nothing", func(t *testing.T) {
		w := period.ThisWeek(day("2026-01-28"))
		r, err := h.db.Report(context.Background(), w, nil)
		require.NoError(t, err)
		assert.Zero(t, r.Coffees)
		assert.Equal(t, store.IntroCounts{}, r.Intros)
		assert.Empty(t, r.Categories)
		assert.Empty(t, r.Advocacy)
		assert.Empty(t, r.Sources)
	})

	t.Run("a hand-set advocacy has no date", func(t *testing.T) {
		h.exec("UPDATE contacts SET advocacy = 'advocate' WHERE id = ?", cy)
		r, err := h.db.Report(context.Background(), q, nil)
		require.NoError(t, err)
		require.Len(t, r.Advocacy, 1)
		assert.Equal(t, ana, r.Advocacy[0].ID)
	})
}
