package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
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

// TestControlCharactersAreRefusedWhereTheyEnter checks every kind of entry
// (an argument, a flag, a list flag, a prompt's line): a control character
// other than TAB is refused with the character named, and nothing is
// stored; in an imported file, the field holding it is dropped and listed.
// A note keeps its lines, with CR LF and CR written LF.
func TestControlCharactersAreRefusedWhereTheyEnter(t *testing.T) {
	e := newTestEnv(t)
	_, stderr, code := e.run("", "contact", "add", "Ana Lima", "--email", "ana@example.com")
	require.Equal(t, 0, code, stderr)
	tests := []struct {
		name  string
		stdin string
		args  []string
		want  string
	}{
		{"CR in a name", "", []string{"contact", "add", "Eve\rEMAIL:evil@attacker.example"},
			`argument "Eve\\rEMAIL:evil@attacker.example" holds a control character \(CR, U\+000D\)`},
		{"escape sequence in a company", "", []string{"contact", "edit", "ana", "--company", "\x1b]0;pwned\x07"},
			`--company value "\\x1b\]0;pwned\\a" holds a control character \(ESC, U\+001B\)`},
		{"LF in a tag", "", []string{"contact", "edit", "ana", "--tag", "a\nb"}, `--tag value "a\\nb" holds .* \(LF, U\+000A\)`},
		{"C1 control in a follow-up", "", []string{"followup", "add", "ana", "call \u009b31m"}, `\(U\+009B\)`},
		{"escape in a note", "", []string{"coffee", "log", "ana", "--note", "\x1b[2J"}, `a note may hold line breaks and tabs`},
		{"NUL in a target", "", []string{"target", "add", "Acme", "--segment", "a\x00b"}, `\(NUL, U\+0000\)`},
		{"a prompt's line", "Bo\x1b[31m\n", []string{"ask", "ana", "--interactive"}, `stdin:1: the .* holds a control character \(ESC`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := e.run(tt.stdin, tt.args...)
			assert.Equal(t, 1, code, stderr)
			assert.Regexp(t, tt.want, stderr)
			assertSafeForTerminal(t, stderr, false)
		})
	}
	out, stderr, code := e.run("", "--json", "contact", "list")
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, 1, strings.Count(out, `"id"`), "nothing was added: %s", out)
	assert.Contains(t, out, `"company": ""`, "nothing was changed")

	// an imported file's cell is dropped, and listed; the person is kept
	_, stderr, code = e.run("name,company\nBo,Ac\x0bme\n", "contact", "import", "-")
	require.Equal(t, 0, code, stderr)
	assert.Regexp(t, `(?m)^dropped stdin:2: the company "Ac\\vme" holds a control character \(U\+000B\)`, stderr)
	assertSafeForTerminal(t, stderr, false)
	out, stderr, code = e.run("", "--json", "contact", "show", "Bo")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, `"company": ""`)

	_, stderr, code = e.run("", "contact", "edit", "ana", "--note", "one\r\ntwo\rthree\tcolumn\nfour")
	require.Equal(t, 0, code, stderr)
	out, stderr, code = e.run("", "--json", "contact", "show", "ana")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, `"text": "one\ntwo\nthree\tcolumn\nfour"`, "a note keeps its lines, written LF")

	// so do the words of kith note
	_, stderr, code = e.run("", "note", "ana", "five\r\nsix")
	require.Equal(t, 0, code, stderr)
	out, stderr, code = e.run("", "--json", "contact", "show", "ana")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, `"text": "five\nsix"`)
	_, stderr, code = e.run("", "note", "ana", "a\x1b[31mred")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "holds a control character (ESC")
}

