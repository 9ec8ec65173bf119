package cli

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEmptyFansListSaysWhy checks the terminal's one line for an empty
// 211° list: nobody is an advocate yet, or they are all raving fans
// already.
func TestEmptyFansListSaysWhy(t *testing.T) {
	e := newTestEnv(t)
	e.tty = true
	for _, name := range []string{"Ana", "Bo", "Cy"} {
		_, _, code := e.run("", "contact", "add", name)
		require.Equal(t, 0, code)
	}
	for _, cmd := range []string{"fans", "plan"} {
		out, _, code := e.run("", cmd)
		require.Equal(t, 0, code)
		assert.Contains(t, out, "No advocates yet", cmd)
	}

	_, _, code := e.run("", "intro", "add", "ana", "bo", "--kind", "client", "--unasked")
	require.Equal(t, 0, code)
	for _, cmd := range []string{"fans", "plan"} {
		out, _, code := e.run("", cmd)
		require.Equal(t, 0, code)
		assert.Contains(t, out, "No advocates waiting: 1 raving fan already", cmd)
		assert.NotContains(t, out, "No advocates yet", cmd)
	}

	_, _, code = e.run("", "intro", "add", "cy", "bo", "--kind", "client")
	require.Equal(t, 0, code)
	out, errOut, code := e.run("", "fans")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "Cy")
	assert.NotContains(t, out, "No advocates", "an advocate is listed, so no note")
	assert.Empty(t, errOut)

	e.tty = false
	_, _, code = e.run("", "contact", "edit", "cy", "--advocacy", "raving_fan")
	require.Equal(t, 0, code)
	out, errOut, code = e.run("", "fans")
	require.Equal(t, 0, code)
	assert.Empty(t, out)
	assert.Empty(t, errOut, "piped: no note")
	e.tty = true
	out, _, _ = e.run("", "fans")
	assert.Contains(t, out, "No advocates waiting: 2 raving fans already")
}
