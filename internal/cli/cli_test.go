package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testEnv runs commands in-process on one temp database, as a terminal or
// as a pipe.
type testEnv struct {
	t   *testing.T
	env map[string]string
	tty bool
}

func newTestEnv(t *testing.T) *testEnv {
	dir := t.TempDir()
	return &testEnv{t: t, env: map[string]string{
		"HOME":     dir,
		"KITH_DB":  filepath.Join(dir, "kith.db"),
		"KITH_NOW": "2026-03-02",
	}}
}

// run executes one command line with stdin and returns stdout, stderr and
// the exit status.
func (e *testEnv) run(stdin string, args ...string) (string, string, int) {
	var out, errOut bytes.Buffer
	f := &Factory{
		In: strings.NewReader(stdin), Out: &out, ErrOut: &errOut,
		InTTY: e.tty, OutTTY: e.tty, ErrTTY: e.tty,
		Getenv: func(k string) string { return e.env[k] },
		Now:    time.Now,
	}
	code := Run(context.Background(), f, args)
	return out.String(), errOut.String(), code
}

func TestExitCodes(t *testing.T) {
	e := newTestEnv(t)
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"success", []string{"contact", "add", "Ana"}, 0},
		{"unknown command", []string{"frobnicate"}, 2},
		{"unknown verb", []string{"contact", "frobnicate"}, 2},
		{"unknown flag", []string{"contact", "list", "--frobnicate"}, 2},
		{"missing argument", []string{"contact", "show"}, 2},
		{"unknown contact", []string{"contact", "show", "zed"}, 1},
		{"invalid value", []string{"contact", "add", "Bo", "--stage", "warm"}, 1},
		{"rm without --yes when piped", []string{"contact", "rm", "Ana"}, 2},
		{"help", []string{"contact", "--help"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := e.run("", tt.args...)
			assert.Equal(t, tt.code, code, stderr)
			if tt.code != 0 {
				assert.Regexp(t, `^kith: [^\n]+\n$`, stderr, "an error is one line starting kith:")
			}
		})
	}
}

func TestSuggestsCommands(t *testing.T) {
	e := newTestEnv(t)
	_, stderr, _ := e.run("", "contact", "lst")
	assert.Contains(t, stderr, "did you mean list?")
}

func TestBadNow(t *testing.T) {
	e := newTestEnv(t)
	e.env["KITH_NOW"] = "next tuesday"
	_, stderr, code := e.run("", "contact", "list")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, `KITH_NOW="next tuesday" is not a date`)
}

func TestTableOnTerminal(t *testing.T) {
	e := newTestEnv(t)
	e.tty = true
	_, _, code := e.run("", "contact", "add", "Ana \x1b[31mRed\x1b[0m", "--company", "Line\nBreak", "--note", strings.Repeat("long ", 100))
	require.Equal(t, 0, code)
	out, _, code := e.run("", "contact", "list")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "NAME")
	assert.Contains(t, out, `Ana \x1b[31mRed\x1b[0m`, "escape sequences are shown, not run")
	assert.NotContains(t, out, "\x1b")
	assert.Contains(t, out, "Line Break")
}

func TestRemoveAsksOnTerminal(t *testing.T) {
	e := newTestEnv(t)
	e.tty = true
	e.run("", "contact", "add", "Ana")
	_, stderr, code := e.run("n\n", "contact", "rm", "ana")
	assert.Equal(t, 0, code)
	assert.Contains(t, stderr, "Remove #1 Ana")
	assert.Contains(t, stderr, "Nothing removed.")
	out, _, _ := e.run("", "contact", "list")
	assert.Contains(t, out, "Ana")

	out, _, code = e.run("y\n", "contact", "rm", "ana")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "Removed #1 Ana")
}

func TestVersion(t *testing.T) {
	e := newTestEnv(t)
	out, _, code := e.run("", "version")
	assert.Equal(t, 0, code)
	assert.Regexp(t, `^kith \S+ \(schema \d+, go`, out)
	out, _, _ = e.run("", "version", "--json")
	assert.Contains(t, out, `"schema_version"`)
}

func TestCompletionOfContactNames(t *testing.T) {
	e := newTestEnv(t)
	e.run("", "contact", "add", "Ana Lima")
	e.run("", "contact", "add", "Bo Chen")
	out, _, code := e.run("", "__complete", "contact", "show", "an")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "Ana Lima")
	assert.NotContains(t, out, "Bo Chen")
	for _, shell := range []string{"bash", "zsh", "fish"} {
		out, _, code := e.run("", "completion", shell)
		assert.Equal(t, 0, code, shell)
		assert.Contains(t, out, "kith", shell)
	}
}

func TestPathOnTerminal(t *testing.T) {
	e := newTestEnv(t)
	e.env["KITH_NOW"] = "2026-02-01"
	for _, args := range [][]string{
		{"target", "add", "Acme Corp"},
		{"contact", "add", "Ana Lima"},
		{"contact", "add", "Eve Park", "--company", "Initech"},
		{"contact", "add", "Hal Ng", "--company", "Initech"},
		{"coffee", "log", "ana"},
		{"coffee", "log", "eve", "--on", "2026-01-10"},
		{"intro", "add", "ana", "Bo Chen", "--new", "--kind", "coffee"},
		{"ask", "bo", "--client", "Cy Diaz @ Acme Corp"},
		{"intro", "add", "hal", "cy", "--kind", "client", "--status", "promised"},
	} {
		_, stderr, code := e.run("", args...)
		require.Equal(t, 0, code, "%v: %s", args, stderr)
	}
	e.tty = true
	out, _, code := e.run("", "path", "acme corp")
	require.Equal(t, 0, code)
	assert.Equal(t, `Warm paths to Acme Corp (1 person there):

1. Ana Lima > Bo Chen > Cy Diaz (Acme Corp)
   Ana Lima introduced Bo Chen to you (made, 2026-02-01)
   Bo Chen introduced Cy Diaz to you (promised, 2026-02-01)
   Ask Ana Lima (advocate, last coffee 2026-02-01) to introduce you to Bo Chen; then Bo Chen to introduce you to Cy Diaz.

2. Eve Park > Hal Ng > Cy Diaz (Acme Corp)
   Eve Park and Hal Ng both work at Initech
   Hal Ng introduced Cy Diaz to you (promised, 2026-02-01)
   Ask Eve Park (halo, last coffee 2026-01-10) to introduce you to Hal Ng; then Hal Ng to introduce you to Cy Diaz.
`, out)

	out, _, code = e.run("", "path", "Globex")
	assert.Equal(t, 0, code)
	assert.Equal(t, "Nobody in your contacts works at Globex yet.\nAsk for a client introduction there at your next coffee: kith ask REF.\n", out)
}
