package app_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/app"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/period"
	"github.com/kith-crm/kith/internal/store"
)

// reportPeople are the people of quarterHistory.
type reportPeople struct{ ana, bo, cy, dee, ed, old int64 }

// quarterHistory writes a first quarter of 2026 for the report to measure.
func quarterHistory(t *testing.T) (*history, reportPeople) {
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
	return h, reportPeople{ana, bo, cy, dee, ed, old}
}

func TestReport(t *testing.T) {
	h, p := quarterHistory(t)
	ana, cy := p.ana, p.cy
	q := period.ThisQuarter(day("2026-03-03"))
	r, err := app.ReportOver(context.Background(), h.db, q, app.NameAll)
	require.NoError(t, err)

	assert.Equal(t, 2, r.Coffees)
	require.Len(t, r.Weeks, app.ChartWeeks)
	last3 := r.Weeks[app.ChartWeeks-3:]
	assert.Equal(t, []int{1, 0, 1}, []int{last3[0].Coffees, last3[1].Coffees, last3[2].Coffees})
	assert.Equal(t, "2026-03-02", last3[2].From.String(), "the chart ends with this week")

	assert.Equal(t, app.IntroCounts{Total: 5, Asked: 3, Unasked: 1, Promised: 1, Made: 4, Met: 2, Won: 1, Given: 1, Received: 3}, r.Intros)
	assert.Equal(t, 1, r.IntrosWon)
	assert.Equal(t, 5000.0, r.Revenue)
	assert.Equal(t, 2, r.ClientsWon)
	assert.Equal(t, 1, r.ClientsFromIntros)
	assert.Equal(t, 4, r.NewContacts)
	assert.Equal(t, []store.SourceCount{{Source: "intro", Count: 2}, {Source: "import:linkedin", Count: 1}, {Source: "manual", Count: 1}}, r.Sources)
	assert.Equal(t, []app.CategoryYield{
		// Dee won through Ana; Ana herself became a client, introduced by nobody
		{Category: "lawyer", Contacts: 2, OneToOnes: 2, Intros: 1, Clients: 2, Revenue: 5000}, // one coffee with both lawyers
		{Category: "friend", Contacts: 2, OneToOnes: 1, Intros: 2},
		{Category: "", Contacts: 2},
	}, r.Categories)
	assert.Equal(t, app.ReferralHealth{Clients: 2, ClientsWhoRefer: 1, ClientsWhoReferPercent: 50, Given: 1, Received: 3}, r.Health,
		"Ana, a past client, has introduced Dee, a client, nobody")

	assert.Equal(t, 1, r.NewAdvocates)
	assert.Equal(t, 1, r.NewRavingFans)
	require.Len(t, r.Advocacy, 2)
	assert.Equal(t, app.AdvocacyChange{ID: cy, Name: "Cy Diaz", Category: "friend", Advocacy: kith.RavingFan, On: day("2026-02-12")}, r.Advocacy[0])
	assert.Equal(t, app.AdvocacyChange{ID: ana, Name: "Ana Lima", Category: "lawyer", Advocacy: kith.Advocate, On: day("2026-02-11")}, r.Advocacy[1])

	t.Run("naming only the first", func(t *testing.T) {
		r, err := app.ReportOver(context.Background(), h.db, q, 1)
		require.NoError(t, err)
		assert.Equal(t, 1, r.NewAdvocates, "still counts everyone")
		assert.Equal(t, 1, r.NewRavingFans)
		assert.Equal(t, []app.AdvocacyChange{{ID: cy, Name: "Cy Diaz", Category: "friend", Advocacy: kith.RavingFan, On: day("2026-02-12")}}, r.Advocacy)
	})
	t.Run("naming none", func(t *testing.T) {
		r, err := app.ReportOver(context.Background(), h.db, q, 0)
		require.NoError(t, err)
		assert.Equal(t, [2]int{1, 1}, [2]int{r.NewAdvocates, r.NewRavingFans}, "still counts everyone")
		assert.Empty(t, r.Advocacy)
	})

	t.Run("a week with nothing", func(t *testing.T) {
		w := period.ThisWeek(day("2026-01-28"))
		r, err := app.ReportOver(context.Background(), h.db, w, app.NameAll)
		require.NoError(t, err)
		assert.Zero(t, r.Coffees)
		assert.Equal(t, app.IntroCounts{}, r.Intros)
		assert.Equal(t, []app.CategoryYield{{Category: "friend", Contacts: 2}, {Category: "lawyer", Contacts: 2}, {Contacts: 2}},
			r.Categories, "the napkin's categories, nothing produced")
		assert.Empty(t, r.Advocacy)
		assert.Empty(t, r.Sources)
	})

	t.Run("a hand-set advocacy has no date", func(t *testing.T) {
		h.exec("UPDATE contacts SET advocacy = 'advocate' WHERE id = ?", cy)
		r, err := app.ReportOver(context.Background(), h.db, q, app.NameAll)
		require.NoError(t, err)
		require.Len(t, r.Advocacy, 1)
		assert.Equal(t, ana, r.Advocacy[0].ID)
	})
}

