package cli

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/viper"

	"github.com/kith-crm/kith/internal/kith"
)

// Config is kith's configuration, read from the YAML config file with the
// database path overridable by KITH_DB and --db.
type Config struct {
	DB       string         `mapstructure:"db"`
	Followup FollowupConfig `mapstructure:"followup"`
}

// FollowupConfig tunes the follow-ups kith creates for the user.
type FollowupConfig struct {
	// CardDays is how many days after a card is written its follow-up idea
	// falls due.
	CardDays int `mapstructure:"card_days"`
	// DefaultCadence (e.g. 90d) applies to contacts without a cadence.
	DefaultCadence string `mapstructure:"default_cadence"`
	// Cadence maps a category to the cadence of its contacts without one.
	// Viper lowercases keys, which suits categories: they compare folded.
	Cadence map[string]string `mapstructure:"cadence"`
}

// loadConfig reads the config file (from --config, KITH_CONFIG or the XDG
// default) and resolves the database path: --db, then KITH_DB, then the
// file's db key, then the XDG data folder.
func loadConfig(flags globalFlags, getenv func(string) string) (*Config, error) {
	v := viper.New()
	v.SetConfigType("yaml")
	v.SetDefault("followup.card_days", 2)

	path, explicit := flags.config, flags.config != ""
	if !explicit {
		path, explicit = getenv("KITH_CONFIG"), getenv("KITH_CONFIG") != ""
	}
	if !explicit {
		path = filepath.Join(xdgDir(getenv, "XDG_CONFIG_HOME", ".config"), "kith", "config.yaml")
	}
	v.SetConfigFile(path)
	if err := v.ReadInConfig(); err != nil {
		var notFound *os.PathError
		if !errors.As(err, &notFound) || explicit {
			return nil, kith.Errorf(kith.Invalid, "cannot read config %s: %v", path, err).
				WithHint("fix the YAML or point --config at another file")
		}
	}
	cfg := &Config{}
	if err := v.Unmarshal(cfg); err != nil {
		return nil, kith.Errorf(kith.Invalid, "config %s: %v", path, err)
	}
	switch {
	case flags.db != "":
		cfg.DB = flags.db
	case getenv("KITH_DB") != "":
		cfg.DB = getenv("KITH_DB")
	case cfg.DB == "":
		cfg.DB = filepath.Join(xdgDir(getenv, "XDG_DATA_HOME", filepath.Join(".local", "share")), "kith", "kith.db")
	default:
		cfg.DB = expandPath(cfg.DB, getenv)
	}
	return cfg, nil
}

// xdgDir returns $env, or $HOME/fallback when it is unset.
func xdgDir(getenv func(string) string, env, fallback string) string {
	if d := getenv(env); d != "" {
		return d
	}
	return filepath.Join(getenv("HOME"), fallback)
}

// expandPath expands $VARS and a leading ~/ in a path from the config file,
// where no shell has expanded them.
func expandPath(p string, getenv func(string) string) string {
	p = os.Expand(p, getenv)
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		p = filepath.Join(getenv("HOME"), rest)
	}
	return p
}
