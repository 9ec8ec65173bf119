package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHelpIsComplete holds every command to the help the style asks for: a
// one-line Short, a Long that says why (wrapped to fit a terminal), and
// Examples to paste.
func TestHelpIsComplete(t *testing.T) {
	for _, cmd := range allCommands(NewRootCmd(&Factory{})) {
		t.Run(cmd.CommandPath(), func(t *testing.T) {
			assert.NotEmpty(t, cmd.Short, "Short")
			assert.NotContains(t, cmd.Short, "\n", "Short is one line")
			assert.NotEmpty(t, cmd.Long, "Long")
			for _, line := range strings.Split(cmd.Long, "\n") {
				assert.LessOrEqual(t, utf8.RuneCountInString(line), 80, "Long is wrapped for an 80-column terminal: %q", line)
			}
			assert.NotEmpty(t, cmd.Example, "Example")
		})
	}
}

// exampleSetup is what one example line needs beyond the shared seed:
// commands to run first, files to write (relative to the working folder;
// ~/ means HOME) and the stdin a non-kith command before a pipe would give.
type exampleSetup struct {
	before [][]string
	files  map[string]string // name → fixture in testdata/import
	stdin  string            // @NAME: the file NAME, once written
	tty    bool              // run as on a terminal
	// empty runs the example on a new database: it adds people the seed
	// has, and contact add refuses a second one of the same name
	empty bool
	// syncServer points the config at a sync server of the example's own
	// (exampleSyncServer), for kith sync's examples.
	syncServer bool
}

// exampleSyncServer starts a sync server and points e's config at it; nil
// where the tests cannot run one (sync_linux_test.go sets it).
var exampleSyncServer func(t *testing.T, e *testEnv)

// exampleSetups are keyed by the example line as it stands in the help.
var exampleSetups = map[string]exampleSetup{
	`kith contact merge ana@lima.law "Ana M. Lima" 31`: {before: [][]string{{"contact", "add", "Ana M. Lima"}}},
	`kith contact import ~/Downloads/Connections.csv --category "linkedin" --tag 2024`: {
		files: map[string]string{"~/Downloads/Connections.csv": "linkedin_connections.csv"}},
	`kith contact import contacts.vcf --dry-run`:                                                                 {files: map[string]string{"contacts.vcf": "contacts_v40.vcf"}},
	`kith contact import google.csv --skip-invalid --json | jq .created`:                                         {files: map[string]string{"google.csv": "google_contacts.csv"}},
	`kith target rm "Acme Corp"`:                                                                                 {before: [][]string{{"target", "add", "Acme Corp"}}},
	`kith --db ~/kith-restored.db import kith-2026-03-02.json`:                                                   {before: [][]string{{"export", "--out", "kith-2026-03-02.json"}}},
	`gunzip -c kith.json.gz | kith --db new.db import -`:                                                         {before: [][]string{{"export", "--out", "kith.json"}}, stdin: "@kith.json"},
	`kith contact rm "Cy Diaz"`:                                                                                  {tty: true, stdin: "y\n"},
	`kith contact add "Ana Lima" --company Acme --category lawyer --met-at "BNI breakfast"`:                      {empty: true},
	`kith contact add "Ana Lima" --company "Lima Law" --category lawyer`:                                         {empty: true},
	`kith contact add "Ana Lima" --email ana@lima.law --company "Lima Law" --category lawyer`:                    {empty: true},
	`kith contact add "Bo Chen" --met-at "Small Biz Mixer" --topic "has a newborn" --idea "send seminar invite"`: {empty: true},
	`kith contact add "Cy Diaz" --tag bni --tag golf --cadence 30d --stage lead`:                                 {empty: true},
	`kith contact unarchive ana`:                                                                                 {before: [][]string{{"contact", "archive", "ana"}}},
	`printf 'Dan Wu @ Acme\n\nEve Park\n' | kith ask ana --interactive`:                                          {stdin: "Dan Wu @ Acme\n\nEve Park\n"},
	`kith followup done 3 4 c12`:                                                                                 {before: [][]string{{"contact", "edit", "12", "--cadence", "30d"}}},
	`kith followup snooze 3 4 c12 --until monday`:                                                                {before: [][]string{{"contact", "edit", "12", "--cadence", "30d"}}},
	`kith sync --dry-run`:              {syncServer: true},
	`kith sync`:                        {syncServer: true},
	`kith sync --json | jq .conflicts`: {syncServer: true},
}

