package period_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/period"
)

func day(s string) dates.Date {
	d, err := dates.ParseISO(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestCalendarPeriods(t *testing.T) {
	for _, tc := range []struct {
		name     string
		got      period.Period
		from, to string
	}{
		{"week from a wednesday", period.ThisWeek(day("2026-03-04")), "2026-03-02", "2026-03-08"},
		{"week on a monday", period.ThisWeek(day("2026-03-02")), "2026-03-02", "2026-03-08"},
		{"week on a sunday", period.ThisWeek(day("2026-03-08")), "2026-03-02", "2026-03-08"},
		{"week across a year", period.ThisWeek(day("2026-01-01")), "2025-12-29", "2026-01-04"},
		{"month", period.ThisMonth(day("2026-02-14")), "2026-02-01", "2026-02-28"},
		{"leap month", period.ThisMonth(day("2028-02-29")), "2028-02-01", "2028-02-29"},
		{"december", period.ThisMonth(day("2026-12-31")), "2026-12-01", "2026-12-31"},
		{"first quarter", period.ThisQuarter(day("2026-03-02")), "2026-01-01", "2026-03-31"},
		{"second quarter", period.ThisQuarter(day("2026-04-01")), "2026-04-01", "2026-06-30"},
		{"fourth quarter", period.ThisQuarter(day("2026-12-31")), "2026-10-01", "2026-12-31"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.from, tc.got.From.String())
			assert.Equal(t, tc.to, tc.got.To.String())
		})
	}
}

func TestSince(t *testing.T) {
	p, err := period.Since(day("2026-02-01"), day("2026-03-02"))
	require.NoError(t, err)
	assert.Equal(t, 30, p.Days())
	assert.True(t, p.Contains(day("2026-03-02")))
	assert.False(t, p.Contains(day("2026-03-03")))
	assert.False(t, p.Contains(day("2026-01-31")))
	_, err = period.Since(day("2026-03-03"), day("2026-03-02"))
	assert.ErrorContains(t, err, "in the future")
}

func TestUnits(t *testing.T) {
	q := period.ThisQuarter(day("2026-03-02"))
	m := period.ThisMonth(day("2026-02-02"))
	w := period.ThisWeek(day("2026-03-02"))
	for _, tc := range []struct {
		name string
		p    period.Period
		u    period.Unit
		want float64
	}{
		{"week in weeks", w, period.Week, 1},
		{"quarter in quarters", q, period.Quarter, 1},
		{"quarter in months", q, period.Month, 3},
		{"quarter in weeks", q, period.Week, 90.0 / 7},
		{"february in months", m, period.Month, 1},
		{"month in quarters", m, period.Quarter, 1.0 / 3},
		{"since a first of the month, to a last", period.Period{From: day("2026-02-01"), To: day("2026-04-30")}, period.Quarter, 1},
		{"since mid-month", period.Period{From: day("2026-02-15"), To: day("2026-03-14")}, period.Quarter, 28 / (365.25 / 4)},
		{"week in months", w, period.Month, 7 / (365.25 / 12)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.InDelta(t, tc.want, tc.p.Units(tc.u), 1e-9)
		})
	}
}

func TestWeeks(t *testing.T) {
	ws := period.Weeks(day("2026-03-04"), 12)
	require.Len(t, ws, 12)
	assert.Equal(t, "2026-03-02", ws[11].From.String())
	assert.Equal(t, "2026-03-08", ws[11].To.String())
	assert.Equal(t, "2025-12-15", ws[0].From.String())
	for i := 1; i < len(ws); i++ {
		assert.Equal(t, ws[i-1].To.AddDays(1), ws[i].From)
	}
	assert.Equal(t, time.Monday, ws[0].From.Weekday())
}
