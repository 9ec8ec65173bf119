package kith

import (
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