// TestHostileTextIsStoredExactlyAndPrintedSafely restores a database that
// holds control characters (stored before kith refused them, and kept by
// 'kith import', which restores a backup as it was) and checks that every
// way of printing it escapes them.
func TestHostileTextIsStoredExactlyAndPrintedSafely(t *testing.T) {
	e := newTestEnv(t)
	_, stderr, code := e.run("", "contact", "add", "Placeholder", "--company", "X", "--note", "Y",
		"--topic", "Z", "--tag", "a'b", "--email", "o.brien@example.com")
	require.Equal(t, 0, code, stderr)
	_, _, code = e.run("", "contact", "add", "Plain Person")
	require.Equal(t, 0, code)
	dump, stderr, code := e.run("", "export")
	require.Equal(t, 0, code, stderr)
	dump = withContactText(t, dump, map[string]string{"name": hostileName, "company": hostileCompany,
		"notes": hostileNotes, "topic": "tab\there"})
	e.env["KITH_DB"] += ".restored"
	_, stderr, code = e.run(dump, "import", "-")
	require.Equal(t, 0, code, stderr)

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

// withContactText sets text columns of the first contact in a database
// export, as an older kith could have stored them.
func withContactText(t *testing.T, dump string, set map[string]string) string {
	t.Helper()
	var d struct {
		Tables []struct {
			Name    string   `json:"name"`
			Columns []string `json:"columns"`
			Rows    [][]any  `json:"rows"`
		} `json:"tables"`
		Rest map[string]any `json:"-"`
	}
	var whole map[string]any
	require.NoError(t, json.Unmarshal([]byte(dump), &whole))
	require.NoError(t, json.Unmarshal([]byte(dump), &d))
	for _, tb := range d.Tables {
		if tb.Name != "contacts" {
			continue
		}
		for i, col := range tb.Columns {
			if v, ok := set[col]; ok {
				tb.Rows[0][i] = v
			}
		}
	}
	whole["tables"] = d.Tables
	out, err := json.Marshal(whole)
	require.NoError(t, err)
	return string(out)
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
		code  int
	}{
		{"unknown contact", "", []string{"contact", "show", long}, `^kith: no contact matches "éé+…"; kith contact list --search "éé+…" finds`, 1},
		{"bad date", "", []string{"followup", "add", "ana", "x", "--due", long}, `^kith: bad --due: cannot read "éé+…" as a date`, 1},
		{"bad email", "", []string{"contact", "add", "Bo", "--email", long}, `^kith: .*"éé+…"`, 1},
		{"bad stage", "", []string{"contact", "list", "--stage", long}, `^kith: .*"éé+…"`, 1},
		{"bad cell", "name,emails\nBo," + long + "\n", []string{"contact", "import", "-"}, `^dropped stdin:2: first email "éé+…" is not an address`, 0},
		{"bad column", "name," + long + "\nBo,x\n", []string{"contact", "import", "-"}, `^kith: stdin:1: unknown column "éé+…"`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := e.run(tt.stdin, tt.args...)
			assert.Equal(t, tt.code, code)
			assert.Regexp(t, tt.want, stderr)
			assert.Less(t, len(stderr), 1000, "the error is one short line")
		})
	}
}

// TestOverlongValuesAreRefused checks the field bound: a name or company
// over 64 KiB is refused with the bound named, at FILE:LINE in an import,
// and nothing is stored.
func TestOverlongValuesAreRefused(t *testing.T) {
	e := newTestEnv(t)
	long := strings.Repeat("B", 70<<10)
	_, stderr, code := e.run("", "contact", "add", long)
	assert.Equal(t, 1, code)
	assert.Equal(t, "kith: the name is 70 KiB long, over the 64 KiB kith keeps; keep longer text in the notes, which hold up to 1 MiB\n", stderr)

	_, stderr, code = e.run("name,company\nAna,Acme\nBo,"+long+"\n", "contact", "import", "-")
	assert.Equal(t, 1, code)
	assert.Regexp(t, `^kith: stdin:3: the company is 70 KiB long, over the 64 KiB kith keeps .*; nothing was imported`, stderr)
	out, _, _ := e.run("", "contact", "list")
	assert.Empty(t, out)
}

// TestFilePathsAreEscapedInMessages checks that a file name holding an
// escape sequence, a bidi control or bytes that are not UTF-8 (any bytes
// make a Linux file name) reaches the terminal escaped, in errors and in
// an import's summary, as stored text does everywhere else.
func TestFilePathsAreEscapedInMessages(t *testing.T) {
	e := newTestEnv(t)
	dir := t.TempDir()
	name := filepath.Join(dir, "x\x1b]0;pwned\x07\u202e\xff.csv")

	_, stderr, code := e.run("", "contact", "import", name)
	assert.Equal(t, 1, code)
	assertSafeForTerminal(t, stderr, false)
	assert.Contains(t, stderr, `x\x1b]0;pwned\a\u202e\xff.csv: no such file`)

	if err := os.WriteFile(name, []byte("name\nAna\nBo,x\n"), 0o600); err != nil {
		t.Skipf("this system refuses such a file name: %v", err)
	}
	_, stderr, code = e.run("", "contact", "import", name, "--skip-invalid")
	assert.Equal(t, 0, code, stderr)
	assertSafeForTerminal(t, stderr, false)
	assert.Contains(t, stderr, `Imported `)
}
