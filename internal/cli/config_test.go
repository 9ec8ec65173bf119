package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
