package kith_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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
