package render_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/render"
)

// contacts is a list as wide as kith contact list makes it, with names
// that are two columns a character.
var contacts = struct {
	table render.Table
	rows  [][]string
}{
	table: render.Table{
		Headers:   []string{"ID", "Name", "Company", "Category", "Stage", "Email", "Phone", "Last contact"},
		DropFirst: []string{"Phone", "Email"},
		Empty:     "no contacts match",
	},
	rows: [][]string{
		{"1", "Ana Lima", "Lima Law Partners International", "lawyer", "halo", "ana@lima.law", "+1 555 0100", "2026-03-04"},
		{"2", "山田 太郎", "株式会社山田建設グループホールディングス", "contractor", "lead", "taro@example.co.jp", "+81 3 1234 5678", ""},
		{"3", "Zoë 👩‍💻 Ng", "Acme", "existing client", "client", "", "", "2026-01-10"},
	},
}

func printTable(t *testing.T, tb render.Table, m render.Mode, rows [][]string) []string {
	t.Helper()
	var out bytes.Buffer
	require.NoError(t, tb.Print(&out, m, rows, rows))
	return strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
}

func TestTableFitsTheTerminal(t *testing.T) {
	for _, width := range []int{20, 40, 60, 80, 100, 200} {
		lines := printTable(t, contacts.table, render.Mode{TTY: true, Width: width}, contacts.rows)
		require.Len(t, lines, 4)
		for _, l := range lines {
			assert.LessOrEqual(t, render.Width(l), width, "at %d columns: %q", width, l)
		}
		assert.True(t, strings.HasPrefix(lines[0], "ID  NAME"), "at %d columns the first columns stay: %q", width, lines[0])
	}
}

func TestTableColumnsLineUpByDisplayWidth(t *testing.T) {
	lines := printTable(t, contacts.table, render.Mode{TTY: true, Width: 80}, contacts.rows)
	assert.Equal(t, []string{
		"ID  NAME       COMPANY                     CATEGORY         STAGE   LAST CONTACT",
		"1   Ana Lima   Lima Law Partners Interna…  lawyer           halo    2026-03-04",
		// a wide character is not split: the cut falls a column short
		"2   山田 太郎  株式会社山田建設グループ…   contractor       lead",
		"3   Zoë 👩‍💻 Ng  Acme                        existing client  client  2026-01-10",
	}, lines)
}

func TestTableHidesColumnsInOrder(t *testing.T) {
	lines := printTable(t, contacts.table, render.Mode{TTY: true, Width: 100}, contacts.rows)
	assert.Contains(t, lines[0], "EMAIL", "Email comes back before Phone")
	assert.NotContains(t, lines[0], "PHONE")

	lines = printTable(t, contacts.table, render.Mode{TTY: true, Width: 34}, contacts.rows)
	assert.Equal(t, "ID  NAME       COMPANY", lines[0], "from the right after DropFirst")
}

func TestTableWide(t *testing.T) {
	lines := printTable(t, contacts.table, render.Mode{TTY: true, Width: 80, Wide: true}, contacts.rows)
	assert.Contains(t, lines[0], "PHONE")
	assert.Contains(t, lines[1], "Lima Law Partners International")
	assert.Greater(t, render.Width(lines[1]), 80)

	var js bytes.Buffer
	require.NoError(t, contacts.table.Print(&js, render.Mode{JSON: true, TTY: true, Wide: true}, contacts.rows, []int{1}))
	assert.Equal(t, "[\n  1\n]\n", js.String(), "--wide with --json is JSON")
}

func TestTableWrapsItsProseColumn(t *testing.T) {
	tb := render.Table{Headers: []string{"Week", "Name", "Action"}, Wrap: "Action"}
	rows := [][]string{{"1", "Ana Lima", "Give first: introduce Ana to someone who needs what they do"}}
	lines := printTable(t, tb, render.Mode{TTY: true, Width: 40}, rows)
	assert.Equal(t, []string{
		"WEEK  NAME      ACTION",
		"1     Ana Lima  Give first: introduce",
		"                Ana to someone who needs",
		"                what they do",
	}, lines)
}

