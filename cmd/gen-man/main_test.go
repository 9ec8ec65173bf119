package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/cli"
)

// TestEveryCommandHasAPage writes the pages and finds one for each command
// a user can run, saying what its help says.
func TestEveryCommandHasAPage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "man")
	require.NoError(t, write(dir))
	var walk func(cmd *cobra.Command)
	walk = func(cmd *cobra.Command) {
		if !cmd.IsAvailableCommand() && cmd.HasParent() {
			return
		}
		page, err := os.ReadFile(filepath.Join(dir, strings.ReplaceAll(cmd.CommandPath(), " ", "-")+".1"))
		if assert.NoError(t, err, cmd.CommandPath()) {
			assert.Contains(t, string(page), ".SH NAME", cmd.CommandPath())
			assert.Contains(t, string(page), cmd.Short, cmd.CommandPath())
		}
		for _, sub := range cmd.Commands() {
			walk(sub)
		}
	}
	walk(cli.NewRootCmd(&cli.Factory{}))
}
