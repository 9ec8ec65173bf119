package render_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/render"
)

func TestCell(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		"plain":           {"Ana Lima", "Ana Lima"},
		"unicode kept":    {"Zoë 日本語", "Zoë 日本語"},
		"line breaks":     {"a\nb\r\nc\td", "a b  c d"},
		"escape sequence": {"\x1b[2J\x1b[31mred", `\x1b[2J\x1b[31mred`},
		"bell and del":    {"ding\x07\x7f", `ding\x07\x7f`},
		"c1 control":      {"x\u009by", `x\x9by`},
		"invalid utf8":    {"a\xffb", "a\ufffdb"},
		// a bidi override turns the rest of the printed line around, so a
		// name could make the cells after it read as something else
		"bidi override": {"evil\u202egpj.exe", `evil\u202egpj.exe`},
		"bidi isolate":  {"a\u2066b\u2069", `a\u2066b\u2069`},
		"rtl text kept": {"שלום عربي", "שלום عربي"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tt.want, render.Cell(tt.in))
		})
	}
	assert.Equal(t, "line one\nline two \\x1b", render.Text("line one\nline two \x1b"), "Text keeps line breaks")
}

func TestListModes(t *testing.T) {
	headers := []string{"ID", "Name"}
	rows := [][]string{{"1", "Ana\tLima"}, {"2", "Bo"}}
	value := []map[string]string{{"name": "Ana\tLima"}, {"name": "Bo"}}

	var plain bytes.Buffer
	require.NoError(t, render.List(&plain, render.Mode{}, headers, rows, value))
	assert.Equal(t, "1\tAna Lima\n2\tBo\n", plain.String(), "piped: one tab-separated line per record, no header")

	var table bytes.Buffer
	require.NoError(t, render.List(&table, render.Mode{TTY: true}, headers, rows, value))
	assert.Contains(t, table.String(), "NAME")
	assert.Contains(t, table.String(), "Ana Lima")

	var empty bytes.Buffer
	require.NoError(t, render.List(&empty, render.Mode{TTY: true}, headers, nil, []int{}))
	assert.Empty(t, empty.String(), "an empty list prints nothing, not a bare header")

	var js bytes.Buffer
	require.NoError(t, render.List(&js, render.Mode{JSON: true, TTY: true}, headers, rows, value))
	assert.True(t, strings.HasPrefix(js.String(), "[\n"))
	assert.Contains(t, js.String(), `"name": "Ana\tLima"`, "JSON keeps the exact text")
}

func TestRecord(t *testing.T) {
	var out bytes.Buffer
	fields := []render.Field{{Label: "Name", Value: "Ana"}, {Label: "Company", Value: ""}, {Label: "Notes", Value: "one\ntwo"}}
	require.NoError(t, render.Record(&out, render.Mode{}, fields, nil))
	assert.Equal(t, "Name:   Ana\nNotes:  one\n        two\n", out.String())
	out.Reset()
	long := []render.Field{{Label: "Advocacy", Value: "advocate (introduction #1, made when asked on 2026-03-04: Ana Lima introduced you to Dan Wu)"}}
	require.NoError(t, render.Record(&out, render.Mode{TTY: true, Width: 60}, long, nil))
	assert.Equal(t, "Advocacy:  advocate (introduction #1, made when asked on\n"+
		"           2026-03-04: Ana Lima introduced you to Dan Wu)\n", out.String(), "wrapped on a terminal")
	out.Reset()
	require.NoError(t, render.Record(&out, render.Mode{Width: 60}, long, nil))
	assert.Equal(t, 1, strings.Count(out.String(), "\n"), "piped: one line")
}
