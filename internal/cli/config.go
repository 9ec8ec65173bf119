package cli

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/viper"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// Config is kith's configuration, read from the YAML config file with the
// database path overridable by KITH_DB and --db.
type Config struct {
	DB       string         `mapstructure:"db"`
	Followup FollowupConfig `mapstructure:"followup"`
	Sync     SyncConfig     `mapstructure:"sync"`
	Draft    DraftConfig    `mapstructure:"draft"`
}

// DraftConfig is what followup draft writes in every message.
type DraftConfig struct {
	// Signature is the lines under "Best," (a YAML block keeps its line
	// breaks): your name, and what else you sign with.
	Signature string `mapstructure:"signature"`
}

// SyncConfig is the account kith sync syncs with. It holds no password:
// the password is what PasswordCmd prints, or KITH_SYNC_PASSWORD.
type SyncConfig struct {
	URL         string `mapstructure:"url"`
	Username    string `mapstructure:"username"`
	PasswordCmd string `mapstructure:"password_cmd"`
	// AddressBook names the address book to sync (a display name or a
	// path); empty means the account's only (or default) one.
	AddressBook string `mapstructure:"addressbook"`
	// Calendar names the calendar that gets follow-ups and planned
	// coffees; empty syncs no calendar. CalendarURL is its server, when
	// not URL's (iCloud and Fastmail have one for each).
	Calendar    string `mapstructure:"calendar"`
	CalendarURL string `mapstructure:"calendar_url"`
}

