package cli

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAskPromptsOnTerminal(t *testing.T) {
	e := newTestEnv(t)
	for _, name := range []string{"Ana Lima", "Sam Ng", "Sam Ng"} {
		_, _, code := e.run("", "contact", "add", name, "--new")
		require.Equal(t, 0, code)
	}
	e.tty = true
	out, stderr, code := e.run("Dan Wu @ Acme\nsam ng\n2\n\n", "ask", "ana")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, `Alliance (a name or "Name @ Company"; Enter to skip): `)
	assert.Contains(t, stderr, `"sam ng" matches several contacts:`)
	assert.Contains(t, out, "#1 alliance: Dan Wu (new contact #4, halo)")
	assert.Contains(t, out, "#2 client: Sam Ng (contact #3)")

	// answers given as flags are not asked for, even on a terminal
	out, stderr, code = e.run("", "ask", "ana", "--coffee", "Eve Park")
	require.Equal(t, 0, code, stderr)
	assert.NotContains(t, stderr, "Enter to skip")
	assert.Contains(t, out, "#3 coffee: Eve Park (new contact #5, halo)")

	// piped without --interactive: the questions only
	e.tty = false
	out, stderr, code = e.run("Zed\n", "ask", "ana")
	require.Equal(t, 0, code, stderr)
	assert.Empty(t, stderr)
	assert.Contains(t, out, "The three questions:")
	assert.NotContains(t, out, "Zed")
}
