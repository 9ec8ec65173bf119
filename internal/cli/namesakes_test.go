package cli

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNamesakesAreAskedAboutOnTerminal: a second Ben Carter, a rename onto
// his name and an answer that starts Hannah Lee's name are each asked
// about on a terminal, and each answer is taken.
func TestNamesakesAreAskedAboutOnTerminal(t *testing.T) {
	e := newTestEnv(t)
	for _, args := range [][]string{{"Ben Carter", "--company", "Acme"}, {"Hannah Lee"}, {"Ana Lima"}, {"Bo Chen"}} {
		_, stderr, code := e.run("", append([]string{"contact", "add"}, args...)...)
		require.Equal(t, 0, code, stderr)
	}
	e.tty = true

	out, stderr, code := e.run("n\n", "contact", "add", "ben carter")
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, "#1 Ben Carter at Acme has the same name\nAdd a new contact all the same? [y/N] Nothing added.\n", stderr)
	assert.Empty(t, out)
	out, stderr, code = e.run("y\n", "contact", "add", "Ben Carter")
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, "Added #5 Ben Carter\n", out)

	_, stderr, code = e.run("n\n", "contact", "edit", "bo", "--name", "Hannah Lee")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "#2 Hannah Lee has the same name\nRename #4 all the same? [y/N] Nothing changed.\n")

	out, stderr, code = e.run("\nHannah\ny\n\n", "ask", "ana")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "Did you mean #2 Hannah Lee? (y, n for someone new, Enter to skip): ")
	assert.Contains(t, out, "#1 client: Hannah Lee (contact #2)")
	out, stderr, code = e.run("Hannah\nn\n\n\n", "ask", "ana")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "#2 alliance: Hannah (new contact #6, halo)")
}
