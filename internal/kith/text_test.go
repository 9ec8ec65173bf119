package kith

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckText(t *testing.T) {
	tests := []struct {
		name, in string
		note     bool
		want     string // "" when the text is accepted
	}{
		{"plain text", "Ana Lima", false, ""},
		{"a tab", "a\tb", false, ""},
		{"a CR", "Eve\rEMAIL:x", false, `the name "Eve\rEMAIL:x" holds a control character (CR, U+000D)`},
		{"a line break outside a note", "a\nb", false, "(LF, U+000A)"},
		{"a line break in a note", "a\nb", true, ""},
		{"an escape sequence in a note", "\x1b[2J", true, "(ESC, U+001B)"},
		{"NUL", "a\x00", false, "(NUL, U+0000)"},
		{"DEL", "a\x7f", false, "(DEL, U+007F)"},
		{"a C1 control", "a\u009b31m", false, "(U+009B)"},
		{"a line separator is text, not a control", "a\u2028b", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckText("the name", tt.in, tt.note)
			if tt.want == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
			assert.Equal(t, Invalid, ErrorCode(err))
		})
	}
}

func TestNormalizeTextControl(t *testing.T) {
	c := Contact{Name: "Ana", Notes: "one\r\ntwo\rthree\n"}
	require.NoError(t, c.Normalize())
	assert.Equal(t, "one\ntwo\nthree\n", c.Notes, "a note's CR LF and CR become LF")

	for name, c := range map[string]Contact{
		"name":  {Name: "Eve\rEMAIL:x"},
		"title": {Name: "Ana", Title: "CTO\x1b[31m"},
		"tag":   {Name: "Ana", Tags: []string{"a\nb"}},
		"notes": {Name: "Ana", Notes: "\x07"},
	} {
		assert.ErrorContains(t, c.Normalize(), "holds a control character", name)
	}
	target := Target{Name: "Acme", Notes: "a\r\nb"}
	require.NoError(t, target.Normalize())
	assert.Equal(t, "a\nb", target.Notes)
	assert.Error(t, (&Target{Name: "Ac\x1bme"}).Normalize())
}

func TestCheckValueLength(t *testing.T) {
	assert.NoError(t, CheckValue("the name", strings.Repeat("a", MaxFieldBytes), false))
	err := CheckValue("the name", strings.Repeat("a", 100<<20), false)
	require.Error(t, err)
	assert.Equal(t, "the name is 100 MiB long, over the 64 KiB kith keeps; keep longer text in the notes, which hold up to 1 MiB",
		err.Error()+"; "+err.(*Error).Hint)
	assert.NoError(t, CheckValue("the notes", strings.Repeat("a", MaxFieldBytes+1), true))
	assert.ErrorContains(t, CheckValue("the notes", strings.Repeat("a", MaxNoteBytes+1), true), "the notes is 1.1 MiB long, over the 1 MiB")

	c := Contact{Name: "Ana", Company: strings.Repeat("a", MaxFieldBytes+1)}
	assert.ErrorContains(t, c.Normalize(), "the company is 64.1 KiB long, over the 64 KiB kith keeps")

	for n, want := range map[int64]string{900: "900 bytes", 64 << 10: "64 KiB", 1536 << 10: "1.5 MiB", 3 << 30: "3 GiB"} {
		assert.Equal(t, want, ByteSize(n))
	}
}
