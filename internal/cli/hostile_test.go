package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hostile values: quotes, SQL, line breaks, terminal escape sequences (CSI
// colour, OSC window title, the one-byte C1 CSI, a bell), and long text.
var (
	hostileName    = "O'Brien \"Bob\" \x1b[31mRED\x1b[0m'); DROP TABLE contacts;--\nsecond line"
	hostileCompany = "Smith, Jones & \"Partners\"\t\x1b]0;pwned\x07Ltd"
	hostileNotes   = "line one\r\nline two\n\x1b[2J\x1b[Hcleared?\u009b31m\x00nul\x7fdel " +
		strings.Repeat("very long text ", 8000) + "end"
)

// assertSafeForTerminal fails when out carries a control character a
// terminal would act on: everything but line feeds (and tabs in plain
// output, where they separate cells).
func assertSafeForTerminal(t *testing.T, out string, allowTabs bool) {
	t.Helper()
	for i, r := range out {
		if r == '\n' || (allowTabs && r == '\t') {
			continue
		}
		if unicode.IsControl(r) {
			t.Fatalf("output has control character %U at byte %d: %q", r, i, out[max(0, i-20):min(len(out), i+20)])
		}
	}
}

func TestHostileTextIsStoredExactlyAndPrintedSafely(t *testing.T) {
	e := newTestEnv(t)
	_, stderr, code := e.run("", "contact", "add", hostileName, "--company", hostileCompany,
		"--note", hostileNotes, "--topic", "tab\there", "--tag", "a'b", "--email", "o.brien@example.com")
	require.Equal(t, 0, code, stderr)
	_, _, code = e.run("", "contact", "add", "Plain Person")
	require.Equal(t, 0, code)

	t.Run("stored exactly", func(t *testing.T) {
		out, stderr, code := e.run("", "--json", "contact", "show", "o.brien@example.com")
		require.Equal(t, 0, code, stderr)
		var c struct {
			Name, Company, Notes, Topic string
			Tags                        []string
		}
		require.NoError(t, json.Unmarshal([]byte(out), &c))
		assert.Equal(t, hostileName, c.Name)
		assert.Equal(t, hostileCompany, c.Company)
		assert.Equal(t, hostileNotes, c.Notes)
		assert.Equal(t, "tab\there", c.Topic)
		assert.Equal(t, []string{"a'b"}, c.Tags)
	})

	t.Run("found by its name", func(t *testing.T) {
		out, stderr, code := e.run("", "--json", "contact", "show", hostileName)
		require.Equal(t, 0, code, stderr)
		assert.Contains(t, out, `"company": "Smith, Jones`)
	})

	t.Run("table on a terminal", func(t *testing.T) {
		e.tty = true
		defer func() { e.tty = false }()
		out, stderr, code := e.run("", "contact", "list")
		require.Equal(t, 0, code, stderr)
		assertSafeForTerminal(t, out, false)
		lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
		assert.Len(t, lines, 3, "a header and one line per contact:\n%s", out)
		assert.Contains(t, out, "O'Brien")
		assert.Less(t, len(out), 2000, "long text is cut in a table")

		out, stderr, code = e.run("", "contact", "show", "o.brien@example.com")
		require.Equal(t, 0, code, stderr)
		assertSafeForTerminal(t, out, false)
		assert.Contains(t, out, "end", "the record view shows the whole note")
	})

	t.Run("plain when piped", func(t *testing.T) {
		out, stderr, code := e.run("", "contact", "list")
		require.Equal(t, 0, code, stderr)
		assertSafeForTerminal(t, out, true)
		lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
		require.Len(t, lines, 2, "one line per contact")
		for _, l := range lines {
			assert.Equal(t, strings.Count(lines[0], "\t"), strings.Count(l, "\t"), "line breaks and tabs in a cell never add cells")
		}
	})

	t.Run("errors quote what the user typed", func(t *testing.T) {
		_, stderr, code := e.run("", "contact", "show", "\x1b[31mnobody\x1b]0;x\x07")
		assert.Equal(t, 1, code)
		assertSafeForTerminal(t, stderr, false)
		assert.Regexp(t, `^kith: [^\n]+\n$`, stderr)
	})
}

// TestLongValuesAreClippedInErrors checks that a value quoted back in an
// error is cut short: the error stays one readable line however long the
// argument (Linux allows 128 KiB) or the bad cell of an imported file.
func TestLongValuesAreClippedInErrors(t *testing.T) {
	e := newTestEnv(t)
	_, stderr, code := e.run("", "contact", "add", "Ana Lima")
	require.Equal(t, 0, code, stderr)
	long := strings.Repeat("é", 60000)
	tests := []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"unknown contact", "", []string{"contact", "show", long}, `^kith: no contact matches "éé+…"; kith contact list --search "éé+…" finds`},
		{"bad date", "", []string{"followup", "add", "ana", "x", "--due", long}, `^kith: bad --due: cannot read "éé+…" as a date`},
		{"bad email", "", []string{"contact", "add", "Bo", "--email", long}, `^kith: .*"éé+…"`},
		{"bad stage", "", []string{"contact", "list", "--stage", long}, `^kith: .*"éé+…"`},
		{"bad cell", "name,emails\nBo," + long + "\n", []string{"contact", "import", "-"}, `^kith: stdin:2: malformed email "éé+…"`},
		{"bad column", "name," + long + "\nBo,x\n", []string{"contact", "import", "-"}, `^kith: stdin:1: unknown column "éé+…"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := e.run(tt.stdin, tt.args...)
			assert.Equal(t, 1, code)
			assert.Regexp(t, tt.want, stderr)
			assert.Less(t, len(stderr), 1000, "the error is one short line")
		})
	}
}
