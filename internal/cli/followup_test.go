package cli

import (
	"os"
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

// TestFollowupDueExitCodeFailureIsNotDue checks that with --exit-code a
// failure exits 3, not the 1 that means "something is due": a script's
// `if ! kith followup due --exit-code` once fired on a broken database.
func TestFollowupDueExitCodeFailureIsNotDue(t *testing.T) {
	e := newTestEnv(t)
	require.NoError(t, os.WriteFile(e.env["KITH_DB"], []byte("not a database, but long enough to be read as one's header"), 0o600))
	tests := []struct {
		name string
		args []string
		env  map[string]string
		code int
	}{
		{"a broken database", []string{"followup", "due", "--exit-code"}, nil, 3},
		{"... without --exit-code", []string{"followup", "due"}, nil, 1},
		{"... with --exit-code=false", []string{"followup", "due", "--exit-code=false"}, nil, 1},
		{"a bad window", []string{"followup", "due", "--exit-code", "--within", "soon"}, nil, 3},
		{"a bad KITH_NOW", []string{"followup", "due", "--exit-code"}, map[string]string{"KITH_NOW": "soon"}, 3},
		{"a usage error", []string{"followup", "due", "--exit-code", "extra"}, nil, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				old := e.env[k]
				e.env[k] = v
				defer func() { e.env[k] = old }()
			}
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
