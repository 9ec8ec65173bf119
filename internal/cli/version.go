package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/store"
)

// version is stamped at release time with -ldflags "-X ...cli.version=v1.2.3".
var version = ""

// Version returns the release version, or the module version Go recorded
// when kith was built with go install, or "dev".
func Version() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "dev"
}

// versionOptions is what kith version runs with.
type versionOptions struct {
	f *Factory
}

func newVersionCmd(f *Factory) *cobra.Command {
	opts := &versionOptions{f: f}
	return &cobra.Command{
		Use:   "version",
		Short: "Print kith's version",
		Long: `Print kith's release version, the database schema version it writes and the
Go version it was built with: what a bug report needs.`,
		Example: `  kith version
  kith version --json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runVersion(opts)
		},
	}
}

// runVersion prints the versions a bug report needs.
func runVersion(opts *versionOptions) error {
	f := opts.f
	info := struct {
		Version       string `json:"version"`
		SchemaVersion int    `json:"schema_version"`
		Go            string `json:"go"`
	}{Version(), store.SchemaVersion(), runtime.Version()}
	if f.flags.json {
		return renderJSON(f, info)
	}
	_, err := fmt.Fprintf(f.Out, "kith %s (schema %d, %s)\n", info.Version, info.SchemaVersion, info.Go)
	return err
}
