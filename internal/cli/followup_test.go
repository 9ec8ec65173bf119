package cli

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFollowupDueExitCodes(t *testing.T) {
	e := newTestEnv(t)
	out, stderr, code := e.run("", "followup", "due", "--exit-code")
	assert.Equal(t, 0, code, "nothing due")
	assert.Empty(t, out)
	assert.Empty(t, stderr)

	_, _, code = e.run("", "contact", "add", "Ana")
	require.Equal(t, 0, code)
	_, _, code = e.run("", "followup", "add", "ana", "call", "--due", "today")
	require.Equal(t, 0, code)

	out, stderr, code = e.run("", "followup", "due", "--exit-code")
	assert.Equal(t, 1, code, "something due")
	assert.Equal(t, "1\t2026-03-02\tAna\tcall\t0\n", out)
	assert.Empty(t, stderr, "--exit-code says it with the status alone")
	_, _, code = e.run("", "followup", "due")
	assert.Equal(t, 0, code, "without --exit-code, due items are success")

	tests := []struct {
		name string
		args []string
		code int
	}{
		{"bad window", []string{"followup", "due", "--within", "soon"}, 1},
		{"missing id", []string{"followup", "done", "99"}, 1},
		{"snooze without a length", []string{"followup", "snooze", "1"}, 2},
		{"add without text", []string{"followup", "add", "ana"}, 2},
		{"both --due and --in", []string{"followup", "add", "ana", "x", "--due", "today", "--in", "1d"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := e.run("", tt.args...)
			assert.Equal(t, tt.code, code, stderr)
			assert.Regexp(t, `^kith: [^\n]+\n$`, stderr)
		})
	}
}

func TestFollowupDueTableOnTerminal(t *testing.T) {
	e := newTestEnv(t)
	e.tty = true
	e.run("", "contact", "add", "Ana")
	e.env["KITH_NOW"] = "2026-02-20" // written then, late today
	e.run("", "followup", "add", "ana", "call", "--due", "2026-02-27")
	e.env["KITH_NOW"] = "2026-03-02"
	e.run("", "followup", "add", "ana", "write", "--in", "2d")
	out, _, code := e.run("", "followup", "due", "--within", "1w")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "OVERDUE")
	assert.Regexp(t, `1\s+2026-02-27\s+3 days\s+Ana\s+call`, out)
	assert.Regexp(t, `2\s+2026-03-04\s+in 2 days\s+Ana\s+write`, out)
}
