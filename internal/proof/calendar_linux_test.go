//go:build linux

package proof

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// icsFile is what testdata/ical/read.py reads out of a calendar file.
type icsFile struct {
	Version string              `json:"version"`
	ProdID  string              `json:"prodid"`
	Events  map[string]icsEvent `json:"events"`
}

type icsEvent struct {
	Summary     string   `json:"summary"`
	Start       string   `json:"start"`
	End         string   `json:"end"`
	RRule       *string  `json:"rrule"`
	Location    *string  `json:"location"`
	Description string   `json:"description"`
	Sequence    int64    `json:"sequence"`
	Transp      string   `json:"transp"`
	Categories  []string `json:"categories"`
}

// pythonWithICalendar finds a Python that has the icalendar package,
// installing Debian's python3-icalendar when it is missing and the test
// runs as root with apt-get; else the test is skipped.
func pythonWithICalendar(t *testing.T) string {
	t.Helper()
	has := func() string {
		for _, py := range []string{"python3", "/usr/bin/python3"} {
			if exec.Command(py, "-c", "import icalendar").Run() == nil {
				return py
			}
		}
		return ""
	}
	if py := has(); py != "" {
		return py
	}
	if _, err := exec.LookPath("apt-get"); err != nil || os.Geteuid() != 0 {
		t.Skip("no Python with icalendar, and no apt-get as root to install python3-icalendar")
	}
	install := exec.Command("apt-get", "install", "-y", "-qq", "python3-icalendar")
	install.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
	if out, err := install.CombinedOutput(); err != nil {
		t.Skipf("apt-get install python3-icalendar: %v\n%s", err, out)
	}
	py := has()
	require.NotEmpty(t, py, "python3-icalendar installed, yet no Python imports it")
	return py
}

// readICS parses a calendar file with Python's icalendar (read.py).
func readICS(t *testing.T, py, path string) icsFile {
	t.Helper()
	out, err := exec.Command(py, filepath.Join("..", "..", "testdata", "ical", "read.py"), path).Output()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		t.Fatalf("icalendar cannot read %s: %s", path, exit.Stderr)
	}
	require.NoError(t, err)
	var f icsFile
	require.NoError(t, json.Unmarshal(out, &f))
	return f
}

// withNow is env with kith's clock set to now.
func withNow(env []string, now string) []string {
	out := make([]string, 0, len(env))
	for _, kv := range env {
		if !strings.HasPrefix(kv, "KITH_NOW=") {
			out = append(out, kv)
		}
	}
	return append(out, "KITH_NOW="+now)
}

