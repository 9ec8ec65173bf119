package cli

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseGraphFormat(t *testing.T) {
	f, err := parseGraphFormat(" DOT ")
	require.NoError(t, err)
	assert.Equal(t, "dot", f)
	_, err = parseGraphFormat("svg")
	assert.ErrorContains(t, err, `unknown graph format "svg"`)
}
