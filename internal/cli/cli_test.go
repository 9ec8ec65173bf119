package cli

import (
	"bytes"
	"context"
	"io"
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
	var out bytes.Buffer
	errOut, code := e.runTo(context.Background(), &out, stdin, args...)
	return out.String(), errOut, code
}

// runTo executes one command line with ctx, writing its output to out, and
// returns stderr and the exit status.
func (e *testEnv) runTo(ctx context.Context, out io.Writer, stdin string, args ...string) (string, int) {
	var errOut bytes.Buffer
	f := &Factory{
		In: strings.NewReader(stdin), Out: out, ErrOut: &errOut,
		InTTY: e.tty, OutTTY: e.tty, ErrTTY: e.tty,
		Getenv: func(k string) string { return e.env[k] },
		Now:    time.Now,
	}
	code := Run(ctx, f, args)
	return errOut.String(), code
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
		{"blank file", []string{"contact", "import", ""}, 2},
		{"help", []string{"help", "contact", "list"}, 0},
		{"help on an unknown command", []string{"help", "frobnicate"}, 2},
		{"help on an unknown verb", []string{"help", "contact", "frobnicate"}, 2},
		{"unknown contact", []string{"contact", "show", "zed"}, 1},
		{"invalid value", []string{"contact", "add", "Bo", "--stage", "warm"}, 1},
		{"rm without --yes when piped", []string{"contact", "rm", "Ana"}, 2},
		{"unparseable flag value", []string{"plan", "--top", "abc"}, 2},
		{"flag without its value", []string{"plan", "--top"}, 2},
		{"plan --top out of range", []string{"plan", "--top", "0"}, 1},
		{"napkin --names negative", []string{"napkin", "--names", "-1"}, 1},
		{"contact list --limit negative", []string{"contact", "list", "--limit", "-5"}, 1},
		{"export --limit negative", []string{"contact", "export", "--limit", "-5"}, 1},
		{"fans --limit negative", []string{"fans", "--limit", "-1"}, 1},
		{"path --hops zero", []string{"path", "x", "--hops", "0"}, 1},
		{"graph --depth zero", []string{"graph", "--contact", "Ana", "--depth", "0"}, 1},
		{"intro update id zero", []string{"intro", "update", "0", "--status", "made"}, 1},
		{"intro update id not a number", []string{"intro", "update", "x", "--status", "made"}, 1},
		{"followup id not a number", []string{"followup", "done", "x"}, 1},
		{"bad birthday", []string{"contact", "edit", "Ana", "--birthday", "hello"}, 1},
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

func TestFlagParserErrorsAreReadable(t *testing.T) {
	e := newTestEnv(t)
	for args, want := range map[string]string{
		"plan --top abc":                  `kith: --top wants a whole number, got "abc"; run 'kith plan --help' for usage`,
		"plan --top 99999999999999999999": `kith: --top: "99999999999999999999" is too large; run 'kith plan --help' for usage`,
		"plan --top":                      `kith: --top needs a value; run 'kith plan --help' for usage`,
		"contact list --json=maybe":       `kith: --json wants true or false, got "maybe"; run 'kith contact list --help' for usage`,
		"goal set coffees_per_week --x":   `kith: unknown flag: --x; run 'kith goal set --help' for usage`,
	} {
		t.Run(args, func(t *testing.T) {
			_, stderr, code := e.run("", strings.Fields(args)...)
			assert.Equal(t, 2, code)
			assert.Equal(t, want+"\n", stderr)
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
	_, _, code := e.run("", "contact", "add", "Ana", "--note", strings.Repeat("long ", 100))
	require.Equal(t, 0, code)
	// text stored before kith refused control characters
	dump, _, code := e.run("", "export")
	require.Equal(t, 0, code)
	e.env["KITH_DB"] += ".restored"
	_, stderr, code := e.run(withContactText(t, dump, map[string]string{"name": "Ana \x1b[31mRed\x1b[0m", "company": "Line\nBreak"}), "import", "-")
	require.Equal(t, 0, code, stderr)
	e.tty = true
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

func TestInvalidUTF8IsRefused(t *testing.T) {
	e := newTestEnv(t)
	_, _, code := e.run("", "contact", "add", "Ana")
	require.Equal(t, 0, code)
	for name, args := range map[string][]string{
		"name":          {"contact", "add", "Bo \xff"},
		"note":          {"contact", "add", "Bo", "--note", "x\xfey"},
		"one of tags":   {"contact", "add", "Bo", "--tag", "ok", "--tag", "b\xc3"},
		"edit":          {"contact", "edit", "Ana", "--met-at", "caf\xe9"},
		"coffee note":   {"coffee", "log", "Ana", "--note", "\xff"},
		"followup text": {"followup", "add", "Ana", "call \xff"},
		"target":        {"target", "add", "Acme \xff"},
	} {
		t.Run(name, func(t *testing.T) {
			_, stderr, code := e.run("", args...)
			assert.Equal(t, 1, code)
			assert.Regexp(t, `^kith: (argument|--[a-z-]+ value) "[^"\n]*\\x[0-9a-f]{2}[^"\n]*" is not valid UTF-8 text; pass text in UTF-8; [^\n]+\n$`, stderr)
		})
	}
	out, _, _ := e.run("", "export")
	assert.Contains(t, out, "Ana")
	assert.NotContains(t, out, "Bo")
	assert.NotContains(t, out, "Acme")
	assert.NotContains(t, out, `"text": "call`)
	_, stderr, _ := e.run("", "contact", "show", "Ana", "--json")
	assert.Empty(t, stderr)
}
