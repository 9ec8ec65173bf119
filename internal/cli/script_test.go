package cli_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/kith-crm/kith/internal/cli"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"kith": func() { os.Exit(cli.Main(os.Args[1:])) },
	})
}

// smokeScript is the one end-to-end script go test -short runs: the whole
// coffee method in one story. The full set (some 800 kith processes, most
// of the short loop's time otherwise) runs in make test and without -short.
const smokeScript = "method_loop.txtar"

// TestScripts runs every testdata/script/*.txtar end to end against the
// real command tree, each in a sandbox whose HOME, XDG folders and
// database live under $WORK.
func TestScripts(t *testing.T) {
	params := testscript.Params{
		Dir: filepath.Join("..", "..", "testdata", "script"),
		Setup: func(env *testscript.Env) error {
			work := env.WorkDir
			env.Setenv("HOME", work)
			env.Setenv("XDG_CONFIG_HOME", filepath.Join(work, ".config"))
			env.Setenv("XDG_DATA_HOME", filepath.Join(work, ".local", "share"))
			env.Setenv("KITH_DB", filepath.Join(work, "kith.db"))
			env.Setenv("TZ", "UTC")
			env.Setenv("NO_COLOR", "1")
			// import fixtures, read in place: scripts cp them into $WORK
			fixtures, err := filepath.Abs(filepath.Join("..", "..", "testdata", "import"))
			env.Setenv("FIXTURES", fixtures)
			return err
		},
		RequireExplicitExec: true,
		RequireUniqueNames:  true, // a repeated file name is an error, not a silent overwrite
	}
	if testing.Short() {
		t.Logf("-short: only %s of the end-to-end scripts", smokeScript)
		params.Files = []string{filepath.Join(params.Dir, smokeScript)}
		params.Dir = ""
	}
	testscript.Run(t, params)
}