// TestHelpExamplesRun runs every kith command in every help Example on a
// copy of one seeded database, so an example that stops working (a renamed
// flag, a changed argument) fails here instead of in a user's shell.
func TestHelpExamplesRun(t *testing.T) {
	seed := newTestEnv(t)
	seedExamples(t, seed)
	template, err := os.ReadFile(seed.env["KITH_DB"])
	require.NoError(t, err)

	used := map[string]bool{}
	for _, cmd := range allCommands(NewRootCmd(&Factory{})) {
		for _, line := range exampleLines(cmd.Example) {
			t.Run(cmd.CommandPath()+"/"+line, func(t *testing.T) {
				runs := kithRuns(line)
				require.NotEmpty(t, runs, "an example runs kith")
				used[line] = true
				setup := exampleSetups[line]
				e := newTestEnv(t)
				e.tty = setup.tty
				dir := filepath.Dir(e.env["KITH_DB"])
				t.Chdir(dir)
				if !setup.empty {
					require.NoError(t, os.WriteFile(e.env["KITH_DB"], template, 0o600))
				}
				if setup.syncServer {
					if exampleSyncServer == nil {
						t.Skip("no sync server can run here")
					}
					exampleSyncServer(t, e)
				}
				for name, fixture := range setup.files {
					name = expandHome(name, e.env["HOME"])
					require.NoError(t, os.MkdirAll(filepath.Dir(name), 0o700))
					data, err := os.ReadFile(filepath.Join(repoRoot, "testdata", "import", fixture))
					require.NoError(t, err)
					require.NoError(t, os.WriteFile(name, data, 0o600))
				}
				for _, args := range setup.before {
					_, stderr, code := e.run("", args...)
					require.Equal(t, 0, code, "setup %q: %s", args, stderr)
				}
				stdin := setup.stdin
				if name, ok := strings.CutPrefix(stdin, "@"); ok {
					data, err := os.ReadFile(name)
					require.NoError(t, err)
					stdin = string(data)
				}
				var prevOut string
				for _, r := range runs {
					args := make([]string, len(r.args))
					for i, a := range r.args {
						args[i] = expandHome(a, e.env["HOME"])
					}
					in := stdin
					if r.pipedFromKith {
						in = prevOut
					}
					out, stderr, code := e.run(in, args...)
					require.Equal(t, 0, code, "kith %s: %s", strings.Join(args, " "), stderr)
					prevOut = out
				}
			})
		}
	}
	for line := range exampleSetups {
		assert.True(t, used[line], "exampleSetups names a line no help has: %s", line)
	}
}

// seedExamples adds the people, follow-ups, introductions and targets the
// examples name: ana, bo, cy, Dan Wu, contacts up to id 31, follow-ups 3,
// 4 and 7, introduction 3, coffees 7 and 8 (held) and 9 and 10 (planned)
// and target 3.
func seedExamples(t *testing.T, e *testEnv) {
	t.Helper()
	run := func(args ...string) {
		_, stderr, code := e.run("", args...)
		require.Equal(t, 0, code, "seed %q: %s", args, stderr)
	}
	run("contact", "add", "Ana Lima", "--email", "ana@lima.law", "--company", "Lima Law", "--category", "lawyer",
		"--tag", "golf", "--tag", "bni", "--stage", "lead", "--met-at", "BNI breakfast", "--idea", "send seminar invite")
	run("contact", "add", "Bo Chen", "--email", "bo@chen.io", "--company", "Acme Corp", "--category", "contractor")
	run("contact", "add", "Cy Diaz", "--company", "Initech")
	run("contact", "add", "Dan Wu", "--company", "Wu Accounting")
	for id := 5; id <= 31; id++ {
		run("contact", "add", fmt.Sprintf("Person %d", id))
	}
	for range 8 {
		run("followup", "add", "ana", "call back")
	}
	run("intro", "add", "ana", "bo", "--kind", "alliance", "--on", "2026-02-20")
	run("intro", "add", "ana", "cy", "--kind", "client", "--status", "promised", "--on", "2026-02-20")
	run("intro", "add", "bo", "Dan Wu", "--kind", "coffee", "--unasked", "--on", "2026-02-20")
	run("coffee", "log", "ana", "bo", "--on", "monday")
	for range 7 { // coffees 2 to 8, then the plans 9 and 10
		run("coffee", "log", "cy", "--on", "2026-02-20")
	}
	run("coffee", "log", "cy", "--planned", "--on", "friday")
	run("coffee", "log", "Dan Wu", "--planned", "--on", "friday")
	run("target", "add", "Initech", "--segment", "banking")
	run("target", "add", "Hooli", "--segment", "manufacturing")
	run("target", "add", "Umbrella", "--segment", "logistics")
	run("goal", "set", "coffees-per-week", "6")
}

