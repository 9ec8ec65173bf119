package cli_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/kith-crm/kith/internal/cli"
	"github.com/kith-crm/kith/internal/render"
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
			checkTallyAfter(env)
			return err
		},
		RequireExplicitExec: true,
		RequireUniqueNames:  true, // a repeated file name is an error, not a silent overwrite
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"cmpexport": cmpExport,
			"fits":      fits,
		},
	}
	if testing.Short() {
		t.Logf("-short: only %s of the end-to-end scripts", smokeScript)
		params.Files = []string{filepath.Join(params.Dir, smokeScript)}
		params.Dir = ""
	}
	testscript.Run(t, params)
}

// fits is the script command "fits N FILE": no line of FILE (stdout, say)
// is wider than N terminal columns, counted as a terminal draws them.
func fits(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: fits N FILE")
	}
	n, err := strconv.Atoi(args[0])
	ts.Check(err)
	var wide []string
	for _, l := range strings.Split(ts.ReadFile(args[1]), "\n") {
		if render.Width(l) > n {
			wide = append(wide, fmt.Sprintf("%d columns: %q", render.Width(l), l))
		}
	}
	switch {
	case neg && len(wide) == 0:
		ts.Fatalf("every line of %s fits in %d columns", args[1], n)
	case !neg && len(wide) > 0:
		ts.Fatalf("lines of %s wider than %d columns:\n%s", args[1], n, strings.Join(wide, "\n"))
	}
}

// cmpExport is the script command "cmpexport A.json B.json": the two
// whole-database exports hold the same records, row for row. What only
// records that something happened is left out: each table's id sequence
// (an id once given stays used) and the journal's own tables.
func cmpExport(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: cmpexport A.json B.json")
	}
	a, b := exportRecords(ts, args[0]), exportRecords(ts, args[1])
	var differ []string
	for name, rows := range a {
		if !reflect.DeepEqual(rows, b[name]) {
			differ = append(differ, name)
		}
	}
	for name := range b {
		if _, ok := a[name]; !ok {
			differ = append(differ, name)
		}
	}
	sort.Strings(differ)
	switch {
	case neg && len(differ) == 0:
		ts.Fatalf("%s and %s hold the same records", args[0], args[1])
	case !neg && len(differ) > 0:
		for _, name := range differ {
			ts.Logf("%s:\n%s: %s\n%s: %s", name, args[0], a[name], args[1], b[name])
		}
		ts.Fatalf("%s and %s differ in %s", args[0], args[1], strings.Join(differ, ", "))
	}
}

// exportRecords reads an export's tables, but the journal's, as each
// table's columns and rows in JSON.
func exportRecords(ts *testscript.TestScript, file string) map[string]string {
	var dump struct {
		Tables []struct {
			Name    string          `json:"name"`
			Columns []string        `json:"columns"`
			Rows    json.RawMessage `json:"rows"`
		} `json:"tables"`
	}
	ts.Check(json.Unmarshal([]byte(ts.ReadFile(file)), &dump))
	out := map[string]string{}
	for _, t := range dump.Tables {
		if strings.HasPrefix(t.Name, "journal") {
			continue
		}
		var rows bytes.Buffer
		ts.Check(json.Compact(&rows, t.Rows))
		out[t.Name] = strings.Join(t.Columns, ",") + " " + rows.String()
	}
	return out
}