// FollowupConfig tunes the follow-ups kith creates for the user.
type FollowupConfig struct {
	// CardDays is how many days after a card is written its follow-up idea
	// falls due (2 unless the file says otherwise, set in loadConfig).
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

	path, explicit := flags.config, flags.config != ""
	if !explicit {
		path, explicit = getenv("KITH_CONFIG"), getenv("KITH_CONFIG") != ""
		if explicit && blank(path) {
			return nil, blankEnv("KITH_CONFIG", "config")
		}
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
	// the defaults: a key that is absent or null leaves its field as is
	cfg := &Config{Followup: FollowupConfig{CardDays: 2}}
	if err := decodeConfig(v, cfg, path); err != nil {
		return nil, err
	}
	if err := checkConfigValues(cfg); err != nil {
		return nil, err.WithHint("fix %s", path)
	}
	if v.IsSet("db") && blank(cfg.DB) {
		return nil, kith.Errorf(kith.Invalid, "config key db is empty").
			WithHint("fix %s: give the database file's path, or remove the key to use the default", path)
	}
	// --db "" and "  " are refused with the other flags, by checkText.
	switch {
	case flags.db != "":
		cfg.DB = flags.db
	case blank(getenv("KITH_DB")) && getenv("KITH_DB") != "":
		return nil, blankEnv("KITH_DB", "database")
	case getenv("KITH_DB") != "":
		cfg.DB = getenv("KITH_DB")
	case cfg.DB == "":
		cfg.DB = filepath.Join(xdgDir(getenv, "XDG_DATA_HOME", filepath.Join(".local", "share")), "kith", "kith.db")
	default:
		cfg.DB = expandPath(cfg.DB, getenv)
	}
	return cfg, nil
}

// blank reports whether a path is empty or only white space: never a file
// anyone meant, but a variable that expanded to nothing, which would
// otherwise quietly mean the default file or create one named "  ".
func blank(path string) bool {
	return strings.TrimSpace(path) == ""
}

// blankEnv is the error for an environment variable holding only white
// space where kith wants a file path; set to "" it counts as unset.
func blankEnv(name, what string) *kith.Error {
	return kith.Errorf(kith.Invalid, "%s is only white space", name).
		WithHint("set it to the %s file's path, or unset it to use the default", what)
}

// configKeys lists the keys the config file may hold, read from Config's
// mapstructure tags so a new field is known without another list to keep;
// a map field's keys are the user's own (followup.cadence.CATEGORY).
func configKeys() []string {
	var keys []string
	var walk func(t reflect.Type, prefix string)
	walk = func(t reflect.Type, prefix string) {
		for i := range t.NumField() {
			field := t.Field(i)
			key := prefix + field.Tag.Get("mapstructure")
			switch field.Type.Kind() {
			case reflect.Struct:
				walk(field.Type, key+".")
			case reflect.Map:
				keys = append(keys, key+".*")
			default:
				keys = append(keys, key)
			}
		}
	}
	walk(reflect.TypeOf(Config{}), "")
	return keys
}

// decodeConfig decodes the file into cfg strictly: without viper's weak
// typing a value of the wrong type is an error naming its key, and a key
// no field takes (a typo such as dbb) is refused rather than ignored. The
// decoder lists such keys in its metadata, full path and all; its
// ErrorUnused error would give them only as text.
func decodeConfig(v *viper.Viper, cfg *Config, path string) error {
	var meta mapstructure.Metadata
	err := v.Unmarshal(cfg, func(c *mapstructure.DecoderConfig) {
		c.WeaklyTypedInput = false
		c.DecodeHook = strictConfigValue // instead of viper's, for types kith has none of
		c.Metadata = &meta
	})
	if err != nil {
		return configValueError(path, err)
	}
	if len(meta.Unused) > 0 {
		return kith.Errorf(kith.Invalid, "config has an unknown key %s", slices.Min(meta.Unused)).
			WithHint("fix %s; kith knows %s", path, strings.Join(configKeys(), ", "))
	}
	return nil
}

// strictConfigValue allows the few conversions a YAML file makes natural,
// which the decoder without weak typing would refuse: a whole number written
// 3.0 or "3" (never 2.5, which the decoder would truncate to 2, nor "" or
// "0x10"), and a bare number where kith wants text (cadence: 14), so the
// cadence check can say what it wants. A section given a single value is
// refused here because the decoder's own message names Go kinds.
func strictConfigValue(from, to reflect.Value) (any, error) {
	data := from.Interface()
	wrong := &mapstructure.UnconvertibleTypeError{Expected: to, Value: data}
	switch {
	case to.CanInt() && from.CanFloat():
		// within ±2^53 a float64 holds every whole number exactly
		if f := from.Float(); f == math.Trunc(f) && math.Abs(f) <= 1<<53 {
			return int64(f), nil
		}
		return nil, wrong
	case to.CanInt() && from.Kind() == reflect.String:
		if n, err := strconv.Atoi(from.String()); err == nil {
			return n, nil
		}
		return nil, wrong
	case to.Kind() == reflect.String && (from.CanInt() || from.CanUint() || from.CanFloat()):
		return fmt.Sprint(data), nil
	case to.Kind() == reflect.Struct && from.Kind() != reflect.Map:
		return nil, wrong
	}
	return data, nil
}

// checkConfigValues refuses values of the right type that make no sense:
// a follow-up due before its card was written, or a cadence kith cannot
// read. Checked when the file is read, like its keys, so a mistake shows
// at once rather than on the first command that uses the setting.
func checkConfigValues(cfg *Config) *kith.Error {
	if d := cfg.Followup.CardDays; d < 0 || d > dates.MaxSpanDays {
		return kith.Errorf(kith.Invalid, "config key followup.card_days wants a whole number of days from 0 (due the day the card is written) to %d, got %d", dates.MaxSpanDays, d)
	}
	var bad *kith.Error
	if errors.As(kith.CheckValue("config key draft.signature", cfg.Draft.Signature, true), &bad) {
		return bad
	}
	_, err := configCadences(cfg)
	return err
}

// configCadences reads the stay-in-touch cadences: the default and each
// category's, the first unreadable one (in key order) an error.
func configCadences(cfg *Config) (kith.CadencePolicy, *kith.Error) {
	var p kith.CadencePolicy
	var err *kith.Error
	if p.Default, err = configCadence("followup.default_cadence", cfg.Followup.DefaultCadence); err != nil {
		return p, err
	}
	p.ByCategory = make(map[string]int, len(cfg.Followup.Cadence))
	for _, cat := range slices.Sorted(maps.Keys(cfg.Followup.Cadence)) {
		if p.ByCategory[kith.Fold(cat)], err = configCadence("followup.cadence."+cat, cfg.Followup.Cadence[cat]); err != nil {
			return p, err
		}
	}
	return p, nil
}

// configCadence reads a cadence from the config: a length such as 30d, or
// none (or nothing) for no cadence.
func configCadence(key, v string) (int, *kith.Error) {
	days, ok := cadenceDays(strings.TrimSpace(v))
	if !ok {
		return 0, kith.Errorf(kith.Invalid, "config key %s wants a positive length such as 30d, 6w or 3m, or none, got %q", key, v)
	}
	return days, nil
}

// configValueError turns the decoder's error about a value it could not
// take into one line naming the key and what it wants.
func configValueError(path string, err error) error {
	var de *mapstructure.DecodeError
	var ue *mapstructure.UnconvertibleTypeError
	if !errors.As(err, &de) || !errors.As(de.Unwrap(), &ue) {
		return kith.Errorf(kith.Invalid, "config %s: %v", path, err)
	}
	return kith.Errorf(kith.Invalid, "config key %s wants %s, got %s", configKeyName(de.Name()), configKind(ue.Expected.Type()), configValue(ue.Value)).
		WithHint("fix %s", path)
}

// configKeyName writes the decoder's field name (followup.cadence[lawyer])
// as the key is written in the file (followup.cadence.lawyer).
func configKeyName(name string) string {
	return strings.NewReplacer("[", ".", "]", "").Replace(name)
}

// configKind names in words the type of a Config field.
func configKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int:
		return "a whole number"
	case reflect.String:
		return "a text value"
	case reflect.Map, reflect.Struct:
		return "a map of keys"
	}
	return t.String()
}

// configValue shows the value the file held, quoted when it is text.
func configValue(v any) string {
	switch v := v.(type) {
	case string:
		return strconv.Quote(v)
	case map[string]any:
		return "a map"
	case []any:
		return "a list"
	}
	return fmt.Sprint(v)
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
