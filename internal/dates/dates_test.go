package dates_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/dates"
)

func TestParse(t *testing.T) {
	today := dates.New(2026, 3, 4) // a Wednesday
	tests := []struct {
		in   string
		dir  dates.Direction
		want string
	}{
		{"2026-01-31", dates.Past, "2026-01-31"},
		{"today", dates.Past, "2026-03-04"},
		{"Yesterday", dates.Past, "2026-03-03"},
		{"tomorrow", dates.Future, "2026-03-05"},
		{"monday", dates.Past, "2026-03-02"},
		{"mon", dates.Future, "2026-03-09"},
		{"wednesday", dates.Past, "2026-03-04"}, // today's weekday is today
		{"Wed", dates.Future, "2026-03-04"},
		{"tuesday", dates.Past, "2026-03-03"},
		{"tuesday", dates.Future, "2026-03-10"},
		{"friday", dates.Future, "2026-03-06"},
		{"3d", dates.Future, "2026-03-07"},
		{"-3d", dates.Past, "2026-03-01"},
		{"2w", dates.Future, "2026-03-18"},
		{"1m", dates.Future, "2026-04-04"},
		{"1y", dates.Future, "2027-03-04"},
		{" 0d ", dates.Future, "2026-03-04"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := dates.Parse(tt.in, today, tt.dir)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got.String())
		})
	}
}

func TestParseRejects(t *testing.T) {
	today := dates.New(2026, 3, 4)
	for _, in := range []string{"", "soon", "2026-02-30", "2026-3-4", "3", "d", "3x", "+3d", "1.5w", "99999999d", "99999y", "4000m", "next monday", "2026-03-04T10:00", "0001-01-01", "0999-12-31"} {
		t.Run(in, func(t *testing.T) {
			_, err := dates.Parse(in, today, dates.Future)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "cannot read")
		})
	}
}

func TestSpanDays(t *testing.T) {
	for in, want := range map[string]int{"30d": 30, "2w": 14, "1m": 30, "1y": 365} {
		s, err := dates.ParseSpan(in)
		require.NoError(t, err)
		assert.Equal(t, want, s.Days(), in)
		assert.Equal(t, in, s.String())
	}
}

func TestArithmetic(t *testing.T) {
	d := dates.New(2026, 1, 31)
	// one calendar month from the 31st ends on the last day of a shorter
	// month; overflowing into March (time.AddDate) made "1m" on Jan 31 a
	// follow-up on Mar 3, and "--since 1m" on Mar 31 only four weeks back
	assert.Equal(t, "2026-02-28", d.AddMonths(1).String())
	assert.Equal(t, "2028-02-29", dates.New(2028, 1, 31).AddMonths(1).String(), "leap year")
	assert.Equal(t, "2026-02-28", dates.New(2026, 3, 31).AddMonths(-1).String())
	assert.Equal(t, "2027-02-28", dates.New(2028, 2, 29).AddMonths(-12).String(), "a year back from Feb 29")
	assert.Equal(t, "2026-04-30", d.AddMonths(3).String())
	assert.Equal(t, "2025-12-31", d.AddMonths(-1).String())
	assert.Equal(t, "2026-03-15", dates.New(2026, 1, 15).AddMonths(2).String())
	assert.Equal(t, 59, dates.New(2026, 3, 31).DaysSince(dates.New(2026, 1, 31)))
	assert.Equal(t, "2026-03-02", dates.New(2026, 3, 8).StartOfWeek().String(), "a Sunday belongs to the week that began Monday")
	assert.Equal(t, "2026-03-02", dates.New(2026, 3, 2).StartOfWeek().String())
	ny, err := time.LoadLocation("America/New_York")
	if err == nil {
		// 03:30 UTC on the 9th is still the 8th in New York
		assert.Equal(t, "2026-03-08", dates.Of(time.Date(2026, 3, 9, 3, 30, 0, 0, time.UTC).In(ny)).String())
	}
}

func TestJSON(t *testing.T) {
	d := dates.New(2026, 3, 4)
	in := map[string]any{"on": d, "none": (*dates.Date)(nil)}
	inside, err := json.Marshal(in)
	require.NoError(t, err)
	assert.Equal(t, `{"none":null,"on":"2026-03-04"}`, string(inside))
	b, err := json.Marshal(d)
	require.NoError(t, err)
	assert.Equal(t, `"2026-03-04"`, string(b))
	var back dates.Date
	require.NoError(t, back.UnmarshalJSON(b))
	assert.Equal(t, d, back)
	assert.Error(t, back.UnmarshalJSON([]byte(`"March 4"`)))
}

func TestOrdinal(t *testing.T) {
	assert.Equal(t, 0, dates.New(1970, time.January, 1).Ordinal())
	assert.Equal(t, -1, dates.New(1969, time.December, 31).Ordinal())
	d := dates.New(2026, time.March, 2)
	assert.Equal(t, d.Ordinal()+1, d.AddDays(1).Ordinal())
	assert.Equal(t, 30, d.AddDays(30).Ordinal()-d.Ordinal())
}

func TestParseISOAgreesWithTimeParse(t *testing.T) {
	for _, s := range []string{"2026-03-02", "2024-02-29", "2023-02-29", "2026-04-31", "2026-13-01", "2026-00-10",
		"0000-01-01", "9999-12-31", "2026-1-02", "2026/03/02", "+026-03-02", "2026-03-0x", "２０２６-03-02", ""} {
		want, werr := time.Parse(dates.Layout, s)
		got, err := dates.ParseISO(s)
		if werr != nil {
			assert.Error(t, err, s)
			continue
		}
		if assert.NoError(t, err, s) {
			assert.Equal(t, want.Format(dates.Layout), got.String(), s)
			assert.True(t, got.Time(time.UTC).Equal(want), s)
		}
	}
}

// FuzzParseISO checks the fast path against time.Parse on any input.
func FuzzParseISO(f *testing.F) {
	for _, s := range []string{"2026-03-02", "2024-02-29", "2026-02-30", "0001-01-01", "2026-3-2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, werr := time.Parse(dates.Layout, s)
		got, err := dates.ParseISO(s)
		if (werr == nil) != (err == nil) {
			t.Fatalf("ParseISO(%q) error %v, time.Parse error %v", s, err, werr)
		}
		if err == nil && !got.Time(time.UTC).Equal(want) {
			t.Fatalf("ParseISO(%q) = %s, time.Parse %s", s, got, want)
		}
	})
}

// TestTimeInADayThatSkipsMidnight checks that a day whose midnight does not
// exist (clocks went from 23:59 to 01:00, as in Brazil until 2019) starts
// on that day, not an hour before it on the day before.
func TestTimeInADayThatSkipsMidnight(t *testing.T) {
	for _, tc := range []struct {
		zone string
		day  dates.Date
	}{
		{"America/Sao_Paulo", dates.New(2018, time.November, 4)},
		{"Asia/Beirut", dates.New(2018, time.March, 25)},
		{"Europe/Lisbon", dates.New(2026, time.March, 29)}, // gap at 01:00: midnight exists
	} {
		loc, err := time.LoadLocation(tc.zone)
		require.NoError(t, err)
		got := tc.day.Time(loc)
		assert.Equal(t, tc.day, dates.Of(got), tc.zone)
		assert.False(t, got.Add(-time.Nanosecond).After(got) || dates.Of(got.Add(-time.Second)) == tc.day, "%s: %v is the day's first instant", tc.zone, got)
	}
}
