package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLoadConfigValues reads one config file per case: a value is either
// what was meant or an error naming its key and the file, never quietly
// truncated or converted.
func TestLoadConfigValues(t *testing.T) {
	tests := []struct {
		name     string
		yaml     string
		cardDays int
		err      string
	}{
		{"no followup section", "db: k.db\n", 2, ""},
		{"whole number", "followup:\n  card_days: 5\n", 5, ""},
		{"zero is the same day", "followup:\n  card_days: 0\n", 0, ""},
		{"whole float", "followup:\n  card_days: 3.0\n", 3, ""},
		{"quoted number", "followup:\n  card_days: \"4\"\n", 4, ""},
		{"null keeps the default", "followup:\n  card_days:\n", 2, ""},
		{"fraction", "followup:\n  card_days: 2.5\n", 0,
			`config key followup.card_days wants a whole number, got 2.5; fix `},
		{"negative fraction", "followup:\n  card_days: -0.5\n", 0,
			`config key followup.card_days wants a whole number, got -0.5`},
		{"huge float", "followup:\n  card_days: 1e300\n", 0,
			`config key followup.card_days wants a whole number, got 1e+300`},
		{"bool", "followup:\n  card_days: true\n", 0,
			`config key followup.card_days wants a whole number, got true`},
		{"empty text", "followup:\n  card_days: \"\"\n", 0,
			`config key followup.card_days wants a whole number, got ""`},
		{"quoted fraction", "followup:\n  card_days: \"2.5\"\n", 0,
			`config key followup.card_days wants a whole number, got "2.5"`},
		{"negative", "followup:\n  card_days: -1\n", 0,
			`config key followup.card_days wants a whole number of days from 0 (due the day the card is written) to 100000, got -1; fix `},
		{"past any date", "followup:\n  card_days: 100000000000\n", 0,
			`config key followup.card_days wants a whole number of days from 0`},
		{"cadence", "followup:\n  default_cadence: 3m\n  cadence:\n    lawyer: 30d\n    friend: none\n", 2, ""},
		{"fractional cadence", "followup:\n  default_cadence: 1.5w\n", 0,
			`config key followup.default_cadence wants a positive length such as 30d, 6w or 3m, or none, got "1.5w"; fix `},
		{"bare number cadence", "followup:\n  cadence:\n    lawyer: 14\n", 0,
			`config key followup.cadence.lawyer wants a positive length such as 30d, 6w or 3m, or none, got "14"`},
		{"zero cadence", "followup:\n  cadence:\n    lawyer: 0d\n", 0,
			`config key followup.cadence.lawyer wants a positive length`},
		{"bool cadence", "followup:\n  default_cadence: true\n", 0,
			`config key followup.default_cadence wants a text value, got true`},
		{"unknown key in a section", "followup:\n  cardays: 3\n", 0,
			`config has an unknown key followup.cardays; fix `},
		{"map where a value goes", "db:\n  path: k.db\n", 0,
			`config key db wants a text value, got a map; fix `},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "config.yaml")
			require.NoError(t, os.WriteFile(path, []byte(tt.yaml), 0o600))
			cfg, err := loadConfig(globalFlags{config: path}, func(string) string { return "" })
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, errorLine(err), tt.err)
				assert.Contains(t, errorLine(err), path)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.cardDays, cfg.Followup.CardDays)
		})
	}
}

// TestLoadConfigBlankPaths refuses a database or config path of only
// white space, most likely a shell variable that was not set, instead of
// using a file named "  "; set to "" an environment variable is unset.
func TestLoadConfigBlankPaths(t *testing.T) {
	dir := t.TempDir()
	blankDB := filepath.Join(dir, "blank-db.yaml")
	require.NoError(t, os.WriteFile(blankDB, []byte("db: '  '\n"), 0o600))
	tests := []struct {
		name  string
		flags globalFlags
		env   map[string]string
		db    string
		err   string
	}{
		{"KITH_DB blank", globalFlags{}, map[string]string{"KITH_DB": " \t"}, "", "KITH_DB is only white space"},
		{"KITH_DB empty is unset", globalFlags{}, map[string]string{"KITH_DB": "", "XDG_DATA_HOME": dir}, filepath.Join(dir, "kith", "kith.db"), ""},
		{"--db wins over a blank KITH_DB", globalFlags{db: "x.db"}, map[string]string{"KITH_DB": "  "}, "x.db", ""},
		{"KITH_CONFIG blank", globalFlags{}, map[string]string{"KITH_CONFIG": "  "}, "", "KITH_CONFIG is only white space"},
		{"config key db blank", globalFlags{config: blankDB}, nil, "", "config key db is empty; fix " + blankDB},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := loadConfig(tt.flags, func(k string) string { return tt.env[k] })
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, errorLine(err), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.db, cfg.DB)
		})
	}
}