// TestCalendarReadsInARealParser writes kith calendar's file from names
// and notes full of what iCalendar escapes (commas, semicolons,
// backslashes, line breaks) and long enough to fold mid-character, has
// Python's icalendar read it back exactly, then writes it again a day
// later: the same UIDs, a later SEQUENCE, so an import updates.
func TestCalendarReadsInARealParser(t *testing.T) {
	py := pythonWithICalendar(t)
	env := kithEnv(t, filepath.Join(t.TempDir(), "kith.db"))
	long := "send the 東京海上日動 seminar invite, the deck; and the notes \\ all of them, before the call"
	for _, args := range [][]string{
		{"contact", "add", "Ana Lima; Souza, Jr.", "--birthday", "1980-03-04", "--cadence", "2w"},
		{"contact", "add", "山田 太郎", "--birthday", "02-29", "--anniversary", "work, first day:2021-03-06"},
		{"contact", "add", "Bo Chen", "--birthday", "1988-02-29"},
		{"followup", "add", "山田", long, "--due", "2026-03-05"},
		{"coffee", "log", "bo", "ana", "--planned", "--on", "2026-03-10", "--at", `Cafe "Rio"; 2nd floor, by the window`,
			"--topic", "the Acme bid", "--note", "bring the deck\nand the numbers"},
	} {
		mustKith(t, env, args...)
	}
	dir := t.TempDir()
	first := filepath.Join(dir, "first.ics")
	mustKith(t, env, "calendar", "--days", "30", "--out", first)
	f := readICS(t, py, first)
	assert.Equal(t, "2.0", f.Version)
	assert.Equal(t, "-//kith//kith calendar//EN", f.ProdID)
	require.Len(t, f.Events, 7, "%v", f.Events)

	fu := f.Events["followup-1@kith"]
	assert.Equal(t, "山田 太郎: "+long, fu.Summary, "a long summary, folded mid-word, reads back whole")
	assert.Equal(t, "2026-03-05", fu.Start)
	assert.Equal(t, "2026-03-06", fu.End)
	assert.Equal(t, "TRANSPARENT", fu.Transp)
	assert.Contains(t, fu.Description, "kith followup done 1\n")
	assert.Equal(t, "Ana Lima; Souza, Jr.: stay in touch", f.Events["followup-c1@kith"].Summary)

	coffee := f.Events["coffee-1@kith"]
	assert.Equal(t, "Coffee with Ana Lima; Souza, Jr., Bo Chen", coffee.Summary)
	require.NotNil(t, coffee.Location)
	assert.Equal(t, `Cafe "Rio"; 2nd floor, by the window`, *coffee.Location)
	assert.Equal(t, "the Acme bid\nbring the deck\nand the numbers\nHeld: kith coffee held 1\nDid not happen: kith coffee cancel 1", coffee.Description)

	bday := f.Events["birthday-1@kith"]
	assert.Equal(t, "Ana Lima; Souza, Jr.'s birthday", bday.Summary)
	assert.Equal(t, "1980-03-04", bday.Start)
	require.NotNil(t, bday.RRule)
	assert.Equal(t, "FREQ=YEARLY", *bday.RRule)
	leap := f.Events["birthday-2@kith"]
	assert.Equal(t, "2000-02-29", leap.Start, "a birthday without a year starts in 2000")
	require.NotNil(t, leap.RRule)
	assert.ElementsMatch(t, []string{"FREQ=YEARLY", "BYMONTH=2", "BYMONTHDAY=-1"}, strings.Split(*leap.RRule, ";"),
		"29 February falls on the 28th in common years")
	assert.Equal(t, "1988-02-29", f.Events["birthday-3@kith"].Start)
	work := f.Events["anniversary-2-work, first day@kith"]
	assert.Equal(t, "山田 太郎: work, first day anniversary", work.Summary)
	assert.Equal(t, []string{"kith anniversary"}, work.Categories)

	// a day later, after a snooze and a rename: the same events, updated
	mustKith(t, env, "followup", "snooze", "1", "--until", "2026-03-07")
	mustKith(t, env, "contact", "edit", "bo", "--name", "Bo Chen-Lima")
	second := filepath.Join(dir, "second.ics")
	mustKith(t, withNow(env, "2026-03-03T08:00:00Z"), "calendar", "--days", "30", "--out", second)
	g := readICS(t, py, second)
	require.Len(t, g.Events, len(f.Events))
	for uid, ev := range f.Events {
		require.Contains(t, g.Events, uid, "the same record keeps its UID")
		assert.Greater(t, g.Events[uid].Sequence, ev.Sequence, "%s: a newer file is a later revision", uid)
	}
	assert.Equal(t, "2026-03-07", g.Events["followup-1@kith"].Start)
	assert.Equal(t, "Bo Chen-Lima's birthday", g.Events["birthday-3@kith"].Summary)

	t.Run("khal imports it and updates on the second import", func(t *testing.T) {
		khalImportsAsUpdates(t, first, second, len(f.Events))
	})
	t.Run("calcurse imports it", func(t *testing.T) {
		if _, err := exec.LookPath("calcurse"); err != nil {
			t.Skip("calcurse is not installed (apt-get install calcurse)")
		}
		out, err := exec.Command("calcurse", "-D", t.TempDir(), "-i", first).CombinedOutput()
		require.NoError(t, err, "%s", out)
		assert.Contains(t, string(out), "0 apps / 7 events / 0 todos / 0 skipped")
	})
}

// khalImportsAsUpdates imports first, then second, into one khal
// calendar: khal keeps an event per UID, so the second import must leave
// as many events as the first, with the second's text.
func khalImportsAsUpdates(t *testing.T, first, second string, events int) {
	if _, err := exec.LookPath("khal"); err != nil {
		t.Skip("khal is not installed (apt-get install khal)")
	}
	dir := t.TempDir()
	cal := filepath.Join(dir, "cal")
	require.NoError(t, os.MkdirAll(cal, 0o700))
	config := filepath.Join(dir, "config")
	require.NoError(t, os.WriteFile(config, []byte(`[calendars]
[[kith]]
path = `+cal+`
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
[sqlite]
path = `+filepath.Join(dir, "khal.db")+`
`), 0o600))
	khal := func(args ...string) string {
		cmd := exec.Command("khal", append([]string{"-c", config}, args...)...)
		cmd.Env = append(os.Environ(), "HOME="+dir, "TZ=UTC")
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "khal %s: %s", strings.Join(args, " "), out)
		return string(out)
	}
	for _, file := range []string{first, second} {
		khal("import", "--batch", "-a", "kith", file)
		entries, err := os.ReadDir(cal)
		require.NoError(t, err)
		assert.Len(t, entries, events, "after importing %s", filepath.Base(file))
	}
	list := khal("list", "2026-03-01", "10d")
	assert.Contains(t, list, "2026-03-07\n 山田 太郎: send the", "the snoozed follow-up moved")
	assert.Contains(t, list, "Bo Chen-Lima ::", "the renamed contact's coffee")
	assert.NotContains(t, list, "Bo Chen ::")
}