func allCommands(root *cobra.Command) []*cobra.Command {
	out := []*cobra.Command{root}
	for _, c := range root.Commands() {
		out = append(out, allCommands(c)...)
	}
	return out
}

// exampleLines are an Example's command lines: comments and blanks dropped.
func exampleLines(example string) []string {
	var out []string
	for _, l := range strings.Split(example, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// kithRun is one kith command of an example line's pipeline.
type kithRun struct {
	args          []string
	pipedFromKith bool // stdin is the previous kith command's stdout
}

// kithRuns reads the kith commands out of a shell line: words split as the
// shell would (quotes, no expansion), each pipe stage from its "kith" word
// to a redirection or the stage's end. Stages that are not kith (jq, dot,
// a crontab's schedule) are left out; after || nothing is read.
func kithRuns(line string) []kithRun {
	var runs []kithRun
	prevKith := false
	for _, stage := range pipeStages(shellWords(line)) {
		i := 0
		for i < len(stage) && stage[i] != "kith" {
			i++
		}
		if i == len(stage) {
			prevKith = false
			continue
		}
		var args []string
		for _, w := range stage[i+1:] {
			if w == ">" || w == ">>" || w == "<" {
				break
			}
			args = append(args, w)
		}
		runs = append(runs, kithRun{args: args, pipedFromKith: prevKith})
		prevKith = true
	}
	return runs
}

func pipeStages(words []string) [][]string {
	var stages [][]string
	var cur []string
	for _, w := range words {
		switch w {
		case "||", "&&":
			return append(stages, cur)
		case "|":
			stages = append(stages, cur)
			cur = nil
		default:
			cur = append(cur, w)
		}
	}
	return append(stages, cur)
}

// shellWords splits a line into words and the operators | || && > >> <.
// Quotes group and are removed; nothing is expanded, and $(...) stays in
// its word as written.
func shellWords(line string) []string {
	var words []string
	var b strings.Builder
	inWord := false
	flush := func() {
		if inWord {
			words = append(words, b.String())
			b.Reset()
			inWord = false
		}
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == ' ' || c == '\t':
			flush()
		case c == '\'':
			j := strings.IndexByte(line[i+1:], '\'')
			b.WriteString(line[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			i++
			for ; line[i] != '"'; i++ {
				if line[i] == '\\' {
					i++
				}
				b.WriteByte(line[i])
			}
			inWord = true
		case c == '$' && strings.HasPrefix(line[i:], "$("):
			j := strings.IndexByte(line[i:], ')')
			b.WriteString(line[i : i+j+1])
			i += j
			inWord = true
		case c == '|' || c == '&' || c == '>' || c == '<':
			flush()
			op := string(c)
			if i+1 < len(line) && (line[i+1] == c) {
				op += string(c)
				i++
			}
			words = append(words, op)
		default:
			b.WriteByte(c)
			inWord = true
		}
	}
	flush()
	return words
}

func expandHome(s, home string) string {
	if rest, ok := strings.CutPrefix(s, "~/"); ok {
		return filepath.Join(home, rest)
	}
	return s
}

// repoRoot is the repository's top folder, for the import fixtures, found
// before any test changes the working folder.
var repoRoot = func() string {
	wd, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	return filepath.Join(wd, "..", "..")
}()

// TestEveryCommandHasAHelpGroup holds kith --help to its headings: a new
// command is placed in helpGroups, not left under "Additional Commands".
func TestEveryCommandHasAHelpGroup(t *testing.T) {
	root := NewRootCmd(&Factory{})
	root.InitDefaultHelpCmd()
	for _, cmd := range root.Commands() {
		assert.NotEmpty(t, cmd.GroupID, "kith %s is under no heading of kith --help: add it to helpGroups", cmd.Name())
	}
	e := newTestEnv(t)
	out, _, code := e.run("", "--help")
	require.Equal(t, 0, code)
	assert.Regexp(t, `(?s)\nEveryday:\n  ask .*\n  contact .*\nMeasure:\n  fans .*\nData:\n  backup .*\nMore:\n`, out)
	assert.NotContains(t, out, "Additional Commands")
}

func TestVersionFlag(t *testing.T) {
	e := newTestEnv(t)
	want, _, code := e.run("", "version")
	require.Equal(t, 0, code)
	for _, flag := range []string{"--version", "-v"} {
		out, stderr, code := e.run("", flag)
		assert.Equal(t, 0, code, stderr)
		assert.Equal(t, want, out, flag)
	}
	out, _, _ := e.run("", "--version", "--json")
	assert.Contains(t, out, `"schema_version"`)
}