// TestReportCountsEachStepOnItsDay holds the introductions to the day of
// each step: a promise made weeks later is made in the week it was made,
// and a promise lost unmade is never made nor met.
func TestReportCountsEachStepOnItsDay(t *testing.T) {
	h := newHistory(t)
	maria := h.contact("Maria Ruiz", "lawyer", "", "manual", kith.Halo, "2026-01-05")
	tom := h.contact("Tom Tu", "", "", "intro", kith.Halo, "2026-01-05")
	sam := h.contact("Sam Su", "", "", "intro", kith.Halo, "2026-01-05")
	h.intro(intro{from: maria, to: tom, status: "made", promised: true, on: "2026-01-05", statusOn: "2026-01-14"})
	h.intro(intro{from: maria, to: sam, status: "lost", promised: true, on: "2026-01-05", statusOn: "2026-01-21"})
	for _, tt := range []struct {
		week string
		want app.IntroCounts
	}{
		{"2026-01-05", app.IntroCounts{Total: 2, Asked: 2, Promised: 2}},
		{"2026-01-12", app.IntroCounts{Made: 1, Received: 1}},
		{"2026-01-19", app.IntroCounts{Lost: 1}},
	} {
		r, err := app.ReportOver(context.Background(), h.db, period.ThisWeek(day(tt.week)), app.NameAll)
		require.NoError(t, err)
		assert.Equal(t, tt.want, r.Intros, "the week of %s", tt.week)
	}
}

func TestReportObjectivesScaleToThePeriod(t *testing.T) {
	h, _ := quarterHistory(t)
	q := period.ThisQuarter(day("2026-03-03"))
	r, err := app.ReportOver(context.Background(), h.db, q, app.NameAll)
	require.NoError(t, err)
	assert.Empty(t, r.Objectives, "none set")
	assert.Nil(t, r.WeeklyCoffees)
	for name, value := range map[string]float64{kith.GoalCoffeesPerWeek: 7, kith.GoalRevenuePerQuarter: 10000} {
		_, _, err := h.db.SetGoal(context.Background(), name, value)
		require.NoError(t, err)
	}
	r, err = app.ReportOver(context.Background(), h.db, q, app.NameAll)
	require.NoError(t, err)
	assert.Equal(t, []app.Objective{
		{Goal: kith.GoalCoffeesPerWeek, PerUnit: 7, Unit: period.Week, Target: 90, Actual: 2, Percent: 2},
		{Goal: kith.GoalRevenuePerQuarter, PerUnit: 10000, Unit: period.Quarter, Target: 10000, Actual: 5000, Percent: 50},
	}, r.Objectives, "a quarter of 90 days is 90/7 weeks")
	require.NotNil(t, r.WeeklyCoffees)
	assert.Equal(t, 7.0, *r.WeeklyCoffees)
	o, ok := r.Objective(kith.GoalRevenuePerQuarter)
	assert.True(t, ok)
	assert.Equal(t, 50, o.Percent)
	_, ok = r.Objective(kith.GoalIntrosPerMonth)
	assert.False(t, ok)
}