func TestTableEmpty(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, contacts.table.Print(&out, render.Mode{TTY: true, Colour: true}, nil, nil))
	assert.Equal(t, "\x1b[2mno contacts match\x1b[0m\n", out.String(), "one dim line on a terminal")
	out.Reset()
	require.NoError(t, contacts.table.Print(&out, render.Mode{TTY: true}, nil, nil))
	assert.Equal(t, "no contacts match\n", out.String(), "NO_COLOR: the line, not dimmed")
	out.Reset()
	require.NoError(t, contacts.table.Print(&out, render.Mode{}, nil, nil))
	assert.Empty(t, out.String(), "piped: silent")
	require.NoError(t, render.Table{Headers: []string{"ID"}}.Print(&out, render.Mode{TTY: true}, nil, nil))
	assert.Empty(t, out.String(), "nothing to say: nothing said")
}

func TestWidthAndTruncate(t *testing.T) {
	assert.Equal(t, 8, render.Width("Ana Lima"))
	assert.Equal(t, 9, render.Width("山田 太郎"))
	assert.Equal(t, 2, render.Width("👩‍💻"), "an emoji sequence is one wide character")
	assert.Equal(t, 4, render.Width("Zoë "), "a combining accent takes no column")
	assert.Equal(t, "short", render.Truncate("short", 10))
	assert.Equal(t, "日本…", render.Truncate("日本語です", 6))
	assert.Equal(t, "日…", render.Truncate("日本語です", 4), "a wide character is not split")
	assert.Equal(t, "", render.Truncate("abc", 0))
}

func TestWrap(t *testing.T) {
	tests := map[string]struct {
		in    string
		width int
		want  string
	}{
		"fits":             {"Some one", 20, "Some one"},
		"at spaces":        {"Someone who roofs", 10, "Someone\nwho roofs"},
		"keeps its indent": {"  Give first: you have", 14, "  Give first:\n  you have"},
		"list item hangs":  {"  1. Alliance: Ana, who else", 16, "  1. Alliance:\n     Ana, who\n     else"},
		"long word cut":    {"see https://example.com/x", 10, "see\nhttps://ex\nample.com/\nx"},
		"wide characters":  {"日本語の 紹介です", 8, "日本語の\n紹介です"},
		"lines kept":       {"Hi Ana,\n\nThanks", 5, "Hi\nAna,\n\nThank\ns"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			got := render.Wrap(tt.in, tt.width)
			assert.Equal(t, tt.want, got)
			for _, l := range strings.Split(got, "\n") {
				assert.LessOrEqual(t, render.Width(l), tt.width)
			}
		})
	}
}

func TestColumnsFitByDisplayWidth(t *testing.T) {
	cols := []render.Column{
		{Title: "contractor (2)", Lines: []string{"山田 太郎", "Bo Chen"}},
		{Title: "lawyer (1)", Lines: []string{"Ana Lima"}},
	}
	var out bytes.Buffer
	require.NoError(t, render.Columns(&out, cols, 30))
	assert.Equal(t, "contractor (2)   lawyer (1)\n"+
		"──────────────   ──────────\n"+
		"山田 太郎        Ana Lima\n"+
		"Bo Chen\n", out.String())
	out.Reset()
	require.NoError(t, render.Columns(&out, []render.Column{{Title: "x", Lines: []string{strings.Repeat("ab ", 30)}}}, 20))
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		assert.LessOrEqual(t, render.Width(l), 20)
	}
}

func TestTableHidesAnEmptyColumnFirst(t *testing.T) {
	tb := render.Table{Headers: []string{"ID", "Place", "Topic", "Planned"}}
	rows := [][]string{{"1", "Blue Bottle Coffee on Market Street", "new baby and the seminar series", ""}}
	lines := printTable(t, tb, render.Mode{TTY: true, Width: 60}, rows)
	assert.Equal(t, "ID  PLACE                        TOPIC", lines[0])
	lines = printTable(t, tb, render.Mode{TTY: true, Width: 100}, rows)
	assert.Contains(t, lines[0], "PLANNED", "shown when there is room")
}
