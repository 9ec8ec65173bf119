package kith_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

func TestParseBirthday(t *testing.T) {
	for in, want := range map[string]string{
		"":            "",
		" 1980-05-17": "1980-05-17",
		"19800517":    "1980-05-17",
		"--05-17":     "--05-17",
		"--0517":      "--05-17",
		"--02-29":     "--02-29",
		"2000-02-29":  "2000-02-29",
	} {
		t.Run(in, func(t *testing.T) {
			got, err := kith.ParseBirthday(in)
			require.NoError(t, err)
			assert.Equal(t, want, got)
		})
	}
	for _, bad := range []string{"hello", "1980-13-01", "1980-02-30", "1981-02-29", "--13-01", "17/05/1980", "1980-5-17", "0000-01-01", "+980-05-17", "1980-05-17T00:00", "--5-17", "198005170"} {
		t.Run(bad, func(t *testing.T) {
			_, err := kith.ParseBirthday(bad)
			require.Error(t, err)
			assert.Equal(t, kith.Invalid, kith.ErrorCode(err))
		})
	}
}

func TestBirthdayWithoutYearAsTyped(t *testing.T) {
	got, err := kith.ParseBirthday("03-14")
	require.NoError(t, err)
	assert.Equal(t, "--03-14", got)
	_, err = kith.ParseBirthday("02-30")
	assert.Equal(t, kith.Invalid, kith.ErrorCode(err))
}

func TestParseAnniversary(t *testing.T) {
	for in, want := range map[string]string{
		"work:2021-06-01":         "work:2021-06-01",
		" wedding : 06-20 ":       "wedding:--06-20",
		"first sale:--11-02":      "first sale:--11-02",
		"met at 10:30:2020-01-05": "met at 10:30:2020-01-05",
	} {
		got, err := kith.ParseAnniversary(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for in, msg := range map[string]string{
		"2021-06-01":      "has no label",
		":2021-06-01":     "has no label",
		"work:":           `"" is not a date`,
		"work:2021-02-30": `"2021-02-30" is not a date`,
		"work:soon":       `"soon" is not a date`,
	} {
		_, err := kith.ParseAnniversary(in)
		require.Error(t, err, in)
		assert.Equal(t, kith.Invalid, kith.ErrorCode(err), in)
		assert.Contains(t, err.Error(), msg, in)
	}
}

func TestNextOccurrence(t *testing.T) {
	from := dates.New(2026, time.March, 2)
	tests := []struct {
		day   string
		want  string
		years int
	}{
		{"1980-03-02", "2026-03-02", 46},
		{"1980-03-01", "2027-03-01", 47},
		{"--03-09", "2026-03-09", 0},
		{"--02-29", "2027-02-28", 0},
		{"2000-02-29", "2027-02-28", 27},
	}
	for _, tt := range tests {
		on, years, err := kith.NextOccurrence(tt.day, from)
		require.NoError(t, err, tt.day)
		assert.Equal(t, tt.want, on.String(), tt.day)
		assert.Equal(t, tt.years, years, tt.day)
	}
	leap := dates.New(2028, time.February, 20)
	on, _, err := kith.NextOccurrence("--02-29", leap)
	require.NoError(t, err)
	assert.Equal(t, "2028-02-29", on.String())
}
